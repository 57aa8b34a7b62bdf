//! Small text helpers: capitals, title case, heading/paragraph split.

use std::sync::OnceLock;

use regex::Regex;

pub use sohoa_text::is_caps;

/// A built-in regex, compiled once (the patterns are constants, checked by the tests).
pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex: {e}")))
}

/// "AN LÃO" → "An Lão", "thành phố hải phòng" → "Thành Phố Hải Phòng".
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// "ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân"; first letter capital, the rest lower case.
pub fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Splits the text after a section label into heading and first paragraph.
///
/// The heading is: text in capitals; or text up to a colon when what precedes the colon is
/// short (≤ 100 characters, no sentence end) — what follows the colon, if anything, is the first
/// paragraph; or a single-line text that does not end a sentence ("2. Yêu cầu"). Otherwise there
/// is no heading and the whole text is the first paragraph. `wrap` is how many source lines a
/// heading may wrap over (2 for Roman and numbered sections, 1 for lettered items, which are
/// more often sentences), `lines` how many the text spans.
pub fn split_heading(rest: &str, lines: usize, wrap: usize) -> (Option<String>, Option<String>) {
    let rest = rest.trim();
    if rest.is_empty() {
        return (None, None);
    }
    if is_caps(rest) {
        return (Some(rest.trim_end_matches([':', ' ']).to_string()), None);
    }
    if let Some(i) = rest.find(':') {
        let head = rest[..i].trim();
        let tail = rest[i + 1..].trim();
        let clean_head = !head.contains(". ") && !head.contains("; ");
        if !head.is_empty() && head.chars().count() <= 100 && clean_head {
            let para = (!tail.is_empty()).then(|| tail.to_string());
            return (Some(head.to_string()), para);
        }
    }
    let ends = rest.ends_with(['.', ';', '!', '?', ',', '…']);
    // "one line" also by length: a source without hard wraps (a Word paragraph) has a whole
    // paragraph on one line
    if lines <= wrap && rest.chars().count() <= 120 * wrap && !ends {
        return (Some(rest.to_string()), None);
    }
    (None, Some(rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(title_case("AN LÃO"), "An Lão");
        assert_eq!(title_case("TUỆ TĨNH"), "Tuệ Tĩnh");
        assert_eq!(sentence_case("ỦY BAN NHÂN DÂN"), "Ủy ban nhân dân");
        assert_eq!(sentence_case("KẾ HOẠCH"), "Kế hoạch");
    }

    #[test]
    fn headings() {
        let h = |s, one: bool| split_heading(s, if one { 1 } else { 3 }, 1);
        // a numbered heading wrapped over two lines
        assert_eq!(
            split_heading("Tăng cường công tác chỉ đạo, điều hành việc triển khai thực hiện cải cách hành chính", 2, 2).0,
            Some("Tăng cường công tác chỉ đạo, điều hành việc triển khai thực hiện cải cách hành chính".into())
        );
        assert_eq!(h("Mục đích:", true), (Some("Mục đích".into()), None));
        assert_eq!(h("Yêu cầu", true), (Some("Yêu cầu".into()), None));
        assert_eq!(
            h("MỤC ĐÍCH, YÊU CẦU:", true),
            (Some("MỤC ĐÍCH, YÊU CẦU".into()), None)
        );
        assert_eq!(
            h(
                "Hoàn thiện cơ chế giải quyết thủ tục hành chính: Tiếp tục kiện toàn.",
                false
            ),
            (
                Some("Hoàn thiện cơ chế giải quyết thủ tục hành chính".into()),
                Some("Tiếp tục kiện toàn.".into())
            )
        );
        assert_eq!(
            h("Tăng cường cải thiện môi trường đầu tư kinh doanh.", true),
            (
                None,
                Some("Tăng cường cải thiện môi trường đầu tư kinh doanh.".into())
            )
        );
        assert_eq!(
            h(
                "Trong năm 2025, phấn đấu đảm bảo trong top đầu khối xã về xếp hạng",
                false
            )
            .0,
            None
        );
    }
}
