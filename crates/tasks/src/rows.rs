//! The appendix task table when the source already has rows and cells (a Word table): no
//! cutting of words into cells, the rows and cells come straight from the file.
//!
//! 1. **Header.** The first row whose first non-empty cell is `TT`/`STT` opens the header; the
//!    rows below it whose number cell is empty or merged (a two-row header: "Cơ quan thực
//!    hiện" over "Chủ trì" and "Phối hợp") belong to it. Each grid column's header text (the
//!    header cells over it, top to bottom) names what it holds, as in the text reader
//!    ("chủ trì" → lead, "phối hợp" → partners, "Thời gian/Thời hạn/Tiến độ" → timeline,
//!    "Sản phẩm/Kết quả" → output, "Nội dung/Nhiệm vụ/Công việc/Hoạt động" → content, "TT" →
//!    the row number, anything else an ignored column). A table with no header row goes on
//!    with the previous table's columns when it has as many (a table split in two).
//! 2. **Rows.** Repeated header rows are skipped. A row whose text is one Roman-numbered
//!    title ("I. Cải cách thể chế", usually one cell across the table), or whose number cell
//!    is a Roman numeral, is a group row. A row whose number cell is a number is a task,
//!    numbered as printed; a gap in the numbering is a `missing_row` warning (numbering may
//!    start again at 1 after a group row). A row with an empty number cell adds its cells to
//!    the task above, joined by "; " (a sub-row).
//! 3. **Cells.** A cell's lines are joined by one space, whitespace collapsed; a cell merged
//!    with the one above (`vMerge`) has that cell's text. The task is built as in the text
//!    reader (partners split into bodies, deadline parsed); `lines` runs from the row's first
//!    line to its last.

use std::collections::HashMap;

use sohoa_model::{Span, Task, TaskGroup, Warning};

use crate::table::{group_of, is_header_start, task_of, Col, HEADER_KEYS};
use crate::TableContext;

/// A cell of a table row read from a structured source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableCell {
    /// 0-based grid column where the cell starts.
    pub col: usize,
    /// Grid columns it spans (at least 1).
    pub span: usize,
    /// Merged with the cell above: it shows that cell's text.
    pub merged: bool,
    /// Its lines (text, source line number), in order.
    pub lines: Vec<(String, u32)>,
}

/// A table row read from a structured source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableRow {
    /// Marked as a header row repeated on each page.
    pub header: bool,
    /// Cells left to right.
    pub cells: Vec<TableCell>,
    /// Page of the row, for paged sources.
    pub page: Option<u32>,
}

/// What a header text says a column holds (None: the row number).
fn column_of(header: &str) -> Option<Col> {
    if is_header_start(header.trim()) {
        return None;
    }
    let low = header.to_lowercase();
    Some(
        HEADER_KEYS
            .iter()
            .find(|(k, _)| low.contains(k))
            .map(|&(_, c)| c)
            .unwrap_or(Col::Other),
    )
}

fn cell_text(c: &TableCell) -> String {
    let mut s = String::new();
    for w in c.lines.iter().flat_map(|(t, _)| t.split_whitespace()) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

fn row_number(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches(['.', ')']);
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn is_roman(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(['.', ')', ':']);
    let ok = !t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    ok.then(|| t.to_string())
}

/// The columns of a table: what each grid column holds, and the number column.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    kinds: Vec<Col>,
    number: usize,
    /// The header's cell texts, to skip repeats of the header.
    header: Vec<String>,
}

impl Columns {
    fn kind(&self, col: usize) -> Col {
        self.kinds.get(col).copied().unwrap_or(Col::Other)
    }

    /// Is `c` the row-number cell?
    fn is_number(&self, c: &TableCell) -> bool {
        c.col <= self.number && self.number < c.col + c.span.max(1)
    }
}

/// The header at row `h` of `rows`: its columns and the index of the first row after it.
fn header_at(rows: &[TableRow], h: usize) -> (Columns, usize) {
    let width = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.col + c.span.max(1)))
        .max()
        .unwrap_or(0)
        .min(1000);
    let number = rows[h]
        .cells
        .iter()
        .find(|c| is_header_start(&cell_text(c)))
        .map(|c| c.col)
        .unwrap_or(0);
    let mut end = h + 1;
    while end < rows.len() && end - h < 3 {
        let r = &rows[end];
        let num_cell = r
            .cells
            .iter()
            .find(|c| c.col <= number && number < c.col + c.span.max(1));
        let empty_number = num_cell.is_none_or(|c| c.merged || cell_text(c).is_empty());
        let texts: Vec<String> = r.cells.iter().map(cell_text).collect();
        let group = texts.iter().any(|t| group_of(t).is_some());
        if !empty_number || group || texts.iter().all(String::is_empty) {
            break;
        }
        end += 1;
    }
    let mut texts = vec![String::new(); width];
    for r in &rows[h..end] {
        for c in &r.cells {
            let t = cell_text(c);
            for slot in texts.iter_mut().skip(c.col).take(c.span.max(1)) {
                if !t.is_empty() {
                    if !slot.is_empty() {
                        slot.push(' ');
                    }
                    slot.push_str(&t);
                }
            }
        }
    }
    let kinds = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == number {
                Col::Other
            } else {
                column_of(t).unwrap_or(Col::Other)
            }
        })
        .collect();
    let header = rows[h].cells.iter().map(cell_text).collect();
    (
        Columns {
            kinds,
            number,
            header,
        },
        end,
    )
}

/// Extracts the task rows from tables whose rows and cells come from the source (a Word
/// table). Gives the same [`Task`] values as [`crate::extract_tasks`] does for the same table
/// flattened into lines. See the module documentation for the rules.
pub fn extract_tasks_from_rows(
    tables: &[Vec<TableRow>],
    ctx: &TableContext,
) -> (Vec<Task>, Vec<Warning>) {
    let mut tasks: Vec<Task> = Vec::new();
    let mut warnings = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut last_no: Option<u32> = None;
    let mut group: Option<TaskGroup> = None;
    let mut group_open = false;
    for rows in tables {
        let width = rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.col + c.span.max(1)))
            .max()
            .unwrap_or(0);
        let start = rows.iter().position(|r| {
            r.cells
                .iter()
                .map(cell_text)
                .find(|t| !t.is_empty())
                .is_some_and(|t| is_header_start(&t))
        });
        let mut i = match start {
            Some(h) => {
                let (c, end) = header_at(rows, h);
                columns = Some(c);
                last_no = None;
                group = None;
                group_open = false;
                end
            }
            // a table without a header goes on with the previous one's columns
            None => match &columns {
                Some(c) if c.kinds.len() == width => 0,
                _ => continue,
            },
        };
        let Some(cols) = columns.clone() else {
            continue;
        };
        // the text of each grid column's last cell, for cells merged with the one above
        let mut above: HashMap<usize, String> = HashMap::new();
        while i < rows.len() {
            let row = &rows[i];
            i += 1;
            let texts: Vec<String> = row
                .cells
                .iter()
                .map(|c| {
                    if c.merged {
                        above.get(&c.col).cloned().unwrap_or_default()
                    } else {
                        cell_text(c)
                    }
                })
                .collect();
            for (c, t) in row.cells.iter().zip(&texts) {
                above.insert(c.col, t.clone());
            }
            let own: Vec<&str> = row
                .cells
                .iter()
                .zip(&texts)
                .filter(|(c, t)| !c.merged && !t.is_empty())
                .map(|(_, t)| t.as_str())
                .collect();
            if own.is_empty() {
                continue;
            }
            // a repeated header row
            if row.header || row.cells.iter().map(cell_text).collect::<Vec<_>>() == cols.header {
                continue;
            }
            let number_cell = row
                .cells
                .iter()
                .zip(&texts)
                .find(|(c, _)| cols.is_number(c));
            let number_text = number_cell.map(|(_, t)| t.as_str()).unwrap_or("");
            // group rows: one Roman-numbered title, or a Roman numeral in the number cell
            if own.len() == 1 {
                if let Some((label, title)) = group_of(own[0]) {
                    group = Some(TaskGroup { label, title });
                    group_open = true;
                    continue;
                }
            }
            if let Some(label) = is_roman(number_text) {
                let title: Vec<&str> = row
                    .cells
                    .iter()
                    .zip(&texts)
                    .filter(|(c, t)| !cols.is_number(c) && !t.is_empty())
                    .map(|(_, t)| t.as_str())
                    .collect();
                group = Some(TaskGroup {
                    label,
                    title: title.join(" "),
                });
                group_open = true;
                continue;
            }
            let first = row
                .cells
                .iter()
                .flat_map(|c| c.lines.iter().map(|l| l.1))
                .min();
            let last = row
                .cells
                .iter()
                .flat_map(|c| c.lines.iter().map(|l| l.1))
                .max();
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            // the row's cells by what their column holds
            let mut by_kind: Vec<(Col, String)> = Vec::new();
            for (c, t) in row.cells.iter().zip(&texts) {
                if cols.is_number(c) {
                    continue;
                }
                let k = cols.kind(c.col);
                if t.is_empty() {
                    continue;
                }
                match by_kind.iter_mut().find(|(kk, _)| *kk == k) {
                    Some((_, s)) => {
                        s.push(' ');
                        s.push_str(t);
                    }
                    None => by_kind.push((k, t.clone())),
                }
            }
            let get = |want: Col| -> Option<String> {
                by_kind
                    .iter()
                    .find(|(k, _)| *k == want)
                    .map(|(_, s)| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            match row_number(number_text) {
                Some(n) => {
                    match last_no {
                        Some(p) if n > p + 1 && !(n == 1 && group_open) => {
                            for m in p + 1..n {
                                warnings.push(Warning {
                                    code: "missing_row".to_string(),
                                    message: format!(
                                        "task table: row {m} is missing (row {p} is followed by row {n})"
                                    ),
                                    line: Some(first),
                                });
                            }
                        }
                        None if n > 1 => {
                            for m in 1..n {
                                warnings.push(Warning {
                                    code: "missing_row".to_string(),
                                    message: format!(
                                        "task table: row {m} is missing (the table starts at row {n})"
                                    ),
                                    line: Some(first),
                                });
                            }
                        }
                        _ => {}
                    }
                    tasks.push(task_of(
                        n,
                        group.clone(),
                        get,
                        Span { first, last },
                        row.page,
                        ctx,
                    ));
                    last_no = Some(n);
                    group_open = false;
                }
                None => {
                    // a sub-row: its cells join the task above
                    let Some(t) = tasks.last_mut() else { continue };
                    let join = |old: &mut Option<String>, new: Option<String>| {
                        if let Some(new) = new {
                            match old {
                                Some(o) if *o == new => {}
                                Some(o) => {
                                    o.push_str("; ");
                                    o.push_str(&new);
                                }
                                None => *old = Some(new),
                            }
                        }
                    };
                    let mut content = Some(t.content.clone()).filter(|c| !c.is_empty());
                    join(&mut content, get(Col::Content));
                    t.content = content.unwrap_or_default();
                    join(&mut t.lead, get(Col::Lead));
                    join(&mut t.output, get(Col::Output));
                    let mut timeline = t.timeline.clone();
                    join(&mut timeline, get(Col::Timeline));
                    if timeline != t.timeline {
                        t.due = timeline
                            .as_deref()
                            .and_then(|x| crate::parse_due(x, ctx.year));
                        t.timeline = timeline;
                    }
                    if let Some(p) = get(Col::Partners) {
                        for a in crate::agency::split_agencies(&p, &ctx.heads) {
                            if !t.partners.contains(&a) {
                                t.partners.push(a);
                            }
                        }
                    }
                    t.lines.last = t.lines.last.max(last);
                }
            }
        }
    }
    (tasks, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, text: &str, line: u32) -> TableCell {
        TableCell {
            col,
            span: 1,
            merged: false,
            lines: text
                .split('\n')
                .filter(|t| !t.is_empty())
                .map(|t| (t.to_string(), line))
                .collect(),
        }
    }

    fn row(cells: Vec<TableCell>) -> TableRow {
        TableRow {
            header: false,
            cells,
            page: None,
        }
    }

    #[test]
    fn two_row_header_merges_groups_and_gaps() {
        let mut merged = cell(2, "", 0);
        merged.merged = true;
        let mut wide = cell(0, "II. Cải cách thể chế", 9);
        wide.span = 5;
        let mut head = cell(2, "Cơ quan thực hiện", 1);
        head.span = 2;
        let t = vec![
            row(vec![
                cell(0, "TT", 1),
                cell(1, "Nội dung", 1),
                head,
                cell(4, "Thời gian", 1),
            ]),
            row(vec![
                TableCell {
                    merged: true,
                    ..cell(0, "", 2)
                },
                TableCell {
                    merged: true,
                    ..cell(1, "", 2)
                },
                cell(2, "Chủ trì", 2),
                cell(3, "Phối hợp", 2),
                TableCell {
                    merged: true,
                    ..cell(4, "", 2)
                },
            ]),
            row(vec![
                cell(0, "1", 3),
                cell(1, "Ban hành\nKế hoạch", 3),
                cell(2, "Phòng Kinh tế", 4),
                cell(3, "Các phòng, ban", 4),
                cell(4, "Quý III/2025", 5),
            ]),
            row(vec![
                cell(0, "3", 6),
                cell(1, "Rà soát văn bản", 6),
                merged,
                cell(3, "", 6),
                cell(4, "Thường xuyên", 7),
            ]),
            row(vec![wide]),
            row(vec![
                cell(0, "1", 10),
                cell(1, "Kiểm tra", 10),
                cell(2, "Công an xã", 10),
                cell(3, "", 10),
                cell(4, "Tháng 7/2025", 10),
            ]),
        ];
        let (tasks, warnings) = extract_tasks_from_rows(&[t], &TableContext::default());
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[0].content, "Ban hành Kế hoạch");
        assert_eq!(tasks[0].lead.as_deref(), Some("Phòng Kinh tế"));
        assert_eq!(tasks[0].partners, ["Các phòng, ban"]);
        assert_eq!(tasks[0].timeline.as_deref(), Some("Quý III/2025"));
        assert_eq!((tasks[0].lines.first, tasks[0].lines.last), (3, 5));
        // the lead cell merged with the one above shows its text
        assert_eq!(tasks[1].lead.as_deref(), Some("Phòng Kinh tế"));
        assert_eq!(tasks[1].no, Some(3));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "missing_row");
        assert_eq!(warnings[0].line, Some(6));
        // numbering starts again after a group row, without a warning
        assert_eq!(tasks[2].no, Some(1));
        assert_eq!(
            tasks[2].group.as_ref().map(|g| g.label.as_str()),
            Some("II")
        );
        assert_eq!(tasks[0].group, None);
    }

    #[test]
    fn header_words() {
        assert_eq!(column_of("TT"), None);
        assert_eq!(column_of("Cơ quan chủ trì"), Some(Col::Lead));
        assert_eq!(
            column_of("Thời gian thực hiện/ hoàn thành"),
            Some(Col::Timeline)
        );
        assert_eq!(column_of("Sản phẩm đầu ra"), Some(Col::Output));
        assert_eq!(column_of("Ghi chú"), Some(Col::Other));
        assert_eq!(row_number("12"), Some(12));
        assert_eq!(row_number("7/2025"), None);
        assert_eq!(is_roman("IV."), Some("IV".to_string()));
    }
}
