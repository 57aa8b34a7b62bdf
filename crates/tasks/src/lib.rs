//! sohoa-tasks: the appendix task table (Phụ lục, "DANH MỤC NHIỆM VỤ …") and the plan's
//! quantified targets.
//!
//! ```
//! use sohoa_text::{cleanup, decode, BlockKind};
//! use sohoa_tasks::{extract_tasks, extract_targets, TableContext};
//!
//! let src = "2. Phân công trách nhiệm:\na) Phòng Kinh tế:\n\
//!            - Phấn đấu 100% hồ sơ được giải quyết đúng hạn.\n\
//!            Phụ lục\nTT Nội dung công việc\nCơ quan\nchủ trì\nCơ quan\nphối hợp\n\
//!            Thời gian\nSản phẩm\nI. Cải cách thể chế\n1\nBan hành Kế hoạch kiểm tra\n\
//!            Phòng Kinh tế\nCác phòng, ban,\nngành\nQuý\nIII,IV/2025\nKế hoạch của\nUBND xã\n\
//!            3 Rà soát văn bản\nPhòng Kinh tế\nThường\nxuyên\nBáo cáo\n";
//! let text = decode(src.as_bytes(), None).unwrap();
//! let blocks = cleanup(&text.lines).blocks;
//! let body: Vec<_> = blocks.iter().filter(|b| b.kind == BlockKind::Text).collect();
//! let table: Vec<_> = blocks.iter().filter(|b| b.kind == BlockKind::TableLine).collect();
//! let ctx = TableContext::from_blocks(&body, Some(2025));
//! let (tasks, warnings) = extract_tasks(&table, &ctx);
//! assert_eq!(tasks.len(), 2);
//! assert_eq!(tasks[0].content, "Ban hành Kế hoạch kiểm tra");
//! assert_eq!(tasks[0].lead.as_deref(), Some("Phòng Kinh tế"));
//! assert_eq!(tasks[0].partners, ["Các phòng, ban, ngành"]);
//! assert_eq!(tasks[0].timeline.as_deref(), Some("Quý III,IV/2025"));
//! assert_eq!(tasks[0].due.as_ref().unwrap().to.as_deref(), Some("2025-12"));
//! assert_eq!(tasks[0].output.as_deref(), Some("Kế hoạch của UBND xã"));
//! assert_eq!(tasks[0].group.as_ref().unwrap().label, "I");
//! assert_eq!(tasks[1].no, Some(3));
//! assert_eq!(warnings[0].code, "missing_row");
//!
//! let with_paths: Vec<_> = body.iter().map(|b| (*b, Some("2.a".to_string()))).collect();
//! let targets = extract_targets(&with_paths);
//! assert_eq!(targets.len(), 1);
//! assert_eq!((targets[0].value, targets[0].unit.as_deref()), (100.0, Some("%")));
//! assert_eq!(targets[0].indicator, "Phấn đấu hồ sơ được giải quyết đúng hạn");
//! assert_eq!(targets[0].line, 3);
//! ```
//!
//! # Wiring
//! For each document of a file: `TableContext::from_blocks(its Text blocks, plan year)` (the
//! year of `period.from`, else of the document date), then `extract_tasks(its TableLine
//! blocks, &ctx)` (warnings go to the file's warnings), and `extract_targets(its Text blocks
//! with their section label paths)`.
//!
//! # Conventions of the output
//! - `content`, `lead`, `timeline`, `output`: the cell as printed, its lines joined by one
//!   space (a line ending in a hyphen right after a letter or digit is joined without one:
//!   "66-" + "NQ/TW"), whitespace collapsed; columns the model has no field for ("Ghi chú",
//!   "Căn cứ") are read and dropped.
//! - `partners`: the partners cell split into bodies at ";", at a capitalised agency head not
//!   joined to the previous word ("… UBND Các phòng, cơ quan"), and at a lower-case "các"
//!   opening a new list ("ngành các cơ quan, tổ chức …"); a comma inside one list ("Các
//!   phòng, ban, ngành") does not split.
//! - A sub-row (a second set of cells under the same number) is appended to its row's cells
//!   with "; ".
//! - `due`: see [`parse_due`]. `lines`: from the row number's line to the row's last line,
//!   continuations on later pages included; `page`: the page of the first line.
//! - Warnings: `missing_row`, one per number skipped in the sequence (or before the first row
//!   when a table does not start at 1), at the line of the row after the gap.
//! - [`extract_targets`]: see the rules in its documentation.
//!
//! # Tables with real rows and cells
//! When the source has the table's structure (a Word table), [`extract_tasks_from_rows`] takes
//! its rows and cells as they are ([`TableRow`], [`TableCell`]) instead of cutting flattened
//! lines into cells, and gives the same [`sohoa_model::Task`] values (see the `rows` module).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod agency;
mod due;
pub mod geometry;
mod rows;
mod table;
mod targets;

use std::sync::OnceLock;

use regex::Regex;
use sohoa_text::Block;

pub use due::parse_due;
pub use rows::{extract_tasks_from_rows, TableCell, TableRow};
pub use table::extract_tasks;
pub use targets::extract_targets;

/// How a task table was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableMethod {
    /// From the positions of the words on the page ([`geometry`]).
    Geometry,
    /// From the text lines alone ([`extract_tasks`]).
    Text,
}

/// Extracts the task rows, by geometry when `layout` (the positions of the document's lines,
/// in line order) covers the table and fits the model of [`geometry`], otherwise from the text
/// ([`extract_tasks`]). Says which way it went.
pub fn extract_tasks_with_layout(
    table_lines: &[&Block],
    layout: &[sohoa_model::LineGeometry],
    ctx: &TableContext,
) -> (
    Vec<sohoa_model::Task>,
    Vec<sohoa_model::Warning>,
    TableMethod,
) {
    if let Some((tasks, warnings)) = geometry::extract(table_lines, layout, ctx) {
        return (tasks, warnings, TableMethod::Geometry);
    }
    let (tasks, warnings) = extract_tasks(table_lines, ctx);
    (tasks, warnings, TableMethod::Text)
}

/// What a document teaches the table extractor about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableContext {
    /// The plan year, for deadlines written without one ("Quý IV", "6 tháng cuối năm").
    pub year: Option<u16>,
    /// Names of the bodies the document assigns work to, from the headings of its
    /// "Phân công trách nhiệm" (or "Tổ chức thực hiện") section, normalised for comparison
    /// (lower case, "Hội đồng nhân dân" → "hđnd", "Ủy ban nhân dân" → "ubnd", "&" → "và").
    pub names: Vec<String>,
    /// Opening words (the first two) of those names that the general lexicon of agency head
    /// words does not know, used as head words too ("Chi bộ").
    pub heads: Vec<String>,
}

impl TableContext {
    /// Learns from the body blocks of a document (`year` is the plan year, when known).
    ///
    /// After a heading mentioning "Phân công" or "Tổ chức thực hiện", every short labelled
    /// heading ending in a colon ("a) Phòng Văn hóa - Xã hội:", "2. Văn phòng HĐND và UBND
    /// xã:") names a body, unless it is a section word ("Trách nhiệm chung:", "Một số chỉ
    /// tiêu:").
    pub fn from_blocks(body: &[&Block], year: Option<u16>) -> TableContext {
        static H: OnceLock<Regex> = OnceLock::new();
        let heading = due::re(
            &H,
            r"^(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.?|[-+])\s*(\p{Lu}[^:;.]{2,80}?)\s*:\s*(.*)$",
        );
        let mut ctx = TableContext {
            year,
            ..TableContext::default()
        };
        let mut on = false;
        for b in body {
            let low = b.text.to_lowercase();
            let short = b.text.split_whitespace().count() <= 15;
            if short && (low.contains("phân công") || low.contains("tổ chức thực hiện")) {
                on = true;
                continue;
            }
            if !on {
                continue;
            }
            let Some(c) = heading.captures(&b.text) else {
                continue;
            };
            let name = c.get(1).map(|m| m.as_str().trim()).unwrap_or("");
            let words = name.split_whitespace().count();
            if !(1..=12).contains(&words) {
                continue;
            }
            // Section words and sentences ("Trách nhiệm chung:", "Đề nghị Ủy ban …") are not
            // names of bodies.
            const NOT_NAMES: [&str; 16] = [
                "Trách nhiệm",
                "Một số",
                "Mục đích",
                "Mục tiêu",
                "Yêu cầu",
                "Nhiệm vụ",
                "Chỉ tiêu",
                "Kinh phí",
                "Chế độ",
                "Tổ chức thực hiện",
                "Phân công",
                "Đề nghị",
                "Trong",
                "Căn cứ",
                "Giao",
                "Nội dung",
            ];
            let first = name.split_whitespace().next().unwrap_or("");
            if NOT_NAMES.iter().any(|w| name.starts_with(w)) {
                continue;
            }
            let n = agency::norm_name(name);
            if !ctx.names.contains(&n) {
                ctx.names.push(n);
            }
            // A name the general lexicon does not open teaches its first two words as a head
            // ("Chi bộ …"); one word alone ("Chi") would match too much.
            if first.chars().next().is_some_and(char::is_uppercase)
                && !agency::starts_with_head(name, &[])
            {
                let head: Vec<&str> = name.split_whitespace().take(2).collect();
                let head = head.join(" ");
                if !ctx.heads.contains(&head) {
                    ctx.heads.push(head);
                }
            }
        }
        ctx
    }
}
