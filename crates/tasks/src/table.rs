//! The appendix task table: flattened table lines → rows → cells.
//!
//! 1. **Header.** The first line starting with `TT`/`STT` opens the header; the header runs to
//!    the first group row or row number. Its words give the columns and their order
//!    ("Nội dung/Nhiệm vụ" → content, "chủ trì" → lead, "phối hợp" → partners, "Thời gian/Thời
//!    hạn/Tiến độ" → timeline, "Sản phẩm/Kết quả" → output, anything else — "Ghi chú", "Căn cứ" —
//!    an ignored column). Repeats of the header (one per page) are dropped and mark a page break;
//!    a header naming other columns starts another table, numbered afresh.
//! 2. **Page furniture.** Lines repeated three times or more in the table (running headers such
//!    as the gazette's "CÔNG BÁO/Số …"), the page number after them, and footnotes (long lines
//!    opening with a footnote number) are dropped.
//! 3. **Rows.** A row starts at a line that is a number — alone or followed by capitalised text
//!    ("8 Ban hành Quyết định …") — equal to the previous row number plus one to three (or 1
//!    right after a group row). A skipped number is reported as a `missing_row` warning; numbers
//!    are never invented or changed. A Roman-numbered line ("II. Cải cách thể chế") is a group row.
//! 4. **Cells.** A row's words, page by page, are cut into the columns in order by dynamic
//!    programming (a monotone segmentation: each column takes a run of words, possibly empty).
//!    Cuts between lines are free, cuts inside a line cost a penalty and are only tried before a
//!    capitalised word or a number. Each candidate cell is scored by what it looks like: a list
//!    of bodies (general lexicon of agency head words and the names the document itself assigns
//!    tasks to) for lead and partners, a whole time expression for the timeline, a product word
//!    ("Kế hoạch", "Báo cáo", "Quyết định", …) for the output; cells start with a capital. On a
//!    later page, only the cells that overflowed continue: the tallest cells of the first part
//!    are preferred, an ignored column is no sink for them, and a body's name opening the page
//!    may be a second paragraph of the lead or partners cell.
//! 5. **Sub-rows.** A row part may also hold a second set of the columns after the content (the
//!    gazette's "one task, two results and deadlines" without a number of its own); it is read
//!    when it scores better despite a fixed cost, and its cells are appended to the row's,
//!    joined by "; " (a repeated lead is kept once). A row is never split or renumbered.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Span, Task, TaskGroup, Warning};
use sohoa_text::Block;

use crate::agency::{
    agency_pieces, by_first_byte, join_norms, norm_name, norm_prefix, split_agencies,
    starts_with_head, starts_with_word, AgencyScan, NormRuns,
};
use crate::due::{is_time, is_time_word, opens_phrase, parse_due, re, time_sep};
use crate::TableContext;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Content,
    Lead,
    Partners,
    Timeline,
    Output,
    Other,
}

/// Header words and the column each names, for the three table readers (text rows, structured
/// rows, page geometry). Where a header cell names one column, the first word of this list it
/// holds decides (the `Other` words last, so "Kinh phí thực hiện nhiệm vụ" is content); where a
/// header line names several, each column is taken at its first word of this list.
pub(crate) const HEADER_KEYS: [(&str, Col); 16] = [
    ("chủ trì", Col::Lead),
    ("phối hợp", Col::Partners),
    ("thời gian", Col::Timeline),
    ("thời hạn", Col::Timeline),
    ("tiến độ", Col::Timeline),
    ("sản phẩm", Col::Output),
    ("kết quả", Col::Output),
    ("nội dung", Col::Content),
    ("nhiệm vụ", Col::Content),
    ("công việc", Col::Content),
    ("hoạt động", Col::Content),
    ("ghi chú", Col::Other),
    ("kinh phí", Col::Other),
    ("căn cứ", Col::Other),
    ("nguồn", Col::Other),
    ("dự toán", Col::Other),
];

/// Columns named by a header text, in order. Falls back to the usual six-column layout.
pub(crate) fn columns_of(header: &str) -> Vec<Col> {
    let low = header.to_lowercase();
    let mut low = low.as_str().to_string();
    let mut found: Vec<(usize, Col)> = Vec::new();

    for &(k, c) in &HEADER_KEYS {
        if let Some(p) = low.find(k) {
            if c == Col::Content && found.iter().any(|&(_, x)| x == Col::Content) {
                continue;
            }
            if c == Col::Output && found.iter().any(|&(_, x)| x == Col::Output) {
                continue;
            }
            if c == Col::Timeline && found.iter().any(|&(_, x)| x == Col::Timeline) {
                continue;
            }
            found.push((p, c));
            // blank the match so "thời gian thực hiện" does not also count elsewhere
            let blank = " ".repeat(k.len());
            low.replace_range(p..p + k.len(), &blank);
        }
    }
    found.sort_by_key(|&(p, _)| p);
    let cols: Vec<Col> = found.into_iter().map(|(_, c)| c).collect();
    if !cols.contains(&Col::Content) || cols.len() < 3 {
        return vec![
            Col::Content,
            Col::Lead,
            Col::Partners,
            Col::Timeline,
            Col::Output,
        ];
    }
    cols
}

pub(crate) fn is_header_start(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:S?TT|Stt|STT\.)(?:\s|$)").is_match(s)
}

pub(crate) fn group_of(s: &str) -> Option<(String, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &R,
        r"^((?:X{0,2})(?:IX|IV|V?I{0,3}))\s*[.)/:-]\s*(\p{Lu}.*)$",
    )
    .captures(s)?;
    let label = c.get(1)?.as_str();
    if label.is_empty() {
        return None;
    }
    Some((label.to_string(), c.get(2)?.as_str().trim().to_string()))
}

/// A row number at the start of the line, and the rest of the line.
fn row_start(s: &str) -> Option<(u32, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(&R, r"^(\d{1,3})[.)]?(?:\s+(.*))?$").captures(s)?;
    let n: u32 = c.get(1)?.as_str().parse().ok()?;
    let rest = c.get(2).map(|m| m.as_str().trim()).unwrap_or("");
    if let Some(ch) = rest.chars().next() {
        if !(ch.is_uppercase() || ch == '"' || ch == '“') {
            return None;
        }
    }
    Some((n, rest.to_string()))
}

struct Line<'a> {
    text: &'a str,
    no: u32,
    page: Option<u32>,
}

#[derive(Default)]
struct RawRow {
    /// Index of its table's column set.
    table: usize,
    no: u32,
    group: Option<TaskGroup>,
    /// Page parts; each part is a list of (text, line).
    parts: Vec<Vec<(String, u32)>>,
    first: u32,
    last: u32,
    page: Option<u32>,
}

/// Extracts the task rows from the table lines of one document. See the module documentation.
pub fn extract_tasks(table_lines: &[&Block], ctx: &TableContext) -> (Vec<Task>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let lines: Vec<Line> = table_lines
        .iter()
        .map(|b| Line {
            text: b.text.trim(),
            no: b.lines.first,
            page: b.page,
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    let Some(h0) = lines.iter().position(|l| is_header_start(l.text)) else {
        return (Vec::new(), warnings);
    };
    // Header lines: up to the first group row or row number.
    let header_at = |h0: usize| -> (Vec<&str>, usize, Vec<Col>) {
        let mut h_end = h0 + 1;
        while h_end < lines.len()
            && h_end - h0 < 16
            && group_of(lines[h_end].text).is_none()
            && row_start(lines[h_end].text).is_none()
        {
            h_end += 1;
        }
        let header: Vec<&str> = lines[h0..h_end].iter().map(|l| l.text).collect();
        let cols = columns_of(header.join(" ").trim_start_matches(['S', 'T', 't']));
        (header, h_end, cols)
    };
    let (mut header, h_end, cols) = header_at(h0);
    let first_header = header.clone();
    // Column sets of the tables met so far (a document may hold several appendix tables).
    let mut tables: Vec<Vec<Col>> = vec![cols];

    // Running lines: repeated three times or more, mostly just before a repeated header row
    // (page furniture), long enough, not header lines.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (k, l) in lines.iter().enumerate().skip(h_end) {
        let before_header = lines[k + 1..]
            .iter()
            .take(3)
            .any(|n| is_header_start(n.text));
        let e = counts.entry(l.text).or_default();
        e.0 += 1;
        e.1 += usize::from(before_header);
    }
    let running = |t: &str| {
        let (n, before) = counts.get(t).copied().unwrap_or((0, 0));
        n >= 3 && before * 3 >= n * 2 && t.chars().count() >= 15 && !first_header.contains(&t)
    };
    // Usual width of a table line, to tell footnotes (page-wide lines) apart.
    let mut widths: Vec<usize> = lines[h_end..]
        .iter()
        .map(|l| l.text.chars().count())
        .collect();
    widths.sort_unstable();
    let usual = widths.get(widths.len() * 9 / 10).copied().unwrap_or(60);
    let long = (usual * 3 / 2).max(80);

    let mut rows: Vec<RawRow> = Vec::new();
    let mut group: Option<TaskGroup> = None;
    let mut group_open = false; // group title may continue until the first row
    let mut last_no: Option<u32> = None;
    let mut new_page = false;
    let mut i = h_end;
    let mut prev_dropped = false;
    let mut in_footnote = false;
    while i < lines.len() {
        let l = &lines[i];
        let t = l.text;
        // Another table's header (other columns): its rows are numbered afresh.
        if is_header_start(t) && t != header[0] {
            let (h, end, c) = header_at(i);
            if tables.last() != Some(&c) {
                header = h;
                tables.push(c);
                last_no = None;
                group = None;
                group_open = false;
                new_page = false;
                in_footnote = false;
                prev_dropped = false;
                i = end;
                continue;
            }
        }
        // Repeated header: skip it and the header lines that follow in order.
        if t == header[0] || is_header_start(t) {
            let mut k = 1;
            while k < header.len() && i + k < lines.len() && lines[i + k].text == header[k] {
                k += 1;
            }
            i += k;
            new_page = true;
            in_footnote = false;
            prev_dropped = true;
            continue;
        }
        if running(t) {
            i += 1;
            prev_dropped = true;
            continue;
        }
        if prev_dropped && t.chars().all(|c| c.is_ascii_digit()) && {
            // page number printed after a running header, before the next header
            let next = lines.get(i + 1).map(|n| n.text).unwrap_or("");
            next == header[0] || is_header_start(next) || running(next)
        } {
            i += 1;
            continue;
        }
        prev_dropped = false;
        let n_chars = t.chars().count();
        if n_chars >= long && (in_footnote || t.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            in_footnote = true;
            i += 1;
            continue;
        }
        in_footnote = false;
        if let Some((label, title)) = group_of(t) {
            group = Some(TaskGroup { label, title });
            group_open = true;
            i += 1;
            continue;
        }
        if let Some((n, rest)) = row_start(t) {
            let ok = match last_no {
                None => (1..=3).contains(&n),
                Some(p) => (p + 1..=p + 3).contains(&n) || (n == 1 && group_open),
            };
            if ok {
                if let Some(p) = last_no {
                    if n > p + 1 && !(n == 1 && group_open) {
                        for m in p + 1..n {
                            warnings.push(Warning {
                                code: "missing_row".to_string(),
                                message: format!(
                                    "task table: row {m} is missing (row {p} is followed by row {n})"
                                ),
                                line: Some(l.no),
                            });
                        }
                    }
                } else {
                    for m in 1..n {
                        warnings.push(Warning {
                            code: "missing_row".to_string(),
                            message: format!(
                                "task table: row {m} is missing (the table starts at row {n})"
                            ),
                            line: Some(l.no),
                        });
                    }
                }
                let mut parts = vec![Vec::new()];
                if !rest.is_empty() {
                    parts[0].push((rest, l.no));
                }
                rows.push(RawRow {
                    table: tables.len() - 1,
                    no: n,
                    group: group.clone(),
                    parts,
                    first: l.no,
                    last: l.no,
                    page: l.page,
                });
                last_no = Some(n);
                group_open = false;
                new_page = false;
                i += 1;
                continue;
            }
        }
        if group_open && rows.last().is_none_or(|r| r.group != group) {
            if let Some(g) = group.as_mut() {
                g.title.push(' ');
                g.title.push_str(t);
            }
            i += 1;
            continue;
        }
        if let Some(r) = rows.last_mut() {
            if new_page {
                r.parts.push(Vec::new());
                new_page = false;
            }
            if let Some(p) = r.parts.last_mut() {
                p.push((t.to_string(), l.no));
            }
            r.last = l.no;
        }
        i += 1;
    }

    let tasks = rows
        .into_iter()
        .map(|r| {
            let cols = tables.get(r.table).cloned().unwrap_or_default();
            build_task(r, &cols, ctx)
        })
        .collect();
    (tasks, warnings)
}

#[derive(Clone)]
struct Unit {
    word: String,
    line: u32,
    line_start: bool,
}

fn join_units(units: &[Unit]) -> String {
    let mut s = String::new();
    for (k, u) in units.iter().enumerate() {
        if k > 0 {
            let glue = u.line_start
                && s.ends_with('-')
                && s.chars().rev().nth(1).is_some_and(char::is_alphanumeric)
                && u.word.chars().next().is_some_and(char::is_alphanumeric);
            if !glue {
                s.push(' ');
            }
        }
        s.push_str(&u.word);
    }
    s
}

fn first_upper(s: &str) -> bool {
    // (an ASCII letter or digit first is the first letter or digit)
    if let Some(&b) = s.as_bytes().first() {
        if b.is_ascii_alphanumeric() {
            return b.is_ascii_uppercase() || b.is_ascii_digit();
        }
    }
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

const PRODUCTS: &[&str] = &[
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
    "Công văn",
    "Thông báo",
    "Danh mục",
    "Dữ liệu",
    "Kết quả",
    "Văn bản",
    "Đề án",
    "Tờ trình",
    "Hồ sơ",
    "Chương trình",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Hướng dẫn",
    "Biên bản",
    "Các văn bản",
    "Tài liệu",
    "Cơ sở dữ liệu",
    "Sản phẩm",
    "Hệ thống",
    "Phần mềm",
    "Bộ",
    "Các",
    "Đề xuất",
    "Thông tư",
    "Nghị định",
    "Chỉ thị",
    "Phương án",
    "Dự thảo",
    "Ý kiến",
    "Bản",
    "Tin",
    "Bài",
    "Số liệu",
    "Giấy",
    "Cổng",
    "Trang",
    "Tổ chức",
    "Hội nghị",
    "Lớp",
    "TTHC",
    "Kho",
];

fn is_product(s: &str) -> bool {
    // (only the products opening with the text's first byte can open it)
    static G: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let groups = G.get_or_init(|| by_first_byte(PRODUCTS));
    let group = s
        .as_bytes()
        .first()
        .map_or(&[][..], |&b| groups[usize::from(b)].as_slice());
    group.iter().any(|p| starts_with_word(s, p))
}

/// [`is_product`] over the whole list: its reference.
#[cfg(test)]
fn is_product_ref(s: &str) -> bool {
    PRODUCTS.iter().any(|p| {
        s.starts_with(p)
            && s[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Mid-cell words that only open a sentence or a name: "… hành chính Các phòng, cơ".
fn stray_capitals(s: &str) -> usize {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.windows(2).filter(|w| stray_pair(w[0], w[1])).count()
}

/// Is `w1` after `w0` a stray capital?
fn stray_pair(w0: &str, w1: &str) -> bool {
    matches!(w1, "Các" | "Những") && !w0.ends_with(['.', ';', ':', '"', '“', '(', ','])
}

/// Does `text` end where no cell ends: on a comma, a hyphen, a preposition or a time word
/// waiting for its number ("Quý I,", "Quý II-", "hướng dẫn của", "6 tháng đầu năm")?
fn dangling(text: &str) -> bool {
    if text.ends_with([',', ';', '-', '–', '(', '&']) {
        return true;
    }
    let last = text.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "của"
            | "và"
            | "với"
            | "cho"
            | "tại"
            | "trên"
            | "theo"
            | "từ"
            | "đến"
            | "các"
            | "về"
            | "năm"
            | "tháng"
            | "quý"
            | "ngày"
            | "trước"
            | "trong"
            | "thuộc"
            | "được"
            | "đối"
    ) && text.contains(' ')
}

/// Agency names the document itself teaches that equal (`2`) or occur in (`1`) the text.
fn learned(text: &str, ctx: &TableContext) -> u8 {
    if ctx.names.is_empty() {
        return 0;
    }
    learned_norm(&norm_name(text), ctx)
}

/// [`learned`] of a text whose [`norm_name`] is `nt`.
fn learned_norm(nt: &str, ctx: &TableContext) -> u8 {
    if ctx.names.iter().any(|n| n == nt) {
        2
    } else if ctx.names.iter().any(|n| nt.contains(n.as_str())) {
        1
    } else {
        0
    }
}

/// The cell of an earlier page part that a candidate cell continues, read once: its bodies
/// (see [`AgencyScan`]), its stray capitals and its last word.
struct OldCell<'a> {
    agency: AgencyScan<'a>,
    stray: usize,
    last: Option<&'a str>,
}

impl<'a> OldCell<'a> {
    fn new(old: &'a str, heads: &[String]) -> OldCell<'a> {
        OldCell {
            agency: AgencyScan::of(old, heads),
            stray: stray_capitals(old),
            last: old.split_whitespace().next_back(),
        }
    }
}

/// What the cell scores look at in one candidate cell's text, each worked out once, when
/// first asked for: the dynamic programming scores the same run of words for every column and
/// in both passes (with and without a sub-row).
struct Feats<'o> {
    text: String,
    /// For a continued cell, `text` is the earlier cell's text, a space and `text[tail..]`:
    /// the features that read every word read the earlier cell only once, here.
    old: Option<(&'o OldCell<'o>, usize)>,
    agency: Option<(usize, usize)>,
    time: Option<bool>,
    due: Option<bool>,
    learned: Option<u8>,
    product: Option<bool>,
    head: Option<bool>,
    stray: Option<usize>,
    dangling: Option<bool>,
}

impl<'o> Feats<'o> {
    fn new(text: String) -> Feats<'o> {
        Feats {
            text,
            old: None,
            agency: None,
            time: None,
            due: None,
            learned: None,
            product: None,
            head: None,
            stray: None,
            dangling: None,
        }
    }
    /// A copy of its text and of the features worked out (the earlier cell left out).
    fn same<'x>(&self) -> Feats<'x> {
        Feats {
            text: self.text.clone(),
            old: None,
            agency: self.agency,
            time: self.time,
            due: self.due,
            learned: self.learned,
            product: self.product,
            head: self.head,
            stray: self.stray,
            dangling: self.dangling,
        }
    }

    fn agency(&mut self, heads: &[String]) -> (usize, usize) {
        let text = &self.text;
        let old = self.old;
        *self.agency.get_or_insert_with(|| match old {
            Some((o, tail)) => {
                let words: Vec<&str> = text[tail..].split_whitespace().collect();
                o.agency.counts_with(&words, heads)
            }
            None => agency_pieces(text, heads),
        })
    }
    fn time(&mut self) -> bool {
        let text = &self.text;
        *self.time.get_or_insert_with(|| is_time(text))
    }
    fn due(&mut self, year: Option<u16>) -> bool {
        let text = &self.text;
        *self
            .due
            .get_or_insert_with(|| parse_due(text, year).is_some())
    }
    fn learned(&mut self, ctx: &TableContext) -> u8 {
        let text = &self.text;
        *self.learned.get_or_insert_with(|| learned(text, ctx))
    }
    fn product(&mut self) -> bool {
        let text = &self.text;
        *self.product.get_or_insert_with(|| is_product(text))
    }
    fn head(&mut self, heads: &[String]) -> bool {
        let text = &self.text;
        *self
            .head
            .get_or_insert_with(|| starts_with_head(text, heads))
    }
    fn stray(&mut self) -> usize {
        let text = &self.text;
        let old = self.old;
        *self.stray.get_or_insert_with(|| match old {
            // the pairs of words within each part, and the pair across
            Some((o, tail)) => {
                let tail = &text[tail..];
                let across = match (o.last, tail.split_whitespace().next()) {
                    (Some(a), Some(b)) => stray_capitals(&format!("{a} {b}")),
                    _ => 0,
                };
                o.stray + stray_capitals(tail) + across
            }
            None => stray_capitals(text),
        })
    }
    fn dangling(&mut self) -> bool {
        let text = &self.text;
        *self.dangling.get_or_insert_with(|| dangling(text))
    }
}

/// Score of `text` as a (whole) cell of column `c`.
fn cell_score(c: Col, text: &str, ctx: &TableContext) -> f64 {
    cell_score_f(c, &mut Feats::new(text.to_string()), ctx)
}

/// [`cell_score`] of `f.text`, from (and filling) its features.
fn cell_score_f(c: Col, f: &mut Feats, ctx: &TableContext) -> f64 {
    let s = cell_score0(c, f, ctx);
    if !f.text.is_empty() && f.dangling() {
        s - 2.0
    } else {
        s
    }
}

fn cell_score0(c: Col, f: &mut Feats, ctx: &TableContext) -> f64 {
    let heads = &ctx.heads;
    if f.text.is_empty() {
        return match c {
            Col::Content => -20.0,
            Col::Lead => -4.0,
            Col::Partners => -1.0,
            Col::Timeline => -3.0,
            Col::Output => -2.0,
            Col::Other => 0.0,
        };
    }
    let text = f.text.as_str();
    let upper = first_upper(text) || text.starts_with(['"', '“', '(', '-', '+']);
    let case = if upper { 0.0 } else { -3.0 };
    match c {
        Col::Content => case - 3.0 * f.stray() as f64,
        Col::Lead | Col::Partners => {
            let (v, inv) = f.agency(heads);
            let mut s = case;
            if inv == 0 {
                s += 3.0;
                if c == Col::Lead {
                    s -= (v.saturating_sub(1)) as f64;
                }
            } else {
                s -= 3.0 * inv as f64;
            }
            if f.time() {
                s -= 4.0;
            }
            s += match f.learned(ctx) {
                2 => 4.0,
                1 => 1.0,
                _ => 0.0,
            };
            s
        }
        Col::Timeline => {
            if f.time() {
                case + 4.0 + if f.due(ctx.year) { 2.0 } else { 0.0 }
            } else {
                case - 4.0
            }
        }
        Col::Output => {
            let product = f.product();
            let mut s = case + if product { 3.0 } else { 0.0 };
            if f.time() {
                s -= 3.0;
            }
            // an output opening with a body's name is the partners' cell run on
            if !product && f.head(heads) && f.agency(heads).0 > 0 {
                s -= 3.0;
            }
            s - 3.0 * f.stray() as f64
        }
        Col::Other => {
            // notes and bases ("Căn cứ": "Chương trình số 12-CTr/BCĐ") open with a capital
            // and often with a document type
            case - 1.0 - if f.time() { 3.0 } else { 0.0 } + if f.product() { 1.0 } else { 0.0 }
        }
    }
}

const MID_LINE_CUT: f64 = -4.0;

/// Longest lead, partners, deadline or note cell considered, in words.
const MAX_SHORT_CELL: usize = 80;

/// Words kept at each end when scoring a very long run.
const LONG_RUN_END: usize = 100;

/// Cost of reading a second set of cells (a sub-row) in one row part.
const SUB_ROW_COST: f64 = -6.0;

/// Upper bound on the candidate cuts of one row part.
const MAX_CUTS: usize = 160;

/// `s`, or its two ends when it is very long (for scoring only).
fn ends_of(s: &str) -> String {
    const END: usize = 1500;
    if s.len() <= 2 * END + 8 {
        return s.to_string();
    }
    let mut a = END;
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = s.len() - END;
    while !s.is_char_boundary(b) {
        b += 1;
    }
    format!("{} {}", &s[..a], &s[b..])
}

/// Candidate cuts of a row part (word indices): line starts, and before capitalised words and
/// numbers; all positions on a short continued part; fewer on very long parts, so that the work
/// stays bounded (cells are scored on their joined text: O(cuts² × words) per column).
fn cuts_of(units: &[Unit], cont: bool) -> Vec<usize> {
    let n = units.len();
    let level = if n <= 150 {
        0
    } else if n <= 600 {
        1
    } else {
        2
    };
    let mut cuts: Vec<usize> = (0..=n)
        .filter(|&p| {
            p == 0
                || p == n
                || (cont && level == 0)
                || units[p].line_start
                || (level < 2
                    && (first_upper(&units[p].word) || units[p].word.starts_with(['(', '"', '“'])))
        })
        .collect();
    if cuts.len() > MAX_CUTS {
        // keep the first and last cuts evenly thinned: a row this long is a parsing failure
        // upstream, the cells only need to be bounded, not good
        let step = cuts.len().div_ceil(MAX_CUTS);
        let last = n;
        cuts = cuts.into_iter().step_by(step).collect();
        if cuts.last() != Some(&last) {
            cuts.push(last);
        }
    }
    cuts
}

/// Cell scores of one row part already worked out, shared by the passes with and without a
/// sub-row (both cut the part at the same candidate cuts).
struct Memo<'u> {
    /// Number of candidate cuts.
    m: usize,
    /// Features of the run `cuts[j1]..cuts[j2]`, at `j1 * m + j2`.
    feats: Vec<Option<Feats<'static>>>,
    /// Scores of runs continuing an earlier part's cell, at `(column * m + j1) * m + j2` (empty
    /// until the first one).
    cont: Vec<Option<f64>>,
    /// The bodies of the runs from `cuts[j1]`, read word by word, at `j1`.
    runs: Vec<Option<RunScan<'u>>>,
    /// From which cut on the runs from `cuts[j1]` are no time expression, at `j1`.
    time_limits: Vec<Option<usize>>,
    /// Stray capitals before each unit: those of the run `a..b` are `stray[b] - stray[a + 1]`.
    stray: Vec<usize>,
    /// The text of all the units, joined as [`join_units`] joins them, and where each unit
    /// starts and ends in it: the text of any run is a slice of it.
    text: String,
    bounds: Vec<(usize, usize)>,
    /// `text` normalised for comparing names, made when first asked for.
    norm: Option<NormRuns>,
    /// Per byte of `norm`'s text, the least end of an occurrence of a learned name starting
    /// there or after (see [`least_name_ends`]), made when first asked for.
    name_ends: Option<Vec<usize>>,
}

/// Per byte `i` of `text` (and its end), the least end of an occurrence of one of the `names`
/// (none empty) starting at or after `i`; `usize::MAX` when none does. Every occurrence
/// counts, overlapping ones too: `text[s..e]` holds a name exactly when the value at `s` is
/// at most `e`.
fn least_name_ends(text: &str, names: &[String]) -> Vec<usize> {
    let mut ends = vec![usize::MAX; text.len() + 1];
    for n in names.iter().filter(|n| !n.is_empty()) {
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|t| t.find(n.as_str())) {
            let start = from + i;
            ends[start] = ends[start].min(start + n.len());
            // on from the next character (occurrences may overlap)
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    for i in (0..text.len()).rev() {
        ends[i] = ends[i].min(ends[i + 1]);
    }
    ends
}

impl<'u> Memo<'u> {
    fn new(units: &[Unit], m: usize) -> Memo<'u> {
        let mut stray = vec![0; units.len() + 1];
        for u in 0..units.len() {
            // a word glued onto the one before is no word of its own
            let pair =
                u > 0 && !glued(units, u - 1) && stray_pair(&units[u - 1].word, &units[u].word);
            stray[u + 1] = stray[u] + usize::from(pair);
        }
        let mut text = String::new();
        let mut bounds = Vec::with_capacity(units.len());
        for (u, unit) in units.iter().enumerate() {
            if u > 0 && !glued(units, u - 1) {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(&unit.word);
            bounds.push((start, text.len()));
        }
        Memo {
            m,
            feats: (0..m * m).map(|_| None).collect(),
            cont: Vec::new(),
            runs: (0..m).map(|_| None).collect(),
            time_limits: vec![None; m],
            stray,
            text,
            bounds,
            norm: None,
            name_ends: None,
        }
    }

    /// [`norm_name`] of the text of the run `a..b` (`a < b`; as [`join_units`] joins it), read
    /// off the text of all the units normalised once; `None` when it is no slice of it (see
    /// [`NormRuns`]).
    fn norm_of(&mut self, a: usize, b: usize) -> Option<&str> {
        if a >= b {
            return None;
        }
        let (text, bounds) = (&self.text, &self.bounds);
        self.norm
            .get_or_insert_with(|| NormRuns::new(text, bounds))
            .of(a, b)
    }

    /// [`learned`] of the text of the run `a..b` (as [`join_units`] joins it), read off the
    /// text of all the units normalised once; `None` when the run's normalised text is no slice
    /// of it (see [`NormRuns`]).
    fn learned_of(&mut self, a: usize, b: usize, ctx: &TableContext) -> Option<u8> {
        if ctx.names.is_empty() {
            return Some(0);
        }
        if a >= b {
            return None;
        }
        let (text, bounds) = (&self.text, &self.bounds);
        let norm = self.norm.get_or_insert_with(|| NormRuns::new(text, bounds));
        let (s, e) = norm.span(a, b)?;
        let whole = norm.text()?;
        let nt = whole.get(s..e)?;
        if ctx.names.iter().any(String::is_empty) {
            return Some(learned_norm(nt, ctx));
        }
        // the same as `learned_norm(nt, ctx)`: a name occurs in the slice when one of its
        // occurrences in the whole text starts at or after `s` and ends by `e`
        let ends = self
            .name_ends
            .get_or_insert_with(|| least_name_ends(whole, &ctx.names));
        Some(if ctx.names.iter().any(|n| n == nt) {
            2
        } else if ends.get(s).is_some_and(|&end| end <= e) {
            1
        } else {
            0
        })
    }

    /// [`join_units`] of `units[a..b]`.
    fn text_of(&self, a: usize, b: usize) -> &str {
        if a >= b {
            return "";
        }
        self.text
            .get(self.bounds[a].0..self.bounds[b - 1].1)
            .unwrap_or("")
    }

    /// [`stray_capitals`] of the text of the run `a..b` (as [`join_units`] joins it).
    fn stray_of(&self, a: usize, b: usize) -> usize {
        // the first word of a run has none before it
        self.stray[b].saturating_sub(self.stray[(a + 1).min(b)])
    }

    /// The first cut `j` from which the text of every run `cuts[j1]..cuts[j]` holds a word that
    /// no time expression holds, so that [`is_time`] is false (`m` when there is none, or when
    /// the run may open with a phrase: "Theo yêu cầu …").
    fn time_limit(&mut self, units: &[Unit], cuts: &[usize], j1: usize) -> usize {
        if let Some(l) = self.time_limits[j1] {
            return l;
        }
        let m = self.m;
        let a = cuts[j1];
        // the text's first word is the first piece of its first unit: when that piece is not
        // empty it is the whole first word (a unit glued onto the next ends on "-": its last
        // piece holds a "-", and no phrase word does)
        let limit = match units.get(a).and_then(|u| u.word.split(time_sep).next()) {
            Some(first) if !first.is_empty() && !opens_phrase(first) => {
                let mut limit = m;
                'units: for u in a..units.len() {
                    let pieces: Vec<&str> = units[u].word.split(time_sep).collect();
                    let last = pieces.len() - 1;
                    for (i, p) in pieces.iter().enumerate() {
                        // a piece joined to the unit before or after is part of a longer word
                        if p.is_empty()
                            || (i == 0 && u > a && glued(units, u - 1))
                            || (i == last && glued(units, u))
                        {
                            continue;
                        }
                        if !is_time_word(p) {
                            // every run holding unit `u` holds this word
                            limit = cuts.partition_point(|&c| c <= u);
                            break 'units;
                        }
                    }
                }
                limit
            }
            _ => m,
        };
        self.time_limits[j1] = Some(limit);
        limit
    }
}

/// What an earlier part's cell tells of [`is_time`] of any text opening with it (and a space).
#[derive(Debug, Clone, Copy, PartialEq)]
enum OldTime {
    /// It holds a word no time expression holds: no such text is one.
    Never,
    /// All its words may be in one, and it opens with no phrase: the text is one when the rest
    /// is too (with a strong word somewhere).
    Words,
    /// It opens with a phrase, or is empty.
    Unknown,
}

fn old_time(old: &str) -> OldTime {
    let mut words = old.split(time_sep).filter(|w| !w.is_empty());
    match words.next() {
        None => OldTime::Unknown,
        Some(first) if opens_phrase(first) => OldTime::Unknown,
        Some(first) if is_time_word(first) && words.all(is_time_word) => OldTime::Words,
        Some(_) => OldTime::Never,
    }
}

/// Does unit `u + 1` join unit `u` without a space in their text (see [`join_units`]: a word
/// hyphenated at the end of a line, "66-" + "NQ/TW")? The same for every run holding both.
fn glued(units: &[Unit], u: usize) -> bool {
    let (Some(a), Some(b)) = (units.get(u), units.get(u + 1)) else {
        return false;
    };
    // (a one-character word "-" follows a space: [`join_units`] never glues it on)
    b.line_start
        && a.word.ends_with('-')
        && a.word
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphanumeric)
        && b.word.chars().next().is_some_and(char::is_alphanumeric)
}

/// The bodies ([`agency_pieces`]) of the texts of the runs `cuts[j1]..cuts[j]` for `j = j1,
/// j1 + 1, …`, each following a fixed text (an earlier part's cell) or none: the words are
/// read once, in order, by one [`AgencyScan`], instead of once per run.
struct RunScan<'a> {
    scan: AgencyScan<'a>,
    /// First cut, and the last cut read.
    j1: usize,
    j: usize,
    /// Next unit to read.
    u: usize,
    /// Where the word being read starts, while the next unit may still be glued onto it.
    open: Option<usize>,
    /// The counts at the cuts `j1..=j`.
    counts: Vec<(usize, usize)>,
    /// Where the counts at a cut are worked out (see [`AgencyScan::counts_with_in`]).
    scratch: Option<AgencyScan<'a>>,
}

impl<'a> RunScan<'a> {
    fn new(scan: AgencyScan<'a>, j1: usize, cuts: &[usize], heads: &[String]) -> RunScan<'a> {
        let first = scan.counts_with(&[], heads);
        RunScan {
            scan,
            j1,
            j: j1,
            u: cuts[j1],
            open: None,
            counts: vec![first],
            scratch: None,
        }
    }

    /// The counts of the (fixed text and the) run `cuts[j1]..cuts[j2]` (`j2 >= j1`).
    fn at(
        &mut self,
        j2: usize,
        units: &'a [Unit],
        cuts: &[usize],
        heads: &[String],
    ) -> (usize, usize) {
        // the text of units `a..b`, as [`join_units`] glues them (one word)
        let word = |a: usize, b: usize| -> Cow<'a, str> {
            if b - a == 1 {
                Cow::Borrowed(units[a].word.as_str())
            } else {
                Cow::Owned(units[a..b].iter().map(|u| u.word.as_str()).collect())
            }
        };
        while self.j < j2 {
            self.j += 1;
            let b = cuts[self.j];
            while self.u < b {
                let u = self.u;
                let start = self.open.take().unwrap_or(u);
                if glued(units, u) {
                    self.open = Some(start);
                } else {
                    self.scan.push(word(start, u + 1), heads);
                }
                self.u += 1;
            }
            let tail = self.open.map(|start| word(start, b));
            let c = self.scan.counts_with_in(tail, heads, &mut self.scratch);
            self.counts.push(c);
        }
        self.counts[j2 - self.j1]
    }
}

/// Does a cell score of column `c` look at the bodies of `f` (see `cell_score0`)?
fn wants_agency(c: Col, f: &mut Feats, heads: &[String]) -> bool {
    match c {
        Col::Lead | Col::Partners => true,
        Col::Output => !f.product() && f.head(heads),
        _ => false,
    }
}

/// Cuts `units` into `cols.len()` consecutive runs maximising the total score, cutting only at
/// `cuts` (from [`cuts_of`]).
/// `prev` holds the cells of earlier page parts (continuations are scored joined to them) and
/// the number of lines each took.
fn segment<'u>(
    units: &'u [Unit],
    cuts: &[usize],
    memo: &mut Memo<'u>,
    cols0: &[Col],
    prev: Option<&[(String, usize)]>,
    ctx: &TableContext,
    sub: bool,
) -> (f64, Vec<(usize, usize)>) {
    // With `sub`, a second cycle of the columns after the content follows: a sub-row sharing
    // the row's number and content (the gazette's "one task, two results and deadlines").
    let k0 = cols0.len();
    let mut cols: Vec<Col> = cols0.to_vec();
    if sub {
        cols.extend_from_slice(&cols0[1.min(k0)..]);
    }
    let cols = cols.as_slice();
    let n = units.len();
    let cont = prev.is_some();
    let m = cuts.len();
    debug_assert_eq!(m, memo.m);
    let k = cols.len();
    let max_lines = prev
        .map(|p| p.iter().map(|x| x.1).max().unwrap_or(0))
        .unwrap_or(0);
    // the earlier parts' cells (their ends when very long) and their scores
    let olds: Vec<(String, usize, f64)> = match prev {
        None => Vec::new(),
        Some(p) => cols0
            .iter()
            .enumerate()
            .map(|(c, &col)| {
                let (old, lines) = p.get(c).map(|x| (x.0.as_str(), x.1)).unwrap_or(("", 0));
                let old = ends_of(old);
                let s = cell_score(col, &old, ctx);
                (old, lines, s)
            })
            .collect(),
    };
    let old_cells: Vec<OldCell> = olds
        .iter()
        .map(|(old, _, _)| OldCell::new(old, &ctx.heads))
        .collect();
    let old_times: Vec<OldTime> = olds.iter().map(|(old, _, _)| old_time(old)).collect();
    // the earlier agency cells normalised for comparing names, when a continued cell's is
    // theirs joined to the run's (see [`norm_prefix`])
    let old_norms: Vec<Option<String>> = olds
        .iter()
        .zip(cols0)
        .map(|((old, _, _), &col)| {
            let agency = matches!(col, Col::Lead | Col::Partners);
            (agency && !ctx.names.is_empty() && !old.is_empty())
                .then(|| norm_prefix(old))
                .flatten()
        })
        .collect();
    let text_of = |memo: &Memo, a: usize, b: usize| -> String {
        // a very long run is scored on its two ends (the scores look at ends and words)
        if b - a > 2 * LONG_RUN_END {
            let mut t = memo.text_of(a, a + LONG_RUN_END).to_string();
            t.push(' ');
            t.push_str(memo.text_of(b - LONG_RUN_END, b));
            t
        } else {
            memo.text_of(a, b).to_string()
        }
    };
    if cont && memo.cont.is_empty() {
        memo.cont = vec![None; k0 * m * m];
    }
    // the bodies of the runs continuing each column's earlier cell, at `column * m + j1`
    let mut cont_runs: Vec<Option<RunScan>> = (0..k0 * m).map(|_| None).collect();
    let heads = &ctx.heads;
    let mut score = |c: usize, j1: usize, j2: usize| -> f64 {
        let (a, b) = (cuts[j1], cuts[j2]);
        // names, deadlines and notes are short: do not even look at very long runs
        if b - a > MAX_SHORT_CELL && !matches!(cols[c], Col::Content | Col::Output) {
            return -100.0;
        }
        let continued = cont && c < k0;
        if continued {
            if a == b {
                return 0.0;
            }
            if let Some(s) = memo.cont[(c * m + j1) * m + j2] {
                return s;
            }
        }
        // (a very long run's text is its two ends: its features are read from that text)
        let whole = b - a <= 2 * LONG_RUN_END;
        let no_time = whole && j2 >= memo.time_limit(units, cuts, j1);
        let stray = memo.stray_of(a, b);
        if memo.feats[j1 * m + j2].is_none() {
            memo.feats[j1 * m + j2] = Some(Feats::new(text_of(memo, a, b)));
        }
        // the names the document teaches in the run's text, read off the normalised text of
        // the part
        let learned = if whole
            && matches!(cols[c], Col::Lead | Col::Partners)
            && memo.feats[j1 * m + j2]
                .as_ref()
                .is_some_and(|f| f.learned.is_none())
        {
            memo.learned_of(a, b, ctx)
        } else {
            None
        };
        // the same for the run joined to the earlier cell, from the two normalised texts
        let joined_learned = match old_norms.get(c) {
            Some(Some(on)) if continued && whole => memo
                .norm_of(a, b)
                .map(|nr| learned_norm(&join_norms(on, nr), ctx)),
            _ => None,
        };
        let Some(f) = memo.feats[j1 * m + j2].as_mut() else {
            return f64::NEG_INFINITY;
        };
        if let Some(l) = learned {
            f.learned.get_or_insert(l);
        }
        if whole {
            f.stray.get_or_insert(stray);
            if no_time {
                f.time.get_or_insert(false);
            }
        }
        let agency_of_run = matches!(cols[c], Col::Lead | Col::Partners)
            || (!continued && wants_agency(cols[c], f, heads));
        if agency_of_run && whole && f.agency.is_none() {
            let run = memo.runs[j1]
                .get_or_insert_with(|| RunScan::new(AgencyScan::new(heads), j1, cuts, heads));
            f.agency = Some(run.at(j2, units, cuts, heads));
        }
        if !continued {
            return cell_score_f(cols[c], f, ctx);
        }
        let (old, lines, old_score) = &olds[c];
        let mut joined = if old.is_empty() {
            // the same text: the same features
            f.same()
        } else {
            let o = &old_cells[c];
            let mut text = String::with_capacity(old.len() + 1 + f.text.len());
            text.push_str(old);
            text.push(' ');
            text.push_str(&f.text);
            let mut j = Feats::new(text);
            j.old = Some((o, old.len() + 1));
            j.learned = joined_learned;
            // the stray capitals of each text and the one across
            let across = match (o.last, f.text.split_whitespace().next()) {
                (Some(x), Some(y)) => usize::from(stray_pair(x, y)),
                _ => 0,
            };
            j.stray = Some(o.stray + f.stray() + across);
            match old_times[c] {
                OldTime::Never => j.time = Some(false),
                OldTime::Words if no_time => j.time = Some(false),
                _ => {}
            }
            j
        };
        if whole && wants_agency(cols[c], &mut joined, heads) {
            let run = cont_runs[c * m + j1]
                .get_or_insert_with(|| RunScan::new(old_cells[c].agency.clone(), j1, cuts, heads));
            joined.agency = Some(run.at(j2, units, cuts, heads));
        }
        let mut s = cell_score_f(cols[c], &mut joined, ctx) - old_score;
        // an ignored column (notes, bases) is no sink for overflowing text
        if cols[c] == Col::Other {
            s -= 2.0;
        }
        // only the tallest cells overflow onto the next page
        s -= 0.75 * (max_lines.saturating_sub(*lines)) as f64;
        // a new body's name opening a continued agency cell (a second paragraph)
        // (only as the first text of the page: cells before it did not overflow)
        if a == 0 && matches!(cols[c], Col::Lead | Col::Partners) && !old.is_empty() {
            let (v, inv) = f.agency(&ctx.heads);
            if v > 0 && inv == 0 && f.head(&ctx.heads) {
                s += 3.0;
            }
        }
        memo.cont[(c * m + j1) * m + j2] = Some(s);
        s
    };
    // The most a cell of column `c` can score (see `cell_score0`), and so the most `score`
    // can give for the run `a..b`: the runs that cannot beat the best found so far are not
    // scored at all.
    let names = if ctx.names.is_empty() { 0.0 } else { 4.0 };
    // -3 when a text opening with this word opens with no capital (see `cell_score0`), as far
    // as the word tells
    let case_of = |w: &str| -> f64 {
        let lower = w.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| {
            !(c.is_uppercase() || c.is_ascii_digit() || w.starts_with(['"', '“', '(', '-', '+']))
        });
        if lower {
            -3.0
        } else {
            0.0
        }
    };
    let old_case: Vec<f64> = olds.iter().map(|(old, _, _)| case_of(old)).collect();
    let bound = |c: usize, a: usize, b: usize| -> f64 {
        if b - a > MAX_SHORT_CELL && !matches!(cols[c], Col::Content | Col::Output) {
            return -100.0;
        }
        let continued = cont && c < k0;
        if a == b && continued {
            return 0.0;
        }
        // the cell's text opens with the earlier cell's, or with the run's first word
        let case = if a == b {
            0.0
        } else if continued && !olds[c].0.is_empty() {
            old_case[c]
        } else {
            case_of(&units[a].word)
        };
        let top = case
            + match cols[c] {
                Col::Content | Col::Other => 0.0,
                Col::Lead | Col::Partners => 3.0 + names,
                Col::Timeline => 6.0,
                Col::Output => 3.0,
            };
        if !continued {
            return top;
        }
        // the same steps as `score`, from the highest cell score
        let (old, lines, old_score) = &olds[c];
        let mut s = top - old_score;
        if cols[c] == Col::Other {
            s -= 2.0;
        }
        s -= 0.75 * (max_lines.saturating_sub(*lines)) as f64;
        if a == 0 && matches!(cols[c], Col::Lead | Col::Partners) && !old.is_empty() {
            s += 3.0;
        }
        s
    };
    // best[c][j]: best score with columns 0..c covering units[0..cuts[j]]; back[c][j]: the
    // cut where column c - 1 starts for it (the first one among equal scores)
    // does the cut `cuts[j]` fall inside a line (not at its start, not at the end)?
    let mid_line: Vec<bool> = cuts
        .iter()
        .map(|&b| b < n && !units[b].line_start)
        .collect();
    let neg = f64::NEG_INFINITY;
    let mut best = vec![vec![neg; m]; k + 1];
    let mut back = vec![vec![0usize; m]; k + 1];
    best[0][0] = 0.0;
    for c in 0..k {
        // the score of column c over cuts j1..j2 added to `base`, with the costs of the cut
        let total = |base: f64, x: f64, j1: usize, j2: usize| -> f64 {
            let (a, b) = (cuts[j1], cuts[j2]);
            let mut s = base + x;
            if c == k0 {
                s += SUB_ROW_COST;
            }
            if b > a && mid_line[j2] {
                // cells of a row continued on a new page may share a line
                s += if cont {
                    MID_LINE_CUT / 2.0
                } else {
                    MID_LINE_CUT
                };
            }
            s
        };
        // the best starts first, so that the bound soon rules out the others
        let mut order: Vec<usize> = (0..m).filter(|&j| best[c][j] != neg).collect();
        order.sort_by(|&x, &y| best[c][y].total_cmp(&best[c][x]));
        for j1 in order {
            let base = best[c][j1];
            // `bound` of the runs from `cuts[j1]` that are not empty and not cut off for their
            // length: it no longer looks at where they end
            let mut open_bound: Option<f64> = None;
            for j2 in j1..m {
                let (have, from) = (best[c + 1][j2], back[c + 1][j2]);
                let beats = |s: f64| s > have || (s == have && j1 < from);
                let (a, b) = (cuts[j1], cuts[j2]);
                let top = if a == b
                    || (b - a > MAX_SHORT_CELL && !matches!(cols[c], Col::Content | Col::Output))
                {
                    bound(c, a, b)
                } else {
                    let top = *open_bound.get_or_insert_with(|| bound(c, a, b));
                    debug_assert_eq!(top.to_bits(), bound(c, a, b).to_bits());
                    top
                };
                if !beats(total(base, top, j1, j2)) {
                    continue;
                }
                let s = total(base, score(c, j1, j2), j1, j2);
                if beats(s) {
                    best[c + 1][j2] = s;
                    back[c + 1][j2] = j1;
                }
            }
        }
    }
    let mut spans = vec![(0, 0); k];
    let mut j = m - 1;
    for c in (0..k).rev() {
        let j1 = back[c + 1][j];
        spans[c] = (cuts[j1], cuts[j]);
        j = j1;
    }
    (best[k][m - 1], spans)
}

fn build_task(r: RawRow, cols: &[Col], ctx: &TableContext) -> Task {
    let mut cells: Vec<(String, usize)> = vec![(String::new(), 0); cols.len()];
    for (pi, part) in r.parts.iter().enumerate() {
        let mut units = Vec::new();
        for (text, line) in part {
            for (wi, w) in text.split_whitespace().enumerate() {
                units.push(Unit {
                    word: w.to_string(),
                    line: *line,
                    line_start: wi == 0,
                });
            }
        }
        if units.is_empty() {
            continue;
        }
        let prev = (pi > 0).then_some(cells.as_slice());
        let cuts = cuts_of(&units, prev.is_some());
        let mut memo = Memo::new(&units, cuts.len());
        let (plain, mut spans) = segment(&units, &cuts, &mut memo, cols, prev, ctx, false);
        let k0 = cols.len();
        // sub-rows are tried on parts of ordinary size only (bounded work)
        if k0 > 1 && units.len() <= 300 {
            let (with_sub, sub_spans) = segment(&units, &cuts, &mut memo, cols, prev, ctx, true);
            if with_sub > plain {
                spans = sub_spans;
            }
        }
        for (ci, &(a, b)) in spans.iter().enumerate() {
            if a == b {
                continue;
            }
            let text = join_units(&units[a..b]);
            if ci >= k0 {
                // a sub-row: its cells join the row's ("; "), a repeated body is kept once
                let c = ci - k0 + 1;
                if let Some(cell) = cells.get_mut(c) {
                    if cell.0.is_empty() {
                        cell.0 = text;
                    } else if cell.0 != text {
                        cell.0.push_str("; ");
                        cell.0.push_str(&text);
                    }
                }
                continue;
            }
            let c = ci;
            let nlines = {
                let mut ls: Vec<u32> = units[a..b].iter().map(|u| u.line).collect();
                ls.dedup();
                ls.len()
            };
            if let Some(cell) = cells.get_mut(c) {
                if cell.0.is_empty() {
                    cell.0 = text;
                } else {
                    cell.0.push(' ');
                    cell.0.push_str(&text);
                }
                cell.1 += nlines;
            }
        }
    }
    let get = |want: Col| -> Option<String> {
        cols.iter()
            .position(|&c| c == want)
            .and_then(|i| cells.get(i))
            .map(|c| c.0.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    task_of(
        r.no,
        r.group,
        get,
        Span {
            first: r.first,
            last: r.last,
        },
        r.page,
        ctx,
    )
}

/// A task from its cells (`get` gives a column's text, trimmed, None when empty): partners
/// split into bodies (each once), the deadline parsed.
pub(crate) fn task_of(
    no: u32,
    group: Option<TaskGroup>,
    get: impl Fn(Col) -> Option<String>,
    lines: Span,
    page: Option<u32>,
    ctx: &TableContext,
) -> Task {
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
    Task {
        no: Some(no),
        group,
        content: get(Col::Content).unwrap_or_default(),
        lead: get(Col::Lead),
        partners,
        due: timeline.as_deref().and_then(|t| parse_due(t, ctx.year)),
        timeline,
        output: get(Col::Output),
        lines,
        page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_columns() {
        use Col::*;
        assert_eq!(
            columns_of("Nội dung công việc Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện/ hoàn thành Sản phẩm"),
            [Content, Lead, Partners, Timeline, Output]
        );
        assert_eq!(
            columns_of("Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành Căn cứ bổ sung"),
            [Content, Lead, Partners, Output, Timeline, Other]
        );
    }

    #[test]
    fn second_table_numbers_afresh() {
        let text = [
            "TT Nội dung công việc",
            "Cơ quan chủ trì",
            "Thời gian",
            "Sản phẩm",
            "1",
            "Ban hành Kế hoạch",
            "Phòng Kinh tế",
            "Quý III/2025",
            "Kế hoạch",
            "2",
            "Rà soát văn bản",
            "Phòng Kinh tế",
            "Tháng 7/2025",
            "Báo cáo",
            "STT Nhiệm vụ",
            "Đơn vị phối hợp",
            "Thời hạn",
            "1",
            "Tổ chức tập huấn",
            "Các phòng, ban",
            "Quý IV/2025",
        ];
        let blocks: Vec<Block> = text
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                text: t.to_string(),
                lines: Span::line(i as u32 + 1),
                page: None,
                kind: sohoa_text::BlockKind::TableLine,
                starts: vec![(0, i as u32 + 1)],
            })
            .collect();
        let refs: Vec<&Block> = blocks.iter().collect();
        let (tasks, warnings) = extract_tasks(&refs, &TableContext::default());
        let nos: Vec<_> = tasks.iter().map(|t| t.no).collect();
        assert_eq!(nos, [Some(1), Some(2), Some(1)]);
        assert!(warnings.is_empty());

        // a table starting at row 2 lacks row 1
        let refs2: Vec<&Block> = refs[..4].iter().chain(&refs[9..14]).copied().collect();
        let (tasks2, warnings2) = extract_tasks(&refs2, &TableContext::default());
        assert_eq!(tasks2.len(), 1);
        assert_eq!(warnings2.len(), 1);
        assert!(warnings2[0].message.contains("row 1 is missing"));
        assert_eq!(tasks[1].output.as_deref(), Some("Báo cáo"));
        assert_eq!(tasks[2].lead, None);
        assert_eq!(tasks[2].partners, ["Các phòng, ban"]);
        assert_eq!(tasks[2].timeline.as_deref(), Some("Quý IV/2025"));
    }

    #[test]
    fn products_and_capitals_as_the_reference() {
        let mut texts: Vec<String> = Vec::new();
        for &p in PRODUCTS {
            texts.push(p.to_string());
            texts.push(format!("{p} x"));
            texts.push(format!("{p}x"));
            texts.push(format!("{p}, x"));
            texts.push(p.chars().skip(1).collect());
            texts.push(p.to_lowercase());
        }
        texts.extend(["", " ", "x", "1", "(Các", "\"Kế", "ă", "Ă", "-"].map(String::from));
        for t in &texts {
            assert_eq!(is_product(t), is_product_ref(t), "{t}");
            let reference = t
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            assert_eq!(first_upper(t), reference, "{t}");
        }
    }

    #[test]
    fn rows_and_groups() {
        assert_eq!(
            row_start("8 Ban hành Quyết định"),
            Some((8, "Ban hành Quyết định".into()))
        );
        assert_eq!(row_start("12"), Some((12, String::new())));
        assert_eq!(row_start("20 của tháng"), None);
        assert_eq!(row_start("7/2025"), None);
        assert_eq!(
            group_of("VII. Xây dựng Chính quyền điện tử"),
            Some(("VII".into(), "Xây dựng Chính quyền điện tử".into()))
        );
        assert_eq!(group_of("Văn phòng"), None);
    }

    /// Words of table rows: bodies, deadlines, document numbers cut at a hyphen, marks.
    const WORDS: &str = "Bộ Tư pháp Các các Những bộ, cơ quan ngang Văn phòng UBND Ủy ban và của \
        Tháng tháng 5/2026 Quý III,IV/2025 năm Thường xuyên Theo theo yêu cầu Kỳ khi 2026 Nghị \
        quyết số 66- NQ/TW 12- CTr/BCĐ CP , ; . ( ) - – Phòng Kinh tế; (đối với) hằng Báo cáo Kế \
        hoạch x-";

    fn units_of(raw: &[(usize, bool)]) -> Vec<Unit> {
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        raw.iter()
            .enumerate()
            .map(|(i, &(w, line_start))| Unit {
                word: words[w % words.len()].to_string(),
                line: i as u32,
                line_start: line_start || i == 0,
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// What the cutting reads of every run from its start on, once per start, is what the
        /// reference functions read in the run's text: the text itself, its stray capitals,
        /// whether it can be a time expression, its bodies, and the same after an earlier
        /// part's cell.
        #[test]
        fn runs_read_once_agree_with_the_reference(
            raw in proptest::collection::vec((0usize..1000, proptest::bool::ANY), 0..24),
            old_raw in proptest::collection::vec((0usize..1000, proptest::bool::ANY), 0..5),
        ) {
            let heads = vec!["Chi bộ".to_string()];
            let units = units_of(&raw);
            let old = join_units(&units_of(&old_raw));
            let n = units.len();
            let cuts: Vec<usize> = (0..=n).collect();
            let m = cuts.len();
            let mut memo = Memo::new(&units, m);
            // names as the document teaches them (normalised), overlapping and repeated
            let ctx = TableContext {
                names: ["ubnd", "phòng kinh tế", "văn phòng ubnd", "tháng", "th", "ban"]
                    .map(String::from)
                    .to_vec(),
                ..TableContext::default()
            };
            let old_cell = OldCell::new(&old, &heads);
            let old_t = old_time(&old);
            for j1 in 0..m {
                let limit = memo.time_limit(&units, &cuts, j1);
                let mut run = RunScan::new(AgencyScan::new(&heads), j1, &cuts, &heads);
                let mut cont = RunScan::new(old_cell.agency.clone(), j1, &cuts, &heads);
                for j2 in j1 + 1..m {
                    let text = join_units(&units[cuts[j1]..cuts[j2]]);
                    proptest::prop_assert_eq!(memo.text_of(cuts[j1], cuts[j2]), text.as_str());
                    proptest::prop_assert_eq!(
                        memo.stray_of(cuts[j1], cuts[j2]),
                        stray_capitals(&text)
                    );
                    if j2 >= limit {
                        proptest::prop_assert!(!is_time(&text), "{}", text);
                    }
                    proptest::prop_assert_eq!(
                        run.at(j2, &units, &cuts, &heads),
                        agency_pieces(&text, &heads)
                    );
                    if let Some(l) = memo.learned_of(cuts[j1], cuts[j2], &ctx) {
                        proptest::prop_assert_eq!(l, learned(&text, &ctx), "{}", text);
                    }
                    let joined = if old.is_empty() {
                        text.clone()
                    } else {
                        format!("{old} {text}")
                    };
                    proptest::prop_assert_eq!(
                        cont.at(j2, &units, &cuts, &heads),
                        agency_pieces(&joined, &heads)
                    );
                    if old_t == OldTime::Never || (old_t == OldTime::Words && j2 >= limit) {
                        proptest::prop_assert!(!is_time(&joined), "{}", joined);
                    }
                }
            }
        }
    }
}
