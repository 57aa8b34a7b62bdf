//! Prints the lines `read_pdf` finds, one per line with page, x, y and font size.
//! Usage: `cargo run -p sohoa-pdf --example pdf-dump -- FILE.pdf`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf-dump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match sohoa_pdf::read_pdf(&bytes) {
        Ok(t) => {
            for p in &t.pages {
                for l in &p.lines {
                    println!(
                        "{}\t{:.1}\t{:.1}\t{:.1}\t{}",
                        p.number, l.x, l.y, l.font_size, l.text
                    );
                }
            }
            for w in &t.warnings {
                eprintln!("page {}: {}", w.page, w.message);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
