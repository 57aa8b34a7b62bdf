//! Property tests (issue 7): a legacy-encoded file (TCVN3, VNI, VIQR, Windows-1258) decodes to
//! the text it was written from, and encoding the decoded text gives back the same bytes.

use proptest::prelude::*;
use sohoa_text::{decode, encode, Encoding};
use unicode_normalization::UnicodeNormalization;

/// Every Vietnamese letter (NFC, both cases), the other ASCII letters and the digits.
fn letters() -> Vec<char> {
    let mut out = Vec::new();
    for base in "aăâeêioôơuưy".chars() {
        for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
            let s: String = format!("{base}{tone}").nfc().collect();
            out.extend(s.chars());
        }
    }
    out.extend("bcdđghklmnpqrstvxfjwz".chars());
    let upper: Vec<char> = out.iter().flat_map(|c| c.to_uppercase()).collect();
    out.extend(upper);
    out.extend('0'..='9');
    out
}

/// The words (whitespace-separated, with their punctuation) of a real plan.
fn plan_words() -> Vec<String> {
    let path = format!(
        "{}/../../fixtures/seeds/an-lao-2025h2.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.sort();
    words.dedup();
    words
}

/// A file: lines of words from a real plan, and (except for VIQR, where a letter followed by
/// `'`, `` ` ``, `?`, `~`, `.` or `(` is a mark and only real words can be written unambiguously)
/// random strings of Vietnamese letters and digits; each line ends with a line break.
fn legacy_file(viqr: bool) -> impl Strategy<Value = String> {
    let real = prop::sample::select(plan_words());
    let random = prop::collection::vec(prop::sample::select(letters()), 1..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    let word = if viqr {
        real.boxed()
    } else {
        prop_oneof![real, random].boxed()
    };
    let line = prop::collection::vec(word, 0..12).prop_map(|ws| ws.join(" "));
    prop::collection::vec(line, 0..8).prop_map(|ls| ls.into_iter().map(|l| l + "\n").collect())
}

fn roundtrip(text: &str, enc: Encoding) -> Result<(), TestCaseError> {
    let bytes = encode(text, enc);
    let decoded = decode(&bytes, Some(enc)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let lines: Vec<&str> = decoded.lines.iter().map(|l| l.text.as_str()).collect();
    let expected: Vec<&str> = text.lines().collect();
    prop_assert_eq!(
        &lines,
        &expected,
        "{} decodes to the text it was written from",
        enc
    );
    let back: String = lines.iter().map(|l| format!("{l}\n")).collect();
    prop_assert_eq!(
        encode(&back, enc),
        bytes,
        "{} re-encodes to the same bytes",
        enc
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn tcvn3_is_lossless(text in legacy_file(false)) {
        roundtrip(&text, Encoding::Tcvn3)?;
    }

    #[test]
    fn vni_is_lossless(text in legacy_file(false)) {
        roundtrip(&text, Encoding::Vni)?;
    }

    #[test]
    fn windows_1258_is_lossless(text in legacy_file(false)) {
        roundtrip(&text, Encoding::Windows1258)?;
    }

    #[test]
    fn viqr_is_lossless(text in legacy_file(true)) {
        roundtrip(&text, Encoding::Viqr)?;
    }
}
