//! Text with positions from PDFs that have a text layer (issue 5, "PDF with a text layer").
//!
//! [`read_pdf`] parses the file with `lopdf` and interprets each page's content stream itself
//! (text state and positioning operators, `Tj`/`TJ`/`'`/`"`, ToUnicode CMaps incl. Identity-H CID
//! fonts, simple fonts' widths), then groups the glyphs into lines by baseline and into words by
//! the gaps between glyphs, in reading order (top to bottom, left to right). Text is NFC.
//! Page numbers and running headers/footers are recognised by position and dropped.
//!
//! Hostile files (issue 7): streams are inflated with a cap ([`Limits::max_inflated`], a
//! decompression bomb is [`PdfError::Bomb`]) and objects nested deeper than [`MAX_DEPTH`] are
//! refused before the recursive parser sees them ([`PdfError::TooDeep`]); see `guard.rs`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod guard;

use std::collections::HashMap;

use guard::Budget;
pub use guard::{Limits, MAX_DEPTH};

use lopdf::{Dictionary, Document, Object, ObjectId};
use unicode_normalization::UnicodeNormalization;

/// The text of a PDF, page by page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    /// Pages in order (pages that failed are missing and named in `warnings`).
    pub pages: Vec<Page>,
    /// Pages that could not be read, with the reason; the other pages are still there.
    pub warnings: Vec<PageWarning>,
}

/// A page that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct PageWarning {
    /// 1-based page number.
    pub page: u32,
    /// Why the page was not read.
    pub message: String,
}

/// One page's lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Lines in reading order (top to bottom).
    pub lines: Vec<PdfLine>,
    /// Whether the page draws an image (an image XObject, directly or inside a form XObject,
    /// or an inline image). A page with images and no lines is a scanned page, to be read by
    /// OCR; a page with neither is blank.
    pub images: bool,
}

/// One line of text: glyphs that share a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLine {
    /// The words joined by single spaces, NFC.
    pub text: String,
    /// Left edge of the first glyph (PDF user units, from the page's left).
    pub x: f32,
    /// Baseline, measured from the top of the page (grows downwards).
    pub y: f32,
    /// Font size (the largest on the line, in user units).
    pub font_size: f32,
    /// The words, left to right.
    pub words: Vec<Word>,
    /// The words grouped into fragments, left to right: runs of words written by one text
    /// positioning (one line of one table cell, typically) and not separated by a wide gap.
    /// A table's cells never share a fragment.
    pub fragments: Vec<Fragment>,
}

/// A run of words of one line that belong together (one line of a table cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// The words joined by single spaces, NFC.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

/// A word and its horizontal extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word, NFC.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

/// Why a PDF could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes do not start with `%PDF-`.
    #[error("not a PDF (no %PDF- signature)")]
    NotPdf,
    /// The PDF is encrypted; sohoa does not decrypt.
    #[error(
        "the PDF is encrypted (password-protected); save an unencrypted copy and convert that"
    )]
    Encrypted,
    /// The file is damaged or truncated so that no page can be found.
    #[error("the PDF is damaged or truncated: {0}")]
    Damaged(String),
    /// The PDF parsed but no page has a text layer or an image (every page is blank).
    #[error("the PDF has no text and no images (every page is blank)")]
    NoText,
    /// A stream inflates to more than the limit (one stream, or all of them together, images
    /// excepted): a decompression bomb, or a PDF far larger than any plan.
    #[error("the PDF's compressed streams inflate to more than {limit} bytes (a decompression bomb?); raise the limit with --max-bytes")]
    Bomb {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Arrays or dictionaries nested deeper than [`MAX_DEPTH`]: no real PDF does that, and
    /// parsing it would overflow the stack.
    #[error("the PDF nests objects more than {max} deep (at byte offset {offset}); refused as damaged or hostile", max = MAX_DEPTH)]
    TooDeep {
        /// Byte offset in the file where the nesting gets too deep (for a compressed stream:
        /// where its data starts).
        offset: usize,
    },
}

/// Reads the text of a PDF with the default [`Limits`]. See the crate documentation.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    read_pdf_with(bytes, &Limits::default())
}

/// Reads the text of a PDF within `limits`. See the crate documentation.
pub fn read_pdf_with(bytes: &[u8], limits: &Limits) -> Result<PdfText, PdfError> {
    let start = bytes
        .iter()
        .position(|&b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if !bytes[start..].starts_with(b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    guard::check_file(bytes, &mut Budget::new(limits))?;
    let has_encrypt = contains(bytes, b"/Encrypt");
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(_) if has_encrypt => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Damaged(e.to_string())),
    };
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(PdfError::Encrypted);
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::Damaged("no pages found".into()));
    }
    let mut out = PdfText::default();
    let mut heights = Vec::new();
    let mut budget = Budget::new(limits);
    for (&number, &id) in &page_ids {
        match read_page(&doc, id, &mut budget) {
            Ok((glyphs, height, images)) => {
                heights.push(height);
                out.pages.push(Page {
                    number,
                    lines: group_lines(glyphs, height),
                    images,
                });
            }
            Err(PageFail::Warn(message)) => out.warnings.push(PageWarning {
                page: number,
                message,
            }),
            Err(PageFail::Fatal(e)) => return Err(e),
        }
    }
    if out.pages.iter().all(|p| p.lines.is_empty() && !p.images) {
        if out.pages.is_empty() {
            return Err(PdfError::Damaged(
                out.warnings
                    .first()
                    .map(|w| w.message.clone())
                    .unwrap_or_default(),
            ));
        }
        return Err(PdfError::NoText);
    }
    drop_furniture(&mut out.pages, &heights);
    Ok(out)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A positioned glyph (top-down y).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Which text positioning wrote it (a new one at each `BT`, `Td`, `TD`, `Tm`, `T*`, `'`
    /// and `"`).
    run: u32,
}

/// A legacy Vietnamese 8-bit encoding, told by the font's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    /// TCVN3 (ABC): fonts named `.VnTime`, `VnArial`, … (`.Vn…`/`Vn…`).
    Tcvn3,
    /// VNI-Windows: fonts named `VNI-Times`, `VNI-Helve`, … (`VNI…`).
    Vni,
}

/// The legacy encoding a font's `BaseFont` name implies (a subset prefix `ABCDEF+` and
/// PostScript style suffixes do not matter).
fn legacy_of(base_font: &[u8]) -> Option<Legacy> {
    let name = String::from_utf8_lossy(base_font).to_lowercase();
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_alphabetic()) => {
            rest.to_string()
        }
        _ => name,
    };
    if name.starts_with("vni") {
        Some(Legacy::Vni)
    } else if name.starts_with(".vn") || name.starts_with("vn") {
        Some(Legacy::Tcvn3)
    } else {
        None
    }
}

struct Font {
    two_byte: bool,
    legacy: Option<Legacy>,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn num(doc: &Document, o: &Object) -> Option<f32> {
    deref(doc, o).as_float().ok()
}

fn page_height(doc: &Document, id: ObjectId) -> f32 {
    let mut cur = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = cur else { break };
        if let Ok(mb) = d.get(b"MediaBox") {
            if let Ok(a) = deref(doc, mb).as_array() {
                let v: Vec<f32> = a.iter().filter_map(|o| num(doc, o)).collect();
                if v.len() == 4 {
                    return (v[3] - v[1]).abs();
                }
            }
        }
        cur = d
            .get(b"Parent")
            .ok()
            .and_then(|p| deref(doc, p).as_dict().ok());
    }
    842.0
}

fn load_font(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, PdfError> {
    let subtype = dict
        .get(b"Subtype")
        .ok()
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    let legacy = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|o| deref(doc, o).as_name().ok())
        .and_then(legacy_of);
    let mut font = Font {
        two_byte,
        legacy,
        to_unicode: HashMap::new(),
        widths: HashMap::new(),
        default_width: if two_byte { 1000.0 } else { 500.0 },
    };
    if let Ok(tu) = dict.get(b"ToUnicode") {
        if let Ok(s) = deref(doc, tu).as_stream() {
            let data = guard::decode_stream(s, budget)?;
            font.to_unicode = parse_cmap(&data);
        }
    }
    if two_byte {
        let desc = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        if let Some(d) = desc {
            if let Some(dw) = d.get(b"DW").ok().and_then(|o| num(doc, o)) {
                font.default_width = dw;
            }
            if let Some(w) = d.get(b"W").ok().and_then(|o| deref(doc, o).as_array().ok()) {
                let mut i = 0;
                while i < w.len() {
                    let Some(first) = num(doc, &w[i]) else { break };
                    let first = first as u32;
                    match w.get(i + 1).map(|o| deref(doc, o)) {
                        Some(Object::Array(ws)) => {
                            for (k, o) in ws.iter().enumerate() {
                                if let Some(v) = num(doc, o) {
                                    font.widths.insert(first.saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let last = o.as_float().unwrap_or(first as f32) as u32;
                            let v = w.get(i + 2).and_then(|o| num(doc, o)).unwrap_or(1000.0);
                            for c in first..=last.min(first.saturating_add(65535)) {
                                font.widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    } else {
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| num(doc, o))
            .unwrap_or(0.0) as u32;
        if let Some(ws) = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        {
            for (k, o) in ws.iter().enumerate() {
                if let Some(v) = num(doc, o) {
                    font.widths.insert(first.saturating_add(k as u32), v);
                }
            }
        }
    }
    Ok(font)
}

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(data);
    let mut map = HashMap::new();
    #[derive(PartialEq)]
    enum Mode {
        None,
        Char,
        Range,
    }
    let mut mode = Mode::None;
    let mut toks: Vec<String> = Vec::new();
    // Tokenise: <hex>, [, ], words.
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let mut h = String::from("<");
                for d in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                    if !d.is_whitespace() {
                        h.push(d);
                    }
                }
                tokens.push(h);
            }
            '[' | ']' => tokens.push(c.to_string()),
            c if c.is_whitespace() => {}
            _ => {
                let mut w = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || d == '<' || d == '[' || d == ']' {
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                tokens.push(w);
            }
        }
    }
    for t in tokens {
        match t.as_str() {
            "beginbfchar" => {
                mode = Mode::Char;
                toks.clear();
            }
            "beginbfrange" => {
                mode = Mode::Range;
                toks.clear();
            }
            "endbfchar" | "endbfrange" => mode = Mode::None,
            _ if mode == Mode::Char => {
                toks.push(t);
                if toks.len() == 2 {
                    if let (Some(c), Some(s)) = (hex_code(&toks[0]), hex_utf16(&toks[1])) {
                        map.insert(c, s);
                    }
                    toks.clear();
                }
            }
            _ if mode == Mode::Range => {
                toks.push(t);
                if toks.len() >= 3 {
                    if toks[2] == "[" {
                        if toks.last().map(String::as_str) == Some("]") {
                            if let Some(lo) = hex_code(&toks[0]) {
                                for (k, d) in toks[3..toks.len() - 1].iter().enumerate() {
                                    if let Some(s) = hex_utf16(d) {
                                        map.insert(lo.saturating_add(k as u32), s);
                                    }
                                }
                            }
                            toks.clear();
                        }
                    } else {
                        if let (Some(lo), Some(hi), Some(dst)) =
                            (hex_code(&toks[0]), hex_code(&toks[1]), hex_units(&toks[2]))
                        {
                            for (k, c) in (lo..=hi.min(lo.saturating_add(65535))).enumerate() {
                                let mut units = dst.clone();
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                map.insert(c, String::from_utf16_lossy(&units));
                            }
                        }
                        toks.clear();
                    }
                }
            }
            _ => {}
        }
    }
    map
}

fn hex_bytes(t: &str) -> Option<Vec<u8>> {
    let h = t.strip_prefix('<')?;
    if h.len() % 2 != 0 || !h.is_ascii() {
        return None;
    }
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).ok())
        .collect()
}

fn hex_code(t: &str) -> Option<u32> {
    let b = hex_bytes(t)?;
    if b.len() > 4 {
        return None;
    }
    Some(b.iter().fold(0u32, |a, &x| (a << 8) | x as u32))
}

fn hex_units(t: &str) -> Option<Vec<u16>> {
    let b = hex_bytes(t)?;
    Some(
        b.chunks(2)
            .map(|c| ((c[0] as u16) << 8) | c.get(1).copied().unwrap_or(0) as u16)
            .collect(),
    )
}

fn hex_utf16(t: &str) -> Option<String> {
    Some(String::from_utf16_lossy(&hex_units(t)?))
}

struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    tc: f32,
    tw: f32,
    tz: f32,
    tl: f32,
    rise: f32,
}

/// Why a page was not read: a warning (the other pages are still read), or an error for the
/// whole file (over a limit).
enum PageFail {
    Warn(String),
    Fatal(PdfError),
}

impl From<String> for PageFail {
    fn from(s: String) -> Self {
        PageFail::Warn(s)
    }
}

/// The page's content: its content streams decoded (within the budget) and joined, as
/// `lopdf`'s `get_page_content` would (a stream that does not decode is taken as it is).
fn page_content(doc: &Document, id: ObjectId, budget: &mut Budget) -> Result<Vec<u8>, PdfError> {
    let mut content = Vec::new();
    for sid in doc.get_page_contents(id) {
        if let Ok(s) = doc.get_object(sid).and_then(Object::as_stream) {
            content.extend(guard::decode_stream(s, budget)?);
        }
    }
    Ok(content)
}

/// The glyphs of a page, its height and whether it draws an image.
fn read_page(
    doc: &Document,
    id: ObjectId,
    budget: &mut Budget,
) -> Result<(Vec<Glyph>, f32, bool), PageFail> {
    let height = page_height(doc, id);
    // A content stream the page names but the file does not hold: the page is damaged (lopdf
    // would read it as an empty page).
    if let Ok(page) = doc.get_dictionary(id) {
        let refs: Vec<ObjectId> = match page.get(b"Contents") {
            Ok(Object::Reference(r)) => vec![*r],
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => Vec::new(),
        };
        for r in refs {
            if doc.get_object(r).is_err() {
                return Err(PageFail::Warn(format!(
                    "content stream {} {} R is missing (damaged or truncated file)",
                    r.0, r.1
                )));
            }
        }
    }
    let content = page_content(doc, id, budget).map_err(PageFail::Fatal)?;
    if guard::too_deep(&content, false).is_some() {
        return Err(PageFail::Warn(format!(
            "content stream: arrays or dictionaries nested more than {MAX_DEPTH} deep"
        )));
    }
    let ops = lopdf::content::Content::decode(&content)
        .map_err(|e| format!("content stream: {e}"))?
        .operations;
    let fonts_raw = doc.get_page_fonts(id).unwrap_or_default();
    let mut fonts: HashMap<Vec<u8>, Font> = HashMap::with_capacity(fonts_raw.len());
    for (k, d) in &fonts_raw {
        fonts.insert(
            k.clone(),
            load_font(doc, d, budget).map_err(PageFail::Fatal)?,
        );
    }
    let mut glyphs = Vec::new();
    let mut st = State {
        ctm: IDENTITY,
        font: None,
        size: 0.0,
        tc: 0.0,
        tw: 0.0,
        tz: 1.0,
        tl: 0.0,
        rise: 0.0,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut tm = IDENTITY;
    let mut tlm = IDENTITY;
    let mut run = 0u32;
    let mut images = false;
    let mut drawn: Vec<&[u8]> = Vec::new();
    let f = |o: &Object| o.as_float().unwrap_or(0.0);
    for op in &ops {
        let a = &op.operands;
        if matches!(
            op.operator.as_str(),
            "BT" | "Td" | "TD" | "Tm" | "T*" | "'" | "\""
        ) {
            run += 1;
        }
        match op.operator.as_str() {
            "q" => stack.push(State {
                ctm: st.ctm,
                font: st.font.clone(),
                ..st
            }),
            "Q" => {
                if let Some(s) = stack.pop() {
                    st = s;
                }
            }
            "cm" if a.len() == 6 => {
                let m = [f(&a[0]), f(&a[1]), f(&a[2]), f(&a[3]), f(&a[4]), f(&a[5])];
                st.ctm = mul(&m, &st.ctm);
            }
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" if a.len() == 2 => {
                st.font = a[0].as_name().ok().map(<[u8]>::to_vec);
                st.size = f(&a[1]);
            }
            "Tc" if a.len() == 1 => st.tc = f(&a[0]),
            "Tw" if a.len() == 1 => st.tw = f(&a[0]),
            "Tz" if a.len() == 1 => st.tz = f(&a[0]) / 100.0,
            "TL" if a.len() == 1 => st.tl = f(&a[0]),
            "Ts" if a.len() == 1 => st.rise = f(&a[0]),
            "Td" | "TD" if a.len() == 2 => {
                if op.operator == "TD" {
                    st.tl = -f(&a[1]);
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(&a[0]), f(&a[1])], &tlm);
                tm = tlm;
            }
            "Tm" if a.len() == 6 => {
                tlm = [f(&a[0]), f(&a[1]), f(&a[2]), f(&a[3]), f(&a[4]), f(&a[5])];
                tm = tlm;
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.tl], &tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    if op.operator == "\"" && a.len() == 3 {
                        st.tw = f(&a[0]);
                        st.tc = f(&a[1]);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.tl], &tlm);
                    tm = tlm;
                }
                let font = st.font.as_ref().and_then(|n| fonts.get(n));
                let Some(font) = font else { continue };
                for item in a {
                    match item {
                        Object::String(bytes, _) => {
                            show(bytes, font, &st, &mut tm, height, run, &mut glyphs)
                        }
                        Object::Integer(_) | Object::Real(_) => {
                            let adj = f(item);
                            let tx = -adj / 1000.0 * st.size * st.tz;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                        }
                        Object::Array(items) => {
                            for it in items {
                                match it {
                                    Object::String(bytes, _) => {
                                        show(bytes, font, &st, &mut tm, height, run, &mut glyphs)
                                    }
                                    _ => {
                                        let tx = -f(it) / 1000.0 * st.size * st.tz;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            "BI" | "ID" | "EI" => images = true,
            "Do" => drawn.extend(a.first().and_then(|o| o.as_name().ok())),
            _ => {}
        }
    }
    images = images || draws_image(doc, id, &drawn);
    Ok((glyphs, height, images))
}

/// Whether one of the XObjects a page draws (by resource name) is an image, or a form whose
/// own resources hold an image.
fn draws_image(doc: &Document, page: ObjectId, drawn: &[&[u8]]) -> bool {
    if drawn.is_empty() {
        return false;
    }
    let Ok((own, inherited)) = doc.get_page_resources(page) else {
        return false;
    };
    let resources = own
        .into_iter()
        .chain(inherited.iter().filter_map(|&r| doc.get_dictionary(r).ok()));
    let xobjects = |res: &Dictionary| -> Vec<(Vec<u8>, ObjectId)> {
        let dict = match res.get(b"XObject") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        dict.map(|d| {
            d.iter()
                .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                .collect()
        })
        .unwrap_or_default()
    };
    let subtype = |id: ObjectId| -> Option<(Vec<u8>, Option<Dictionary>)> {
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        let sub = stream.dict.get(b"Subtype").ok()?.as_name().ok()?.to_vec();
        let res = match stream.dict.get(b"Resources") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok().cloned(),
            Ok(Object::Dictionary(d)) => Some(d.clone()),
            _ => None,
        };
        Some((sub, res))
    };
    for res in resources {
        for (name, id) in xobjects(res) {
            if !drawn.contains(&name.as_slice()) {
                continue;
            }
            match subtype(id) {
                Some((sub, _)) if sub == b"Image" => return true,
                // a form XObject wrapping the scan (one level deep)
                Some((sub, Some(form_res)))
                    if sub == b"Form"
                        && xobjects(&form_res).into_iter().any(|(_, inner)| {
                            subtype(inner).is_some_and(|(s, _)| s == b"Image")
                        }) =>
                {
                    return true
                }
                _ => {}
            }
        }
    }
    false
}

fn show(
    bytes: &[u8],
    font: &Font,
    st: &State,
    tm: &mut Matrix,
    height: f32,
    run: u32,
    out: &mut Vec<Glyph>,
) {
    let step = if font.two_byte { 2 } else { 1 };
    // Text of each code; a legacy Vietnamese font (by its name) is decoded with its encoding,
    // and a VNI letter written as base + mark byte is one letter over two codes (the second
    // gets no text and widens the first).
    let texts: Vec<Option<String>> = match font.legacy {
        Some(Legacy::Tcvn3) if !font.two_byte => bytes
            .iter()
            .map(|&b| Some(sohoa_text::decode_tcvn3(&[b])))
            .collect(),
        Some(Legacy::Vni) if !font.two_byte => {
            let mut v = Vec::with_capacity(bytes.len());
            for (c, n) in sohoa_text::decode_vni_units(bytes) {
                v.push(Some(c.to_string()));
                for _ in 1..n {
                    v.push(None);
                }
            }
            v
        }
        _ => bytes
            .chunks(step)
            .map(|chunk| {
                let code = chunk.iter().fold(0u32, |a, &x| (a << 8) | x as u32);
                Some(match font.to_unicode.get(&code) {
                    Some(s) => s.clone(),
                    None if !font.two_byte => {
                        char::from_u32(code).map(String::from).unwrap_or_default()
                    }
                    None => String::new(),
                })
            })
            .collect(),
    };
    let mut joined_to: Option<usize> = None;
    for (chunk, text) in bytes.chunks(step).zip(texts) {
        let code = chunk.iter().fold(0u32, |a, &x| (a << 8) | x as u32);
        let w = font
            .widths
            .get(&code)
            .copied()
            .unwrap_or(font.default_width)
            / 1000.0;
        let space = if step == 1 && code == 32 { st.tw } else { 0.0 };
        let m = mul(
            &[st.size * st.tz, 0.0, 0.0, st.size, 0.0, st.rise],
            &mul(tm, &st.ctm),
        );
        let adv = (w * st.size + st.tc + space) * st.tz;
        let end = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &mul(tm, &st.ctm));
        let size = (m[2] * m[2] + m[3] * m[3]).sqrt();
        match text {
            Some(text) if !text.is_empty() && size > 0.0 => {
                joined_to = Some(out.len());
                out.push(Glyph {
                    text,
                    x0: m[4],
                    x1: end[4],
                    y: height - m[5],
                    size,
                    run,
                });
            }
            // the mark byte of a VNI letter: the letter's glyph covers it too
            None => {
                if let Some(g) = joined_to.and_then(|i| out.get_mut(i)) {
                    g.x1 = g.x1.max(end[4]);
                }
            }
            Some(_) => joined_to = None,
        }
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
    }
}

/// Groups glyphs into lines by baseline, then into words by gaps, top to bottom.
fn group_lines(mut glyphs: Vec<Glyph>, _height: f32) -> Vec<PdfLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(r)
                if r.first()
                    .is_some_and(|f| (g.y - f.y).abs() <= 0.3 * f.size.max(g.size)) =>
            {
                r.push(g)
            }
            _ => rows.push(vec![g]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // words, with the runs of their first and last glyph
        let mut words: Vec<(Word, u32, u32)> = Vec::new();
        let mut cur: Option<(Word, u32, u32)> = None;
        let mut size: f32 = 0.0;
        for g in &row {
            size = size.max(g.size);
            let is_space = g.text.chars().all(char::is_whitespace);
            let gap_breaks = cur
                .as_ref()
                .is_some_and(|(w, _, _)| g.x0 - w.x1 > 0.2 * g.size);
            if is_space || gap_breaks {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
            }
            if is_space {
                continue;
            }
            match cur.as_mut() {
                Some((w, _, last)) => {
                    w.text.push_str(&g.text);
                    w.x1 = w.x1.max(g.x1);
                    *last = g.run;
                }
                None => {
                    cur = Some((
                        Word {
                            text: g.text.clone(),
                            x0: g.x0,
                            x1: g.x1,
                        },
                        g.run,
                        g.run,
                    ))
                }
            }
        }
        if let Some(w) = cur.take() {
            words.push(w);
        }
        for (w, _, _) in &mut words {
            w.text = w.text.nfc().collect();
        }
        let Some(first) = words.first() else { continue };
        let x = first.0.x0;
        let text = words
            .iter()
            .map(|(w, _, _)| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // fragments: a new one where the text positioning changes (unless the glyphs touch, as
        // when a producer places every glyph itself), or at any gap over an em
        let mut fragments: Vec<Fragment> = Vec::new();
        let mut prev_run = None;
        for (w, r0, r1) in &words {
            let joins = fragments.last().is_some_and(|f| {
                let gap = w.x0 - f.x1;
                gap <= 1.2 * size && (prev_run == Some(*r0) || gap <= 0.1 * size)
            });
            match fragments.last_mut() {
                Some(f) if joins => {
                    f.text.push(' ');
                    f.text.push_str(&w.text);
                    f.x1 = f.x1.max(w.x1);
                }
                _ => fragments.push(Fragment {
                    text: w.text.clone(),
                    x0: w.x0,
                    x1: w.x1,
                }),
            }
            prev_run = Some(*r1);
        }
        let y = row.iter().map(|g| g.y).sum::<f32>() / row.len().max(1) as f32;
        lines.push(PdfLine {
            text,
            x,
            y,
            font_size: size,
            words: words.into_iter().map(|(w, _, _)| w).collect(),
            fragments,
        });
    }
    lines
}

/// Drops page numbers (a lone number at the top or bottom of a page) and running headers and
/// footers (the same text at about the same y on most pages).
fn drop_furniture(pages: &mut [Page], heights: &[f32]) {
    let n = pages.len();
    let mut counts: HashMap<(String, i32), usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in &p.lines {
            let key = (l.text.clone(), (l.y / 4.0).round() as i32);
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    // Page numbers: a lone number on the first or last line of a page, in the top or bottom
    // margin, whose difference from the page's index is the same on at least half the pages
    // (a table's row number that happens to open a page is not dropped).
    let lone = |p: &Page, h: f32, k: usize| -> Option<i64> {
        let l = p.lines.get(k)?;
        if !(k == 0 || k + 1 == p.lines.len()) || !(l.y < 0.12 * h || l.y > 0.88 * h) {
            return None;
        }
        l.text
            .trim_matches(|c: char| c == '-' || c.is_whitespace())
            .parse::<i64>()
            .ok()
    };
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        let h = heights.get(i).copied().unwrap_or(842.0);
        let mut seen = std::collections::HashSet::new();
        for k in [0, p.lines.len().saturating_sub(1)] {
            if let Some(v) = lone(p, h, k) {
                if seen.insert(v - i64::from(p.number)) {
                    *offsets.entry(v - i64::from(p.number)).or_default() += 1;
                }
            }
        }
    }
    let offset = offsets
        .iter()
        .max_by_key(|&(o, c)| (*c, -o.abs()))
        .filter(|&(_, c)| c * 2 >= n)
        .map(|(o, _)| *o);
    for (i, p) in pages.iter_mut().enumerate() {
        let h = heights.get(i).copied().unwrap_or(842.0);
        let numbers: Vec<bool> = (0..p.lines.len())
            .map(|k| offset.is_some_and(|o| lone(p, h, k) == Some(i64::from(p.number) + o)))
            .collect();
        let len = p.lines.len();
        let mut keep = Vec::with_capacity(len);
        for (k, l) in p.lines.drain(..).enumerate() {
            let in_margin = l.y < 0.12 * h || l.y > 0.88 * h;
            let lone_number = numbers.get(k).copied().unwrap_or(false);
            let key = (l.text.clone(), (l.y / 4.0).round() as i32);
            let repeated = n >= 3 && in_margin && counts.get(&key).copied().unwrap_or(0) * 2 > n;
            if !(lone_number || repeated) {
                keep.push(l);
            }
        }
        p.lines = keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encoding_from_font_name() {
        assert_eq!(legacy_of(b".VnTime"), Some(Legacy::Tcvn3));
        assert_eq!(legacy_of(b"ABCDEF+.VnTimeH"), Some(Legacy::Tcvn3));
        assert_eq!(legacy_of(b"VnArial,Bold"), Some(Legacy::Tcvn3));
        assert_eq!(legacy_of(b"VNI-Times"), Some(Legacy::Vni));
        assert_eq!(legacy_of(b"QWERTY+VNI-Helve-Bold"), Some(Legacy::Vni));
        assert_eq!(legacy_of(b"TimesNewRomanPSMT"), None);
        assert_eq!(legacy_of(b"ABCDEF+LiberationSerif"), None);
    }
}
