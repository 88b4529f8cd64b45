//! QR codes drawn on the server as inline SVG (no JavaScript, no image
//! requests): a link a phone's camera opens.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// A link and its QR code.
pub struct LinkCode {
    pub link: String,
    /// An `<svg>` element (no XML declaration), at least `size` pixels wide,
    /// with the quiet zone phones need to find it.
    pub svg: String,
}

/// The QR code of `link` (error correction M: survives a crease or a
/// smudge on a printed poster); `None` only for a link too long to encode.
pub fn link_code(link: String, size: u32) -> Option<LinkCode> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
    let drawn = code
        .render::<svg::Color<'_>>()
        .min_dimensions(size, size)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    let svg = match drawn.find("<svg") {
        Some(start) => drawn[start..].to_owned(),
        None => drawn,
    };
    Some(LinkCode { link, svg })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_an_inline_svg_element() {
        let code = link_code("https://t.me/bot?start=centre-x".to_owned(), 200).unwrap();
        assert!(code.svg.starts_with("<svg") && code.svg.ends_with("</svg>"), "{}", code.svg);
        assert!(!code.svg.contains("<?xml"));
        assert!(link_code("x".repeat(5000), 200).is_none(), "too long for a QR code");
    }
}
