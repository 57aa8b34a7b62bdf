//! Quantified targets (chỉ tiêu) stated in the body of a plan.
//!
//! **What counts as a target.** A percentage ("90%", "2,5 %", "90 phần trăm") in a body
//! paragraph, and a count of things ("05 mô hình", "ít nhất 2 cuộc") introduced by a comparator
//! word ("tối thiểu", "ít nhất", "không quá", "tối đa", "đạt"). Not targets: years and periods
//! ("năm 2025", "giai đoạn 2021-2030"), dates, document numbers ("45/2020/NĐ-CP"), levels
//! ("mức độ 3"), section numbers, bare numbers without a comparator, and results already
//! reached (a clause saying "đã đạt", "đạt được", "đã hoàn thành"). Task tables are not
//! searched (give body blocks only).
//!
//! **Clause.** The text of a target is its clause: the block is cut at sentence ends, `;`, `:`,
//! at "Trong đó," / "trong số đó," and around a parenthesis holding its own percentage, so "…
//! đạt 100%; thực hiện rà soát, đưa 100% hồ sơ … (trong đó bảo đảm 80% dịch vụ …)" gives three
//! clauses (other parentheses stay in their clause). Labels and bullets
//! ("a)", "-", "2.") opening the block are left out.
//!
//! **Indicator.** What is measured: the clause without the value expression (the comparator
//! words, "đạt", the number and unit, "trở lên"). When the number follows "đạt" and the clause
//! names an indicator noun ("tỷ lệ", "mức độ", "chỉ số") before it, the indicator starts there
//! ("Tập trung …, bảo đảm duy trì tỷ lệ giải quyết đúng hạn đạt 100%" → "tỷ lệ giải quyết đúng
//! hạn").
//!
//! **Comparator.** `>=` with "trở lên", "tối thiểu", "ít nhất", "không dưới", "không thấp hơn",
//! "từ", "trên"; `<=` with "tối đa", "không quá", "không vượt quá", "dưới", "trở xuống"; `=`
//! otherwise ("100% hồ sơ …", "đạt 90%", "giảm bình quân 10% biên chế").
//!
//! **Section and line.** `section` is the label path given with the block; `line` is the
//! source line of the number.

use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Comparator, Target};
use sohoa_text::Block;

use crate::due::re;

/// Count nouns a non-percentage target may count.
const COUNT_NOUNS: &[&str] = &[
    "mô hình",
    "sáng kiến",
    "hồ sơ",
    "lớp",
    "cuộc",
    "buổi",
    "đợt",
    "lượt",
    "người",
    "doanh nghiệp",
    "tin",
    "bài",
    "văn bản",
    "cơ quan",
    "đơn vị",
    "thủ tục",
    "dịch vụ",
    "điểm",
    "hội nghị",
    "chuyên mục",
    "tài khoản",
    "công trình",
    "hộ",
    "xã",
    "phường",
    "cán bộ",
    "công chức",
];

/// A clause of a block: byte range in the block text.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    static BREAK: OnceLock<Regex> = OnceLock::new();
    // sentence ends, ; and :, "Trong đó," / "trong số đó,"
    let brk = re(
        &BREAK,
        r"[.!?](?:\s+|$)|[;:]\s*|,?\s*\b(?:[Tt]rong (?:số )?đó),\s*",
    );
    // the same without the "trong đó," cut, whose word boundary keeps the regex engine off its
    // fast paths: for the (most) texts where that cut cannot match
    static STOPS: OnceLock<Regex> = OnceLock::new();
    let brk = if text.contains("rong đó,") || text.contains("rong số đó,") {
        brk
    } else {
        re(&STOPS, r"[.!?](?:\s+|$)|[;:]\s*")
    };
    let mut rough = Vec::new();
    let mut start = 0;
    for m in brk.find_iter(text) {
        // a dot inside a number ("1.000") is not a sentence end
        if m.as_str() == "." && text[m.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if m.start() > start {
            rough.push((start, m.start()));
        }
        start = m.end();
    }
    if start < text.len() {
        rough.push((start, text.len()));
    }
    // a parenthesis holding its own percentage is a clause of its own
    static PAREN: OnceLock<Regex> = OnceLock::new();
    let paren = re(&PAREN, r"\(\s*(?:trong (?:số )?đó,?\s*)?([^()]*%[^()]*)\)");
    let mut out = Vec::new();
    for (a, b) in rough {
        let mut cur = a;
        // (no percentage, no such parenthesis: the search is skipped)
        let holds_pct = text[a..b].contains('%');
        for c in holds_pct
            .then(|| paren.captures_iter(&text[a..b]))
            .into_iter()
            .flatten()
        {
            let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if a + all.start() > cur {
                out.push((cur, a + all.start()));
            }
            out.push((a + inner.start(), a + inner.end()));
            cur = a + all.end();
        }
        if b > cur {
            out.push((cur, b));
        }
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

fn strip_label(s: &str) -> &str {
    static L: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &L,
        r"^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-+•–])\s+",
    );
    match r.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c == ' ')
        .to_string()
}

/// Extracts the quantified goals of the body blocks, each given with its section label path.
///
/// What counts: a percentage ("90%", "2,5 %", "90 phần trăm") in a body paragraph, and a count
/// of things ("02 mô hình") introduced by "tối thiểu", "ít nhất", "không quá", "tối đa" or
/// "đạt". Not targets: years, periods, dates, document numbers, levels ("mức độ 3"), bare
/// numbers, results already reached ("đã đạt", "đạt được", "đã hoàn thành").
/// `text` is the clause (cut at sentence ends, ";", ":", "Trong đó,", and around a
/// parenthesis holding its own percentage; opening label dropped); `indicator` is the clause
/// without the value expression (from the last "tỷ lệ"/"mức độ"/"chỉ số" before "đạt X%");
/// `comparator` is `>=` for "trở lên", "tối thiểu", "ít nhất", "từ", "trên", "không dưới",
/// `<=` for "tối đa", "không quá", "dưới", "trở xuống", `=` otherwise; `section` is the path
/// given; `line` the source line of the number.
pub fn extract_targets(blocks: &[(&Block, Option<String>)]) -> Vec<Target> {
    static PCT: OnceLock<Regex> = OnceLock::new();
    let pct = re(
        &PCT,
        r"(?i)(?:\b(đạt)\s+)?(?:\b(từ|tối thiểu|ít nhất|trên|dưới|tối đa|không quá|không vượt quá|không dưới|không thấp hơn)\s+)?(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|phần trăm)(?:\s+(trở lên|trở xuống))?",
    );
    static CNT: OnceLock<Regex> = OnceLock::new();
    let cnt = re(
        &CNT,
        r"(?i)(?:\b(đạt)\s+)?\b(tối thiểu|ít nhất|tối đa|không quá|không dưới|đạt)\s+(\d{1,4})\s+(\p{L}+(?:\s+\p{L}+)?)(?:\s+(trở lên|trở xuống))?",
    );
    static PAST: OnceLock<Regex> = OnceLock::new();
    let past = re(&PAST, r"(?i)đã đạt|đạt được|đã hoàn thành");
    static IND: OnceLock<Regex> = OnceLock::new();
    let ind_noun = re(&IND, r"(?i)\b(?:tỷ lệ|tỉ lệ|mức độ|chỉ số)\b");
    // Literals that every match of `pct` and of `cnt` holds: a clause without them is not
    // searched (these plain searches are much faster than the ones with word boundaries).
    static PCT_LIT: OnceLock<Regex> = OnceLock::new();
    let pct_lit = re(&PCT_LIT, r"(?i)%|phần trăm");
    static CNT_LIT: OnceLock<Regex> = OnceLock::new();
    let cnt_lit = re(
        &CNT_LIT,
        r"(?i)tối thiểu|ít nhất|tối đa|không quá|không dưới|đạt",
    );

    let mut out = Vec::new();
    for (block, section) in blocks {
        let text = block.text.as_str();
        for (a, b) in clauses(text) {
            let clause = &text[a..b];
            if past.is_match(clause) {
                continue;
            }
            // clause without its opening label, with its offset
            let body = strip_label(clause);
            let off = a + (clause.len() - body.len());
            let mut found: Vec<Hit> = Vec::new();
            let has_pct = pct_lit.is_match(body);
            let has_cnt = cnt_lit.is_match(body);
            for c in has_pct
                .then(|| pct.captures_iter(body))
                .into_iter()
                .flatten()
            {
                let (Some(all), Some(num)) = (c.get(0), c.get(3)) else {
                    continue;
                };
                let Ok(value) = num.as_str().replace(',', ".").parse::<f64>() else {
                    continue;
                };
                let cmp = comparator(c.get(2).map(|m| m.as_str()), c.get(4).map(|m| m.as_str()));
                let after_dat = c.get(1).is_some();
                found.push(Hit {
                    start: all.start(),
                    end: all.end(),
                    num: num.start(),
                    value,
                    unit: "%".into(),
                    cmp,
                    after_dat,
                });
            }
            for c in has_cnt
                .then(|| cnt.captures_iter(body))
                .into_iter()
                .flatten()
            {
                let (Some(all), Some(num), Some(noun)) = (c.get(0), c.get(3), c.get(4)) else {
                    continue;
                };
                if found
                    .iter()
                    .any(|f| f.start < all.end() && all.start() < f.end)
                {
                    continue;
                }
                let noun_l = noun.as_str().to_lowercase();
                let Some(unit) = COUNT_NOUNS
                    .iter()
                    .filter(|n| noun_l == **n || noun_l.starts_with(&format!("{n} ")))
                    .max_by_key(|n| n.len())
                else {
                    continue;
                };
                let Ok(value) = num.as_str().parse::<f64>() else {
                    continue;
                };
                // the unit is part of the indicator: keep it, cut the expression before it
                let end = noun.start() + unit.len();
                let word = c.get(2).map(|m| m.as_str());
                let rest = &body[end..];
                let after = ["trở lên", "trở xuống"]
                    .into_iter()
                    .find(|w| rest.contains(w));
                let cmp = comparator(word.filter(|w| !w.eq_ignore_ascii_case("đạt")), after);
                found.push(Hit {
                    start: all.start(),
                    end: noun.start(),
                    num: num.start(),
                    value,
                    unit: unit.to_string(),
                    cmp,
                    after_dat: true,
                });
            }
            found.sort_by_key(|f| f.start);
            for h in found {
                let (s, e) = (h.start, h.end);
                // indicator: the clause without the value expression
                let mut from = 0;
                if h.after_dat {
                    if let Some(m) = ind_noun.find_iter(&body[..s]).last() {
                        from = m.start();
                    }
                }
                let indicator = format!("{} {}", &body[from..s], &body[e..]);
                let indicator = indicator.replace(" trở lên", "").replace(" trở xuống", "");
                let indicator = tidy(&indicator);
                out.push(Target {
                    text: tidy(body),
                    indicator,
                    value: h.value,
                    unit: Some(h.unit),
                    comparator: h.cmp,
                    section: section.clone(),
                    line: block.line_at(off + h.num),
                });
            }
        }
    }
    out
}

/// A value expression found in a clause.
struct Hit {
    /// Byte range of the expression in the clause (for a count, up to the counted noun).
    start: usize,
    end: usize,
    /// Byte offset of the number.
    num: usize,
    value: f64,
    unit: String,
    cmp: Comparator,
    /// Whether the number follows "đạt" (the indicator is named before it).
    after_dat: bool,
}

fn comparator(before: Option<&str>, after: Option<&str>) -> Comparator {
    let b = before.map(str::to_lowercase);
    match (b.as_deref(), after.map(str::to_lowercase).as_deref()) {
        (_, Some("trở lên")) => Comparator::Ge,
        (_, Some("trở xuống")) => Comparator::Le,
        (Some("từ" | "tối thiểu" | "ít nhất" | "trên" | "không dưới" | "không thấp hơn"), _) => {
            Comparator::Ge
        }
        (Some("dưới" | "tối đa" | "không quá" | "không vượt quá"), _) => {
            Comparator::Le
        }
        _ => Comparator::Eq,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sohoa_model::Span;

    fn block(text: &str) -> Block {
        Block {
            text: text.to_string(),
            lines: Span::line(10),
            page: None,
            kind: sohoa_text::BlockKind::Text,
            starts: vec![(0, 10)],
        }
    }

    fn run(text: &str) -> Vec<Target> {
        let b = block(text);
        extract_targets(&[(&b, Some("II.1".to_string()))])
    }

    #[test]
    fn forms() {
        let t = run(
            "f) Mức độ hài lòng của người dân về giải quyết thủ tục hành chính đạt 90% trở lên.",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, 90.0);
        assert_eq!(t[0].comparator, Comparator::Ge);
        assert_eq!(
            t[0].indicator,
            "Mức độ hài lòng của người dân về giải quyết thủ tục hành chính"
        );
        assert_eq!(
            t[0].text,
            "Mức độ hài lòng của người dân về giải quyết thủ tục hành chính đạt 90% trở lên"
        );
        assert_eq!(t[0].section.as_deref(), Some("II.1"));

        let t = run("- Tiếp tục giảm bình quân 10% biên chế sự nghiệp so với năm 2025.");
        assert_eq!((t[0].value, t[0].comparator), (10.0, Comparator::Eq));
        assert_eq!(
            t[0].indicator,
            "Tiếp tục giảm bình quân biên chế sự nghiệp so với năm 2025"
        );

        let t = run("Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 85%. 100% hồ sơ được số hóa; đảm bảo 80% (trong đó bảo đảm 50% dịch vụ toàn trình).");
        let v: Vec<_> = t.iter().map(|t| (t.value, t.comparator)).collect();
        assert_eq!(
            v,
            [
                (85.0, Comparator::Ge),
                (100.0, Comparator::Eq),
                (80.0, Comparator::Eq),
                (50.0, Comparator::Eq)
            ]
        );
        assert_eq!(t[3].indicator, "bảo đảm dịch vụ toàn trình");

        let t = run("Phấn đấu có ít nhất 02 mô hình mới trở lên; không quá 5% hồ sơ quá hạn.");
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].value, t[0].unit.as_deref(), t[0].comparator),
            (2.0, Some("mô hình"), Comparator::Ge)
        );
        assert_eq!(t[0].indicator, "Phấn đấu có mô hình mới");
        assert_eq!(t[1].comparator, Comparator::Le);

        assert!(run("Giai đoạn 2021-2030, theo Nghị định số 45/2020/NĐ-CP, mức độ 3.").is_empty());
        assert!(run("Năm 2024 đã đạt 95% hồ sơ trực tuyến.").is_empty());
    }
}
