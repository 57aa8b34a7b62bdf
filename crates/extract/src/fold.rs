//! Accent folding with offset maps.
//!
//! Matching runs on a folded copy of the text: lower case, Vietnamese letters stripped of their
//! tone and vowel marks (`Uỷ`/`Ủy` → `uy`, `đ`/`Đ`/`Ð` → `d`), so that tone-placement variants,
//! capitalisation and accent-stripped OCR all look the same. Every original character becomes
//! exactly one folded character, and the two byte-offset maps translate spans both ways.

const GROUPS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đð"),
];

/// Folds one character (see the module documentation).
pub fn fold_char(c: char) -> char {
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
