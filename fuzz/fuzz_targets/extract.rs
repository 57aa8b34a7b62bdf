//! Extraction over arbitrary text: citations, numbers, dates, deadlines, targets and task
//! tables, each fed the blocks the clean-up makes of the input.
#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;
use sohoa_model::{Line, Role};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: i as u32 + 1,
            page: None,
            text: t.to_string(),
        })
        .collect();
    for l in &lines {
        let _ = sohoa_extract::citation::parse_citation(&l.text, l.no, Role::Basis);
        let _ = sohoa_extract::number::parse_number(&l.text);
        let _ = sohoa_extract::number::normalize_code(&l.text);
        let _ = sohoa_extract::date::find_dates(&l.text);
        let _ = sohoa_extract::date::parse_date(&l.text);
        let _ = sohoa_tasks::parse_due(&l.text, Some(2025));
        let _ = sohoa_tasks::parse_due(&l.text, None);
        let _ = sohoa_extract::fold(&l.text);
    }
    let cleaned = sohoa_text::cleanup(&lines);
    for b in &cleaned.blocks {
        for c in sohoa_extract::citation::find_citations(b, Role::Basis) {
            assert!(b.lines.first <= c.line && c.line <= b.lines.last);
        }
    }
    let refs: Vec<&sohoa_text::Block> = cleaned.blocks.iter().collect();
    let ctx = sohoa_tasks::TableContext::from_blocks(&refs, Some(2025));
    let _ = sohoa_tasks::extract_tasks(&refs, &ctx);
    let with_heading: Vec<(&sohoa_text::Block, Option<String>)> =
        cleaned.blocks.iter().map(|b| (b, None)).collect();
    let _ = sohoa_tasks::extract_targets(&with_heading);
});
