//! Legacy Word `.doc` (OLE2 compound files): converted to `.docx` by LibreOffice.
//!
//! `soffice --headless --convert-to docx --outdir TMP TMP/input.doc` runs with an argument
//! list (never through a shell), in a fresh temporary folder that also holds its own user
//! profile (so a LibreOffice already open by the user does not swallow the request, and runs
//! in parallel do not share one), with a time limit after which it is killed. The folder is
//! removed afterwards, whatever happened.

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::DocxError;

/// How to run LibreOffice.
#[derive(Debug, Clone)]
pub struct DocOptions {
    /// The program (default `soffice`, looked up on `PATH`).
    pub program: PathBuf,
    /// Time limit for one conversion (default 120 s; a plan takes a few seconds, most of it
    /// LibreOffice starting).
    pub timeout: Duration,
}

impl Default for DocOptions {
    fn default() -> Self {
        DocOptions {
            program: PathBuf::from("soffice"),
            timeout: Duration::from_secs(120),
        }
    }
}

/// Whether the bytes start with the OLE2 compound-file signature (legacy `.doc`, `.xls`, and
/// also password-protected `.docx`).
pub fn is_ole2(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Converts the bytes of a legacy `.doc` to the bytes of a `.docx` with LibreOffice.
pub fn convert_doc(bytes: &[u8], opts: &DocOptions) -> Result<Vec<u8>, DocxError> {
    let dir = tempfile::Builder::new().prefix("sohoa-doc-").tempdir()?;
    let input = dir.path().join("input.doc");
    std::fs::write(&input, bytes)?;
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir)?;
    let log = std::fs::File::create(dir.path().join("soffice.log"))?;
    let mut profile = String::from("-env:UserInstallation=file://");
    profile.push_str(&dir.path().join("profile").to_string_lossy());
    let spawned = Command::new(&opts.program)
        .arg(profile)
        .arg("--headless")
        .arg("--norestore")
        .arg("--convert-to")
        .arg("docx")
        .arg("--outdir")
        .arg(&out_dir)
        .arg(&input)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(DocxError::SofficeMissing {
                program: opts.program.display().to_string(),
            })
        }
        Err(e) => return Err(DocxError::Io(e)),
    };
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if start.elapsed() >= opts.timeout {
            // best effort: the process may have ended in between
            let _ = child.kill();
            let _ = child.wait();
            return Err(DocxError::SofficeTimeout {
                seconds: opts.timeout.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = out_dir.join("input.docx");
    match std::fs::read(&output) {
        Ok(docx) if status.success() && !docx.is_empty() => Ok(docx),
        _ => {
            let said = std::fs::read_to_string(dir.path().join("soffice.log")).unwrap_or_default();
            let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
            let said: String = said.chars().take(300).collect();
            Err(DocxError::SofficeFailed {
                status: status.to_string(),
                detail: if said.is_empty() {
                    String::new()
                } else {
                    format!(": {said}")
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_program_says_how_to_install() {
        let opts = DocOptions {
            program: PathBuf::from("/nonexistent/soffice-for-sohoa-test"),
            ..DocOptions::default()
        };
        let err = convert_doc(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", &opts).expect_err("no soffice");
        assert!(matches!(err, DocxError::SofficeMissing { .. }), "{err:?}");
        assert!(err
            .to_string()
            .contains("apt-get install libreoffice-writer"));
    }

    #[test]
    fn a_failing_program_is_a_clear_error() {
        // `false` takes any arguments and exits 1 without writing anything
        let opts = DocOptions {
            program: PathBuf::from("false"),
            ..DocOptions::default()
        };
        let err = convert_doc(b"x", &opts).expect_err("false converts nothing");
        assert!(matches!(err, DocxError::SofficeFailed { .. }), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_program_that_hangs_is_stopped() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let prog = dir.path().join("hang");
        std::fs::write(&prog, "#!/bin/sh\nsleep 30\n").expect("write");
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let opts = DocOptions {
            program: prog,
            timeout: Duration::from_millis(500),
        };
        let t = Instant::now();
        let err = convert_doc(b"x", &opts).expect_err("stopped");
        assert!(matches!(err, DocxError::SofficeTimeout { .. }), "{err:?}");
        assert!(t.elapsed() < Duration::from_secs(20));
    }
}
