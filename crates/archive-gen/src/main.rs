//! `gen-archive --out DIR [--files N] [--seed S]`: writes a deterministic archive of plan files
//! for measuring batch conversion (see the library documentation).
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut files: usize = 5000;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next();
        let ok = match (a.as_str(), value.as_deref()) {
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            ("--files", Some(v)) => v.parse().map(|n| files = n).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            _ => false,
        };
        if !ok {
            eprintln!("usage: gen-archive --out DIR [--files N (5000)] [--seed S (1)]");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen-archive --out DIR [--files N (5000)] [--seed S (1)]");
        return ExitCode::from(2);
    };
    match sohoa_archive_gen::write_archive(&out, files, seed) {
        Ok(s) => {
            println!(
                "{}: {} files, {:.1} MB",
                out.display(),
                s.files,
                s.bytes as f64 / 1e6
            );
            for (k, n) in &s.kinds {
                println!("  {k}: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-archive: {e}");
            ExitCode::FAILURE
        }
    }
}
