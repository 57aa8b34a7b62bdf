//! Lines → blocks: rejoin lines broken mid-sentence, drop page numbers and running headers.
//!
//! PDF text extraction hard-wraps every line, and the seeds also carry an empty line after every
//! line. The rules, in order, for whether a line starts a new block:
//! 1. it starts a structural mark (Roman, numbered or lettered label, bullet `-`/`+`, `Điều N`);
//! 2. the previous line ends a sentence (`.` `:` `!` `?`, or `;` before a capital);
//! 3. a meaningful empty line lies between them (empty lines are meaningless when the file has
//!    one after nearly every line);
//! 4. one is in capitals and the other is not (headers, titles);
//! 5. the previous line is short (well under the text's usual width) and this one starts with a
//!    capital or a digit.
//!
//! Otherwise the line continues the previous block, joined with one space.
//!
//! Stand-alone page numbers ("5", "- 12 -", "Trang 3") and running headers (a line repeated
//! three times or more) are dropped, except inside task tables, where a bare number is a row
//! number and the repeated header row marks a page break; table lines are kept one per block.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Line, Span};

/// What a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text, lines rejoined.
    Text,
    /// One source line inside a table region (left for the table extractor).
    TableLine,
}

/// A paragraph-like unit of text with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Text, whitespace collapsed, lines joined with one space.
    pub text: String,
    /// Source lines it spans.
    pub lines: Span,
    /// Page of its first line, for paged sources.
    pub page: Option<u32>,
    /// Text or table line.
    pub kind: BlockKind,
    /// For each joined source line: byte offset in `text` where it starts, and its line number.
    pub starts: Vec<(usize, u32)>,
}

impl Block {
    /// The source line holding byte `offset` of [`Block::text`].
    pub fn line_at(&self, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&(o, _)| o <= offset);
        self.starts
            .get(i.saturating_sub(1))
            .map(|&(_, l)| l)
            .unwrap_or(self.lines.first)
    }
}

/// Why a source line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// A stand-alone page number.
    PageNumber,
    /// A line repeated on many pages.
    RunningHeader,
}

/// The result of [`cleanup`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// Blocks in order.
    pub blocks: Vec<Block>,
    /// Dropped source lines.
    pub dropped: Vec<(u32, DropReason)>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex: {e}")))
}

/// Does `s` (trimmed) start with a structural mark (section label, bullet, `Điều N`)?
pub fn starts_with_mark(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:[IVXLivxl1]{1,6}[.)]\s|[IVX]{1,5}\s*[.:]\s*\S|\d{1,2}(?:\.\d{1,2}){0,3}[.)](?:\s|$)|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s|[a-zđ]\)\s?|[-+•–∙*]\s*\S|[-+]$|Điều\s+\d+|ĐIỀU\s+\d+|_{3,}|Nơi nhận|QUYẾT ĐỊNH\s*:|\(\s*(?:Ban hành\s+)?(?:[Kk]èm|KÈM)\s+(?:theo|THEO)\b)",
    )
    .is_match(s)
}

fn is_page_number(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^(?:Trang|trang|TRANG)\s+\d{1,3}(?:\s*/\s*\d{1,3})?$",
    )
    .is_match(s)
}

fn is_table_header(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:S?TT|Stt|STT\.)(?:\s+(?:Nội dung|NỘI DUNG|Nhiệm vụ|NHIỆM VỤ|Tên|TÊN|Đơn vị|Công việc|Chỉ tiêu|Hoạt động)|\s*$)").is_match(s)
}

fn is_motto(s: &str) -> bool {
    // both phrases hold an 'X', which only 'x' and 'X' upper-case to: without one the text is
    // not upper-cased
    if !s.contains(['x', 'X']) {
        return false;
    }
    let u = s.to_uppercase();
    u.contains("CỘNG HÒA XÃ HỘI") || u.contains("CỘNG HOÀ XÃ HỘI")
}

/// Are the letters of `s` all upper case (and at least two of them)?
pub fn is_caps(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= 2
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', ')', '»']);
    s.ends_with(['.', ':', '!', '?', '…']) || s.ends_with("./.")
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Words after which a line starting with a number continues the sentence ("… Đề án" / "06."):
/// document types and the words that introduce a number.
fn expects_number(s: &str) -> bool {
    const WORDS: [&str; 16] = [
        "số", "Số", "án", "định", "quyết", "tư", "thị", "hoạch", "văn", "trình", "Điều", "điều",
        "khoản", "điểm", "mục", "lục",
    ];
    s.rsplit(' ').next().is_some_and(|w| WORDS.contains(&w))
}

/// Does line `t` continue the block whose text so far is `block` and whose last line is `pt`?
/// `blank` says a meaningful empty line lies between them.
fn continues(block: &str, pt: &str, t: &str, width: usize, blank: bool) -> bool {
    let lower = t.chars().next().is_some_and(char::is_lowercase);
    let digit = t.chars().next().is_some_and(|c| c.is_ascii_digit());
    if blank {
        return false;
    }
    // "… triển khai Đề án" / "06. Tiếp tục" is one sentence, not a new numbered item
    if digit && expects_number(pt) && !ends_sentence(pt) {
        return true;
    }
    if starts_with_mark(t) {
        return false;
    }
    // Inside a bullet, ";" and ":" separate clauses of the same item, whatever the case of the
    // next word ("- Chủ trì …;" / "Xây dựng …").
    let in_bullet = block.starts_with(['-', '+', '•', '–']);
    if in_bullet && (pt.ends_with(';') || pt.ends_with(':')) {
        return true;
    }
    if ends_sentence(pt) || (pt.ends_with(';') && !lower) {
        return false;
    }
    // capitals after text or text after capitals: a header line, a title; a lone acronym
    // ("CCHC.") does not count
    let words = |s: &str| s.split_whitespace().count();
    if is_caps(pt) != is_caps(t) && words(if is_caps(t) { t } else { pt }) >= 2 {
        return false;
    }
    // a short line ends its paragraph unless the next one goes on in lower case
    pt.chars().count() * 10 >= width * 7 || lower
}

/// Rejoins `lines` into blocks. See the module documentation for the rules.
pub fn cleanup(lines: &[Line]) -> Cleaned {
    let trimmed: Vec<String> = lines.iter().map(|l| collapse(&l.text)).collect();
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !trimmed[i].is_empty())
        .collect();

    // Empty lines are noise when almost every text line is followed by one.
    let followed_by_blank = nonblank
        .iter()
        .filter(|&&i| trimmed.get(i + 1).is_some_and(|t| t.is_empty()))
        .count();
    let blanks_meaningless = nonblank.len() >= 4 && followed_by_blank * 10 >= nonblank.len() * 8;

    // Table regions: from a table header row to the next document header (motto) or the end.
    let mut in_table = vec![false; lines.len()];
    let mut table = false;
    for &i in &nonblank {
        if is_motto(&trimmed[i]) {
            table = false;
        }
        if is_table_header(&trimmed[i]) {
            table = true;
        }
        in_table[i] = table;
    }

    // Running headers: same text line (outside tables) three times or more, not a mark.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in &nonblank {
        if !in_table[i] {
            *counts.entry(trimmed[i].as_str()).or_default() += 1;
        }
    }
    let is_running = |t: &str| {
        counts.get(t).copied().unwrap_or(0) >= 3
            && t.chars().count() >= 10
            && !starts_with_mark(t)
            && !is_motto(t)
    };

    // Usual width of running text: 80th percentile of line lengths.
    let mut widths: Vec<usize> = nonblank
        .iter()
        .filter(|&&i| !in_table[i])
        .map(|&i| trimmed[i].chars().count())
        .collect();
    widths.sort_unstable();
    let width = widths
        .get(widths.len() * 8 / 10)
        .copied()
        .unwrap_or(80)
        .max(20);

    let mut out = Cleaned::default();
    let mut prev: Option<usize> = None; // index of the last line added to the current block
    let mut blank_since_prev = false;
    for (i, line) in lines.iter().enumerate() {
        let t = &trimmed[i];
        if t.is_empty() {
            blank_since_prev = true;
            continue;
        }
        if in_table[i] {
            out.blocks.push(Block {
                text: t.clone(),
                lines: Span::line(line.no),
                page: line.page,
                kind: BlockKind::TableLine,
                starts: vec![(0, line.no)],
            });
            prev = None;
            continue;
        }
        if is_page_number(t) {
            out.dropped.push((line.no, DropReason::PageNumber));
            continue;
        }
        if is_running(t) {
            out.dropped.push((line.no, DropReason::RunningHeader));
            continue;
        }
        let continues = match (prev, out.blocks.last()) {
            (Some(p), Some(block)) => continues(
                &block.text,
                &trimmed[p],
                t,
                width,
                blank_since_prev && !blanks_meaningless,
            ),
            _ => false,
        };
        blank_since_prev = false;
        match (continues, out.blocks.last_mut()) {
            (true, Some(b)) => {
                b.text.push(' ');
                b.starts.push((b.text.len(), line.no));
                b.text.push_str(t);
                b.lines.last = line.no;
            }
            _ => out.blocks.push(Block {
                text: t.clone(),
                lines: Span::line(line.no),
                page: line.page,
                kind: BlockKind::Text,
                starts: vec![(0, line.no)],
            }),
        }
        prev = Some(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i as u32 + 1,
                page: None,
                text: t.to_string(),
            })
            .collect()
    }

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    const WRAPPED: &str = "I. MỤC ĐÍCH, YÊU CẦU \n\n1. Mục đích: \n\n- Tiếp tục triển khai thực hiện có hiệu quả Chương trình tổng thể cải cách \n\nhành chính nhà nước giai đoạn 2021 - 2030, các nhiệm vụ năm cuối của Kế hoạch \n\ncải cách hành chính của thành phố; xây dựng chính quyền phục vụ Nhân dân. \n\n5  \n\n- Tiếp tục nâng cao chất lượng cải cách hành chính (PAR \n\nINDEX), Chỉ số hài lòng (SIPAS).  \n\n2. Yêu cầu \n\nCụ thể hóa để thực hiện đầy đủ các quan điểm, mục tiêu, nhiệm vụ, giải \n\npháp đề ra.\n";

    #[test]
    fn only_x_upper_cases_to_x() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                if c != 'x' && c != 'X' {
                    assert!(!c.to_uppercase().any(|x| x == 'X'), "U+{u:04X}");
                }
            }
        }
        assert!(is_motto("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(is_motto("Cộng hòa xã hội chủ nghĩa Việt Nam"));
        assert!(!is_motto("Cộng hòa"));
    }

    #[test]
    fn rejoins_wrapped_lines_and_drops_page_numbers() {
        let c = cleanup(&lines(WRAPPED));
        assert_eq!(
            texts(&c),
            [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích:",
                "- Tiếp tục triển khai thực hiện có hiệu quả Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030, các nhiệm vụ năm cuối của Kế hoạch cải cách hành chính của thành phố; xây dựng chính quyền phục vụ Nhân dân.",
                "- Tiếp tục nâng cao chất lượng cải cách hành chính (PAR INDEX), Chỉ số hài lòng (SIPAS).",
                "2. Yêu cầu",
                "Cụ thể hóa để thực hiện đầy đủ các quan điểm, mục tiêu, nhiệm vụ, giải pháp đề ra.",
            ]
        );
        assert_eq!(c.dropped, [(11, DropReason::PageNumber)]);
        let b = &c.blocks[2];
        assert_eq!((b.lines.first, b.lines.last), (5, 9));
        let at = b.text.find("cải cách hành chính của").unwrap();
        assert_eq!(b.line_at(at), 9);
        assert_eq!(b.line_at(0), 5);
    }

    #[test]
    fn meaningful_blank_lines_split_paragraphs() {
        let c = cleanup(&lines(
            "Dòng thứ nhất của đoạn văn bản này rất dài để không bị coi là ngắn\nvẫn là đoạn một\n\nĐoạn hai bắt đầu ở đây sau một dòng trống thật sự có nghĩa\nvà tiếp tục",
        ));
        assert_eq!(c.blocks.len(), 2);
    }

    #[test]
    fn table_lines_kept_one_per_block_with_row_numbers() {
        let c = cleanup(&lines(
            "Phụ lục\nTT Nội dung công việc\nCơ quan\nchủ trì\n1\nBan hành Kế hoạch\n2\nXây dựng Báo cáo\n TT Nội dung công việc\n3\nLàm việc",
        ));
        assert_eq!(c.blocks[0].kind, BlockKind::Text);
        assert!(c.blocks[1..].iter().all(|b| b.kind == BlockKind::TableLine));
        assert_eq!(c.blocks.len(), 11);
        assert!(c.dropped.is_empty());
    }

    #[test]
    fn running_headers_dropped() {
        let mut s = String::new();
        for i in 0..3 {
            s.push_str("Kế hoạch cải cách hành chính năm 2025\n");
            s.push_str(&format!("{}. Nội dung số {i}.\n", i + 1));
        }
        let c = cleanup(&lines(&s));
        assert_eq!(c.blocks.len(), 3);
        assert_eq!(c.dropped.len(), 3);
        assert!(c.dropped.iter().all(|d| d.1 == DropReason::RunningHeader));
    }

    #[test]
    fn header_lines_stay_apart() {
        let c = cleanup(&lines(
            "ỦY BAN NHÂN DÂN\nXÃ TUỆ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCải cách hành chính xã Tuệ Tĩnh 6 tháng cuối năm 2025",
        ));
        assert_eq!(c.blocks.len(), 6);
    }

    #[test]
    fn joins_and_breaks() {
        let w = 75;
        let long = "Tiếp tục nâng cao chất lượng cung ứng dịch vụ hành chính công theo hướng";
        // a bullet goes on after ";" or ":" even before a capital
        assert!(continues(
            "- Chủ trì",
            "- Chủ trì triển khai các nhiệm vụ cải cách tổ chức bộ máy hành chính;",
            "Xây dựng và nâng cao",
            w,
            false
        ));
        assert!(continues(
            "- Tiếp tục",
            "hiện quyền giám sát của nhân dân đối với hoạt động của bộ máy hành chính:",
            "Lấy ý kiến người dân",
            w,
            false
        ));
        // outside a bullet, ";" before a capital ends the paragraph
        assert!(!continues(
            "Căn cứ",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
            "Căn cứ Nghị",
            w,
            false
        ));
        // a lone acronym goes on the sentence
        assert!(continues(
            "- Tham mưu",
            "- Tham mưu cho Chủ tịch UBND xã bố trí kinh phí thực hiện kế hoạch",
            "CCHC.",
            w,
            false
        ));
        // a number after "Đề án" is not a new item
        assert!(continues(
            "b) Đầu tư",
            "b) Đầu tư nâng cấp hạ tầng, trang thiết bị phục vụ chuyển đổi số và Đề án",
            "06. Tiếp tục",
            w,
            false
        ));
        assert!(!continues("a) Một", long, "2. Yêu cầu", w, false));
        assert!(continues("x", long, "hiện đại, nhanh chóng", w, false));
        assert!(!continues("x", "2. Yêu cầu", "Cụ thể hóa", w, false));
        assert!(!continues("x", long, "hiện đại", w, true));
    }

    #[test]
    fn marks() {
        for s in [
            "I. MỤC",
            "II. CHỈ",
            "1. Mục",
            "2.1. Cải",
            "a) Trong",
            "đ) Trung",
            "- Tiếp",
            "+ Tiến",
            "Điều 1. Ban",
            "I11. KINH",
            "(Kèm theo Quyết định",
        ] {
            assert!(starts_with_mark(s), "{s}");
        }
        for s in [
            "2015; Căn cứ",
            "100% hồ sơ",
            "2030. Trong",
            "hành chính",
            "Chỉ số (PAR",
        ] {
            assert!(!starts_with_mark(s), "{s}");
        }
    }
}
