//! Decoding and clean-up of plan texts.
//!
//! [`decode`] turns the bytes of a file into NFC text lines (detecting UTF-8, UTF-16 with BOM,
//! Windows-1258, TCVN3, VNI-Windows and VIQR), and [`cleanup`] rejoins lines that PDF
//! extraction broke mid-sentence into [`Block`]s, drops stand-alone page numbers and running
//! headers, and keeps, for every block, the source lines it came from.
//!
//! ```
//! use sohoa_text::{decode, cleanup, Encoding};
//! let bytes = "I. MỤC ĐÍCH\nCải cách hành chính nhà nước\ngiai đoạn 2021 - 2030.\n".as_bytes();
//! let text = decode(bytes, None).unwrap();
//! assert_eq!(text.encoding, Encoding::Utf8);
//! let blocks = cleanup(&text.lines).blocks;
//! assert_eq!(blocks[1].text, "Cải cách hành chính nhà nước giai đoạn 2021 - 2030.");
//! assert_eq!((blocks[1].lines.first, blocks[1].lines.last), (2, 3));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod cleanup;
mod decode;
mod legacy;

pub use cleanup::{cleanup, is_caps, starts_with_mark, Block, BlockKind, Cleaned, DropReason};
pub use decode::{decode, encode, sha256_hex, DecodeError, Decoded, Encoding};
pub use legacy::{decode_tcvn3, decode_vni, decode_vni_units};
