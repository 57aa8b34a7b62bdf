//! `sohoa convert`: files → sohoa/1 JSON.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use sohoa_model::Document;
use sohoa_pipeline::{ConvertError, Converter, Options, RepairMode};
use sohoa_text::Encoding;

use crate::exit;

#[derive(clap::Args)]
#[command(after_help = "\
Output: one input and no -o: its JSON on stdout. Several inputs and no -o: JSON Lines on stdout
(one object per input, in input order). With -o DIR: DIR/<name>.json per input, written
atomically. A failed input is reported on stderr with its file name; the others are still
converted, and the exit code is 1.

Examples:
  sohoa convert fixtures/seeds/an-lao-2025h2.txt --pretty
  sohoa convert fixtures/seeds/*.txt -o out/
  iconv -f utf-8 -t utf-16 plan.txt | sohoa convert - --encoding utf-16le")]
pub struct Args {
    /// Input files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Write one JSON file per input into this directory.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Write JSON Lines (one compact object per input) to stdout.
    #[arg(long, conflicts_with = "pretty")]
    jsonl: bool,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Force the text encoding instead of detecting it: utf-8, utf-16le, utf-16be, windows-1258,
    /// tcvn3 (alias abc), vni (alias vni-windows) or viqr.
    #[arg(long, value_name = "ENC", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// Repair diacritics and OCR confusions: `auto` decides per line, `always`, `never`.
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = parse_mode)]
    repair: RepairMode,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_bytes)]
    max_bytes: u64,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

fn parse_mode(s: &str) -> Result<RepairMode, String> {
    s.parse()
        .map_err(|e: sohoa_pipeline::RepairError| e.to_string())
}

fn convert_one(conv: &Converter, name: &str) -> Result<Document, ConvertError> {
    if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(conv.options().max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| ConvertError::Io {
                path: "-".into(),
                source,
            })?;
        conv.convert_bytes("-", &bytes)
    } else {
        conv.convert_file(Path::new(name))
    }
}

fn to_json(doc: &Document, pretty: bool) -> Result<String> {
    Ok(if pretty {
        serde_json::to_string_pretty(doc)?
    } else {
        serde_json::to_string(doc)?
    })
}

/// Writes `data` to `path` through a temporary file and a rename, so a reader never sees a
/// half-written file.
fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, data).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

fn output_name(input: &str) -> String {
    if input == "-" {
        return "stdin.json".into();
    }
    let p = Path::new(input);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    format!("{stem}.json")
}

pub fn run(args: Args) -> Result<u8> {
    let stdin_count = args.files.iter().filter(|f| *f == "-").count();
    if stdin_count > 1 {
        bail!("`-` (standard input) can be given only once");
    }
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        let mut names: Vec<String> = args.files.iter().map(|f| output_name(f)).collect();
        names.sort();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            bail!(
                "two inputs would both be written to {}/{}",
                dir.display(),
                w[0]
            );
        }
    }
    let conv = Converter::new(Options {
        encoding: args.encoding,
        max_bytes: args.max_bytes,
        repair: args.repair,
    })?;
    let results: Vec<Result<Document, ConvertError>> = args
        .files
        .par_iter()
        .map(|f| convert_one(&conv, f))
        .collect();

    let jsonl = args.jsonl || (args.output.is_none() && args.files.len() > 1);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for (file, result) in args.files.iter().zip(results) {
        let doc = match result {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("sohoa: {e}");
                failed += 1;
                continue;
            }
        };
        match &args.output {
            Some(dir) => {
                let json = to_json(&doc, args.pretty)? + "\n";
                write_atomic(&dir.join(output_name(file)), json.as_bytes())?;
            }
            None => {
                let json = to_json(&doc, args.pretty && !jsonl)?;
                writeln!(out, "{json}")?;
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}
