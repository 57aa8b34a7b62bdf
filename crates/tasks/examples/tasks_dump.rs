//! Prints the tasks (JSON) and warnings of a plan text file: `cargo run -p sohoa-tasks --example tasks_dump FILE [YEAR]`.
use sohoa_tasks::{extract_tasks, TableContext};
use sohoa_text::{cleanup, decode, BlockKind};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: tasks_dump FILE [YEAR]");
        std::process::exit(2);
    };
    let year = args.get(2).and_then(|y| y.parse().ok());
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = decode(&bytes, None).unwrap_or_else(|e| panic!("{path}: {e}"));
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
    eprintln!("{ctx:?}");
    let (tasks, warnings) = extract_tasks(&table, &ctx);
    println!(
        "{}",
        serde_json::to_string_pretty(&tasks).unwrap_or_default()
    );
    for w in warnings {
        eprintln!("{w:?}");
    }
}
