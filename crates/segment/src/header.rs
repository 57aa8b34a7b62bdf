//! The header block of a document: issuer, motto, number, place and date, kind, title.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::re;
use sohoa_model::{Issuer, Kind};

use crate::text::{sentence_case, title_case};

/// Kind headings, upper case, with their kind.
const KINDS: &[(&str, Kind)] = &[
    ("KẾ HOẠCH", Kind::KeHoach),
    ("QUYẾT ĐỊNH", Kind::QuyetDinh),
    ("BÁO CÁO", Kind::BaoCao),
    ("NGHỊ QUYẾT", Kind::NghiQuyet),
    ("CÔNG VĂN", Kind::CongVan),
    ("TỜ TRÌNH", Kind::Other),
    ("THÔNG BÁO", Kind::Other),
    ("CHƯƠNG TRÌNH", Kind::Other),
    ("HƯỚNG DẪN", Kind::Other),
    ("CHỈ THỊ", Kind::Other),
    ("QUY CHẾ", Kind::Other),
    ("QUY ĐỊNH", Kind::Other),
    ("ĐỀ ÁN", Kind::Other),
    ("PHƯƠNG ÁN", Kind::Other),
    ("KẾT LUẬN", Kind::Other),
    ("THÔNG TƯ", Kind::Other),
    ("NGHỊ ĐỊNH", Kind::Other),
    ("LUẬT", Kind::Other),
    ("BIÊN BẢN", Kind::Other),
];

/// Upper-case key, insensitive to the old tone placement of open syllables ("HOÀ" = "HÒA",
/// "UỶ" = "ỦY", "HOÁ" = "HÓA"); "HOẠCH" (closed syllable) is left alone.
pub fn key(s: &str) -> String {
    const SWAPS: [(&str, &str); 10] = [
        ("OÀ", "ÒA"),
        ("OÁ", "ÓA"),
        ("OẢ", "ỎA"),
        ("OÃ", "ÕA"),
        ("OẠ", "ỌA"),
        ("UỶ", "ỦY"),
        ("UÝ", "ÚY"),
        ("UỲ", "ÙY"),
        ("UỸ", "ŨY"),
        ("UỴ", "ỤY"),
    ];
    let upper = s.to_uppercase();
    let mut out = String::with_capacity(upper.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        // "QUÝ"/"QUỲ": after Q the U is part of the onset, the tone stays on Y
        if !word.starts_with("QU") {
            for (old, new) in SWAPS {
                if word.ends_with(old) {
                    let cut = word.len() - old.len();
                    word.truncate(cut);
                    word.push_str(new);
                    break;
                }
            }
        }
        out.push_str(word);
        word.clear();
    };
    for c in upper.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Is the block a kind heading ("KẾ HOẠCH", not "QUYẾT ĐỊNH:")?
pub fn kind_heading(text: &str) -> Option<(Kind, String)> {
    // upper-casing never makes a text shorter in characters: a longer text is no kind word
    let longest = KINDS
        .iter()
        .map(|(w, _)| w.chars().count())
        .max()
        .unwrap_or(0);
    if text.trim().chars().nth(longest).is_some() {
        return None;
    }
    let k = key(text.trim());
    KINDS
        .iter()
        .find(|(w, _)| k == *w)
        .map(|(w, kind)| (*kind, sentence_case(w)))
}

/// The national motto, either line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -
/// Hạnh phúc"), or a line of underscores under it.
pub fn is_motto(text: &str) -> bool {
    // each motto phrase holds "TỰ DO" or "NGHĨA", whose letters come only from the same
    // letters in either case (the vowel swaps of `key` never make them): without them the
    // key is not built
    let follows = |c: &[char], pat: &[&[char]]| {
        let mut it = text.match_indices(c);
        it.any(|(i, m)| {
            let mut rest = text[i + m.len()..].chars();
            pat.iter()
                .all(|p| rest.next().is_some_and(|x| p.contains(&x)))
        })
    };
    // (a memchr search for each letter first: most texts hold none of them)
    let has = |cs: [char; 2]| cs.iter().any(|&c| text.contains(c));
    let may_be = (has(['ự', 'Ự']) && follows(&['ự', 'Ự'], &[&[' '], &['d', 'D'], &['o', 'O']]))
        || (has(['ĩ', 'Ĩ']) && follows(&['ĩ', 'Ĩ'], &[&['a', 'A']]));
    if !may_be {
        return text
            .chars()
            .all(|c| matches!(c, '_' | '-' | '–' | '—' | '=' | ' ' | '*'))
            && text.chars().count() >= 3;
    }
    let k = key(text);
    k.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
        || k.contains("ĐỘC LẬP - TỰ DO")
        || k.contains("ĐỘC LẬP – TỰ DO")
        || k.contains("TỰ DO - HẠNH PHÚC")
        || (text
            .chars()
            .all(|c| matches!(c, '_' | '-' | '–' | '—' | '=' | ' ' | '*'))
            && text.chars().count() >= 3)
}

/// Splits a header line where PDF or table extraction put two columns on one line: at " | ",
/// before the motto, before "Độc lập", before "Số:" and before a "Place, ngày …" date.
pub fn split_columns(text: &str) -> Vec<String> {
    static CUT: OnceLock<Regex> = OnceLock::new();
    let cut = re(
        &CUT,
        r"\sCỘNG H(?:ÒA|OÀ|OA) XÃ HỘI|\sĐộc lập\s*[-–]|\sSố\s*:|,\s*ngày\b",
    );
    let mut out = Vec::new();
    for column in text.split('|') {
        let mut start = 0;
        // every cut holds one of these words: a column without them is not searched
        let may_cut = ["CỘNG H", "Độc lập", "Số", "ngày"]
            .iter()
            .any(|w| column.contains(w));
        for m in may_cut.then(|| cut.find_iter(column)).into_iter().flatten() {
            let at = if m.as_str().starts_with(',') {
                // "… Xã Tuệ Tĩnh, ngày": the place is the capitalised words before the comma
                match place_start(&column[start..m.start()]) {
                    Some(p) => start + p,
                    None => continue,
                }
            } else {
                // the match starts with the one whitespace character before the cut
                m.start() + 1
            };
            out.push(column[start..at].trim().to_string());
            start = at;
        }
        out.push(column[start..].trim().to_string());
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Where the place name at the end of `s` starts: the trailing run of capitalised words (at
/// most five; "TP." and "thị trấn" allowed), or None when it is the whole of `s`.
fn place_start(s: &str) -> Option<usize> {
    let mut start = s.trim_end().len();
    let mut words = 0;
    for (i, w) in s.trim_end().rsplit(' ').scan(s.trim_end().len(), |end, w| {
        let i = *end - w.len();
        *end = i.saturating_sub(1);
        Some((i, w))
    }) {
        let capital = w.chars().next().is_some_and(char::is_uppercase) && !w.contains(':');
        let lower_part = matches!(w, "trấn" | "xã" | "phố");
        if w.is_empty() || !(capital || lower_part) || words >= 5 {
            break;
        }
        start = i;
        words += 1;
    }
    (words > 0 && start > 0).then_some(start)
}

/// "Số: 362/QĐ-UBND" → "362/QĐ-UBND" (the number text, spaces inside kept for the parser).
pub fn number_text(cell: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:Số|SỐ|So|S6|Sé)\s*:\s*(.*)$")
        .captures(cell)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim())
}

/// "Xã Tuệ Tĩnh, ngày 28 tháng 7 năm 2025" → ("Xã Tuệ Tĩnh", "ngày 28 tháng 7 năm 2025").
pub fn place_date(cell: &str) -> Option<(String, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(&R, r"^(\S.{0,60}?)\s*,\s*(ngày\b.*)$").captures(cell)?;
    Some((c[1].trim().to_string(), c[2].trim().to_string()))
}

const UNIT_TYPES: [&str; 9] = [
    "THỊ TRẤN",
    "THỊ XÃ",
    "THÀNH PHỐ",
    "ĐẶC KHU",
    "PHƯỜNG",
    "HUYỆN",
    "QUẬN",
    "TỈNH",
    "XÃ",
];

/// Normalised names of issuing bodies.
fn body_name(k: &str) -> String {
    match k.trim() {
        "ỦY BAN NHÂN DÂN" | "UBND" => "Ủy ban nhân dân".into(),
        "HỘI ĐỒNG NHÂN DÂN" | "HĐND" => "Hội đồng nhân dân".into(),
        other => sentence_case_name(other),
    }
}

/// "SỞ CÔNG THƯƠNG" → "Sở Công thương", "BỘ XÂY DỰNG" → "Bộ Xây dựng": the generic word and the
/// first word of the name capitalised.
fn sentence_case_name(s: &str) -> String {
    const GENERIC: [&str; 8] = [
        "SỞ",
        "BỘ",
        "PHÒNG",
        "BAN",
        "VĂN PHÒNG",
        "TRUNG TÂM",
        "CỤC",
        "VỤ",
    ];
    let s = s.trim();
    for g in GENERIC {
        if let Some(rest) = s.strip_prefix(g).filter(|r| r.starts_with(' ')) {
            let rest = sentence_case(rest.trim());
            return format!("{} {}", title_case(g), rest);
        }
    }
    sentence_case(s)
}

fn split_unit(k: &str) -> Option<(String, String, String)> {
    // (before, unit type, unit name)
    let mut best: Option<(usize, &str)> = None;
    for t in UNIT_TYPES {
        let mut from = 0;
        while let Some(i) = k[from..].find(t) {
            let at = from + i;
            let boundary_before = at == 0 || k[..at].ends_with(' ');
            let after = &k[at + t.len()..];
            if boundary_before && after.starts_with(' ') && after.trim().len() > 1 {
                // prefer the earliest match; on a tie the longer type ("THỊ XÃ" over "XÃ")
                if best.is_none_or(|(b, bt)| at < b || (at == b && t.len() > bt.len())) {
                    best = Some((at, t));
                }
                break;
            }
            from = at + t.len();
        }
    }
    let (at, t) = best?;
    Some((
        k[..at].trim().to_string(),
        t.to_lowercase(),
        title_case(k[at + t.len()..].trim()),
    ))
}

/// Where a body name ("SỞ …", "PHÒNG …") starts after a unit name on the same line.
fn body_after_unit(k: &str) -> Option<usize> {
    const BODIES: [&str; 8] = [
        " SỞ ",
        " PHÒNG ",
        " BAN ",
        " VĂN PHÒNG ",
        " TRUNG TÂM ",
        " CHI CỤC ",
        " CỤC ",
        " BỘ ",
    ];
    let (_, _, name) = split_unit(k)?;
    // the unit name starts after the unit type; look for a body word after its first word
    let unit_at = k
        .to_lowercase()
        .rfind(&name.to_lowercase())
        .unwrap_or(k.len());
    BODIES
        .iter()
        .filter_map(|b| k.get(unit_at..)?.find(b).map(|i| unit_at + i + 1))
        .min()
}

/// Reads the issuer from the header lines above the motto.
pub fn parse_issuer(lines: &[String]) -> Issuer {
    let mut keys: Vec<String> = Vec::new();
    for l in lines {
        let k = key(l).split_whitespace().collect::<Vec<_>>().join(" ");
        // "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG": a parent and its body on one line
        match body_after_unit(&k) {
            Some(i) => {
                keys.push(k[..i].trim().to_string());
                keys.push(k[i..].trim().to_string());
            }
            None if !k.is_empty() => keys.push(k),
            None => {}
        }
    }
    let mut issuer = Issuer::default();
    let Some(last) = keys.last() else {
        return issuer;
    };
    let earlier = &keys[..keys.len() - 1];
    match split_unit(last) {
        Some((before, t, name)) if before.is_empty() => {
            // "ỦY BAN NHÂN DÂN" / "XÃ AN LÃO"
            issuer.unit_type = Some(t);
            issuer.unit_name = Some(name);
            if let Some((b, rest)) = earlier.split_last() {
                issuer.body = Some(body_name(b));
                if !rest.is_empty() {
                    issuer.parent = Some(rest.join(" "));
                }
            }
        }
        Some((before, t, name)) => {
            // "UỶ BAN NHÂN DÂN TỈNH LÀO CAI"
            issuer.body = Some(body_name(&before));
            issuer.unit_type = Some(t);
            issuer.unit_name = Some(name);
            if !earlier.is_empty() {
                issuer.parent = Some(earlier.join(" "));
            }
        }
        None => {
            // "SỞ CÔNG THƯƠNG" under "UBND TỈNH LÀO CAI", or "BỘ XÂY DỰNG", "CHÍNH PHỦ"
            issuer.body = Some(body_name(last));
            if !earlier.is_empty() {
                let parent = earlier.join(" ");
                if let Some((pb, t, name)) = split_unit(&parent) {
                    issuer.unit_type = Some(t.clone());
                    issuer.unit_name = Some(name.clone());
                    issuer.parent = Some(format!("{} {} {}", body_name(&pb), t, name));
                } else {
                    issuer.parent = Some(body_name(&parent));
                }
            }
        }
    }
    issuer
}

/// Lines that head a signature ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", …).
pub fn is_signer_title(text: &str) -> bool {
    // Every title is at most 15 characters long, and the key has at least as many characters
    // as the text: the key of the text's first 20 characters or so (up to a space after a
    // word) is as good as the whole text's, which is no title when more follows.
    let (k, _) = key_head(text.trim(), 20);
    signer_title_key(&k)
}

/// Does `k`, a [`key`], open with a signature's title, or is it one?
fn signer_title_key(k: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:TM\.|KT\.|Q\.|TL\.|TUQ\.|PHÓ CHỦ TỊCH|CHỦ TỊCH$|CHỦ TỊCH\s*$|GIÁM ĐỐC$|PHÓ GIÁM ĐỐC$|BỘ TRƯỞNG$|THỨ TRƯỞNG$|THỦ TƯỚNG$|PHÓ THỦ TƯỚNG$|TRƯỞNG PHÒNG$|CHÁNH VĂN PHÒNG$|BÍ THƯ$)",
    )
    .is_match(k)
}

/// The [`key`] of the start of `s`: of `s` up to its first space after a character other
/// than white space at or after the `n`th character, when a character other than white space
/// follows that space (`false`: then the key is a prefix of `key(s)` at least `n` characters
/// long, ending on no white space, and more than white space follows it in `key(s)`); else of
/// all of `s` (`true`).
///
/// (The key reads words of letters: a space ends one, and `key(s)` is the key of the text
/// before the space, the space and the key of the text after it.)
fn key_head(s: &str, n: usize) -> (String, bool) {
    let mut prev_blank = true;
    for (k, (i, c)) in s.char_indices().enumerate() {
        if k >= n && c == ' ' && !prev_blank {
            if s[i..].chars().any(|c| !c.is_whitespace()) {
                return (key(&s[..i]), false);
            }
            break;
        }
        prev_blank = c.is_whitespace();
    }
    (key(s), true)
}

/// A person's name: 2–6 words, each capitalised, letters only ("Nguyễn Thị Hạnh").
pub fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && !crate::text::is_caps(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn issuers() {
        let i = parse_issuer(&s(&["UỶ BAN NHÂN DÂN", "XÃ AN LÃO"]));
        assert_eq!(i.body.as_deref(), Some("Ủy ban nhân dân"));
        assert_eq!(i.unit_type.as_deref(), Some("xã"));
        assert_eq!(i.unit_name.as_deref(), Some("An Lão"));
        let i = parse_issuer(&s(&["ỦY BAN NHÂN DÂN", "PHƯỜNG AN BIÊN"]));
        assert_eq!(
            (i.unit_type.as_deref(), i.unit_name.as_deref()),
            (Some("phường"), Some("An Biên"))
        );
        let i = parse_issuer(&s(&["UỶ BAN NHÂN DÂN TỈNH LÀO CAI"]));
        assert_eq!(i.body.as_deref(), Some("Ủy ban nhân dân"));
        assert_eq!(i.unit_name.as_deref(), Some("Lào Cai"));
        let i = parse_issuer(&s(&["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG"]));
        assert_eq!(i.body.as_deref(), Some("Sở Công thương"));
        assert_eq!(i.parent.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        assert_eq!(i.unit_name.as_deref(), Some("Lào Cai"));
        let i = parse_issuer(&s(&["UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG"]));
        assert_eq!(i.body.as_deref(), Some("Sở Công thương"));
        assert_eq!(i.parent.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        let i = parse_issuer(&s(&["BỘ XÂY DỰNG"]));
        assert_eq!(i.body.as_deref(), Some("Bộ Xây dựng"));
        assert_eq!(i.unit_type, None);
        let i = parse_issuer(&s(&["ỦY BAN NHÂN DÂN", "THỊ XÃ SA PA"]));
        assert_eq!(
            (i.unit_type.as_deref(), i.unit_name.as_deref()),
            (Some("thị xã"), Some("Sa Pa"))
        );
        let i = parse_issuer(&s(&["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHỐ LU"]));
        assert_eq!(i.unit_type.as_deref(), Some("thị trấn"));
        let i = parse_issuer(&s(&["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]));
        assert_eq!(i.unit_type.as_deref(), Some("đặc khu"));
    }

    #[test]
    fn kinds_and_motto() {
        assert_eq!(kind_heading("KẾ HOẠCH ").map(|k| k.0), Some(Kind::KeHoach));
        assert_eq!(
            kind_heading("QUYẾT ĐỊNH").map(|k| k.1),
            Some("Quyết định".into())
        );
        assert_eq!(kind_heading("QUYẾT ĐỊNH:"), None);
        assert_eq!(kind_heading("TỜ TRÌNH").map(|k| k.0), Some(Kind::Other));
        assert!(is_motto("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(is_motto("Độc lập - Tự do - Hạnh phúc"));
        assert!(is_motto("_____________"));
        assert!(!is_motto("KẾ HOẠCH"));
        assert_eq!(key("Cộng hoà xã hội"), "CỘNG HÒA XÃ HỘI");
        assert_eq!(key("Uỷ ban, hoá"), "ỦY BAN, HÓA");
        assert_eq!(key("kế hoạch quý"), "KẾ HOẠCH QUÝ");
    }

    #[test]
    fn columns() {
        assert_eq!(
            split_columns("Số:  362/QĐ-UBND Xã Tuệ Tĩnh, ngày 28 tháng  7  năm 2025"),
            [
                "Số:  362/QĐ-UBND",
                "Xã Tuệ Tĩnh, ngày 28 tháng  7  năm 2025"
            ]
        );
        assert_eq!(
            split_columns("UỶ BAN NHÂN DÂN TỈNH LÀO CAI |  | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"),
            ["UỶ BAN NHÂN DÂN TỈNH LÀO CAI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        );
        assert_eq!(
            split_columns("Số:          /BC-UBND |  | Lào Cai, ngày       tháng       năm 2026"),
            [
                "Số:          /BC-UBND",
                "Lào Cai, ngày       tháng       năm 2026"
            ]
        );
        assert_eq!(number_text("Số: 7432 /UBND-XD"), Some("7432 /UBND-XD"));
        assert_eq!(
            split_columns("Hà Nội, ngày 29 tháng 6 năm 2026"),
            ["Hà Nội, ngày 29 tháng 6 năm 2026"]
        );
        assert_eq!(
            split_columns("Số: 16 /2026/QĐ-UBND Lào Cai, ngày 25 tháng 02 năm 2026"),
            ["Số: 16 /2026/QĐ-UBND", "Lào Cai, ngày 25 tháng 02 năm 2026"]
        );
        assert_eq!(
            place_date("Hà Nội, ngày 06 tháng 4 năm 2026"),
            Some(("Hà Nội".into(), "ngày 06 tháng 4 năm 2026".into()))
        );
    }

    /// The reference: the whole text's key.
    fn is_signer_title_ref(text: &str) -> bool {
        signer_title_key(&key(text.trim()))
    }

    const TITLE_VOCAB: &[&str] = &[
        "CHỦ",
        "TỊCH",
        "Chủ",
        "tịch",
        "TM.",
        "KT.",
        "Q.",
        "TUQ.",
        "PHÓ",
        "GIÁM",
        "ĐỐC",
        "BỘ",
        "TRƯỞNG",
        "THỦ",
        "TƯỚNG",
        "CHÁNH",
        "VĂN",
        "PHÒNG",
        "BÍ",
        "THƯ",
        "UỶ",
        "BAN",
        "NHÂN",
        "DÂN",
        "XÃ",
        "HOÀ",
        "x",
        ".",
        ",",
        "-",
        "ß",
        "ﬁ",
        "Σ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Read off the start of the text, a signature's title is found as in the whole text's
        /// key.
        #[test]
        fn signer_title_agrees_with_the_whole_key(
            raw in proptest::collection::vec((0usize..1000, 0usize..8), 0..14),
        ) {
            let seps = [" ", " ", " ", "  ", "\t", "", " \u{a0}", "\n"];
            let mut text = String::new();
            for &(w, sep) in &raw {
                text.push_str(TITLE_VOCAB[w % TITLE_VOCAB.len()]);
                text.push_str(seps[sep]);
            }
            proptest::prop_assert_eq!(is_signer_title(&text), is_signer_title_ref(&text), "{:?}", text);
            let (head, whole) = key_head(text.trim(), 20);
            if whole {
                proptest::prop_assert_eq!(head, key(text.trim()));
            } else {
                proptest::prop_assert!(key(text.trim()).starts_with(&head));
            }
        }
    }

    #[test]
    fn signer_title_of_long_lines() {
        for t in [
            "CHỦ TỊCH                      ",
            "CHỦ TỊCH                      x",
            "PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH",
            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN",
            "CHÁNH VĂN PHÒNG",
            "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN",
        ] {
            assert_eq!(is_signer_title(t), is_signer_title_ref(t), "{t}");
        }
        assert!(is_signer_title("PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH"));
        assert!(!is_signer_title("CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN"));
    }

    #[test]
    fn signatures() {
        assert!(is_signer_title("CHỦ TỊCH"));
        assert!(is_signer_title("KT. CHỦ TỊCH"));
        assert!(is_signer_title("TM. ỦY BAN NHÂN DÂN"));
        assert!(!is_signer_title("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH"));
        assert!(is_person_name("Nguyễn Thị Hạnh"));
        assert!(!is_person_name("Như Điều 3;"));
        assert!(!is_person_name("CHỦ TỊCH"));
    }
}
