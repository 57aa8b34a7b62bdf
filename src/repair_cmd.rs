//! `sohoa repair`: repair diacritics and OCR confusions line by line.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use sohoa_repair::{Mode, Repairer};

/// Arguments of `sohoa repair`.
#[derive(clap::Args)]
pub struct Args {
    /// Input text file (`-` or nothing for stdin).
    pub input: Option<PathBuf>,
    /// Write JSON lines {line, column, from, to, confidence} instead of the text.
    #[arg(long)]
    pub explain: bool,
    /// auto (per-line decision), always or never.
    #[arg(long, default_value = "auto")]
    pub mode: String,
    /// Use this model file instead of the committed one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// Run the command.
pub fn run(args: Args) -> Result<u8> {
    let mode: Mode = args.mode.parse()?;
    let repairer = match &args.model {
        Some(p) => Repairer::load(p)?,
        None => Repairer::embedded()?,
    };
    let mut bytes = Vec::new();
    match &args.input {
        Some(p) if p.as_os_str() != "-" => {
            bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    let (out, edits) = repairer.repair_text(&text, mode);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let written = if args.explain {
        edits.iter().try_for_each(|(line, e)| {
            // fixed key order: line, column, from, to, confidence
            writeln!(
                w,
                "{{\"line\":{line},\"column\":{},\"from\":{},\"to\":{},\"confidence\":{:.3}}}",
                e.column,
                serde_json::Value::from(e.from.as_str()),
                serde_json::Value::from(e.to.as_str()),
                e.confidence
            )
        })
    } else {
        w.write_all(out.as_bytes())
    }
    .and_then(|()| w.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing stdout")?,
    }
    Ok(crate::exit::OK)
}
