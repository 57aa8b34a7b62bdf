//! The whole pipeline: bytes of a file → [`Document`], ready to be written as JSON.
//!
//! Stages: decode ([`sohoa_text::decode`]) → repair ([`sohoa_repair`], per line, when a line
//! needs it) → clean-up ([`sohoa_text::cleanup`]) → segment
//! ([`sohoa_segment::segment`]) → extract citations ([`sohoa_extract`]). A [`Converter`] is built
//! once with its [`Options`] and is immutable, so one value serves every thread of a batch.
//!
//! ```
//! use sohoa_pipeline::{Converter, Options};
//! let conv = Converter::new(Options::default()).unwrap();
//! let text = "ỦY BAN NHÂN DÂN\nXÃ AN LÃO\nKẾ HOẠCH\nCải cách hành chính năm 2025\n\
//!             I. MỤC ĐÍCH\nThực hiện Nghị quyết số 76/NQ-CP của Chính phủ.\n";
//! let doc = conv.convert_bytes("plan.txt", text.as_bytes()).unwrap();
//! assert_eq!(doc.parts.len(), 1);
//! assert_eq!(doc.parts[0].citations[0].number.as_deref(), Some("76/NQ-CP"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub use sohoa_repair::{Mode as RepairMode, RepairError};
pub use sohoa_text::{sha256_hex, Encoding};

use sohoa_model::{Citation, Document, Format, Part, Role, Source, SourceTable};
use sohoa_segment::{Segment, Zone};
use sohoa_text::{Block, DecodeError, DropReason};

/// Why a file could not be converted. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The bytes are not text in a supported encoding.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: String,
        /// What went wrong, with the byte offset.
        source: DecodeError,
    },
    /// The file is a PDF that could not be read (encrypted, damaged, no text layer).
    #[error("{path}: {source}")]
    Pdf {
        /// The file.
        path: String,
        /// What went wrong.
        source: sohoa_pdf::PdfError,
    },
    /// The file is a Word document (`.docx`, or a legacy `.doc` converted by LibreOffice) that
    /// could not be read: not a Word zip, a part over the limit, malformed XML (with its line
    /// and column), or LibreOffice missing or failing.
    #[error("{path}: {source}")]
    Docx {
        /// The file.
        path: String,
        /// What went wrong.
        source: sohoa_docx::DocxError,
    },
    /// A scanned page (an image, or a PDF page without a text layer) could not be read by OCR:
    /// tesseract or its Vietnamese model missing (the message says how to install them),
    /// failing, or over the time limit.
    #[error("{path}: {source}")]
    Ocr {
        /// The file.
        path: String,
        /// What went wrong, with the page.
        source: sohoa_ocr::OcrError,
    },
    /// A line is longer than [`Options::max_line_bytes`]: not a plan text (a minified or binary
    /// file), and reading it would cost time for nothing.
    #[error("{path}: line {line} is {bytes} bytes long, over the limit of {limit} bytes per line (raise it with --max-line-bytes)")]
    LineTooLong {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// Its length in bytes.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is larger than [`Options::max_bytes`].
    #[error(
        "{path}: {bytes} bytes is over the limit of {limit} bytes (raise it with --max-bytes)"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
}

/// Conversion options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Files larger than this are refused (default 64 MiB); also the most a PDF's compressed
    /// streams may inflate to and one part of a `.docx` may unpack to.
    pub max_bytes: u64,
    /// When to repair diacritics and OCR confusions (default: per line, when needed).
    pub repair: RepairMode,
    /// Lines longer than this are refused (default 1 MiB; the longest line of a real plan is a
    /// few hundred bytes).
    pub max_line_bytes: u64,
    /// How legacy Word `.doc` files are converted (LibreOffice's `soffice`, time limit).
    pub soffice: sohoa_docx::DocOptions,
    /// How scanned pages are read (tesseract and pdftoppm programs, time limit per page).
    pub ocr: sohoa_ocr::OcrOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            max_bytes: 64 << 20,
            repair: RepairMode::Auto,
            max_line_bytes: 1 << 20,
            soffice: sohoa_docx::DocOptions::default(),
            ocr: sohoa_ocr::OcrOptions::default(),
        }
    }
}

/// The conversion engine. Build it once; it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Converter {
    options: Options,
    repairer: Option<Arc<sohoa_repair::Repairer>>,
}

impl Converter {
    /// A converter with `options`. Loads the repair model unless repair is off.
    pub fn new(options: Options) -> Result<Self, RepairError> {
        let repairer = match options.repair {
            RepairMode::Never => None,
            _ => Some(Arc::new(sohoa_repair::Repairer::embedded()?)),
        };
        Ok(Converter { options, repairer })
    }

    /// The options it was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads and converts the file at `path`.
    pub fn convert_file(&self, path: &Path) -> Result<Document, ConvertError> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|source| ConvertError::Io {
            path: name.clone(),
            source,
        })?;
        if meta.len() > self.options.max_bytes {
            return Err(ConvertError::TooLarge {
                path: name,
                bytes: meta.len(),
                limit: self.options.max_bytes,
            });
        }
        let bytes = std::fs::read(path).map_err(|source| ConvertError::Io {
            path: name.clone(),
            source,
        })?;
        self.convert_bytes(&name, &bytes)
    }

    /// Converts the bytes of a file; `path` is only recorded (and named in errors).
    pub fn convert_bytes(&self, path: &str, bytes: &[u8]) -> Result<Document, ConvertError> {
        if bytes.len() as u64 > self.options.max_bytes {
            return Err(ConvertError::TooLarge {
                path: path.to_string(),
                bytes: bytes.len() as u64,
                limit: self.options.max_bytes,
            });
        }
        if pdf::is_pdf(bytes) {
            let mut doc = pdf::document(path, bytes, &self.options.ocr, self.options.max_bytes)?;
            if let Some(r) = &self.repairer {
                repair(&mut doc, r, self.options.repair);
            }
            process(&mut doc);
            return Ok(doc);
        }
        let legacy_doc = sohoa_docx::is_ole2(bytes);
        if legacy_doc || sohoa_docx::is_zip(bytes) {
            let mut doc = word::document(path, bytes, legacy_doc, &self.options)?;
            if let Some(r) = &self.repairer {
                repair(&mut doc, r, self.options.repair);
            }
            process(&mut doc);
            return Ok(doc);
        }
        if let Some(format) = sohoa_ocr::image_format(bytes) {
            let mut doc = image::document(path, bytes, format, &self.options.ocr)?;
            if let Some(r) = &self.repairer {
                repair(&mut doc, r, self.options.repair);
            }
            process(&mut doc);
            return Ok(doc);
        }
        if let Some((line, len)) =
            longest_line(bytes).filter(|&(_, n)| n > self.options.max_line_bytes)
        {
            return Err(ConvertError::LineTooLong {
                path: path.to_string(),
                line,
                bytes: len,
                limit: self.options.max_line_bytes,
            });
        }
        let decoded = sohoa_text::decode(bytes, self.options.encoding).map_err(|source| {
            ConvertError::Decode {
                path: path.to_string(),
                source,
            }
        })?;
        let mut source = Source::new(path, Format::Text);
        source.sha256 = sohoa_text::sha256_hex(bytes);
        source.encoding = decoded.encoding.name().to_string();
        source.bytes = bytes.len() as u64;
        let mut doc = Document::new(source);
        doc.lines = decoded.lines;
        if let Some(r) = &self.repairer {
            repair(&mut doc, r, self.options.repair);
        }
        process(&mut doc);
        Ok(doc)
    }
}

/// The PDF branch: lines from the PDF's text layer, in reading order, with their pages.
mod pdf {
    use super::ConvertError;
    use sohoa_model::{Document, Format, Fragment, Line, LineGeometry, Source};

    /// Whether the bytes start (after optional whitespace) with the `%PDF-` signature.
    pub(super) fn is_pdf(bytes: &[u8]) -> bool {
        let start = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        bytes[start..].starts_with(b"%PDF-")
    }

    /// A document whose lines are the PDF's lines (`no` numbers the lines of all pages in
    /// order, `page` is the PDF page); pages that failed become warnings. Pages without text
    /// that draw an image are scanned pages: rendered and read by OCR, one at a time.
    /// `max_bytes` also caps what the PDF's streams may inflate to (decompression bombs).
    pub(super) fn document(
        path: &str,
        bytes: &[u8],
        ocr: &sohoa_ocr::OcrOptions,
        max_bytes: u64,
    ) -> Result<Document, ConvertError> {
        let ocr_err = |source| ConvertError::Ocr {
            path: path.to_string(),
            source,
        };
        let limits = sohoa_pdf::Limits {
            max_inflated: max_bytes,
        };
        let text =
            sohoa_pdf::read_pdf_with(bytes, &limits).map_err(|source| ConvertError::Pdf {
                path: path.to_string(),
                source,
            })?;
        let mut source = Source::new(path, Format::Pdf);
        source.sha256 = sohoa_text::sha256_hex(bytes);
        source.encoding = "pdf".to_string();
        source.bytes = bytes.len() as u64;
        source.pages = Some(
            text.pages
                .iter()
                .map(|p| p.number)
                .chain(text.warnings.iter().map(|w| w.page))
                .max()
                .unwrap_or(0),
        );
        let mut doc = Document::new(source);
        // A vertical gap well over the usual line pitch is a blank line in the text the PDF was
        // made from; the clean-up and table stages read blank lines as block breaks.
        let mut gaps: Vec<f32> = text
            .pages
            .iter()
            .flat_map(|p| p.lines.windows(2))
            .map(|w| w[1].y - w[0].y)
            .filter(|g| *g > 0.0)
            .collect();
        gaps.sort_by(f32::total_cmp);
        // The pitch of consecutive lines: a low percentile, since many plain-text plans put a
        // blank line between most lines.
        let pitch = gaps
            .get(gaps.len() / 20)
            .copied()
            .filter(|p| *p > 0.0)
            .unwrap_or(f32::INFINITY);
        // The top of the text on a page: a page whose first line sits lower starts with blank
        // lines (a blank line that fell at a page break).
        let top = text
            .pages
            .iter()
            .filter_map(|p| p.lines.first().map(|l| l.y))
            .fold(f32::INFINITY, f32::min);
        let mut no = 0u32;
        let mut rendered: Option<sohoa_ocr::PdfPages> = None;
        for (i, page) in text.pages.iter().enumerate() {
            if page.lines.is_empty() && page.images {
                let pages = match &mut rendered {
                    Some(p) => p,
                    None => rendered.insert(sohoa_ocr::PdfPages::new(bytes).map_err(ocr_err)?),
                };
                let read = pages.ocr(page.number, ocr).map_err(ocr_err)?;
                super::push_ocr_lines(&mut doc, &mut no, &read);
                continue;
            }
            for (k, l) in page.lines.iter().enumerate() {
                let gap = match k.checked_sub(1).and_then(|j| page.lines.get(j)) {
                    Some(prev) => l.y - prev.y,
                    None if i > 0 => l.y - top + pitch,
                    None => 0.0,
                };
                let blanks = ((gap / pitch).round() as i64 - 1).clamp(0, 10);
                for _ in 0..blanks {
                    no += 1;
                    doc.lines.push(Line {
                        no,
                        page: Some(page.number),
                        text: String::new(),
                    });
                }
                no += 1;
                doc.lines.push(Line {
                    no,
                    page: Some(page.number),
                    text: l.text.clone(),
                });
                doc.geometry.push(LineGeometry {
                    line: no,
                    page: page.number,
                    x: l.x,
                    y: l.y,
                    width: l.words.last().map(|w| w.x1 - l.x).unwrap_or(0.0),
                    font_size: l.font_size,
                    fragments: l
                        .fragments
                        .iter()
                        .map(|f| Fragment {
                            text: f.text.clone(),
                            x0: f.x0,
                            x1: f.x1,
                        })
                        .collect(),
                });
            }
        }
        for w in &text.warnings {
            doc.warn(
                "pdf_page_unreadable",
                format!("page {}: {}", w.page, w.message),
                None,
            );
        }
        Ok(doc)
    }
}

/// The image branch: PNG, TIFF (each of its pages) or JPEG read by OCR.
mod image {
    use super::ConvertError;
    use sohoa_model::{Document, Format, Source};

    pub(super) fn document(
        path: &str,
        bytes: &[u8],
        format: sohoa_ocr::ImageFormat,
        ocr: &sohoa_ocr::OcrOptions,
    ) -> Result<Document, ConvertError> {
        let pages = sohoa_ocr::ocr_image(bytes, ocr).map_err(|source| ConvertError::Ocr {
            path: path.to_string(),
            source,
        })?;
        let mut source = Source::new(path, Format::Image);
        source.sha256 = sohoa_text::sha256_hex(bytes);
        source.encoding = format.name().to_string();
        source.bytes = bytes.len() as u64;
        source.pages = Some(pages.len() as u32);
        let mut doc = Document::new(source);
        let mut no = 0;
        for page in &pages {
            super::push_ocr_lines(&mut doc, &mut no, page);
        }
        Ok(doc)
    }
}

/// Appends the lines OCR read from one page (numbered on from `no`, with their page) and
/// records the page in `source.ocr_pages`. A page that read as nothing gets a warning.
fn push_ocr_lines(doc: &mut Document, no: &mut u32, page: &sohoa_ocr::OcrPage) {
    doc.source.ocr_pages.push(page.number);
    if page.lines.is_empty() {
        doc.warn(
            "ocr_page_empty",
            format!("page {}: OCR found no text", page.number),
            None,
        );
    }
    for text in &page.lines {
        *no += 1;
        doc.lines.push(sohoa_model::Line {
            no: *no,
            page: Some(page.number),
            text: text.clone(),
        });
    }
}

/// The Word branch: a `.docx` read directly (a legacy `.doc` converted to one by LibreOffice
/// first). Line `n` is the `n`-th line of the document's text: one per paragraph, one more per
/// manual line break, table cells row by row (see [`sohoa_docx::Docx::lines`]); the tables
/// keep their rows and cells for the task extractor.
mod word {
    use super::{ConvertError, Options};
    use sohoa_model::{Document, Format, Line, Source, SourceCell, SourceRow, SourceTable};

    pub(super) fn document(
        path: &str,
        bytes: &[u8],
        legacy: bool,
        options: &Options,
    ) -> Result<Document, ConvertError> {
        let err = |source| ConvertError::Docx {
            path: path.to_string(),
            source,
        };
        let converted;
        let docx_bytes = if legacy {
            converted = sohoa_docx::convert_doc(bytes, &options.soffice).map_err(err)?;
            &converted[..]
        } else {
            bytes
        };
        let limits = sohoa_docx::Limits {
            max_part_bytes: options.max_bytes,
            ..sohoa_docx::Limits::default()
        };
        let docx = sohoa_docx::read_docx(docx_bytes, &limits).map_err(err)?;
        let mut source = Source::new(path, Format::Docx);
        source.sha256 = sohoa_text::sha256_hex(bytes);
        source.encoding = if legacy { "doc" } else { "docx" }.to_string();
        source.bytes = bytes.len() as u64;
        let mut doc = Document::new(source);
        doc.tables = docx
            .tables()
            .map(|t| SourceTable {
                rows: t
                    .rows
                    .iter()
                    .map(|r| SourceRow {
                        header: r.header,
                        cells: r
                            .cells
                            .iter()
                            .map(|c| SourceCell {
                                col: c.col as u32,
                                span: c.span as u32,
                                merged: c.merged,
                                lines: Vec::new(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        for (i, l) in docx.lines().into_iter().enumerate() {
            let no = i as u32 + 1;
            if l.text.len() as u64 > options.max_line_bytes {
                return Err(ConvertError::LineTooLong {
                    path: path.to_string(),
                    line: no as usize,
                    bytes: l.text.len() as u64,
                    limit: options.max_line_bytes,
                });
            }
            if let Some((t, r, c)) = l.cell {
                if let Some(cell) = doc
                    .tables
                    .get_mut(t)
                    .and_then(|t| t.rows.get_mut(r))
                    .and_then(|r| r.cells.get_mut(c))
                {
                    cell.lines.push(no);
                }
            }
            doc.lines.push(Line {
                no,
                page: None,
                text: l.text,
            });
        }
        Ok(doc)
    }
}

/// The 1-based number and byte length of the longest line (split at `\n`, or at `\r` in a file
/// that has no `\n`).
fn longest_line(bytes: &[u8]) -> Option<(usize, u64)> {
    let sep = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    bytes
        .split(|&b| b == sep)
        .enumerate()
        .map(|(i, l)| (i + 1, l.len() as u64))
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))
}

/// Repairs `doc.lines` in place, line by line (a sentence wrapped over two lines keeps its
/// language-model context); line numbers do not change, so everything extracted later still
/// points at the right source line.
pub fn repair(doc: &mut Document, repairer: &sohoa_repair::Repairer, mode: RepairMode) {
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    let repaired = repairer.repair_lines(&texts, mode);
    for (line, r) in doc.lines.iter_mut().zip(repaired) {
        doc.repair.tokens += r.tokens as u64;
        if r.applied {
            doc.repair.changed += r.edits.len() as u64;
            doc.repair.lines += 1;
            line.text = r.text;
            refit_fragments(&mut doc.geometry, line);
        }
    }
    doc.repair.applied = doc.repair.lines > 0;
}

/// Keeps a repaired line's fragments in step with its new text: the repaired words are dealt
/// to the fragments in order when the word count is unchanged; otherwise the line loses its
/// geometry (its table, if any, is then read from the text).
fn refit_fragments(geometry: &mut Vec<sohoa_model::LineGeometry>, line: &sohoa_model::Line) {
    let i = geometry.partition_point(|g| g.line < line.no);
    let Some(g) = geometry.get_mut(i).filter(|g| g.line == line.no) else {
        return;
    };
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let counts: Vec<usize> = g
        .fragments
        .iter()
        .map(|f| f.text.split_whitespace().count())
        .collect();
    if counts.iter().sum::<usize>() != words.len() {
        geometry.remove(i);
        return;
    }
    let mut k = 0;
    for (f, n) in g.fragments.iter_mut().zip(counts) {
        f.text = words[k..k + n].join(" ");
        k += n;
    }
}

/// Runs clean-up, segmentation and extraction over `doc.lines`, filling `doc.parts`.
pub fn process(doc: &mut Document) {
    let cleaned = sohoa_text::cleanup(&doc.lines);
    let running: Vec<u32> = cleaned
        .dropped
        .iter()
        .filter(|d| d.1 == DropReason::RunningHeader)
        .map(|d| d.0)
        .collect();
    if let Some(&first) = running.first() {
        doc.warn(
            "running_header_dropped",
            format!(
                "{} repeated header/footer line(s) dropped (lines {})",
                running.len(),
                running
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(first),
        );
    }
    if doc.lines.iter().all(|l| l.text.trim().is_empty()) {
        doc.warn("empty_input", "the file holds no text", None);
    }
    let seg = sohoa_segment::segment(&cleaned.blocks);
    doc.warnings.extend(seg.warnings);
    for s in seg.parts {
        let part = extract(
            &cleaned.blocks,
            &doc.geometry,
            s,
            &doc.tables,
            &mut doc.warnings,
        );
        doc.parts.push(part);
    }
    doc.warnings.sort_by_key(|w| w.line.unwrap_or(0));
}

fn self_citation(part: &Part, line: u32) -> Option<Citation> {
    let n = part.number.as_ref()?;
    let issuer = match (
        &part.issuer.body,
        &part.issuer.unit_type,
        &part.issuer.unit_name,
    ) {
        (Some(b), Some(t), Some(u)) => Some(format!("{b} {t} {u}")),
        (Some(b), _, _) => Some(b.clone()),
        _ => None,
    };
    Some(Citation {
        raw: n.raw.clone(),
        doc_type: part.kind_label.clone().or_else(|| {
            if part.kind == sohoa_model::Kind::CongVan {
                return Some("Công văn".to_string());
            }
            n.type_code
                .as_deref()
                .and_then(sohoa_extract::number::doc_type_for_code)
                .map(str::to_string)
        }),
        number: n.seq.map(|_| n.raw.clone()),
        name: None,
        seq: n.seq,
        type_code: n.type_code.clone(),
        year: n.year,
        issuer_code: n.issuer_code.clone(),
        date: part.date.clone(),
        issuer,
        role: Role::SelfRef,
        line,
    })
}

/// The plan year: from the period, else the date, else the attached decision's date.
fn plan_year(part: &Part) -> Option<u16> {
    let year = |s: &str| s.get(..4).and_then(|y| y.parse().ok());
    part.period
        .as_ref()
        .and_then(|p| year(&p.to))
        .or_else(|| part.date.as_deref().and_then(year))
        .or_else(|| {
            part.attached_to
                .as_ref()
                .and_then(|a| a.date.as_deref())
                .and_then(year)
        })
}

/// Label path of the deepest section holding `line` ("II.2.1.a").
fn section_path(sections: &[sohoa_model::Section], line: u32) -> Option<String> {
    let s = sections
        .iter()
        .rev()
        .find(|s| s.lines.first <= line && line <= s.lines.last)?;
    let own = s.label.clone();
    Some(match section_path(&s.children, line) {
        Some(rest) if s.style == sohoa_model::SectionStyle::Roman => format!("{own}.{rest}"),
        // numbered children repeat their parent's number ("2.1" under "2")
        Some(rest) if rest.starts_with(&format!("{own}.")) => rest,
        Some(rest) => format!("{own}.{rest}"),
        None => own,
    })
}

/// The task table rows and the targets of a document.
fn tasks_and_targets(
    blocks: &[Block],
    layout: &[sohoa_model::LineGeometry],
    zones: &[(usize, Zone)],
    tables: &[SourceTable],
    part: &mut Part,
    warnings: &mut Vec<sohoa_model::Warning>,
) {
    let in_zone = |z: &[Zone]| -> Vec<&Block> {
        zones
            .iter()
            .filter(|(_, zone)| z.contains(zone))
            .map(|&(i, _)| &blocks[i])
            .collect()
    };
    let body = in_zone(&[Zone::Body]);
    let table = in_zone(&[Zone::Table]);
    if !table.is_empty() {
        let ctx = sohoa_tasks::TableContext::from_blocks(&body, plan_year(part));
        let rows = source_rows(&table, tables);
        let (tasks, w) = if rows.is_empty() {
            // by geometry when the source has a layout, else (or when it does not fit) by text
            let (tasks, w, _) = sohoa_tasks::extract_tasks_with_layout(&table, layout, &ctx);
            (tasks, w)
        } else {
            sohoa_tasks::extract_tasks_from_rows(&rows, &ctx)
        };
        part.tasks = tasks;
        warnings.extend(w);
    }
    let with_paths: Vec<(&Block, Option<String>)> = body
        .iter()
        .map(|b| (*b, section_path(&part.sections, b.lines.first)))
        .collect();
    part.targets = sohoa_tasks::extract_targets(&with_paths);
}

/// The source tables (Word tables) that hold lines of the task-table zone, as rows and cells
/// whose text is the cleaned (and repaired) text of their lines.
fn source_rows(table: &[&Block], tables: &[SourceTable]) -> Vec<Vec<sohoa_tasks::TableRow>> {
    if tables.is_empty() {
        return Vec::new();
    }
    let text: HashMap<u32, &Block> = table.iter().map(|b| (b.lines.first, *b)).collect();
    tables
        .iter()
        .filter(|t| {
            t.rows
                .iter()
                .flat_map(|r| &r.cells)
                .flat_map(|c| &c.lines)
                .any(|l| text.contains_key(l))
        })
        .map(|t| {
            t.rows
                .iter()
                .map(|r| sohoa_tasks::TableRow {
                    header: r.header,
                    page: r
                        .cells
                        .iter()
                        .flat_map(|c| &c.lines)
                        .find_map(|l| text.get(l).and_then(|b| b.page)),
                    cells: r
                        .cells
                        .iter()
                        .map(|c| sohoa_tasks::TableCell {
                            col: c.col as usize,
                            span: c.span as usize,
                            merged: c.merged,
                            lines: c
                                .lines
                                .iter()
                                .filter_map(|l| text.get(l).map(|b| (b.text.clone(), *l)))
                                .collect(),
                        })
                        .collect(),
                })
                .collect()
        })
        .collect()
}

/// The lines of one task row joined into a block, so that a reference broken over the lines of
/// a cell ("Quyết" / "định 766") is read whole.
fn row_block(table: &[&Block], first: u32, last: u32) -> Option<Block> {
    let mut rows = table
        .iter()
        .filter(|b| b.lines.first >= first && b.lines.last <= last);
    let head = rows.next()?;
    let mut block = (*head).clone();
    for b in rows {
        block.text.push(' ');
        block.starts.push((block.text.len(), b.lines.first));
        block.text.push_str(&b.text);
        block.lines.last = b.lines.last;
    }
    Some(block)
}

fn extract(
    blocks: &[Block],
    layout: &[sohoa_model::LineGeometry],
    s: Segment,
    tables: &[SourceTable],
    warnings: &mut Vec<sohoa_model::Warning>,
) -> Part {
    let Segment {
        mut part,
        blocks: zones,
        number_line,
    } = s;
    tasks_and_targets(blocks, layout, &zones, tables, &mut part, warnings);
    if let Some(line) = number_line {
        part.citations.extend(self_citation(&part, line));
    }
    let table: Vec<&Block> = zones
        .iter()
        .filter(|(_, z)| *z == Zone::Table)
        .map(|&(i, _)| &blocks[i])
        .collect();
    let row_spans: Vec<(u32, u32)> = part
        .tasks
        .iter()
        .map(|t| (t.lines.first, t.lines.last))
        .collect();
    let mut done_rows = vec![false; row_spans.len()];
    // the header's "(Kèm theo …)" is the document's attached_to; later ones are an appendix's
    let mut in_header = true;
    for &(i, zone) in &zones {
        let b = &blocks[i];
        in_header &= matches!(zone, Zone::Header | Zone::Attached);
        match zone {
            Zone::Attached => {
                let c = sohoa_extract::citation::parse_citation(
                    &b.text,
                    b.lines.first,
                    Role::AttachedTo,
                );
                if let Some(c) = c {
                    if in_header && part.attached_to.is_none() {
                        part.attached_to = Some(c.clone());
                    }
                    part.citations.push(c);
                }
            }
            Zone::Basis => part
                .citations
                .extend(sohoa_extract::citation::find_citations(b, Role::Basis)),
            // table lines are read a whole row at a time
            Zone::Table => {
                let line = b.lines.first;
                match row_spans.iter().position(|&(f, l)| f <= line && line <= l) {
                    Some(r) if done_rows[r] => {}
                    Some(r) => {
                        done_rows[r] = true;
                        let (f, l) = row_spans[r];
                        if let Some(row) = row_block(&table, f, l) {
                            part.citations
                                .extend(sohoa_extract::citation::find_citations(
                                    &row,
                                    Role::Reference,
                                ));
                        }
                    }
                    None => part
                        .citations
                        .extend(sohoa_extract::citation::find_citations(b, Role::Reference)),
                }
            }
            Zone::Body | Zone::Appendix => part
                .citations
                .extend(sohoa_extract::citation::find_citations(b, Role::Reference)),
            Zone::Header | Zone::Signature => {}
        }
    }
    part
}
