//! Targets of the four clean seeds against hand-written expected lists
//! (fixtures/expected/<seed>.targets.json).

use sohoa_model::Target;
use sohoa_tasks::extract_targets;
use sohoa_text::{cleanup, decode, Block, BlockKind};

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A minimal section tracker standing in for the segmenter: Roman, numbered ("2.1" replaces
/// its parent "2") and lettered labels opening a block give the label path of that block and
/// of the blocks after it.
fn with_paths(blocks: &[Block]) -> Vec<(&Block, Option<String>)> {
    let roman = regex::Regex::new(r"^([IVX]{1,5})\.\s").unwrap();
    let number = regex::Regex::new(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s").unwrap();
    let letter = regex::Regex::new(r"^([a-zđ])\)\s").unwrap();
    let (mut r, mut n, mut l): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Text) {
        let t = b.text.trim_start();
        if let Some(c) = roman.captures(t) {
            (r, n, l) = (Some(c[1].to_string()), None, None);
        } else if let Some(c) = number.captures(t) {
            (n, l) = (Some(c[1].to_string()), None);
        } else if let Some(c) = letter.captures(t) {
            l = Some(c[1].to_string());
        } else if t.starts_with("Điều ") {
            (r, n, l) = (None, None, None);
        }
        let path: Vec<&str> = [&r, &n, &l]
            .into_iter()
            .flatten()
            .map(|s| s.as_str())
            .collect();
        out.push((b, (!path.is_empty()).then(|| path.join("."))));
    }
    out
}

fn check(seed: &str) {
    check_file(&format!("seeds/{seed}.txt"), seed);
}

fn check_file(rel: &str, seed: &str) {
    let text = decode(&fixture(rel), None).expect("decodes");
    let blocks = cleanup(&text.lines).blocks;
    let got = extract_targets(&with_paths(&blocks));
    let want: Vec<Target> =
        serde_json::from_slice(&fixture(&format!("expected/{seed}.targets.json"))).expect("parses");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "{seed}: target {i} differs");
    }
    assert_eq!(
        got.len(),
        want.len(),
        "{seed}: {} targets, want {}",
        got.len(),
        want.len()
    );
}

#[test]
fn an_lao() {
    check("an-lao-2025h2");
}

#[test]
fn tue_tinh() {
    check("tue-tinh-2025h2");
}

#[test]
fn an_bien() {
    check("an-bien-2026-2030");
}

#[test]
fn ngoc_lien() {
    check("ngoc-lien-2025");
}

/// The body of the second table fixture (a plan written for this crate, not a seed).
#[test]
fn binh_minh() {
    check_file("tables/binh-minh-2026.txt", "binh-minh-2026");
}
