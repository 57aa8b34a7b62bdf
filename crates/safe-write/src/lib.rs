//! Writing files below an output folder safely: every file is written to a new temporary file
//! and renamed (a killed run leaves the old file, the new one or none, never half a file), paths
//! keep only their normal components (no `..`, root or prefix), and nothing is written through
//! a symbolic link found below the output folder. Used by `sohoa-batch` (one JSON per input) and
//! `sohoa-aggregate` (the report folder).
//!
//! ```
//! use std::path::Path;
//! let out = std::env::temp_dir().join(format!("sohoa-safe-write-doc-{}", std::process::id()));
//! sohoa_safe_write::write_output(&out, Path::new("../a/b.json"), b"{}\n").unwrap();
//! assert!(out.join("a/b.json").is_file());
//! # std::fs::remove_dir_all(&out).unwrap();
//! ```
//!
//! The output folder itself may be a link (the user named it). The checks are made just before
//! writing: a folder swapped for a link at that very moment by someone else who can write into
//! the output folder is not caught (that needs `openat`-style I/O).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::path::{Component, Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A folder on the way to the output, or the output itself, is a symbolic link inside the
    /// output folder: outputs are never written through links, so that none can land outside it.
    #[error("{} is a symbolic link; outputs are never written through links", .0.display())]
    Link(PathBuf),
    /// A path on the way to the output exists but is not a folder.
    #[error("{} is not a folder", .0.display())]
    NotDir(PathBuf),
    /// An I/O error on this path.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Keeps only the normal components of `p`, so that a path joined to the output folder can
/// never leave it (no `..`, no root, no prefix).
pub fn safe_relative(p: &Path) -> PathBuf {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Checks `out_dir/rel` without changing anything: no folder below `out_dir` on the way, nor
/// the output itself, is a symbolic link (`out_dir` itself may be one: the user named it).
/// Returns the full path. `rel` is reduced to its normal components first.
pub fn check_output_path(out_dir: &Path, rel: &Path) -> Result<PathBuf, WriteError> {
    let mut path = out_dir.to_path_buf();
    for c in safe_relative(rel).components() {
        path.push(c);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Link(path)),
            Ok(_) => {}
            // nothing below a missing path exists
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(out_dir.join(safe_relative(rel)))
            }
            Err(e) => return Err(io_err(&path)(e)),
        }
    }
    Ok(path)
}

/// Creates the folders of `out_dir/rel` one by one, refusing any that is a symbolic link (unlike
/// `create_dir_all`, which follows them).
fn create_dirs_inside(out_dir: &Path, rel: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let mut path = out_dir.to_path_buf();
    for c in rel.components() {
        path.push(c);
        match std::fs::create_dir(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let m = std::fs::symlink_metadata(&path).map_err(io_err(&path))?;
                if m.file_type().is_symlink() {
                    return Err(WriteError::Link(path));
                }
                if !m.is_dir() {
                    return Err(WriteError::NotDir(path));
                }
            }
            Err(e) => return Err(io_err(&path)(e)),
        }
    }
    Ok(())
}

/// Writes `data` to `out_dir/rel` (`rel` reduced to its normal components; `out_dir` is created
/// if needed) through a new temporary file in the same folder, `NAME.<pid>-<n>.tmp` (created
/// with `create_new`, so never through an existing file or link), and a rename. Refuses, writing
/// nothing, when a folder below `out_dir` on the way or the output itself is a symbolic link
/// ([`WriteError::Link`]).
pub fn write_output(out_dir: &Path, rel: &Path, data: &[u8]) -> Result<(), WriteError> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let rel = safe_relative(rel);
    let Some(name) = rel.file_name() else {
        return Err(WriteError::NotDir(out_dir.to_path_buf()));
    };
    create_dirs_inside(out_dir, rel.parent().unwrap_or(Path::new("")))?;
    let path = check_output_path(out_dir, &rel)?;
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tmp_name = name.to_owned();
    tmp_name.push(format!(".{}-{n}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(data)
        });
    if let Err(e) = written {
        // remove what we created (only a regular file we made: create_new never opens a link)
        if std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file())
            && e.kind() != std::io::ErrorKind::AlreadyExists
        {
            let _ = std::fs::remove_file(&tmp);
        }
        return Err(io_err(&tmp)(e));
    }
    // the output may have become a link since the check: rename would replace the link itself,
    // but say so rather than do it
    let result = check_output_path(out_dir, &rel)
        .and_then(|_| std::fs::rename(&tmp, &path).map_err(io_err(&path)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// If `name` is the name of a temporary file [`write_output`] makes (`NAME.<pid>-<n>.tmp`, or
/// `NAME.<pid>.tmp` from older versions), the `NAME` it was for. A killed run leaves these
/// behind; the callers remove the ones of their own outputs.
pub fn temporary_for(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".tmp")?;
    let (head, id) = stem.rsplit_once('.')?;
    let (pid, n) = match id.split_once('-') {
        Some((pid, n)) => (pid, Some(n)),
        None => (id, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (!head.is_empty() && digits(pid) && n.is_none_or(digits)).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh empty folder for one test.
    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sohoa-write-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        dir
    }

    /// Every path under `dir` (links not followed), sorted.
    fn listing(dir: &Path) -> Vec<PathBuf> {
        fn walk(dir: &Path, v: &mut Vec<PathBuf>) {
            v.push(dir.to_path_buf());
            if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
                return;
            }
            for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
                walk(&e.path(), v);
            }
        }
        let mut v = Vec::new();
        walk(dir, &mut v);
        v.sort();
        v
    }

    #[test]
    fn relative_paths_keep_only_normal_components() {
        assert_eq!(
            safe_relative(Path::new("../../etc/passwd")),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(
            safe_relative(Path::new("/abs/./x.txt")),
            PathBuf::from("abs/x.txt")
        );
    }

    #[test]
    fn temporary_names() {
        assert_eq!(temporary_for("x.txt.json.123.tmp"), Some("x.txt.json"));
        assert_eq!(temporary_for("units.csv.123-7.tmp"), Some("units.csv"));
        for n in [
            "notes.tmp",
            "y.json.abc.tmp",
            "y.json.1-.tmp",
            "y.json.-1.tmp",
            ".1-2.tmp",
            "y.json.1-2",
        ] {
            assert_eq!(temporary_for(n), None, "{n}");
        }
    }

    #[test]
    fn writes_nested_outputs_and_replaces_old_ones() {
        let dir = scratch("write");
        let out = dir.join("out");
        write_output(&out, Path::new("a/b/x.txt.json"), b"one").expect("write");
        write_output(&out, Path::new("a/b/x.txt.json"), b"two").expect("rewrite");
        // `..` and roots are dropped
        write_output(&out, Path::new("/../y.json"), b"y").expect("write");
        assert_eq!(
            std::fs::read(out.join("a/b/x.txt.json")).ok(),
            Some(b"two".to_vec())
        );
        assert_eq!(std::fs::read(out.join("y.json")).ok(), Some(b"y".to_vec()));
        assert_eq!(
            listing(&dir),
            [
                "",
                "out",
                "out/a",
                "out/a/b",
                "out/a/b/x.txt.json",
                "out/y.json"
            ]
            .map(|p| dir.join(p))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link_below_the_output_folder() {
        use std::os::unix::fs::symlink;
        let dir = scratch("links");
        let out = dir.join("out");
        let elsewhere = dir.join("elsewhere");
        std::fs::create_dir_all(out.join("real")).expect("mkdir");
        std::fs::create_dir_all(&elsewhere).expect("mkdir");
        std::fs::write(elsewhere.join("victim"), "keep").expect("write");
        // a folder, a nested folder, an output file, a dangling output file, all links
        symlink(&elsewhere, out.join("sub")).expect("symlink");
        symlink(&elsewhere, out.join("real/deeper")).expect("symlink");
        symlink(elsewhere.join("victim"), out.join("x.txt.json")).expect("symlink");
        symlink(elsewhere.join("new"), out.join("dangling.json")).expect("symlink");
        // a relative link to a folder outside
        symlink("../elsewhere", out.join("rel")).expect("symlink");
        let before = listing(&dir);
        for (rel, link) in [
            ("sub/x.txt.json", "sub"),
            ("sub/a/b/x.txt.json", "sub"),
            ("real/deeper/x.txt.json", "real/deeper"),
            ("x.txt.json", "x.txt.json"),
            ("dangling.json", "dangling.json"),
            ("rel/x.txt.json", "rel"),
        ] {
            match write_output(&out, Path::new(rel), b"evil") {
                Err(WriteError::Link(p)) => assert_eq!(p, out.join(link), "{rel}"),
                other => panic!("{rel}: {other:?}"),
            }
            assert!(matches!(
                check_output_path(&out, Path::new(rel)),
                Err(WriteError::Link(_))
            ));
        }
        // nothing was created or changed, inside or outside
        assert_eq!(listing(&dir), before);
        assert_eq!(
            std::fs::read(elsewhere.join("victim")).ok(),
            Some(b"keep".to_vec())
        );
        assert!(!elsewhere.join("new").exists());
        // the output folder itself may be a link: the user named it
        symlink(&out, dir.join("out-link")).expect("symlink");
        write_output(&dir.join("out-link"), Path::new("real/ok.json"), b"ok").expect("write");
        assert!(out.join("real/ok.json").is_file());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_temporary_is_not_written_through() {
        use std::os::unix::fs::symlink;
        let dir = scratch("tmp-link");
        let out = dir.join("out");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(dir.join("victim"), "keep").expect("write");
        // the next temporary names this process can use
        for n in 0..1000 {
            let name = format!("x.json.{}-{n}.tmp", std::process::id());
            symlink(dir.join("victim"), out.join(name)).expect("symlink");
        }
        // whichever name it gets, the write either refuses or goes to a new file: the victim
        // is never written
        let _ = write_output(&out, Path::new("x.json"), b"evil");
        assert_eq!(
            std::fs::read(dir.join("victim")).ok(),
            Some(b"keep".to_vec())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_on_the_way_is_not_a_folder() {
        let dir = scratch("notdir");
        std::fs::write(dir.join("a"), "x").expect("write");
        assert!(matches!(
            write_output(&dir, Path::new("a/b.json"), b"y"),
            Err(WriteError::NotDir(p)) if p == dir.join("a")
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
