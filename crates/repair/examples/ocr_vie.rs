//! What `--repair auto` does to tesseract's Vietnamese-model output (issue 5, scanned pages).
//!
//! ```text
//! cargo run --release -p sohoa-repair --example ocr_vie -- ../shared/ocr-pairs
//! ```
//! For each rendered document of `make-ocr-pairs.sh` (`<dir>/gold.txt` and tesseract `-l vie`
//! output of the clean, degraded and hard scans: `ocr_vie.txt`, `ocr_deg_vie.txt`,
//! `ocr_hard_vie.txt`), the syllable accuracy of the raw OCR and of the OCR repaired with
//! `repair_lines(.., Mode::Auto)`, and how many tokens repair changed. The model is the
//! committed one, trained on the four seeds these pages were rendered from, so the repaired
//! figures are slightly optimistic.

use std::path::PathBuf;

use sohoa_repair::eval::syllable_accuracy;
use sohoa_repair::{Mode, Repairer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/ocr-pairs".into()),
    );
    let repairer = Repairer::embedded()?;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.txt").exists())
        .collect();
    dirs.sort();
    println!("| document | scan | gold tokens | raw OCR | repaired | tokens changed |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut total = std::collections::BTreeMap::<&str, (usize, usize, usize, usize)>::new();
    for dir in &dirs {
        let gold = std::fs::read_to_string(dir.join("gold.txt"))?.replace('\u{c}', "\n");
        for (scan, file) in [
            ("clean", "ocr_vie.txt"),
            ("degraded", "ocr_deg_vie.txt"),
            ("hard", "ocr_hard_vie.txt"),
        ] {
            let Ok(ocr) = std::fs::read_to_string(dir.join(file)) else {
                continue;
            };
            let ocr = ocr.replace('\u{c}', "\n");
            let lines: Vec<&str> = ocr.lines().collect();
            let fixed = repairer.repair_lines(&lines, Mode::Auto);
            let changed: usize = fixed
                .iter()
                .filter(|r| r.applied)
                .map(|r| r.edits.len())
                .sum();
            let fixed: Vec<String> = fixed.into_iter().map(|r| r.text).collect();
            let raw = syllable_accuracy(&gold, &ocr);
            let rep = syllable_accuracy(&gold, &fixed.join("\n"));
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
            println!(
                "| {} | {scan} | {} | {:.2} % | {:.2} % | {changed} |",
                name.unwrap_or_default(),
                raw.gold,
                raw.percent(),
                rep.percent()
            );
            let t = total.entry(scan).or_default();
            t.0 += raw.gold;
            t.1 += raw.matched;
            t.2 += rep.matched;
            t.3 += changed;
        }
    }
    for (scan, (n, raw, rep, changed)) in total {
        println!(
            "| **all** | {scan} | {n} | {:.2} % | {:.2} % | {changed} |",
            100.0 * raw as f64 / n.max(1) as f64,
            100.0 * rep as f64 / n.max(1) as f64
        );
    }
    Ok(())
}
