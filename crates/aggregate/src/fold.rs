//! Folding Vietnamese text to toneless keys, for tolerant comparison.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, without tone and vowel marks (`đ` → `d`), every run of characters that are not
/// letters or digits turned into one space, trimmed: "Chính quyền điện tử/số" →
/// "chinh quyen dien tu so". Both tone-placement styles fold to the same key.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`] plus the OCR confusions seen in names (`0` → `o`, `1`/`|` → `l`): the key of a
/// unit name.
pub fn name_key(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '|' => 'l',
            _ => c,
        })
        .collect();
    fold(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_case_and_punctuation() {
        assert_eq!(fold("Chính quyền điện tử/số"), "chinh quyen dien tu so");
        assert_eq!(fold("  THỦ TỤC  hành-chính. "), "thu tuc hanh chinh");
        // old and new tone placement
        assert_eq!(fold("Thanh Hoá"), fold("Thanh Hóa"));
        // NFD input
        assert_eq!(fold("Tue\u{0302}\u{0323} Ti\u{0303}nh"), "tue tinh");
        assert_eq!(name_key("Ng0c Liên"), "ngoc lien");
    }
}
