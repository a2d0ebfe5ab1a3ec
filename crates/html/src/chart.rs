//! Charts drawn as inline SVG with `plotters` (SVG backend only): every chart has a title (as the
//! SVG's `<title>`, with a `<desc>` saying what it shows; the page prints it as the figure's
//! caption), axis labels with units, tick labels of at least 13 px formatted for reading (`6,000`, not
//! `6000.0`), a light grid without minor lines, a colour-blind-safe palette (Okabe & Ito) and,
//! where it shows several series, a legend in headroom above the data. [`Chart::data_table`]
//! gives the same data as a table, the text alternative of the drawing.

use plotters::prelude::*;

const WIDTH: u32 = 860;
const HEIGHT: u32 = 420;
const FONT: &str = "sans-serif";
/// Tick and legend text size as plotters takes it (points: its SVG backend writes 1/1.24 of it
/// in px, so 17 is 13.7 px).
const LABEL_PX: u32 = 17;
/// Okabe & Ito's colour-blind-safe palette (blue, vermillion, bluish green, orange, reddish
/// purple, sky blue, black, yellow).
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
    RGBColor(240, 228, 66),
];
/// Grid lines at the labelled ticks.
const GRID: RGBColor = RGBColor(228, 228, 228);

/// A tick label: whole numbers with thousands separators and no decimals (`6,000`), others with
/// at most three significant decimals and no trailing zeros (`0.25`, `1.5`).
pub fn tick(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let v = if v.abs() < 1e-12 { 0.0 } else { v };
    if (v - v.round()).abs() < 1e-9 * v.abs().max(1.0) {
        let digits = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        return if v < 0.0 { format!("−{out}") } else { out };
    }
    let decimals = (2 - v.abs().log10().floor() as i32).clamp(1, 6) as usize;
    let text = format!("{:.decimals$}", v.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if v < 0.0 { format!("−{text}") } else { text.to_owned() }
}

/// The top of a y range raised so that a legend of `entries` lines fits above the data.
fn headroom(y0: f64, y1: f64, entries: usize) -> f64 {
    let plot_px = f64::from(HEIGHT - 44 - 24);
    let legend_px = (entries as f64 * 22.0 + 16.0).min(plot_px * 0.5);
    let f = legend_px / plot_px;
    y1 + (y1 - y0) * f / (1.0 - f)
}

/// Title and axis labels (with units) of a chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Axes {
    /// Chart title.
    pub title: String,
    /// Horizontal axis label with its unit, e.g. `year`.
    pub x_label: String,
    /// Vertical axis label with its unit, e.g. `warheads`.
    pub y_label: String,
}

impl Axes {
    /// Axes from three strings.
    pub fn new(title: impl Into<String>, x_label: impl Into<String>, y_label: impl Into<String>) -> Self {
        Axes { title: title.into(), x_label: x_label.into(), y_label: y_label.into() }
    }
}

/// A named line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// Points in x order (NaN y values break the line).
    pub points: Vec<(f64, f64)>,
}

/// Quantile bands of one measure across replications, year by year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Band {
    /// Horizontal positions (years).
    pub x: Vec<f64>,
    /// 5 % quantile.
    pub q05: Vec<f64>,
    /// 25 % quantile.
    pub q25: Vec<f64>,
    /// Median.
    pub q50: Vec<f64>,
    /// 75 % quantile.
    pub q75: Vec<f64>,
    /// 95 % quantile.
    pub q95: Vec<f64>,
}

/// One group of horizontal bars (one value per category), with optional interval half-widths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarGroup {
    /// Legend name.
    pub name: String,
    /// One value per category (NaN: no bar).
    pub values: Vec<f64>,
    /// Each value's interval `(low, high)` (drawn as a whisker), if any.
    pub intervals: Option<Vec<(f64, f64)>>,
}

/// The verdict on an effect, shown by colour and word in a forest plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The effect is positive beyond chance.
    Raises,
    /// The effect is negative beyond chance.
    Lowers,
    /// The effect lies within the smallest effect of interest.
    NoChange,
    /// The runs cannot tell (or the effect is undefined).
    Inconclusive,
}

impl Tone {
    /// Legend and label word.
    pub fn label(self) -> &'static str {
        match self {
            Tone::Raises => "raises",
            Tone::Lowers => "lowers",
            Tone::NoChange => "no change",
            Tone::Inconclusive => "cannot tell",
        }
    }

    /// Okabe & Ito's vermillion, blue, bluish green, and a grey.
    fn colour(self) -> RGBColor {
        match self {
            Tone::Raises => PALETTE[1],
            Tone::Lowers => PALETTE[0],
            Tone::NoChange => PALETTE[2],
            Tone::Inconclusive => RGBColor(110, 110, 110),
        }
    }
}

/// One row of a forest plot: an estimate with its interval and verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    /// Row label (e.g. the lens set).
    pub label: String,
    /// Point estimate.
    pub estimate: f64,
    /// Interval `(low, high)`.
    pub interval: (f64, f64),
    /// Verdict.
    pub tone: Tone,
}

/// Who deters whom at one grid cell of a deterrence-region map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Both sides deterred: mutual vulnerability.
    Mutual,
    /// Only A is deterred (B keeps a secure second strike, A does not).
    OnlyA,
    /// Only B is deterred.
    OnlyB,
    /// Neither side is deterred.
    Neither,
}

impl Region {
    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            Region::Mutual => "mutual deterrence",
            Region::OnlyA => "only A deterred",
            Region::OnlyB => "only B deterred",
            Region::Neither => "neither deterred",
        }
    }

    /// Colour-blind-safe fills (Okabe & Ito's bluish green, sky blue, orange and vermillion,
    /// lightened so the marker and grid stay visible).
    fn colour(self) -> RGBColor {
        match self {
            Region::Mutual => RGBColor(102, 197, 171),
            Region::OnlyA => RGBColor(153, 207, 240),
            Region::OnlyB => RGBColor(240, 197, 102),
            Region::Neither => RGBColor(230, 148, 102),
        }
    }
}

/// A chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Lines over a numeric horizontal axis.
    Lines {
        /// Title and labels.
        axes: Axes,
        /// The lines.
        series: Vec<Series>,
    },
    /// A fan chart: median line with 50 % and 90 % bands.
    Fan {
        /// Title and labels.
        axes: Axes,
        /// The quantiles.
        band: Band,
    },
    /// Horizontal bars by category, grouped, with optional interval whiskers.
    Bars {
        /// Title and labels (`y_label` names the categories, `x_label` the values).
        axes: Axes,
        /// Category names, top to bottom.
        categories: Vec<String>,
        /// Bar groups.
        groups: Vec<BarGroup>,
    },
    /// A curve of points (e.g. a PRIM trajectory) with one point marked.
    Curve {
        /// Title and labels.
        axes: Axes,
        /// Points in order.
        points: Vec<(f64, f64)>,
        /// The marked point's index.
        chosen: Option<usize>,
        /// Legend text of the curve.
        curve_label: String,
        /// Legend text of the marked point.
        chosen_label: String,
    },
    /// A deterrence-region map over the two sides' warhead totals.
    Heatmap {
        /// Title and labels.
        axes: Axes,
        /// Grid values on the horizontal axis (A's warheads), ascending and evenly spaced.
        x: Vec<f64>,
        /// Grid values on the vertical axis (B's warheads), ascending and evenly spaced.
        y: Vec<f64>,
        /// Regions, `cells[i][j]` at `(x[i], y[j])`.
        cells: Vec<Vec<Region>>,
        /// Today's forces, marked.
        marker: (f64, f64),
        /// Legend text of the marker.
        marker_label: String,
    },
    /// A forest plot: one estimate with its interval per row, a line at zero, each row's verdict
    /// by colour and by word (in the row label and the legend).
    Forest {
        /// Title and labels (`x_label` names the effect, `y_label` the rows).
        axes: Axes,
        /// Rows, top to bottom.
        rows: Vec<ForestRow>,
    },
    /// A histogram: bars over contiguous bins (e.g. a weighted posterior marginal), with
    /// vertical lines at marked values.
    Histogram {
        /// Title and labels.
        axes: Axes,
        /// Bin edges, ascending (one more than `heights`).
        edges: Vec<f64>,
        /// Bar heights, one per bin.
        heights: Vec<f64>,
        /// Marked values and their legend texts.
        marks: Vec<(f64, String)>,
    },
    /// A scatter of weighted points (e.g. posterior particles of two parameters): each point's
    /// area grows with its weight; one point may be marked.
    Scatter {
        /// Title and labels.
        axes: Axes,
        /// The points.
        points: Vec<(f64, f64)>,
        /// Their weights (same length; equal weights draw equal dots).
        weights: Vec<f64>,
        /// Legend text of the points.
        points_label: String,
        /// A marked point and its legend text.
        mark: Option<((f64, f64), String)>,
    },
    /// Ensemble intervals (5–95 %) and medians against recorded values.
    Intervals {
        /// Title and labels.
        axes: Axes,
        /// Horizontal positions.
        x: Vec<f64>,
        /// Lower ends of the intervals.
        low: Vec<f64>,
        /// Medians.
        median: Vec<f64>,
        /// Upper ends.
        high: Vec<f64>,
        /// Recorded values.
        record: Vec<f64>,
    },
}

type Res<T> = Result<T, String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// `[lo, hi]` of the finite values, padded so the range is never empty; with `include_zero`,
/// values all zero give `[0, 1]` (a count or share never gets a negative axis).
fn range(values: impl IntoIterator<Item = f64>, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let span = hi - lo;
    if span <= 0.0 && include_zero && hi == 0.0 {
        // All zero (no crises, no nuclear use): a count or share axis from 0, never negative.
        return (0.0, 1.0);
    }
    if span <= 0.0 {
        let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
        return (lo - pad, hi + pad);
    }
    (lo - span * 0.02, hi + span * 0.05)
}

/// Splits points into runs of finite values (NaN breaks a line).
fn segments(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for &(x, y) in points {
        if x.is_finite() && y.is_finite() {
            if let Some(last) = out.last_mut() {
                last.push((x, y));
            }
        } else if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

impl Chart {
    /// The chart's title.
    pub fn title(&self) -> &str {
        &self.axes().title
    }

    /// Title and axis labels.
    pub fn axes(&self) -> &Axes {
        match self {
            Chart::Lines { axes, .. }
            | Chart::Fan { axes, .. }
            | Chart::Bars { axes, .. }
            | Chart::Curve { axes, .. }
            | Chart::Heatmap { axes, .. }
            | Chart::Forest { axes, .. }
            | Chart::Histogram { axes, .. }
            | Chart::Scatter { axes, .. }
            | Chart::Intervals { axes, .. } => axes,
        }
    }

    /// Draws the chart as an SVG document (one `<svg>` element).
    pub fn svg(&self) -> Res<String> {
        let mut buf = String::new();
        let height = match self {
            Chart::Bars { categories, groups, .. } => {
                let slots = (categories.len() + legend_slots(groups)) as u32;
                (120 + slots * slot_px(groups)).clamp(220, 1400)
            }
            Chart::Heatmap { .. } => 560,
            Chart::Forest { rows, .. } => (130 + (rows.len() + FOREST_LEGEND_SLOTS) as u32 * 34).clamp(220, 1400),
            _ => HEIGHT,
        };
        let width = if matches!(self, Chart::Heatmap { .. }) { 720 } else { WIDTH };
        {
            let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
            root.fill(&WHITE).map_err(err)?;
            match self {
                Chart::Lines { axes, series } => lines(&root, axes, series)?,
                Chart::Fan { axes, band } => fan(&root, axes, band)?,
                Chart::Bars { axes, categories, groups } => bars(&root, axes, categories, groups)?,
                Chart::Curve { axes, points, chosen, curve_label, chosen_label } => {
                    curve(&root, axes, points, *chosen, curve_label, chosen_label)?
                }
                Chart::Heatmap { axes, x, y, cells, marker, marker_label } => {
                    heatmap(&root, axes, x, y, cells, *marker, marker_label)?
                }
                Chart::Intervals { axes, x, low, median, high, record } => {
                    intervals(&root, axes, x, low, median, high, record)?
                }
                Chart::Forest { axes, rows } => forest(&root, axes, rows)?,
                Chart::Histogram { axes, edges, heights, marks } => histogram(&root, axes, edges, heights, marks)?,
                Chart::Scatter { axes, points, weights, points_label, mark } => {
                    scatter(&root, axes, points, weights, points_label, mark.as_ref())?
                }
            }
            root.present().map_err(err)?;
        }
        let Some(open) = buf.find("<svg").and_then(|i| buf[i..].find('>').map(|j| i + j)) else {
            return Err("the drawing produced no SVG element".into());
        };
        let head = format!(
            " role=\"img\"><title>{}</title><desc>{}</desc>",
            crate::text::escape(self.title()),
            crate::text::escape(&self.description())
        );
        buf.replace_range(open..=open, &head);
        Ok(buf)
    }

    /// What the chart shows, in one sentence (the SVG's `<desc>`).
    pub fn description(&self) -> String {
        let a = self.axes();
        match self {
            Chart::Lines { series, .. } => format!(
                "Line chart of {} against {}: {}.",
                a.y_label,
                a.x_label,
                series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
            Chart::Fan { band, .. } => format!(
                "Fan chart of {} against {} over {} points: the median with the 50 % (25–75 %) and 90 % (5–95 %) bands across runs.",
                a.y_label,
                a.x_label,
                band.x.len()
            ),
            Chart::Bars { categories, groups, .. } => format!(
                "Horizontal bars of {} for {} categories{}.",
                a.x_label,
                categories.len(),
                if groups.iter().any(|g| g.intervals.is_some()) { ", with interval whiskers" } else { "" }
            ),
            Chart::Curve { points, .. } => {
                format!("Curve of {} points, {} against {}, one point marked.", points.len(), a.y_label, a.x_label)
            }
            Chart::Heatmap { x, y, .. } => format!(
                "Map of who deters whom over a {}×{} grid of {} and {}, today's forces marked.",
                x.len(),
                y.len(),
                a.x_label,
                a.y_label
            ),
            Chart::Forest { rows, .. } => format!(
                "Forest plot of {} for {} rows: each estimate with its interval, a line at zero, the verdict by colour: {}.",
                a.x_label,
                rows.len(),
                rows.iter().map(|r| format!("{} {}", r.label, r.tone.label())).collect::<Vec<_>>().join(", ")
            ),
            Chart::Histogram { heights, marks, .. } => format!(
                "Histogram of {} in {} bins{}.",
                a.x_label,
                heights.len(),
                if marks.is_empty() {
                    String::new()
                } else {
                    format!(", marked: {}", marks.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", "))
                }
            ),
            Chart::Scatter { points, mark, .. } => format!(
                "Scatter of {} points, {} against {}, dot area by weight{}.",
                points.len(),
                a.y_label,
                a.x_label,
                mark.as_ref().map_or_else(String::new, |(_, l)| format!(", {l} marked"))
            ),
            Chart::Intervals { x, .. } => format!(
                "Ensemble 90 % intervals and medians of {} at {} points, against the recorded values.",
                a.y_label,
                x.len()
            ),
        }
    }

    /// The chart's data as a table: the text alternative printed beside the drawing.
    pub fn data_table(&self) -> crate::text::Table {
        let a = self.axes();
        let cell = |v: f64| if v.is_finite() { crate::text::num(v) } else { "n/a".to_owned() };
        let (header, rows): (Vec<String>, Vec<Vec<String>>) = match self {
            Chart::Lines { series, .. } => (
                vec!["series".into(), a.x_label.clone(), a.y_label.clone()],
                series
                    .iter()
                    .flat_map(|s| s.points.iter().map(move |&(x, y)| vec![s.name.clone(), cell(x), cell(y)]))
                    .collect(),
            ),
            Chart::Fan { band: b, .. } => (
                ["5 %", "25 %", "median", "75 %", "95 %"].iter().fold(vec![a.x_label.clone()], |mut h, q| {
                    h.push((*q).to_owned());
                    h
                }),
                (0..b.x.len())
                    .map(|i| {
                        let at = |v: &Vec<f64>| v.get(i).copied().map_or_else(|| "n/a".to_owned(), cell);
                        vec![cell(b.x[i]), at(&b.q05), at(&b.q25), at(&b.q50), at(&b.q75), at(&b.q95)]
                    })
                    .collect(),
            ),
            Chart::Bars { categories, groups, .. } => {
                let mut header = vec![a.y_label.clone()];
                for g in groups {
                    header.push(if g.name.is_empty() { a.x_label.clone() } else { g.name.clone() });
                    if g.intervals.is_some() {
                        header.push(format!("{} interval", g.name).trim().to_owned());
                    }
                }
                let rows = categories
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let mut row = vec![c.clone()];
                        for g in groups {
                            row.push(g.values.get(i).copied().map_or_else(|| "n/a".to_owned(), cell));
                            if let Some(h) = &g.intervals {
                                row.push(h.get(i).map_or_else(
                                    || "n/a".to_owned(),
                                    |(lo, hi)| format!("{} to {}", cell(*lo), cell(*hi)),
                                ));
                            }
                        }
                        row
                    })
                    .collect();
                (header, rows)
            }
            Chart::Curve { points, chosen, .. } => (
                vec![a.x_label.clone(), a.y_label.clone(), "marked".into()],
                points
                    .iter()
                    .enumerate()
                    .map(|(i, &(x, y))| {
                        vec![cell(x), cell(y), if Some(i) == *chosen { "yes".into() } else { String::new() }]
                    })
                    .collect(),
            ),
            Chart::Heatmap { x, y, cells, .. } => (
                vec![a.x_label.clone(), a.y_label.clone(), "region".into()],
                cells
                    .iter()
                    .enumerate()
                    .flat_map(|(i, col)| {
                        col.iter().enumerate().map(move |(j, r)| {
                            vec![
                                x.get(i).copied().map_or_else(String::new, cell),
                                y.get(j).copied().map_or_else(String::new, cell),
                                r.label().to_owned(),
                            ]
                        })
                    })
                    .collect(),
            ),
            Chart::Forest { rows, .. } => (
                vec![a.y_label.clone(), a.x_label.clone(), "interval".into(), "verdict".into()],
                rows.iter()
                    .map(|r| {
                        vec![
                            r.label.clone(),
                            cell(r.estimate),
                            format!("{} to {}", cell(r.interval.0), cell(r.interval.1)),
                            r.tone.label().to_owned(),
                        ]
                    })
                    .collect(),
            ),
            Chart::Histogram { edges, heights, marks, .. } => {
                let mut rows: Vec<Vec<String>> = heights
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| {
                        let edge = |k: usize| edges.get(k).copied().map_or_else(|| "n/a".to_owned(), cell);
                        vec![format!("{} to {}", edge(i), edge(i + 1)), cell(h)]
                    })
                    .collect();
                rows.extend(marks.iter().map(|(v, l)| vec![format!("{l}: {}", cell(*v)), String::new()]));
                (vec![a.x_label.clone(), a.y_label.clone()], rows)
            }
            Chart::Scatter { points, weights, mark, .. } => {
                let mut rows: Vec<Vec<String>> = points
                    .iter()
                    .enumerate()
                    .map(|(i, &(x, y))| {
                        vec![cell(x), cell(y), weights.get(i).copied().map_or_else(|| "n/a".to_owned(), cell)]
                    })
                    .collect();
                if let Some(((x, y), l)) = mark {
                    rows.push(vec![cell(*x), cell(*y), l.clone()]);
                }
                (vec![a.x_label.clone(), a.y_label.clone(), "weight".into()], rows)
            }
            Chart::Intervals { x, low, median, high, record, .. } => (
                vec![a.x_label.clone(), "5 %".into(), "median".into(), "95 %".into(), "record".into()],
                (0..x.len())
                    .map(|i| {
                        let at = |v: &Vec<f64>| v.get(i).copied().map_or_else(|| "n/a".to_owned(), cell);
                        vec![cell(x[i]), at(low), at(median), at(high), at(record)]
                    })
                    .collect(),
            ),
        };
        crate::text::Table { caption: format!("Data of the chart “{}”", a.title), header, rows }
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// A chart on `root` with the house margins and label areas over `x` × `y`.
type Plot<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn chart_on<'a, 'b>(
    root: &'a Area<'b>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    y_label_area: u32,
) -> Res<Plot<'a, 'b>> {
    ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(x, y)
        .map_err(err)
}

/// The house legend box at `position`.
fn legend<'a, 'b: 'a>(chart: &mut Plot<'a, 'b>, position: SeriesLabelPosition) -> Res<()> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font((FONT, LABEL_PX))
        .draw()
        .map_err(err)
}

/// The house mesh: axis labels from `axes`, a light grid at the labelled ticks, readable y
/// ticks; x ticks without decimals where the x axis counts whole units (`whole_x`: years,
/// decades, generations; a short axis gets one tick per unit, so no label repeats), else
/// readable real numbers.
fn mesh(chart: &mut Plot<'_, '_>, axes: &Axes, whole_x: bool) -> Res<()> {
    let span = chart.x_range().end - chart.x_range().start;
    let whole = |v: &f64| format!("{v:.0}");
    let real = |v: &f64| tick(*v);
    let x_format: &dyn Fn(&f64) -> String = if whole_x { &whole } else { &real };
    let mut style = chart.configure_mesh();
    if whole_x {
        style.x_labels(if span < 10.0 { span.floor().max(1.0) as usize + 1 } else { 10 });
    }
    style
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style((FONT, LABEL_PX))
        .axis_desc_style((FONT, LABEL_PX + 1))
        .x_desc(&axes.x_label)
        .y_desc(&axes.y_label)
        .x_label_formatter(x_format)
        .y_label_formatter(&|v| tick(*v))
        .draw()
        .map_err(err)
}

fn lines(root: &Area<'_>, axes: &Axes, series: &[Series]) -> Res<()> {
    let (x0, x1) = range(series.iter().flat_map(|s| s.points.iter().map(|p| p.0)), false);
    let (y0, y1) = range(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)), true);
    let y1 = if series.len() > 1 { headroom(y0, y1, series.len()) } else { y1 };
    let mut chart = chart_on(root, x0..x1, y0..y1, 72)?;
    mesh(&mut chart, axes, true)?;
    for (i, s) in series.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let mut first = true;
        for seg in segments(&s.points) {
            let drawn = chart.draw_series(LineSeries::new(seg, colour.stroke_width(2))).map_err(err)?;
            if first {
                drawn
                    .label(s.name.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
                first = false;
            }
        }
    }
    if series.len() > 1 {
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    }
    Ok(())
}

fn fan(root: &Area<'_>, axes: &Axes, b: &Band) -> Res<()> {
    let (x0, x1) = range(b.x.iter().copied(), false);
    let (y0, y1) = range(b.q05.iter().chain(&b.q95).chain(&b.q50).copied(), true);
    let y1 = headroom(y0, y1, 3);
    let mut chart = chart_on(root, x0..x1, y0..y1, 72)?;
    mesh(&mut chart, axes, true)?;
    let colour = PALETTE[0];
    for (lo, hi, alpha, name) in
        [(&b.q05, &b.q95, 0.18, "90 % band (5–95 %)"), (&b.q25, &b.q75, 0.38, "50 % band (25–75 %)")]
    {
        let mut pts: Vec<(f64, f64)> = b.x.iter().zip(hi.iter()).map(|(&x, &y)| (x, y)).collect();
        pts.extend(b.x.iter().zip(lo.iter()).rev().map(|(&x, &y)| (x, y)));
        pts.retain(|p| p.0.is_finite() && p.1.is_finite());
        let style = colour.mix(alpha).filled();
        chart
            .draw_series(std::iter::once(Polygon::new(pts, style)))
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], style));
    }
    let median: Vec<(f64, f64)> = b.x.iter().zip(&b.q50).map(|(&x, &y)| (x, y)).collect();
    let mut first = true;
    for seg in segments(&median) {
        let drawn = chart.draw_series(LineSeries::new(seg, colour.stroke_width(2))).map_err(err)?;
        if first {
            drawn
                .label("median")
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
            first = false;
        }
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}

/// Height in pixels of one category's slot in a bar chart.
fn slot_px(groups: &[BarGroup]) -> u32 {
    14 + 10 * groups.len().max(1) as u32
}

/// Empty category slots kept free at the top of a bar chart for its legend.
fn legend_slots(groups: &[BarGroup]) -> usize {
    let entries =
        if groups.len() > 1 { groups.len() } else { 0 } + usize::from(groups.iter().any(|g| g.intervals.is_some()));
    if entries == 0 { 0 } else { (entries as u32 * 20 + 14).div_ceil(slot_px(groups)) as usize }
}

fn bars(root: &Area<'_>, axes: &Axes, categories: &[String], groups: &[BarGroup]) -> Res<()> {
    let n = categories.len().max(1);
    let extra = legend_slots(groups);
    let values = groups.iter().flat_map(|g| {
        g.values.iter().enumerate().flat_map(move |(i, &v)| {
            let (lo, hi) = g.intervals.as_ref().and_then(|h| h.get(i)).copied().unwrap_or((v, v));
            [v, lo, hi]
        })
    });
    let (x0, x1) = range(values, true);
    let names: Vec<String> = categories.to_vec();
    let label = move |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
            let name = &names[n - 1 - i as usize];
            if name.chars().count() > 34 {
                format!("{}…", name.chars().take(33).collect::<String>())
            } else {
                name.clone()
            }
        } else {
            String::new()
        }
    };
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(230)
        .build_cartesian_2d(x0..x1, -0.5..(n + extra) as f64 - 0.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style((FONT, LABEL_PX))
        .axis_desc_style((FONT, LABEL_PX + 1))
        .x_label_formatter(&|v| tick(*v))
        // With at most as many labels as whole numbers in the range, the ticks fall on them.
        .y_labels(n + extra)
        .x_desc(&axes.x_label)
        .y_desc(&axes.y_label)
        .y_label_formatter(&label)
        .draw()
        .map_err(err)?;
    let g = groups.len().max(1) as f64;
    let slot = 0.8 / g;
    for (k, group) in groups.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let mut rects = Vec::new();
        let mut whiskers = Vec::new();
        for (i, &v) in group.values.iter().enumerate().take(n) {
            if !v.is_finite() {
                continue;
            }
            let centre = (n - 1 - i) as f64;
            let top = centre + 0.4 - slot * k as f64;
            let bottom = top - slot * 0.9;
            rects.push(Rectangle::new([(0.0, bottom), (v, top)], colour.mix(0.8).filled()));
            if let Some((lo, hi)) =
                group.intervals.as_ref().and_then(|h| h.get(i)).copied().filter(|(a, b)| a.is_finite() && b.is_finite())
            {
                let mid = (top + bottom) / 2.0;
                let cap = slot * 0.3;
                whiskers.push(PathElement::new(vec![(lo, mid), (hi, mid)], BLACK.stroke_width(1)));
                whiskers.push(PathElement::new(vec![(lo, mid - cap), (lo, mid + cap)], BLACK.stroke_width(1)));
                whiskers.push(PathElement::new(vec![(hi, mid - cap), (hi, mid + cap)], BLACK.stroke_width(1)));
            }
        }
        let drawn = chart.draw_series(rects).map_err(err)?;
        if groups.len() > 1 {
            let style = colour.mix(0.8).filled();
            drawn.label(group.name.as_str()).legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], style));
        }
        chart.draw_series(whiskers).map_err(err)?;
    }
    if groups.len() > 1 || groups.iter().any(|g| g.intervals.is_some()) {
        if groups.iter().any(|g| g.intervals.is_some()) {
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(err)?
                .label("interval (whisker)")
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.stroke_width(1)));
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    }
    Ok(())
}

fn curve(
    root: &Area<'_>,
    axes: &Axes,
    points: &[(f64, f64)],
    chosen: Option<usize>,
    curve_label: &str,
    chosen_label: &str,
) -> Res<()> {
    let (x0, x1) = range(points.iter().map(|p| p.0).chain([0.0, 1.0]), false);
    let (y0, y1) = range(points.iter().map(|p| p.1).chain([0.0, 1.0]), false);
    let mut chart = chart_on(root, x0..x1, y0..y1, 64)?;
    mesh(&mut chart, axes, false)?;
    let colour = PALETTE[0];
    chart
        .draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(2)))
        .map_err(err)?
        .label(curve_label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
    chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, colour.filled()))).map_err(err)?;
    if let Some(&p) = chosen.and_then(|i| points.get(i)) {
        let red = PALETTE[1];
        chart
            .draw_series(std::iter::once(Circle::new(p, 8, red.stroke_width(3))))
            .map_err(err)?
            .label(chosen_label)
            .legend(move |(x, y)| Circle::new((x + 10, y), 6, red.stroke_width(3)));
    }
    legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
    Ok(())
}

fn heatmap(
    root: &Area<'_>,
    axes: &Axes,
    x: &[f64],
    y: &[f64],
    cells: &[Vec<Region>],
    marker: (f64, f64),
    marker_label: &str,
) -> Res<()> {
    let step = |v: &[f64]| if v.len() > 1 { v[1] - v[0] } else { 1.0 };
    let (sx, sy) = (step(x), step(y));
    let x_end = x.last().copied().unwrap_or(1.0) + sx / 2.0;
    let y_end = y.last().copied().unwrap_or(1.0) + sy / 2.0;
    let (x_start, y_start) =
        (x.first().copied().unwrap_or(0.0) - sx / 2.0, y.first().copied().unwrap_or(0.0) - sy / 2.0);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(70)
        .build_cartesian_2d(x_start..x_end, y_start..y_end)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .label_style((FONT, LABEL_PX))
        .axis_desc_style((FONT, LABEL_PX + 1))
        .x_desc(&axes.x_label)
        .y_desc(&axes.y_label)
        .x_label_formatter(&|v| tick(v.round()))
        .y_label_formatter(&|v| tick(v.round()))
        .draw()
        .map_err(err)?;
    // One rectangle per run of equal cells in a column keeps the SVG small.
    let mut rects = Vec::new();
    for (i, column) in cells.iter().enumerate() {
        let Some(&xi) = x.get(i) else { continue };
        let mut j = 0;
        while j < column.len() {
            let r = column[j];
            let mut k = j;
            while k + 1 < column.len() && column[k + 1] == r {
                k += 1;
            }
            if let (Some(&ya), Some(&yb)) = (y.get(j), y.get(k)) {
                rects.push(Rectangle::new(
                    [(xi - sx / 2.0, ya - sy / 2.0), (xi + sx / 2.0, yb + sy / 2.0)],
                    r.colour().filled(),
                ));
            }
            j = k + 1;
        }
    }
    chart.draw_series(rects).map_err(err)?;
    for r in [Region::Mutual, Region::OnlyA, Region::OnlyB, Region::Neither] {
        let style = r.colour().filled();
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
            .map_err(err)?
            .label(r.label())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], style));
    }
    chart
        .draw_series([Circle::new(marker, 7, BLACK.filled()), Circle::new(marker, 11, WHITE.stroke_width(2))])
        .map_err(err)?
        .label(marker_label)
        .legend(|(x, y)| Circle::new((x + 10, y), 5, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FONT, LABEL_PX))
        .draw()
        .map_err(err)?;
    Ok(())
}

/// Category slots kept free at the top of a forest plot for its legend.
const FOREST_LEGEND_SLOTS: usize = 3;

fn forest(root: &Area<'_>, axes: &Axes, rows: &[ForestRow]) -> Res<()> {
    let n = rows.len().max(1);
    let values = rows.iter().flat_map(|r| [r.estimate, r.interval.0, r.interval.1]);
    let (x0, x1) = range(values, true);
    let names: Vec<String> = rows.iter().map(|r| format!("{} — {}", r.label, r.tone.label())).collect();
    let label = move |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
            names[names.len() - 1 - i as usize].clone()
        } else {
            String::new()
        }
    };
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(300)
        .build_cartesian_2d(x0..x1, -0.5..(n + FOREST_LEGEND_SLOTS) as f64 - 0.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style((FONT, LABEL_PX))
        .axis_desc_style((FONT, LABEL_PX + 1))
        .y_labels(n + FOREST_LEGEND_SLOTS)
        .x_desc(&axes.x_label)
        .y_desc(&axes.y_label)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&label)
        .draw()
        .map_err(err)?;
    let top = (n + FOREST_LEGEND_SLOTS) as f64 - 0.5;
    chart
        .draw_series(std::iter::once(PathElement::new(vec![(0.0, -0.5), (0.0, top)], BLACK.stroke_width(1))))
        .map_err(err)?;
    for tone in [Tone::Raises, Tone::Lowers, Tone::NoChange, Tone::Inconclusive] {
        let colour = tone.colour();
        let mine: Vec<(usize, &ForestRow)> = rows.iter().enumerate().filter(|(_, r)| r.tone == tone).collect();
        if mine.is_empty() {
            continue;
        }
        let mut shapes: Vec<PathElement<(f64, f64)>> = Vec::new();
        let mut dots = Vec::new();
        for (i, r) in mine {
            let y = (n - 1 - i) as f64;
            let (lo, hi) = r.interval;
            if lo.is_finite() && hi.is_finite() {
                shapes.push(PathElement::new(vec![(lo, y), (hi, y)], colour.stroke_width(3)));
                shapes.push(PathElement::new(vec![(lo, y - 0.15), (lo, y + 0.15)], colour.stroke_width(2)));
                shapes.push(PathElement::new(vec![(hi, y - 0.15), (hi, y + 0.15)], colour.stroke_width(2)));
            }
            if r.estimate.is_finite() {
                dots.push(Circle::new((r.estimate, y), 6, colour.filled()));
            }
        }
        chart.draw_series(shapes).map_err(err)?;
        chart
            .draw_series(dots)
            .map_err(err)?
            .label(tone.label())
            .legend(move |(x, y)| Circle::new((x + 10, y), 6, colour.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn intervals(
    root: &Area<'_>,
    axes: &Axes,
    x: &[f64],
    low: &[f64],
    median: &[f64],
    high: &[f64],
    record: &[f64],
) -> Res<()> {
    let (x0, x1) = range(x.iter().copied(), false);
    let pad = if x.len() > 1 { (x1 - x0) / (x.len() as f64 * 2.0) } else { 1.0 };
    let (y0, y1) = range(low.iter().chain(high).chain(record).chain(median).copied(), true);
    let y1 = headroom(y0, y1, 3);
    let mut chart = chart_on(root, (x0 - pad)..(x1 + pad), y0..y1, 72)?;
    mesh(&mut chart, axes, true)?;
    let blue = PALETTE[0];
    let red = PALETTE[1];
    let mut bars = Vec::new();
    for i in 0..x.len() {
        let (Some(&xi), Some(&lo), Some(&hi)) = (x.get(i), low.get(i), high.get(i)) else { continue };
        if lo.is_finite() && hi.is_finite() {
            bars.push(Rectangle::new([(xi - pad * 0.3, lo), (xi + pad * 0.3, hi)], blue.mix(0.3).filled()));
        }
    }
    chart
        .draw_series(bars)
        .map_err(err)?
        .label("ensemble 90 % interval (5–95 %)")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], blue.mix(0.3).filled()));
    let meds: Vec<(f64, f64)> = x.iter().zip(median).map(|(&a, &b)| (a, b)).filter(|p| p.1.is_finite()).collect();
    chart
        .draw_series(
            meds.iter()
                .map(|&(a, b)| PathElement::new(vec![(a - pad * 0.3, b), (a + pad * 0.3, b)], blue.stroke_width(3))),
        )
        .map_err(err)?
        .label("ensemble median")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], blue.stroke_width(3)));
    let recs: Vec<(f64, f64)> = x.iter().zip(record).map(|(&a, &b)| (a, b)).filter(|p| p.1.is_finite()).collect();
    chart
        .draw_series(recs.iter().map(|&p| Cross::new(p, 6, red.stroke_width(3))))
        .map_err(err)?
        .label("record")
        .legend(move |(x, y)| Cross::new((x + 10, y), 5, red.stroke_width(3)));
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}

fn histogram(root: &Area<'_>, axes: &Axes, edges: &[f64], heights: &[f64], marks: &[(f64, String)]) -> Res<()> {
    let (x0, x1) = range(edges.iter().copied().chain(marks.iter().map(|m| m.0)), false);
    let (y0, y1) = range(heights.iter().copied(), true);
    let y1 = headroom(y0, y1, marks.len() + 1);
    let mut chart = chart_on(root, x0..x1, y0..y1, 72)?;
    mesh(&mut chart, axes, false)?;
    let blue = PALETTE[0];
    let bars: Vec<Rectangle<(f64, f64)>> = heights
        .iter()
        .enumerate()
        .filter_map(|(i, &h)| {
            let (&lo, &hi) = (edges.get(i)?, edges.get(i + 1)?);
            (h.is_finite() && lo.is_finite() && hi.is_finite())
                .then(|| Rectangle::new([(lo, 0.0), (hi, h)], blue.mix(0.55).filled()))
        })
        .collect();
    chart
        .draw_series(bars)
        .map_err(err)?
        .label(axes.y_label.as_str())
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], blue.mix(0.55).filled()));
    for (k, (v, label)) in marks.iter().enumerate().filter(|(_, m)| m.0.is_finite()) {
        let colour = PALETTE[(k + 1) % PALETTE.len()];
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(*v, y0), (*v, y1)], colour.stroke_width(3))))
            .map_err(err)?
            .label(label.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(3)));
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}

/// Smallest and largest dot radius of a scatter, in pixels.
const DOT_PX: (f64, f64) = (1.5, 6.0);

/// A dot's radius: its area proportional to its weight's share of the largest weight, between
/// the bounds of [`DOT_PX`].
fn dot_radius(weight: f64, largest: f64) -> u32 {
    let share = if largest > 0.0 && weight.is_finite() { (weight / largest).clamp(0.0, 1.0) } else { 1.0 };
    (DOT_PX.1 * share.sqrt()).max(DOT_PX.0).round() as u32
}

fn scatter(
    root: &Area<'_>,
    axes: &Axes,
    points: &[(f64, f64)],
    weights: &[f64],
    points_label: &str,
    mark: Option<&((f64, f64), String)>,
) -> Res<()> {
    let (x0, x1) = range(points.iter().map(|p| p.0).chain(mark.map(|m| m.0.0)), false);
    let (y0, y1) = range(points.iter().map(|p| p.1).chain(mark.map(|m| m.0.1)), false);
    let y1 = headroom(y0, y1, 2);
    let mut chart = chart_on(root, x0..x1, y0..y1, 72)?;
    mesh(&mut chart, axes, false)?;
    let largest = weights.iter().copied().filter(|w| w.is_finite()).fold(0.0_f64, f64::max);
    let blue = PALETTE[0];
    chart
        .draw_series(points.iter().enumerate().filter(|(_, p)| p.0.is_finite() && p.1.is_finite()).map(|(i, &p)| {
            Circle::new(p, dot_radius(weights.get(i).copied().unwrap_or(0.0), largest), blue.mix(0.45).filled())
        }))
        .map_err(err)?
        .label(points_label)
        .legend(move |(x, y)| Circle::new((x + 10, y), 4, blue.mix(0.45).filled()));
    if let Some((p, label)) = mark {
        let red = PALETTE[1];
        chart
            .draw_series(std::iter::once(Cross::new(*p, 7, red.stroke_width(3))))
            .map_err(err)?
            .label(label.as_str())
            .legend(move |(x, y)| Cross::new((x + 10, y), 5, red.stroke_width(3)));
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes() -> Axes {
        Axes::new("T & t", "year", "warheads")
    }

    #[test]
    fn every_chart_kind_draws_an_svg_with_its_title_and_labels() {
        let charts = vec![
            Chart::Lines {
                axes: axes(),
                series: vec![
                    Series { name: "a".into(), points: vec![(2025.0, 1.0), (2026.0, f64::NAN), (2027.0, 3.0)] },
                    Series { name: "b".into(), points: vec![(2025.0, 2.0), (2026.0, 2.0)] },
                ],
            },
            Chart::Fan {
                axes: axes(),
                band: Band {
                    x: vec![1.0, 2.0, 3.0],
                    q05: vec![0.0, 0.0, 0.0],
                    q25: vec![1.0, 1.0, 1.0],
                    q50: vec![2.0, 2.0, 2.0],
                    q75: vec![3.0, 3.0, 3.0],
                    q95: vec![4.0, 4.0, 4.0],
                },
            },
            Chart::Bars {
                axes: axes(),
                categories: vec!["x".into(), "y".into()],
                groups: vec![
                    BarGroup {
                        name: "S1".into(),
                        values: vec![0.2, f64::NAN],
                        intervals: Some(vec![(0.1, 0.3), (0.0, 0.1)]),
                    },
                    BarGroup { name: "ST".into(), values: vec![0.4, 0.5], intervals: None },
                ],
            },
            Chart::Curve {
                axes: axes(),
                points: vec![(1.0, 0.2), (0.8, 0.5), (0.5, 0.9)],
                chosen: Some(1),
                curve_label: "trajectory".into(),
                chosen_label: "chosen".into(),
            },
            Chart::Heatmap {
                axes: axes(),
                x: vec![0.0, 10.0, 20.0],
                y: vec![0.0, 10.0],
                cells: vec![
                    vec![Region::Neither, Region::OnlyA],
                    vec![Region::OnlyB, Region::Mutual],
                    vec![Region::Mutual, Region::Mutual],
                ],
                marker: (10.0, 10.0),
                marker_label: "today".into(),
            },
            Chart::Histogram {
                axes: axes(),
                edges: vec![0.0, 0.5, 1.0],
                heights: vec![0.4, 1.6],
                marks: vec![(0.3, "default".into())],
            },
            Chart::Scatter {
                axes: axes(),
                points: vec![(0.1, 2.0), (0.4, f64::NAN), (0.7, 3.0)],
                weights: vec![0.2, 0.3, 0.5],
                points_label: "particles".into(),
                mark: Some(((0.5, 2.5), "default".into())),
            },
            Chart::Intervals {
                axes: axes(),
                x: vec![1950.0, 1960.0],
                low: vec![1.0, 2.0],
                median: vec![2.0, 3.0],
                high: vec![3.0, 5.0],
                record: vec![2.0, 6.0],
            },
        ];
        for c in charts {
            let svg = c.svg().expect("draws");
            assert!(svg.starts_with("<svg"), "{svg}");
            assert!(svg.contains("T &amp; t") || svg.contains("T & t"), "title in {svg}");
            assert!(svg.contains("warheads") || svg.contains("year"));
        }
    }

    #[test]
    fn ticks_read_as_numbers() {
        assert_eq!(tick(6000.0), "6,000");
        assert_eq!(tick(1_234_567.0), "1,234,567");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(1.5), "1.5");
        assert_eq!(tick(-2000.0), "−2,000");
        assert_eq!(tick(0.000_123_4), "0.000123");
    }

    #[test]
    fn svg_has_title_description_light_grid_and_readable_ticks() {
        let c = Chart::Fan {
            axes: Axes::new("Warheads", "year", "warheads"),
            band: Band {
                x: vec![2025.0, 2026.0],
                q05: vec![5000.0, 5000.0],
                q25: vec![5500.0, 5600.0],
                q50: vec![6000.0, 6100.0],
                q75: vec![6500.0, 6600.0],
                q95: vec![7000.0, 7100.0],
            },
        };
        let svg = c.svg().unwrap();
        assert!(svg.contains("role=\"img\"><title>Warheads</title><desc>Fan chart of warheads"), "{}", &svg[..300]);
        assert!(!svg.contains("6000.0") && svg.contains("6,000"), "formatted ticks");
        for size in svg.split("font-size=\"").skip(1) {
            let px: f64 = size.split('"').next().unwrap().parse().unwrap();
            assert!(px >= 12.0, "chart text of {px} px");
        }
        let t = c.data_table();
        assert_eq!(t.header, vec!["year", "5 %", "25 %", "median", "75 %", "95 %"]);
        assert_eq!(t.rows[0], vec!["2025", "5000", "5500", "6000", "6500", "7000"]);
    }

    #[test]
    fn legends_sit_in_headroom_above_the_data() {
        let plot_px = f64::from(HEIGHT - 44 - 24);
        for entries in [1, 3, 6, 20] {
            let top = headroom(0.0, 10.0, entries);
            // Pixels between the plot's top and the highest data value: the legend's room.
            let free_px = plot_px * (1.0 - 10.0 / top);
            let legend_px = (entries as f64 * 22.0 + 16.0).min(plot_px * 0.5);
            assert!((free_px - legend_px).abs() < 1e-6, "{entries} entries: {free_px} px free for {legend_px} px");
        }
    }

    #[test]
    fn forest_plot_shows_each_verdict_by_colour_and_word() {
        let c = Chart::Forest {
            axes: Axes::new("Effect on wars", "difference of means", "lens set"),
            rows: vec![
                ForestRow { label: "deterrence".into(), estimate: 0.2, interval: (0.1, 0.3), tone: Tone::Raises },
                ForestRow {
                    label: "organisational".into(),
                    estimate: 0.0,
                    interval: (-0.2, 0.2),
                    tone: Tone::Inconclusive,
                },
            ],
        };
        let svg = c.svg().unwrap();
        assert!(svg.contains("deterrence — raises") && svg.contains("organisational — cannot tell"), "labels");
        assert!(svg.contains("#D55E00") || svg.contains("#d55e00"), "raises in vermillion");
        let t = c.data_table();
        assert_eq!(t.rows[0], vec!["deterrence", "0.2000", "0.1000 to 0.3000", "raises"]);
    }

    #[test]
    fn a_dot_s_area_is_proportional_to_its_weight() {
        // Radius 6 px at the largest weight; a quarter of it gives half the radius (3 px);
        // tiny weights keep the smallest dot (1.5 px, drawn as 2).
        assert_eq!(dot_radius(0.4, 0.4), 6);
        assert_eq!(dot_radius(0.1, 0.4), 3);
        assert_eq!(dot_radius(1e-9, 0.4), 2);
        assert_eq!(dot_radius(0.3, 0.0), 6);
    }

    #[test]
    fn histogram_and_scatter_tables_list_bins_points_and_marks() {
        let h = Chart::Histogram {
            axes: Axes::new("x", "value", "density"),
            edges: vec![0.0, 1.0, 2.0],
            heights: vec![0.25, 0.75],
            marks: vec![(1.5, "default".into())],
        };
        let t = h.data_table();
        assert_eq!(t.rows[0], vec!["0 to 1".to_owned(), "0.2500".to_owned()]);
        assert_eq!(t.rows[2][0], "default: 1.500");
        let s = Chart::Scatter {
            axes: Axes::new("pair", "a", "b"),
            points: vec![(1.0, 2.0)],
            weights: vec![0.5],
            points_label: "particles".into(),
            mark: None,
        };
        assert_eq!(s.data_table().rows, vec![vec!["1".to_owned(), "2".to_owned(), "0.5000".to_owned()]]);
        assert!(s.description().contains("1 points, b against a"));
    }

    #[test]
    fn empty_data_still_draws() {
        let c = Chart::Lines { axes: axes(), series: vec![] };
        assert!(c.svg().is_ok());
        assert_eq!(range([], false), (0.0, 1.0));
        assert_eq!(range([0.0, 0.0], true), (0.0, 1.0), "all zero: an axis from 0 up");
        assert_eq!(range([0.0, 0.0], false), (-1.0, 1.0));
        assert_eq!(segments(&[(1.0, f64::NAN)]).len(), 0);
    }
}
