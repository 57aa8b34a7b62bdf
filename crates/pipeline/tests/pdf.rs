//! The PDF path (issue 5): each clean seed exported to PDF by LibreOffice
//! (`tools/make-pdf-fixtures.sh`, `fixtures/pdf/`) converts to the same JSON as the seed's text.
//!
//! What is compared, and why only that: the fields a reader of the plan uses — per document the
//! header fields (kind, issuer, number, place, date, title, period, signer, authority), the
//! section tree's labels and headings, each citation's document type, number, type code, year,
//! issuer code, date and name, and each task's number, group, content, lead, partners,
//! timeline, due date and output. Line numbers (`line`, `lines`) are not compared: LibreOffice
//! wraps long source lines, so the PDF has more lines than the text file; `page` is not
//! compared either, since only the PDF has pages.

use serde_json::Value;
use sohoa_pipeline::{ConvertError, Converter, Options};

const SEEDS: [&str; 4] = [
    "an-bien-2026-2030",
    "an-lao-2025h2",
    "ngoc-lien-2025",
    "tue-tinh-2025h2",
];
const HEADER: [&str; 10] = [
    "kind",
    "kind_label",
    "issuer",
    "number",
    "place",
    "date",
    "title",
    "period",
    "signer",
    "authority",
];
const CITATION: [&str; 7] = [
    "doc_type",
    "number",
    "type_code",
    "year",
    "issuer_code",
    "date",
    "name",
];
const TASK: [&str; 8] = [
    "no", "group", "content", "lead", "partners", "timeline", "due", "output",
];

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

fn sections(v: &Value, out: &mut Vec<(String, Value, Value)>, path: &str) {
    for (i, s) in v.as_array().into_iter().flatten().enumerate() {
        let here = format!("{path}/{i}");
        out.push((here.clone(), s["label"].clone(), s["heading"].clone()));
        sections(&s["children"], out, &here);
    }
}

/// The compared fields as (name, value) pairs.
fn fields(doc: &sohoa_model::Document) -> Vec<(String, Value)> {
    let v = serde_json::to_value(doc).expect("serialises");
    let mut out = Vec::new();
    for (d, part) in v["documents"].as_array().into_iter().flatten().enumerate() {
        for k in HEADER {
            out.push((format!("doc {d} {k}"), part[k].clone()));
        }
        let mut secs = Vec::new();
        sections(&part["sections"], &mut secs, "");
        for (p, label, heading) in secs {
            out.push((
                format!("doc {d} section {p}"),
                Value::Array(vec![label, heading]),
            ));
        }
        for (i, c) in part["citations"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            for k in CITATION {
                out.push((format!("doc {d} citation {i} {k}"), c[k].clone()));
            }
        }
        for (i, t) in part["tasks"].as_array().into_iter().flatten().enumerate() {
            for k in TASK {
                out.push((format!("doc {d} task {i} {k}"), t[k].clone()));
            }
        }
    }
    out
}

#[test]
fn seed_pdfs_give_the_text_files_json() {
    let conv = Converter::new(Options::default()).expect("converter");
    for seed in SEEDS {
        let txt_path = format!("{}/fixtures/seeds/{seed}.txt", root());
        let pdf_path = format!("{}/fixtures/pdf/{seed}.pdf", root());
        let txt = conv
            .convert_file(std::path::Path::new(&txt_path))
            .expect("text converts");
        let pdf = conv
            .convert_file(std::path::Path::new(&pdf_path))
            .expect("PDF converts");
        assert_eq!(pdf.source.format, sohoa_model::Format::Pdf);
        assert!(pdf.source.pages.is_some_and(|n| n > 1));
        assert!(pdf.lines.iter().all(|l| l.page.is_some()));
        let (a, b) = (fields(&txt), fields(&pdf));
        let differ: Vec<_> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| format!("{}: {} / {}", x.0, x.1, y.1))
            .collect();
        assert_eq!(a.len(), b.len(), "{seed}: field counts");
        assert!(
            differ.is_empty(),
            "{seed}: {} of {} differ:\n{}",
            differ.len(),
            a.len(),
            differ.join("\n")
        );
        assert!(
            a.iter().any(|(k, _)| k.contains("citation")),
            "{seed}: compares citations"
        );
    }
}

#[test]
fn encrypted_and_truncated_pdfs_are_clear_errors() {
    let conv = Converter::new(Options::default()).expect("converter");
    let enc = std::fs::read(format!("{}/fixtures/pdf/encrypted.pdf", root())).expect("fixture");
    let err = conv
        .convert_bytes("encrypted.pdf", &enc)
        .expect_err("refused");
    assert!(matches!(err, ConvertError::Pdf { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("encrypted.pdf: ") && err.to_string().contains("encrypted")
    );
    let full =
        std::fs::read(format!("{}/fixtures/pdf/an-lao-2025h2.pdf", root())).expect("fixture");
    for k in [1, 3, 5, 7, 9] {
        let cut = &full[..full.len() * k / 10];
        match conv.convert_bytes("cut.pdf", cut) {
            Ok(doc) => assert!(!doc.lines.is_empty()),
            Err(e) => assert!(matches!(e, ConvertError::Pdf { .. }), "{e:?}"),
        }
    }
}

/// A plan typed with legacy Vietnamese fonts (`.VnTime` TCVN3, `VNI-Times` VNI; no ToUnicode)
/// converts like a Unicode one; its damaged page 2 is a warning naming the page, the other
/// pages are converted (`fixtures/pdf/legacy-fonts.pdf`, made by
/// `cargo run -p sohoa-pdf --example make-legacy-font-pdf`).
#[test]
fn legacy_font_pdf_converts_with_a_page_warning() {
    let conv = Converter::new(Options::default()).expect("converter");
    let path = format!("{}/fixtures/pdf/legacy-fonts.pdf", root());
    let doc = conv
        .convert_file(std::path::Path::new(&path))
        .expect("converts");
    assert_eq!(doc.source.pages, Some(4));
    let w: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "pdf_page_unreadable")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", doc.warnings);
    assert!(w[0].message.starts_with("page 2:"), "{}", w[0].message);
    let part = &doc.parts[0];
    assert_eq!(
        part.title.as_deref(),
        Some("Cải cách hành chính xã An Lão 6 tháng cuối năm 2025")
    );
    assert_eq!(part.issuer.unit_name.as_deref(), Some("An Lão"));
    let headings: Vec<_> = part
        .sections
        .iter()
        .map(|s| s.heading.clone().unwrap_or_default())
        .collect();
    assert_eq!(headings, ["MỤC ĐÍCH, YÊU CẦU", "TỔ CHỨC THỰC HIỆN"]);
    assert_eq!(part.targets.len(), 1);
    assert_eq!(part.targets[0].value, 50.0);
    // the running header (on pages 1, 3 and 4) and the page numbers are not text
    assert!(doc
        .lines
        .iter()
        .all(|l| !l.text.contains("Kế hoạch cải cách hành chính xã")));
    assert!(doc
        .lines
        .iter()
        .all(|l| l.text.trim() != "1" && l.text.trim() != "4"));
}
