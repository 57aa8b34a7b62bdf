//! Check the rule-based syllable inventory against a word list, e.g. Debian's hunspell-vi:
//! `apt-get download hunspell-vi && dpkg-deb -x hunspell-vi_*.deb hv &&
//!  cargo run --release -p sohoa-repair --example inventory_check -- hv/usr/share/hunspell/vi_VN.dic`
use std::collections::BTreeSet;

use sohoa_repair::syllable::{canonical, inventory};
use unicode_normalization::UnicodeNormalization;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: inventory_check FILE.dic");
    let text = std::fs::read_to_string(&path).expect("read word list");
    let inv: BTreeSet<String> = inventory().into_iter().collect();
    let (mut n, mut valid) = (0usize, 0usize);
    let mut rejected = Vec::new();
    let mut listed = BTreeSet::new();
    for line in text.lines().skip(1) {
        let w: String = line.split('/').next().unwrap_or("").nfc().collect();
        if w.is_empty() || w.chars().any(|c| c.is_uppercase()) {
            continue; // abbreviations (ABC, HCM)
        }
        n += 1;
        match canonical(&w) {
            Some(c) => {
                valid += 1;
                listed.insert(c);
            }
            None => rejected.push(w),
        }
    }
    let missing = listed.iter().filter(|c| !inv.contains(*c)).count();
    println!(
        "{path}: {n} lowercase entries, {valid} valid by rule ({:.2} %), {} rejected: {:?}",
        100.0 * valid as f64 / n.max(1) as f64,
        rejected.len(),
        &rejected[..rejected.len().min(40)]
    );
    println!(
        "inventory {} syllables; {} distinct listed syllables, {missing} of them missing from the inventory",
        inv.len(),
        listed.len()
    );
}
