//! Prints the body blocks of a file that hold a digit followed by `%`: `cargo run -p sohoa-tasks --example body_dump FILE`.
use sohoa_text::{cleanup, decode, BlockKind};
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(text) = decode(&bytes, None) else {
        return;
    };
    for b in cleanup(&text.lines).blocks {
        if b.kind == BlockKind::Text && b.text.contains('%') {
            println!("[{}-{}] {}\n", b.lines.first, b.lines.last, b.text);
        }
    }
}
