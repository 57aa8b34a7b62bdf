//! Line repair (diacritics and OCR confusions) over arbitrary text, in `always` mode so every
//! line goes through the decoder. Checked: one output line per input line, no line break added,
//! whitespace tokens kept one for one, numbers (tokens of digits and `.,/-:%`, 3 characters or
//! more: dates, amounts, document numbers) unchanged, and no digit invented or turned into
//! another digit (the digits of the output are a subsequence of the input's: an OCR digit
//! inside a word may become the letter it stands for, "th0ng" → "thông", "6" → "ở").
#![no_main]
#![forbid(unsafe_code)]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sohoa_repair::eval::check_line_contract;
use sohoa_repair::{Mode, Repairer};

fn repairer() -> &'static Repairer {
    static R: OnceLock<Repairer> = OnceLock::new();
    R.get_or_init(|| Repairer::embedded().expect("the embedded model loads"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
    let out = repairer().repair_lines(&lines, Mode::Always);
    assert_eq!(out.len(), lines.len(), "one repair per line");
    for (l, r) in lines.iter().zip(&out) {
        if let Err(e) = check_line_contract(l, &r.text) {
            panic!("{e}");
        }
    }
    let auto = repairer().repair_lines(&lines, Mode::Auto);
    assert_eq!(auto.len(), lines.len(), "one repair per line");
});
