//! The page: a caveat banner, a table of contents, sections of charts (each with its data as a
//! table in a collapsed `<details>`), tables and notes, and the provenance collapsed at the end
//! (sources as links), rendered as one HTML document with inline CSS, a viewport meta, a print
//! stylesheet and no scripts or external resources.

use crate::chart::Chart;
use std::fmt::Write as _;

pub use crate::text::{Table, escape};

/// One piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A chart, drawn as inline SVG.
    Chart(Chart),
    /// A table.
    Table(Table),
    /// A paragraph of text.
    Note(String),
    /// Blocks folded under a summary line the reader opens (`<details>`), e.g. one design
    /// point's charts among many.
    Details {
        /// The line shown while folded.
        summary: String,
        /// What opening it shows.
        blocks: Vec<Block>,
    },
}

/// A titled section of the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Charts, tables and notes in order.
    pub blocks: Vec<Block>,
}

/// One data source with its citation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Citation key (may be empty).
    pub key: String,
    /// Full citation.
    pub citation: String,
    /// Address, shown as text (never loaded).
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
}

/// Where the results came from: enough to reproduce them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    /// Named facts: seed, tool version, commit, scenario, origin, hash, ...
    pub facts: Vec<(String, String)>,
    /// Data sources the scenario and record cite.
    pub sources: Vec<Source>,
    /// Inputs given as ranges (uncertain), e.g. `USA: w80_warheads = 300 (200–400)`.
    pub uncertain_inputs: Vec<String>,
}

/// A whole report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Title of the document.
    pub title: String,
    /// What kind of output the report shows (one line under the title).
    pub subtitle: String,
    /// Provenance.
    pub provenance: Provenance,
    /// Sections, in order.
    pub sections: Vec<Section>,
}

/// The caveat shown at the top of every report.
pub const CAVEAT: &str = "Model estimates from a simplified model and open sources (FAS, SIPRI, the historical \
record and stated assumptions), not intelligence assessments. Ensembles show what the model's mechanisms produce \
under stated assumptions: they are not forecasts.";

const CSS: &str = "body{font-family:sans-serif;margin:0 auto;max-width:1000px;padding:1em;color:#222;line-height:1.4}\
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}\
.caveat{background:#fff4d6;border:1px solid #e0b030;border-left:6px solid #e0a000;padding:.7em 1em;margin:1em 0}\
.caveat ul{margin:.3em 0 0 0}\
figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}svg{max-width:100%;height:auto}\
table{border-collapse:collapse;margin:.5em 0 1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}\
th{background:#f0f0f0}caption{text-align:left;font-weight:bold;padding:.3em 0}\
.note{color:#444}.sub{color:#555;margin-top:0}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}\
dt{font-weight:bold}dd{margin:0;word-break:break-all}\
.scroll{overflow-x:auto;max-width:100%}code,a{overflow-wrap:anywhere}\
nav.toc{border:1px solid #ddd;background:#fafafa;padding:.3em 1em;margin:1em 0}nav.toc h2{border:0;margin:.3em 0;font-size:1.1em}\
nav.toc ol{margin:.2em 0;padding-left:1.4em}details.data summary,details.prov>summary{cursor:pointer;color:#1d4f91}\
details.data{margin:.2em 0 1em}a{color:#1d4f91}td.pass{background:#d7f0e4;color:#0b4d33}\
td.miss{background:#fbe0cf;color:#7a2e00;font-weight:bold}\
@media (max-width:700px){body{padding:.5em}dl{grid-template-columns:auto}figure.chart{overflow-x:auto}figure.chart svg{max-width:none}}\
@media print{body{max-width:none;padding:0}figure,table,.caveat{break-inside:avoid}h2{break-after:avoid}\
nav.toc,details.data{display:none}details.prov>*{display:block}a{color:inherit;text-decoration:none}}";

/// Renders the page as one self-contained HTML document.
pub fn render(page: &Page) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&page.title));
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&page.title));
    if !page.subtitle.is_empty() {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(&page.subtitle));
    }
    render_caveat(&mut out, &page.provenance);
    render_contents(&mut out, page);
    for (i, s) in page.sections.iter().enumerate() {
        let _ = writeln!(out, "<section id=\"s{}\">\n<h2>{}</h2>", i + 1, escape(&s.heading));
        render_blocks(&mut out, &s.blocks);
        out.push_str("</section>\n");
    }
    render_provenance(&mut out, &page.provenance);
    out.push_str("</body>\n</html>\n");
    out
}

fn render_blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Chart(c) => render_chart(out, c),
            Block::Table(t) => render_table(out, t),
            Block::Note(n) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(n));
            }
            Block::Details { summary, blocks } => {
                let _ = writeln!(out, "<details class=\"fold\"><summary>{}</summary>", escape(summary));
                render_blocks(out, blocks);
                out.push_str("</details>\n");
            }
        }
    }
}

/// The table of contents: every section, then the provenance (when there are two or more
/// sections).
fn render_contents(out: &mut String, page: &Page) {
    if page.sections.len() < 2 {
        return;
    }
    out.push_str("<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>");
    for (i, s) in page.sections.iter().enumerate() {
        let _ = write!(out, "<li><a href=\"#s{}\">{}</a></li>", i + 1, escape(&s.heading));
    }
    out.push_str("<li><a href=\"#provenance\">Provenance</a></li></ol></nav>\n");
}

fn render_caveat(out: &mut String, p: &Provenance) {
    let _ = write!(out, "<div class=\"caveat\" role=\"note\"><strong>Caveat.</strong> {}", escape(CAVEAT));
    if p.uncertain_inputs.is_empty() {
        out.push_str("</div>\n");
        return;
    }
    let _ = write!(out, " Uncertain inputs (best estimate and range; see Provenance):<ul>");
    const SHOWN: usize = 12;
    for u in p.uncertain_inputs.iter().take(SHOWN) {
        let _ = write!(out, "<li>{}</li>", escape(u));
    }
    if p.uncertain_inputs.len() > SHOWN {
        let _ = write!(out, "<li>… and {} more, listed under Provenance</li>", p.uncertain_inputs.len() - SHOWN);
    }
    out.push_str("</ul></div>\n");
}

fn render_chart(out: &mut String, c: &Chart) {
    // Focusable: on a narrow screen the chart keeps its drawn size (text of 13 px) and scrolls
    // sideways inside the figure, which the keyboard can then scroll.
    let _ = writeln!(out, "<figure class=\"chart\" tabindex=\"0\">\n<figcaption>{}</figcaption>", escape(c.title()));
    match c.svg() {
        Ok(svg) => out.push_str(&svg),
        Err(e) => {
            let _ = write!(out, "<p class=\"note\">The chart could not be drawn: {}</p>", escape(&e));
        }
    }
    out.push_str("\n</figure>\n<details class=\"data\"><summary>Data table of this chart</summary>\n");
    render_table(out, &c.data_table());
    out.push_str("</details>\n");
}

/// Renders a table as HTML, in a box that scrolls sideways instead of widening the page; a cell
/// reading `pass` or `MISS` (a scorecard verdict) is coloured green or orange besides its word.
fn render_table(out: &mut String, t: &Table) {
    let label = if t.caption.is_empty() { "table" } else { t.caption.as_str() };
    let _ =
        write!(out, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>", escape(label));
    if !t.caption.is_empty() {
        let _ = write!(out, "<caption>{}</caption>", escape(&t.caption));
    }
    out.push_str("<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for c in r {
            // Scorecard verdicts are coloured as well as written.
            let class = match c.as_str() {
                "pass" => " class=\"pass\"",
                "MISS" => " class=\"miss\"",
                _ => "",
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn render_provenance(out: &mut String, p: &Provenance) {
    out.push_str("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
    let _ = writeln!(
        out,
        "<details class=\"prov\"><summary>Seed, versions and settings ({} entries), {} data sources{}</summary>\n<dl>",
        p.facts.len(),
        p.sources.len(),
        if p.uncertain_inputs.is_empty() {
            String::new()
        } else {
            format!(", {} uncertain inputs", p.uncertain_inputs.len())
        }
    );
    for (k, v) in &p.facts {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    out.push_str("</dl>\n");
    if !p.sources.is_empty() {
        out.push_str("<h3>Data sources</h3>\n<ol>\n");
        for s in &p.sources {
            out.push_str("<li>");
            if !s.key.is_empty() {
                let _ = write!(out, "<strong>{}</strong>: ", escape(&s.key));
            }
            out.push_str(&escape(&s.citation));
            if let Some(d) = &s.published {
                let _ = write!(out, " ({})", escape(d));
            }
            if let Some(u) = &s.url {
                // A link (the report itself loads nothing from the network); other addresses
                // are shown as text.
                if u.starts_with("https://") || u.starts_with("http://") {
                    let _ = write!(out, " <a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(u));
                } else {
                    let _ = write!(out, " <code>{}</code>", escape(u));
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    if !p.uncertain_inputs.is_empty() {
        out.push_str("<h3>Uncertain inputs</h3>\n<ul>\n");
        for u in &p.uncertain_inputs {
            let _ = writeln!(out, "<li>{}</li>", escape(u));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_markup_characters() {
        assert_eq!(escape("a < b && c > \"d\" 'e'"), "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
        assert_eq!(escape("plain – text"), "plain – text");
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn page_is_one_document_with_escaped_text() {
        let page = Page {
            title: "T <1>".into(),
            sections: vec![Section {
                heading: "S & s".into(),
                blocks: vec![
                    Block::Note("n".into()),
                    Block::Table(Table {
                        caption: "c".into(),
                        header: vec!["h".into()],
                        rows: vec![vec!["<x>".into()]],
                    }),
                ],
            }],
            provenance: Provenance {
                facts: vec![("seed".into(), "3".into())],
                sources: vec![Source {
                    key: "k".into(),
                    citation: "C".into(),
                    url: Some("https://example.org".into()),
                    published: None,
                }],
                uncertain_inputs: vec!["A: x = 1 (0–2)".into()],
            },
            ..Page::default()
        };
        let html = render(&page);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert_eq!(html.matches("</html>").count(), 1);
        assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assert!(html.contains("@media print{") && html.contains("@media (max-width:700px){"));
        assert!(html.contains("T &lt;1&gt;"));
        assert!(html.contains("S &amp; s"));
        assert!(html.contains("&lt;x&gt;"));
        assert!(html.contains("Provenance"));
        assert!(!html.contains("src=\"http") && !html.contains("<link"));
        assert!(html.contains("<a href=\"https://example.org\" rel=\"noreferrer\">"), "sources are links");
        assert!(html.contains("<details class=\"prov\">"), "provenance collapsed");
        assert!(html.find("id=\"provenance\"") > html.find("S &amp; s"), "provenance at the end");
        assert!(html.contains("<div class=\"scroll\""), "tables scroll in their own box");
        assert!(html.contains("A: x = 1 (0–2)"));
        assert!(!html.contains("class=\"toc\""), "no contents for a single section");
    }

    #[test]
    fn contents_link_every_section_and_charts_carry_their_data() {
        let chart = Chart::Lines {
            axes: crate::chart::Axes::new("Wars", "year", "count"),
            series: vec![crate::chart::Series { name: "wars".into(), points: vec![(2025.0, 1.0), (2026.0, 2.0)] }],
        };
        let page = Page {
            title: "T".into(),
            sections: vec![
                Section { heading: "One".into(), blocks: vec![Block::Chart(chart)] },
                Section { heading: "Two".into(), blocks: vec![Block::Note("n".into())] },
            ],
            ..Page::default()
        };
        let html = render(&page);
        assert!(html.contains("<nav class=\"toc\" aria-label=\"Contents\">"));
        for link in ["<a href=\"#s1\">One</a>", "<a href=\"#s2\">Two</a>", "<a href=\"#provenance\">"] {
            assert!(html.contains(link), "{link}");
        }
        assert!(html.contains("<section id=\"s1\">") && html.contains("<section id=\"s2\">"));
        assert!(html.contains("<summary>Data table of this chart</summary>"));
        assert!(html.contains("<td>2026</td><td>2</td>"), "the chart's data as a table");
        // On a narrow screen a chart keeps its drawn size and scrolls inside its focusable figure.
        assert!(html.contains("<figure class=\"chart\" tabindex=\"0\">"));
        assert!(html.contains("figure.chart{overflow-x:auto}figure.chart svg{max-width:none}"));
        let card = render(&Page {
            sections: vec![Section {
                heading: "Scorecard".into(),
                blocks: vec![Block::Table(Table {
                    caption: "c".into(),
                    header: vec!["pattern".into(), "result".into()],
                    rows: vec![vec!["a".into(), "pass".into()], vec!["b".into(), "MISS".into()]],
                })],
            }],
            ..Page::default()
        });
        assert!(card.contains("<td class=\"pass\">pass</td>") && card.contains("<td class=\"miss\">MISS</td>"));
    }
}
