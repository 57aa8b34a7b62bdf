//! Vietnamese syllables by rule: onset + rhyme + tone.
//!
//! A syllable is valid when its lowercase NFC form splits into a known onset, a known rhyme
//! and one tone, the tone is allowed by the rhyme (stop finals `p t c ch` take only sắc or
//! nặng) and the spelling rules hold (`k`/`gh`/`ngh` before front vowels, `c`/`g`/`ng`
//! elsewhere). Both tone-placement styles (`hoá`/`hóa`, `thuỷ`/`thủy`) are accepted; the
//! canonical form places the tone in the classic way (`hóa`, `thủy`).

/// Vowel rows: the toneless vowel followed by its five toned forms
/// (huyền, sắc, hỏi, ngã, nặng).
const VOWELS: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// Onsets, longest first.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Toneless rhymes (vowel nucleus with glide and final).
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "an", "am", "ang", "anh", "ac", "ach", "at", "ap", "ăn", "ăm",
    "ăng", "ăc", "ăt", "ăp", "âu", "ây", "ân", "âm", "âng", "âc", "ât", "âp", "e", "eo", "en",
    "em", "eng", "ec", "et", "ep", "ê", "êu", "ên", "êm", "ênh", "êch", "êt", "êp", "i", "ia",
    "iu", "in", "im", "inh", "ich", "it", "ip", "iêu", "iên", "iêm", "iêng", "iêc", "iêt", "iêp",
    "o", "oi", "on", "om", "ong", "oc", "ot", "op", "oa", "oai", "oay", "oan", "oang", "oanh",
    "oac", "oach", "oat", "oap", "oăn", "oăng", "oăc", "oăt", "oăm", "oam", "oe", "oeo", "oen",
    "oet", "ooc", "oong", "ô", "ôi", "ôn", "ôm", "ông", "ôc", "ôt", "ôp", "ơ", "ơi", "ơn", "ơm",
    "ơt", "ơp", "u", "ua", "ui", "un", "um", "ung", "uc", "ut", "up", "uân", "uâng", "uât", "uây",
    "uê", "uênh", "uêch", "uy", "uya", "uyu", "uyên", "uyêt", "uynh", "uych", "uyt", "uyn", "uôi",
    "uôn", "uôm", "uông", "uôc", "uôt", "uơ", "ư", "ưa", "ưi", "ưu", "ưn", "ưm", "ưng", "ưc", "ưt",
    "ươ", "ươi", "ươu", "ươn", "ươm", "ương", "ươc", "ươt", "ươp", "y", "yêu", "yên", "yêm", "yêt",
    "yêng", "ynh", "yt", "ych", "oao",
];

fn rhyme_table() -> &'static crate::fxmap::FxMap<&'static str, &'static str> {
    static T: std::sync::OnceLock<crate::fxmap::FxMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| RHYMES.iter().map(|r| (*r, *r)).collect())
}

/// Code points below this are looked up directly in the tone table.
const TONE_LOW: usize = 0x200;
/// Start of the Latin Extended Additional block (ạ … ỹ).
const TONE_EXT: usize = 0x1EA0;
/// Length of the part of that block the table covers.
const TONE_EXT_LEN: usize = 0x60;

/// (toneless vowel, tone) of every vowel of [`VOWELS`], as a dense table over the two Unicode
/// ranges they live in; entry 0 is "not a vowel", else `base << 3 | tone` plus one.
fn tone_table() -> &'static [u32] {
    static T: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = vec![0u32; TONE_LOW + TONE_EXT_LEN];
        let mut put = |c: char, base: char, tone: u8| {
            let i = c as usize;
            let slot = if i < TONE_LOW {
                Some(i)
            } else {
                (TONE_EXT..TONE_EXT + TONE_EXT_LEN)
                    .contains(&i)
                    .then(|| TONE_LOW + i - TONE_EXT)
            };
            if let Some(s) = slot {
                t[s] = ((base as u32) << 3 | tone as u32) + 1;
            }
        };
        for row in VOWELS {
            let mut it = row.chars();
            if let Some(base) = it.next() {
                put(base, base, 0);
                for (k, v) in it.enumerate() {
                    put(v, base, k as u8 + 1);
                }
            }
        }
        t
    })
}

/// Split a lowercase letter into (toneless letter, tone 0..=5); `None` if not a vowel.
#[inline]
pub fn split_tone(c: char) -> Option<(char, u8)> {
    if c.is_ascii() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return None;
    }
    let i = c as usize;
    let slot = if i < TONE_LOW {
        i
    } else if (TONE_EXT..TONE_EXT + TONE_EXT_LEN).contains(&i) {
        TONE_LOW + i - TONE_EXT
    } else {
        return None;
    };
    let e = tone_table().get(slot).copied().unwrap_or(0);
    if e == 0 {
        return None;
    }
    let e = e - 1;
    char::from_u32(e >> 3).map(|b| (b, (e & 7) as u8))
}

/// Put tone `t` (0..=5) on toneless vowel `v`.
pub fn with_tone(v: char, t: u8) -> char {
    for row in VOWELS {
        if row.starts_with(v) {
            return row.chars().nth(t as usize).unwrap_or(v);
        }
    }
    v
}

/// The ASCII skeleton letter of a lowercase char: all marks removed, `đ` → `d`.
pub fn skeleton_char(c: char) -> char {
    if c == 'đ' {
        return 'd';
    }
    match split_tone(c) {
        Some((b, _)) => match b {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            other => other,
        },
        None => c,
    }
}

/// Lowercase and strip all marks (`Đường` → `duong`).
pub fn skeleton(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(skeleton_char)
        .collect()
}

/// Remove Vietnamese marks keeping case (`Đường` → `Duong`), as accent-stripping does.
pub fn strip_marks(s: &str) -> String {
    s.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let sk = skeleton_char(lower);
            if c.is_uppercase() {
                sk.to_uppercase().next().unwrap_or(sk)
            } else {
                sk
            }
        })
        .collect()
}

/// A parsed syllable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Onset, possibly empty.
    pub onset: &'static str,
    /// Toneless rhyme.
    pub rhyme: &'static str,
    /// Tone 0..=5.
    pub tone: u8,
}

fn is_stop(rhyme: &str) -> bool {
    rhyme.ends_with('p') || rhyme.ends_with('t') || rhyme.ends_with('c') || rhyme.ends_with("ch")
}

fn front(rhyme: &str) -> bool {
    matches!(rhyme.chars().next(), Some('i' | 'e' | 'ê' | 'y'))
}

/// Parse a lowercase NFC string as a syllable.
pub fn parse(s: &str) -> Option<Parsed> {
    if s.is_empty() || s.len() > 24 {
        return None;
    }
    let mut tone = 0u8;
    // the toneless spelling, never longer than `s` (≤ 24 bytes)
    let mut buf = [0u8; 24];
    let mut len = 0usize;
    for c in s.chars() {
        let b = match split_tone(c) {
            Some((b, t)) => {
                if t != 0 {
                    if tone != 0 {
                        return None;
                    }
                    tone = t;
                }
                b
            }
            None => {
                if !(c.is_ascii_lowercase() || c == 'đ') {
                    return None;
                }
                c
            }
        };
        let n = b.len_utf8();
        let dst = buf.get_mut(len..len + n)?;
        b.encode_utf8(dst);
        len += n;
    }
    let toneless = std::str::from_utf8(&buf[..len]).ok()?;
    let try_onset = |on: &'static str, rest: &str| -> Option<Parsed> {
        let rhyme = *rhyme_table().get(rest)?;
        if !onset_ok(on, rhyme) || (is_stop(rhyme) && !(tone == 2 || tone == 5)) {
            return None;
        }
        Some(Parsed {
            onset: on,
            rhyme,
            tone,
        })
    };
    // every onset the spelling starts with (longest first), then none
    ONSETS
        .iter()
        .filter_map(|on| toneless.strip_prefix(on).map(|rest| (*on, rest)))
        .chain(std::iter::once(("", toneless)))
        .find_map(|(on, rest)| try_onset(on, rest))
}

fn onset_ok(on: &str, rhyme: &str) -> bool {
    let f = front(rhyme);
    if matches!(rhyme, "ynh" | "yt" | "ych") {
        // quýnh, quýt, quỳnh: only after qu
        return on == "qu";
    }
    match on {
        "k" | "gh" | "ngh" => f,
        "c" | "ng" => !f,
        // "g" before i is the "gi" onset read as g + i-rhyme (gì, gìn)
        "g" => !f || rhyme.starts_with('i'),
        "qu" => !rhyme.starts_with('u') && !rhyme.starts_with('o'),
        "gi" => !rhyme.starts_with('i'),
        "" => true,
        _ => true,
    }
}

/// Canonical spelling (classic tone placement) of a parsed syllable.
pub fn render(p: &Parsed) -> String {
    let mut out = String::with_capacity(12);
    out.push_str(p.onset);
    let mut chars = [' '; 8];
    let mut n = 0;
    for c in p.rhyme.chars().take(8) {
        chars[n] = c;
        n += 1;
    }
    let rc = &chars[..n];
    let pos = tone_position(rc);
    for (i, c) in rc.iter().enumerate() {
        if i == pos && p.tone != 0 {
            out.push(with_tone(*c, p.tone));
        } else {
            out.push(*c);
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn tone_position(rc: &[char]) -> usize {
    // a vowel with a quality mark takes the tone (the last one: ươ → ơ)
    if let Some(i) = rc
        .iter()
        .rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
    {
        return i;
    }
    let mut vowels = (0..rc.len()).filter(|&i| is_vowel(rc[i]));
    let (first, second) = (vowels.next(), vowels.next());
    let many = vowels.next().is_some();
    let has_final = rc.last().is_some_and(|c| !is_vowel(*c));
    match (first, second) {
        (None, _) => 0,
        (Some(a), None) => a,
        (Some(a), Some(b)) => {
            if many || has_final || rc[..2] == ['o', 'o'] {
                b
            } else {
                a
            }
        }
    }
}

/// Canonical form of a lowercase token if it is a valid syllable.
pub fn canonical(s: &str) -> Option<String> {
    parse(s).map(|p| render(&p))
}

/// Case pattern of an observed token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// all lowercase
    Lower,
    /// first letter uppercase
    Title,
    /// all letters uppercase
    Upper,
}

/// Case pattern of `s` (letters only; two or more uppercase letters and no lowercase → Upper).
pub fn case_of(s: &str) -> Case {
    let mut up = 0;
    let mut low = 0;
    let mut first_up = None;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if first_up.is_none() {
            first_up = Some(c.is_uppercase());
        }
        if c.is_uppercase() {
            up += 1;
        } else {
            low += 1;
        }
    }
    if up >= 2 && up > low {
        Case::Upper
    } else if up == 1 && low == 0 {
        // a single letter: "Ô" alone is title-like, rendered upper
        Case::Upper
    } else if first_up == Some(true) {
        Case::Title
    } else {
        Case::Lower
    }
}

/// Apply a case pattern to a lowercase string.
pub fn apply_case(s: &str, case: Case) -> String {
    match case {
        Case::Lower => s.to_string(),
        Case::Upper => s.to_uppercase(),
        Case::Title => {
            let mut it = s.chars();
            match it.next() {
                Some(f) => f.to_uppercase().chain(it).collect(),
                None => String::new(),
            }
        }
    }
}

/// Every valid syllable by rule, canonical forms, sorted.
pub fn inventory() -> Vec<String> {
    let mut out = Vec::new();
    for on in std::iter::once("").chain(ONSETS) {
        for rh in RHYMES {
            if !onset_ok(on, rh) {
                continue;
            }
            for t in 0..6u8 {
                if is_stop(rh) && !(t == 2 || t == 5) {
                    continue;
                }
                let r = render(&Parsed {
                    onset: on,
                    rhyme: rh,
                    tone: t,
                });
                // "g" + "ìa" is spelled "già" (gi + a): keep only canonical spellings
                if canonical(&r).as_deref() == Some(r.as_str()) {
                    out.push(r);
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_canonicalises() {
        for (a, b) in [
            ("hoá", "hóa"),
            ("hóa", "hóa"),
            ("thuỷ", "thủy"),
            ("người", "người"),
            ("nghiệp", "nghiệp"),
            ("gì", "gì"),
            ("quyết", "quyết"),
            ("uỷ", "ủy"),
            ("khuya", "khuya"),
            ("giữa", "giữa"),
            ("đường", "đường"),
            ("xoong", "xoong"),
            ("quỳnh", "quỳnh"),
            ("quýt", "quýt"),
        ] {
            assert_eq!(canonical(a).as_deref(), Some(b), "{a}");
        }
        for bad in [
            "ngudi", "cudi", "hqi", "kan", "cét", "tha1", "ubnd", "nghăn",
        ] {
            assert_eq!(canonical(bad), None, "{bad}");
        }
        assert_eq!(skeleton("Đường"), "duong");
        assert_eq!(strip_marks("Đường Ủy"), "Duong Uy");
    }

    #[test]
    fn split_tone_matches_the_vowel_rows() {
        let slow = |c: char| -> Option<(char, u8)> {
            VOWELS.iter().find_map(|row| {
                let base = row.chars().next()?;
                row.chars().position(|v| v == c).map(|t| (base, t as u8))
            })
        };
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(split_tone(c), slow(c), "{c:?}");
        }
        assert_eq!(split_tone('ự'), Some(('ư', 5)));
        assert_eq!(split_tone('đ'), None);
    }

    #[test]
    fn inventory_is_all_valid() {
        let inv = inventory();
        assert!(inv.len() > 10_000, "{}", inv.len());
        for s in &inv {
            assert_eq!(canonical(s).as_deref(), Some(s.as_str()), "{s}");
        }
    }
}
