//! Dates: "ngày 28 tháng 7 năm 2025", "ngày 16/6/2025", "08/7/2025", "28-7-2025", "28.7.2025".
//!
//! Matching runs on folded text (see the crate documentation), so accent-stripped OCR
//! ("ngay 17 thang 10 nam 2005", "nim 2014") works too. A date with a blank day or month, as in
//! drafts awaiting signature ("ngày   tháng 01 năm 2025"), is found but has no ISO value; so is
//! an impossible one (31/4/2025, a two-digit year).

use std::sync::OnceLock;

use regex::Regex;

use crate::fold::Folded;

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte offset in the original text where the date starts (at "ngày" when present).
    pub start: usize,
    /// Byte offset just after the date.
    pub end: usize,
    /// The date in ISO 8601 (`2025-07-28`); `None` when blank or invalid.
    pub iso: Option<String>,
    /// The year as printed, even when the day or month is blank (1900–2100).
    pub year: Option<u16>,
}

fn date_regex() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:^|[^0-9a-z/.\-])
            (?P<all>
              ngay\s*(?P<ld>\d{1,2})?\s*[,.]?\s*thang\s*(?P<lm>\d{1,2})?\s*[,.]?\s*n[a-z]\s?m\s*(?P<ly>\d{4})?
            | (?:ngay\s*)?(?P<sd>\d{1,2})\s?/\s?(?P<sm>\d{1,2})\s?/\s?(?P<sy>\d{3,4})
            | (?:ngay\s*)?(?P<dd>\d{1,2})-(?P<dm>\d{1,2})-(?P<dy>\d{4})
            | (?:ngay\s*)?(?P<pd>\d{1,2})\.(?P<pm>\d{1,2})\.(?P<py>\d{4})
            )
            (?:$|[^0-9/\-])",
        )
        .ok()
    })
    .as_ref()
}

/// The ISO form of a day, month and year, if they make a real date (years 1900–2100).
pub fn iso_date(day: u32, month: u32, year: u32) -> Option<String> {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Every date in `s`, in order, with its byte span.
///
/// ```
/// use sohoa_extract::date::find_dates;
/// let s = "Nghị định số 130/2005/NĐ-CP ngày 17 tháng 10 năm 2005 và ngày 02/7/2025";
/// let d = find_dates(s);
/// assert_eq!(d.len(), 2);
/// assert_eq!(&s[d[0].start..d[0].end], "ngày 17 tháng 10 năm 2005");
/// assert_eq!(d[1].iso.as_deref(), Some("2025-07-02"));
/// ```
pub fn find_dates(s: &str) -> Vec<DateMatch> {
    find_dates_folded(&Folded::new(s))
}

/// [`find_dates`] of the text folded in `f`.
pub(crate) fn find_dates_folded(f: &Folded) -> Vec<DateMatch> {
    let Some(r) = date_regex() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at <= f.text.len() {
        let Some(c) = r.captures_at(&f.text, at) else {
            break;
        };
        let Some(all) = c.name("all") else {
            break;
        };
        let num = |a: &str| -> Option<u32> { c.name(a)?.as_str().parse().ok() };
        let form = [
            ("ld", "lm", "ly"),
            ("sd", "sm", "sy"),
            ("dd", "dm", "dy"),
            ("pd", "pm", "py"),
        ]
        .into_iter()
        .find(|(d, m, y)| c.name(d).is_some() || c.name(m).is_some() || c.name(y).is_some());
        let iso = form.and_then(|(d, m, y)| iso_date(num(d)?, num(m)?, num(y)?));
        let year = form
            .and_then(|(_, _, y)| num(y))
            .filter(|y| (1900..=2100).contains(y))
            .and_then(|y| u16::try_from(y).ok());
        out.push(DateMatch {
            start: f.orig(all.start()),
            end: f.orig(all.end()),
            iso,
            year,
        });
        at = all.end();
    }
    out
}

/// The first date in `s` as ISO 8601; `None` when there is none or it is blank or invalid.
///
/// ```
/// use sohoa_extract::date::parse_date;
/// assert_eq!(parse_date("Xã Tuệ Tĩnh, ngày 28 tháng 7 năm 2025").as_deref(), Some("2025-07-28"));
/// assert_eq!(parse_date("ngày   tháng 01 năm 2025"), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    find_dates(s).into_iter().next()?.iso
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let cases = [
            ("ngày 28 tháng 7 năm 2025", Some("2025-07-28")),
            ("ngày 16/6/2025", Some("2025-06-16")),
            ("08/7/2025", Some("2025-07-08")),
            ("28-7-2025", Some("2025-07-28")),
            ("28.7.2025", Some("2025-07-28")),
            ("ngày 17 tháng 10 năm 2005", Some("2005-10-17")),
            ("NGÀY 05 THÁNG 01 NĂM 2026", Some("2026-01-05")),
            ("ngay 30 thang 5 nim 2014", Some("2014-05-30")),
            ("ngay 07 thang 10 ndm 2013", Some("2013-10-07")),
            ("ngày   tháng 01 năm 2025", None),
            ("ngày 31/4/2025", None),
            ("ngày 29/2/2024", Some("2024-02-29")),
            ("ngày 29/2/2025", None),
            ("ngày 21/9/025", None),
            ("ngày 13 / 8 / 2025", Some("2025-08-13")),
            ("2021-2030", None),
            ("45/2020/NĐ-CP", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn blank_dates_are_found_without_value() {
        let d = find_dates("Lào Cai, ngày   tháng 01 năm 2025");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].iso, None);
        assert_eq!(d[0].year, Some(2025));
        assert!(find_dates("ngày 21/9/025")
            .first()
            .is_some_and(|d| d.iso.is_none()));
    }

    #[test]
    fn spans_are_original_bytes() {
        let s = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;";
        let d = &find_dates(s)[0];
        assert_eq!(&s[d.start..d.end], "ngày 16/6/2025");
    }

    #[test]
    fn dates_inside_numbers_are_not_dates() {
        assert!(find_dates("66.4.2025/NQ-CP").is_empty());
        assert!(find_dates("số 16/6/2025/QĐ").is_empty());
    }
}
