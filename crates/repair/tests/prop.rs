//! Property tests (issue 7): whatever the lines, repair keeps one output line per input line,
//! the whitespace tokens one for one, and never changes a number: tokens made of digits and
//! `.,/-:%` (dates, amounts, document numbers) come out as they went in, and no digit is
//! invented or turned into another digit (an OCR digit inside a word may become the letter it
//! stands for: the output's digits are a subsequence of the input's).

use std::sync::OnceLock;

use proptest::prelude::*;
use sohoa_repair::eval::check_line_contract;
use sohoa_repair::{Mode, Repairer};

fn repairer() -> &'static Repairer {
    static R: OnceLock<Repairer> = OnceLock::new();
    R.get_or_init(|| Repairer::embedded().expect("embedded model"))
}

fn plan_words() -> Vec<String> {
    let path = format!(
        "{}/../../fixtures/repair/lai-khe-head-ocr.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.sort();
    words.dedup();
    words
}

/// Lines of OCR'd plan words, stripped-accent words, numbers, dates and document numbers, and
/// words with digits and symbols for letters.
fn lines() -> impl Strategy<Value = Vec<String>> {
    let word = prop_oneof![
        4 => prop::sample::select(plan_words()),
        1 => "[0-9]{1,4}",
        1 => "[0-9]{1,2}/[0-9]{1,2}/20[0-9]{2}",
        1 => "[0-9]{1,4}/(QĐ|0P|KH|NQ)-UBND",
        1 => "[0-9]{1,3}[.,][0-9]{1,3}%?",
        1 => "[a-zđ0-9&@€¢§]{1,7}",
        1 => "(th0ng|6|1I|c0ng|ngh1|tr1en|kh4i)",
    ];
    let line = prop::collection::vec(word, 0..14).prop_map(|ws| ws.join(" "));
    prop::collection::vec(line, 1..6)
}

fn check(input: &[String], mode: Mode) -> Result<(), TestCaseError> {
    let out = repairer().repair_lines(input, mode);
    prop_assert_eq!(out.len(), input.len(), "one output line per input line");
    for (l, r) in input.iter().zip(&out) {
        check_line_contract(l, &r.text).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn repair_keeps_lines_tokens_and_numbers(input in lines()) {
        check(&input, Mode::Always)?;
        check(&input, Mode::Auto)?;
    }
}
