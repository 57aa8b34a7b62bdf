//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

use sohoa_pipeline::{Converter, Options, RepairMode};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Converts bytes with repair `mode` and returns the JSON value.
pub fn convert_bytes_with(name: &str, bytes: &[u8], mode: RepairMode) -> serde_json::Value {
    let doc = Converter::new(Options {
        repair: mode,
        ..Options::default()
    })
    .expect("model loads")
    .convert_bytes(name, bytes)
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::to_value(&doc).expect("serialises")
}

/// Converts bytes without repair: the expected files of the clean seeds check parsing alone
/// (what `--repair auto` does to clean text is measured by the repair harness).
pub fn convert_bytes(name: &str, bytes: &[u8]) -> serde_json::Value {
    convert_bytes_with(name, bytes, RepairMode::Never)
}

/// Converts a fixture file, recording its path relative to the repository.
pub fn convert_fixture(rel: &str) -> serde_json::Value {
    let bytes = std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    convert_bytes(&format!("fixtures/{rel}"), &bytes)
}

pub fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(sohoa_model::SCHEMA_JSON).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

pub fn assert_valid(v: &serde_json::Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match the schema:\n{}",
        errors.join("\n")
    );
}

/// Compares `actual` with the expected JSON file; with SOHOA_BLESS=1 writes it instead (then
/// the diff must be read by hand before committing).
pub fn assert_expected(actual: &serde_json::Value, expected: &Path) {
    let pretty = serde_json::to_string_pretty(actual).expect("serialises") + "\n";
    if std::env::var_os("SOHOA_BLESS").is_some() {
        std::fs::write(expected, &pretty).expect("write expected");
        return;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with SOHOA_BLESS=1 to create it)",
            expected.display()
        )
    });
    let want: serde_json::Value = serde_json::from_str(&want).expect("expected file is JSON");
    if &want != actual {
        let got_lines: Vec<&str> = pretty.lines().collect();
        let want_pretty = serde_json::to_string_pretty(&want).expect("serialises");
        let first_diff = want_pretty
            .lines()
            .zip(got_lines.iter())
            .position(|(a, b)| a != *b)
            .unwrap_or(0);
        let ctx = |s: &str| {
            s.lines()
                .skip(first_diff.saturating_sub(5))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{} differs at line {}\n--- expected\n{}\n--- actual\n{}",
            expected.display(),
            first_diff + 1,
            ctx(&want_pretty),
            ctx(&pretty)
        );
    }
}
