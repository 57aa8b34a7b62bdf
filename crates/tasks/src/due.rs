//! Deadlines: "7/2025", "Quý III,IV/2025", "Thường xuyên", "Theo yêu cầu của Sở Nội vụ", …
//!
//! Normal forms (months are `YYYY-MM`, days `YYYY-MM-DD`):
//! - one month or one day ("7/2025", "Tháng 7/2025", "Trước ngày 30/9/2025") → `by`, `to` only;
//! - a quarter, several quarters, a half year, a whole year, a range of months or years
//!   ("Quý III/2025", "Quý III,IV/2025", "6 tháng cuối năm", "Năm 2025", "2026-2030",
//!   "Từ tháng 7 đến tháng 9/2025") → `period`, `from` and `to`;
//!   "Trước/Chậm nhất quý IV/2025" → `by` the end of the period;
//! - "Thường xuyên", "Hằng năm", "Hàng quý", "Định kỳ", "Trước ngày 20 của tháng cuối quý"
//!   → `recurring` (`from` set when a start is written: "2026 và hằng năm");
//! - "Theo yêu cầu …", "Khi có yêu cầu", "Theo chỉ đạo …" → `on_request`.
//!
//! A missing year is taken from the plan year (`ctx_year`); without one, no date is invented
//! (`from`/`to` stay null, or the whole deadline is `None`).

use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Due, DueKind};

pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex: {e}")))
}

fn roman(s: &str) -> Option<u32> {
    match s.to_uppercase().as_str() {
        "I" => Some(1),
        "II" => Some(2),
        "III" => Some(3),
        "IV" => Some(4),
        _ => None,
    }
}

fn ym(y: u16, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn year_of(s: &str) -> Option<u16> {
    s.parse::<u16>().ok().filter(|y| (1900..=2200).contains(y))
}

fn due(kind: DueKind, from: Option<String>, to: Option<String>) -> Option<Due> {
    Some(Due { kind, from, to })
}

/// Normalises a deadline cell. See the module documentation for the forms.
///
/// ```
/// use sohoa_tasks::parse_due;
/// use sohoa_model::DueKind;
/// let d = parse_due("Quý III,IV/2025", None).unwrap();
/// assert_eq!((d.kind, d.from.as_deref(), d.to.as_deref()), (DueKind::Period, Some("2025-07"), Some("2025-12")));
/// assert_eq!(parse_due("Tháng 7/2025", None).unwrap().to.as_deref(), Some("2025-07"));
/// assert_eq!(parse_due("Thường xuyên", None).unwrap().kind, DueKind::Recurring);
/// assert_eq!(parse_due("Theo yêu cầu của Sở Nội vụ", None).unwrap().kind, DueKind::OnRequest);
/// assert_eq!(parse_due("6 tháng cuối năm", Some(2025)).unwrap().from.as_deref(), Some("2025-07"));
/// assert!(parse_due("Phòng Văn hóa - Xã hội", Some(2025)).is_none());
/// ```
pub fn parse_due(timeline: &str, ctx_year: Option<u16>) -> Option<Due> {
    let low: String = timeline
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('–', "-");
    let low = low.trim_end_matches(['.', ';', ',']).trim();
    if low.is_empty() {
        return None;
    }
    static ON_REQ: OnceLock<Regex> = OnceLock::new();
    if re(
        &ON_REQ,
        r"^(?:theo|khi có|khi) (?:yêu cầu|đề nghị|chỉ đạo)|^khi (?:có )?(?:phát sinh|cần thiết)",
    )
    .is_match(low)
    {
        return due(DueKind::OnRequest, None, None);
    }
    static RECUR: OnceLock<Regex> = OnceLock::new();
    if re(
        &RECUR,
        r"thường xuyên|(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày)|định kỳ|tháng cuối (?:mỗi |của )?quý|(?:hằng|hàng|mỗi) quý",
    )
    .is_match(low)
    {
        let from = first_start(low, ctx_year);
        return due(DueKind::Recurring, from, None);
    }
    let before = low.starts_with("trước") || low.starts_with("chậm nhất") || low.starts_with("hạn");

    // Full dates d/m/yyyy.
    static DATE: OnceLock<Regex> = OnceLock::new();
    let dates: Vec<String> = re(&DATE, r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
        .captures_iter(low)
        .filter_map(|c| {
            let d: u32 = c[1].parse().ok()?;
            let m: u32 = c[2].parse().ok()?;
            let y = year_of(&c[3])?;
            ((1..=31).contains(&d) && (1..=12).contains(&m))
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        })
        .collect();
    match dates.as_slice() {
        [one] => return due(DueKind::By, None, Some(one.clone())),
        [a, .., b] => return due(DueKind::Period, Some(a.clone()), Some(b.clone())),
        [] => {}
    }

    // Quarters: "quý iii,iv/2025", "quý iii và quý iv năm 2025", "quý iii".
    static QUARTER: OnceLock<Regex> = OnceLock::new();
    let qre = re(
        &QUARTER,
        r"quý\s*((?:iv|i{1,3})(?:\s*(?:,|;|-|và|đến|quý)\s*(?:iv|i{1,3}))*)\b(?:\s*(?:/|năm)\s*(\d{4}))?",
    );
    if let Some(c) = qre.captures(low) {
        static RN: OnceLock<Regex> = OnceLock::new();
        let qs: Vec<u32> = re(&RN, r"iv|i{1,3}")
            .find_iter(&c[1])
            .filter_map(|m| roman(m.as_str()))
            .collect();
        let y = c
            .get(2)
            .and_then(|m| year_of(m.as_str()))
            .or_else(|| any_year(low))
            .or(ctx_year);
        let (lo, hi) = (qs.iter().min().copied()?, qs.iter().max().copied()?);
        let y = y?;
        let to = ym(y, hi * 3);
        return if before {
            due(DueKind::By, None, Some(to))
        } else {
            due(DueKind::Period, Some(ym(y, lo * 3 - 2)), Some(to))
        };
    }

    // Half years.
    static HALF: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&HALF, r"6 tháng (đầu|cuối) năm(?:\s*(\d{4}))?").captures(low) {
        let y = c.get(2).and_then(|m| year_of(m.as_str())).or(ctx_year)?;
        let (a, b) = if &c[1] == "đầu" { (1, 6) } else { (7, 12) };
        return due(DueKind::Period, Some(ym(y, a)), Some(ym(y, b)));
    }

    // Months: "7/2025", "tháng 7/2025", "tháng 7 năm 2025", "tháng 7-9/2025", "tháng 7".
    static MONTHS: OnceLock<Regex> = OnceLock::new();
    let mre = re(
        &MONTHS,
        r"(?:tháng\s*)?(\d{1,2})(?:\s*[-,]\s*(?:tháng\s*)?(\d{1,2}))?\s*(?:/|\s+năm\s+)\s*(\d{4})|tháng\s+(\d{1,2})\b",
    );
    let mut months: Vec<(u16, u32)> = Vec::new();
    for c in mre.captures_iter(low) {
        if let Some(m3) = c.get(3) {
            let Some(y) = year_of(m3.as_str()) else {
                continue;
            };
            for g in [c.get(1), c.get(2)].into_iter().flatten() {
                if let Ok(m) = g.as_str().parse::<u32>() {
                    if (1..=12).contains(&m) {
                        months.push((y, m));
                    }
                }
            }
        } else if let Some(g) = c.get(4) {
            let y = any_year(low).or(ctx_year);
            if let (Some(y), Ok(m)) = (y, g.as_str().parse::<u32>()) {
                if (1..=12).contains(&m) {
                    months.push((y, m));
                }
            }
        }
    }
    match months.as_slice() {
        [(y, m)] => return due(DueKind::By, None, Some(ym(*y, *m))),
        [(y1, m1), .., (y2, m2)] => {
            // "từ tháng 7 đến tháng 9/2025": the first month may lack its year.
            return due(DueKind::Period, Some(ym(*y1, *m1)), Some(ym(*y2, *m2)));
        }
        [] => {}
    }

    // Years: "2026", "năm 2025", "2026-2030", "giai đoạn 2026 - 2030".
    static YEARS: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&YEARS, r"(?:^|\D)(\d{4})(?:\s*-\s*(\d{4}))?(?:\D|$)").captures(low) {
        let a = year_of(&c[1])?;
        let b = c.get(2).and_then(|m| year_of(m.as_str())).unwrap_or(a);
        return if before {
            due(DueKind::By, None, Some(ym(a, 12)))
        } else {
            due(DueKind::Period, Some(ym(a, 1)), Some(ym(b, 12)))
        };
    }
    static THIS_YEAR: OnceLock<Regex> = OnceLock::new();
    if re(&THIS_YEAR, r"^(?:trong |cả )?năm(?: nay)?$").is_match(low) {
        let y = ctx_year?;
        return due(DueKind::Period, Some(ym(y, 1)), Some(ym(y, 12)));
    }
    None
}

fn any_year(low: &str) -> Option<u16> {
    static Y: OnceLock<Regex> = OnceLock::new();
    re(&Y, r"(?:^|\D)(\d{4})(?:\D|$)")
        .captures(low)
        .and_then(|c| year_of(&c[1]))
}

fn first_start(low: &str, _ctx_year: Option<u16>) -> Option<String> {
    static M: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&M, r"(?:tháng\s*)?(\d{1,2})\s*/\s*(\d{4})").captures(low) {
        let m: u32 = c[1].parse().ok()?;
        let y = year_of(&c[2])?;
        return (1..=12).contains(&m).then(|| ym(y, m));
    }
    any_year(low).map(|y| ym(y, 1))
}

/// Is the whole of `s` a time expression (the shape of a deadline cell)?
pub(crate) fn is_time(s: &str) -> bool {
    // The first word settles most texts at the cost of lowering one word: unless it opens one
    // of the phrases, a first word that is no time word makes the text no time expression
    // (the same answer as the whole test below, which would stop at that word).
    let Some(first) = s.split(time_sep).find(|w| !w.is_empty()) else {
        return false;
    };
    let first = first.to_lowercase().replace('–', "-");
    let phrase = matches!(first.as_str(), "theo" | "khi" | "kỳ");
    if !phrase && !time_word(&first).0 {
        return false;
    }
    let split = time_sep;
    if !phrase {
        // No phrase opens with another word: the words alone decide, lowered one by one up to
        // the first that is no time word (the separators have no case, and a word that lowers
        // differently alone — a final sigma — is no time word either way).
        let mut strong = false;
        for w in s.split(split) {
            if w.is_empty() {
                continue;
            }
            let (ok, st) = time_word(&w.to_lowercase().replace('–', "-"));
            if !ok {
                return false;
            }
            strong |= st;
        }
        return strong;
    }
    let low = s.to_lowercase().replace('–', "-");
    let low = low.trim();
    if low.is_empty() {
        return false;
    }
    static PHRASE: OnceLock<Regex> = OnceLock::new();
    if re(
        &PHRASE,
        r"^(?:theo|khi có|khi) (?:yêu cầu|đề nghị|chỉ đạo|kế hoạch|tiến độ|quy định|lộ trình)(?:\s+\S.*)?$|^kỳ họp\b|^khi (?:có )?(?:phát sinh|cần thiết)",
    )
    .is_match(low)
    {
        // "Theo yêu cầu của" alone (cut before the asker) is not a whole cell, nor is a
        // phrase running on into the next column.
        return !low.ends_with(" của") && low.split_whitespace().count() <= 12;
    }
    let mut strong = false;
    for w in low.split(split) {
        if w.is_empty() {
            continue;
        }
        let (ok, st) = time_word(w);
        if !ok {
            return false;
        }
        strong |= st;
    }
    strong
}

/// The characters that separate the words of a time expression.
pub(crate) fn time_sep(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == ';' || c == '.'
}

/// Can a text whose first word (split at [`time_sep`]) is `first` be a time expression only as a
/// phrase ("Theo yêu cầu", "Khi cần thiết", "Kỳ họp")? Else [`is_time`] reads it word by word:
/// it is one when every word is a time word ([`is_time_word`]) and one of them a strong sign.
pub(crate) fn opens_phrase(first: &str) -> bool {
    matches!(
        first.to_lowercase().replace('–', "-").as_str(),
        "theo" | "khi" | "kỳ"
    )
}

/// May a time expression that does not open with a phrase hold the word `w` (split at
/// [`time_sep`])? (As [`is_time`] reads it: lowered alone.)
pub(crate) fn is_time_word(w: &str) -> bool {
    time_word(&w.to_lowercase().replace('–', "-")).0
}

/// Is the lower-case word `w` one a time expression may hold, and is it a strong sign of one
/// (a number or date, a month, quarter or year word)?
fn time_word(w: &str) -> (bool, bool) {
    const WORDS: &[&str] = &[
        "trước",
        "trong",
        "từ",
        "đến",
        "ngày",
        "tháng",
        "quý",
        "năm",
        "và",
        "hoàn",
        "thành",
        "chậm",
        "nhất",
        "của",
        "cuối",
        "đầu",
        "giữa",
        "hằng",
        "hàng",
        "thường",
        "xuyên",
        "định",
        "kỳ",
        "mỗi",
        "các",
        "sau",
        "khi",
        "tuần",
        "i",
        "ii",
        "iii",
        "iv",
        "giai",
        "đoạn",
        "cả",
        "nay",
        "tiếp",
        "theo",
        "hạn",
        "quí",
    ];
    let romanish = w
        .split(['/', ',', '-'])
        .all(|p| p.is_empty() || p.chars().all(|c| c.is_ascii_digit()) || roman(p).is_some());
    if w.chars().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || "/-,".contains(c))
    {
        return (true, true);
    }
    if romanish && w.contains('/') {
        return (true, true);
    }
    let roman_list = romanish && w.chars().all(|c| "iv,".contains(c));
    if !(WORDS.contains(&w) || roman_list) {
        return (false, false);
    }
    let strong = [
        "tháng", "quý", "năm", "xuyên", "hằng", "hàng", "định", "quí",
    ]
    .contains(&w);
    (true, strong)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str, y: Option<u16>) -> (DueKind, Option<String>, Option<String>) {
        let d = parse_due(s, y).unwrap_or_else(|| panic!("no due for {s}"));
        (d.kind, d.from, d.to)
    }
    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn forms() {
        use DueKind::*;
        assert_eq!(d("7/2025", None), (By, None, s("2025-07")));
        assert_eq!(d("Tháng 7/2025", None), (By, None, s("2025-07")));
        assert_eq!(d("Tháng 7 năm 2025", None), (By, None, s("2025-07")));
        assert_eq!(
            d("Quý III,IV/2025", None),
            (Period, s("2025-07"), s("2025-12"))
        );
        assert_eq!(
            d("Quý III/2025", None),
            (Period, s("2025-07"), s("2025-09"))
        );
        assert_eq!(
            d("Quý IV", Some(2026)),
            (Period, s("2026-10"), s("2026-12"))
        );
        assert_eq!(d("Trước quý IV/2025", None), (By, None, s("2025-12")));
        assert_eq!(
            d("Trước ngày 20 của tháng cuối quý", Some(2025)).0,
            Recurring
        );
        assert_eq!(d("Thường xuyên", None), (Recurring, None, None));
        assert_eq!(d("2026 và hằng năm", None), (Recurring, s("2026-01"), None));
        assert_eq!(
            d("Theo yêu cầu của Sở Nội vụ", None),
            (OnRequest, None, None)
        );
        assert_eq!(d("Theo yêu cầu của thành phố", None).0, OnRequest);
        assert_eq!(d("Năm 2025", None), (Period, s("2025-01"), s("2025-12")));
        assert_eq!(d("2026", None), (Period, s("2026-01"), s("2026-12")));
        assert_eq!(
            d("6 tháng cuối năm", Some(2025)),
            (Period, s("2025-07"), s("2025-12"))
        );
        assert_eq!(
            d("6 tháng đầu năm 2026", None),
            (Period, s("2026-01"), s("2026-06"))
        );
        assert_eq!(
            d("Từ tháng 7 đến tháng 9/2025", None),
            (Period, s("2025-07"), s("2025-09"))
        );
        assert_eq!(
            d("Tháng 7-8/2025", None),
            (Period, s("2025-07"), s("2025-08"))
        );
        assert_eq!(d("Trước ngày 30/9/2025", None), (By, None, s("2025-09-30")));
        assert_eq!(
            d("Giai đoạn 2026 - 2030", None),
            (Period, s("2026-01"), s("2030-12"))
        );
        assert_eq!(
            d("Trong năm", Some(2025)),
            (Period, s("2025-01"), s("2025-12"))
        );
        assert!(parse_due("Quý III", None).is_none());
        assert!(parse_due("Theo Kế hoạch của Ủy ban Thường vụ Quốc hội", None).is_none());
        assert!(parse_due("", None).is_none());
    }

    #[test]
    fn time_shapes() {
        for t in [
            "7/2025",
            "Quý III,IV/2025",
            "Trước ngày 20 của tháng cuối quý",
            "Thường xuyên",
            "Theo yêu cầu của Sở Nội vụ",
            "Tháng 7/2025",
            "2026 và hằng năm",
            "Kỳ họp thứ nhất Quốc hội khóa XVI",
            "Quý IV năm 2026",
        ] {
            assert!(is_time(t), "{t}");
        }
        for t in [
            "Phòng Văn hóa - Xã hội",
            "Kế hoạch của UBND xã",
            "Theo yêu cầu của",
            "Quý III,IV/2025 Kế hoạch",
            "năm 2025 của UBND xã",
        ] {
            assert!(!is_time(t), "{t}");
        }
    }
}
