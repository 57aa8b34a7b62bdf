//! Accent folding with offset maps.
//!
//! Matching runs on a folded copy of the text: lower case, Vietnamese letters stripped of their
//! tone and vowel marks (`Uỷ`/`Ủy` → `uy`, `đ`/`Đ`/`Ð` → `d`), so that tone-placement variants,
//! capitalisation and accent-stripped OCR all look the same. Every original character becomes
//! exactly one folded character, and the two byte-offset maps translate spans both ways.

use std::sync::OnceLock;

const GROUPS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đð"),
];

/// The characters folded from a table ([`fold_table`]): the Latin letters with their marks
/// (U+0080–U+024F; Vietnamese ones also in U+1E00–U+1EFF) and the punctuation of plans
/// (U+2000–U+206F: quotes, dashes, ellipsis).
const TABLE_RANGES: [(u32, u32); 3] = [(0x80, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)];

/// [`fold_char_ref`] of the characters of [`TABLE_RANGES`], one after the other, worked out
/// once.
fn fold_table() -> &'static [char] {
    static T: OnceLock<Vec<char>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE_RANGES
            .iter()
            .flat_map(|&(a, b)| a..b)
            .map(|u| char::from_u32(u).map_or('\0', fold_char_ref))
            .collect()
    })
}

/// Folds one character (see the module documentation).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // (the same as [`fold_char_ref`], read from its table)
    let u = c as u32;
    let mut at = 0;
    for (a, b) in TABLE_RANGES {
        if (a..b).contains(&u) {
            if let Some(&f) = fold_table().get(at + (u - a) as usize) {
                return f;
            }
        }
        at += (b - a) as usize;
    }
    fold_char_ref(c)
}

/// [`fold_char`] worked out: the reference for its table.
fn fold_char_ref(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    for &(base, group) in GROUPS {
        if group.contains(lower) {
            return base;
        }
    }
    lower
}

/// Folds a whole string: lower case, Vietnamese tone and vowel marks removed, `đ` → `d`; every
/// character becomes exactly one character.
///
/// ```
/// assert_eq!(sohoa_extract::fold("Ủy ban nhân dân tỉnh Thanh Hoá"), "uy ban nhan dan tinh thanh hoa");
/// ```
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A folded copy of a text with byte-offset maps in both directions.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For every byte offset of the folded text (and its end), the original byte offset.
    f2o: Vec<usize>,
    /// For every byte offset of the original text (and its end), the folded byte offset.
    o2f: Vec<usize>,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut f2o = Vec::with_capacity(original.len() + 1);
        let mut o2f = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            if c.is_ascii() {
                // (one byte to one byte)
                o2f.push(text.len());
                f2o.push(i);
                text.push(c.to_ascii_lowercase());
                continue;
            }
            let f = fold_char(c);
            for _ in 0..c.len_utf8() {
                o2f.push(text.len());
            }
            for _ in 0..f.len_utf8() {
                f2o.push(i);
            }
            text.push(f);
        }
        f2o.push(original.len());
        o2f.push(text.len());
        Folded { text, f2o, o2f }
    }

    /// Original byte offset of folded byte offset `f` (clamped to the end).
    pub fn orig(&self, f: usize) -> usize {
        self.f2o
            .get(f)
            .or(self.f2o.last())
            .copied()
            .unwrap_or_default()
    }

    /// Folded byte offset of original byte offset `o` (clamped to the end).
    pub fn folded(&self, o: usize) -> usize {
        self.o2f
            .get(o)
            .or(self.o2f.last())
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_folds_as_the_reference() {
        // every character the table holds, and some after it
        for u in 0..0x3000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_char(c), fold_char_ref(c), "U+{u:04X}");
            }
        }
        for c in ['\u{FFFD}', '\u{1F600}', '\u{FF21}'] {
            assert_eq!(fold_char(c), fold_char_ref(c));
        }
    }

    #[test]
    fn folds_tone_variants_alike() {
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("hoá"), fold("hóa"));
        assert_eq!(fold("NGHỊ ĐỊNH"), "nghi dinh");
        assert_eq!(fold("QÐ"), "qd");
    }

    #[test]
    fn maps_offsets_both_ways() {
        let s = "Nghị định số 1";
        let f = Folded::new(s);
        assert_eq!(f.text, "nghi dinh so 1");
        let at = f.text.find("so").unwrap();
        assert_eq!(&s[f.orig(at)..], "số 1");
        assert_eq!(f.folded(s.find("số").unwrap()), at);
        assert_eq!(f.orig(f.text.len()), s.len());
    }
}
