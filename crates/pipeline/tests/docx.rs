//! The Word path (issue 5): `.docx` read directly, legacy `.doc` through LibreOffice.
//!
//! - The four clean seeds saved as `.docx` by LibreOffice (`tools/make-docx-fixtures.sh`: one
//!   paragraph per source line) give exactly the text file's JSON, line numbers included
//!   (line `n` of a Word document is its `n`-th paragraph line), except `source`.
//! - The an-lao plan typed in Word with its appendix as a real table
//!   (`fixtures/office/an-lao-2025h2.docx`, `tools/make-office-fixtures.sh`) gives the
//!   hand-checked tasks (`fixtures/expected/an-lao-2025h2.tasks.json`: 31 rows, row 22
//!   missing), read from the table's rows and cells, and the text's JSON for everything else
//!   but provenance (`line`, `lines`, `paragraph_lines`, `page`: the paragraphs are not the
//!   seed's hard-wrapped lines).
//! - The legacy `.doc` test needs LibreOffice; it is skipped with a note when `soffice` is not
//!   installed, unless `SOHOA_REQUIRE_SOFFICE=1` (set by `.ci/run`, which installs it).

use serde_json::Value;
use sohoa_pipeline::{ConvertError, Converter, Options, RepairMode};

const SEEDS: [&str; 4] = [
    "an-bien-2026-2030",
    "an-lao-2025h2",
    "ngoc-lien-2025",
    "tue-tinh-2025h2",
];

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

fn converter() -> Converter {
    Converter::new(Options {
        repair: RepairMode::Never,
        ..Options::default()
    })
    .expect("converter")
}

fn json(conv: &Converter, rel: &str) -> Value {
    let path = format!("{}/{rel}", root());
    let doc = conv
        .convert_file(std::path::Path::new(&path))
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(&doc).expect("serialises")
}

/// `v` without its provenance fields (and, for citations, `raw`, kept apart in `raws`).
fn strip(v: &Value, raws: &mut Vec<String>) -> Value {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(r)), Some(_)) = (m.get("raw"), m.get("role")) {
                raws.push(r.clone());
            }
            Value::Object(
                m.iter()
                    .filter(|(k, _)| {
                        !matches!(
                            k.as_str(),
                            "line" | "lines" | "paragraph_lines" | "page" | "raw"
                        )
                    })
                    .map(|(k, x)| (k.clone(), strip(x, raws)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| strip(x, raws)).collect()),
        x => x.clone(),
    }
}

#[test]
fn seed_docx_give_the_text_files_json() {
    let conv = converter();
    for seed in SEEDS {
        let mut txt = json(&conv, &format!("fixtures/seeds/{seed}.txt"));
        let mut docx = json(&conv, &format!("fixtures/docx/{seed}.docx"));
        assert_eq!(docx["source"]["format"], "docx");
        assert_eq!(docx["source"]["encoding"], "docx");
        assert!(docx["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|d| d["sections"].as_array().is_some_and(|s| !s.is_empty())));
        txt["source"] = Value::Null;
        docx["source"] = Value::Null;
        assert!(
            txt == docx,
            "{seed}: the .docx gives other JSON than the text"
        );
    }
}

#[test]
fn an_lao_appendix_as_a_word_table() {
    let conv = converter();
    let txt = json(&conv, "fixtures/seeds/an-lao-2025h2.txt");
    let docx = json(&conv, "fixtures/office/an-lao-2025h2.docx");
    // the tasks: the hand-checked ones, from the table's rows and cells
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/fixtures/expected/an-lao-2025h2.tasks.json",
            root()
        ))
        .expect("expected tasks"),
    )
    .expect("JSON");
    let tasks = &docx["documents"][0]["tasks"];
    assert_eq!(tasks.as_array().map(Vec::len), Some(31));
    let mut ignore = Vec::new();
    assert_eq!(strip(tasks, &mut ignore), strip(&want, &mut ignore));
    // each task points at its row: first and last line of the row's cells
    assert!(tasks
        .as_array()
        .into_iter()
        .flatten()
        .all(|t| t["lines"]["first"].as_u64() <= t["lines"]["last"].as_u64()));
    let warnings = docx["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0]["code"], "missing_row");
    assert!(warnings[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("row 22 is missing")));
    // everything else as the text's, but provenance
    let (mut raw_txt, mut raw_docx) = (Vec::new(), Vec::new());
    let a = strip(&txt["documents"], &mut raw_txt);
    let b = strip(&docx["documents"], &mut raw_docx);
    assert!(a == b, "the Word table plan differs from the text");
    // a citation's raw text is the same, or longer where the text file broke a table row
    // across a page ("Quyết định số" / repeated header / "1036/QĐ-UBND …")
    assert_eq!(raw_txt.len(), raw_docx.len());
    let longer: Vec<_> = raw_txt
        .iter()
        .zip(&raw_docx)
        .filter(|(t, d)| t != d)
        .collect();
    assert_eq!(longer.len(), 1, "{longer:?}");
    assert_eq!(
        longer[0].1,
        "Quyết định số 1036/QĐ-UBND ngày 07/4/2021 của Ủy ban nhân dân thành phố"
    );
}

#[test]
fn binh_minh_appendix_as_a_word_table() {
    // a 7-column appendix (with "Ghi chú") in another layout, typed as an HTML table and
    // saved as .docx by LibreOffice; its tasks are the hand-checked ones of the PDF text
    let conv = converter();
    let docx = json(&conv, "fixtures/docx/binh-minh-2026.docx");
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/fixtures/expected/binh-minh-2026.tasks.json",
            root()
        ))
        .expect("expected tasks"),
    )
    .expect("JSON");
    let mut ignore = Vec::new();
    let tasks = &docx["documents"][0]["tasks"];
    assert_eq!(tasks.as_array().map(Vec::len), Some(18));
    assert_eq!(strip(tasks, &mut ignore), strip(&want, &mut ignore));
}

fn soffice_installed() -> bool {
    std::process::Command::new("soffice")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn legacy_doc_through_libreoffice() {
    if !soffice_installed() {
        assert!(
            std::env::var_os("SOHOA_REQUIRE_SOFFICE").is_none(),
            "SOHOA_REQUIRE_SOFFICE is set but soffice is not installed (apt-get install libreoffice-writer)"
        );
        eprintln!("note: soffice not installed; the legacy .doc test is skipped");
        return;
    }
    let conv = converter();
    let mut txt = json(&conv, "fixtures/seeds/tue-tinh-2025h2.txt");
    let mut doc = json(&conv, "fixtures/docx/tue-tinh-2025h2.doc");
    assert_eq!(doc["source"]["format"], "docx");
    assert_eq!(doc["source"]["encoding"], "doc");
    txt["source"] = Value::Null;
    doc["source"] = Value::Null;
    assert!(txt == doc, "the .doc gives other JSON than the text");
}

#[test]
fn doc_without_libreoffice_says_how_to_install() {
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        soffice: sohoa_docx::DocOptions {
            program: "/nonexistent/soffice".into(),
            ..sohoa_docx::DocOptions::default()
        },
        ..Options::default()
    })
    .expect("converter");
    let bytes =
        std::fs::read(format!("{}/fixtures/docx/tue-tinh-2025h2.doc", root())).expect("fixture");
    let err = conv.convert_bytes("old.doc", &bytes).expect_err("refused");
    assert!(matches!(err, ConvertError::Docx { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("old.doc: "), "{msg}");
    assert!(msg.contains("apt-get install libreoffice-writer"), "{msg}");
}

#[test]
fn broken_word_files_are_clear_errors() {
    let conv = converter();
    let full =
        std::fs::read(format!("{}/fixtures/office/an-lao-2025h2.docx", root())).expect("fixture");
    for k in [1, 3, 5, 7, 9] {
        let cut = &full[..full.len() * k / 10];
        let err = conv.convert_bytes("cut.docx", cut).expect_err("truncated");
        assert!(matches!(err, ConvertError::Docx { .. }), "{err:?}");
        assert!(err.to_string().starts_with("cut.docx: "), "{err}");
    }
    // a paragraph over the line limit
    let small = Converter::new(Options {
        repair: RepairMode::Never,
        max_line_bytes: 100,
        ..Options::default()
    })
    .expect("converter");
    let err = small
        .convert_bytes("long.docx", &full)
        .expect_err("long paragraph");
    assert!(matches!(err, ConvertError::LineTooLong { .. }), "{err:?}");
}
