//! Times each stage of the pipeline on the given files (a development aid):
//! `cargo run --release -p sohoa-pipeline --example stages -- FILE...`
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let t = Instant::now();
        let Ok(decoded) = sohoa_text::decode(&bytes, None) else {
            eprintln!("{path}: not text");
            continue;
        };
        let t_decode = t.elapsed();
        let t = Instant::now();
        let cleaned = sohoa_text::cleanup(&decoded.lines);
        let t_clean = t.elapsed();
        let t = Instant::now();
        let seg = sohoa_segment::segment(&cleaned.blocks);
        let t_seg = t.elapsed();
        let t = Instant::now();
        let mut n = 0;
        for b in &cleaned.blocks {
            n += sohoa_extract::citation::find_citations(b, sohoa_model::Role::Reference).len();
        }
        let t_cit = t.elapsed();
        let t = Instant::now();
        for s in &seg.parts {
            let table: Vec<&sohoa_text::Block> = s
                .blocks
                .iter()
                .filter(|(_, z)| *z == sohoa_segment::Zone::Table)
                .map(|&(i, _)| &cleaned.blocks[i])
                .collect();
            let body: Vec<&sohoa_text::Block> = s
                .blocks
                .iter()
                .filter(|(_, z)| *z == sohoa_segment::Zone::Body)
                .map(|&(i, _)| &cleaned.blocks[i])
                .collect();
            let ctx = sohoa_tasks::TableContext::from_blocks(&body, Some(2025));
            let _ = sohoa_tasks::extract_tasks(&table, &ctx);
            let with: Vec<_> = body.iter().map(|b| (*b, None)).collect();
            let _ = sohoa_tasks::extract_targets(&with);
        }
        let t_tasks = t.elapsed();
        println!(
            "{path}: decode {t_decode:?} cleanup {t_clean:?} segment {t_seg:?} citations({n}) {t_cit:?} tasks+targets {t_tasks:?}"
        );
    }
}
