//! `sohoa aggregate`: the city-level roll-up of converted JSON (crate `sohoa-aggregate`).

use std::path::PathBuf;

use anyhow::{Context, Result};

/// Arguments of `sohoa aggregate`.
#[derive(clap::Args)]
pub struct Args {
    /// Folders (or files) of sohoa/1 JSON, e.g. the output of `sohoa convert DIR -o OUT`.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Report folder: units.csv, coverage.csv, tasks.csv, citations.csv, most_cited.csv,
    /// targets.csv, sohoa.sqlite, report.html.
    #[arg(short = 'o', long = "output", value_name = "REPORT")]
    pub output: PathBuf,
}

/// Run the command: exit code 0, or 1 when some JSON files were skipped.
pub fn run(args: Args) -> Result<u8> {
    let summary = sohoa_aggregate::aggregate(&args.inputs, &args.output)
        .with_context(|| format!("aggregating into {}", args.output.display()))?;
    for w in &summary.warnings {
        eprintln!("sohoa: warning: {w}");
    }
    eprintln!(
        "sohoa: {} files, {} documents, {} tasks, {} citations, {} targets → {}",
        summary.files,
        summary.documents,
        summary.tasks,
        summary.citations,
        summary.targets,
        args.output.display()
    );
    Ok(if summary.warnings.is_empty() {
        crate::exit::OK
    } else {
        crate::exit::SOME_FAILED
    })
}
