//! Draws a [`Chart`] as a PNG (plotters into a pixel buffer, `png` to
//! encode), with the DejaVu Sans font shipped in `data/fonts` so that
//! Cyrillic labels need nothing installed on the machine.

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::conversation::Chart;
use crate::domain::Language;
use crate::i18n::Catalog;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 500;
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const COLOURS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
];

#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart: {0}")]
pub struct ChartError(String);

fn error(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

/// The chart as PNG bytes, its labels in the reader's language.
pub fn png(catalog: &Catalog, language: Language, chart: &Chart) -> Result<Vec<u8>, ChartError> {
    static FONT_REGISTERED: OnceLock<bool> = OnceLock::new();
    if !*FONT_REGISTERED.get_or_init(|| plotters::style::register_font("sans-serif", FontStyle::Normal, FONT).is_ok()) {
        return Err(ChartError("the built-in font did not load".into()));
    }
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(error)?;
        let weeks = chart.weeks.len().max(1);
        let labels: Vec<String> = chart
            .weeks
            .iter()
            .map(|w| match language {
                Language::Uk => w.format("%d.%m").to_string(),
                Language::En => w.format("%-d %b").to_string(),
            })
            .collect();
        let mut plot = ChartBuilder::on(&root)
            .caption(catalog.render(language, &chart.title), ("sans-serif", 24))
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(weeks as f64 - 0.5), 0f64..100f64)
            .map_err(error)?;
        plot.configure_mesh()
            .x_labels(weeks)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                labels.get(i as usize).cloned().unwrap_or_default()
            })
            .y_labels(11)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(("sans-serif", 14))
            .draw()
            .map_err(error)?;
        // The WHO-5 line below which talking to someone is suggested.
        plot.draw_series(LineSeries::new([(-0.5, 50.0), (weeks as f64 - 0.5, 50.0)], BLACK.mix(0.3))).map_err(error)?;
        for (series, colour) in chart.series.iter().zip(COLOURS.iter().cycle()) {
            let label = catalog.render(language, &series.label);
            let points: Vec<(f64, f64)> =
                series.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v))).collect();
            // Lines join only neighbouring weeks: a hidden week is a gap.
            for pair in points.windows(2).filter(|p| (p[1].0 - p[0].0 - 1.0).abs() < 0.01) {
                plot.draw_series(LineSeries::new(pair.iter().copied(), colour.stroke_width(3))).map_err(error)?;
            }
            plot.draw_series(points.iter().map(|p| Circle::new(*p, 5, colour.filled())))
                .map_err(error)?
                .label(label)
                .legend(move |(x, y)| Circle::new((x + 8, y), 5, colour.filled()));
        }
        plot.configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 15))
            .position(SeriesLabelPosition::LowerLeft)
            .draw()
            .map_err(error)?;
        root.present().map_err(error)?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(error)?;
    writer.write_image_data(&pixels).map_err(error)?;
    writer.finish().map_err(error)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Series;
    use crate::i18n::Text;

    #[test]
    fn a_chart_with_gaps_draws_as_a_png_in_both_languages() {
        let catalog = Catalog::load().expect("locales");
        let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).expect("valid date");
        let chart = Chart {
            title: Text::new("stats-chart-title"),
            weeks: (0..8).map(|i| monday - chrono::Duration::weeks(7 - i)).collect(),
            series: vec![
                Series {
                    label: Text::new("stats-all-ukraine"),
                    values: vec![None, Some(52.0), Some(48.5), None, Some(61.0), Some(60.0), Some(58.0), Some(44.0)],
                },
                Series {
                    label: Text::new("stats-oblast").plain("oblast", "Київська область"), values: vec![None; 8]
                },
            ],
        };
        for language in [Language::Uk, Language::En] {
            let bytes = png(&catalog, language, &chart).expect("drawn");
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
            let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
            let mut reader = decoder.read_info().expect("a readable PNG");
            assert_eq!((reader.info().width, reader.info().height), (WIDTH, HEIGHT));
            let mut pixels = vec![0; reader.output_buffer_size()];
            reader.next_frame(&mut pixels).expect("pixels");
            // The first series' points are drawn in its colour.
            let RGBColor(r, g, b) = COLOURS[0];
            assert!(pixels.chunks(3).filter(|p| p == &[r, g, b]).count() > 100);
        }
    }
}
