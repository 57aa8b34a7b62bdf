//! `read_pdf` on the committed fixtures (`tools/make-pdf-fixtures.sh`): text, positions, errors.

use sohoa_pdf::{read_pdf, PdfError};
use unicode_normalization::is_nfc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn seed_pdf_gives_vietnamese_lines_in_reading_order() {
    let text = read_pdf(&fixture("an-lao-2025h2.pdf")).expect("reads");
    assert!(text.warnings.is_empty(), "{:?}", text.warnings);
    assert!(text.pages.len() > 10);
    let first = &text.pages[0].lines;
    assert_eq!(first[0].text, "UỶ BAN NHÂN DÂN");
    assert_eq!(first[2].text, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    for (i, p) in text.pages.iter().enumerate() {
        assert_eq!(p.number, i as u32 + 1);
        for w in p.lines.windows(2) {
            assert!(
                w[0].y < w[1].y,
                "top to bottom: {:?} / {:?}",
                w[0].text,
                w[1].text
            );
        }
        for l in &p.lines {
            assert!(is_nfc(&l.text), "{}", l.text);
            assert!(l.font_size > 5.0 && l.x > 0.0);
            let joined: Vec<&str> = l.words.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(joined.join(" "), l.text);
            assert!(l
                .words
                .iter()
                .all(|w| w.x0 <= w.x1 && !w.text.contains(' ')));
        }
    }
}

#[test]
fn encrypted_pdf_is_a_clear_error() {
    let err = read_pdf(&fixture("encrypted.pdf")).expect_err("encrypted");
    assert!(matches!(err, PdfError::Encrypted), "{err:?}");
    assert!(err.to_string().contains("encrypted"));
}

#[test]
fn not_a_pdf() {
    assert!(matches!(read_pdf(b"hello"), Err(PdfError::NotPdf)));
    assert!(matches!(read_pdf(b""), Err(PdfError::NotPdf)));
}

/// Truncated at many points: an error or the pages that could be read, never a panic.
#[test]
fn truncated_pdf_never_panics() {
    let bytes = fixture("tue-tinh-2025h2.pdf");
    for k in 1..40 {
        let cut = bytes.len() * k / 40;
        match read_pdf(&bytes[..cut]) {
            Ok(t) => assert!(!t.pages.is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    let err = read_pdf(&bytes[..bytes.len() / 3]);
    assert!(err.is_err() || err.is_ok_and(|t| !t.warnings.is_empty() || !t.pages.is_empty()));
}
