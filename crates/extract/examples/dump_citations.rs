//! Prints the citations found in plan text files, one per line (a development aid).
//!
//! `cargo run -p sohoa-extract --example dump_citations -- FILE...`

use sohoa_extract::citation::find_citations;
use sohoa_model::Role;
use sohoa_text::{cleanup, decode};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let Ok(text) = decode(&bytes, None) else {
            eprintln!("{path}: cannot decode");
            continue;
        };
        println!("== {path}");
        for b in cleanup(&text.lines).blocks {
            for c in find_citations(&b, Role::Reference) {
                println!(
                    "{:>4} {:<22} {:<24} seq={:?} tc={:?} ic={:?} y={:?} d={:?} iss={:?} name={:?}\n     raw={}",
                    c.line,
                    c.doc_type.as_deref().unwrap_or("-"),
                    c.number.as_deref().unwrap_or("-"),
                    c.seq,
                    c.type_code,
                    c.issuer_code,
                    c.year,
                    c.date,
                    c.issuer,
                    c.name,
                    c.raw
                );
            }
        }
    }
}
