//! Guards against hostile PDFs, applied before `lopdf` sees the bytes and around every stream
//! sohoa decodes (issue 7):
//!
//! - **Decompression bombs.** A few kB of `FlateDecode` (or `LZWDecode`, possibly chained) can
//!   inflate to gigabytes. Every stream the PDF library could unpack while loading (object
//!   streams, cross-reference streams: in practice every stream that is not an image) is
//!   inflated here first with a cap, into a buffer that never grows past the cap; so are the
//!   page content streams and `ToUnicode` maps when a page is read. More than
//!   [`Limits::max_inflated`] bytes in one stream, or in all of them together, is
//!   [`PdfError::Bomb`].
//! - **Deep nesting.** The PDF parser is recursive: arrays or dictionaries nested 100 000 deep
//!   would overflow the stack (an abort, not an error). The nesting depth of the object syntax is
//!   measured first, by a scan that counts `[`/`<<` against `]`/`>>` wherever the parser may
//!   read objects (from each `obj` or `trailer` keyword on, until a stream's data starts), and
//!   the same count is made over every decoded content or object stream. Deeper than
//!   [`MAX_DEPTH`] is [`PdfError::TooDeep`].

use std::io::{Read, Write};

use lopdf::{Dictionary, Object, Stream};

use crate::PdfError;

/// The deepest nesting of arrays and dictionaries accepted. Real PDFs stay under 10; the
/// parser needs about 20 kB of stack per level in a debug build, and 32 levels fit the 1 MiB
/// stack the tests give it (a batch worker has 2 MiB).
pub const MAX_DEPTH: usize = 32;

/// Limits of the PDF reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes the streams of one PDF may inflate to, one stream or all together, images
    /// excepted (default 64 MiB; the pipeline passes its `--max-bytes`).
    pub max_inflated: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_inflated: 64 << 20,
        }
    }
}

/// Bytes left to inflate, shared by every stream of one document.
#[derive(Debug)]
pub(crate) struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Self {
        Budget {
            left: limits.max_inflated,
            limit: limits.max_inflated,
        }
    }
}

/// A writer that refuses to hold more than `room` bytes.
struct Capped {
    buf: Vec<u8>,
    room: u64,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if (self.buf.len() + data.len()) as u64 > self.room {
            self.over = true;
            return Err(std::io::Error::other("over the limit"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What decoding one filter gave.
enum Step {
    /// The decoded bytes (a damaged stream gives what could be decoded, as `lopdf` does).
    Data(Vec<u8>),
    /// More than the room left.
    Over,
    /// A filter `lopdf` does not decode either: the stream stays as it is.
    Unknown,
}

fn inflate(data: &[u8], room: u64) -> Step {
    let mut out = Vec::new();
    let mut dec = flate2::read::ZlibDecoder::new(data).take(room.saturating_add(1));
    // a damaged stream: keep what inflated before the damage (as lopdf does)
    let _ = dec.read_to_end(&mut out);
    if out.len() as u64 > room {
        Step::Over
    } else {
        Step::Data(out)
    }
}

fn lzw(data: &[u8], early_change: bool, room: u64) -> Step {
    use weezl::{decode::Decoder, BitOrder};
    let mut dec = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Capped {
        buf: Vec::new(),
        room,
        over: false,
    };
    // a damaged stream: keep what was decoded before the damage (as lopdf does)
    let _ = dec.into_stream(&mut out).decode_all(data).status;
    if out.over {
        Step::Over
    } else {
        Step::Data(out.buf)
    }
}

fn ascii85(data: &[u8], room: u64) -> Step {
    // At most 4 bytes out per byte in: decoded by lopdf, then measured.
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
    match Stream::new(dict, data.to_vec()).decompressed_content() {
        Ok(out) if out.len() as u64 > room => Step::Over,
        Ok(out) => Step::Data(out),
        Err(_) => Step::Unknown,
    }
}

fn early_change(params: Option<&Dictionary>) -> bool {
    params
        .and_then(|p| p.get(b"EarlyChange").ok())
        .and_then(|o| o.as_i64().ok())
        .is_none_or(|v| v != 0)
}

/// Decodes `data` through `filters` (in order) with at most `room` bytes out of any step:
/// `None` for a filter lopdf does not decode either, `Some(Err(()))` when over the room.
fn run_filters(
    data: &[u8],
    filters: &[&[u8]],
    early_change: bool,
    room: u64,
) -> Option<Result<Vec<u8>, ()>> {
    let mut cur: Option<Vec<u8>> = None;
    for f in filters {
        let input = cur.as_deref().unwrap_or(data);
        let step = match *f {
            b"FlateDecode" => inflate(input, room),
            b"LZWDecode" => lzw(input, early_change, room),
            b"ASCII85Decode" => ascii85(input, room),
            _ => Step::Unknown,
        };
        match step {
            Step::Data(d) => cur = Some(d),
            Step::Over => return Some(Err(())),
            Step::Unknown => return None,
        }
    }
    cur.map(Ok)
}

/// The decoded content of a stream, within the budget. Streams without a filter, or with one
/// `lopdf` does not know, come back as they are (as `lopdf` gives them).
pub(crate) fn decode_stream(stream: &Stream, budget: &mut Budget) -> Result<Vec<u8>, PdfError> {
    let filters = stream.filters().unwrap_or_default();
    if filters.is_empty() {
        return Ok(stream.content.clone());
    }
    let params = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .ok();
    let decoded = match run_filters(&stream.content, &filters, early_change(params), budget.left) {
        None => return Ok(stream.content.clone()),
        Some(Err(())) => {
            return Err(PdfError::Bomb {
                limit: budget.limit,
            })
        }
        Some(Ok(d)) => d,
    };
    budget.left -= decoded.len() as u64;
    let predictor = params
        .and_then(|p| p.get(b"Predictor").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(1);
    if predictor > 1 {
        // Size checked above, and a predictor never makes data longer: let lopdf undo it.
        return Ok(stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()));
    }
    Ok(decoded)
}

/// PDF white-space and delimiters end a keyword.
fn is_boundary(b: Option<&u8>) -> bool {
    b.is_none_or(|b| b" \t\r\n\x0c\0()<>[]{}/%".contains(b))
}

/// Whether `data[i..]` is the keyword `kw` standing alone.
fn keyword_at(data: &[u8], i: usize, kw: &[u8]) -> bool {
    data[i..].starts_with(kw)
        && is_boundary(i.checked_sub(1).and_then(|j| data.get(j)))
        && is_boundary(data.get(i + kw.len()))
}

/// The byte offset where the nesting of arrays and dictionaries first goes deeper than
/// [`MAX_DEPTH`]. With `whole_file`, only the parts the object parser may read are counted
/// (from an `obj` or `trailer` keyword to the next `stream`/`endobj` at depth 0); otherwise
/// (decoded content and object streams) everything is.
pub(crate) fn too_deep(data: &[u8], whole_file: bool) -> Option<usize> {
    let mut active = !whole_file;
    let mut depth = 0usize;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if whole_file {
            let opens = (b == b'o' && keyword_at(data, i, b"obj"))
                || (b == b't' && keyword_at(data, i, b"trailer"));
            let closes = (b == b's' && keyword_at(data, i, b"stream"))
                || (b == b'e'
                    && (keyword_at(data, i, b"endobj") || keyword_at(data, i, b"endstream")));
            if opens {
                active = true;
            } else if active && depth == 0 && closes {
                active = false;
            }
        }
        if active {
            match b {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'<' if data.get(i + 1) == Some(&b'<') => {
                    depth += 1;
                    i += 1;
                }
                b'>' if data.get(i + 1) == Some(&b'>') => {
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The filter names written in a stream's dictionary text, in order (only the ones `lopdf`
/// decodes).
fn filter_names(dict: &[u8]) -> Vec<&'static [u8]> {
    let mut out: Vec<(usize, &'static [u8])> = Vec::new();
    for name in [
        &b"FlateDecode"[..],
        &b"LZWDecode"[..],
        &b"ASCII85Decode"[..],
    ] {
        let mut from = 0;
        while let Some(p) = find(dict, name, from) {
            if p > 0 && dict[p - 1] == b'/' {
                out.push((p, name));
            }
            from = p + name.len();
        }
    }
    out.sort_by_key(|&(p, _)| p);
    out.into_iter().map(|(_, n)| n).collect()
}

/// Checks the raw file before it is parsed: nesting depth, and the inflated size of every
/// stream that is not an image (see the module documentation).
pub(crate) fn check_file(bytes: &[u8], budget: &mut Budget) -> Result<(), PdfError> {
    if let Some(offset) = too_deep(bytes, true) {
        return Err(PdfError::TooDeep { offset });
    }
    let mut from = 0;
    let mut prev_end = 0;
    while let Some(p) = find(bytes, b"stream", from) {
        from = p + 6;
        if !keyword_at(bytes, p, b"stream") {
            continue;
        }
        let body = match bytes.get(p + 6..) {
            Some([b'\r', b'\n', ..]) => p + 8,
            Some([b'\n' | b'\r', ..]) => p + 7,
            _ => continue,
        };
        // The stream's dictionary: from the `obj` keyword before it (or 4 kB back).
        let lo = p.saturating_sub(4096).max(prev_end);
        let head = &bytes[lo..p];
        let dict = match head.windows(3).rposition(|w| w == b"obj") {
            Some(k) => &head[k..],
            None => head,
        };
        let end = find(bytes, b"endstream", body).unwrap_or(bytes.len());
        prev_end = end;
        from = from.max(end);
        let loaded_early = contains(dict, b"/ObjStm") || contains(dict, b"/XRef");
        if contains(dict, b"/Image") && !loaded_early {
            continue; // images are never decoded
        }
        let filters = filter_names(dict);
        if filters.is_empty() {
            continue;
        }
        let early = !contains(dict, b"/EarlyChange 0");
        match run_filters(&bytes[body..end], &filters, early, budget.left) {
            Some(Err(())) => {
                return Err(PdfError::Bomb {
                    limit: budget.limit,
                })
            }
            Some(Ok(d)) => {
                budget.left -= d.len() as u64;
                if loaded_early {
                    if let Some(offset) = too_deep(&d, false) {
                        return Err(PdfError::TooDeep {
                            offset: body + offset,
                        });
                    }
                }
            }
            None => {}
        }
    }
    Ok(())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
