//! The extractors never panic and stay fast on any input: every fixture line fed as a table
//! line, long rows, garbage, edge cases.

use std::time::Instant;

use sohoa_model::Span;
use sohoa_tasks::{extract_targets, extract_tasks, parse_due, TableContext};
use sohoa_text::{cleanup, decode, Block, BlockKind};

fn line_block(text: &str, no: u32) -> Block {
    Block {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        lines: Span::line(no),
        page: None,
        kind: BlockKind::TableLine,
        starts: vec![(0, no)],
    }
}

fn fixture_texts() -> Vec<String> {
    let dir = format!("{}/../../fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).expect("fixtures/seeds").flatten() {
        let bytes = std::fs::read(e.path()).expect("reads");
        if let Ok(d) = decode(&bytes, None) {
            out.push(
                d.lines
                    .iter()
                    .map(|l| l.text.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    out
}

#[test]
fn whole_files_as_tables() {
    let ctx = TableContext::default();
    for text in fixture_texts() {
        let mut blocks = vec![line_block(
            "TT Nội dung công việc Cơ quan chủ trì Thời gian",
            1,
        )];
        blocks.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(i, l)| line_block(l, i as u32 + 2)),
        );
        let refs: Vec<&Block> = blocks.iter().collect();
        let t0 = Instant::now();
        let (tasks, _) = extract_tasks(&refs, &ctx);
        assert!(t0.elapsed().as_secs() < 120, "too slow: {:?}", t0.elapsed());
        for t in &tasks {
            assert!(t.lines.first <= t.lines.last);
        }
    }
}

#[test]
fn edge_cases() {
    let ctx = TableContext::default();
    let cases: &[&[&str]] = &[
        &[],
        &["TT"],
        &["TT", "1"],
        &["STT Nội dung", "1", "2", "3", "4"],
        &[
            "TT Nội dung công việc",
            "I.",
            "II. A",
            "1 A",
            "5 B",
            "9 C",
            "10",
        ],
        &[
            "TT Nội dung",
            "1",
            "%",
            "/",
            "-",
            "(",
            ")",
            "“",
            "Quý",
            "IV/",
            "đạt",
            "100%",
        ],
        &["Không có tiêu đề", "1 Ban hành", "2 Báo cáo"],
    ];
    for lines in cases {
        let blocks: Vec<Block> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| line_block(l, i as u32 + 1))
            .collect();
        let refs: Vec<&Block> = blocks.iter().collect();
        let _ = extract_tasks(&refs, &ctx);
        let body: Vec<(&Block, Option<String>)> = blocks.iter().map(|b| (b, None)).collect();
        let _ = extract_targets(&body);
        let _ = TableContext::from_blocks(&refs, Some(2025));
        for l in *lines {
            let _ = parse_due(l, Some(2025));
        }
    }
    // one very long row
    let mut blocks = vec![line_block("TT Nội dung công việc", 1), line_block("1", 2)];
    for i in 0..400 {
        blocks.push(line_block(
            "Phòng Văn hóa xã hội các phòng, ban, ngành Quý III/2025 Kế hoạch",
            i + 3,
        ));
    }
    let refs: Vec<&Block> = blocks.iter().collect();
    let t0 = Instant::now();
    let (tasks, _) = extract_tasks(&refs, &ctx);
    assert_eq!(tasks.len(), 1);
    // a hang detector only: the machine may be shared
    assert!(t0.elapsed().as_secs() < 120, "too slow: {:?}", t0.elapsed());
}

#[test]
fn targets_of_all_seeds_never_panic() {
    for text in fixture_texts() {
        let lines: Vec<sohoa_model::Line> = text
            .lines()
            .enumerate()
            .map(|(i, t)| sohoa_model::Line {
                no: i as u32 + 1,
                page: None,
                text: t.to_string(),
            })
            .collect();
        let blocks = cleanup(&lines).blocks;
        let body: Vec<(&Block, Option<String>)> = blocks.iter().map(|b| (b, None)).collect();
        for t in extract_targets(&body) {
            assert!(t.value >= 0.0);
            assert!(!t.text.is_empty());
        }
    }
}
