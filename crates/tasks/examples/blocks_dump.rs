//! Prints the blocks of a file: `cargo run -p sohoa-tasks --example blocks_dump FILE`.
use sohoa_text::{cleanup, decode};
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(text) = decode(&bytes, None) else {
        return;
    };
    let c = cleanup(&text.lines);
    for b in c.blocks {
        println!("{:?} {}-{} {}", b.kind, b.lines.first, b.lines.last, b.text);
    }
    for d in c.dropped {
        println!("DROPPED {d:?}");
    }
}
