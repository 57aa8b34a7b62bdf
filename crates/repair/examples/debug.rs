//! Print the repair of lines given on stdin, with edits (development aid).
use std::io::BufRead;

fn main() {
    let r = sohoa_repair::Repairer::embedded().expect("model");
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let mode = if std::env::var_os("AUTO").is_some() {
            sohoa_repair::Mode::Auto
        } else {
            sohoa_repair::Mode::Always
        };
        let out = r.repair_line(&line, mode);
        if std::env::var_os("QUIET").is_some() {
            if out.applied {
                println!("{line}\n => {}", out.text);
            }
            continue;
        }
        println!("{}", out.text);
        for e in out.edits {
            println!(
                "   {} {} -> {} ({:.2})",
                e.column, e.from, e.to, e.confidence
            );
        }
        for w in line.split_whitespace() {
            println!("   {w}: {:?}", r.debug_candidates(w));
        }
    }
}
