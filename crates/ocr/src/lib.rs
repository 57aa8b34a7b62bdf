//! Scanned pages read by OCR (issue 5, "Scanned pages").
//!
//! Images (PNG, TIFF, JPEG, recognised from their bytes by [`image_format`]) and image-only PDF
//! pages are read by the `tesseract` command-line program with its Vietnamese model
//! (`tesseract - - -l vie --psm 3`: the image on standard input, the text on standard output),
//! one page at a time, with an argument list (never through a shell) and a time limit per page
//! after which the program is killed. A PDF page is first rendered to a 300 dpi grey PNG by
//! poppler's `pdftoppm` in a private temporary folder ([`PdfPages`]). The text comes back as
//! NFC lines per page; repairing it is the caller's business (`sohoa-repair`).
//!
//! Debian packages: `tesseract-ocr tesseract-ocr-vie` (and `poppler-utils` for PDF pages).
//! When a program or the `vie` model is missing, the error says which package to install.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

/// The Debian packages that provide tesseract and its Vietnamese model.
pub const TESSERACT_PACKAGES: &str = "apt-get install tesseract-ocr tesseract-ocr-vie";

/// How to run the OCR programs.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// The tesseract program (default: `$SOHOA_TESSERACT`, else `tesseract` on `PATH`).
    pub tesseract: PathBuf,
    /// poppler's `pdftoppm` (default: `$SOHOA_PDFTOPPM`, else `pdftoppm` on `PATH`).
    pub pdftoppm: PathBuf,
    /// The tesseract language model (default `vie`).
    pub language: String,
    /// Resolution PDF pages are rendered at, in dots per inch (default 300).
    pub dpi: u32,
    /// Time limit for one page (rendering and OCR each; default 120 s, a page takes a few
    /// seconds). The program is killed when it is reached.
    pub timeout: Duration,
}

impl Default for OcrOptions {
    fn default() -> Self {
        let env = |k: &str, d: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(d))
        };
        OcrOptions {
            tesseract: env("SOHOA_TESSERACT", "tesseract"),
            pdftoppm: env("SOHOA_PDFTOPPM", "pdftoppm"),
            language: "vie".to_string(),
            dpi: 300,
            timeout: Duration::from_secs(120),
        }
    }
}

/// Why a scanned page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// tesseract is not installed (or not where it was said to be).
    #[error("scanned pages need the OCR program tesseract, which was not found (`{program}`): install it with `{TESSERACT_PACKAGES}`, or give its path with --tesseract or SOHOA_TESSERACT")]
    TesseractMissing {
        /// The program that was run.
        program: String,
    },
    /// tesseract runs but has no model for the language.
    #[error("tesseract (`{program}`) has no `{language}` language model: install it with `{TESSERACT_PACKAGES}`")]
    LanguageMissing {
        /// The program that was run.
        program: String,
        /// The language asked for.
        language: String,
    },
    /// pdftoppm (poppler) is not installed; it renders image-only PDF pages for OCR.
    #[error("scanned PDF pages are rendered by pdftoppm, which was not found (`{program}`): install it with `apt-get install poppler-utils`, or give its path with SOHOA_PDFTOPPM")]
    PdftoppmMissing {
        /// The program that was run.
        program: String,
    },
    /// A program ran over the time limit and was killed.
    #[error("page {page}: {program} took longer than {seconds} s and was stopped (raise the limit with --ocr-timeout)")]
    Timeout {
        /// The program.
        program: String,
        /// The page (1-based).
        page: u32,
        /// The limit.
        seconds: u64,
    },
    /// A program failed.
    #[error("page {page}: {program} failed ({status}){detail}")]
    Failed {
        /// The program.
        program: String,
        /// The page (1-based).
        page: u32,
        /// Its exit status.
        status: String,
        /// What it wrote on standard error (shortened), prefixed with `: `, or empty.
        detail: String,
    },
    /// The bytes start like an image but the image is cut short or damaged.
    #[error("the file is a {format} image but it is damaged or truncated ({detail})")]
    Damaged {
        /// `PNG`, `TIFF` or `JPEG`.
        format: &'static str,
        /// What is missing.
        detail: &'static str,
    },
    /// tesseract wrote text that is not UTF-8.
    #[error("page {page}: {program} wrote text that is not UTF-8")]
    NotUtf8 {
        /// The program.
        program: String,
        /// The page (1-based).
        page: u32,
    },
    /// Reading or writing a temporary file or a pipe failed.
    #[error("OCR: {0}")]
    Io(#[from] std::io::Error),
}

/// Image formats read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// TIFF (little- or big-endian; several pages are read page by page).
    Tiff,
    /// JPEG.
    Jpeg,
}

impl ImageFormat {
    /// Lowercase name (`png`, `tiff`, `jpeg`), as written in `source.encoding`.
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Tiff => "tiff",
            ImageFormat::Jpeg => "jpeg",
        }
    }
}

/// The image format the bytes start with (PNG signature, TIFF `II*\0`/`MM\0*`, JPEG SOI).
pub fn image_format(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(b"II*\x00") || bytes.starts_with(b"MM\x00*") {
        Some(ImageFormat::Tiff)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(ImageFormat::Jpeg)
    } else {
        None
    }
}

/// Checks the frame of an image before it is given to tesseract, so that a truncated or
/// damaged file gets a clear error (the same one whether tesseract is installed or not): a PNG
/// needs its header, image data and end chunks, a JPEG its end-of-image marker, a TIFF a first
/// directory inside the file.
pub fn check_image(bytes: &[u8], format: ImageFormat) -> Result<(), OcrError> {
    let damaged = |detail| OcrError::Damaged {
        format: match format {
            ImageFormat::Png => "PNG",
            ImageFormat::Tiff => "TIFF",
            ImageFormat::Jpeg => "JPEG",
        },
        detail,
    };
    match format {
        ImageFormat::Png => {
            if bytes.get(12..16) != Some(b"IHDR") {
                return Err(damaged("no IHDR header chunk"));
            }
            if !bytes.windows(4).any(|w| w == b"IDAT") {
                return Err(damaged("no IDAT image data"));
            }
            let n = bytes.len();
            if n < 12 || &bytes[n - 8..n - 4] != b"IEND" {
                return Err(damaged("no IEND chunk at the end"));
            }
        }
        ImageFormat::Jpeg => {
            if !bytes[2..].windows(2).any(|w| w == [0xFF, 0xD9]) {
                return Err(damaged("no end-of-image marker"));
            }
        }
        ImageFormat::Tiff => {
            let Some(off) = bytes.get(4..8) else {
                return Err(damaged("no first directory"));
            };
            let off: [u8; 4] = [off[0], off[1], off[2], off[3]];
            let off = if bytes.starts_with(b"II") {
                u32::from_le_bytes(off)
            } else {
                u32::from_be_bytes(off)
            } as usize;
            if off < 8 || off.saturating_add(2) > bytes.len() {
                return Err(damaged("the first directory is outside the file"));
            }
        }
    }
    Ok(())
}

/// The text of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrPage {
    /// 1-based page number (of the PDF, or of the image file's pages).
    pub number: u32,
    /// The lines tesseract read, NFC, right-trimmed; blank lines (paragraph breaks) kept,
    /// leading and trailing ones dropped.
    pub lines: Vec<String>,
}

/// Reads an image file. A multi-page TIFF gives one [`OcrPage`] per page (tesseract reads its
/// pages one at a time and separates them with form feeds); other images give one page.
///
/// The image is checked first ([`check_image`]).
pub fn ocr_image(bytes: &[u8], opts: &OcrOptions) -> Result<Vec<OcrPage>, OcrError> {
    if let Some(format) = image_format(bytes) {
        check_image(bytes, format)?;
    }
    let text = tesseract(bytes, 1, opts)?;
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    // tesseract ends every page with a form feed
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, t)| OcrPage {
            number: i as u32 + 1,
            lines: lines(t),
        })
        .collect())
}

/// Reads one image that is a single page numbered `page`.
pub fn ocr_page(bytes: &[u8], page: u32, opts: &OcrOptions) -> Result<OcrPage, OcrError> {
    let text = tesseract(bytes, page, opts)?;
    Ok(OcrPage {
        number: page,
        lines: lines(&text.replace('\u{c}', "\n")),
    })
}

/// A PDF written to a private temporary folder, whose pages are rendered one at a time for
/// OCR. The folder is removed when the value is dropped.
#[derive(Debug)]
pub struct PdfPages {
    dir: tempfile::TempDir,
    pdf: PathBuf,
}

impl PdfPages {
    /// Writes the PDF's bytes to a new temporary folder.
    pub fn new(bytes: &[u8]) -> Result<Self, OcrError> {
        let dir = tempfile::Builder::new().prefix("sohoa-ocr-").tempdir()?;
        let pdf = dir.path().join("input.pdf");
        std::fs::write(&pdf, bytes)?;
        Ok(PdfPages { dir, pdf })
    }

    /// Renders page `page` (1-based) with `pdftoppm -r DPI -f N -l N -gray -png -singlefile`
    /// and returns the PNG's bytes.
    pub fn render(&self, page: u32, opts: &OcrOptions) -> Result<Vec<u8>, OcrError> {
        let out = self.dir.path().join(format!("page-{page}"));
        let n = page.to_string();
        let mut cmd = Command::new(&opts.pdftoppm);
        cmd.arg("-r")
            .arg(opts.dpi.to_string())
            .args(["-f", &n, "-l", &n, "-gray", "-png", "-singlefile"])
            .arg(&self.pdf)
            .arg(&out)
            .current_dir(self.dir.path());
        let run = run(cmd, None, opts.timeout).map_err(|e| match e {
            RunError::NotFound => OcrError::PdftoppmMissing {
                program: opts.pdftoppm.display().to_string(),
            },
            e => e.into_ocr(&opts.pdftoppm, page, opts.timeout),
        })?;
        let png = out.with_extension("png");
        let bytes = std::fs::read(&png);
        let _ = std::fs::remove_file(&png);
        match bytes {
            Ok(b) if run.status.success() && !b.is_empty() => Ok(b),
            _ => Err(failed(&opts.pdftoppm, page, &run)),
        }
    }

    /// Renders page `page` and reads it.
    pub fn ocr(&self, page: u32, opts: &OcrOptions) -> Result<OcrPage, OcrError> {
        let png = self.render(page, opts)?;
        ocr_page(&png, page, opts)
    }
}

/// Runs tesseract on one image (on standard input) and returns its text.
fn tesseract(image: &[u8], page: u32, opts: &OcrOptions) -> Result<String, OcrError> {
    let program = &opts.tesseract;
    let mut cmd = Command::new(program);
    cmd.args(["-", "-", "-l", &opts.language, "--psm", "3"]);
    let run = run(cmd, Some(image), opts.timeout).map_err(|e| match e {
        RunError::NotFound => OcrError::TesseractMissing {
            program: program.display().to_string(),
        },
        e => e.into_ocr(program, page, opts.timeout),
    })?;
    if !run.status.success() {
        let said = String::from_utf8_lossy(&run.stderr);
        if said.contains("Failed loading language") || said.contains("Error opening data file") {
            return Err(OcrError::LanguageMissing {
                program: program.display().to_string(),
                language: opts.language.clone(),
            });
        }
        return Err(failed(program, page, &run));
    }
    let text = String::from_utf8(run.stdout).map_err(|_| OcrError::NotUtf8 {
        program: program.display().to_string(),
        page,
    })?;
    Ok(text.nfc().collect())
}

/// The lines of one page's text: right-trimmed, runs of blank lines made one, none at the
/// ends.
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in text.lines() {
        let l = l.trim_end();
        if l.trim().is_empty() && out.last().is_none_or(|p| p.is_empty()) {
            continue;
        }
        out.push(if l.trim().is_empty() {
            String::new()
        } else {
            l.to_string()
        });
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

fn failed(program: &Path, page: u32, run: &Run) -> OcrError {
    let said = String::from_utf8_lossy(&run.stderr);
    let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
    let said: String = said.chars().take(300).collect();
    OcrError::Failed {
        program: program.display().to_string(),
        page,
        status: run.status.to_string(),
        detail: if said.is_empty() {
            String::new()
        } else {
            format!(": {said}")
        },
    }
}

/// What a finished program gave.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

enum RunError {
    NotFound,
    Timeout,
    Io(std::io::Error),
}

impl RunError {
    fn into_ocr(self, program: &Path, page: u32, timeout: Duration) -> OcrError {
        match self {
            RunError::NotFound => OcrError::Failed {
                program: program.display().to_string(),
                page,
                status: "not found".into(),
                detail: String::new(),
            },
            RunError::Timeout => OcrError::Timeout {
                program: program.display().to_string(),
                page,
                seconds: timeout.as_secs(),
            },
            RunError::Io(e) => OcrError::Io(e),
        }
    }
}

/// Runs `cmd` with `input` on its standard input (or none), collecting its output, killing it
/// after `timeout`. The pipes are served by threads so that a large image or a long text never
/// blocks the program; after a kill they are not waited for (a grandchild may hold a pipe).
fn run(mut cmd: Command, input: Option<&[u8]>, timeout: Duration) -> Result<Run, RunError> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(RunError::NotFound),
        // a path to something that is not a program
        Err(e) if e.kind() == ErrorKind::PermissionDenied => return Err(RunError::NotFound),
        Err(e) => return Err(RunError::Io(e)),
    };
    let writer = match (child.stdin.take(), input) {
        (Some(mut stdin), Some(data)) => {
            let data = data.to_vec();
            // a program that stops reading early closes the pipe: not an error of ours
            Some(std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            }))
        }
        _ => None,
    };
    let reader = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = reader(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err = reader(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) => {}
            Err(e) => return Err(RunError::Io(e)),
        }
        if start.elapsed() >= timeout {
            // best effort: the process may have ended in between
            let _ = child.kill();
            let _ = child.wait();
            return Err(RunError::Timeout);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Ok(Run {
        status,
        stdout,
        stderr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_bytes() {
        assert_eq!(
            image_format(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageFormat::Png)
        );
        assert_eq!(image_format(b"II*\x00...."), Some(ImageFormat::Tiff));
        assert_eq!(image_format(b"MM\x00*...."), Some(ImageFormat::Tiff));
        assert_eq!(
            image_format(b"\xFF\xD8\xFF\xE0...."),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(image_format(b"GIF89a"), None);
        assert_eq!(image_format(b"%PDF-1.4"), None);
        assert_eq!(image_format(b""), None);
    }

    #[test]
    fn damaged_images_are_named() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let err = check_image(png, ImageFormat::Png).expect_err("truncated");
        assert_eq!(
            err.to_string(),
            "the file is a PNG image but it is damaged or truncated (no IDAT image data)"
        );
        assert!(check_image(b"\xFF\xD8\xFF\xE0\0\x10JFIF", ImageFormat::Jpeg).is_err());
        assert!(check_image(b"\xFF\xD8\xFF\xE0\0\xFF\xD9", ImageFormat::Jpeg).is_ok());
        assert!(check_image(b"II*\0\xFF\0\0\0", ImageFormat::Tiff).is_err());
        assert!(check_image(b"MM\0*\0\0\0\x08\0\0", ImageFormat::Tiff).is_ok());
        assert!(check_image(b"II*", ImageFormat::Tiff).is_err());
        // a real image passes, and is not read by a missing tesseract first
        let opts = OcrOptions {
            tesseract: PathBuf::from("/nonexistent/tesseract-for-sohoa-test"),
            ..OcrOptions::default()
        };
        let err = ocr_image(png, &opts).expect_err("damaged");
        assert!(matches!(err, OcrError::Damaged { .. }), "{err:?}");
    }

    #[test]
    fn lines_trimmed_and_blank_runs_collapsed() {
        assert_eq!(
            lines("\n\nỦY BAN  \n\n\n  \nKẾ HOẠCH\n\n"),
            vec!["ỦY BAN", "", "KẾ HOẠCH"]
        );
        assert!(lines(" \n \n").is_empty());
    }

    #[test]
    fn missing_tesseract_says_how_to_install() {
        let opts = OcrOptions {
            tesseract: PathBuf::from("/nonexistent/tesseract-for-sohoa-test"),
            ..OcrOptions::default()
        };
        let err = ocr_page(b"\x89PNG\r\n\x1a\n", 1, &opts).expect_err("no tesseract");
        assert!(matches!(err, OcrError::TesseractMissing { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains("apt-get install tesseract-ocr tesseract-ocr-vie"),
            "{msg}"
        );
        assert!(
            msg.contains("/nonexistent/tesseract-for-sohoa-test"),
            "{msg}"
        );
    }

    #[test]
    fn missing_pdftoppm_says_how_to_install() {
        let opts = OcrOptions {
            pdftoppm: PathBuf::from("/nonexistent/pdftoppm-for-sohoa-test"),
            ..OcrOptions::default()
        };
        let pages = PdfPages::new(b"%PDF-1.4\n").expect("temp folder");
        let err = pages.render(1, &opts).expect_err("no pdftoppm");
        assert!(matches!(err, OcrError::PdftoppmMissing { .. }), "{err:?}");
        assert!(err.to_string().contains("apt-get install poppler-utils"));
    }

    #[cfg(unix)]
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("write script");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        p
    }

    #[cfg(unix)]
    #[test]
    fn a_hanging_tesseract_is_stopped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = OcrOptions {
            tesseract: script(dir.path(), "tesseract", "exec sleep 30"),
            timeout: Duration::from_millis(300),
            ..OcrOptions::default()
        };
        let start = Instant::now();
        let err = ocr_page(&[0u8; 200_000], 3, &opts).expect_err("killed");
        assert!(matches!(err, OcrError::Timeout { page: 3, .. }), "{err:?}");
        assert!(start.elapsed() < Duration::from_secs(20));
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_language_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = OcrOptions {
            tesseract: script(
                dir.path(),
                "tesseract",
                "cat >/dev/null; echo \"Error opening data file /x/vie.traineddata\" >&2; \
                 echo \"Failed loading language 'vie'\" >&2; exit 1",
            ),
            ..OcrOptions::default()
        };
        let err = ocr_page(b"img", 1, &opts).expect_err("no vie");
        assert!(matches!(err, OcrError::LanguageMissing { .. }), "{err:?}");
        assert!(err.to_string().contains("tesseract-ocr-vie"));
    }

    #[cfg(unix)]
    #[test]
    fn text_is_read_per_page_from_standard_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        // a stand-in that checks its arguments and echoes what it was given, then two pages
        let opts = OcrOptions {
            tesseract: script(
                dir.path(),
                "tesseract",
                "[ \"$*\" = \"- - -l vie --psm 3\" ] || exit 3; \
                 n=$(wc -c); printf 'Trang mot %s byte\\n\\nK\\341\\272\\276 HO\\341\\272\\240CH\\n\\fTrang hai\\n\\f' \"$n\"",
            ),
            ..OcrOptions::default()
        };
        let pages = ocr_image(&[7u8; 100_000], &opts).expect("pages");
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].number, 1);
        assert_eq!(
            pages[0].lines,
            vec!["Trang mot 100000 byte", "", "KẾ HOẠCH"]
        );
        assert_eq!(pages[1].number, 2);
        assert_eq!(pages[1].lines, vec!["Trang hai"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_tesseract_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = OcrOptions {
            tesseract: script(
                dir.path(),
                "tesseract",
                "echo 'Error in pixReadMem' >&2; exit 1",
            ),
            ..OcrOptions::default()
        };
        let err = ocr_page(b"junk", 2, &opts).expect_err("fails");
        assert!(matches!(err, OcrError::Failed { page: 2, .. }), "{err:?}");
        assert!(err.to_string().contains("pixReadMem"), "{err}");
    }
}
