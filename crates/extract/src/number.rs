//! Document numbers (số, ký hiệu) and the type-code table of Decree 30/2020/NĐ-CP.
//!
//! The forms handled:
//!
//! | printed                | seq  | year | type_code | issuer_code |
//! |------------------------|------|------|-----------|-------------|
//! | `Số: 362/QĐ-UBND`      | 362  |      | QĐ        | UBND        |
//! | `45/2020/NĐ-CP`        | 45   | 2020 | NĐ        | CP          |
//! | `71/2014/TTLT-BTC-BNV` | 71   | 2014 | TTLT      | BTC-BNV     |
//! | `226/2025/QH15`        | 226  | 2025 |           | QH15        |
//! | `4625/BNV-CCHC`        | 4625 |      |           | BNV-CCHC    |
//! | `57-NQ/TW` (Party)     | 57   |      | NQ        | TW          |
//! | `     /QĐ-UBND` (blank)|      |      | QĐ        | UBND        |
//!
//! A number whose first code is not a type code (`4625/BNV-CCHC`, `29/UBND-VHXH`) is an
//! official letter (công văn), which Decree 30 numbers without a type code.
//! Accent-stripped and OCR-damaged type codes are normalised (`QD`, `0P`, `QB` → `QĐ`,
//! `ND` → `NĐ`, `Ð` (U+00D0) → `Đ`); [`DocNumber::raw`] keeps the number as printed.

use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::DocNumber;

/// Type codes (chữ viết tắt tên loại văn bản) and the document type each stands for: the table
/// of Decree 30/2020/NĐ-CP (appendix III), the legal-normative types of the Law on
/// promulgation of legal documents, and the Party codes (Quy định `QĐi`, Kết luận `KL`, `CV`).
pub const TYPE_CODES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("QĐi", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("KL", "Kết luận"),
    ("CV", "Công văn"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("L", "Lệnh"),
    ("PL", "Pháp lệnh"),
];

/// The document type ("Quyết định") for a normalised type code ("QĐ"); `None` if unknown.
///
/// ```
/// use sohoa_extract::number::doc_type_for_code;
/// assert_eq!(doc_type_for_code("NĐ"), Some("Nghị định"));
/// assert_eq!(doc_type_for_code("UBND"), None);
/// ```
pub fn doc_type_for_code(code: &str) -> Option<&'static str> {
    TYPE_CODES.iter().find(|(c, _)| *c == code).map(|&(_, t)| t)
}

/// The type code for a document type name (any case, any tone placement); `None` if it has none
/// (Luật, Công văn have no code in state numbers).
///
/// ```
/// use sohoa_extract::number::code_for_doc_type;
/// assert_eq!(code_for_doc_type("Kế hoạch"), Some("KH"));
/// assert_eq!(code_for_doc_type("THÔNG TƯ LIÊN TỊCH"), Some("TTLT"));
/// ```
pub fn code_for_doc_type(name: &str) -> Option<&'static str> {
    let want = crate::fold::fold(name.trim());
    TYPE_CODES
        .iter()
        .find(|(c, t)| crate::fold::fold(t) == want && *c != "QĐi" && *c != "CV")
        .map(|&(c, _)| c)
}

/// Normalises a printed type code: `Ð` (U+00D0) → `Đ`, accent-stripped and OCR forms
/// (`QD`, `0P`, `QB`, `OD` → `QĐ`; `ND` → `NĐ`; `QyD` → `QyĐ`; `DA` → `ĐA`; `CD` → `CĐ`),
/// case (`Qđ` → `QĐ`). Returns the code from [`TYPE_CODES`], or `None` if `s` is not one.
///
/// ```
/// use sohoa_extract::number::normalize_code;
/// assert_eq!(normalize_code("0P"), Some("QĐ"));
/// assert_eq!(normalize_code("ND"), Some("NĐ"));
/// assert_eq!(normalize_code("BNV"), None);
/// ```
pub fn normalize_code(s: &str) -> Option<&'static str> {
    let s: String = s.chars().map(|c| if c == 'Ð' { 'Đ' } else { c }).collect();
    if let Some(&(c, _)) = TYPE_CODES.iter().find(|(c, _)| *c == s) {
        return Some(c);
    }
    let up = s.to_uppercase();
    let fixed = match up.as_str() {
        "QD" | "0P" | "QB" | "OD" | "0D" | "QP" | "Q Đ" | "QĐ" => "QĐ",
        "ND" | "NÐ" => "NĐ",
        "QYD" | "QYĐ" => "QyĐ",
        "QDI" | "QĐI" => "QĐi",
        "DA" => "ĐA",
        "CD" => "CĐ",
        "CTR" => "CTr",
        "TTR" => "TTr",
        "N0" | "NO" => "NQ",
        other => {
            return TYPE_CODES
                .iter()
                .find(|(c, _)| *c == other)
                .map(|&(c, _)| c)
        }
    };
    Some(fixed)
}

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// A code segment of a number: capitals and digits, with the lower-case letters that codes use
/// (`QyĐ`, `CTr`, `TTr`, `TTg`, `QĐi`).
pub(crate) const SEGMENT: &str = r"[A-ZĐÐ0-9][A-ZĐÐ0-9]*(?:y[ĐÐD]|r|g|i)?[A-ZĐÐ0-9]*";

/// Regex source for a number inside running text (used by the citation finder).
/// Group `party` / `seq` / `year` are the parts; the blank form has no `seq`.
pub(crate) fn number_pattern() -> String {
    let seg = SEGMENT;
    format!(
        r"(?x)
        (?:
          (?P<pseq>\d{{1,5}}) \s?-\s? (?P<pcode>{seg}) \s?/\s? (?P<pissuer>{seg}(?:-\s?{seg})*)
        |
          (?: (?P<seq>\d{{1,5}}(?:\.\d{{1,2}})?) | (?P<blank>[.…_]+) )? \s?/\s?
          (?: (?P<year>(?:19|20)\d{{2}}) \s?/\s? )?
          (?P<codes>{seg}(?:-\s?{seg})*)
        |
          (?P<dseq>\d{{1,5}}\.\d{{1,2}})\.(?P<dyear>(?:19|20)\d{{2}}) \s?/\s? (?P<dcodes>{seg}(?:-\s?{seg})*)
        )"
    )
}

/// Parses a document number. Accepts a leading `Số:` / `số` (also OCR `S6:`, `sé:`), spaces
/// anywhere (a line break inside the number became a space), a blank sequence number
/// (`"         /QĐ-UBND"`, `"…/QĐ-UBND"` → `seq` null), and text after the number when a space,
/// `;` or `,` separates it (`"S6: 464/QD-UBND; 13/08/2025"`). Returns `None` when `s` does not
/// start with a number.
///
/// ```
/// use sohoa_extract::number::parse_number;
/// let n = parse_number("Số: 362/QĐ-UBND").unwrap();
/// assert_eq!((n.raw.as_str(), n.seq, n.type_code.as_deref(), n.issuer_code.as_deref()),
///            ("362/QĐ-UBND", Some(362), Some("QĐ"), Some("UBND")));
/// let n = parse_number("57-NQ/TW").unwrap();
/// assert_eq!((n.type_code.as_deref(), n.issuer_code.as_deref()), (Some("NQ"), Some("TW")));
/// assert_eq!(parse_number("         /QĐ-UBND").unwrap().seq, None);
/// assert!(parse_number("16/6/2025").is_none());
/// ```
pub fn parse_number(s: &str) -> Option<DocNumber> {
    static FULL: OnceLock<Option<Regex>> = OnceLock::new();
    static PREFIX: OnceLock<Option<Regex>> = OnceLock::new();
    let prefix = re(&PREFIX, r"^\s*(?i:số|so|sô|s6|sé|s0|sö)\s*[:.]?\s*")?;
    let s = s.trim();
    let s = match prefix.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    };
    let compact: String = s.split_whitespace().collect();
    let compact = compact.trim_end_matches([';', ',', '.', ':', ')']);
    let full = re(&FULL, &format!("^(?:{})$", number_pattern()))?;
    if let Some(caps) = full.captures(compact) {
        return number_from_captures(&caps, compact);
    }
    // the number followed by something else ("464/QD-UBND; 13/08/2025; 7:54:41 +07:00")
    static LEAD: OnceLock<Option<Regex>> = OnceLock::new();
    let lead = re(&LEAD, &format!(r"^(?:{})(?:$|[\s;,.)])", number_pattern()))?;
    let caps = lead.captures(s)?;
    let raw = caps.get(0)?.as_str().trim_end_matches([';', ',', '.', ')']);
    number_from_captures(&caps, raw.trim())
}

/// Builds a [`DocNumber`] from a match of [`number_pattern`]; `raw` is the matched text.
pub(crate) fn number_from_captures(caps: &regex::Captures<'_>, raw: &str) -> Option<DocNumber> {
    let raw: String = raw.split_whitespace().collect();
    let eth = |s: &str| -> String { s.chars().map(|c| if c == 'Ð' { 'Đ' } else { c }).collect() };
    let lead = |m: Option<regex::Match<'_>>| -> Option<u32> {
        m.and_then(|m| m.as_str().split('.').next()?.parse().ok())
    };
    if let Some(code) = caps.name("pcode") {
        let issuer: String = caps.name("pissuer")?.as_str().split_whitespace().collect();
        return Some(DocNumber {
            raw,
            seq: lead(caps.name("pseq")),
            type_code: Some(normalize_code(code.as_str())?.to_string()),
            issuer_code: Some(eth(&issuer)),
            year: None,
        });
    }
    let (seq, year, codes) = if let Some(codes) = caps.name("dcodes") {
        (lead(caps.name("dseq")), caps.name("dyear"), codes)
    } else {
        (
            lead(caps.name("seq")),
            caps.name("year"),
            caps.name("codes")?,
        )
    };
    let codes: String = codes.as_str().split_whitespace().collect();
    let year = year.and_then(|y| y.as_str().parse().ok());
    // a number needs a letter somewhere in its codes ("16/6/2025" is a date)
    if !codes.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let (first, rest) = match codes.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (codes.as_str(), None),
    };
    let (type_code, issuer_code) = match normalize_code(first) {
        Some(code) => (Some(code.to_string()), rest.map(eth)),
        _ => (None, Some(eth(&codes))),
    };
    Some(DocNumber {
        raw,
        seq,
        type_code,
        issuer_code,
        year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(
        s: &str,
    ) -> (
        String,
        Option<u32>,
        Option<u16>,
        Option<String>,
        Option<String>,
    ) {
        let n = parse_number(s).unwrap_or_else(|| panic!("no number in {s:?}"));
        (n.raw, n.seq, n.year, n.type_code, n.issuer_code)
    }

    fn t(
        raw: &str,
        seq: Option<u32>,
        year: Option<u16>,
        code: Option<&str>,
        issuer: Option<&str>,
    ) -> (
        String,
        Option<u32>,
        Option<u16>,
        Option<String>,
        Option<String>,
    ) {
        (
            raw.to_string(),
            seq,
            year,
            code.map(str::to_string),
            issuer.map(str::to_string),
        )
    }

    #[test]
    fn number_forms() {
        let cases = [
            (
                "Số: 362/QĐ-UBND",
                t("362/QĐ-UBND", Some(362), None, Some("QĐ"), Some("UBND")),
            ),
            (
                "45/2020/NĐ-CP",
                t(
                    "45/2020/NĐ-CP",
                    Some(45),
                    Some(2020),
                    Some("NĐ"),
                    Some("CP"),
                ),
            ),
            (
                "71/2014/TTLT-BTC-BNV",
                t(
                    "71/2014/TTLT-BTC-BNV",
                    Some(71),
                    Some(2014),
                    Some("TTLT"),
                    Some("BTC-BNV"),
                ),
            ),
            (
                "226/2025/QH15",
                t("226/2025/QH15", Some(226), Some(2025), None, Some("QH15")),
            ),
            (
                "4625/BNV-CCHC",
                t("4625/BNV-CCHC", Some(4625), None, None, Some("BNV-CCHC")),
            ),
            (
                "29/UBND-VHXH",
                t("29/UBND-VHXH", Some(29), None, None, Some("UBND-VHXH")),
            ),
            (
                "29/UBND- VHXH",
                t("29/UBND-VHXH", Some(29), None, None, Some("UBND-VHXH")),
            ),
            (
                "57-NQ/TW",
                t("57-NQ/TW", Some(57), None, Some("NQ"), Some("TW")),
            ),
            (
                "12-CTr/BCĐ",
                t("12-CTr/BCĐ", Some(12), None, Some("CTr"), Some("BCĐ")),
            ),
            (
                "08-ĐA/TU",
                t("08-ĐA/TU", Some(8), None, Some("ĐA"), Some("TU")),
            ),
            (
                "182-KL/TW",
                t("182-KL/TW", Some(182), None, Some("KL"), Some("TW")),
            ),
            (
                "         /QĐ-UBND",
                t("/QĐ-UBND", None, None, Some("QĐ"), Some("UBND")),
            ),
            (
                "…/QĐ-UBND",
                t("…/QĐ-UBND", None, None, Some("QĐ"), Some("UBND")),
            ),
            (
                "Số:     /KH-SCT",
                t("/KH-SCT", None, None, Some("KH"), Some("SCT")),
            ),
            (
                "7432 /UBND-XD",
                t("7432/UBND-XD", Some(7432), None, None, Some("UBND-XD")),
            ),
            (
                "16 /2026/QĐ-UBND",
                t(
                    "16/2026/QĐ-UBND",
                    Some(16),
                    Some(2026),
                    Some("QĐ"),
                    Some("UBND"),
                ),
            ),
            (
                "1316/TTg-KTN",
                t("1316/TTg-KTN", Some(1316), None, None, Some("TTg-KTN")),
            ),
            (
                "422/QĐ-TTg",
                t("422/QĐ-TTg", Some(422), None, Some("QĐ"), Some("TTg")),
            ),
            (
                "3499/TTr-SCT",
                t("3499/TTr-SCT", Some(3499), None, Some("TTr"), Some("SCT")),
            ),
            (
                "09/2026/NĐ- CP",
                t("09/2026/NĐ-CP", Some(9), Some(2026), Some("NĐ"), Some("CP")),
            ),
            (
                "66.4/2025/NQ-CP",
                t(
                    "66.4/2025/NQ-CP",
                    Some(66),
                    Some(2025),
                    Some("NQ"),
                    Some("CP"),
                ),
            ),
            (
                "10699/BNNMT-ĐCKS",
                t(
                    "10699/BNNMT-ĐCKS",
                    Some(10699),
                    None,
                    None,
                    Some("BNNMT-ĐCKS"),
                ),
            ),
            (
                "56/2022/TT-BTC",
                t(
                    "56/2022/TT-BTC",
                    Some(56),
                    Some(2022),
                    Some("TT"),
                    Some("BTC"),
                ),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(parts(input), want, "{input}");
        }
    }

    #[test]
    fn ocr_damaged_codes_are_normalised() {
        let cases = [
            ("464/0P-UBND", "QĐ"),
            ("464/QD-UBND", "QĐ"),
            ("3401/QB-UBND", "QĐ"),
            ("118/2025/ND-CP", "NĐ"),
            ("S6: 464/QD-UBND", "QĐ"),
            ("sé: 464/0P-UBND", "QĐ"),
            ("362/QÐ-UBND", "QĐ"),
        ];
        assert_eq!(
            parse_number("12-CTr/BCÐ").unwrap().issuer_code.as_deref(),
            Some("BCĐ")
        );
        for (input, code) in cases {
            let n = parse_number(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(n.type_code.as_deref(), Some(code), "{input}");
        }
        // raw keeps what was printed
        assert_eq!(parse_number("464/0P-UBND").unwrap().raw, "464/0P-UBND");
    }

    #[test]
    fn trailing_text_is_ignored() {
        let n = parse_number("S6: 464/QD-UBND; 13/08/2025; 7:54:41 +07:00").unwrap();
        assert_eq!(
            (n.raw.as_str(), n.type_code.as_deref()),
            ("464/QD-UBND", Some("QĐ"))
        );
        let n = parse_number("Số: 362/QĐ-UBND Xã Tuệ Tĩnh, ngày 28 tháng 7 năm 2025").unwrap();
        assert_eq!(n.raw, "362/QĐ-UBND");
        assert!(parse_number("16/6/2025 và").is_none());
        assert!(parse_number("Xã Tuệ Tĩnh 362/QĐ-UBND").is_none());
    }

    #[test]
    fn not_numbers() {
        for s in [
            "16/6/2025",
            "28-7-2025",
            "2021-2030",
            "ISO 9001:2015",
            "v/v",
            "",
            "Số:",
            "1/3",
        ] {
            assert!(parse_number(s).is_none(), "{s}");
        }
    }

    #[test]
    fn code_table_round_trips() {
        for (code, name) in TYPE_CODES {
            assert_eq!(doc_type_for_code(code), Some(*name));
        }
        assert_eq!(code_for_doc_type("Quyết định"), Some("QĐ"));
        assert_eq!(code_for_doc_type("quy định"), Some("QyĐ"));
        assert_eq!(code_for_doc_type("Luật"), None);
        assert_eq!(normalize_code("QyD"), Some("QyĐ"));
        assert_eq!(normalize_code("Qđ"), Some("QĐ"));
    }
}
