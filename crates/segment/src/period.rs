//! Plan periods: "6 tháng cuối năm 2025", "năm 2025", "giai đoạn 2026-2030", "quý III năm 2025".

use std::sync::OnceLock;

use regex::Regex;

use crate::text::re;
use sohoa_model::Period;

use crate::labels::roman_value;

fn ym(y: u32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn year(s: &str) -> Option<u32> {
    s.parse().ok().filter(|y| (1945..=2100).contains(y))
}

/// Finds the period a title states. The most specific form wins; the first occurrence of it.
pub fn find_period(text: &str) -> Option<Period> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static HALF: OnceLock<Regex> = OnceLock::new();
    static QUARTER: OnceLock<Regex> = OnceLock::new();
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    // dates of cited documents ("ngày 30 tháng 4 năm 2025", "30/4/2025") are not periods:
    // blank them out, keeping byte offsets
    static DATE: OnceLock<Regex> = OnceLock::new();
    let mut lower = text.to_lowercase();
    let dates: Vec<(usize, usize)> = re(
        &DATE,
        r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}",
    )
    .find_iter(&lower)
    .map(|m| (m.start(), m.end()))
    .collect();
    for (a, b) in dates {
        lower.replace_range(a..b, &" ".repeat(b - a));
    }
    let t = lower.as_str();
    let raw = |m: regex::Match| {
        text.get(m.start()..m.end())
            .unwrap_or(m.as_str())
            .to_string()
    };

    if let Some(c) = re(&HALF, r"(6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})").captures(t)
    {
        let y = year(&c[3])?;
        let (a, b) = if &c[2] == "đầu" { (1, 6) } else { (7, 12) };
        return Some(Period {
            raw: raw(c.get(0)?),
            from: ym(y, a),
            to: ym(y, b),
        });
    }
    if let Some(c) = re(&QUARTER, r"quý\s+([ivx]+|[1-4])(?:\s*năm|\s*/)\s*(\d{4})").captures(t) {
        let q = match c[1].parse::<u32>() {
            Ok(q) => q,
            Err(_) => roman_value(&c[1].to_uppercase())?,
        };
        let y = year(&c[2])?;
        if (1..=4).contains(&q) {
            return Some(Period {
                raw: raw(c.get(0)?),
                from: ym(y, 3 * q - 2),
                to: ym(y, 3 * q),
            });
        }
    }
    if let Some(c) = re(&MONTH, r"tháng\s+(\d{1,2})\s*(?:năm\s+|/)(\d{4})").captures(t) {
        let m: u32 = c[1].parse().ok()?;
        let y = year(&c[2])?;
        if (1..=12).contains(&m) {
            return Some(Period {
                raw: raw(c.get(0)?),
                from: ym(y, m),
                to: ym(y, m),
            });
        }
    }
    if let Some(c) = re(
        &RANGE,
        r"(?:giai\s+đoạn\s+|từ\s+năm\s+|thời\s+kỳ\s+)(?:từ\s+)?(\d{4})\s*(?:-|–|—|đến|tới)\s*(?:năm\s+)?(\d{4})",
    )
    .captures(t)
    {
        let (a, b) = (year(&c[1])?, year(&c[2])?);
        if a <= b {
            return Some(Period { raw: raw(c.get(0)?), from: ym(a, 1), to: ym(b, 12) });
        }
    }
    if let Some(c) = re(&YEAR, r"năm\s+(\d{4})").captures(t) {
        let y = year(&c[1])?;
        return Some(Period {
            raw: raw(c.get(0)?),
            from: ym(y, 1),
            to: ym(y, 12),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, String, String)> {
        find_period(s).map(|p| (p.raw, p.from, p.to))
    }

    #[test]
    fn forms() {
        assert_eq!(
            p("Cải cách hành chính xã An Lão 6 tháng cuối năm 2025"),
            Some((
                "6 tháng cuối năm 2025".into(),
                "2025-07".into(),
                "2025-12".into()
            ))
        );
        assert_eq!(
            p("Kế hoạch 6 tháng đầu năm 2026").map(|x| (x.1, x.2)),
            Some(("2026-01".into(), "2026-06".into()))
        );
        assert_eq!(
            p("cải cách hành chính năm 2025"),
            Some(("năm 2025".into(), "2025-01".into(), "2025-12".into()))
        );
        assert_eq!(
            p("Chương trình tổng thể cải cách hành chính nhà nước phường An Biên giai đoạn 2026-2030"),
            Some(("giai đoạn 2026-2030".into(), "2026-01".into(), "2030-12".into()))
        );
        assert_eq!(
            p("GIAI ĐOẠN 2021 - 2025").map(|x| (x.0, x.1, x.2)),
            Some((
                "GIAI ĐOẠN 2021 - 2025".into(),
                "2021-01".into(),
                "2025-12".into()
            ))
        );
        assert_eq!(
            p("quý III năm 2025").map(|x| (x.1, x.2)),
            Some(("2025-07".into(), "2025-09".into()))
        );
        assert_eq!(
            p("tháng 7 năm 2025").map(|x| (x.1, x.2)),
            Some(("2025-07".into(), "2025-07".into()))
        );
        assert_eq!(p("Ban hành Quy chế quản lý cụm công nghiệp"), None);
        assert_eq!(
            p("thực hiện Nghị quyết số 66-NQ/TW ngày 30 tháng 4 năm 2025 của Bộ Chính trị"),
            None
        );
        assert_eq!(p("giai đoạn 2030-2026"), None);
    }
}
