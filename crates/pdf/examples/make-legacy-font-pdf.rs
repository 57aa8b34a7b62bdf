//! Writes `fixtures/pdf/legacy-fonts.pdf` (issue 5: "fonts with legacy Vietnamese encodings
//! decoded by font name"): a four-page plan whose text is drawn with fonts named `.VnTime`,
//! `ABCDEF+.VnTimeH` (TCVN3 bytes) and `VNI-Times` (VNI-Windows bytes, a letter with a mark
//! written as two bytes), with no ToUnicode map — as old plans typed with those fonts are. The
//! bytes are encoded by `sohoa_text::encode` (tables from Unikey and GNU libiconv). Every page
//! has a running header at the top and its page number at the bottom; page 2's content stream
//! is missing (the reader must warn about page 2 and keep pages 1, 3 and 4); page 3 has a line
//! in a font whose ToUnicode map gives decomposed accents (base letter, then a combining mark
//! glyph), page 4 a line whose words are placed apart by `TJ` displacements, not spaces.
//!
//! `cargo run -p sohoa-pdf --example make-legacy-font-pdf` (from the repository root).
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};
use sohoa_text::{encode, Encoding};

/// (font resource, encoding, x, y from the bottom, text)
type Line = (&'static str, Encoding, i64, i64, &'static str);

fn text_ops(lines: &[Line]) -> Vec<Operation> {
    let mut ops = Vec::new();
    for &(font, enc, x, y, text) in lines {
        let bytes = match enc {
            Encoding::Tcvn3 | Encoding::Vni => encode(text, enc),
            // the F5 font: NFD, combining hook above and acute as codes 0x81 and 0x82
            Encoding::Utf16Be => text
                .chars()
                .map(|c| match c {
                    '\u{309}' => 0x81,
                    '\u{301}' => 0x82,
                    c if c.is_ascii() => c as u8,
                    _ => b'?',
                })
                .collect(),
            _ => text.as_bytes().to_vec(),
        };
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec![font.into(), 13.into()]));
        ops.push(Operation::new("Td", vec![x.into(), y.into()]));
        if text.contains('|') {
            // words placed apart by TJ displacements, no space characters
            let mut items = Vec::new();
            for (k, w) in text.split('|').enumerate() {
                if k > 0 {
                    items.push(Object::Integer(-350));
                }
                items.push(Object::String(encode(w, enc), StringFormat::Literal));
            }
            ops.push(Operation::new("TJ", vec![Object::Array(items)]));
        } else {
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(bytes, StringFormat::Literal)],
            ));
        }
        ops.push(Operation::new("ET", vec![]));
    }
    ops
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font = |doc: &mut Document, name: &str| {
        doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "TrueType",
            "BaseFont" => Object::Name(name.as_bytes().to_vec()),
            "Encoding" => "WinAnsiEncoding",
        })
    };
    let f1 = font(&mut doc, ".VnTime");
    let f2 = font(&mut doc, "ABCDEF+.VnTimeH");
    let f3 = font(&mut doc, "VNI-Times");
    let f4 = font(&mut doc, "Helvetica");
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CMapName /Sohoa-NFD def 1 begincodespacerange <00> <FF> endcodespacerange\n\
2 beginbfchar <81> <0309> <82> <0301> endbfchar\n\
endcmap CMapName currentdict /CMap defineresource pop end end\n";
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
    let f5 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3, "F4" => f4, "F5" => f5 },
    });
    let header: Line = (
        "F1",
        Encoding::Tcvn3,
        200,
        810,
        "Kế hoạch cải cách hành chính xã An Lão",
    );
    let t = Encoding::Tcvn3;
    let v = Encoding::Vni;
    let u = Encoding::Utf8;
    let pages: Vec<Option<Vec<Line>>> = vec![
        Some(vec![
            header,
            ("F2", t, 60, 770, "UỶ BAN NHÂN DÂN"),
            ("F2", t, 300, 770, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("F2", t, 80, 754, "XÃ AN LÃO"),
            ("F3", v, 320, 754, "Độc lập - Tự do - Hạnh phúc"),
            ("F2", t, 260, 700, "KẾ HOẠCH"),
            (
                "F1",
                t,
                150,
                684,
                "Cải cách hành chính xã An Lão 6 tháng cuối năm 2025",
            ),
            ("F2", t, 60, 650, "I. MỤC ĐÍCH, YÊU CẦU"),
            (
                "F1",
                t,
                60,
                634,
                "1. Mục đích: nâng cao chất lượng phục vụ người dân, tổ chức;",
            ),
            (
                "F3",
                v,
                60,
                618,
                "- Tỷ lệ hồ sơ trực tuyến toàn trình đạt từ 50% trở lên.",
            ),
            ("F4", u, 295, 40, "1"),
        ]),
        // page 2: its content stream is missing
        None,
        Some(vec![
            header,
            ("F2", t, 60, 770, "II. TỔ CHỨC THỰC HIỆN"),
            (
                "F3",
                v,
                60,
                754,
                "Giao Phòng Văn hóa - Xã hội chủ trì, theo dõi, đôn đốc.",
            ),
            (
                "F1",
                t,
                60,
                738,
                "Trên đây là Kế hoạch cải cách hành chính của xã./.",
            ),
            // "Cải cách" in NFD: a + U+0309, a + U+0301
            ("F5", Encoding::Utf16Be, 60, 722, "Ca\u{309}i ca\u{301}ch"),
            ("F4", u, 295, 40, "3"),
        ]),
        Some(vec![
            header,
            ("F1", t, 60, 770, "Nơi nhận:"),
            ("F1", t, 60, 754, "- Phòng Văn hóa - Xã hội;"),
            ("F3", v, 60, 738, "- Lưu:|VT,|VHXH."),
            ("F4", u, 295, 40, "4"),
        ]),
    ];
    let mut kids = Vec::new();
    for lines in pages {
        let contents: Object = match lines {
            Some(lines) => {
                let content = Content {
                    operations: text_ops(&lines),
                };
                doc.add_object(Stream::new(dictionary! {}, content.encode()?))
                    .into()
            }
            // an object number nothing defines
            None => Object::Reference((9999, 0)),
        };
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => contents,
            "Resources" => resources,
        });
        kids.push(Object::from(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save("fixtures/pdf/legacy-fonts.pdf")?;
    println!("wrote fixtures/pdf/legacy-fonts.pdf");
    Ok(())
}
