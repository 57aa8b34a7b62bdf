//! Property tests: whatever text comes in, the pipeline does not panic, every document's line
//! span lies inside the file, sections nest inside their parents, and the output validates
//! against the committed JSON Schema (`crates/model/schema/sohoa-1.schema.json`, issue 7).

use std::sync::OnceLock;

use proptest::prelude::*;
use sohoa_model::Section;
use sohoa_pipeline::{Converter, Options, RepairMode};

/// Lines built from the pieces plans are made of: labels, bullets, header words, numbers, dates,
/// table rows, motto, noise.
fn plan_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("I. MỤC ĐÍCH, YÊU CẦU".to_string()),
        Just("II.".to_string()),
        Just("1. Mục đích:".to_string()),
        Just("2.1. Cải cách thể chế".to_string()),
        Just("a) ".to_string()),
        Just("đ) Trung tâm".to_string()),
        Just("- ".to_string()),
        Just("+ ".to_string()),
        Just("Điều 1.".to_string()),
        Just("ỦY BAN NHÂN DÂN".to_string()),
        Just("XÃ AN LÃO".to_string()),
        Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()),
        Just("Độc lập - Tự do - Hạnh phúc".to_string()),
        Just("KẾ HOẠCH".to_string()),
        Just("QUYẾT ĐỊNH:".to_string()),
        Just("Số: 362/QĐ-UBND".to_string()),
        Just("Xã Tuệ Tĩnh, ngày 28 tháng 7 năm 2025".to_string()),
        Just("(Kèm theo Quyết định số /QĐ-UBND ngày 30/7/2025".to_string()),
        Just("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;".to_string()),
        Just("Nghị định số 45/2020/NĐ-CP của Chính phủ".to_string()),
        Just("TT Nội dung công việc".to_string()),
        Just("Phụ lục số 01".to_string()),
        Just("Nơi nhận:".to_string()),
        Just("KT. CHỦ TỊCH".to_string()),
        Just("đạt 90% trở lên".to_string()),
        Just("Quý III,IV/2025".to_string()),
        Just("Ký bởi: x".to_string()),
        Just(" | ".to_string()),
        Just("./.".to_string()),
        "[0-9]{1,4}".prop_map(|s| s),
        "[a-zàáạảãâầấđêếệôồơớưứ ,;:.()/-]{0,30}".prop_map(|s| s),
    ];
    prop::collection::vec((prop::collection::vec(piece, 0..5), prop::bool::ANY), 0..60).prop_map(
        |lines| {
            lines
                .into_iter()
                .map(|(pieces, blank)| {
                    let mut l = pieces.join(" ");
                    if blank {
                        l.push('\n');
                    }
                    l
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
    )
}

/// The committed schema, compiled once.
fn schema() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path = format!(
            "{}/../model/schema/sohoa-1.schema.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    })
}

fn validates(doc: &sohoa_model::Document) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let errors: Vec<String> = schema()
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .take(5)
        .collect();
    prop_assert!(errors.is_empty(), "output does not validate: {:?}", errors);
    Ok(())
}

fn check_nesting(s: &Section, lo: u32, hi: u32) {
    assert!(s.lines.first <= s.lines.last, "{s:?}");
    assert!(
        lo <= s.lines.first && s.lines.last <= hi,
        "{s:?} not in {lo}..{hi}"
    );
    for c in &s.children {
        check_nesting(c, s.lines.first, s.lines.last);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_and_keeps_spans(text in plan_like()) {
        let conv = Converter::new(Options { repair: RepairMode::Never, ..Options::default() })
            .expect("converter");
        let doc = conv.convert_bytes("prop.txt", text.as_bytes()).expect("valid UTF-8 converts");
        let n = doc.lines.len() as u32;
        let mut prev_last = 0;
        for p in &doc.parts {
            prop_assert!(p.lines.first >= 1 && p.lines.last <= n && p.lines.first <= p.lines.last);
            prop_assert!(p.lines.first > prev_last, "documents overlap");
            prev_last = p.lines.last;
            for s in &p.sections {
                check_nesting(s, p.lines.first, p.lines.last);
            }
            for c in &p.citations {
                prop_assert!(c.line >= p.lines.first && c.line <= p.lines.last);
            }
        }
        prop_assert!(serde_json::to_string(&doc).is_ok());
        validates(&doc)?;
    }

    /// With repair on (as by default), on plan-like text with OCR-like damage.
    #[test]
    fn repaired_output_validates(text in plan_like(), noise in "[0-9@&€¢a-z]{0,40}") {
        static CONV: OnceLock<Converter> = OnceLock::new();
        let conv = CONV.get_or_init(|| Converter::new(Options::default()).expect("converter"));
        let doc = conv
            .convert_bytes("prop.txt", format!("{text}\n{noise}").as_bytes())
            .expect("valid UTF-8 converts");
        validates(&doc)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let conv = Converter::new(Options { repair: RepairMode::Never, ..Options::default() })
            .expect("converter");
        if let Ok(doc) = conv.convert_bytes("bytes.bin", &bytes) {
            validates(&doc)?;
        }
    }
}
