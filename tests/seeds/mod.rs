//! The four clean seeds against their hand-checked expected JSON, and decoding equivalences.

use unicode_normalization::UnicodeNormalization;

use sohoa_pipeline::RepairMode;

use crate::util::{
    assert_expected, assert_valid, convert_bytes, convert_bytes_with, convert_fixture, fixture,
};

const CLEAN: [&str; 4] = [
    "an-lao-2025h2",
    "an-bien-2026-2030",
    "tue-tinh-2025h2",
    "ngoc-lien-2025",
];

fn check_seed(name: &str) {
    let v = convert_fixture(&format!("seeds/{name}.txt"));
    assert_valid(&v);
    assert_expected(&v, &fixture(&format!("expected/{name}.json")));
}

#[test]
fn an_lao() {
    check_seed("an-lao-2025h2");
}

#[test]
fn an_bien() {
    check_seed("an-bien-2026-2030");
}

#[test]
fn tue_tinh() {
    check_seed("tue-tinh-2025h2");
}

#[test]
fn ngoc_lien() {
    check_seed("ngoc-lien-2025");
}

#[test]
fn ocr_seed_converts_and_validates() {
    let bytes = std::fs::read(fixture("seeds/lai-khe-2025h2-ocr.txt")).expect("seed");
    let v = convert_bytes_with("lai-khe", &bytes, RepairMode::Auto);
    assert_valid(&v);
    assert_eq!(v["repair"]["applied"], true);
    assert!(!v["documents"].as_array().expect("documents").is_empty());
}

/// The JSON of a text must not depend on how it was encoded, except for the `source` fields
/// that describe the bytes.
fn without_source(mut v: serde_json::Value) -> serde_json::Value {
    v["source"] = serde_json::Value::Null;
    v
}

#[test]
fn nfd_input_gives_byte_identical_json() {
    for name in CLEAN {
        let text = std::fs::read_to_string(fixture(&format!("seeds/{name}.txt"))).expect("seed");
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text);
        let a = convert_bytes(name, text.as_bytes());
        let b = convert_bytes(name, nfd.as_bytes());
        let sa = serde_json::to_string(&without_source(a)).expect("json");
        let sb = serde_json::to_string(&without_source(b)).expect("json");
        assert_eq!(sa, sb, "{name}: NFD and NFC inputs differ");
    }
}

#[test]
fn every_encoding_gives_the_same_json() {
    use sohoa_text::{encode, Encoding};
    for name in CLEAN {
        let text = std::fs::read_to_string(fixture(&format!("seeds/{name}.txt"))).expect("seed");
        let reference = without_source(convert_bytes(name, text.as_bytes()));
        let variants: Vec<(Vec<u8>, &str)> = vec![
            ([&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(), "utf-8"),
            (
                [&[0xFF, 0xFE][..], &encode(&text, Encoding::Utf16Le)].concat(),
                "utf-16le",
            ),
            (
                [&[0xFE, 0xFF][..], &encode(&text, Encoding::Utf16Be)].concat(),
                "utf-16be",
            ),
            (encode(&text, Encoding::Windows1258), "windows-1258"),
            // lossless: TCVN3 writes toned capitals as base + combining mark, VIQR keeps
            // non-letter symbols (“ ” – …) as UTF-8, VNI/TCVN3 keep them at 0x80-0x9F
            (encode(&text, Encoding::Tcvn3), "tcvn3"),
            (encode(&text, Encoding::Vni), "vni"),
            (encode(&text, Encoding::Viqr), "viqr"),
        ];
        for (bytes, enc) in variants {
            let v = convert_bytes(name, &bytes);
            assert_eq!(v["source"]["encoding"], enc, "{name}");
            assert_eq!(without_source(v), reference, "{name} in {enc}");
        }
    }
}
