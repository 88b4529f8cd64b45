//! A line chart drawn by hand as SVG, inline in the page: weeks along the
//! bottom, 0–100 up the side, one line per series, a gap where a week is
//! hidden. Hand-built rather than plotters' SVG backend: plotters lays text
//! out with a font registered by the channel edge (which the desk may not
//! import), and the chart is a few paths; here the browser draws the text
//! with its own fonts, Cyrillic included, and the page stays script-free.

use std::fmt::Write as _;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 36.0;
const COLOURS: [&str; 4] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

/// One line: its legend and a value (0–100) per week, `None` where hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// The chart as an `<svg>` element; every text is escaped. `title` is read
/// by screen readers too.
pub fn svg(title: &str, weeks: &[String], series: &[Series]) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = plot_w / weeks.len().max(1) as f64;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let y = |v: f64| TOP + plot_h * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" id="checkin-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12"><title>{}</title>"#,
        escape(title)
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let ty = y(tick);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{}" y1="{ty:.1}" y2="{ty:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{tick}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            ty + 4.0
        );
    }
    for (i, week) in weeks.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x(i),
            HEIGHT - BOTTOM + 18.0,
            escape(week)
        );
    }
    for (n, line) in series.iter().enumerate() {
        let colour = COLOURS[n % COLOURS.len()];
        let mut path = String::new();
        let mut pen_down = false;
        for (i, value) in line.values.iter().enumerate() {
            match value {
                Some(v) => {
                    let _ = write!(path, "{}{:.1} {:.1} ", if pen_down { "L" } else { "M" }, x(i), y(*v));
                    let _ = write!(out, r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"/>"#, x(i), y(*v));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(out, r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#, path.trim_end());
        }
        let legend_x = LEFT + 8.0 + 240.0 * n as f64;
        let _ = write!(
            out,
            r#"<rect x="{legend_x}" y="12" width="14" height="4" fill="{colour}"/><text x="{}" y="18">{}</text>"#,
            legend_x + 20.0,
            escape(&line.label)
        );
    }
    out.push_str("</svg>");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_week_breaks_the_line_and_texts_are_escaped() {
        let weeks = vec!["W1".to_owned(), "W2".to_owned(), "W3".to_owned()];
        let series = [Series { label: "<All> & co".into(), values: vec![Some(50.0), None, Some(75.0)] }];
        let svg = svg("Mean \"score\"", &weeks, &series);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;All&gt; &amp; co") && svg.contains("Mean &quot;score&quot;"));
        // Two separate moves: the hidden week is a gap, not a line through it.
        let path = svg.split("<path d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert!(!path.contains('L'), "{path}");
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn no_shown_week_draws_no_line() {
        let svg = svg("t", &["W1".to_owned()], &[Series { label: "x".into(), values: vec![None] }]);
        assert!(!svg.contains("<path"));
    }
}
