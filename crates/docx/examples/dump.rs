//! Prints the lines of a .docx (or .doc, through LibreOffice) as sohoa reads them, numbered,
//! with the table cell each comes from: `cargo run -p sohoa-docx --example dump -- FILE`.
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE.docx|FILE.doc");
        return ExitCode::from(2);
    };
    let run = || -> Result<(), String> {
        let mut bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        if sohoa_docx::is_ole2(&bytes) {
            bytes = sohoa_docx::convert_doc(&bytes, &sohoa_docx::DocOptions::default())
                .map_err(|e| e.to_string())?;
        }
        let doc = sohoa_docx::read_docx(&bytes, &sohoa_docx::Limits::default())
            .map_err(|e| e.to_string())?;
        for (i, l) in doc.lines().iter().enumerate() {
            match l.cell {
                Some((t, r, c)) => println!("{:5} [t{t} r{r} c{c}] {}", i + 1, l.text),
                None => println!("{:5} {}", i + 1, l.text),
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
