//! Prints every line of a PDF with its position and the x range of each word (for inspecting
//! table geometry): `cargo run -p sohoa-pdf --example words -- file.pdf [page]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: words FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let only: Option<u32> = args.next().and_then(|p| p.parse().ok());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match sohoa_pdf::read_pdf(&bytes) {
        Ok(t) => {
            for p in t
                .pages
                .iter()
                .filter(|p| only.is_none_or(|n| n == p.number))
            {
                for l in &p.lines {
                    let words: Vec<String> = l
                        .words
                        .iter()
                        .map(|w| format!("{}[{:.0}-{:.0}]", w.text, w.x0, w.x1))
                        .collect();
                    let frags: Vec<String> = l
                        .fragments
                        .iter()
                        .map(|f| format!("{}[{:.0}-{:.0}]", f.text, f.x0, f.x1))
                        .collect();
                    println!(
                        "p{} y={:.1} fs={:.1} {}\n      {}",
                        p.number,
                        l.y,
                        l.font_size,
                        words.join(" "),
                        frags.join(" | ")
                    );
                }
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
