//! The data model of sohoa: one [`Document`] value flows through every stage of the pipeline
//! (decode → repair → segment → extract) and is finally written as JSON.
//!
//! The JSON wire format (`"schema": "sohoa/1"`) is a contract read by other tools: field names
//! never change within a schema version, fields may be added. The JSON Schema shipped in
//! `schema/sohoa-1.schema.json` is generated from these types (see [`json_schema`]) and a test
//! checks that the committed file is up to date.
//!
//! ```
//! use sohoa_model::{Document, Source, Format};
//! let doc = Document::new(Source::new("plan.txt", Format::Text));
//! let json = serde_json::to_value(&doc).unwrap();
//! assert_eq!(json["schema"], "sohoa/1");
//! assert!(json["documents"].as_array().unwrap().is_empty());
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of the `schema` field of every output.
pub const SCHEMA_ID: &str = "sohoa/1";

/// The JSON Schema of the output, as committed in the repository.
pub const SCHEMA_JSON: &str = include_str!("../schema/sohoa-1.schema.json");

/// Generates the JSON Schema of [`Document`] from the Rust types (the committed file must equal it).
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Document);
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}

/// One input file and everything extracted from it: the value that flows through the stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "sohoa output",
    description = "One input file converted by sohoa."
)]
pub struct Document {
    /// Always `"sohoa/1"` for this version of the format.
    pub schema: String,
    /// The program that wrote the file (batch runs skip inputs whose output was written by the
    /// same version from the same bytes).
    pub generator: Generator,
    /// Where the text came from.
    pub source: Source,
    /// What the diacritic/OCR repair stage did.
    pub repair: RepairSummary,
    /// The legal documents (văn bản) found in the file, in order. A file may hold several,
    /// e.g. a Quyết định followed by the Kế hoạch it issues.
    #[serde(rename = "documents")]
    pub parts: Vec<Part>,
    /// Problems found while converting; never fatal.
    pub warnings: Vec<Warning>,
    /// The decoded source lines (NFC). Not serialised: the stages read them, the JSON points
    /// back into them by line number.
    #[serde(skip)]
    #[schemars(skip)]
    pub lines: Vec<Line>,
    /// Tables as the source file structures them (Word tables), their cells pointing at
    /// [`Document::lines`]; empty for sources without table structure (text, PDF). Not
    /// serialised: the task extractor reads their rows and cells.
    #[serde(skip)]
    #[schemars(skip)]
    pub tables: Vec<SourceTable>,
    /// Where the source lines sit on their pages, for sources with a layout (PDF): one entry
    /// per positioned line, in line order. Not serialised; the task table extractor reads it
    /// to split columns by geometry. Empty for plain text.
    #[serde(skip)]
    #[schemars(skip)]
    pub geometry: Vec<LineGeometry>,
}

/// A table of the source file (a Word table): rows of cells, each cell naming the source lines
/// that hold its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceTable {
    /// Rows in order.
    pub rows: Vec<SourceRow>,
}

/// A row of a [`SourceTable`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceRow {
    /// Marked as a header row repeated on each page.
    pub header: bool,
    /// Cells left to right.
    pub cells: Vec<SourceCell>,
}

/// A cell of a [`SourceRow`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceCell {
    /// 0-based grid column where it starts.
    pub col: u32,
    /// Grid columns it spans (at least 1).
    pub span: u32,
    /// Merged with the cell above (its text is the one of the first cell of the merge).
    pub merged: bool,
    /// Numbers of the [`Line`]s holding its text, in order.
    pub lines: Vec<u32>,
}

impl Document {
    /// An empty document for `source`.
    pub fn new(source: Source) -> Self {
        Document {
            schema: SCHEMA_ID.to_string(),
            generator: Generator::default(),
            source,
            repair: RepairSummary::default(),
            parts: Vec::new(),
            warnings: Vec::new(),
            lines: Vec::new(),
            tables: Vec::new(),
            geometry: Vec::new(),
        }
    }

    /// Records a warning.
    pub fn warn(&mut self, code: &str, message: impl Into<String>, line: Option<u32>) {
        self.warnings.push(Warning {
            code: code.to_string(),
            message: message.into(),
            line,
        });
    }
}

/// Name and version of the program that wrote an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    /// Always "sohoa".
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            name: "sohoa".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// One line of decoded source text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// 1-based line number in the source file (for PDFs, in the text of all pages joined).
    pub no: u32,
    /// 1-based page number when the source has pages.
    pub page: Option<u32>,
    /// The text, NFC, without the line terminator.
    pub text: String,
}

/// The position of one source line on its page (PDF units: points, y from the top of the page,
/// growing downwards).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineGeometry {
    /// The source line ([`Line::no`]).
    pub line: u32,
    /// 1-based page number.
    pub page: u32,
    /// Left edge of the line's first glyph.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// From the left edge of the first glyph to the right edge of the last.
    pub width: f32,
    /// Font size (the largest on the line).
    pub font_size: f32,
    /// The line's text in fragments, left to right: runs of words that belong together (one
    /// line of one table cell); joined by single spaces they give the line's text.
    pub fragments: Vec<Fragment>,
}

/// A run of words of a positioned line, with its horizontal extent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fragment {
    /// The words joined by single spaces (NFC).
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

/// The input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The path as given on the command line (`-` for standard input).
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// What kind of file it was.
    pub format: Format,
    /// The text encoding detected or forced (`utf-8`, `utf-16le`, `utf-16be`, `windows-1258`, …).
    pub encoding: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Number of pages, for paged formats (PDF, images); null for plain text.
    pub pages: Option<u32>,
    /// Pages read by OCR (scanned pages: images, and PDF pages without a text layer), in
    /// order; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<u32>,
}

impl Source {
    /// A source with the given path and format and empty hash/encoding.
    pub fn new(path: impl Into<String>, format: Format) -> Self {
        Source {
            path: path.into(),
            sha256: String::new(),
            format,
            encoding: String::new(),
            bytes: 0,
            pages: None,
            ocr_pages: Vec::new(),
        }
    }
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text in any supported encoding.
    Text,
    /// PDF.
    Pdf,
    /// A scanned image (OCR).
    Image,
    /// A Word document.
    Docx,
}

/// Counts from the repair stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepairSummary {
    /// Whether repair ran on at least one line.
    pub applied: bool,
    /// Tokens examined.
    pub tokens: u64,
    /// Tokens changed.
    pub changed: u64,
    /// Lines repaired.
    #[serde(default)]
    pub lines: u64,
}

/// A first/last source line span (1-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First source line.
    pub first: u32,
    /// Last source line.
    pub last: u32,
}

impl Span {
    /// A span of one line.
    pub fn line(no: u32) -> Self {
        Span {
            first: no,
            last: no,
        }
    }
}

/// Kinds of legal document (thể loại văn bản).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Kế hoạch (plan).
    KeHoach,
    /// Quyết định (decision).
    QuyetDinh,
    /// Báo cáo (report).
    BaoCao,
    /// Nghị quyết (resolution).
    NghiQuyet,
    /// Công văn (official letter, no kind heading).
    CongVan,
    /// Anything else (tờ trình, thông báo, hướng dẫn, …); see `kind_label`.
    Other,
}

/// One legal document inside the input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The kind of document.
    pub kind: Kind,
    /// The kind heading as printed, normalised to sentence case ("Kế hoạch"), if printed.
    pub kind_label: Option<String>,
    /// Who issued it, from the header block.
    pub issuer: Issuer,
    /// Its own number ("Số: 362/QĐ-UBND").
    pub number: Option<DocNumber>,
    /// Place of issue ("Xã Tuệ Tĩnh").
    pub place: Option<String>,
    /// Date of issue, ISO 8601 (`2025-07-28`).
    pub date: Option<String>,
    /// Title (trích yếu), lines joined.
    pub title: Option<String>,
    /// The period the plan covers, when stated.
    pub period: Option<Period>,
    /// The decision this document is attached to ("Kèm theo Quyết định số …").
    pub attached_to: Option<Citation>,
    /// Who signed it.
    pub signer: Option<Signer>,
    /// Recipients ("Nơi nhận"), one entry per line, without the leading dash.
    pub recipients: Vec<String>,
    /// Addressees of a letter or report ("Kính gửi: …"), one entry each.
    pub addressees: Vec<String>,
    /// The issuing authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH"), as printed.
    pub authority: Option<String>,
    /// Legal bases: the "Căn cứ …", "Thực hiện …", "Theo đề nghị …" paragraphs.
    pub legal_bases: Vec<String>,
    /// Body paragraphs before the first section (e.g. "Ủy ban nhân dân xã … ban hành Kế hoạch …").
    pub preamble: Vec<String>,
    /// The closing paragraph(s) after the last section, ending in "./." ("Trên đây là Kế hoạch …
    /// ./.", "Trong quá trình tổ chức thực hiện … ./.").
    pub closing: Vec<String>,
    /// Section tree of the body.
    pub sections: Vec<Section>,
    /// Rows of the appendix task table.
    pub tasks: Vec<Task>,
    /// Every reference to another legal document, in order of appearance.
    pub citations: Vec<Citation>,
    /// Quantified goals.
    pub targets: Vec<Target>,
    /// Appendices (Phụ lục) found in the document or referred to by it.
    pub appendices: Vec<Appendix>,
    /// Source lines this document spans.
    pub lines: Span,
}

/// An appendix (Phụ lục).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Its label as printed after "Phụ lục" ("01", "I"), null when unnumbered.
    pub label: Option<String>,
    /// Its title (the heading lines after "Phụ lục").
    pub title: Option<String>,
    /// Whether the appendix itself is in the file (false: only referred to).
    pub present: bool,
    /// Where it is (present) or where it is first referred to.
    pub lines: Span,
}

/// The issuing authority from the header ("ỦY BAN NHÂN DÂN / XÃ AN LÃO").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The body in sentence case ("Ủy ban nhân dân").
    pub body: Option<String>,
    /// Unit type: xã, phường, thị trấn, đặc khu, huyện, quận, thị xã, thành phố, tỉnh.
    pub unit_type: Option<String>,
    /// Unit name in title case ("An Lão").
    pub unit_name: Option<String>,
    /// A parent authority printed above the body (e.g. "UBND TỈNH LÀO CAI" above "SỞ CÔNG THƯƠNG").
    pub parent: Option<String>,
}

/// A document number such as `362/QĐ-UBND` or `45/2020/NĐ-CP`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocNumber {
    /// As printed, spaces removed.
    pub raw: String,
    /// Leading integer.
    pub seq: Option<u32>,
    /// Type code (QĐ, NQ, KH, …) per Decree 30/2020/NĐ-CP.
    pub type_code: Option<String>,
    /// Issuer code (UBND, CP, BNV-CCHC, TW, …).
    pub issuer_code: Option<String>,
    /// Year when part of the number.
    pub year: Option<u16>,
}

/// A period in months, inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// As written ("6 tháng cuối năm 2025").
    pub raw: String,
    /// First month, `YYYY-MM`.
    pub from: String,
    /// Last month, `YYYY-MM`.
    pub to: String,
}

/// Who signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Title ("Chủ tịch", "KT. Chủ tịch / Phó Chủ tịch").
    pub title: Option<String>,
    /// Name ("Nguyễn Thị Hạnh").
    pub name: Option<String>,
}

/// Section styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionStyle {
    /// I., II., III.
    Roman,
    /// 1., 2.1., 2.1.3.
    Number,
    /// a), b), đ)
    Letter,
    /// Điều 1.
    Article,
}

/// A node of the section tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The label without punctuation: "II", "2.1", "đ", "1" (for Điều 1).
    pub label: String,
    /// Numbering style.
    pub style: SectionStyle,
    /// Heading text after the label; null when the label is followed directly by a paragraph.
    pub heading: Option<String>,
    /// Paragraphs (bullets "-" and "+" included with their mark), lines rejoined.
    pub paragraphs: Vec<String>,
    /// Source line span of each paragraph, parallel to `paragraphs`.
    pub paragraph_lines: Vec<Span>,
    /// Sub-sections.
    pub children: Vec<Section>,
    /// Paragraphs after the sub-sections that belong to this section, not to its last child:
    /// notes such as "(Danh mục nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này)."
    pub trailing: Vec<String>,
    /// Source lines of the section, heading to last line.
    pub lines: Span,
}

/// The role of a citation in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The document's own number.
    #[serde(rename = "self")]
    SelfRef,
    /// The decision the document is attached to.
    AttachedTo,
    /// Cited in a legal basis paragraph.
    Basis,
    /// Cited anywhere else.
    Reference,
}

/// A reference to a legal document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The text of the reference as printed (whitespace collapsed).
    pub raw: String,
    /// Document type in sentence case: Luật, Nghị quyết, Nghị định, Quyết định, Thông tư, …
    pub doc_type: Option<String>,
    /// The whole number as printed, spaces removed; null when the source gives none.
    pub number: Option<String>,
    /// Name of a document cited by name ("Luật Tổ chức chính quyền địa phương").
    pub name: Option<String>,
    /// Leading integer of the number.
    pub seq: Option<u32>,
    /// Type code (QĐ, NQ, NĐ, TT, TTLT, KH, …).
    pub type_code: Option<String>,
    /// Year, when it is part of the number ("45/2020/NĐ-CP" → 2020; "362/QĐ-UBND" → null: the
    /// date has the year of issue).
    pub year: Option<u16>,
    /// Issuer code from the number (CP, UBND, BNV-CCHC, TW, QH15, …).
    pub issuer_code: Option<String>,
    /// Date of the cited document, ISO 8601.
    pub date: Option<String>,
    /// Issuer when written ("Chính phủ", "UBND thành phố Hải Phòng").
    pub issuer: Option<String>,
    /// Role in the citing document.
    pub role: Role,
    /// Source line where the reference starts.
    pub line: u32,
}

/// A group row of the task table ("I. Chỉ đạo điều hành, …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskGroup {
    /// "I", "II", …
    pub label: String,
    /// Its title.
    pub title: String,
}

/// Kinds of deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// Done by a date or month.
    By,
    /// Done within a period.
    Period,
    /// Recurring ("Thường xuyên", "hàng quý").
    Recurring,
    /// When asked ("Theo yêu cầu …").
    OnRequest,
}

/// A normalised deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Due {
    /// Kind.
    pub kind: DueKind,
    /// Start, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// End, `YYYY-MM` or `YYYY-MM-DD`.
    pub to: Option<String>,
}

/// One row of the appendix task table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Row number as printed (TT).
    pub no: Option<u32>,
    /// Group row heading the row.
    pub group: Option<TaskGroup>,
    /// Nội dung công việc.
    pub content: String,
    /// Cơ quan chủ trì.
    pub lead: Option<String>,
    /// Cơ quan phối hợp.
    pub partners: Vec<String>,
    /// Thời gian thực hiện/hoàn thành, as printed.
    pub timeline: Option<String>,
    /// The timeline normalised.
    pub due: Option<Due>,
    /// Sản phẩm.
    pub output: Option<String>,
    /// Source lines of the row.
    pub lines: Span,
    /// Page, for paged sources.
    pub page: Option<u32>,
}

/// Comparators of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    /// At least.
    #[serde(rename = ">=")]
    Ge,
    /// At most.
    #[serde(rename = "<=")]
    Le,
    /// Exactly.
    #[serde(rename = "=")]
    Eq,
}

/// A quantified goal ("Mức độ hài lòng … đạt 90% trở lên").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The sentence or clause stating it.
    pub text: String,
    /// What is measured.
    pub indicator: String,
    /// The number.
    pub value: f64,
    /// Unit ("%", "hồ sơ", …).
    pub unit: Option<String>,
    /// Comparator.
    pub comparator: Comparator,
    /// Label path of the enclosing section ("II.1.a").
    pub section: Option<String>,
    /// Source line.
    pub line: u32,
}

/// A non-fatal problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// Stable machine-readable code (`page_number_dropped`, `missing_row`, …).
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Source line, when it applies to one.
    pub line: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_is_up_to_date() {
        let generated = json_schema();
        if std::env::var_os("SOHOA_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/sohoa-1.schema.json");
            let text = serde_json::to_string_pretty(&generated).expect("serialises") + "\n";
            std::fs::write(path, text).expect("write schema");
            return;
        }
        let committed: serde_json::Value =
            serde_json::from_str(SCHEMA_JSON).expect("committed schema is JSON");
        assert_eq!(
            committed, generated,
            "schema/sohoa-1.schema.json is stale: run `SOHOA_BLESS=1 cargo test -p sohoa-model`"
        );
    }

    #[test]
    fn empty_document_validates() {
        let schema = json_schema();
        let v = jsonschema::validator_for(&schema).expect("schema compiles");
        let doc = Document::new(Source::new("x.txt", Format::Text));
        let json = serde_json::to_value(&doc).expect("serialises");
        assert!(v.is_valid(&json));
        let mut bad = json.clone();
        bad["documents"] = serde_json::json!([{"kind": "nonsense"}]);
        assert!(!v.is_valid(&bad));
    }

    #[test]
    fn role_self_serialises_as_self() {
        assert_eq!(serde_json::to_string(&Role::SelfRef).unwrap(), "\"self\"");
        assert_eq!(serde_json::to_string(&Comparator::Ge).unwrap(), "\">=\"");
    }
}
