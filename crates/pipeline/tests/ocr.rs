//! Scanned pages (issue 5): images and image-only PDF pages read by tesseract's Vietnamese
//! model, then repaired (`--repair auto`).
//!
//! Fixtures (`tools/make-ocr-fixtures.sh`, `fixtures/ocr/`): the first two pages of the clean
//! seed tue-tinh-2025h2 rendered at 300 dpi as `../shared/tools/make-ocr-pairs.sh` does, saved
//! as a PNG (page 1), a two-page TIFF, a JPEG of the top of page 2, an image-only PDF (pages 1
//! and 2) and a mixed PDF (page 1 with a text layer, page 2 scanned), with the gold text of
//! each page. Each converts, with the right pages in `source.pages`/`source.ocr_pages` and on
//! each line, and with ≥ 98 % syllable accuracy against the gold text, page by page
//! ([`sohoa_repair::eval`]).
//!
//! These tests need `tesseract` with the `vie` model and `pdftoppm`; they are skipped with a
//! note when those are missing, unless `SOHOA_REQUIRE_TESSERACT=1` (set by `.ci/run`, which
//! installs them). The missing-program tests run everywhere.

use std::path::PathBuf;
use std::process::Command;

use sohoa_model::Document;
use sohoa_pipeline::{ConvertError, Converter, Options, RepairMode};
use sohoa_repair::eval::syllable_accuracy;

fn path(rel: &str) -> PathBuf {
    PathBuf::from(format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR")))
}

fn gold(name: &str) -> String {
    std::fs::read_to_string(path(&format!("fixtures/ocr/{name}.gold.txt"))).expect("gold text")
}

/// Whether tesseract with the `vie` model and pdftoppm are installed; when they are not,
/// the test is skipped (with a note), unless `SOHOA_REQUIRE_TESSERACT` is set.
fn ocr_ready(test: &str) -> bool {
    let langs = Command::new("tesseract").arg("--list-langs").output();
    let vie = langs
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "vie")
        })
        .unwrap_or(false);
    let pdftoppm = Command::new("pdftoppm").arg("-v").output().is_ok();
    if vie && pdftoppm {
        return true;
    }
    assert!(
        std::env::var_os("SOHOA_REQUIRE_TESSERACT").is_none(),
        "SOHOA_REQUIRE_TESSERACT is set but tesseract with its vie model or pdftoppm is missing \
         (apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)"
    );
    eprintln!("note: tesseract (vie) or pdftoppm not installed; {test} is skipped");
    false
}

/// Converts with repair off, so that both the raw OCR and the repaired text can be measured;
/// the repaired text is what `convert` gives (the same `sohoa_pipeline::repair` call).
fn convert_raw(rel: &str) -> Document {
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        ..Options::default()
    })
    .expect("converter");
    conv.convert_file(&path(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn page_text(doc: &Document, page: u32) -> String {
    doc.lines
        .iter()
        .filter(|l| l.page == Some(page))
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One fixture: its pages, the gold text of each, and what `source` must say.
struct Case {
    file: &'static str,
    format: &'static str,
    encoding: &'static str,
    gold: &'static [&'static str],
    ocr_pages: &'static [u32],
}

fn check(case: &Case) {
    let raw = convert_raw(&format!("fixtures/ocr/{}", case.file));
    let src = &raw.source;
    let json = serde_json::to_value(src).expect("json");
    assert_eq!(json["format"], case.format, "{}", case.file);
    assert_eq!(src.encoding, case.encoding, "{}", case.file);
    assert_eq!(src.pages, Some(case.gold.len() as u32), "{}", case.file);
    assert_eq!(src.ocr_pages, case.ocr_pages, "{}", case.file);
    // the repair `convert --repair auto` does, on the same lines
    let mut repaired = raw.clone();
    repaired.parts.clear();
    repaired.warnings.clear();
    let repairer = sohoa_repair::Repairer::embedded().expect("model");
    sohoa_pipeline::repair(&mut repaired, &repairer, RepairMode::Auto);
    let mut all_gold = String::new();
    let mut all_raw = String::new();
    let mut all_fixed = String::new();
    for (i, g) in case.gold.iter().enumerate() {
        let page = i as u32 + 1;
        let g = gold(g);
        let (r, f) = (page_text(&raw, page), page_text(&repaired, page));
        let a = syllable_accuracy(&g, &f);
        eprintln!(
            "{} page {page}{}: {} gold tokens, raw {:.2} %, repaired {:.2} %",
            case.file,
            if case.ocr_pages.contains(&page) {
                " (OCR)"
            } else {
                " (text layer)"
            },
            a.gold,
            syllable_accuracy(&g, &r).percent(),
            a.percent()
        );
        // page numbers are right: each page's lines are that page's text
        assert!(
            a.percent() >= 98.0,
            "{} page {page}: {:.2} % syllable accuracy",
            case.file,
            a.percent()
        );
        all_gold += &g;
        all_raw += &r;
        all_raw.push('\n');
        all_fixed += &f;
        all_fixed.push('\n');
    }
    let a = syllable_accuracy(&all_gold, &all_fixed);
    eprintln!(
        "{}: {} gold tokens, raw {:.2} %, repaired {:.2} % ({} tokens changed by repair)",
        case.file,
        a.gold,
        syllable_accuracy(&all_gold, &all_raw).percent(),
        a.percent(),
        repaired.repair.changed
    );
    assert!(a.percent() >= 98.0, "{}: {:.2} %", case.file, a.percent());
}

#[test]
fn png_page() {
    if ocr_ready("png_page") {
        check(&Case {
            file: "tue-tinh-p1.png",
            format: "image",
            encoding: "png",
            gold: &["tue-tinh-p1"],
            ocr_pages: &[1],
        });
    }
}

#[test]
fn two_page_tiff() {
    if ocr_ready("two_page_tiff") {
        check(&Case {
            file: "tue-tinh-p1-p2.tif",
            format: "image",
            encoding: "tiff",
            gold: &["tue-tinh-p1", "tue-tinh-p2"],
            ocr_pages: &[1, 2],
        });
    }
}

#[test]
fn jpeg_part_of_a_page() {
    if ocr_ready("jpeg_part_of_a_page") {
        check(&Case {
            file: "tue-tinh-p2-top.jpg",
            format: "image",
            encoding: "jpeg",
            gold: &["tue-tinh-p2-top"],
            ocr_pages: &[1],
        });
    }
}

#[test]
fn image_only_pdf() {
    if ocr_ready("image_only_pdf") {
        check(&Case {
            file: "tue-tinh-scan.pdf",
            format: "pdf",
            encoding: "pdf",
            gold: &["tue-tinh-p1", "tue-tinh-p2"],
            ocr_pages: &[1, 2],
        });
    }
}

#[test]
fn mixed_pdf_keeps_the_text_layer() {
    if ocr_ready("mixed_pdf_keeps_the_text_layer") {
        check(&Case {
            file: "tue-tinh-mixed.pdf",
            format: "pdf",
            encoding: "pdf",
            gold: &["tue-tinh-p1", "tue-tinh-p2"],
            ocr_pages: &[2],
        });
    }
}

/// The whole path, repair included: the scanned plan gives the header, number and date the
/// same pages typed as text give.
#[test]
fn scanned_pdf_converts_like_its_text() {
    if !ocr_ready("scanned_pdf_converts_like_its_text") {
        return;
    }
    let conv = Converter::new(Options::default()).expect("converter");
    let scan = conv
        .convert_file(&path("fixtures/ocr/tue-tinh-scan.pdf"))
        .expect("scan");
    let text = gold("tue-tinh-p1") + &gold("tue-tinh-p2");
    let typed = conv
        .convert_bytes("pages.txt", text.as_bytes())
        .expect("text");
    assert!(!scan.parts.is_empty());
    assert_eq!(scan.parts.len(), typed.parts.len());
    for (s, t) in scan.parts.iter().zip(&typed.parts) {
        let (s, t) = (
            serde_json::to_value(s).expect("json"),
            serde_json::to_value(t).expect("json"),
        );
        for key in ["kind", "number", "date", "issuer", "title", "signer"] {
            assert_eq!(s[key], t[key], "{key}");
        }
    }
    assert_eq!(
        scan.parts[0].number.as_ref().map(|n| n.raw.as_str()),
        Some("362/QĐ-UBND")
    );
    // provenance: every line of the document points at page 1 or 2
    assert!(scan.lines.iter().all(|l| matches!(l.page, Some(1 | 2))));
}

#[test]
fn missing_tesseract_names_the_file_and_the_packages() {
    for file in ["tue-tinh-p1.png", "tue-tinh-scan.pdf"] {
        let conv = Converter::new(Options {
            repair: RepairMode::Never,
            ocr: sohoa_ocr::OcrOptions {
                tesseract: "/nonexistent/tesseract".into(),
                ..sohoa_ocr::OcrOptions::default()
            },
            ..Options::default()
        })
        .expect("converter");
        let p = path(&format!("fixtures/ocr/{file}"));
        if file.ends_with(".pdf") && Command::new("pdftoppm").arg("-v").output().is_err() {
            continue; // the PDF page is rendered before tesseract is needed
        }
        let err = conv.convert_file(&p).expect_err("no tesseract");
        assert!(matches!(err, ConvertError::Ocr { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.starts_with(&p.display().to_string()), "{msg}");
        assert!(
            msg.contains("apt-get install tesseract-ocr tesseract-ocr-vie"),
            "{msg}"
        );
    }
}

#[test]
fn a_text_pdf_needs_no_ocr() {
    // no OCR program at all: a PDF with a text layer on every page never calls it
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        ocr: sohoa_ocr::OcrOptions {
            tesseract: "/nonexistent/tesseract".into(),
            pdftoppm: "/nonexistent/pdftoppm".into(),
            ..sohoa_ocr::OcrOptions::default()
        },
        ..Options::default()
    })
    .expect("converter");
    let doc = conv
        .convert_file(&path("fixtures/pdf/tue-tinh-2025h2.pdf"))
        .expect("text PDF");
    assert!(doc.source.ocr_pages.is_empty());
    let json = serde_json::to_value(&doc.source).expect("json");
    assert!(json.get("ocr_pages").is_none());
}
