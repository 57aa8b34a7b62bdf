//! Throughput on a text file (development aid): `speed FILE [strip]`.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = Instant::now();
    let r = sohoa_repair::Repairer::embedded().expect("model");
    eprintln!("load {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut text = std::fs::read_to_string(&args[1]).expect("read");
    if args.get(2).is_some_and(|a| a == "strip") {
        text = sohoa_repair::syllable::strip_marks(&text);
    }
    let n = text.split_whitespace().count();
    let t = Instant::now();
    let (out, _) = r.repair_text(&text, sohoa_repair::Mode::Auto);
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{n} tokens in {:.3}s = {:.0} tokens/s ({} bytes out)",
        s,
        n as f64 / s,
        out.len()
    );
}
