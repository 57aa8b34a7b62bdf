//! The task table read by geometry (issue 3: "When the source is a PDF, use the text positions
//! from the PDF path to split columns by geometry; the result must equal the text path's").
//!
//! Two tables typed in LibreOffice as real tables and exported to PDF (cells centred
//! vertically, header row repeated on every page, rows split across pages):
//! - `fixtures/office/an-lao-2025h2.pdf` (`tools/make-office-fixtures.sh`): the an-lao plan, its
//!   appendix a six-column table with group rows and no row 22; its rows must equal the
//!   hand-checked `fixtures/expected/an-lao-2025h2.tasks.json` of the text seed.
//! - `fixtures/tables/binh-minh-2026.pdf` (`tools/make-table-fixture.sh`): seven columns in
//!   another order, other widths and wording; its rows must equal
//!   `fixtures/expected/binh-minh-2026.tasks.json`, the text path's expected rows.
//!
//! Each test also runs the geometry reader directly on the document's table lines and asserts
//! that it accepted the table, so a silent fall-back to the text path fails the test. Line
//! numbers and pages are not compared (the text and the PDF have different lines).

use sohoa_model::{Document, Task};
use sohoa_pipeline::{Converter, Options, RepairMode};
use sohoa_segment::Zone;
use sohoa_tasks::{extract_tasks_with_layout, TableContext, TableMethod};

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn convert(rel: &str) -> Document {
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        ..Options::default()
    })
    .expect("converter");
    conv.convert_bytes(rel, &fixture(rel)).expect("converts")
}

/// The table of the document's first part, read again the way the pipeline reads it, with
/// the method that was used.
fn table_method(doc: &Document, year: Option<u16>) -> (Vec<Task>, TableMethod) {
    let cleaned = sohoa_text::cleanup(&doc.lines);
    let seg = sohoa_segment::segment(&cleaned.blocks);
    let part = seg.parts.first().expect("a document");
    let pick = |z: Zone| -> Vec<&sohoa_text::Block> {
        part.blocks
            .iter()
            .filter(|(_, zone)| *zone == z)
            .map(|&(i, _)| &cleaned.blocks[i])
            .collect()
    };
    let ctx = TableContext::from_blocks(&pick(Zone::Body), year);
    let (tasks, _, method) = extract_tasks_with_layout(&pick(Zone::Table), &doc.geometry, &ctx);
    (tasks, method)
}

fn expected(rel: &str) -> Vec<Task> {
    serde_json::from_slice(&fixture(rel)).expect("expected file parses as [Task]")
}

/// Every cell of every row equal, rows in the same order (line numbers and pages aside).
fn assert_same_rows(got: &[Task], want: &[Task]) {
    let strip = |t: &Task| {
        let mut t = t.clone();
        t.lines = sohoa_model::Span::line(0);
        t.page = None;
        serde_json::to_string_pretty(&t).unwrap_or_default()
    };
    let g: Vec<String> = got.iter().map(strip).collect();
    let w: Vec<String> = want.iter().map(strip).collect();
    for (a, b) in g.iter().zip(&w) {
        assert_eq!(a, b);
    }
    assert_eq!(g.len(), w.len());
}

#[test]
fn an_lao_real_table_by_geometry() {
    let doc = convert("office/an-lao-2025h2.pdf");
    let (direct, method) = table_method(&doc, Some(2025));
    assert_eq!(
        method,
        TableMethod::Geometry,
        "the geometry path read the table"
    );
    let tasks = &doc.parts[0].tasks;
    assert_eq!(&direct, tasks);
    let nos: Vec<u32> = tasks.iter().filter_map(|t| t.no).collect();
    let mut want_nos: Vec<u32> = (1..=21).collect();
    want_nos.extend(23..=32);
    assert_eq!(nos, want_nos);
    let missing: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "missing_row")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].message.contains("row 22"));
    assert!(tasks.iter().all(|t| t.page.is_some_and(|p| p >= 8)));
    // the header is a two-column table whose motto wraps ("…VIỆT" / "NAM") between the
    // issuer's lines: the issuer is read as from the text
    let issuer = &doc.parts[0].issuer;
    assert_eq!(issuer.body.as_deref(), Some("Ủy ban nhân dân"));
    assert_eq!(issuer.unit_name.as_deref(), Some("An Lão"));
    assert_eq!(issuer.parent, None);
    assert_same_rows(tasks, &expected("expected/an-lao-2025h2.tasks.json"));
}

#[test]
fn binh_minh_table_by_geometry() {
    let doc = convert("tables/binh-minh-2026.pdf");
    let (_, method) = table_method(&doc, Some(2026));
    assert_eq!(
        method,
        TableMethod::Geometry,
        "the geometry path read the table"
    );
    assert!(
        !doc.warnings.iter().any(|w| w.code == "missing_row"),
        "{:?}",
        doc.warnings
    );
    assert_same_rows(
        &doc.parts[0].tasks,
        &expected("expected/binh-minh-2026.tasks.json"),
    );
}

/// A PDF of plain text (the seed exported line by line) has no table layout: the text path
/// reads its table, as before.
#[test]
fn text_pdf_falls_back_to_text() {
    let doc = convert("pdf/an-lao-2025h2.pdf");
    let (_, method) = table_method(&doc, Some(2025));
    assert_eq!(method, TableMethod::Text);
    assert_eq!(doc.parts[0].tasks.len(), 31);
}

/// With the default `--repair auto`, a clean PDF table comes out unchanged: its rows read in
/// reading order put lone cell words on lines of their own ("quan", "tra", "6"), which the
/// repair must not "restore" ("quân", "trả", "ở") in a document written with marks.
#[test]
fn auto_repair_leaves_clean_pdf_tables_alone() {
    for (rel, want) in [
        (
            "office/an-lao-2025h2.pdf",
            "expected/an-lao-2025h2.tasks.json",
        ),
        (
            "tables/binh-minh-2026.pdf",
            "expected/binh-minh-2026.tasks.json",
        ),
    ] {
        let conv = Converter::new(Options::default()).expect("converter");
        assert_eq!(conv.options().repair, RepairMode::Auto);
        let doc = conv.convert_bytes(rel, &fixture(rel)).expect("converts");
        assert_eq!(doc.repair.changed, 0, "{rel}: {:?}", doc.repair);
        assert!(doc.repair.tokens > 1000, "{rel}: the repair stage ran");
        assert_same_rows(&doc.parts[0].tasks, &expected(want));
    }
}
