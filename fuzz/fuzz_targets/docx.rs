//! Word `.docx` reading over arbitrary bytes (seeded with the .docx fixtures).
#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = sohoa_docx::Limits {
        max_part_bytes: 16 << 20,
        max_nodes: 1_000_000,
    };
    if let Ok(d) = sohoa_docx::read_docx(data, &limits) {
        let _ = d.lines();
        let _ = d.tables().count();
    }
});
