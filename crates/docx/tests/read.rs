//! The .docx reader on files LibreOffice wrote (`tools/make-docx-fixtures.sh`) and on broken
//! archives built here.

use std::io::Write;

use sohoa_docx::{read_docx, DocxError, Item, Limits};

fn data(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A zip archive holding `entries` (deflated).
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).expect("entry");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

const DOC_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[test]
fn lists_breaks_and_tables_from_libreoffice() {
    let doc = read_docx(&data("lists.docx"), &Limits::default()).expect("reads");
    let lines: Vec<String> = doc.lines().into_iter().map(|l| l.text).collect();
    // numbering as Word shows it: Roman, then decimal restarting under each Roman item,
    // letters, a bullet, a list that starts at 5; a manual line break starts a new line
    let want = [
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU ",
        "1. Mục đích",
        "2. Yêu cầu",
        "dòng thứ hai",
        "II. NHIỆM VỤ ",
        "1. Cải cách thể chế ",
        "a. Rà soát văn bản",
        "b. Kiểm tra",
        "• Gạch đầu dòng",
        "5. Năm",
        "6. Sáu",
    ];
    assert_eq!(lines[..want.len()], want);
    assert_eq!(lines.last().map(String::as_str), Some("Hết."));
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!(t.columns, 3);
    assert_eq!(t.rows.len(), 4);
    // "I. Nhóm một" spans the three columns
    assert_eq!(t.rows[1].cells.len(), 1);
    assert_eq!(t.rows[1].cells[0].span, 3);
    assert_eq!(t.rows[1].cells[0].paragraphs[0].lines, ["I. Nhóm một"]);
    // "Phòng Kinh tế" is merged down into the next row
    let below = &t.rows[3].cells;
    assert_eq!(below.len(), 3);
    assert!(below[2].merged && below[2].paragraphs.is_empty());
    assert_eq!(below[2].col, 2);
    assert_eq!(t.rows[2].cells[2].paragraphs[0].lines, ["Phòng Kinh tế"]);
    assert!(!t.rows[2].cells[2].merged);
    // each line knows its cell
    let cells: Vec<_> = doc.lines().into_iter().filter_map(|l| l.cell).collect();
    assert_eq!(cells.first(), Some(&(0, 0, 0)));
    assert_eq!(cells.len(), 9);
}

#[test]
fn word_features_read_from_xml() {
    let xml = format!(
        r#"{DOC_START}
        <w:p><w:r><w:t xml:space="preserve">Một </w:t></w:r><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:ins><w:r><w:t>hai</w:t></w:r></w:ins><w:r><w:tab/><w:t>ba</w:t><w:br/><w:t>bốn</w:t></w:r></w:p>
        <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
        <w:p><w:r><w:t>Neo</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>
        <w:sdt><w:sdtContent><w:p><w:r><w:t>Nội dung sdt</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
          <w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>
        <w:p><w:r><w:t>Ho&#x301;a</w:t></w:r></w:p>
        <w:sectPr/></w:body></w:document>"#
    );
    let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
    let doc = read_docx(&bytes, &Limits::default()).expect("reads");
    let lines: Vec<String> = doc.lines().into_iter().map(|l| l.text).collect();
    assert_eq!(
        lines,
        [
            "Một hai\tba",
            "bốn",
            "5",
            "Neo",
            "Trong hộp",
            "Nội dung sdt",
            "TT",
            "Nội dung",
            "b",
            "lồng",
            "c",
            "Hóa",
        ]
    );
    let t = doc.tables().next().expect("table");
    assert!(t.rows[0].header);
    assert_eq!((t.rows[0].cells[1].col, t.rows[0].cells[1].span), (1, 2));
    assert_eq!((t.rows[1].cells[0].col, t.rows[1].cells[1].col), (1, 2));
    assert!(!t.rows[1].cells[1].merged);
    assert!(matches!(doc.body[0], Item::Paragraph(_)));
}

#[test]
fn numbering_through_styles_and_relationships() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/doc/main.xml"/></Relationships>"#;
    let doc_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="parts/num.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../styles/s.xml"/></Relationships>"#;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles {w}><w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:styleId="Item"><w:basedOn w:val="Base"/></w:style></w:styles>"#
    );
    let main = format!(
        r#"{DOC_START}<w:p><w:pPr><w:pStyle w:val="Item"/></w:pPr><w:r><w:t>Một</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Item"/></w:pPr><w:r><w:t>Hai</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Item"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Không số</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("doc/_rels/main.xml.rels", doc_rels.as_bytes()),
        ("doc/main.xml", main.as_bytes()),
        ("doc/parts/num.xml", numbering.as_bytes()),
        ("styles/s.xml", styles.as_bytes()),
    ]);
    let doc = read_docx(&bytes, &Limits::default()).expect("reads");
    let lines: Vec<String> = doc.lines().into_iter().map(|l| l.text).collect();
    assert_eq!(lines, ["a) Một", "b) Hai", "Không số"]);
}

#[test]
fn broken_files_are_typed_errors() {
    let limits = Limits::default();
    let e = read_docx(b"KE HOACH\n", &limits).expect_err("not a zip");
    assert!(matches!(e, DocxError::NotZip(_)), "{e:?}");

    let e = read_docx(&zip_of(&[("xl/workbook.xml", b"<a/>")]), &limits).expect_err("xlsx");
    assert!(matches!(e, DocxError::MissingPart(_)), "{e:?}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");

    let bad = format!("{DOC_START}\n<w:p><w:r><w:t>Một</w:r></w:p></w:body></w:document>");
    let e = read_docx(&zip_of(&[("word/document.xml", bad.as_bytes())]), &limits)
        .expect_err("malformed");
    match &e {
        DocxError::Xml { part, line, .. } => {
            assert_eq!(part, "word/document.xml");
            assert_eq!(*line, 2);
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("line 2, column"), "{e}");

    let e = read_docx(&zip_of(&[("word/document.xml", b"<a>\xff</a>")]), &limits)
        .expect_err("not utf-8");
    assert!(matches!(e, DocxError::NotUtf8 { offset: 3, .. }), "{e:?}");

    // a real file cut short
    let full = data("lists.docx");
    for k in [1, 5, 9] {
        let cut = &full[..full.len() * k / 10];
        assert!(read_docx(cut, &limits).is_err(), "cut at {k}/10");
    }
}

#[test]
fn zip_bombs_stop_at_the_limit() {
    // 8 MiB of spaces deflate to a few KiB
    let mut xml = DOC_START.as_bytes().to_vec();
    xml.resize(8 << 20, b' ');
    xml.extend_from_slice(b"</w:body></w:document>");
    let bytes = zip_of(&[("word/document.xml", &xml)]);
    assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
    let small = Limits {
        max_part_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = read_docx(&bytes, &small).expect_err("over the limit");
    assert!(matches!(e, DocxError::TooLarge { .. }), "{e:?}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    // within the default limits the same file reads (an empty document)
    assert!(read_docx(&bytes, &Limits::default())
        .expect("reads")
        .body
        .is_empty());
}

#[test]
fn damaged_bytes_never_panic() {
    // every byte position class of a real file flipped, and runs of bytes zeroed: an error or
    // a document, never a panic (a simple deterministic generator, no extra dependency)
    let full = data("lists.docx");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..400 {
        let mut bytes = full.clone();
        let n = 1 + (next() % 8) as usize;
        for _ in 0..n {
            let i = (next() as usize) % bytes.len();
            if round % 2 == 0 {
                bytes[i] ^= 1 << (next() % 8);
            } else {
                let end = (i + (next() % 64) as usize).min(bytes.len());
                bytes[i..end].fill(0);
            }
        }
        let _ = read_docx(&bytes, &Limits::default());
    }
}
