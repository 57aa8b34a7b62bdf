//! Batch conversion of whole archives: walk directories, convert in parallel, write one JSON per
//! input under an output folder that mirrors the input tree, skip what is already done, and
//! report every failure without stopping.
//!
//! ```no_run
//! use sohoa_batch::{plan, run, Batch};
//! use sohoa_pipeline::{Converter, Options};
//! let conv = Converter::new(Options::default()).unwrap();
//! let batch = Batch::new("out");
//! let planned = plan(&["archive".into()], &batch).unwrap();
//! let report = run(&planned, &conv, &batch, |_| {});
//! assert_eq!(report.failed.len(), 0);
//! ```
//!
//! Guarantees: outputs are written to a temporary file and renamed, so a run that is killed
//! leaves either the old output, the new one, or none — never half a file; a rerun finishes the
//! job. Output bytes depend only on the input bytes and the options, not on the number of
//! threads or the order of completion. Output paths never leave the output folder: they keep
//! only the normal components of the input paths, and nothing is written through a symbolic
//! link found below the output folder (see [`write_output`]). Two inputs never share an output
//! path: colliding ones are renamed by a fixed rule (see [`plan`]).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sohoa_model::{Document, Generator};
use sohoa_pipeline::Converter;
use sohoa_safe_write::safe_relative;
pub use sohoa_safe_write::{check_output_path, write_output, WriteError};

/// Name of the report file written into the output folder.
pub const REPORT_FILE: &str = "_report.json";

/// Errors that stop a batch before it starts (bad options). Per-file problems are not errors:
/// they are recorded in the [`Report`].
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// A glob pattern does not parse.
    #[error("bad glob pattern `{pattern}`: {source}")]
    Glob {
        /// The pattern.
        pattern: String,
        /// Why.
        source: globset::Error,
    },
    /// An input path does not exist.
    #[error("{0}: no such file or directory")]
    Missing(String),
}

/// Batch settings.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Output folder.
    pub out_dir: PathBuf,
    /// Only files matching one of these globs (matched against the path relative to the walked
    /// folder, and against the file name); empty: every file.
    pub include: Vec<String>,
    /// Files matching one of these globs are skipped.
    pub exclude: Vec<String>,
    /// Convert even when an up-to-date output exists.
    pub force: bool,
    /// Pretty-print the JSON files.
    pub pretty: bool,
}

impl Batch {
    /// Default settings writing into `out_dir`.
    pub fn new(out_dir: impl Into<PathBuf>) -> Self {
        Batch {
            out_dir: out_dir.into(),
            include: Vec::new(),
            exclude: Vec::new(),
            force: false,
            pretty: false,
        }
    }
}

/// One input file and where its output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The input file.
    pub input: PathBuf,
    /// Output path relative to the output folder (`sub/dir/plan.txt.json`).
    pub output: PathBuf,
}

/// A planned batch: the jobs in a deterministic order, and inputs that could not even be listed.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    /// Files to convert, sorted by path.
    pub jobs: Vec<Job>,
    /// Paths that could not be walked (unreadable folder, symlink loop), with the reason.
    pub unreadable: Vec<Failure>,
    /// Inputs whose output was given another name because it collided (see [`plan`]).
    pub renamed: Vec<Renamed>,
}

/// An input whose output path was taken (by another input, the batch report, or a folder of
/// other outputs) and that was given the next free name `NAME~2.json`, `NAME~3.json`…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renamed {
    /// The input path.
    pub input: String,
    /// The output it got, relative to the output folder, `/`-separated.
    pub output: String,
    /// The output it maps to, relative to the output folder, `/`-separated.
    pub wanted: String,
    /// What holds `wanted`: the input that keeps it, `the batch report` or `a folder of other
    /// outputs`.
    pub collides_with: String,
}

/// One failed input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The input path.
    pub input: String,
    /// Why it failed.
    pub error: String,
}

/// What happened to one job.
#[derive(Debug)]
pub enum Outcome {
    /// Converted and written.
    Converted {
        /// Number of warnings in the output.
        warnings: usize,
    },
    /// An up-to-date output already existed.
    Skipped,
    /// Failed; nothing written.
    Failed(String),
}

/// The summary of a run, also written to `OUT/_report.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The program that ran.
    pub generator: Option<Generator>,
    /// Inputs found.
    pub inputs: usize,
    /// Inputs converted in this run.
    pub converted: usize,
    /// Inputs skipped because their output was up to date.
    pub skipped: usize,
    /// Inputs that failed, with the reason.
    pub failed: Vec<Failure>,
    /// Inputs whose output was renamed because another input mapped to the same path.
    #[serde(default)]
    pub renamed: Vec<Renamed>,
    /// Warnings in the converted outputs.
    pub warnings: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

fn globset(patterns: &[String]) -> Result<Option<GlobSet>, BatchError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|source| BatchError::Glob {
            pattern: p.clone(),
            source,
        })?);
    }
    b.build().map(Some).map_err(|source| BatchError::Glob {
        pattern: patterns.join(","),
        source,
    })
}

fn output_for(rel: &Path) -> PathBuf {
    let mut out = safe_relative(rel);
    let name = out
        .file_name()
        .map(|n| format!("{}.json", n.to_string_lossy()))
        .unwrap_or_else(|| "stdin.json".into());
    out.set_file_name(name);
    out
}

/// Lists the files to convert. A file given directly is converted whatever its name; a folder is
/// walked recursively (following symlinks, with loops reported), skipping hidden entries, the
/// output folder, and `.json` files, then filtered by the include/exclude globs. With one
/// folder, outputs mirror the tree under it; with several inputs, each folder's tree goes under
/// a sub-folder named after it; a file given directly goes to the top. Two inputs never share an
/// output: when several map to the same path (`a/kh.txt` and `b/kh.txt` given directly), the one
/// whose path sorts first keeps it and the others are renamed `kh.txt~2.json`… (listed in
/// [`Planned::renamed`] and the report; rule in `resolve_collisions`).
pub fn plan(inputs: &[PathBuf], batch: &Batch) -> Result<Planned, BatchError> {
    let include = globset(&batch.include)?;
    let exclude = globset(&batch.exclude)?;
    let out_abs = std::fs::canonicalize(&batch.out_dir).ok();
    let mut planned = Planned::default();
    let single = inputs.len() == 1;
    for input in inputs {
        let meta = std::fs::metadata(input)
            .map_err(|_| BatchError::Missing(input.display().to_string()))?;
        if !meta.is_dir() {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            planned.jobs.push(Job {
                input: input.clone(),
                output: output_for(&name),
            });
            continue;
        }
        let prefix = if single {
            PathBuf::new()
        } else {
            safe_relative(Path::new(input.file_name().unwrap_or_default()))
        };
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_out = out_abs
                    .as_ref()
                    .is_some_and(|o| std::fs::canonicalize(e.path()).is_ok_and(|p| &p == o));
                !hidden && !is_out
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| input.display().to_string());
                    planned.unreadable.push(Failure {
                        input: path,
                        error: e.to_string(),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(input).unwrap_or(entry.path());
            let name = Path::new(entry.file_name());
            if name.extension().is_some_and(|x| x == "json") {
                continue;
            }
            let matches = |g: &GlobSet| g.is_match(rel) || g.is_match(name);
            if include.as_ref().is_some_and(|g| !matches(g))
                || exclude.as_ref().is_some_and(matches)
            {
                continue;
            }
            planned.jobs.push(Job {
                input: entry.path().to_path_buf(),
                output: prefix.join(output_for(rel)),
            });
        }
    }
    planned
        .jobs
        .sort_by(|a, b| (&a.output, &a.input).cmp(&(&b.output, &b.input)));
    planned
        .jobs
        .dedup_by(|a, b| a.output == b.output && a.input == b.input);
    planned.renamed = resolve_collisions(&mut planned.jobs);
    Ok(planned)
}

fn slash(p: &Path) -> String {
    let parts: Vec<_> = p
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Gives every job its own output path. `jobs` are sorted by (output, input). Among inputs
/// mapping to the same output, the one whose path sorts first keeps it and the others get
/// `NAME~2.json`, `NAME~3.json`… (the first number whose path no job wants and no earlier
/// rename took); so does an input whose output would be named `_report.json` (the batch report,
/// at any depth: `sohoa aggregate` skips that name) or would be a folder holding other outputs.
/// The rule depends only on the set of inputs, never on threads or argument order.
fn resolve_collisions(jobs: &mut [Job]) -> Vec<Renamed> {
    use std::collections::BTreeSet;
    let mut folders = BTreeSet::new();
    for job in jobs.iter() {
        folders.extend(job.output.ancestors().skip(1).map(Path::to_path_buf));
    }
    let mut taken: BTreeSet<PathBuf> = jobs.iter().map(|j| j.output.clone()).collect();
    taken.extend(folders.iter().cloned());
    let mut renamed = Vec::new();
    let mut holder: Option<(PathBuf, String)> = None;
    for job in jobs.iter_mut() {
        let wanted = job.output.clone();
        let reason = if wanted.file_name().is_some_and(|n| n == REPORT_FILE) {
            Some("the batch report".to_string())
        } else if folders.contains(&wanted) {
            Some("a folder of other outputs".to_string())
        } else {
            match &holder {
                Some((out, input)) if *out == wanted => Some(input.clone()),
                _ => {
                    holder = Some((wanted.clone(), job.input.display().to_string()));
                    None
                }
            }
        };
        let Some(collides_with) = reason else {
            continue;
        };
        let name = wanted.file_name().unwrap_or_default().to_string_lossy();
        let stem = name.strip_suffix(".json").unwrap_or(&name);
        let mut n = 2u64;
        let new = loop {
            let candidate = wanted.with_file_name(format!("{stem}~{n}.json"));
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(new.clone());
        renamed.push(Renamed {
            input: job.input.display().to_string(),
            output: slash(&new),
            wanted: slash(&wanted),
            collides_with,
        });
        job.output = new;
    }
    jobs.sort_by(|a, b| (&a.output, &a.input).cmp(&(&b.output, &b.input)));
    renamed
}

/// The JSON text written for a document (with a final newline).
pub fn to_json(doc: &Document, pretty: bool) -> String {
    let s = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    // serialising our own types cannot fail (no maps with non-string keys, no I/O)
    s.unwrap_or_default() + "\n"
}

/// Is the output at `path` up to date for these input bytes? (Same content hash, same program
/// version.)
fn up_to_date(path: &Path, sha256: &str) -> bool {
    #[derive(Deserialize)]
    struct Head {
        generator: Generator,
        source: Src,
    }
    #[derive(Deserialize)]
    struct Src {
        sha256: String,
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    serde_json::from_str::<Head>(&text)
        .is_ok_and(|h| h.source.sha256 == sha256 && h.generator == Generator::default())
}

fn run_job(job: &Job, conv: &Converter, batch: &Batch) -> Outcome {
    let name = job.input.display().to_string();
    let out = match check_output_path(&batch.out_dir, &job.output) {
        Ok(p) => p,
        Err(e) => return Outcome::Failed(format!("cannot write the output: {e}")),
    };
    let bytes = match std::fs::metadata(&job.input) {
        Ok(m) if m.len() > conv.options().max_bytes => {
            return Outcome::Failed(format!(
                "{} bytes is over the limit of {} bytes",
                m.len(),
                conv.options().max_bytes
            ))
        }
        Ok(_) => match std::fs::read(&job.input) {
            Ok(b) => b,
            Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
        },
        Err(e) => return Outcome::Failed(format!("cannot read: {e}")),
    };
    if !batch.force && up_to_date(&out, &sohoa_pipeline::sha256_hex(&bytes)) {
        return Outcome::Skipped;
    }
    // a panic in one file must not take the batch down
    let converted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        conv.convert_bytes(&name, &bytes)
    }));
    match converted {
        Ok(Ok(doc)) => {
            let warnings = doc.warnings.len();
            match write_output(
                &batch.out_dir,
                &job.output,
                to_json(&doc, batch.pretty).as_bytes(),
            ) {
                Ok(()) => Outcome::Converted { warnings },
                Err(e) => Outcome::Failed(format!("cannot write the output: {e}")),
            }
        }
        Ok(Err(e)) => {
            // the error names the file first; keep only the reason here
            let msg = e.to_string();
            let reason = msg
                .strip_prefix(&format!("{name}: "))
                .unwrap_or(&msg)
                .to_string();
            Outcome::Failed(reason)
        }
        Err(_) => Outcome::Failed("internal error (panic) while converting; please report".into()),
    }
}

/// Removes the temporary files a killed run left behind (`name.json.<pid>-<n>.tmp`, see
/// [`write_output`]; `name.json.<pid>.tmp` from older versions too); only regular files of that
/// exact shape, only under the output folder.
fn remove_stale_temporaries(out_dir: &Path) {
    for entry in walkdir::WalkDir::new(out_dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        let is_ours = sohoa_safe_write::temporary_for(&name).is_some_and(|n| n.ends_with(".json"));
        if is_ours && entry.file_type().is_file() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Converts every job in parallel (on the current rayon pool), calling `progress` after each,
/// writes `OUT/_report.json` and returns the report.
pub fn run(
    planned: &Planned,
    conv: &Converter,
    batch: &Batch,
    progress: impl Fn(&Job) + Sync,
) -> Report {
    let start = Instant::now();
    remove_stale_temporaries(&batch.out_dir);
    let outcomes: Vec<Outcome> = planned
        .jobs
        .par_iter()
        .map(|job| {
            let o = run_job(job, conv, batch);
            progress(job);
            o
        })
        .collect();
    let mut report = Report {
        generator: Some(Generator::default()),
        inputs: planned.jobs.len() + planned.unreadable.len(),
        failed: planned.unreadable.clone(),
        renamed: planned.renamed.clone(),
        ..Report::default()
    };
    for (job, o) in planned.jobs.iter().zip(outcomes) {
        match o {
            Outcome::Converted { warnings } => {
                report.converted += 1;
                report.warnings += warnings;
            }
            Outcome::Skipped => report.skipped += 1,
            Outcome::Failed(error) => report.failed.push(Failure {
                input: job.input.display().to_string(),
                error,
            }),
        }
    }
    report.seconds = start.elapsed().as_secs_f64();
    let json = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
    if let Err(e) = write_output(&batch.out_dir, Path::new(REPORT_FILE), json.as_bytes()) {
        report.failed.push(Failure {
            input: REPORT_FILE.into(),
            error: format!("cannot write the report: {e}"),
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporaries_removed_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("sohoa-batch-tmp-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).expect("mkdir");
        for n in [
            "a/x.txt.json.123.tmp",
            "a/w.txt.json.123-7.tmp",
            "a/x.txt.json",
            "notes.tmp",
            "a/y.json.abc.tmp",
            "a/z.csv.123-4.tmp",
        ] {
            std::fs::write(dir.join(n), "x").expect("write");
        }
        remove_stale_temporaries(&dir);
        assert!(!dir.join("a/x.txt.json.123.tmp").exists());
        assert!(!dir.join("a/w.txt.json.123-7.tmp").exists());
        for n in [
            "a/x.txt.json",
            "notes.tmp",
            "a/y.json.abc.tmp",
            "a/z.csv.123-4.tmp",
        ] {
            assert!(dir.join(n).exists(), "{n}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn job(input: &str, output: &str) -> Job {
        Job {
            input: input.into(),
            output: output.into(),
        }
    }

    #[test]
    fn colliding_outputs_get_the_next_free_name() {
        // sorted by (output, input), as plan leaves them
        let mut jobs = vec![
            job("x/_report", "_report.json"),
            job("d.json/a.txt", "d.json/a.txt.json"),
            job("p/d", "d.json"),
            job("a/kh.txt", "kh.txt.json"),
            job("b/kh.txt", "kh.txt.json"),
            job("c/kh.txt", "kh.txt.json"),
            job("kh.txt~2", "kh.txt~2.json"),
            job("s/a/kh.txt", "s/kh.txt.json"),
            job("s/b/kh.txt", "s/kh.txt.json"),
        ];
        let renamed = resolve_collisions(&mut jobs);
        let outputs: Vec<(String, String)> = jobs
            .iter()
            .map(|j| (j.input.display().to_string(), slash(&j.output)))
            .collect();
        let expect = [
            ("x/_report", "_report~2.json"),
            ("d.json/a.txt", "d.json/a.txt.json"),
            ("p/d", "d~2.json"),
            ("a/kh.txt", "kh.txt.json"),
            ("kh.txt~2", "kh.txt~2.json"),
            ("b/kh.txt", "kh.txt~3.json"),
            ("c/kh.txt", "kh.txt~4.json"),
            ("s/a/kh.txt", "s/kh.txt.json"),
            ("s/b/kh.txt", "s/kh.txt~2.json"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(outputs, expect);
        let r: Vec<(&str, &str, &str, &str)> = renamed
            .iter()
            .map(|r| {
                (
                    r.input.as_str(),
                    r.output.as_str(),
                    r.wanted.as_str(),
                    r.collides_with.as_str(),
                )
            })
            .collect();
        assert_eq!(
            r,
            [
                (
                    "x/_report",
                    "_report~2.json",
                    "_report.json",
                    "the batch report"
                ),
                ("p/d", "d~2.json", "d.json", "a folder of other outputs"),
                ("b/kh.txt", "kh.txt~3.json", "kh.txt.json", "a/kh.txt"),
                ("c/kh.txt", "kh.txt~4.json", "kh.txt.json", "a/kh.txt"),
                (
                    "s/b/kh.txt",
                    "s/kh.txt~2.json",
                    "s/kh.txt.json",
                    "s/a/kh.txt"
                ),
            ]
        );
    }

    #[test]
    fn output_paths_stay_inside() {
        assert_eq!(
            output_for(Path::new("a/b/plan.txt")),
            PathBuf::from("a/b/plan.txt.json")
        );
        assert_eq!(
            output_for(Path::new("../../etc/passwd")),
            PathBuf::from("etc/passwd.json")
        );
        assert_eq!(
            output_for(Path::new("/abs/x.txt")),
            PathBuf::from("abs/x.txt.json")
        );
    }
}
