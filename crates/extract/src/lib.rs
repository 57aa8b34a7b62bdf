//! Legal citations, document numbers and dates in Vietnamese administrative texts.
//!
//! - [`number`]: document numbers ("Số: 362/QĐ-UBND", "45/2020/NĐ-CP", "57-NQ/TW") and the
//!   type-code table of Decree 30/2020/NĐ-CP;
//! - [`date`]: dates ("ngày 28 tháng 7 năm 2025", "16/6/2025") as ISO 8601;
//! - [`citation`]: every reference to another legal document in a [`sohoa_text::Block`].
//!
//! Matching is done on a folded copy of the text (lower case, no tone or vowel marks, `đ` → `d`),
//! so tone-placement variants (Uỷ/Ủy, hoá/hóa) and accent-stripped OCR still match; everything
//! returned is cut from the original text.
//!
//! ```
//! use sohoa_extract::{citation::parse_citation, date::parse_date, number::parse_number};
//! use sohoa_model::Role;
//!
//! let n = parse_number("Số: 45/2020/NĐ-CP").unwrap();
//! assert_eq!((n.seq, n.year, n.type_code.as_deref()), (Some(45), Some(2020), Some("NĐ")));
//! assert_eq!(parse_date("ngày 28 tháng 7 năm 2025").as_deref(), Some("2025-07-28"));
//!
//! let c = parse_citation(
//!     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;", 31, Role::Basis).unwrap();
//! assert_eq!(c.doc_type.as_deref(), Some("Luật"));
//! assert_eq!(c.name.as_deref(), Some("Luật Tổ chức chính quyền địa phương"));
//! assert_eq!((c.number, c.date.as_deref(), c.line), (None, Some("2025-06-16"), 31));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod citation;
pub mod date;
mod fold;
pub mod number;

pub use fold::fold;
