//! Instruction counting aid: `passes N [ocr|clean]` repairs the bench input N times (after the
//! model load), so that `valgrind --tool=callgrind` of N passes minus 0 passes is the cost of N.
use sohoa_repair::{syllable::strip_marks, Mode, Repairer};

const CLEAN: &str = include_str!("../../../fixtures/repair/clean.txt");
const OCR: &str = include_str!("../../../fixtures/repair/lai-khe-head-ocr.txt");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let what = args.get(2).map(String::as_str).unwrap_or("stripped");
    let r = Repairer::embedded().expect("committed model loads");
    let (text, mode) = match what {
        "ocr" => (OCR.to_string(), Mode::Auto),
        "clean" => (CLEAN.to_string(), Mode::Auto),
        _ => (strip_marks(CLEAN), Mode::Always),
    };
    if n == 0 {
        eprintln!("vocabulary, bigrams, trigrams: {:?}", r.sizes());
    }
    let mut bytes = 0;
    for _ in 0..n {
        bytes += std::hint::black_box(r.repair_text(&text, mode)).0.len();
    }
    println!("{bytes}");
}
