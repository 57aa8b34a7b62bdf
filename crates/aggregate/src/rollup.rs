//! The roll-up: one row type per output table, built from the loaded documents.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use regex::Regex;
use sohoa_model::{Citation, Part, Section};

use crate::areas::{classify, AREAS};
use crate::fold::{fold, name_key};
use crate::gazetteer::Gazetteer;
use crate::Loaded;

/// One document (`units.csv`, table `documents`).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// The JSON file, relative to its input folder.
    pub json: String,
    /// Index of the document in the file (0-based).
    pub doc_index: usize,
    /// The converted input (`source.path`).
    pub source: String,
    /// Unit type ("xã", "phường"…), from the issuer or the text.
    pub unit_type: String,
    /// Unit name.
    pub unit_name: String,
    /// Where the unit comes from: "issuer", "text" or "" (not found).
    pub unit_from: String,
    /// Official code, empty when not matched.
    pub unit_code: String,
    /// The province of the matched unit.
    pub province: String,
    /// How the code was matched, or why it is empty.
    pub code_note: String,
    /// Document kind (`ke_hoach`…).
    pub kind: String,
    /// Document number as printed.
    pub number: String,
    /// Date of issue (ISO).
    pub date: String,
    /// Period start (YYYY-MM).
    pub period_from: String,
    /// Period end (YYYY-MM).
    pub period_to: String,
    /// Sections, all levels.
    pub sections: usize,
    /// Task rows.
    pub tasks: usize,
    /// Citations.
    pub citations: usize,
    /// Targets.
    pub targets: usize,
    /// Headings/task groups mapped to each area.
    pub area_hits: [usize; 7],
}

impl UnitRow {
    /// The ids of the areas covered, `;`-separated.
    pub fn areas(&self) -> String {
        AREAS
            .iter()
            .zip(self.area_hits)
            .filter(|(_, n)| *n > 0)
            .map(|(a, _)| a.id)
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Label of the unit for display: "xã An Lão".
    pub fn unit_label(&self) -> String {
        format!("{} {}", self.unit_type, self.unit_name)
            .trim()
            .to_string()
    }
}

/// One unit of the coverage matrix (`coverage.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// Official code (empty when not matched).
    pub unit_code: String,
    /// Unit type.
    pub unit_type: String,
    /// Unit name (empty: documents with no unit).
    pub unit_name: String,
    /// Documents of the unit.
    pub documents: usize,
    /// Per area: headings and task groups naming it, over the unit's documents.
    pub hits: [usize; 7],
}

/// One task row (`tasks.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    /// The JSON file.
    pub json: String,
    /// Document index.
    pub doc_index: usize,
    /// Unit code.
    pub unit_code: String,
    /// Unit label ("xã An Lão").
    pub unit: String,
    /// Row number as printed.
    pub no: Option<u32>,
    /// Group label ("I").
    pub group_label: String,
    /// Group title.
    pub group_title: String,
    /// Reform area id of the group title (empty: none).
    pub area: String,
    /// What to do.
    pub content: String,
    /// Lead body.
    pub lead: String,
    /// Partner bodies, `; `-separated.
    pub partners: String,
    /// Deadline as printed.
    pub timeline: String,
    /// `by`, `period`, `recurring`, `on_request`.
    pub due_kind: String,
    /// Start of the deadline (YYYY-MM or YYYY-MM-DD).
    pub due_from: String,
    /// End of the deadline.
    pub due_to: String,
    /// Expected output.
    pub output: String,
    /// First source line.
    pub line_first: u32,
    /// Last source line.
    pub line_last: u32,
}

/// One citation edge (`citations.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct CitationRow {
    /// The citing JSON file.
    pub json: String,
    /// Citing document index.
    pub doc_index: usize,
    /// Citing unit code.
    pub unit_code: String,
    /// Citing unit label.
    pub unit: String,
    /// Citing document kind.
    pub citing_kind: String,
    /// Citing document number.
    pub citing_number: String,
    /// The citation as printed.
    pub raw: String,
    /// Cited document type.
    pub doc_type: String,
    /// Cited number.
    pub number: String,
    /// Cited name (laws have no number).
    pub name: String,
    /// Sequence number.
    pub seq: Option<u32>,
    /// Type code (QĐ, NĐ…).
    pub type_code: String,
    /// Year inside the number.
    pub year: Option<u16>,
    /// Issuer code (UBND, CP…).
    pub issuer_code: String,
    /// Date of issue.
    pub date: String,
    /// Issuing body.
    pub issuer: String,
    /// `self`, `attached_to`, `basis`, `reference`.
    pub role: String,
    /// Source line.
    pub line: u32,
    /// Normalised key of the cited document.
    pub cited_key: String,
}

/// A cited document ranked by citing documents (`most_cited.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct CitedRow {
    /// Rank, 1-based.
    pub rank: usize,
    /// Normalised key.
    pub cited_key: String,
    /// Type as first seen.
    pub doc_type: String,
    /// Number as first seen.
    pub number: String,
    /// Name as first seen.
    pub name: String,
    /// Distinct citing documents.
    pub citing_documents: usize,
    /// All mentions.
    pub mentions: usize,
}

/// One target (`targets.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    /// The JSON file.
    pub json: String,
    /// Document index.
    pub doc_index: usize,
    /// Unit code.
    pub unit_code: String,
    /// Unit label.
    pub unit: String,
    /// Section label path.
    pub section: String,
    /// What is measured.
    pub indicator: String,
    /// `>=`, `<=`, `=`.
    pub comparator: String,
    /// Value.
    pub value: f64,
    /// Unit of the value.
    pub value_unit: String,
    /// The sentence.
    pub text: String,
    /// Source line.
    pub line: u32,
}

/// Everything the report holds.
#[derive(Debug, Clone, Default)]
pub struct Rollup {
    /// One row per document.
    pub units: Vec<UnitRow>,
    /// One row per unit.
    pub coverage: Vec<CoverageRow>,
    /// Every task.
    pub tasks: Vec<TaskRow>,
    /// Every citation.
    pub citations: Vec<CitationRow>,
    /// Cited documents, most cited first (self-references excluded).
    pub most_cited: Vec<CitedRow>,
    /// Every target.
    pub targets: Vec<TargetRow>,
}

fn wire<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Normalised key of a cited document: its number (upper case, no spaces, Đ → D) when
/// present, else its folded type and name.
pub fn cited_key(c: &Citation) -> String {
    match &c.number {
        Some(n) if n.contains('/') => n
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == 'đ' || c == 'Đ' { 'D' } else { c })
            .flat_map(char::to_uppercase)
            .collect(),
        // a number with no slash ("Đề án 06") is only unique with its type
        Some(n) if !n.contains('/') => {
            fold(&format!("{} {n}", c.doc_type.as_deref().unwrap_or("")))
        }
        _ => {
            let ty = fold(c.doc_type.as_deref().unwrap_or(""));
            let name = fold(c.name.as_deref().unwrap_or(&c.raw));
            if name.starts_with(&ty) {
                name
            } else {
                format!("{ty} {name}").trim().to_string()
            }
        }
    }
}

fn count_sections(s: &[Section]) -> usize {
    s.iter().map(|s| 1 + count_sections(&s.children)).sum()
}

fn section_hits(s: &[Section], hits: &mut [usize; 7]) {
    for s in s {
        if let Some(a) = s.heading.as_deref().and_then(classify) {
            hits[a] += 1;
        }
        section_hits(&s.children, hits);
    }
}

fn unit_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(xa|phuong|thi tran|dac khu)((?: [a-z0-9]+){1,4})").expect("valid regex")
    })
}

/// The commune-level unit named most often in `text` ("xã Ngọc Liên" in "… Chủ tịch UBND xã
/// Ngọc Liên"), as (type, folded name): the longest run of up to four words after the type
/// word that is a unit of that type.
fn unit_in_text(g: &Gazetteer, text: &str) -> Option<(String, String)> {
    let folded = fold(text);
    let mut counts: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for (order, c) in unit_regex().captures_iter(&folded).enumerate() {
        let kind = c[1].to_string();
        let words: Vec<&str> = c[2].split_whitespace().collect();
        for n in (1..=words.len()).rev() {
            let key = name_key(&words[..n].join(" "));
            if g.has(&kind, &key) {
                let e = counts.entry((kind.clone(), key)).or_insert((0, order));
                e.0 += 1;
                break;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(k, _)| k)
}

/// Every text value of the document part (headings, paragraphs, tasks, bases…), one per
/// line: the text the unit and its province are looked for in.
fn part_text(part: &Part) -> String {
    fn collect(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut t = String::new();
    if let Ok(v) = serde_json::to_value(part) {
        collect(&v, &mut t);
    }
    t
}

impl Rollup {
    /// Build every table from the loaded files (in their order).
    pub fn build(loaded: &[Loaded]) -> Rollup {
        let g = Gazetteer::embedded();
        let mut r = Rollup::default();
        for l in loaded {
            let doc = &l.doc;
            let texts: Vec<String> = doc.parts.iter().map(part_text).collect();
            let whole = texts.join(
                "
",
            );
            for (di, part) in doc.parts.iter().enumerate() {
                let text = &texts[di];
                let (mut unit_type, mut unit_name, mut unit_from) = (
                    opt(&part.issuer.unit_type),
                    opt(&part.issuer.unit_name),
                    "issuer",
                );
                if unit_name.is_empty() {
                    let found = unit_in_text(&g, text).or_else(|| unit_in_text(&g, &whole));
                    if let Some((kind, key)) = found {
                        // the gazetteer's spelling of the name
                        if let Some(u) = g
                            .units()
                            .iter()
                            .find(|u| fold(&u.kind) == kind && name_key(&u.name) == key)
                        {
                            unit_type = u.kind.clone();
                            unit_name = u.name.clone();
                            unit_from = "text";
                        }
                    } else {
                        unit_from = "";
                    }
                }
                let context = format!("{}\n{}\n{}", opt(&part.issuer.parent), text, whole);
                let (code, province, note) = if unit_name.is_empty() {
                    (
                        String::new(),
                        String::new(),
                        "no unit in the issuer or the text".to_string(),
                    )
                } else {
                    let m = g.lookup(
                        Some(unit_type.as_str()).filter(|t| !t.is_empty()),
                        &unit_name,
                        &context,
                    );
                    let mut note = m.note;
                    if unit_from == "text" {
                        note = if note.is_empty() {
                            "unit named in the text (no issuer)".into()
                        } else {
                            format!("unit named in the text (no issuer); {note}")
                        };
                    }
                    match m.unit {
                        Some(u) if u.province_name.is_empty() => {
                            (u.code.clone(), u.name.clone(), note)
                        }
                        Some(u) => (u.code.clone(), u.province_name.clone(), note),
                        None => (String::new(), String::new(), note),
                    }
                };
                let mut hits = [0usize; 7];
                section_hits(&part.sections, &mut hits);
                let groups: BTreeSet<&str> = part
                    .tasks
                    .iter()
                    .filter_map(|t| t.group.as_ref().map(|g| g.title.as_str()))
                    .collect();
                for gt in groups {
                    if let Some(a) = classify(gt) {
                        hits[a] += 1;
                    }
                }
                let row = UnitRow {
                    json: l.json.clone(),
                    doc_index: di,
                    source: doc.source.path.clone(),
                    unit_type,
                    unit_name,
                    unit_from: unit_from.into(),
                    unit_code: code,
                    province,
                    code_note: note,
                    kind: wire(&part.kind),
                    number: part
                        .number
                        .as_ref()
                        .map(|n| n.raw.clone())
                        .unwrap_or_default(),
                    date: opt(&part.date),
                    period_from: part
                        .period
                        .as_ref()
                        .map(|p| p.from.clone())
                        .unwrap_or_default(),
                    period_to: part
                        .period
                        .as_ref()
                        .map(|p| p.to.clone())
                        .unwrap_or_default(),
                    sections: count_sections(&part.sections),
                    tasks: part.tasks.len(),
                    citations: part.citations.len(),
                    targets: part.targets.len(),
                    area_hits: hits,
                };
                let unit = row.unit_label();
                for t in &part.tasks {
                    let (gl, gt) = t
                        .group
                        .as_ref()
                        .map(|g| (g.label.clone(), g.title.clone()))
                        .unwrap_or_default();
                    r.tasks.push(TaskRow {
                        json: l.json.clone(),
                        doc_index: di,
                        unit_code: row.unit_code.clone(),
                        unit: unit.clone(),
                        no: t.no,
                        area: classify(&gt)
                            .map(|a| AREAS[a].id.to_string())
                            .unwrap_or_default(),
                        group_label: gl,
                        group_title: gt,
                        content: t.content.clone(),
                        lead: opt(&t.lead),
                        partners: t.partners.join("; "),
                        timeline: opt(&t.timeline),
                        due_kind: t.due.as_ref().map(|d| wire(&d.kind)).unwrap_or_default(),
                        due_from: t.due.as_ref().map(|d| opt(&d.from)).unwrap_or_default(),
                        due_to: t.due.as_ref().map(|d| opt(&d.to)).unwrap_or_default(),
                        output: opt(&t.output),
                        line_first: t.lines.first,
                        line_last: t.lines.last,
                    });
                }
                for c in &part.citations {
                    r.citations.push(CitationRow {
                        json: l.json.clone(),
                        doc_index: di,
                        unit_code: row.unit_code.clone(),
                        unit: unit.clone(),
                        citing_kind: row.kind.clone(),
                        citing_number: row.number.clone(),
                        raw: c.raw.clone(),
                        doc_type: opt(&c.doc_type),
                        number: opt(&c.number),
                        name: opt(&c.name),
                        seq: c.seq,
                        type_code: opt(&c.type_code),
                        year: c.year,
                        issuer_code: opt(&c.issuer_code),
                        date: opt(&c.date),
                        issuer: opt(&c.issuer),
                        role: wire(&c.role),
                        line: c.line,
                        cited_key: cited_key(c),
                    });
                }
                for t in &part.targets {
                    r.targets.push(TargetRow {
                        json: l.json.clone(),
                        doc_index: di,
                        unit_code: row.unit_code.clone(),
                        unit: unit.clone(),
                        section: opt(&t.section),
                        indicator: t.indicator.clone(),
                        comparator: wire(&t.comparator),
                        value: t.value,
                        value_unit: opt(&t.unit),
                        text: t.text.clone(),
                        line: t.line,
                    });
                }
                r.units.push(row);
            }
        }
        r.coverage = coverage(&r.units);
        r.most_cited = most_cited(&r.citations);
        r
    }
}

fn coverage(units: &[UnitRow]) -> Vec<CoverageRow> {
    let mut by: BTreeMap<(String, String, String), CoverageRow> = BTreeMap::new();
    for u in units {
        let key = if u.unit_code.is_empty() {
            (
                String::from("~"),
                fold(&u.unit_type),
                name_key(&u.unit_name),
            )
        } else {
            (u.unit_code.clone(), String::new(), String::new())
        };
        let e = by.entry(key).or_insert_with(|| CoverageRow {
            unit_code: u.unit_code.clone(),
            unit_type: u.unit_type.clone(),
            unit_name: u.unit_name.clone(),
            documents: 0,
            hits: [0; 7],
        });
        e.documents += 1;
        for (h, n) in e.hits.iter_mut().zip(u.area_hits) {
            *h += n;
        }
    }
    by.into_values().collect()
}

fn most_cited(cits: &[CitationRow]) -> Vec<CitedRow> {
    /// The row and the distinct citing documents (file, index).
    type Acc<'a> = (CitedRow, BTreeSet<(&'a str, usize)>);
    let mut by: BTreeMap<&str, Acc> = BTreeMap::new();
    for c in cits
        .iter()
        .filter(|c| c.role != "self" && !c.cited_key.is_empty())
    {
        let e = by.entry(c.cited_key.as_str()).or_insert_with(|| {
            (
                CitedRow {
                    rank: 0,
                    cited_key: c.cited_key.clone(),
                    doc_type: c.doc_type.clone(),
                    number: c.number.clone(),
                    name: c.name.clone(),
                    citing_documents: 0,
                    mentions: 0,
                },
                BTreeSet::new(),
            )
        });
        e.0.mentions += 1;
        e.1.insert((c.json.as_str(), c.doc_index));
    }
    let mut rows: Vec<CitedRow> = by
        .into_values()
        .map(|(mut r, docs)| {
            r.citing_documents = docs.len();
            r
        })
        .collect();
    rows.sort_by(|a, b| {
        b.citing_documents
            .cmp(&a.citing_documents)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.cited_key.cmp(&b.cited_key))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    rows
}
