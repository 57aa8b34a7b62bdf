//! `sohoa-aggregate`: the city-level roll-up of a folder of sohoa/1 JSON files.
//!
//! [`aggregate`] reads every `*.json` under the inputs (sorted; `_report.json` and hidden
//! entries skipped; a file that does not parse is a warning naming it), matches each
//! document's unit to its official code ([`gazetteer`]), maps section headings and task groups
//! to the seven reform areas ([`areas`]) and writes `units.csv`, `coverage.csv`, `tasks.csv`,
//! `citations.csv`, `most_cited.csv`, `targets.csv`, `sohoa.sqlite` and `report.html` into the
//! report folder. Output bytes depend only on the inputs.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod areas;
pub mod fold;
pub mod gazetteer;
mod html;
mod rollup;
mod write;

use std::path::{Path, PathBuf};

pub use rollup::{CitationRow, CitedRow, CoverageRow, Rollup, TargetRow, TaskRow, UnitRow};

/// What can go wrong (a single bad JSON file is a warning, not an error).
#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    /// An input folder or file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing a CSV file failed.
    #[error("{path}: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: csv::Error,
    },
    /// Writing the SQLite database failed.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// An input does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// A file of the report folder could not be written, or would be written through a
    /// symbolic link (then nothing is written).
    #[error(transparent)]
    Write(#[from] sohoa_safe_write::WriteError),
}

/// What [`aggregate`] did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// JSON files read.
    pub files: usize,
    /// Documents (a file can hold several).
    pub documents: usize,
    /// Rows of `tasks.csv`, `citations.csv`, `targets.csv`.
    pub tasks: usize,
    /// Citation edges.
    pub citations: usize,
    /// Targets.
    pub targets: usize,
    /// Files skipped, each naming the file and the reason.
    pub warnings: Vec<String>,
}

/// One JSON file read.
#[derive(Debug)]
pub struct Loaded {
    /// Its path relative to the input it was found under, prefixed with that input's name
    /// when there are several inputs; `/`-separated.
    pub json: String,
    /// The document.
    pub doc: sohoa_model::Document,
}

/// Read every sohoa/1 JSON file under `inputs` (files or folders), in sorted order. Files
/// that do not parse are returned as warnings naming them.
pub fn load(inputs: &[PathBuf]) -> Result<(Vec<Loaded>, Vec<String>), AggregateError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| AggregateError::Missing(input.clone()))?;
        let prefix = if inputs.len() > 1 {
            format!("{}/", input.display())
        } else {
            String::new()
        };
        if meta.is_dir() {
            let mut seen = std::collections::BTreeSet::new();
            walk(input, input, &prefix, &mut seen, &mut files)?;
        } else {
            files.push((input.display().to_string(), input.clone()));
        }
    }
    files.sort();
    files.dedup();
    let mut loaded = Vec::new();
    let mut warnings = Vec::new();
    for (json, path) in files {
        let bytes = std::fs::read(&path).map_err(|source| AggregateError::Io {
            path: path.clone(),
            source,
        })?;
        match serde_json::from_slice::<sohoa_model::Document>(&bytes) {
            Ok(doc) => loaded.push(Loaded { json, doc }),
            Err(e) => warnings.push(format!(
                "{}: not sohoa/1 JSON, skipped: {e}",
                path.display()
            )),
        }
    }
    Ok((loaded, warnings))
}

/// Collect the JSON files under `dir`, sorted by name; symlinks are followed, a folder already
/// visited (a symlink loop) is not entered again.
fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    seen: &mut std::collections::BTreeSet<PathBuf>,
    out: &mut Vec<(String, PathBuf)>,
) -> Result<(), AggregateError> {
    if !seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())) {
        return Ok(());
    }
    let io = |source| AggregateError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            walk(root, &path, prefix, seen, out)?;
        } else if name.ends_with(".json") && name != "_report.json" {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((format!("{prefix}{}", rel.join("/")), path));
        }
    }
    Ok(())
}

/// Read `inputs`, roll them up and write the report folder `out` (created if needed; it may be
/// a symbolic link, but nothing is written through a link inside it: a link planted there makes
/// the run fail with [`AggregateError::Write`], naming the link, before any file is written).
pub fn aggregate(inputs: &[PathBuf], out: &Path) -> Result<Summary, AggregateError> {
    let (loaded, warnings) = load(inputs)?;
    let rollup = Rollup::build(&loaded);
    write::write_all(&rollup, out)?;
    Ok(Summary {
        files: loaded.len(),
        documents: rollup.units.len(),
        tasks: rollup.tasks.len(),
        citations: rollup.citations.len(),
        targets: rollup.targets.len(),
        warnings,
    })
}
