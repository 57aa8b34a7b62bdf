//! `sohoa convert`: files and folders → sohoa/1 JSON.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use sohoa_batch::{Batch, Job};
use sohoa_model::Document;
use sohoa_pipeline::{ConvertError, Converter, Options, RepairMode};
use sohoa_text::Encoding;

use crate::exit;

#[derive(clap::Args)]
#[command(after_help = "\
Output: one input file and no -o: its JSON on stdout. Several inputs or a folder and no -o: JSON
Lines on stdout (one compact object per input, in input order, streamed). With -o DIR: one JSON
file per input under DIR, mirroring the input tree (plan.txt → DIR/plan.txt.json), written
atomically; inputs whose output is up to date (same content hash, same sohoa version) are
skipped unless --force; a summary is printed and written to DIR/_report.json. A failed input is
reported on stderr with its file name; the others are still converted.

Exit codes: 0 every input converted (or up to date), 1 some inputs failed, 2 usage error.

Examples:
  sohoa convert fixtures/seeds/an-lao-2025h2.txt --pretty
  sohoa convert archive/ -o out/ -j 2 --include '*.txt' --exclude 'drafts/**'
  sohoa convert archive/ --jsonl | jq -c '.documents[].title'
  cat plan.txt | sohoa convert - --encoding windows-1258")]
pub struct Args {
    /// Input files or folders (walked recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    files: Vec<String>,
    /// Write one JSON file per input into this folder.
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
    /// Refuse inputs larger than this many bytes (also the most a PDF's compressed streams may
    /// inflate to, and the most one part of a .docx may unpack to).
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_bytes)]
    max_bytes: u64,
    /// Refuse inputs with a line longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_line_bytes)]
    max_line_bytes: u64,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// In folders, only files matching this glob (repeatable), e.g. '*.txt'.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In folders, skip files matching this glob (repeatable), e.g. 'drafts/**'.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// With -o: convert even when an up-to-date output exists.
    #[arg(long)]
    force: bool,
    /// The OCR program for scanned pages (images, PDF pages without text); default
    /// $SOHOA_TESSERACT, else `tesseract` on PATH.
    #[arg(long, value_name = "PATH")]
    tesseract: Option<PathBuf>,
    /// Stop OCR of a page after this many seconds (the file then fails).
    #[arg(long, value_name = "SECS", default_value_t = sohoa_ocr_timeout_default())]
    ocr_timeout: u64,
}

fn sohoa_ocr_timeout_default() -> u64 {
    Options::default().ocr.timeout.as_secs()
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

fn parse_mode(s: &str) -> Result<RepairMode, String> {
    s.parse()
        .map_err(|e: sohoa_pipeline::RepairError| e.to_string())
}

fn read_stdin(conv: &Converter) -> Result<Document, ConvertError> {
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
}

fn to_json(doc: &Document, pretty: bool) -> Result<String> {
    Ok(if pretty {
        serde_json::to_string_pretty(doc)?
    } else {
        serde_json::to_string(doc)?
    })
}

/// One input of a stream: standard input or a file.
enum Input {
    Stdin,
    File(PathBuf),
}

pub fn run(args: Args) -> Result<u8> {
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        bail!("`-` (standard input) can be given only once");
    }
    if args.ocr_timeout == 0 {
        bail!("--ocr-timeout must be at least 1 second");
    }
    let defaults = Options::default();
    let mut ocr = defaults.ocr.clone();
    if let Some(t) = &args.tesseract {
        ocr.tesseract = t.clone();
    }
    ocr.timeout = std::time::Duration::from_secs(args.ocr_timeout);
    let conv = Converter::new(Options {
        encoding: args.encoding,
        max_bytes: args.max_bytes,
        repair: args.repair,
        max_line_bytes: args.max_line_bytes,
        ocr,
        ..defaults
    })?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.jobs {
        if n == 0 {
            bail!("-j must be at least 1");
        }
        pool = pool.num_threads(n);
    }
    let pool = pool.build().context("cannot start worker threads")?;
    pool.install(|| match &args.output {
        Some(dir) => run_batch(&args, &conv, dir),
        None => run_stream(&args, &conv),
    })
}

fn batch_settings(args: &Args, dir: &Path) -> Batch {
    Batch {
        out_dir: dir.to_path_buf(),
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        force: args.force,
        pretty: args.pretty,
    }
}

fn run_batch(args: &Args, conv: &Converter, dir: &Path) -> Result<u8> {
    if args.files.iter().any(|f| f == "-") {
        bail!("`-` (standard input) cannot be used with -o; give file or folder paths");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let batch = batch_settings(args, dir);
    let inputs: Vec<PathBuf> = args.files.iter().map(PathBuf::from).collect();
    let planned = sohoa_batch::plan(&inputs, &batch)?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(planned.jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files, {elapsed} (eta {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let report = sohoa_batch::run(&planned, conv, &batch, |_: &Job| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for r in &report.renamed {
        eprintln!(
            "sohoa: {}: written to {} ({} is taken by {})",
            r.input, r.output, r.wanted, r.collides_with
        );
    }
    for f in &report.failed {
        eprintln!("sohoa: {}: {}", f.input, f.error);
    }
    eprintln!(
        "sohoa: {} converted, {} up to date, {} failed, {} warnings, {:.1} s (report: {})",
        report.converted,
        report.skipped,
        report.failed.len(),
        report.warnings,
        report.seconds,
        dir.join(sohoa_batch::REPORT_FILE).display()
    );
    Ok(if report.failed.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

fn run_stream(args: &Args, conv: &Converter) -> Result<u8> {
    let mut inputs = Vec::new();
    let mut failed = 0;
    let mut folder = false;
    for f in &args.files {
        let p = PathBuf::from(f);
        if f == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            folder = true;
            let planned = sohoa_batch::plan(&[p], &batch_settings(args, Path::new("")))?;
            for u in &planned.unreadable {
                eprintln!("sohoa: {}: {}", u.input, u.error);
                failed += 1;
            }
            inputs.extend(planned.jobs.into_iter().map(|j| Input::File(j.input)));
        } else {
            inputs.push(Input::File(p));
        }
    }
    let jsonl = args.jsonl || folder || inputs.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // convert a chunk in parallel, print it in input order, go on: streams with bounded memory
    for chunk in inputs.chunks(64) {
        let results: Vec<(String, Result<Document, ConvertError>)> = chunk
            .par_iter()
            .map(|i| match i {
                Input::Stdin => ("-".to_string(), read_stdin(conv)),
                Input::File(p) => (p.display().to_string(), conv.convert_file(p)),
            })
            .collect();
        for (_, result) in results {
            match result {
                Ok(doc) => writeln!(out, "{}", to_json(&doc, args.pretty && !jsonl)?)?,
                Err(e) => {
                    eprintln!("sohoa: {e}");
                    failed += 1;
                }
            }
        }
        out.flush()?;
    }
    Ok(if failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}
