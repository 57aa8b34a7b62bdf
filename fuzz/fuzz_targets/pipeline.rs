//! The whole pipeline on bytes (text, PDF or .docx by signature; repair on as by default), and
//! the JSON it writes.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sohoa_pipeline::{Converter, Options};

fn converter() -> &'static Converter {
    static C: OnceLock<Converter> = OnceLock::new();
    C.get_or_init(|| Converter::new(Options::default()).expect("converter"))
}

fuzz_target!(|data: &[u8]| {
    // A legacy .doc would be handed to LibreOffice: not what this target is about.
    if sohoa_docx::is_ole2(data) {
        return;
    }
    if let Ok(doc) = converter().convert_bytes("fuzz.bin", data) {
        let n = doc.lines.len() as u32;
        for p in &doc.parts {
            assert!(1 <= p.lines.first && p.lines.first <= p.lines.last && p.lines.last <= n);
        }
        let json = serde_json::to_string(&doc).expect("a document serialises");
        assert!(!json.is_empty());
    }
});
