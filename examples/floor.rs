//! The throughput floor of batch conversion: read every file of a folder (recursively, hidden
//! entries and `.json` files skipped, as `sohoa convert` walks), decode it to NFC lines
//! (`sohoa_text::decode`: encoding detection, legacy tables, NFC) and nothing else.
//! `cargo run --release --example floor -- DIR [-j N]` prints files, MB, seconds, files/s, MB/s.
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_none_or(|e| e != "json") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: floor DIR [-j N]");
        std::process::exit(2);
    };
    let threads: usize = match args.get(1).map(String::as_str) {
        Some("-j") => args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1),
        _ => 1,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("thread pool: {e}"));
    let t = Instant::now();
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files);
    let (bytes, lines, refused) = pool.install(|| {
        files
            .par_iter()
            .map(|p| {
                let Ok(b) = std::fs::read(p) else {
                    return (0, 0, 1);
                };
                match sohoa_text::decode(&b, None) {
                    Ok(d) => (b.len(), d.lines.len(), 0),
                    Err(_) => (b.len(), 0, 1),
                }
            })
            .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    });
    let s = t.elapsed().as_secs_f64();
    println!(
        "floor -j {threads}: {} files ({refused} not text), {:.1} MB, {lines} lines, {s:.2} s, {:.0} files/s, {:.2} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        files.len() as f64 / s,
        bytes as f64 / 1e6 / s
    );
}
