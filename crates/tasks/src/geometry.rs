//! The task table read by geometry, when the source has a layout (a PDF with a text layer).
//!
//! The text path ([`crate::extract_tasks`]) sees a table flattened into lines and cuts each row
//! into columns by dynamic programming over what the words look like. A PDF says where every
//! word is, so here the columns and rows come from positions:
//!
//! 1. **Header band.** The line opening with `TT`/`STT` and the lines around it on its page
//!    that are no further apart than the line pitch (a header cell's words are often centred
//!    vertically, so "Thời gian" sits above the `TT` line). Repeats of the header at the top of
//!    later pages (lines made only of header fragments) are dropped.
//! 2. **Columns.** Every fragment of a line ([`Fragment`]: one line of one cell) of the header
//!    and the rows covers an x range; a cell's text never crosses its cell's border, so the x
//!    ranges covered by no fragment are the gutters between columns. Each column is named by the
//!    header fragments inside it (`TT` → row number, "Nội dung/Nhiệm vụ" → content, "chủ trì"
//!    → lead, "phối hợp" → partners, "Thời gian/Thời hạn" → timeline, "Sản phẩm/Kết quả" →
//!    output; "Ghi chú" and the like are read and dropped). Group rows ("I. Chỉ đạo …"), which
//!    span all columns, are left out of the gutter count.
//! 3. **Rows.** Lines closer than the line pitch belong to one band; the padding of the cells
//!    makes the gap between two rows wider than the pitch. A band holds one row number in the
//!    row-number column (a row; cells may be centred vertically, so the number need not be on
//!    its first line) or a group label (a group row). A band without a number at the top of a
//!    page continues the last row of the previous page; a band with two numbers is cut at its
//!    widest gap.
//! 4. **Cells.** Each fragment goes to the column whose x range holds its middle; a cell's
//!    lines are joined by one space (a line ending in a hyphen after a letter or digit joins
//!    the next without one), across page breaks too.
//!
//! When the layout does not fit this model (a table line without a position, a column without
//! a header, no content column, rows out of order, a row without content), [`extract`] returns
//! `None` and the caller falls back to the text path.

use sohoa_model::{Fragment, LineGeometry, Span, Task, TaskGroup, Warning};
use sohoa_text::Block;

use crate::agency::split_agencies;
use crate::due::parse_due;
use crate::table::{group_of, is_header_start, Col, HEADER_KEYS};
use crate::TableContext;

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    No,
    Cell(Col),
}

/// A table line with its position.
#[derive(Debug, Clone)]
struct PLine<'a> {
    no: u32,
    page: u32,
    y: f32,
    frags: &'a [Fragment],
}

impl PLine<'_> {
    fn text(&self) -> String {
        self.frags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The role a header cell's text names.
fn role_of(header: &str) -> Option<Role> {
    let low = header.to_lowercase();
    let t = low.trim();
    if matches!(t, "tt" | "stt" | "stt." | "số tt" | "số thứ tự") {
        return Some(Role::No);
    }
    HEADER_KEYS
        .iter()
        .find(|(k, _)| t.contains(k))
        .map(|&(_, c)| Role::Cell(c))
        .or(Some(Role::Cell(Col::Other)))
}

fn row_number(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches(['.', ')']);
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Joins the lines of a cell: one space, none after a hyphen that ends a line right after a
/// letter or digit ("66-" + "NQ/TW").
fn join_lines(parts: &[String]) -> String {
    let mut s = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !s.is_empty() {
            let glue = s.ends_with('-')
                && s.chars().rev().nth(1).is_some_and(char::is_alphanumeric)
                && p.chars().next().is_some_and(char::is_alphanumeric);
            if !glue {
                s.push(' ');
            }
        }
        s.push_str(p);
    }
    s
}

/// The line pitch: the smallest recurring distance between two consecutive lines of one cell
/// (same left edge, same page), or 1.2 × the font size when no cell has two lines.
fn line_pitch(lines: &[PLine], font_size: f32) -> f32 {
    let mut gaps: Vec<f32> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        for f in l.frags {
            // the next line below holding a fragment at the same left edge
            if let Some(n) = lines[i + 1..]
                .iter()
                .take(12)
                .find(|n| n.page == l.page && n.frags.iter().any(|g| (g.x0 - f.x0).abs() < 0.6))
            {
                let g = n.y - l.y;
                if g > 0.0 {
                    gaps.push(g);
                }
            }
        }
    }
    if gaps.is_empty() {
        return 1.2 * font_size;
    }
    gaps.sort_by(f32::total_cmp);
    // The smallest gap that recurs: the gaps between rows are wider than the pitch, and a table
    // whose cells mostly hold one line has more of them than of pitches.
    let need = (gaps.len() / 20).max(2);
    let mut i = 0;
    while i < gaps.len() {
        let j = gaps[i..].partition_point(|g| *g <= gaps[i] + 0.25) + i;
        if j - i >= need {
            return gaps[i];
        }
        i += 1;
    }
    gaps[0]
}

/// Reads the task table from its lines' positions. `table_lines` are the table zone's lines
/// (one per block, as the clean-up gives them), `layout` the positions of the document's lines
/// in line order. `None` when the layout does not fit (see the module documentation).
pub fn extract(
    table_lines: &[&Block],
    layout: &[LineGeometry],
    ctx: &TableContext,
) -> Option<(Vec<Task>, Vec<Warning>)> {
    if layout.is_empty() {
        return None;
    }
    let find = |no: u32| -> Option<&LineGeometry> {
        let i = layout.partition_point(|g| g.line < no);
        layout.get(i).filter(|g| g.line == no)
    };
    let mut lines: Vec<PLine> = Vec::new();
    for b in table_lines {
        if b.text.trim().is_empty() {
            continue;
        }
        let g = find(b.lines.first)?;
        if g.fragments.is_empty() {
            return None;
        }
        lines.push(PLine {
            no: g.line,
            page: g.page,
            y: g.y,
            frags: &g.fragments,
        });
    }
    let h0 = lines.iter().position(|l| is_header_start(&l.text()))?;
    let font = find(lines[h0].no).map(|g| g.font_size).unwrap_or(12.0);
    let pitch = line_pitch(&lines, font);
    // lines closer than this are in one band
    let near = pitch + (0.08 * pitch).max(1.0);

    // 1. Header band: the TT line, the lines just above it on its page (from the layout, they
    // may be outside the table zone), and the lines below it up to the first gap wider than
    // the pitch.
    let top = &lines[h0];
    let at = layout.partition_point(|g| g.line < top.no);
    let mut header: Vec<PLine> = Vec::new();
    let mut y = top.y;
    for g in layout[..at].iter().rev() {
        if g.page != top.page || y - g.y > near || g.y > y {
            break;
        }
        y = g.y;
        header.insert(
            0,
            PLine {
                no: g.line,
                page: g.page,
                y: g.y,
                frags: &g.fragments,
            },
        );
    }
    header.push(top.clone());
    let mut body_start = h0 + 1;
    while let Some(l) = lines.get(body_start) {
        let prev = header.last().map(|h| h.y).unwrap_or(l.y);
        let t = l.text();
        if l.page != top.page
            || l.y - prev > near
            || group_of(&t).is_some()
            || l.frags.first().and_then(|f| row_number(&f.text)).is_some()
        {
            break;
        }
        header.push(l.clone());
        body_start += 1;
    }
    let header_texts: Vec<&str> = header
        .iter()
        .flat_map(|l| l.frags.iter().map(|f| f.text.as_str()))
        .collect();

    // Body lines: repeated headers (header fragments only, at the top of a page's lines) out.
    let mut body: Vec<PLine> = Vec::new();
    let mut page_top = true;
    let mut page = top.page;
    for l in &lines[body_start..] {
        if l.page != page {
            page = l.page;
            page_top = true;
        }
        if page_top
            && l.frags
                .iter()
                .all(|f| header_texts.contains(&f.text.as_str()))
        {
            continue;
        }
        page_top = false;
        if is_header_start(&l.text()) {
            // a header that is not a repeat of the first: another table; not handled here
            return None;
        }
        body.push(l.clone());
    }
    if body.is_empty() {
        return None;
    }

    // Group rows: a Roman label opening a line at the table's left edge.
    let left = header
        .iter()
        .chain(&body)
        .flat_map(|l| l.frags.iter().map(|f| f.x0))
        .fold(f32::INFINITY, f32::min);
    let is_group = |l: &PLine| -> bool {
        l.frags
            .first()
            .is_some_and(|f| f.x0 - left < 0.5 * font && group_of(&f.text).is_some())
    };

    // 2. Columns: the x ranges covered by fragments (group rows left out), split at the
    // gutters no fragment covers.
    let mut spans: Vec<(f32, f32)> = header
        .iter()
        .chain(body.iter().filter(|l| !is_group(l)))
        .flat_map(|l| l.frags.iter().map(|f| (f.x0, f.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + 0.5 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    let col_of = |f: &Fragment| -> usize {
        let mid = (f.x0 + f.x1) / 2.0;
        cols.iter()
            .position(|&(a, b)| a - 0.5 <= mid && mid <= b + 0.5)
            .unwrap_or_else(|| {
                // between two columns (cannot happen for a fragment that was counted): nearest
                cols.iter()
                    .enumerate()
                    .min_by(|x, y| {
                        let d = |c: &(f32, f32)| (c.0 - mid).abs().min((c.1 - mid).abs());
                        d(x.1).total_cmp(&d(y.1))
                    })
                    .map(|(i, _)| i)
                    .unwrap_or(0)
            })
    };
    // Column names from the header fragments inside each column, top to bottom.
    let mut names: Vec<Vec<String>> = vec![Vec::new(); cols.len()];
    for l in &header {
        for f in l.frags {
            names[col_of(f)].push(f.text.clone());
        }
    }
    let roles: Vec<Role> = names
        .iter()
        .map(|n| role_of(&join_lines(n)))
        .collect::<Option<_>>()?;
    if names.iter().any(Vec::is_empty)
        || roles.first() != Some(&Role::No)
        || roles.iter().filter(|&&r| r == Role::No).count() != 1
        || roles
            .iter()
            .filter(|&&r| r == Role::Cell(Col::Content))
            .count()
            != 1
        || cols.len() < 3
    {
        return None;
    }

    // 3. Rows: bands of lines closer than `near`, on one page.
    let mut bands: Vec<Vec<PLine>> = Vec::new();
    for l in body {
        match bands.last_mut() {
            Some(b)
                if b.last()
                    .is_some_and(|p| p.page == l.page && l.y - p.y <= near && !is_group(&l)) =>
            {
                b.push(l)
            }
            _ => bands.push(vec![l]),
        }
    }
    let anchor = |l: &PLine| -> Option<u32> {
        l.frags
            .iter()
            .find(|f| col_of(f) == 0)
            .and_then(|f| row_number(&f.text))
    };
    // A band with several row numbers is cut at its widest gap between two of them.
    let mut split: Vec<Vec<PLine>> = Vec::new();
    for band in bands {
        let mut rest = band;
        loop {
            let idx: Vec<usize> = (0..rest.len())
                .filter(|&i| anchor(&rest[i]).is_some())
                .collect();
            if idx.len() < 2 {
                split.push(rest);
                break;
            }
            let (a, b) = (idx[0], idx[1]);
            let cut = (a + 1..=b)
                .max_by(|&i, &j| {
                    (rest[i].y - rest[i - 1].y).total_cmp(&(rest[j].y - rest[j - 1].y))
                })
                .unwrap_or(b);
            let tail = rest.split_off(cut);
            split.push(rest);
            rest = tail;
        }
    }

    struct Row<'a> {
        no: u32,
        group: Option<TaskGroup>,
        lines: Vec<PLine<'a>>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut group: Option<TaskGroup> = None;
    let mut group_new = false;
    let mut warnings = Vec::new();
    let mut last_page = None;
    for band in split {
        let first_on_page = last_page != Some(band[0].page);
        last_page = Some(band[0].page);
        if band.first().is_some_and(&is_group) {
            let text = join_lines(&band.iter().map(PLine::text).collect::<Vec<_>>());
            let (label, title) = group_of(&text)?;
            group = Some(TaskGroup { label, title });
            group_new = true;
            continue;
        }
        let number = band.iter().find_map(&anchor);
        match number {
            Some(n) => {
                let line = band
                    .iter()
                    .find(|l| anchor(l).is_some())
                    .map(|l| l.no)
                    .unwrap_or(0);
                let prev = rows.last().map(|r| r.no);
                match prev {
                    Some(p) if n > p + 1 && !(n == 1 && group_new) => {
                        for m in p + 1..n {
                            warnings.push(Warning {
                                code: "missing_row".to_string(),
                                message: format!(
                                    "task table: row {m} is missing (row {p} is followed by row {n})"
                                ),
                                line: Some(line),
                            });
                        }
                    }
                    Some(p) if n <= p && !(n == 1 && group_new) => return None,
                    None => {
                        for m in 1..n {
                            warnings.push(Warning {
                                code: "missing_row".to_string(),
                                message: format!(
                                    "task table: row {m} is missing (the table starts at row {n})"
                                ),
                                line: Some(line),
                            });
                        }
                    }
                    _ => {}
                }
                rows.push(Row {
                    no: n,
                    group: group.clone(),
                    lines: band,
                });
                group_new = false;
            }
            // the rest of the last row, carried over a page break
            None if first_on_page && !group_new => rows.last_mut()?.lines.extend(band),
            None => return None,
        }
    }
    if rows.is_empty() {
        return None;
    }

    // 4. Cells.
    let mut tasks = Vec::new();
    for r in rows {
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); cols.len()];
        for l in &r.lines {
            let mut on_line: Vec<Vec<&str>> = vec![Vec::new(); cols.len()];
            for f in l.frags {
                on_line[col_of(f)].push(&f.text);
            }
            for (c, parts) in on_line.into_iter().enumerate() {
                if !parts.is_empty() {
                    cells[c].push(parts.join(" "));
                }
            }
        }
        let get = |want: Col| -> Option<String> {
            roles
                .iter()
                .position(|&x| x == Role::Cell(want))
                .map(|i| join_lines(&cells[i]))
                .filter(|s| !s.is_empty())
        };
        let content = get(Col::Content)?;
        let timeline = get(Col::Timeline);
        let mut partners: Vec<String> = Vec::new();
        for p in get(Col::Partners)
            .map(|p| split_agencies(&p, &ctx.heads))
            .unwrap_or_default()
        {
            if !partners.contains(&p) {
                partners.push(p);
            }
        }
        let first = r.lines.iter().map(|l| l.no).min().unwrap_or(0);
        let last = r.lines.iter().map(|l| l.no).max().unwrap_or(first);
        let page = r.lines.iter().min_by_key(|l| l.no).map(|l| l.page);
        tasks.push(Task {
            no: Some(r.no),
            group: r.group,
            content,
            lead: get(Col::Lead),
            partners,
            due: timeline.as_deref().and_then(|t| parse_due(t, ctx.year)),
            timeline,
            output: get(Col::Output),
            lines: Span { first, last },
            page,
        });
    }
    Some((tasks, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_header_cells() {
        assert_eq!(role_of("TT"), Some(Role::No));
        assert_eq!(role_of("Cơ quan chủ trì"), Some(Role::Cell(Col::Lead)));
        assert_eq!(role_of("Cơ quan phối hợp"), Some(Role::Cell(Col::Partners)));
        assert_eq!(
            role_of("Thời gian thực hiện/ hoàn thành"),
            Some(Role::Cell(Col::Timeline))
        );
        assert_eq!(role_of("Ghi chú"), Some(Role::Cell(Col::Other)));
    }

    /// A fragment: (text, x0, x1).
    type F<'a> = (&'a str, f32, f32);
    /// A row's cells: (number, content, lead, timeline).
    type Cells<'a> = (Option<u32>, &'a str, Option<&'a str>, Option<&'a str>);

    /// (page, y, fragments) → table blocks and their layout, lines numbered from 1.
    fn table(rows: &[(u32, f32, &[F])]) -> (Vec<Block>, Vec<LineGeometry>) {
        let mut blocks = Vec::new();
        let mut layout = Vec::new();
        for (i, &(page, y, frags)) in rows.iter().enumerate() {
            let no = i as u32 + 1;
            let fragments: Vec<Fragment> = frags
                .iter()
                .map(|&(t, x0, x1)| Fragment {
                    text: t.to_string(),
                    x0,
                    x1,
                })
                .collect();
            let text = frags.iter().map(|f| f.0).collect::<Vec<_>>().join(" ");
            blocks.push(Block {
                text,
                lines: Span::line(no),
                page: Some(page),
                kind: sohoa_text::BlockKind::TableLine,
                starts: vec![(0, no)],
            });
            layout.push(LineGeometry {
                line: no,
                page,
                x: frags.first().map(|f| f.1).unwrap_or(0.0),
                y,
                width: 0.0,
                font_size: 10.0,
                fragments,
            });
        }
        (blocks, layout)
    }

    const HEADER: &[F] = &[
        ("TT", 50.0, 60.0),
        ("Nội dung", 70.0, 150.0),
        ("Chủ trì", 160.0, 220.0),
        ("Thời hạn", 230.0, 280.0),
    ];

    /// Top-aligned cells, a group row, a missing row, a row carried over a page break under
    /// the repeated header.
    #[test]
    fn rows_columns_and_page_breaks() {
        let (blocks, layout) = table(&[
            (1, 100.0, HEADER),
            (1, 116.0, &[("I. Cải cách thể chế", 50.0, 200.0)]),
            (
                1,
                132.0,
                &[
                    ("1", 50.0, 55.0),
                    ("Rà soát văn", 70.0, 140.0),
                    ("Phòng Tư", 160.0, 210.0),
                    ("Quý I/2026", 230.0, 275.0),
                ],
            ),
            (
                1,
                144.0,
                &[("bản QPPL", 70.0, 120.0), ("pháp", 160.0, 190.0)],
            ),
            (
                1,
                160.0,
                &[
                    ("3", 50.0, 55.0),
                    ("Ban hành Kế", 70.0, 140.0),
                    ("Văn phòng", 160.0, 215.0),
                    ("Tháng", 230.0, 260.0),
                ],
            ),
            (1, 172.0, &[("hoạch", 70.0, 100.0)]),
            (2, 100.0, HEADER),
            (
                2,
                116.0,
                &[
                    ("kiểm tra", 70.0, 110.0),
                    ("UBND", 160.0, 190.0),
                    ("3/2026", 230.0, 260.0),
                ],
            ),
            (
                2,
                132.0,
                &[
                    ("4", 50.0, 55.0),
                    ("Tổng kết", 70.0, 120.0),
                    ("Văn phòng UBND", 160.0, 218.0),
                    ("Tháng 12/2026", 230.0, 279.0),
                ],
            ),
        ]);
        let refs: Vec<&Block> = blocks.iter().collect();
        let ctx = TableContext {
            year: Some(2026),
            ..TableContext::default()
        };
        let (tasks, warnings) = extract(&refs, &layout, &ctx).expect("read by geometry");
        let rows: Vec<Cells> = tasks
            .iter()
            .map(|t| {
                (
                    t.no,
                    t.content.as_str(),
                    t.lead.as_deref(),
                    t.timeline.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    Some(1),
                    "Rà soát văn bản QPPL",
                    Some("Phòng Tư pháp"),
                    Some("Quý I/2026")
                ),
                (
                    Some(3),
                    "Ban hành Kế hoạch kiểm tra",
                    Some("Văn phòng UBND"),
                    Some("Tháng 3/2026")
                ),
                (
                    Some(4),
                    "Tổng kết",
                    Some("Văn phòng UBND"),
                    Some("Tháng 12/2026")
                ),
            ]
        );
        assert!(tasks
            .iter()
            .all(|t| t.group.as_ref().is_some_and(|g| g.label == "I")));
        assert_eq!((tasks[1].lines.first, tasks[1].lines.last), (5, 8));
        assert_eq!(tasks[1].page, Some(1));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "missing_row");
        assert!(warnings[0].message.contains("row 2"));
    }

    /// A column no header names, or no layout: not read by geometry.
    #[test]
    fn layouts_that_do_not_fit_fall_back() {
        let (blocks, layout) = table(&[
            (1, 100.0, HEADER),
            (
                1,
                116.0,
                &[
                    ("1", 50.0, 55.0),
                    ("Rà soát", 70.0, 140.0),
                    ("Phòng Tư pháp", 160.0, 210.0),
                    ("Quý I/2026", 230.0, 275.0),
                    ("x", 320.0, 330.0),
                ],
            ),
        ]);
        let refs: Vec<&Block> = blocks.iter().collect();
        let ctx = TableContext::default();
        assert!(extract(&refs, &layout, &ctx).is_none());
        assert!(extract(&refs, &[], &ctx).is_none());
        let (_, _, method) = crate::extract_tasks_with_layout(&refs, &[], &ctx);
        assert_eq!(method, crate::TableMethod::Text);
        // without the stray column, the same table is read by geometry
        let (blocks, layout) = table(&[
            (1, 100.0, HEADER),
            (
                1,
                116.0,
                &[
                    ("1", 50.0, 55.0),
                    ("Rà soát", 70.0, 140.0),
                    ("Phòng Tư pháp", 160.0, 210.0),
                    ("Quý I/2026", 230.0, 275.0),
                ],
            ),
        ]);
        let refs: Vec<&Block> = blocks.iter().collect();
        let (tasks, _, method) = crate::extract_tasks_with_layout(&refs, &layout, &ctx);
        assert_eq!(method, crate::TableMethod::Geometry);
        assert_eq!(tasks[0].lead.as_deref(), Some("Phòng Tư pháp"));
    }

    #[test]
    fn cell_lines_join() {
        let parts = ["Nghị quyết số 66-".to_string(), "NQ/TW ngày".to_string()];
        assert_eq!(join_lines(&parts), "Nghị quyết số 66-NQ/TW ngày");
        let parts = ["Phòng Văn hóa -".to_string(), "Xã hội".to_string()];
        assert_eq!(join_lines(&parts), "Phòng Văn hóa - Xã hội");
    }
}
