//! `sohoa`: the command-line front end. Thin over the library crates in `crates/`;
//! the only place that prints, parses arguments or uses `anyhow`.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod aggregate_cmd;
mod convert;
mod repair_cmd;
mod train_cmd;

/// Exit codes (documented in README.md and `--help`).
pub mod exit {
    /// Everything converted.
    pub const OK: u8 = 0;
    /// At least one input failed; the others were still converted.
    pub const SOME_FAILED: u8 = 1;
    /// Usage error (bad flags, nothing to do).
    pub const USAGE: u8 = 2;
}

const AFTER_HELP: &str = "\
Examples:
  sohoa convert fixtures/seeds/an-lao-2025h2.txt --pretty
  sohoa convert archive/*.txt -o out/
  cat plan.txt | sohoa convert - --jsonl
  sohoa schema > sohoa-1.schema.json

Exit codes: 0 all inputs converted, 1 some inputs failed (others still written), 2 usage error.";

#[derive(Parser)]
#[command(name = "sohoa", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert plan files (text; `-` for stdin) to sohoa/1 JSON.
    Convert(convert::Args),
    /// Print the JSON Schema of the output format.
    Schema,
    /// Repair diacritics and OCR confusions (text in, text out, same lines).
    Repair(repair_cmd::Args),
    /// Build the repair model from corpora (see README, section repair).
    Train(train_cmd::Args),
    /// Roll converted JSON up into a city report (CSV, SQLite, HTML).
    Aggregate(aggregate_cmd::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Repair(args) => repair_cmd::run(args),
        Command::Train(args) => train_cmd::run(args),
        Command::Aggregate(args) => aggregate_cmd::run(args),
        Command::Schema => {
            println!("{}", sohoa_model::SCHEMA_JSON.trim_end());
            Ok(exit::OK)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("sohoa: {e:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}
