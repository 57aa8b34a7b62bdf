//! `report.html`: one self-contained page (inline CSS and SVG, no script, no fonts fetched).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::areas::AREAS;
use crate::rollup::Rollup;

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#1f6f8b;--bg:#f5f7fa}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 "Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
header{background:#12344d;color:#fff;padding:22px 40px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header p{margin:0;color:#bcccdc}
main{padding:24px 40px;max-width:1280px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:18px 22px;margin:0 0 20px}
h2{font-size:16px;margin:0 0 12px;color:#102a43}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin:0 0 20px}
.stat{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:120px}
.stat b{display:block;font-size:22px;color:var(--accent)}
.stat span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#f0f4f8}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.nw{white-space:nowrap}
.matrix th.area{width:9%;text-align:center;font-size:11px;line-height:1.25}
.matrix td.c{text-align:center;font-weight:600}
.matrix td.y{background:#d3f0e6;color:#0b6e4f}
.matrix td.no{background:#fdecec;color:#b42318}
.code{font-family:"DejaVu Sans Mono",monospace;color:var(--muted)}
.note{color:var(--muted);font-size:12px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:20px}
.grid section{margin:0}
footer{color:var(--muted);font-size:12px;padding:0 40px 30px}
svg text{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif}
"#;

fn quarter(date: &str) -> Option<String> {
    let y = date.get(0..4)?;
    let m: u32 = date.get(5..7)?.parse().ok()?;
    if !(1..=12).contains(&m) || !y.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{y}-Q{}", (m - 1) / 3 + 1))
}

/// Horizontal bar chart: labels on the left.
fn hbar(items: &[(String, usize)], color: &str) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let (lw, bw, rh) = (250.0, 300.0, 26.0);
    let h = rh * items.len() as f64 + 10.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {w} {h}" role="img">"#,
        w = lw + bw + 50.0
    );
    for (k, (label, n)) in items.iter().enumerate() {
        let y = 5.0 + rh * k as f64;
        let len = bw * *n as f64 / max as f64;
        let _ = write!(
            s,
            r##"<text x="{tx}" y="{ty}" font-size="12" text-anchor="end" fill="#334e68">{l}</text><rect x="{lw}" y="{ry}" width="{len:.1}" height="{bh}" rx="2" fill="{color}"/><text x="{nx:.1}" y="{ty}" font-size="12" fill="#102a43">{n}</text>"##,
            tx = lw - 8.0,
            ty = y + 15.0,
            l = esc(label),
            ry = y + 3.0,
            bh = rh - 8.0,
            nx = lw + len + 6.0,
        );
    }
    s.push_str("</svg>");
    s
}

/// A label as one or two `<tspan>` lines (split at the middle space when long).
fn two_lines(label: &str, x: f64) -> String {
    match label.split_once(' ') {
        Some((a, b)) if label.chars().count() > 8 => format!(
            r#"<tspan x="{x}">{}</tspan><tspan x="{x}" dy="13">{}</tspan>"#,
            esc(a),
            esc(b)
        ),
        _ => esc(label),
    }
}

/// Vertical bar chart: one column per label.
fn vbar(items: &[(String, usize)], color: &str) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    // a fixed drawing width, so that few columns are not drawn huge
    let (w, ch, top, bottom) = (600.0, 170.0, 20.0, 40.0);
    let n = items.len().max(1) as f64;
    let cw = ((w - 20.0) / n).min(80.0);
    let left = (w - cw * n) / 2.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {w} {h}" role="img">"#,
        h = top + ch + bottom
    );
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#9fb3c8"/>"##,
        y = top + ch,
        x2 = left + cw * n
    );
    for (k, (label, n)) in items.iter().enumerate() {
        let x = left + cw * k as f64;
        let bh = ch * *n as f64 / max as f64;
        let _ = write!(
            s,
            r##"<rect x="{rx}" y="{ry:.1}" width="{bw}" height="{bh:.1}" rx="2" fill="{color}"/><text x="{cx}" y="{ny:.1}" font-size="12" text-anchor="middle" fill="#102a43">{n}</text><text x="{cx}" y="{ly}" font-size="11" text-anchor="middle" fill="#334e68">{l}</text>"##,
            rx = x + 8.0,
            ry = top + ch - bh,
            bw = cw - 16.0,
            cx = x + cw / 2.0,
            ny = top + ch - bh - 5.0,
            ly = top + ch + 16.0,
            l = two_lines(label, x + cw / 2.0),
        );
    }
    s.push_str("</svg>");
    s
}

pub(crate) fn render(r: &Rollup) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    h.push_str("<title>sohoa — báo cáo tổng hợp cải cách hành chính</title><style>");
    h.push_str(CSS);
    h.push_str("</style></head><body>\n");
    let units_with_code = r
        .coverage
        .iter()
        .filter(|c| !c.unit_code.is_empty())
        .count();
    let files: std::collections::BTreeSet<&str> = r.units.iter().map(|u| u.json.as_str()).collect();
    let _ = write!(
        h,
        "<header><h1>Tổng hợp kế hoạch cải cách hành chính</h1><p>City roll-up of {} files, {} documents, {} units ({} matched to an official code)</p></header>\n<main>",
        files.len(),
        r.units.len(),
        r.coverage.len(),
        units_with_code
    );
    h.push_str("<div class=\"stats\">");
    for (n, l) in [
        (r.units.len(), "documents"),
        (r.coverage.len(), "units"),
        (r.tasks.len(), "tasks"),
        (r.citations.len(), "citations"),
        (r.targets.len(), "targets"),
    ] {
        let _ = write!(h, "<div class=\"stat\"><b>{n}</b><span>{l}</span></div>");
    }
    h.push_str("</div>\n");

    // coverage matrix
    h.push_str("<section><h2>Coverage of the seven reform areas</h2><table class=\"matrix\"><thead><tr><th>Unit</th><th>Code</th><th class=\"n\">Docs</th>");
    for a in AREAS {
        let _ = write!(h, "<th class=\"area\">{}</th>", esc(a.label));
    }
    h.push_str("</tr></thead><tbody>");
    for c in &r.coverage {
        let name = format!("{} {}", c.unit_type, c.unit_name);
        let name = if name.trim().is_empty() {
            "(no unit found)".to_string()
        } else {
            name
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"code\">{}</td><td class=\"n\">{}</td>",
            esc(name.trim()),
            esc(if c.unit_code.is_empty() {
                "—"
            } else {
                &c.unit_code
            }),
            c.documents
        );
        for n in c.hits {
            if n > 0 {
                let _ = write!(h, "<td class=\"c y\" title=\"{n} headings\">✓ {n}</td>");
            } else {
                h.push_str("<td class=\"c no\">–</td>");
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table><p class=\"note\">✓ n: n section headings or task groups of the unit's documents name the area (fuzzy match over toneless text).</p></section>\n");

    // charts
    let mut per_area: Vec<(String, usize)> = AREAS
        .iter()
        .map(|a| {
            (
                a.label.to_string(),
                r.tasks.iter().filter(|t| t.area == a.id).count(),
            )
        })
        .collect();
    let other = r.tasks.iter().filter(|t| t.area.is_empty()).count();
    if other > 0 {
        per_area.push(("(no area)".into(), other));
    }
    let mut quarters: BTreeMap<String, usize> = BTreeMap::new();
    let (mut recurring, mut on_request, mut none) = (0, 0, 0);
    for t in &r.tasks {
        match t.due_kind.as_str() {
            "recurring" => recurring += 1,
            "on_request" => on_request += 1,
            _ => {
                let d = if t.due_to.is_empty() {
                    &t.due_from
                } else {
                    &t.due_to
                };
                match quarter(d) {
                    Some(q) => *quarters.entry(q).or_default() += 1,
                    None => none += 1,
                }
            }
        }
    }
    let mut q: Vec<(String, usize)> = quarters.into_iter().collect();
    for (l, n) in [
        ("Thường xuyên", recurring),
        ("Theo yêu cầu", on_request),
        ("(none)", none),
    ] {
        if n > 0 {
            q.push((l.to_string(), n));
        }
    }
    h.push_str("<div class=\"grid\"><section><h2>Tasks per reform area</h2>");
    h.push_str(&hbar(&per_area, "#1f6f8b"));
    h.push_str("</section><section><h2>Task deadlines per quarter</h2>");
    if q.is_empty() {
        h.push_str("<p class=\"note\">No task has a deadline.</p>");
    } else {
        h.push_str(&vbar(&q, "#c17c2b"));
        h.push_str("<p class=\"note\">Quarter of the end of each deadline; recurring and on-request tasks apart.</p>");
    }
    h.push_str("</section></div>\n<div style=\"height:20px\"></div>");

    // most cited
    h.push_str("<section><h2>Most cited documents</h2><table><thead><tr><th class=\"n\">#</th><th>Document</th><th>Name</th><th class=\"n\">Citing documents</th><th class=\"n\">Mentions</th></tr></thead><tbody>");
    for c in r.most_cited.iter().take(15) {
        let doc = if c.number.is_empty() {
            c.doc_type.clone()
        } else {
            format!("{} {}", c.doc_type, c.number)
        };
        let _ = write!(
            h,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.rank,
            esc(doc.trim()),
            esc(&c.name),
            c.citing_documents,
            c.mentions
        );
    }
    h.push_str("</tbody></table></section>\n");

    // documents
    h.push_str("<section><h2>Documents</h2><table><thead><tr><th>File</th><th>Unit</th><th>Code</th><th>Kind</th><th>Number</th><th>Period</th><th class=\"n\">Tasks</th><th class=\"n\">Citations</th><th class=\"n\">Targets</th></tr></thead><tbody>");
    for u in &r.units {
        let period = if u.period_from.is_empty() {
            String::new()
        } else {
            format!("{} – {}", u.period_from, u.period_to)
        };
        let _ = write!(
            h,
            "<tr><td>{}#{}</td><td class=\"nw\">{}</td><td class=\"code\" title=\"{}\">{}</td><td>{}</td><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&u.json),
            u.doc_index,
            esc(&u.unit_label()),
            esc(&u.code_note),
            esc(if u.unit_code.is_empty() { "—" } else { &u.unit_code }),
            esc(&u.kind),
            esc(&u.number),
            esc(&period),
            u.tasks,
            u.citations,
            u.targets
        );
    }
    h.push_str("</tbody></table></section>\n</main><footer>Generated by sohoa aggregate from sohoa/1 JSON. Unit codes: vietnam-provinces 2025.10.1 (after the 2025 reorganisation).</footer></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_quarters() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(quarter("2025-07"), Some("2025-Q3".into()));
        assert_eq!(quarter("2025-12-31"), Some("2025-Q4".into()));
        assert_eq!(quarter(""), None);
    }
}
