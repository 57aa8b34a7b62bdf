//! Clean-up and segmentation of arbitrary text: spans stay inside the file and in order.
#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;
use sohoa_model::Line;

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
    let n = lines.len() as u32;
    let cleaned = sohoa_text::cleanup(&lines);
    for b in &cleaned.blocks {
        assert!(1 <= b.lines.first && b.lines.first <= b.lines.last && b.lines.last <= n);
    }
    let seg = sohoa_segment::segment(&cleaned.blocks);
    let mut prev = 0;
    for s in &seg.parts {
        let l = s.part.lines;
        assert!(l.first > prev && l.first <= l.last && l.last <= n);
        prev = l.last;
        for &(i, _) in &s.blocks {
            assert!(i < cleaned.blocks.len());
        }
    }
});
