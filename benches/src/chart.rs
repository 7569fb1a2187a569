//! The bar chart, `latest.svg`: for every benchmark, one bar per engine showing its
//! time relative to LuaJIT with the JIT on, on a logarithmic axis. Drawn with
//! plotters' SVG backend, placing the bars and labels directly in pixels.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

const HEIGHT: i32 = 560;
const LEFT: i32 = 70;
const RIGHT_MARGIN: i32 = 20;
const TOP: i32 = 70;
const BOTTOM: i32 = HEIGHT - 130;
const BAR_WIDTH: i32 = 9;
const GROUP_GAP: i32 = 12;

/// `groups` are (label, ratio per engine); `engines` names the series in order.
pub fn write_svg(
    path: &Path,
    title: &str,
    engines: &[String],
    groups: &[(String, Vec<Option<f64>>)],
) -> Result<(), String> {
    draw(path, title, engines, groups).map_err(|e| format!("cannot draw {}: {e}", path.display()))
}

fn draw(
    path: &Path,
    title: &str,
    engines: &[String],
    groups: &[(String, Vec<Option<f64>>)],
) -> Result<(), Box<dyn std::error::Error>> {
    let group_width = BAR_WIDTH * engines.len().max(1) as i32 + GROUP_GAP;
    let width = (LEFT + group_width * groups.len() as i32 + RIGHT_MARGIN).max(640);
    let root = SVGBackend::new(path, (width as u32, HEIGHT as u32)).into_drawing_area();
    root.fill(&WHITE)?;

    let (lo, hi) = decade_range(groups.iter().flat_map(|(_, r)| r.iter().flatten().copied()));
    let y_of = |ratio: f64| -> i32 {
        let t = (ratio.log10() - lo) / (hi - lo);
        BOTTOM - (t * (BOTTOM - TOP) as f64).round() as i32
    };
    let text = |size: f64| ("sans-serif", size).into_font().color(&BLACK);

    root.draw(&Text::new(title.to_string(), (LEFT, 12), text(18.0)))?;

    // Grid lines at 1, 2 and 5 times every power of ten, labelled at the powers.
    let right = width - RIGHT_MARGIN;
    for decade in lo as i32..=hi as i32 {
        for (step, major) in [(1.0, true), (2.0, false), (5.0, false)] {
            let ratio = step * 10f64.powi(decade);
            if ratio.log10() > hi + 1e-9 {
                continue;
            }
            let y = y_of(ratio);
            let shade = if major { RGBColor(190, 190, 190) } else { RGBColor(232, 232, 232) };
            root.draw(&PathElement::new(vec![(LEFT, y), (right, y)], shade))?;
            let label = if ratio >= 1.0 { format!("{ratio:.0}×") } else { format!("{ratio}×") };
            let style = text(11.0).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(label, (LEFT - 6, y), style))?;
        }
    }
    // LuaJIT with the JIT is 1× by definition: a red line instead of a bar.
    let one = y_of(1.0);
    root.draw(&PathElement::new(vec![(LEFT, one), (right, one)], RED.stroke_width(2)))?;
    root.draw(&PathElement::new(vec![(LEFT, TOP), (LEFT, BOTTOM), (right, BOTTOM)], BLACK))?;

    for (g, (label, ratios)) in groups.iter().enumerate() {
        let x0 = LEFT + GROUP_GAP / 2 + g as i32 * group_width;
        for (e, ratio) in ratios.iter().enumerate() {
            let x = x0 + e as i32 * BAR_WIDTH;
            match ratio {
                Some(r) => {
                    let y = y_of(*r).clamp(TOP, BOTTOM);
                    root.draw(&Rectangle::new([(x, y), (x + BAR_WIDTH - 1, BOTTOM)], series_color(e).filled()))?;
                }
                None => {
                    // A missing bar (failed, unavailable) is marked at the baseline.
                    let color = series_color(e);
                    let style = text(9.0).color(&color).pos(Pos::new(HPos::Center, VPos::Bottom));
                    root.draw(&Text::new("×", (x + BAR_WIDTH / 2, BOTTOM - 1), style))?;
                }
            }
        }
        let label_style = text(12.0).transform(FontTransform::Rotate90).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(label.clone(), (x0 + group_width / 2 - GROUP_GAP / 2, BOTTOM + 6), label_style))?;
    }

    // Legend across the top.
    let mut x = LEFT;
    for (e, name) in engines.iter().enumerate() {
        root.draw(&Rectangle::new([(x, 42), (x + 12, 54)], series_color(e).filled()))?;
        root.draw(&Text::new(name.clone(), (x + 16, 42), text(12.0)))?;
        x += 24 + 8 * name.len() as i32;
    }
    root.present()?;
    Ok(())
}

/// Whole decades (as log10 values) covering every ratio and 1×.
fn decade_range(ratios: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for r in ratios.filter(|r| *r > 0.0 && r.is_finite()) {
        lo = lo.min(r.log10().floor());
        hi = hi.max(r.log10().ceil());
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

fn series_color(index: usize) -> RGBColor {
    const COLORS: [RGBColor; 6] = [
        RGBColor(31, 119, 180),
        RGBColor(255, 127, 14),
        RGBColor(44, 160, 44),
        RGBColor(148, 103, 189),
        RGBColor(140, 86, 75),
        RGBColor(127, 127, 127),
    ];
    COLORS[index % COLORS.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_cover_every_ratio() {
        assert_eq!(decade_range([0.5, 3.0, 42.0].into_iter()), (-1.0, 2.0));
        assert_eq!(decade_range(std::iter::empty()), (0.0, 1.0));
    }

    #[test]
    fn writes_an_svg_with_failed_bars() {
        let path = std::env::temp_dir().join(format!("neap-bench-chart-{}.svg", std::process::id()));
        let engines = vec!["neap".to_string(), "lua54".to_string()];
        let groups =
            vec![("fib".to_string(), vec![Some(4.0), Some(2.5)]), ("sieve".to_string(), vec![None, Some(0.8)])];
        write_svg(&path, "test", &engines, &groups).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("sieve"));
        let _ = std::fs::remove_file(path);
    }
}
