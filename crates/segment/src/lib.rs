//! Segmentation: splits the blocks of a file into legal documents and reads each one's header,
//! legal bases, section tree, signature and appendices.
//!
//! ```
//! use sohoa_text::{cleanup, decode};
//! let text = "ỦY BAN NHÂN DÂN\nXÃ AN LÃO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
//!             KẾ HOẠCH\nCải cách hành chính năm 2025\nI. MỤC ĐÍCH\n1. Mục đích:\n- Nâng cao chất lượng.\n";
//! let lines = decode(text.as_bytes(), None).unwrap().lines;
//! let seg = sohoa_segment::segment(&cleanup(&lines).blocks);
//! let part = &seg.parts[0].part;
//! assert_eq!(part.issuer.unit_name.as_deref(), Some("An Lão"));
//! assert_eq!(part.title.as_deref(), Some("Cải cách hành chính năm 2025"));
//! assert_eq!(part.period.as_ref().map(|p| p.from.as_str()), Some("2025-01"));
//! assert_eq!(part.sections[0].children[0].heading.as_deref(), Some("Mục đích"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod header;
pub mod labels;
pub mod period;
mod sections;
mod text;

use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Appendix, Issuer, Kind, Part, Signer, Span, Warning};
use sohoa_text::{Block, BlockKind};

use header::{
    is_motto, is_person_name, is_signer_title, key, kind_heading, number_text, parse_issuer,
    place_date, split_columns,
};
use text::re;
pub use text::{sentence_case, split_heading, title_case};

/// Where a block sits in its document; the extraction stage reads citations by zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Issuer, motto, number, date, kind, title.
    Header,
    /// "(Kèm theo Quyết định số …)": the decision the document or appendix is attached to.
    Attached,
    /// Legal bases ("Căn cứ …").
    Basis,
    /// The body: preamble and sections.
    Body,
    /// "Nơi nhận", signer.
    Signature,
    /// Appendix headings and text.
    Appendix,
    /// A line of a task table.
    Table,
}

/// One document of the file with the blocks it is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The document, without citations, tasks and targets (the extraction stage adds them).
    pub part: Part,
    /// Indices into the input blocks, with their zone.
    pub blocks: Vec<(usize, Zone)>,
    /// Source line of the document's own number ("Số: …"), if printed.
    pub number_line: Option<u32>,
}

/// The result of [`segment`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segmentation {
    /// Documents in file order.
    pub parts: Vec<Segment>,
    /// Problems found.
    pub warnings: Vec<Warning>,
}

fn is_basis(t: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Trên cơ sở|Xét tờ trình|Xét Tờ trình)\b",
    )
    .is_match(t)
}

fn is_formula(t: &str) -> bool {
    let k = key(t.trim());
    matches!(
        k.trim_end_matches([':', ' ']),
        "QUYẾT ĐỊNH" | "QUYẾT NGHỊ" | "NGHỊ QUYẾT" | "BAN HÀNH"
    ) && k.trim_end().ends_with(':')
}

fn is_attached(t: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^\(\s*(?:Ban hành\s+)?(?:kèm|Kèm|KÈM)\s+(?:theo|THEO)\b",
    )
    .is_match(t)
}

fn appendix_heading(t: &str) -> Option<Option<String>> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &R,
        r"^(?:PHỤ LỤC|Phụ lục|Phụ Lục)(?:\s+(?:số|SỐ)?\s*([0-9]{1,3}|[IVX]{1,5}))?\s*[:.]?\s*$",
    )
    .captures(t.trim())?;
    Some(c.get(1).map(|m| m.as_str().to_string()))
}

/// A block that clearly belongs to a body (not a header line).
fn body_like(b: &Block) -> bool {
    let t = b.text.as_str();
    b.kind == BlockKind::Text
        && (is_basis(t)
            || labels::parse_label(t).is_some_and(|l| l.style != sohoa_model::SectionStyle::Letter)
            || (t.chars().count() > 90 && !sohoa_text::is_caps(t) && !is_motto(t)))
}

/// Where each document starts (indices into `blocks`).
fn part_starts(blocks: &[Block]) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut has_header, mut has_kind, mut body) = (false, false, 0usize);
    for (i, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Text {
            continue;
        }
        let t = b.text.as_str();
        if is_signature_stamp(t) {
            continue;
        }
        let motto = split_columns(t)
            .iter()
            .any(|c| is_motto(c) && !c.starts_with('_'));
        if motto && key(t).contains("CỘNG H") {
            if has_header || has_kind || body > 0 {
                // walk back over the issuer lines printed above the motto
                let mut s = i;
                let floor = starts.last().copied().unwrap_or(0);
                while s > floor
                    && i - s < 3
                    && blocks[s - 1].kind == BlockKind::Text
                    && sohoa_text::is_caps(&blocks[s - 1].text)
                    && !is_signer_title(&blocks[s - 1].text)
                {
                    s -= 1;
                }
                if s > floor {
                    starts.push(s);
                }
                (has_kind, body) = (false, 0);
            }
            has_header = true;
        } else if kind_heading(t).is_some() {
            if has_kind || (body > 0 && !has_header) {
                starts.push(i);
                has_header = false;
                body = 0;
            }
            has_kind = true;
        } else if body_like(b) {
            body += 1;
        }
    }
    starts.dedup();
    starts
}

/// Splits `blocks` into documents and reads each.
pub fn segment(blocks: &[Block]) -> Segmentation {
    let mut out = Segmentation::default();
    let starts = part_starts(blocks);
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(blocks.len());
        if s >= e {
            continue;
        }
        let seg = read_part(blocks, s, e, &mut out.warnings);
        out.parts.push(seg);
    }
    out
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    Header,
    Bases,
    Body,
    Signature,
    Appendix,
}

fn empty_part(lines: Span) -> Part {
    Part {
        kind: Kind::Other,
        kind_label: None,
        issuer: Issuer::default(),
        number: None,
        place: None,
        date: None,
        title: None,
        period: None,
        attached_to: None,
        signer: None,
        recipients: Vec::new(),
        addressees: Vec::new(),
        authority: None,
        legal_bases: Vec::new(),
        preamble: Vec::new(),
        closing: Vec::new(),
        sections: Vec::new(),
        tasks: Vec::new(),
        citations: Vec::new(),
        targets: Vec::new(),
        appendices: Vec::new(),
        lines,
    }
}

fn strip_bullet(t: &str) -> &str {
    t.trim_start_matches(['-', '+', '•', '–', '*']).trim()
}

/// Reads a block of the signature zone: recipients ("Nơi nhận: - A; - B;"), signer title lines
/// and name, also when PDF extraction put both columns on one line, separated by " | " or not
/// ("- Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thành Sinh").
fn read_signature(
    text: &str,
    recipients: &mut Vec<String>,
    titles: &mut Vec<String>,
    name: &mut Option<String>,
) {
    static TITLE_CUT: OnceLock<Regex> = OnceLock::new();
    let title_cut = re(
        &TITLE_CUT,
        r"\s(?:PHÓ\s|TM\.|KT\.|Q\.|TL\.|TUQ\.)|(?:[^.Ó]\s)(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG)\b",
    );
    for cell in text.split('|').map(str::trim).filter(|c| !c.is_empty()) {
        let mut rest = cell;
        if let Some(r) = rest
            .strip_prefix("Nơi nhận")
            .or_else(|| rest.strip_prefix("Nơi gửi"))
        {
            rest = r.trim_start_matches([':', ' ']);
        }
        // the signer's column may follow the last recipient on the same line
        let (list, signer) = if rest.starts_with(['-', '+', '•']) {
            match title_start(rest) {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            }
        } else {
            ("", rest)
        };
        // "- TT HĐND; Lãnh đạo UBND xã;" names two recipients
        for r in list.split(';') {
            let r = strip_bullet(r.trim()).trim_end_matches([',', '.']).trim();
            if !r.is_empty() {
                recipients.push(r.to_string());
            }
        }
        let signer = signer.trim();
        if signer.is_empty() {
            continue;
        }
        // capitals first (the title lines), then the name
        let caps_end = signer
            .split(' ')
            .scan(0usize, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .find(|(_, w)| w.chars().any(char::is_lowercase))
            .map(|(i, _)| i)
            .unwrap_or(signer.len());
        let (title, person) = (signer[..caps_end].trim(), signer[caps_end..].trim());
        if !title.is_empty() && is_signer_title(title) {
            let mut start = 0;
            for m in title_cut.find_iter(title) {
                let at = m.start() + m.as_str().find(|c: char| c.is_uppercase()).unwrap_or(0);
                titles.push(signer_title_case(&title[start..at]));
                start = at;
            }
            titles.push(signer_title_case(&title[start..]));
        }
        if name.is_none() && !titles.is_empty() && is_person_name(person) {
            *name = Some(person.to_string());
        }
    }
}

/// Where a signer title starts inside a recipients line ("… - Lưu: VT. KT. CHỦ TỊCH …").
fn title_start(s: &str) -> Option<usize> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\s(?:TM\.|KT\.|Q\.|TL\.|TUQ\.)\s*[A-ZĐỦ]|\s(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC)\b")
        .find(s)
        .map(|m| m.start() + 1)
}

/// "KT. CHỦ TỊCH" → "KT. Chủ tịch", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch".
fn signer_title_case(t: &str) -> String {
    let t = t.trim();
    let (prefix, rest) = match t.find(". ") {
        Some(i) if i <= 4 => (&t[..i + 2], &t[i + 2..]),
        _ => ("", t),
    };
    let rest = sentence_case(rest)
        .replace("chủ tịch", "Chủ tịch")
        .replace("phó Chủ tịch", "Phó Chủ tịch");
    format!("{prefix}{rest}")
}

fn split_bases(text: &str) -> Vec<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(&R, r";\s+(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị)\b");
    let mut out = Vec::new();
    let mut start = 0;
    for m in r.find_iter(text) {
        out.push(text[start..m.start() + 1].trim().to_string());
        start = m.start() + 1;
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

fn read_part(blocks: &[Block], s: usize, e: usize, warnings: &mut Vec<Warning>) -> Segment {
    let span = Span {
        first: blocks[s].lines.first,
        last: blocks[e - 1].lines.last,
    };
    let mut part = empty_part(span);
    let mut zones = Vec::with_capacity(e - s);
    let mut number_line = None;
    let mut phase = Phase::Header;
    let mut issuer_lines: Vec<String> = Vec::new();
    let (mut seen_motto, mut after_kind, mut title_closed) = (false, false, false);
    let mut title: Vec<String> = Vec::new();
    let mut addressees_open = false;
    let mut signer_titles: Vec<String> = Vec::new();
    let mut signer_name: Option<String> = None;
    let body_refs: Vec<&Block> = blocks[s..e]
        .iter()
        .filter(|b| b.kind == BlockKind::Text)
        .collect();
    let mut body_warnings = Vec::new();
    let mut builder = sections::Builder::new(&body_refs, &mut body_warnings);

    for (i, b) in blocks.iter().enumerate().take(e).skip(s) {
        let t = b.text.trim();
        if b.kind == BlockKind::TableLine {
            zones.push((i, Zone::Table));
            continue;
        }
        if phase != Phase::Header
            && t.starts_with(|c: char| c.is_uppercase())
            && is_signature_stamp(t)
        {
            zones.push((i, Zone::Signature));
            continue;
        }
        // leave the header when the body visibly starts
        if phase == Phase::Header {
            let label = labels::parse_label(t);
            let no_header_yet = !seen_motto && part.kind_label.is_none() && issuer_lines.is_empty();
            // the line right after the kind heading is the title, even "Thực hiện Đề án …"
            let title_next = part.kind_label.is_some() && title.is_empty() && !title_closed;
            if is_basis(t) && !title_next {
                phase = Phase::Bases;
            } else if is_formula(t) {
                zones.push((i, Zone::Header));
                phase = Phase::Body;
                continue;
            } else if label.is_some_and(|l| l.style != sohoa_model::SectionStyle::Letter)
                || (no_header_yet && t.chars().count() > 90 && !header::is_motto(t))
                || (title_closed && !sohoa_text::is_caps(t) && !is_attached(t) && !addressees_open)
            {
                phase = Phase::Body;
            }
        }
        if phase == Phase::Bases {
            if is_basis(t) {
                part.legal_bases.extend(split_bases(t));
                zones.push((i, Zone::Basis));
                continue;
            }
            if is_formula(t) {
                zones.push((i, Zone::Header));
                phase = Phase::Body;
                continue;
            }
            if t.chars().next().is_some_and(char::is_lowercase) {
                if let Some(last) = part.legal_bases.last_mut() {
                    last.push(' ');
                    last.push_str(t);
                    zones.push((i, Zone::Basis));
                    continue;
                }
            }
            phase = Phase::Body;
        }
        if phase == Phase::Body || phase == Phase::Signature {
            if appendix_heading(t).is_some() {
                phase = Phase::Appendix;
            } else if t.starts_with("Nơi nhận") || t.starts_with("Nơi gửi") || is_signer_title(t)
            {
                phase = Phase::Signature;
            }
        }
        match phase {
            Phase::Header => {
                let mut zone = Zone::Header;
                if is_attached(t) {
                    zone = Zone::Attached;
                    title_closed = true;
                } else if t.starts_with("Kính gửi") {
                    addressees_open = true;
                    title_closed = true;
                    let rest = t
                        .trim_start_matches("Kính gửi")
                        .trim_start_matches([':', ' ', '|']);
                    for a in rest
                        .split(" - ")
                        .map(strip_bullet)
                        .filter(|a| !a.is_empty())
                    {
                        part.addressees
                            .push(a.trim_end_matches([';', '.', ',']).to_string());
                    }
                } else if addressees_open && t.starts_with(['-', '+', '•']) {
                    part.addressees.push(
                        strip_bullet(t)
                            .trim_end_matches([';', '.', ','])
                            .to_string(),
                    );
                } else {
                    for cell in split_columns(t) {
                        read_header_cell(
                            &cell,
                            b,
                            &mut part,
                            &mut HeaderState {
                                issuer_lines: &mut issuer_lines,
                                seen_motto: &mut seen_motto,
                                after_kind: &mut after_kind,
                                title_closed: &mut title_closed,
                                title: &mut title,
                                number_line: &mut number_line,
                            },
                        );
                    }
                }
                zones.push((i, zone));
            }
            // Bases either `continue`d or switched to Body above.
            Phase::Bases => {}
            // a legal basis after a preamble line but before the first section is still one
            Phase::Body if is_basis(t) && !builder.has_sections() => {
                part.legal_bases.extend(split_bases(t));
                zones.push((i, Zone::Basis));
            }
            Phase::Body => {
                builder.push(b);
                zones.push((i, Zone::Body));
            }
            Phase::Signature => {
                read_signature(
                    t,
                    &mut part.recipients,
                    &mut signer_titles,
                    &mut signer_name,
                );
                zones.push((i, Zone::Signature));
            }
            Phase::Appendix => {
                let mut zone = Zone::Appendix;
                if let Some(label) = appendix_heading(t) {
                    part.appendices.push(Appendix {
                        label,
                        title: None,
                        present: true,
                        lines: b.lines,
                    });
                } else if is_attached(t) {
                    zone = Zone::Attached;
                } else if let Some(a) = part.appendices.last_mut() {
                    if sohoa_text::is_caps(t) && a.lines.last + 4 >= b.lines.first {
                        let title = a.title.get_or_insert_with(String::new);
                        if !title.is_empty() {
                            title.push(' ');
                        }
                        title.push_str(t);
                        a.lines.last = b.lines.last;
                    }
                }
                if let Some(a) = part.appendices.last_mut() {
                    a.lines.last = a.lines.last.max(b.lines.last);
                }
                zones.push((i, zone));
            }
        }
    }
    // table lines after an appendix heading are the appendix's
    if let (Some(a), Some(&(last, _))) = (part.appendices.last_mut(), zones.last()) {
        if a.lines.first <= blocks[last].lines.first {
            a.lines.last = a.lines.last.max(blocks[last].lines.last);
        }
    }

    if !issuer_lines.is_empty() {
        part.issuer = parse_issuer(&issuer_lines);
    }
    if !title.is_empty() {
        let joined = title.join(" ");
        part.period = period::find_period(&joined);
        part.title = Some(joined);
    }
    if part.kind_label.is_none() {
        part.kind = kind_from_number(&part);
    }
    if !signer_titles.is_empty() || signer_name.is_some() {
        part.signer = Some(Signer {
            title: (!signer_titles.is_empty()).then(|| signer_titles.join(" / ")),
            name: signer_name,
        });
    }
    check_appendix_refs(blocks, &zones, &mut part, warnings);
    let (sections, preamble, closing) = builder.finish();
    part.sections = sections;
    part.preamble = preamble.into_iter().map(|(t, _)| t).collect();
    part.closing = closing.into_iter().map(|(t, _)| t).collect();
    warnings.extend(body_warnings);
    if !seen_motto && part.kind_label.is_none() && issuer_lines.is_empty() {
        warnings.push(Warning {
            code: "no_header".into(),
            message: "document starts without a header (the file may begin mid-document)".into(),
            line: Some(span.first),
        });
    }
    Segment {
        part,
        blocks: zones,
        number_line,
    }
}

struct HeaderState<'a> {
    issuer_lines: &'a mut Vec<String>,
    seen_motto: &'a mut bool,
    after_kind: &'a mut bool,
    title_closed: &'a mut bool,
    title: &'a mut Vec<String>,
    number_line: &'a mut Option<u32>,
}

/// The stamp a digital signature prints on a page ("Số: 464/QĐ-UBND; 13/08/2025; 7:54:41
/// +07:00", "Ký bởi: CÔNG BÁO … Cơ quan: … Ngày ký: …"): it names the signed document or the
/// signer, and is neither header nor body.
fn is_signature_stamp(t: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    // (every match holds a colon: a text without one is not searched)
    t.contains(':')
        && re(
            &R,
            r"\d{1,2}:\d{2}:\d{2}|[+-]0\d:00\b|^(?:Ký bởi|Người ký|Ngày ký|Thời gian ký)\s*:",
        )
        .is_match(t)
}

fn is_authority(t: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|THỦ TƯỚNG|ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|TRƯỞNG BAN|VIỆN TRƯỞNG|CHÁNH ÁN)",
    )
    .is_match(&key(t))
}

fn read_header_cell(cell: &str, b: &Block, part: &mut Part, st: &mut HeaderState) {
    let cell = cell.trim();
    if cell.is_empty() {
        return;
    }
    if is_motto(cell) {
        *st.seen_motto = true;
        // a line of the other column joined after the motto ("… CHỦ NGHĨA VIỆT UỶ BAN NHÂN DÂN")
        let up = cell.to_uppercase();
        if up.len() == cell.len() {
            if let Some(i) = up.find("CHỦ NGHĨA VIỆT") {
                let mut j = i + "CHỦ NGHĨA VIỆT".len();
                if up[j..].starts_with(" NAM") {
                    j += " NAM".len();
                }
                let rest = cell.get(j..).unwrap_or("").trim();
                if !rest.is_empty() && !is_motto(rest) {
                    read_header_cell(rest, b, part, st);
                }
            }
        }
        return;
    }
    // the end of a motto wrapped in its narrow column ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM"),
    // which a PDF read by lines may put between the issuer's lines
    if *st.seen_motto && matches!(key(cell).as_str(), "NAM" | "VIỆT NAM") {
        return;
    }
    if is_signature_stamp(cell) {
        return;
    }
    if let Some(n) = number_text(cell) {
        if part.number.is_none() {
            part.number = sohoa_extract::number::parse_number(n);
            *st.number_line = Some(b.lines.first);
        }
        return;
    }
    if let Some((place, date)) = place_date(cell) {
        if part.place.is_none() {
            part.place = Some(place);
            part.date = sohoa_extract::date::parse_date(&date);
        }
        return;
    }
    if let Some((kind, label)) = kind_heading(cell) {
        if part.kind_label.is_none() {
            part.kind = kind;
            part.kind_label = Some(label);
            *st.after_kind = true;
            return;
        }
    }
    if let Some(v) = cell
        .strip_prefix("V/v")
        .or_else(|| cell.strip_prefix("V/V"))
    {
        st.title.push(v.trim().to_string());
        *st.after_kind = true;
        return;
    }
    let caps = sohoa_text::is_caps(cell);
    if !*st.after_kind {
        if caps && part.number.is_none() && part.kind_label.is_none() {
            st.issuer_lines.push(cell.to_string());
        }
        return;
    }
    if caps && is_authority(cell) && !st.title.is_empty() {
        part.authority = Some(cell.to_string());
        *st.title_closed = true;
        return;
    }
    if !*st.title_closed
        && (!caps || st.title.is_empty() || st.title.iter().all(|t| sohoa_text::is_caps(t)))
    {
        st.title.push(cell.to_string());
    }
}

/// Appendices the text refers to ("theo Phụ lục số 01", "tại Phụ lục kèm theo Kế hoạch này").
/// A labelled reference is met by a present appendix with the same number (or by the only,
/// unlabelled, appendix); an unlabelled one by any present appendix. Each unmet label is recorded
/// once, as not present, with a warning.
fn check_appendix_refs(
    blocks: &[Block],
    zones: &[(usize, Zone)],
    part: &mut Part,
    warnings: &mut Vec<Warning>,
) {
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    let labelled = re(&LABELLED, r"(?i)phụ lục\s+(?:số\s*)?(\d{1,3}|[IVX]{1,5})\b");
    let plain = re(
        &PLAIN,
        r"(?i)phụ lục\s+(?:kèm theo|đính kèm|danh mục|chi tiết|kèm)",
    );
    let numeric = |l: &str| -> String {
        l.parse::<u32>()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| l.to_uppercase())
    };
    let present: Vec<Option<String>> = part
        .appendices
        .iter()
        .map(|a| a.label.as_deref().map(numeric))
        .collect();
    let only_unlabelled = present.len() == 1 && present[0].is_none();
    let mut missing: Vec<(String, String, u32)> = Vec::new(); // (key, label as printed, line)
    let mut plain_missing: Option<u32> = None;
    for &(i, zone) in zones {
        if !matches!(zone, Zone::Body | Zone::Basis) {
            continue;
        }
        let b = &blocks[i];
        for c in labelled.captures_iter(&b.text) {
            let (Some(m), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            let k = numeric(m.as_str());
            let met = only_unlabelled || present.iter().any(|p| p.as_deref() == Some(k.as_str()));
            if !met && !missing.iter().any(|(mk, _, _)| *mk == k) {
                missing.push((k, m.as_str().to_string(), b.line_at(whole.start())));
            }
        }
        if let Some(m) = plain.find(&b.text) {
            if present.is_empty() && plain_missing.is_none() {
                plain_missing = Some(b.line_at(m.start()));
            }
        }
    }
    for (_, label, line) in missing {
        warnings.push(Warning {
            code: "appendix_missing".into(),
            message: format!("the text refers to Phụ lục {label}, which is not in the file"),
            line: Some(line),
        });
        part.appendices.push(Appendix {
            label: Some(label),
            title: None,
            present: false,
            lines: Span::line(line),
        });
    }
    if let Some(line) = plain_missing.filter(|_| part.appendices.is_empty()) {
        warnings.push(Warning {
            code: "appendix_missing".into(),
            message: "the text refers to an appendix (Phụ lục) that is not in the file".into(),
            line: Some(line),
        });
        part.appendices.push(Appendix {
            label: None,
            title: None,
            present: false,
            lines: Span::line(line),
        });
    }
}

fn kind_from_number(part: &Part) -> Kind {
    let Some(n) = &part.number else {
        return Kind::Other;
    };
    match n.type_code.as_deref() {
        Some("QĐ") => Kind::QuyetDinh,
        Some("KH") => Kind::KeHoach,
        Some("BC") => Kind::BaoCao,
        Some("NQ") => Kind::NghiQuyet,
        None if n.issuer_code.is_some() => Kind::CongVan,
        _ => Kind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sohoa_text::cleanup;

    fn seg(text: &str) -> Segmentation {
        let lines = sohoa_text::decode(text.as_bytes(), None)
            .expect("utf-8")
            .lines;
        segment(&cleanup(&lines).blocks)
    }

    const QD_THEN_KH: &str = "ỦY BAN NHÂN DÂN\nXÃ TUỆ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:  362/QĐ-UBND Xã Tuệ Tĩnh, ngày 28 tháng  7  năm 2025\nQUYẾT ĐỊNH\nBan hành Kế hoạch Cải cách hành chính nhà nước\nXã Tuệ Tĩnh 6 tháng cuối năm 2025\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\nTheo đề nghị của Phòng Văn hóa-Xã hội.\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực thi hành kể từ ngày ký.\nNơi nhận:\n- Như Điều 3;\n- TT HĐND; Lãnh đạo UBND xã;\n- Lưu: VT, VHXH.\nCHỦ TỊCH\nNguyễn Thị Hạnh\nỦY BAN NHÂN DÂN\nXÃ TUỆ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCải cách hành chính xã Tuệ Tĩnh 6 tháng cuối năm 2025\n(Kèm theo Quyết định số 362/QĐ-UBND ngày 28/7/2025\ncủa Chủ tịch Uỷ ban nhân dân xã Tuệ Tĩnh)\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Tiếp tục triển khai.\n";

    #[test]
    fn decision_followed_by_plan() {
        let s = seg(QD_THEN_KH);
        assert_eq!(s.parts.len(), 2);
        let qd = &s.parts[0].part;
        assert_eq!(qd.kind, Kind::QuyetDinh);
        assert_eq!(qd.lines, Span { first: 1, last: 20 });
        assert_eq!(qd.issuer.unit_name.as_deref(), Some("Tuệ Tĩnh"));
        assert_eq!(
            qd.number.as_ref().map(|n| n.raw.as_str()),
            Some("362/QĐ-UBND")
        );
        assert_eq!(qd.place.as_deref(), Some("Xã Tuệ Tĩnh"));
        assert_eq!(qd.date.as_deref(), Some("2025-07-28"));
        assert_eq!(
            qd.title.as_deref(),
            Some(
                "Ban hành Kế hoạch Cải cách hành chính nhà nước Xã Tuệ Tĩnh 6 tháng cuối năm 2025"
            )
        );
        assert_eq!(
            qd.authority.as_deref(),
            Some("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TUỆ TĨNH")
        );
        assert_eq!(qd.legal_bases.len(), 2);
        assert_eq!(qd.sections.len(), 2);
        assert_eq!(
            qd.recipients,
            ["Như Điều 3", "TT HĐND", "Lãnh đạo UBND xã", "Lưu: VT, VHXH"]
        );
        let signer = qd.signer.as_ref().unwrap();
        assert_eq!(signer.title.as_deref(), Some("Chủ tịch"));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Thị Hạnh"));
        let kh = &s.parts[1].part;
        assert_eq!(kh.kind, Kind::KeHoach);
        assert_eq!(kh.lines.first, 21);
        assert_eq!(
            kh.period.as_ref().map(|p| (p.from.as_str(), p.to.as_str())),
            Some(("2025-07", "2025-12"))
        );
        assert_eq!(kh.sections[0].heading.as_deref(), Some("MỤC ĐÍCH, YÊU CẦU"));
        assert!(s.parts[1].blocks.iter().any(|&(_, z)| z == Zone::Attached));
    }

    #[test]
    fn file_starting_mid_document() {
        let s = seg("Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm\n2015; Căn cứ Luật sửa đổi năm 2019;\nTheo đề nghị của công chức văn phòng.\nKẾ HOẠCH\ncải cách hành chính năm 2025\nI. MỤC ĐÍCH\nNội dung.\n");
        assert_eq!(s.parts.len(), 2);
        assert_eq!(s.parts[0].part.legal_bases.len(), 3);
        assert!(s.warnings.iter().any(|w| w.code == "no_header"));
        assert_eq!(s.parts[1].part.kind, Kind::KeHoach);
        assert_eq!(
            s.parts[1].part.title.as_deref(),
            Some("cải cách hành chính năm 2025")
        );
    }

    #[test]
    fn missing_appendices_are_recorded() {
        let s = seg("KẾ HOẠCH\nCải cách hành chính năm 2025\nI. NHIỆM VỤ\n- Thể chế: Phụ lục số 01 – Tư pháp.\n- Theo Phụ lục số 02, Phụ lục số 3 và Phụ lục số 01.\n");
        let a = &s.parts[0].part.appendices;
        let labels: Vec<_> = a.iter().map(|a| (a.label.as_deref(), a.present)).collect();
        assert_eq!(
            labels,
            [(Some("01"), false), (Some("02"), false), (Some("3"), false)]
        );
        assert_eq!(
            s.warnings
                .iter()
                .filter(|w| w.code == "appendix_missing")
                .count(),
            3
        );
        let s = seg("KẾ HOẠCH\nCải cách hành chính năm 2025\nI. NHIỆM VỤ\n(Danh mục nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này).\nPhụ lục\nDANH MỤC NHIỆM VỤ\n");
        let a = &s.parts[0].part.appendices;
        assert_eq!(a.len(), 1);
        assert!(a[0].present);
        assert!(s.warnings.iter().all(|w| w.code != "appendix_missing"));
    }

    #[test]
    fn signature_stamp_is_not_the_number() {
        let s = seg("Số: 464/QĐ-UBND; 13/08/2025; 7:54:41 +07:00\nỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ LAI KHÊ Độc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCải cách hành chính xã Lai Khê 6 tháng cuối năm 2025\nI. MỤC ĐÍCH\n");
        let p = &s.parts[0].part;
        assert_eq!(p.number, None);
        assert_eq!(p.issuer.unit_name.as_deref(), Some("Lai Khê"));
        assert_eq!(p.issuer.body.as_deref(), Some("Ủy ban nhân dân"));
    }

    #[test]
    fn motto_wrapped_between_issuer_lines() {
        // a PDF header table read by lines: the columns interleave and the motto wraps
        let s = seg("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT\nUỶ BAN NHÂN DÂN\nNAM\nXÃ AN LÃO\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCải cách hành chính xã An Lão 6 tháng cuối năm 2025\nI. MỤC ĐÍCH\n");
        let p = &s.parts[0].part;
        assert_eq!(p.issuer.body.as_deref(), Some("Ủy ban nhân dân"));
        assert_eq!(p.issuer.unit_name.as_deref(), Some("An Lão"));
        assert_eq!(p.issuer.parent, None);
    }

    #[test]
    fn bases_split() {
        assert_eq!(
            split_bases("Căn cứ A năm 2015; Căn cứ B năm 2019;"),
            ["Căn cứ A năm 2015;", "Căn cứ B năm 2019;"]
        );
    }

    #[test]
    fn merged_signature_columns() {
        let (mut r, mut t, mut n) = (Vec::new(), Vec::new(), None);
        read_signature(
            "Nơi nhận: - Như trên; - Chủ tịch UBND tỉnh; - Lưu: VT, KT(Thủy, Nho). | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thành Sinh",
            &mut r,
            &mut t,
            &mut n,
        );
        assert_eq!(
            r,
            ["Như trên", "Chủ tịch UBND tỉnh", "Lưu: VT, KT(Thủy, Nho)"]
        );
        assert_eq!(t, ["KT. Chủ tịch", "Phó Chủ tịch"]);
        assert_eq!(n.as_deref(), Some("Nguyễn Thành Sinh"));
        let (mut r, mut t, mut n) = (Vec::new(), Vec::new(), None);
        for line in [
            "Nơi nhận:",
            "- Như Điều 3;",
            "- Lưu: VT, VHXH. TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Thị Hạnh",
        ] {
            read_signature(line, &mut r, &mut t, &mut n);
        }
        assert_eq!(r, ["Như Điều 3", "Lưu: VT, VHXH"]);
        assert_eq!(t, ["TM. Ủy ban nhân dân", "Chủ tịch"]);
        assert_eq!(n.as_deref(), Some("Nguyễn Thị Hạnh"));
    }

    #[test]
    fn signer_titles() {
        assert_eq!(signer_title_case("KT. CHỦ TỊCH"), "KT. Chủ tịch");
        assert_eq!(signer_title_case("PHÓ CHỦ TỊCH"), "Phó Chủ tịch");
        assert_eq!(
            signer_title_case("TM. ỦY BAN NHÂN DÂN"),
            "TM. Ủy ban nhân dân"
        );
    }
}
