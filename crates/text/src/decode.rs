//! Bytes → NFC lines.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};
use sohoa_model::Line;

use crate::legacy;
use unicode_normalization::UnicodeNormalization;

/// Text encodings sohoa reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without BOM (NFD input is normalised to NFC).
    Utf8,
    /// UTF-16 little endian (BOM required for detection).
    Utf16Le,
    /// UTF-16 big endian (BOM required for detection).
    Utf16Be,
    /// Windows-1258, the Vietnamese Windows code page.
    Windows1258,
    /// TCVN3 (ABC, TCVN 5712 VN3), the single-byte encoding of the .VnTime fonts.
    Tcvn3,
    /// VNI-Windows: a base letter byte followed by a mark byte.
    Vni,
    /// VIQR (RFC 1456): ASCII with marks written as punctuation after the vowel.
    Viqr,
}

impl Encoding {
    /// The name written in the JSON `source.encoding` field.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viqr => "viqr",
        }
    }

    /// All encodings, for `--help` and error messages.
    pub const ALL: [Encoding; 7] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viqr,
    ];
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.to_ascii_lowercase().replace('_', "-");
        match k.as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16le" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            "windows-1258" | "cp1258" | "win1258" => Ok(Encoding::Windows1258),
            "tcvn3" | "tcvn" | "abc" | "tcvn-3" | "tcvn5712" | "tcvn-5712" | "vn3" => {
                Ok(Encoding::Tcvn3)
            }
            "vni" | "vni-windows" | "vni-win" | "vniwin" => Ok(Encoding::Vni),
            "viqr" => Ok(Encoding::Viqr),
            _ => Err(format!(
                "unknown encoding `{s}` (known: {})",
                Encoding::ALL.map(|e| e.name()).join(", ")
            )),
        }
    }
}

/// Why bytes could not be decoded as text. Offsets are byte offsets in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The file starts with the signature of a known binary format.
    #[error("not a text file: looks like {format} (signature at byte offset 0)")]
    BinarySignature {
        /// Name of the detected format.
        format: &'static str,
    },
    /// A NUL or other control byte that text never contains.
    #[error("not a text file: control byte 0x{byte:02X} at line {line}, byte offset {offset}")]
    ControlByte {
        /// Byte offset.
        offset: usize,
        /// 1-based line of the byte.
        line: usize,
        /// The byte.
        byte: u8,
    },
    /// Invalid bytes for the encoding.
    #[error("invalid {encoding} at line {line}, byte offset {offset}")]
    Invalid {
        /// The encoding tried.
        encoding: Encoding,
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
}

/// Decoded text.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The encoding that was detected or forced.
    pub encoding: Encoding,
    /// NFC lines, numbered from 1, without terminators (`\n`, `\r\n`, `\r`).
    pub lines: Vec<Line>,
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// 1-based line holding byte `offset` (counting `\n` code units of the encoding).
fn line_of(bytes: &[u8], offset: usize, encoding: Encoding) -> usize {
    let head = &bytes[..offset.min(bytes.len())];
    let newlines = match encoding {
        Encoding::Utf16Le => head.chunks_exact(2).filter(|c| c == b"\n\0").count(),
        Encoding::Utf16Be => head.chunks_exact(2).filter(|c| c == b"\0\n").count(),
        Encoding::Utf8
        | Encoding::Windows1258
        | Encoding::Tcvn3
        | Encoding::Vni
        | Encoding::Viqr => head.iter().filter(|&&b| b == b'\n').count(),
    };
    newlines + 1
}

const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an OLE2 file (.doc/.xls)",
    ),
    (b"\x7FELF", "an ELF executable"),
    (b"\x1F\x8B", "a gzip archive"),
];

/// Decodes `bytes` into NFC lines. `forced` overrides detection.
///
/// Detection: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8, or VIQR when
/// it reads as VIQR; otherwise, when the bytes hold no valid multi-byte UTF-8 sequence (or fewer
/// than one per 20 non-ASCII bytes), Windows-1258, TCVN3 or VNI, whichever reads as more
/// Vietnamese syllables (rules and thresholds in `legacy.rs`). A file that is mostly UTF-8 with
/// invalid bytes is an error at the first invalid byte (it is damaged, and guessing would
/// silently corrupt it).
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, DecodeError> {
    let (encoding, body) = match forced {
        Some(e) => (e, strip_bom(bytes, e)),
        None => detect(bytes)?,
    };
    let text = match encoding {
        Encoding::Utf8 => {
            check_controls(bytes, bytes.len() - body.len())?;
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let offset = bytes.len() - body.len() + e.valid_up_to();
                    return Err(DecodeError::Invalid {
                        encoding,
                        offset,
                        line: line_of(bytes, offset, encoding),
                    });
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let bom = bytes.len() - body.len();
            let enc = if encoding == Encoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            let (s, had_errors) = enc.decode_without_bom_handling(body);
            if had_errors {
                let offset = first_bad_utf16(body, encoding == Encoding::Utf16Le) + bom;
                return Err(DecodeError::Invalid {
                    encoding,
                    offset,
                    line: line_of(bytes, offset, encoding),
                });
            }
            if let Some((i, c)) = s.char_indices().find(|(_, c)| is_bad_control(*c)) {
                // byte offset of the unit in the file: count UTF-16 units before it
                let units: usize = s[..i].chars().map(char::len_utf16).sum();
                let offset = bom + units * 2;
                return Err(DecodeError::ControlByte {
                    offset,
                    line: line_of(bytes, offset, encoding),
                    byte: u8::try_from(u32::from(c)).unwrap_or(0),
                });
            }
            s.into_owned()
        }
        Encoding::Windows1258 => {
            check_controls(bytes, 0)?;
            // encoding_rs maps every byte of windows-1258 to a character: no error is possible.
            let (s, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(body);
            s.into_owned()
        }
        Encoding::Tcvn3 => {
            check_controls(bytes, 0)?;
            legacy::decode_tcvn3(body)
        }
        Encoding::Vni => {
            check_controls(bytes, 0)?;
            legacy::decode_vni(body)
        }
        Encoding::Viqr => {
            let bom = bytes.len() - body.len();
            check_controls(bytes, bom)?;
            match std::str::from_utf8(body) {
                Ok(s) => legacy::decode_viqr(s),
                Err(e) => {
                    let offset = bom + e.valid_up_to();
                    return Err(DecodeError::Invalid {
                        encoding,
                        offset,
                        line: line_of(bytes, offset, encoding),
                    });
                }
            }
        }
    };
    Ok(Decoded {
        encoding,
        lines: split_lines(&text),
    })
}

fn strip_bom(bytes: &[u8], e: Encoding) -> &[u8] {
    let bom: &[u8] = match e {
        Encoding::Utf8 | Encoding::Viqr => b"\xEF\xBB\xBF",
        Encoding::Utf16Le => b"\xFF\xFE",
        Encoding::Utf16Be => b"\xFE\xFF",
        Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

fn detect(bytes: &[u8]) -> Result<(Encoding, &[u8]), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let viqr = std::str::from_utf8(rest).is_ok_and(legacy::looks_like_viqr);
        let e = if viqr { Encoding::Viqr } else { Encoding::Utf8 };
        return Ok((e, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((Encoding::Utf16Le, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((Encoding::Utf16Be, rest));
    }
    for (sig, format) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(DecodeError::BinarySignature { format });
        }
    }
    check_controls(bytes, 0)?;
    match std::str::from_utf8(bytes) {
        Ok(s) if legacy::looks_like_viqr(s) => Ok((Encoding::Viqr, bytes)),
        Ok(_) => Ok((Encoding::Utf8, bytes)),
        Err(e) => {
            let valid_multibyte = count_valid_utf8_multibyte(bytes);
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            if valid_multibyte == 0 || valid_multibyte * 20 <= high {
                Ok((legacy::detect_single_byte(bytes), bytes))
            } else {
                let offset = e.valid_up_to();
                Err(DecodeError::Invalid {
                    encoding: Encoding::Utf8,
                    offset,
                    line: line_of(bytes, offset, Encoding::Utf8),
                })
            }
        }
    }
}

fn is_bad_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) || c == '\x7F'
}

/// Looks for control bytes in `bytes[from..]`; offsets are reported in `bytes`.
fn check_controls(bytes: &[u8], from: usize) -> Result<(), DecodeError> {
    let body = &bytes[from.min(bytes.len())..];
    match body
        .iter()
        .position(|&b| b < 0x80 && is_bad_control(b as char))
    {
        Some(i) => Err(DecodeError::ControlByte {
            offset: from + i,
            line: line_of(bytes, from + i, Encoding::Utf8),
            byte: body[i],
        }),
        None => Ok(()),
    }
}

/// Number of well-formed multi-byte UTF-8 sequences in `bytes`.
fn count_valid_utf8_multibyte(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return n + s.chars().filter(|c| c.len_utf8() > 1).count(),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction of valid_up_to.
                n += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| c.len_utf8() > 1).count())
                    .unwrap_or(0);
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    return n;
                }
            }
        }
    }
}

fn first_bad_utf16(body: &[u8], le: bool) -> usize {
    let units = body.chunks(2).map(|c| {
        if c.len() < 2 {
            None
        } else if le {
            Some(u16::from_le_bytes([c[0], c[1]]))
        } else {
            Some(u16::from_be_bytes([c[0], c[1]]))
        }
    });
    let mut pending_high: Option<usize> = None;
    for (i, u) in units.enumerate() {
        let Some(u) = u else { return i * 2 };
        match u {
            0xD800..=0xDBFF => {
                if let Some(p) = pending_high {
                    return p * 2;
                }
                pending_high = Some(i);
            }
            0xDC00..=0xDFFF => {
                if pending_high.take().is_none() {
                    return i * 2;
                }
            }
            _ => {
                if let Some(p) = pending_high {
                    return p * 2;
                }
            }
        }
    }
    pending_high.map(|p| p * 2).unwrap_or(body.len())
}

/// Encodes NFC `text` in `encoding` (for tests, fixtures and the archive generator).
///
/// Windows-1258 has precomposed letters for the vowel shapes (â ă ê ô ơ ư đ) but writes tones as
/// combining marks, so each letter is split into its shape and its tone first. Characters the
/// code page lacks are written as `?`. TCVN3, VNI and VIQR: see `legacy.rs`.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Tcvn3 | Encoding::Vni | Encoding::Viqr => {
            legacy::encode(text, encoding).unwrap_or_default()
        }
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Encoding::Windows1258 => {
            const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
            let mut split = String::with_capacity(text.len() + 8);
            for c in text.chars() {
                let d: String = std::iter::once(c).nfd().collect();
                let tone = d.chars().find(|m| TONES.contains(m));
                let shape: String = d.chars().filter(|m| !TONES.contains(m)).nfc().collect();
                split.push_str(&shape);
                split.extend(tone);
            }
            let mut out = Vec::with_capacity(split.len());
            let mut buf = [0u8; 4];
            for c in split.chars() {
                let (bytes, _, unmappable) =
                    encoding_rs::WINDOWS_1258.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    out.push(b'?');
                } else {
                    out.extend_from_slice(&bytes);
                }
            }
            out
        }
    }
}

/// Splits on `\n`, `\r\n` and `\r`, normalises each line to NFC. A final terminator does not
/// start an extra empty line.
fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut no = 0u32;
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        no += 1;
        lines.push(Line {
            no,
            page: None,
            text: line.nfc().collect(),
        });
        rest = next;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Decoded) -> Vec<&str> {
        d.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let a = decode("Độc lập\r\nTự do\n".as_bytes(), None).unwrap();
        let b = decode("\u{FEFF}Độc lập\r\nTự do".as_bytes(), None).unwrap();
        assert_eq!(a.encoding, Encoding::Utf8);
        assert_eq!(texts(&a), ["Độc lập", "Tự do"]);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.lines[1].no, 2);
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Cải cách hành chính".nfd().collect();
        assert_ne!(nfd, "Cải cách hành chính");
        let d = decode(nfd.as_bytes(), None).unwrap();
        assert_eq!(texts(&d), ["Cải cách hành chính"]);
    }

    #[test]
    fn utf16_both_orders() {
        let s = "Hạnh phúc\nXã Tuệ Tĩnh";
        let le = [&[0xFF, 0xFE][..], &encode(s, Encoding::Utf16Le)].concat();
        let be = [&[0xFE, 0xFF][..], &encode(s, Encoding::Utf16Be)].concat();
        let a = decode(&le, None).unwrap();
        let b = decode(&be, None).unwrap();
        assert_eq!(a.encoding, Encoding::Utf16Le);
        assert_eq!(b.encoding, Encoding::Utf16Be);
        assert_eq!(texts(&a), ["Hạnh phúc", "Xã Tuệ Tĩnh"]);
        assert_eq!(a.lines, b.lines);
    }

    #[test]
    fn utf16_lone_surrogate_is_an_error_with_offset() {
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(
            decode(&bytes, None),
            Err(DecodeError::Invalid {
                encoding: Encoding::Utf16Le,
                offset: 4,
                line: 1
            })
        );
    }

    #[test]
    fn windows_1258_detected_and_decoded() {
        let bytes = encode("Cộng hòa xã hội chủ nghĩa Việt Nam", Encoding::Windows1258);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_eq!(texts(&d), ["Cộng hòa xã hội chủ nghĩa Việt Nam"]);
    }

    #[test]
    fn forced_encoding_wins() {
        let d = decode("Độc".as_bytes(), Some(Encoding::Windows1258)).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_ne!(texts(&d), ["Độc"]);
    }

    #[test]
    fn binary_and_damaged_inputs_are_errors_with_offsets() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n....", None),
            Err(DecodeError::BinarySignature { .. })
        ));
        assert_eq!(
            decode(b"abc\n\x00def", None),
            Err(DecodeError::ControlByte {
                offset: 4,
                line: 2,
                byte: 0
            })
        );
        let mut damaged = "Độc lập ".as_bytes().to_vec();
        damaged.push(0xFF);
        damaged.extend("Tự do".as_bytes());
        assert_eq!(
            decode(&damaged, None),
            Err(DecodeError::Invalid {
                encoding: Encoding::Utf8,
                offset: 13,
                line: 1
            })
        );
    }

    #[test]
    fn legacy_encodings_detected_and_decoded() {
        let s = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                 Kế hoạch cải cách hành chính “năm 2025” – Ủy ban nhân dân xã Tuệ Tĩnh";
        for e in [Encoding::Tcvn3, Encoding::Vni, Encoding::Viqr] {
            let bytes = encode(s, e);
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.encoding, e);
            assert_eq!(texts(&d).join("\n"), s, "{e}");
            let forced = decode(&bytes, Some(e)).unwrap();
            assert_eq!(forced.lines, d.lines);
        }
        // VIQR with a UTF-8 BOM
        let viqr = [&b"\xEF\xBB\xBF"[..], &encode(s, Encoding::Viqr)].concat();
        assert_eq!(decode(&viqr, None).unwrap().encoding, Encoding::Viqr);
        // ASCII that merely has punctuation after vowels stays UTF-8
        let plain = "Ngay 30/7. (PAR INDEX)? Ke hoach so 12/KH-UBND, Ha Noi.";
        assert_eq!(
            decode(plain.as_bytes(), None).unwrap().encoding,
            Encoding::Utf8
        );
        // a legacy file that happens to hold one well-formed UTF-8 pair is still legacy
        let mut tc = encode(&s.repeat(3), Encoding::Tcvn3);
        tc.extend_from_slice(b" \xC3\xA9");
        assert_eq!(decode(&tc, None).unwrap().encoding, Encoding::Tcvn3);
    }

    #[test]
    fn every_letter_round_trips_through_decode_in_every_encoding() {
        let all: String = crate::legacy::letters()
            .iter()
            .map(|l| match l.ch {
                'đ' | 'Đ' => format!("{}a ", l.ch),
                c if c.is_uppercase() => format!("T{c} "),
                c => format!("t{c} "),
            })
            .collect();
        let text = format!("Chữ: {all}đủ");
        let nfd: String = text.nfd().collect();
        let mut cases = vec![(nfd.into_bytes(), Encoding::Utf8)];
        for e in Encoding::ALL {
            let bom: &[u8] = match e {
                Encoding::Utf16Le => b"\xFF\xFE",
                Encoding::Utf16Be => b"\xFE\xFF",
                _ => b"",
            };
            cases.push(([bom, &encode(&text, e)].concat(), e));
        }
        for (bytes, e) in cases {
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.encoding, e);
            assert_eq!(texts(&d), [text.as_str()], "{e}");
        }
    }

    #[test]
    fn legacy_aliases_parse() {
        for (name, e) in [
            ("ABC", Encoding::Tcvn3),
            ("tcvn", Encoding::Tcvn3),
            ("VNI-Windows", Encoding::Vni),
            ("vni_win", Encoding::Vni),
            ("VIQR", Encoding::Viqr),
        ] {
            assert_eq!(name.parse::<Encoding>(), Ok(e));
        }
    }

    #[test]
    fn encoding_names_parse() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
        }
        assert!("koi8".parse::<Encoding>().is_err());
    }

    #[test]
    fn lines_split_on_all_terminators() {
        assert_eq!(split_lines("a\rb\r\nc\n\nd").len(), 5);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn sha256_of_empty() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
