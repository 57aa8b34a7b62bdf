//! PDF reading: `sohoa_pdf::read_pdf` over arbitrary bytes (seeded with the PDF fixtures).
#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = sohoa_pdf::read_pdf(data) {
        for p in &text.pages {
            for l in &p.lines {
                assert!(!l.text.is_empty() || l.words.is_empty());
            }
        }
    }
});
