//! Word documents (issue 5, "Word documents"): paragraphs, list numbering and tables read
//! straight from a `.docx`, and legacy `.doc` files converted to `.docx` by LibreOffice.
//!
//! A `.docx` is a zip archive of XML parts. [`read_docx`] opens it with the `zip` crate (every
//! part it reads is bounded by [`Limits::max_part_bytes`] *while unpacking*, whatever sizes
//! the archive claims: a zip bomb is an error, not an out-of-memory), finds the main part
//! through `_rels/.rels` (normally `word/document.xml`), and parses it, `numbering.xml` and
//! `styles.xml` with `roxmltree` (no DTDs, a node limit). What it gives, in document order:
//!
//! - **Paragraphs** (`w:p`), their text split into lines at manual line breaks (`w:br`,
//!   `w:cr`), tabs as tab characters, NFC. Deleted text (tracked changes), field codes and
//!   footnote marks are left out; inserted text is in.
//! - **Numbering as shown**: a paragraph in a list (`w:numPr`, its own or its style's) gets
//!   the number Word draws prefixed to its first line ("I. ", "1. ", "a) ", "- "), counted as
//!   Word counts (see the `numbering` module: counters per list definition, restarts,
//!   start values, `lvlText` such as "%1." or "%1.%2)", bullets).
//! - **Tables** as tables ([`Table`]): rows, and cells with their grid column and span
//!   (`gridSpan`, `gridBefore`); a cell merged with the one above (`vMerge` continue) is
//!   marked [`Cell::merged`] and holds no text of its own. A table nested in a cell is read
//!   into that cell's paragraphs, row by row.
//! - **Text boxes** (`w:txbxContent`, in drawings and VML shapes) are read: their paragraphs
//!   follow the paragraph that anchors them (once, although Word stores each box twice).
//! - Headers, footers, footnotes and comments are other parts and are not read.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lists.docx")).unwrap();
//! let doc = sohoa_docx::read_docx(&bytes, &sohoa_docx::Limits::default()).unwrap();
//! let lines: Vec<String> = doc.lines().into_iter().map(|l| l.text).collect();
//! assert!(lines.contains(&"1. Mục đích".to_string()));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod doc;
mod numbering;
mod xml;

use std::io::Read;

use roxmltree::Node;
use unicode_normalization::UnicodeNormalization;

pub use doc::{convert_doc, is_ole2, DocOptions};
use numbering::{Numbering, Styles};
use xml::{attr, child, is_w, on_off, val};

/// Why a Word file could not be read. The caller adds the file's name.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The bytes are not a zip archive (a `.docx` is one).
    #[error("not a .docx: not a zip archive ({0})")]
    NotZip(String),
    /// The archive has no main document part: not a Word document.
    #[error("not a Word document: the zip archive has no {0}")]
    MissingPart(String),
    /// A part unpacks to more than the limit.
    #[error("{part} unpacks to more than {limit} bytes (limit per part; a zip bomb?)")]
    TooLarge {
        /// The part's name in the archive.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A part could not be unpacked (damaged, encrypted, unsupported compression).
    #[error("{part}: cannot unpack: {message}")]
    Unpack {
        /// The part's name in the archive.
        part: String,
        /// What went wrong.
        message: String,
    },
    /// A part is not well-formed XML.
    #[error("{part}: malformed XML at line {line}, column {column}: {message}")]
    Xml {
        /// The part's name in the archive.
        part: String,
        /// 1-based line in the part.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What the parser says.
        message: String,
    },
    /// A part is not UTF-8 or UTF-16 text.
    #[error("{part}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The part's name in the archive.
        part: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A legacy `.doc` needs LibreOffice, which is not installed.
    #[error("a legacy Word .doc is converted by LibreOffice, which is not installed ({program} not found): install it with `apt-get install libreoffice-writer`")]
    SofficeMissing {
        /// The program looked for.
        program: String,
    },
    /// LibreOffice did not finish in time.
    #[error("LibreOffice did not convert the .doc within {seconds} s (stopped)")]
    SofficeTimeout {
        /// The time limit.
        seconds: u64,
    },
    /// LibreOffice ran but gave no `.docx`.
    #[error("LibreOffice could not convert the .doc ({status}){detail}")]
    SofficeFailed {
        /// Its exit status.
        status: String,
        /// What it printed, if anything (prefixed with ": ").
        detail: String,
    },
    /// Preparing or running the conversion failed (temporary folder, process).
    #[error("converting the .doc: {0}")]
    Io(#[from] std::io::Error),
}

/// Resource limits for reading a `.docx`.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most bytes one XML part may unpack to (default 64 MiB; the main part of a long plan is
    /// about 1 MB).
    pub max_part_bytes: u64,
    /// Most XML nodes in one part (default 8 million).
    pub max_nodes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_bytes: 64 << 20,
            max_nodes: 8_000_000,
        }
    }
}

/// The body of a Word document, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docx {
    /// Paragraphs and tables in document order.
    pub body: Vec<Item>,
}

/// A body item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph: its lines (split at manual line breaks; at least one, maybe empty), the first
/// one starting with the list number Word shows, if any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The lines, NFC.
    pub lines: Vec<String>,
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Number of grid columns (`w:tblGrid`, or the widest row).
    pub columns: usize,
    /// Rows in order.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// A header row repeated on every page (`w:tblHeader`).
    pub header: bool,
    /// Cells left to right.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// 0-based grid column where it starts.
    pub col: usize,
    /// Grid columns it spans (`w:gridSpan`, at least 1).
    pub span: usize,
    /// Merged with the cell above (`w:vMerge` continue): Word shows the text of the first cell
    /// of the merge across all its rows, and this one holds none.
    pub merged: bool,
    /// Its paragraphs (a nested table's cells' paragraphs in order).
    pub paragraphs: Vec<Paragraph>,
}

/// One line of the document's text as a plain-text export would write it, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text.
    pub text: String,
    /// For a line of a table cell: (table index in [`Docx::tables`] order, row, cell).
    pub cell: Option<(usize, usize, usize)>,
}

impl Docx {
    /// The text as lines: one per paragraph line, table cells row by row and cell by cell
    /// (a merged cell gives no line). Line `k` (0-based) of this list is line `k + 1` of the
    /// document in sohoa's provenance.
    pub fn lines(&self) -> Vec<TextLine> {
        let mut out = Vec::new();
        let mut t = 0;
        for item in &self.body {
            match item {
                Item::Paragraph(p) => out.extend(p.lines.iter().map(|l| TextLine {
                    text: l.clone(),
                    cell: None,
                })),
                Item::Table(table) => {
                    for (r, row) in table.rows.iter().enumerate() {
                        for (c, cell) in row.cells.iter().enumerate() {
                            for p in &cell.paragraphs {
                                out.extend(p.lines.iter().map(|l| TextLine {
                                    text: l.clone(),
                                    cell: Some((t, r, c)),
                                }));
                            }
                        }
                    }
                    t += 1;
                }
            }
        }
        out
    }

    /// The tables, in document order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.body.iter().filter_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Paragraph(_) => None,
        })
    }
}

/// Whether the bytes start like a zip archive (`PK\x03\x04`, or an empty archive's `PK\x05\x06`).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

/// Reads a `.docx` from its bytes. See the crate documentation.
pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<Docx, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let main = main_part(&mut zip, limits)?;
    let main_text = part(&mut zip, &main, limits)?.ok_or_else(|| {
        DocxError::MissingPart(if main == "word/document.xml" {
            main.clone()
        } else {
            format!("{main} (the main part named by _rels/.rels)")
        })
    })?;
    let rels = relations(&mut zip, &main, limits)?;
    let target = |kind: &str, default: &str| -> String {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let folder = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let at = |f: &str| {
        if folder.is_empty() {
            f.to_string()
        } else {
            format!("{folder}/{f}")
        }
    };
    let numbering_name = target("/numbering", &at("numbering.xml"));
    let styles_name = target("/styles", &at("styles.xml"));

    let numbering = match part(&mut zip, &numbering_name, limits)? {
        Some(text) => Numbering::read(parse(&numbering_name, &text, limits)?.root_element()),
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, &styles_name, limits)? {
        Some(text) => Styles::read(parse(&styles_name, &text, limits)?.root_element()),
        None => Styles::default(),
    };
    let tree = parse(&main, &main_text, limits)?;
    let body = child(tree.root_element(), "body").ok_or_else(|| DocxError::Xml {
        part: main.clone(),
        line: 1,
        column: 1,
        message: "no w:body element (not a WordprocessingML document)".to_string(),
    })?;
    let mut reader = Reader { numbering, styles };
    let mut out = Docx::default();
    reader.block_content(body, &mut out.body, 0);
    Ok(out)
}

/// The main part's name, from `_rels/.rels` (default `word/document.xml`).
fn main_part(zip: &mut Archive, limits: &Limits) -> Result<String, DocxError> {
    let Some(text) = part(zip, "_rels/.rels", limits)? else {
        return Ok("word/document.xml".to_string());
    };
    let tree = parse("_rels/.rels", &text, limits)?;
    let found = tree
        .root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .find(|n| attr(*n, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .and_then(|n| attr(n, "Target"))
        .map(|t| t.trim_start_matches('/').to_string());
    Ok(found.unwrap_or_else(|| "word/document.xml".to_string()))
}

/// The relationships of part `name`: (type, target part name).
fn relations(
    zip: &mut Archive,
    name: &str,
    limits: &Limits,
) -> Result<Vec<(String, String)>, DocxError> {
    let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
    let rels_name = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let Some(text) = part(zip, &rels_name, limits)? else {
        return Ok(Vec::new());
    };
    let tree = parse(&rels_name, &text, limits)?;
    let mut out = Vec::new();
    for n in tree
        .root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
    {
        let (Some(t), Some(target)) = (attr(n, "Type"), attr(n, "Target")) else {
            continue;
        };
        if attr(n, "TargetMode") == Some("External") {
            continue;
        }
        let path = if let Some(abs) = target.strip_prefix('/') {
            abs.to_string()
        } else {
            let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
            for seg in target.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        };
        out.push((t.to_string(), path));
    }
    Ok(out)
}

/// The text of part `name`, or None when the archive has no such part. Unpacking stops with
/// an error past the limit, whatever size the archive declares.
fn part(zip: &mut Archive, name: &str, limits: &Limits) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::Unpack {
                part: name.to_string(),
                message: e.to_string(),
            })
        }
    };
    let limit = limits.max_part_bytes;
    if file.size() > limit {
        return Err(DocxError::TooLarge {
            part: name.to_string(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(file.size().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::Unpack {
            part: name.to_string(),
            message: e.to_string(),
        })?;
    if bytes.len() as u64 > limit {
        return Err(DocxError::TooLarge {
            part: name.to_string(),
            limit,
        });
    }
    text_of(name, bytes).map(Some)
}

/// XML bytes as text: UTF-8 (BOM dropped) or UTF-16 with a BOM.
fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, DocxError> {
    let utf16 = |be: bool| -> String {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(false));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(true));
    }
    let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            s.drain(..skip);
            Ok(s)
        }
        Err(e) => Err(DocxError::NotUtf8 {
            part: name.to_string(),
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

fn parse<'a>(
    name: &str,
    text: &'a str,
    limits: &Limits,
) -> Result<roxmltree::Document<'a>, DocxError> {
    let opt = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: limits.max_nodes,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opt).map_err(|e| {
        let pos = e.pos();
        DocxError::Xml {
            part: name.to_string(),
            line: pos.row,
            column: pos.col,
            message: e.to_string(),
        }
    })
}

/// Deepest nesting of tables, structured-document tags and text boxes followed.
const MAX_DEPTH: usize = 32;

struct Reader {
    numbering: Numbering,
    styles: Styles,
}

impl Reader {
    /// Paragraphs and tables of a block container (body, cell, text box, sdtContent).
    fn block_content(&mut self, node: Node, out: &mut Vec<Item>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for n in node.children().filter(|n| n.is_element()) {
            if is_w(n, "p") {
                let (p, boxes) = self.paragraph(n, depth);
                out.push(Item::Paragraph(p));
                for b in boxes {
                    self.block_content(b, out, depth + 1);
                }
            } else if is_w(n, "tbl") {
                out.push(Item::Table(self.table(n, depth + 1)));
            } else if is_w(n, "sdt") {
                if let Some(c) = child(n, "sdtContent") {
                    self.block_content(c, out, depth + 1);
                }
            } else if is_w(n, "customXml") || is_w(n, "ins") || is_w(n, "moveTo") {
                self.block_content(n, out, depth + 1);
            }
        }
    }

    /// A paragraph, and the text boxes anchored in it.
    fn paragraph<'a, 'i>(
        &mut self,
        p: Node<'a, 'i>,
        depth: usize,
    ) -> (Paragraph, Vec<Node<'a, 'i>>) {
        let mut lines = vec![String::new()];
        let mut boxes = Vec::new();
        self.runs(p, &mut lines, &mut boxes, depth);
        let ppr = child(p, "pPr");
        let own = ppr.and_then(numbering::num_pr);
        let style = ppr
            .and_then(|x| child(x, "pStyle"))
            .and_then(val)
            .and_then(|s| self.styles.num_pr(s));
        let list = match (own, style) {
            (Some((id, lvl)), style) => Some((id, lvl.or(style.and_then(|s| s.1)).unwrap_or(0))),
            (None, Some((id, lvl))) => Some((id, lvl.unwrap_or(0))),
            (None, None) => None,
        };
        if let Some((id, lvl)) = list {
            if let Some(number) = self.numbering.next(&id, lvl) {
                lines[0].insert_str(0, &number);
            }
        }
        let lines = lines.into_iter().map(|l| l.nfc().collect()).collect();
        (Paragraph { lines }, boxes)
    }

    /// The text of the runs under `node`, split into lines; text boxes are collected.
    fn runs<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        lines: &mut Vec<String>,
        boxes: &mut Vec<Node<'a, 'i>>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for n in node.children().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            let ns = n.tag_name().namespace().unwrap_or("");
            if name == "AlternateContent" && ns.contains("markup-compatibility") {
                // the same content twice (DrawingML and VML fallback): read the first choice
                if let Some(c) = n.children().find(|c| c.is_element()) {
                    self.runs(c, lines, boxes, depth + 1);
                }
                continue;
            }
            if name == "txbxContent" {
                boxes.push(n);
                continue;
            }
            if !is_w(n, name) {
                // DrawingML, VML and math containers: only text boxes matter here
                if !matches!(name, "oMath" | "oMathPara") {
                    self.runs(n, lines, boxes, depth + 1);
                }
                continue;
            }
            let last = lines.len() - 1;
            match name {
                "t" => lines[last].push_str(n.text().unwrap_or("")),
                "tab" | "ptab" => lines[last].push('\t'),
                "br" | "cr" => lines.push(String::new()),
                "noBreakHyphen" => lines[last].push('-'),
                "sym" => {
                    if let Some(c) = attr(n, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        lines[last].push_str(&numbering::bullet(&c.to_string()));
                    }
                }
                // properties, deleted text, field codes, marks of notes and comments
                "pPr" | "rPr" | "del" | "moveFrom" | "delText" | "instrText" | "fldChar"
                | "footnoteReference" | "endnoteReference" | "commentReference" | "softHyphen"
                | "annotationRef" | "delInstrText" => {}
                _ => self.runs(n, lines, boxes, depth + 1),
            }
        }
    }

    fn table(&mut self, tbl: Node, depth: usize) -> Table {
        let grid = child(tbl, "tblGrid")
            .map(|g| g.children().filter(|c| is_w(*c, "gridCol")).count())
            .unwrap_or(0);
        let mut table = Table {
            columns: grid,
            rows: Vec::new(),
        };
        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows, depth);
        for tr in rows {
            let trpr = child(tr, "trPr");
            let header = trpr.and_then(|p| child(p, "tblHeader")).is_some_and(on_off);
            let mut col = trpr
                .and_then(|p| child(p, "gridBefore"))
                .and_then(val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(1000);
            let mut cells_xml = Vec::new();
            collect(tr, "tc", &mut cells_xml, depth);
            let mut row = Row {
                header,
                cells: Vec::new(),
            };
            for tc in cells_xml {
                let tcpr = child(tc, "tcPr");
                let span = tcpr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                let merged = tcpr
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| val(m) != Some("restart"));
                // legacy horizontal merge: the cell widens the one before it
                if tcpr
                    .and_then(|p| child(p, "hMerge"))
                    .is_some_and(|m| val(m) != Some("restart"))
                {
                    if let Some(prev) = row.cells.last_mut() {
                        prev.span += span;
                        col += span;
                        continue;
                    }
                }
                let mut items = Vec::new();
                self.block_content(tc, &mut items, depth + 1);
                let mut paragraphs = Vec::new();
                flatten(items, &mut paragraphs);
                if merged {
                    paragraphs.clear();
                }
                row.cells.push(Cell {
                    col,
                    span,
                    merged,
                    paragraphs,
                });
                col += span;
            }
            table.columns = table.columns.max(col);
            table.rows.push(row);
        }
        table
    }
}

/// Elements `w:<name>` under `node`, also inside structured-document tags and custom XML.
fn collect<'a, 'i>(node: Node<'a, 'i>, name: &str, out: &mut Vec<Node<'a, 'i>>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for n in node.children().filter(|n| n.is_element()) {
        if is_w(n, name) {
            out.push(n);
        } else if is_w(n, "sdt") {
            if let Some(c) = child(n, "sdtContent") {
                collect(c, name, out, depth + 1);
            }
        } else if is_w(n, "customXml") {
            collect(n, name, out, depth + 1);
        }
    }
}

/// A cell's items as paragraphs (a nested table's cells, row by row).
fn flatten(items: Vec<Item>, out: &mut Vec<Paragraph>) {
    for item in items {
        match item {
            Item::Paragraph(p) => out.push(p),
            Item::Table(t) => {
                for row in t.rows {
                    for cell in row.cells {
                        out.extend(cell.paragraphs);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets() {
        assert_eq!(
            text_of("x", b"\xEF\xBB\xBF<a/>".to_vec()).ok().as_deref(),
            Some("<a/>")
        );
        assert!(matches!(
            text_of("x", vec![b'<', 0xC3]),
            Err(DocxError::NotUtf8 { offset: 1, .. })
        ));
        assert!(!is_zip(b"%PDF-1.4"));
        assert!(is_zip(b"PK\x03\x04rest"));
    }
}
