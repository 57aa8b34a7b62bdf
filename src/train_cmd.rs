//! `sohoa train`: build the repair model (syllable trigram LM + OCR channel) from corpora.

use std::path::PathBuf;

use anyhow::{Context, Result};
use sohoa_repair::train::{train, TrainConfig};

/// Arguments of `sohoa train`.
#[derive(clap::Args)]
pub struct Args {
    /// The shared data folder: uses corpus/laws, corpus/gazette and the four clean seeds.
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// Extra general corpus files or folders of *.txt (weight 1).
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Extra in-domain plan texts (weighted by --plan-weight).
    #[arg(long)]
    pub plan: Vec<PathBuf>,
    /// Weight of plan text and gazetteer names.
    #[arg(long, default_value_t = 4)]
    pub plan_weight: u32,
    /// Gazetteer (type<TAB>name per line).
    #[arg(long, default_value = "crates/repair/data/gazetteer.tsv")]
    pub gazetteer: PathBuf,
    /// Aligned OCR pairs (JSON lines with gold and ocr).
    #[arg(long, default_value = "crates/repair/data/ocr-pairs-eng.jsonl")]
    pub pairs: Vec<PathBuf>,
    /// Trigrams seen fewer times are pruned.
    #[arg(long, default_value_t = 1)]
    pub min_tri: u32,
    /// Output model file.
    #[arg(short, long, default_value = "crates/repair/data/model.bin")]
    pub output: PathBuf,
}

/// The clean seeds used as in-domain training text.
pub const SEEDS: [&str; 4] = [
    "an-lao-2025h2.txt",
    "an-bien-2026-2030.txt",
    "tue-tinh-2025h2.txt",
    "ngoc-lien-2025.txt",
];

/// Run the command.
pub fn run(args: Args) -> Result<u8> {
    let mut cfg = TrainConfig {
        corpus: args.corpus.clone(),
        plans: args.plan.clone(),
        plan_weight: args.plan_weight,
        gazetteer: args.gazetteer.exists().then(|| args.gazetteer.clone()),
        pairs: args.pairs.iter().filter(|p| p.exists()).cloned().collect(),
        min_tri: args.min_tri,
    };
    if let Some(s) = &args.shared {
        cfg.corpus.push(s.join("corpus/laws"));
        cfg.corpus.push(s.join("corpus/gazette"));
        for f in SEEDS {
            cfg.plans.push(s.join("seeds").join(f));
        }
    }
    let bytes = train(&cfg, |m| eprintln!("train: {m}"))?;
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "train: wrote {} ({} bytes)",
        args.output.display(),
        bytes.len()
    );
    Ok(crate::exit::OK)
}
