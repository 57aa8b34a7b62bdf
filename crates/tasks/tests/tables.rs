//! Task tables against hand-written expected rows (fixtures/expected/*.tasks.json).

use sohoa_model::Task;
use sohoa_tasks::{extract_tasks, TableContext};
use sohoa_text::{cleanup, decode, BlockKind};

fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(rel: &str, year: Option<u16>) -> (Vec<Task>, Vec<sohoa_model::Warning>) {
    let text = decode(&fixture(rel), None).expect("decodes");
    let blocks = cleanup(&text.lines).blocks;
    let body: Vec<_> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Text)
        .collect();
    let table: Vec<_> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableLine)
        .collect();
    let ctx = TableContext::from_blocks(&body, year);
    extract_tasks(&table, &ctx)
}

fn expected(rel: &str) -> Vec<Task> {
    serde_json::from_slice(&fixture(rel)).expect("expected file parses as [Task]")
}

/// Compares rows one to one (same numbers, same order, same line spans: nothing invented,
/// merged or split) and returns (equal cells, cells) over content, lead, partners, timeline,
/// due, output and group.
fn compare(got: &[Task], want: &[Task]) -> (usize, usize) {
    let gn: Vec<_> = got.iter().map(|t| (t.no, t.lines)).collect();
    let wn: Vec<_> = want.iter().map(|t| (t.no, t.lines)).collect();
    assert_eq!(gn, wn, "rows (numbers and line spans) differ");
    let (mut same, mut all) = (0, 0);
    for (g, w) in got.iter().zip(want) {
        let cells = [
            ("content", g.content == w.content),
            ("lead", g.lead == w.lead),
            ("partners", g.partners == w.partners),
            ("timeline", g.timeline == w.timeline),
            ("due", g.due == w.due),
            ("output", g.output == w.output),
            ("group", g.group == w.group),
        ];
        for (name, ok) in cells {
            all += 1;
            if ok {
                same += 1;
            } else {
                eprintln!(
                    "row {:?} {name} differs:\n  got  {}\n  want {}",
                    w.no,
                    serde_json::to_string(&g).unwrap_or_default(),
                    serde_json::to_string(&w).unwrap_or_default()
                );
            }
        }
    }
    eprintln!("{same}/{all} cells equal");
    (same, all)
}

#[test]
fn an_lao_appendix() {
    let (tasks, warnings) = run("seeds/an-lao-2025h2.txt", Some(2025));
    let want = expected("expected/an-lao-2025h2.tasks.json");
    assert_eq!(tasks.len(), 31);
    let nos: Vec<u32> = tasks.iter().filter_map(|t| t.no).collect();
    let mut expect_nos: Vec<u32> = (1..=21).collect();
    expect_nos.extend(23..=32);
    assert_eq!(nos, expect_nos);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].code, "missing_row");
    assert!(warnings[0].message.contains("22"));
    let (same, all) = compare(&tasks, &want);
    assert!(same * 100 >= all * 98, "{same}/{all} cells equal");
}

/// The second table (tools/make-table-fixture.sh): a ward plan typed as a table in LibreOffice,
/// exported to PDF and read back with `pdftotext -raw` — seven columns in another order
/// (output before deadline, a "Ghi chú" column), other widths and wording, a row split across
/// pages whose continued cells share one line.
#[test]
fn binh_minh_second_layout() {
    let (tasks, warnings) = run("tables/binh-minh-2026.txt", Some(2026));
    let want = expected("expected/binh-minh-2026.tasks.json");
    assert!(warnings.is_empty(), "{warnings:?}");
    let (same, all) = compare(&tasks, &want);
    assert!(same * 100 >= all * 98, "{same}/{all} cells equal");
}
