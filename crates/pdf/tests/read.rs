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

/// `fixtures/pdf/legacy-fonts.pdf` (`cargo run -p sohoa-pdf --example make-legacy-font-pdf`):
/// text drawn with fonts named `.VnTime`, `ABCDEF+.VnTimeH` (TCVN3) and `VNI-Times` (VNI, a
/// letter with a mark in two bytes), without ToUnicode maps, decoded by the font's name to NFC
/// Vietnamese; a ToUnicode map giving decomposed accents yields NFC too; the running header and the page numbers are dropped by position; page 2 has no
/// content stream: a warning names it, pages 1, 3 and 4 are read; words placed apart by `TJ`
/// displacements instead of spaces are kept apart.
#[test]
fn legacy_vietnamese_fonts_decoded_by_name() {
    let text = read_pdf(&fixture("legacy-fonts.pdf")).expect("reads");
    let pages: Vec<u32> = text.pages.iter().map(|p| p.number).collect();
    assert_eq!(pages, [1, 3, 4]);
    assert_eq!(text.warnings.len(), 1, "{:?}", text.warnings);
    assert_eq!(text.warnings[0].page, 2);
    let lines: Vec<Vec<&str>> = text
        .pages
        .iter()
        .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect())
        .collect();
    assert_eq!(
        lines[0],
        [
            "UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "XÃ AN LÃO Độc lập - Tự do - Hạnh phúc",
            "KẾ HOẠCH",
            "Cải cách hành chính xã An Lão 6 tháng cuối năm 2025",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích: nâng cao chất lượng phục vụ người dân, tổ chức;",
            "- Tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 50% trở lên.",
        ]
    );
    assert_eq!(
        lines[1],
        [
            "II. TỔ CHỨC THỰC HIỆN",
            "Giao Phòng Văn hóa - Xã hội chủ trì, theo dõi, đôn đốc.",
            "Trên đây là Kế hoạch cải cách hành chính của xã./.",
            // written decomposed (base letter, then a combining mark glyph): NFC
            "Cải cách",
        ]
    );
    // the last line's words are placed apart by TJ displacements, not spaces
    assert_eq!(
        lines[2],
        ["Nơi nhận:", "- Phòng Văn hóa - Xã hội;", "- Lưu: VT, VHXH."]
    );
    for l in text.pages.iter().flat_map(|p| &p.lines) {
        assert!(is_nfc(&l.text), "{}", l.text);
        // a VNI letter's two bytes make one glyph: no word is cut at a mark
        assert!(l.words.iter().all(|w| !w.text.is_empty()));
    }
    // the two cells of the first line (two columns of the header) are two fragments
    let first = &text.pages[0].lines[0];
    let frags: Vec<&str> = first.fragments.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        frags,
        ["UỶ BAN NHÂN DÂN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    );
}

/// Fragments: one per cell line of a real table (LibreOffice export).
#[test]
fn table_cells_are_fragments() {
    let path = format!(
        "{}/../../fixtures/office/an-lao-2025h2.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = read_pdf(&bytes).expect("reads");
    let header = text
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .find(|l| l.text.starts_with("TT "))
        .expect("the table's header line");
    let frags: Vec<&str> = header.fragments.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        frags,
        ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Sản phẩm"]
    );
    for l in text.pages.iter().flat_map(|p| &p.lines) {
        let joined: Vec<&str> = l.fragments.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(joined.join(" "), l.text);
        assert!(l.fragments.windows(2).all(|w| w[0].x1 < w[1].x0));
    }
}
