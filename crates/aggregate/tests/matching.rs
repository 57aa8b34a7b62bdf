//! Unit names damaged in the issuer (missing diacritics, OCR) still get their codes.

use std::path::Path;

use sohoa_model::Document;

fn load(seed: &str) -> Document {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/expected")
        .join(format!("{seed}.json"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[test]
fn damaged_issuer_names_match() {
    let base = std::env::temp_dir().join(format!("sohoa-aggregate-match-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let json = base.join("json");
    std::fs::create_dir_all(&json).unwrap();
    let cases = [
        ("tue-tinh-2025h2", "Tue Tinh", "10909"),
        ("tue-tinh-2025h2", "TUỆ TĨNH", "10909"),
        ("tue-tinh-2025h2", "Tuệ Tỉnb", "10909"),
        ("an-lao-2025h2", "An Lao", "11629"),
        ("an-lao-2025h2", "Au Lão", "11629"),
        ("an-bien-2026-2030", "An Bien", "11407"),
    ];
    for (k, (seed, name, _)) in cases.iter().enumerate() {
        let mut doc = load(seed);
        for p in &mut doc.parts {
            p.issuer.unit_name = Some(name.to_string());
        }
        std::fs::write(
            json.join(format!("{k}.json")),
            serde_json::to_vec(&doc).unwrap(),
        )
        .unwrap();
    }
    let (loaded, warnings) = sohoa_aggregate::load(&[json]).unwrap();
    assert!(warnings.is_empty());
    let r = sohoa_aggregate::Rollup::build(&loaded);
    for (k, (_, name, code)) in cases.iter().enumerate() {
        let u = r
            .units
            .iter()
            .find(|u| u.json == format!("{k}.json") && u.kind == "ke_hoach")
            .unwrap();
        assert_eq!(u.unit_code, *code, "{name}: {}", u.code_note);
    }
    let _ = std::fs::remove_dir_all(&base);
}
