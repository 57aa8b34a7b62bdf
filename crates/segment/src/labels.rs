//! Section labels: "I.", "2.1.", "a)", "đ)", "Điều 1.", including OCR-damaged forms.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::re;
use sohoa_model::SectionStyle;

/// A label found at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Numbering style.
    pub style: SectionStyle,
    /// Normalised label: "III", "2.1", "đ", "3".
    pub label: String,
    /// The numeric parts: Roman value, number components, letter ordinal, article number.
    pub parts: Vec<u32>,
    /// The label as printed was damaged and had to be read ("I11." → "III").
    pub repaired: bool,
    /// Byte offset where the text after the label starts.
    pub rest: usize,
}

/// The Vietnamese alphabet order used for lettered items (đ after d; f, j, w, z occur in some
/// documents and are accepted in Latin order).
pub const LETTERS: [char; 27] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
    's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
];

/// Ordinal of a lettered item in the order a document would use it: f and j and w and z are
/// "foreign" letters that documents use in place of (or besides) their neighbours, so they sit
/// between them; the ordinal is only used to check that items follow each other.
pub fn letter_ordinal(c: char) -> Option<u32> {
    LETTERS.iter().position(|&l| l == c).map(|p| p as u32 + 1)
}

/// The value of a Roman numeral (I, V, X, L, C), or None if malformed.
pub fn roman_value(s: &str) -> Option<u32> {
    let val = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(val).collect();
    let digits = digits?;
    if digits.is_empty() {
        return None;
    }
    let mut total = 0;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&n| n > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    let v = u32::try_from(total).ok().filter(|&v| v > 0)?;
    // reject non-canonical spellings such as IIII or VV
    (to_roman(v) == s).then_some(v)
}

/// Canonical Roman numeral of `v` (1..=399).
pub fn to_roman(mut v: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in TABLE {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

/// Reads the label at the start of `text` (already trimmed), if any.
///
/// OCR damage read here: digit 1 and letters l/|/! for I inside a Roman numeral that also
/// holds a real I, V or X ("I11." → III, "Il." → II, "1V." → IV); a Roman label must be
/// followed by a space and a heading.
pub fn parse_label(text: &str) -> Option<Label> {
    static ARTICLE: OnceLock<Regex> = OnceLock::new();
    static ROMAN: OnceLock<Regex> = OnceLock::new();
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static LETTER: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&ARTICLE, r"^(?:Điều|ĐIỀU|Dieu|DIEU)\s+(\d{1,3})\s*[.:]\s*").captures(text)
    {
        let n: u32 = c[1].parse().ok()?;
        return Some(Label {
            style: SectionStyle::Article,
            label: n.to_string(),
            parts: vec![n],
            repaired: false,
            rest: c.get(0)?.end(),
        });
    }
    if let Some(c) = re(&ROMAN, r"^([IVXLC1l|!]{1,7})\s*[.)]\s+\S").captures(text) {
        let printed = &c[1];
        let has_real = printed
            .chars()
            .any(|ch| matches!(ch, 'I' | 'V' | 'X' | 'L' | 'C'));
        let has_fake = printed
            .chars()
            .any(|ch| matches!(ch, '1' | 'l' | '|' | '!'));
        // "1." alone is a number, "l." alone is nothing we know.
        if has_real && (!has_fake || printed.chars().any(|ch| matches!(ch, 'I' | 'V' | 'X'))) {
            let read: String = printed
                .chars()
                .map(|ch| {
                    if matches!(ch, '1' | 'l' | '|' | '!') {
                        'I'
                    } else {
                        ch
                    }
                })
                .collect();
            if let Some(v) = roman_value(&read) {
                let end = c.get(1)?.end();
                let rest = text[end..]
                    .char_indices()
                    .find(|(_, ch)| !matches!(ch, '.' | ')' | ' '))
                    .map(|(i, _)| end + i)
                    .unwrap_or(text.len());
                return Some(Label {
                    style: SectionStyle::Roman,
                    label: read,
                    parts: vec![v],
                    repaired: has_fake,
                    rest,
                });
            }
        }
    }
    if let Some(c) = re(&NUMBER, r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\)|\.?\s)\s*").captures(text) {
        let label = c[1].to_string();
        let parts: Option<Vec<u32>> = label.split('.').map(|p| p.parse().ok()).collect();
        let parts = parts?;
        let whole = c.get(0)?;
        // "2025" or "12 Thực hiện" (a bare number followed by text with no dot is only a label
        // when it has components: "2.1 Cải cách")
        let printed = whole.as_str();
        let dotted = printed.trim_end().ends_with(['.', ')']) || parts.len() > 1;
        if !dotted {
            return None;
        }
        return Some(Label {
            style: SectionStyle::Number,
            label,
            parts,
            repaired: false,
            rest: whole.end(),
        });
    }
    if let Some(c) = re(&LETTER, r"^([a-zđ])\)\s*").captures(text) {
        let ch = c[1].chars().next()?;
        return Some(Label {
            style: SectionStyle::Letter,
            label: ch.to_string(),
            parts: vec![letter_ordinal(ch)?],
            repaired: false,
            rest: c.get(0)?.end(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Option<(SectionStyle, String, bool, String)> {
        parse_label(s).map(|x| (x.style, x.label, x.repaired, s[x.rest..].to_string()))
    }

    #[test]
    fn roman() {
        assert_eq!(
            l("II. CHỈ TIÊU"),
            Some((SectionStyle::Roman, "II".into(), false, "CHỈ TIÊU".into()))
        );
        assert_eq!(l("IV. TỔ CHỨC").map(|x| x.1), Some("IV".into()));
        assert_eq!(l("XII. KẾT LUẬN").map(|x| x.1), Some("XII".into()));
        assert_eq!(l("II.  MỘT SỐ").map(|x| x.3), Some("MỘT SỐ".into()));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(to_roman(39), "XXXIX");
    }

    #[test]
    fn roman_ocr_damaged() {
        assert_eq!(
            l("I11. KINH PHI"),
            Some((SectionStyle::Roman, "III".into(), true, "KINH PHI".into()))
        );
        assert_eq!(l("Il. MUC TIEU").map(|x| x.1), Some("II".into()));
        assert_eq!(l("1V. TO CHUC").map(|x| x.1), Some("IV".into()));
        // a plain "1." stays a number
        assert_eq!(l("1. CHI TIEU").map(|x| x.0), Some(SectionStyle::Number));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            l("1. Mục đích:"),
            Some((SectionStyle::Number, "1".into(), false, "Mục đích:".into()))
        );
        assert_eq!(l("2.1. Công tác chỉ đạo").map(|x| x.1), Some("2.1".into()));
        assert_eq!(l("2.1.3. Nội dung").map(|x| x.1), Some("2.1.3".into()));
        assert_eq!(l("2.1 Cải cách").map(|x| x.1), Some("2.1".into()));
        assert_eq!(l("3) Ba").map(|x| x.1), Some("3".into()));
        assert_eq!(l("12 Thực hiện rà soát"), None);
        assert_eq!(l("2025. Trong đó"), None);
        assert_eq!(l("100% hồ sơ"), None);
    }

    #[test]
    fn letters() {
        assert_eq!(
            l("a) Trong năm 2025"),
            Some((
                SectionStyle::Letter,
                "a".into(),
                false,
                "Trong năm 2025".into()
            ))
        );
        assert_eq!(l("đ) Trung tâm").map(|x| x.1), Some("đ".into()));
        assert_eq!(l("f) Mức độ").map(|x| x.1), Some("f".into()));
        assert!(letter_ordinal('đ') > letter_ordinal('d'));
        assert!(letter_ordinal('e') > letter_ordinal('đ'));
        assert_eq!(l("ab) x"), None);
    }

    #[test]
    fn articles() {
        assert_eq!(
            l("Điều 1. Ban hành kèm theo"),
            Some((
                SectionStyle::Article,
                "1".into(),
                false,
                "Ban hành kèm theo".into()
            ))
        );
        assert_eq!(l("Điều 12: Hiệu lực").map(|x| x.1), Some("12".into()));
        assert_eq!(l("Điều kiện"), None);
    }
}
