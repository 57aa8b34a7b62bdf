//! Writing the report folder: CSV files, the SQLite database, the HTML page. Each file is
//! written to a temporary name and renamed.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;

use crate::areas::AREAS;
use crate::rollup::Rollup;
use crate::AggregateError;

/// One table: name, columns (name, SQL type, documentation), rows.
pub(crate) struct Table {
    pub name: &'static str,
    pub file: &'static str,
    pub columns: Vec<(String, &'static str, String)>,
    pub rows: Vec<Vec<Value>>,
}

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}
fn i(n: usize) -> Value {
    Value::Integer(n as i64)
}
fn oi<T: Into<i64>>(n: Option<T>) -> Value {
    n.map_or(Value::Null, |n| Value::Integer(n.into()))
}
fn col(name: &str, ty: &'static str, doc: &str) -> (String, &'static str, String) {
    (name.to_string(), ty, doc.to_string())
}

pub(crate) fn tables(r: &Rollup) -> Vec<Table> {
    let unit_cols = vec![
        col(
            "json",
            "TEXT",
            "the sohoa/1 JSON file, relative to its input folder",
        ),
        col(
            "doc_index",
            "INTEGER",
            "index of the document in the file, 0-based",
        ),
        col("source", "TEXT", "the converted input file (source.path)"),
        col(
            "unit_type",
            "TEXT",
            "unit type: xã, phường, đặc khu, tỉnh, thành phố",
        ),
        col("unit_name", "TEXT", "unit name as matched"),
        col(
            "unit_from",
            "TEXT",
            "issuer, text (named in the text), or empty",
        ),
        col(
            "unit_code",
            "TEXT",
            "official administrative-unit code (empty: not matched)",
        ),
        col("province", "TEXT", "province or city of the matched unit"),
        col(
            "code_note",
            "TEXT",
            "how the code was matched, or why it is empty",
        ),
        col(
            "kind",
            "TEXT",
            "ke_hoach, quyet_dinh, bao_cao, nghi_quyet, cong_van, other",
        ),
        col("number", "TEXT", "document number as printed"),
        col("date", "TEXT", "date of issue, YYYY-MM-DD"),
        col("period_from", "TEXT", "period start, YYYY-MM"),
        col("period_to", "TEXT", "period end, YYYY-MM"),
        col("sections", "INTEGER", "sections, all levels"),
        col("tasks", "INTEGER", "task rows"),
        col("citations", "INTEGER", "citations"),
        col("targets", "INTEGER", "quantified targets"),
        col("areas", "TEXT", "reform areas covered, ;-separated ids"),
    ];
    let units = Table {
        name: "documents",
        file: "units.csv",
        columns: unit_cols,
        rows: r
            .units
            .iter()
            .map(|u| {
                vec![
                    t(&u.json),
                    i(u.doc_index),
                    t(&u.source),
                    t(&u.unit_type),
                    t(&u.unit_name),
                    t(&u.unit_from),
                    t(&u.unit_code),
                    t(&u.province),
                    t(&u.code_note),
                    t(&u.kind),
                    t(&u.number),
                    t(&u.date),
                    t(&u.period_from),
                    t(&u.period_to),
                    i(u.sections),
                    i(u.tasks),
                    i(u.citations),
                    i(u.targets),
                    t(&u.areas()),
                ]
            })
            .collect(),
    };
    let mut cov_cols = vec![
        col("unit_code", "TEXT", "official code (empty: not matched)"),
        col("unit_type", "TEXT", "unit type"),
        col("unit_name", "TEXT", "unit name"),
        col("documents", "INTEGER", "documents of the unit"),
    ];
    for a in AREAS {
        cov_cols.push((
            a.id.to_string(),
            "INTEGER",
            format!(
                "{}: section headings and task groups naming the area",
                a.label
            ),
        ));
    }
    cov_cols.push(col(
        "areas_covered",
        "INTEGER",
        "areas with at least one heading",
    ));
    let coverage = Table {
        name: "coverage",
        file: "coverage.csv",
        columns: cov_cols,
        rows: r
            .coverage
            .iter()
            .map(|c| {
                let mut v = vec![
                    t(&c.unit_code),
                    t(&c.unit_type),
                    t(&c.unit_name),
                    i(c.documents),
                ];
                v.extend(c.hits.iter().map(|&n| i(n)));
                v.push(i(c.hits.iter().filter(|&&n| n > 0).count()));
                v
            })
            .collect(),
    };
    let tasks = Table {
        name: "tasks",
        file: "tasks.csv",
        columns: vec![
            col("json", "TEXT", "the JSON file"),
            col("doc_index", "INTEGER", "document index in the file"),
            col("unit_code", "TEXT", "unit code"),
            col("unit", "TEXT", "unit type and name"),
            col("no", "INTEGER", "row number as printed"),
            col("group_label", "TEXT", "task group label (I, II…)"),
            col("group_title", "TEXT", "task group title"),
            col("area", "TEXT", "reform area id of the group (empty: none)"),
            col("content", "TEXT", "what to do"),
            col("lead", "TEXT", "lead body"),
            col("partners", "TEXT", "partner bodies, ;-separated"),
            col("timeline", "TEXT", "deadline as printed"),
            col("due_kind", "TEXT", "by, period, recurring, on_request"),
            col("due_from", "TEXT", "deadline start, YYYY-MM[-DD]"),
            col("due_to", "TEXT", "deadline end, YYYY-MM[-DD]"),
            col("output", "TEXT", "expected output"),
            col("line_first", "INTEGER", "first source line"),
            col("line_last", "INTEGER", "last source line"),
        ],
        rows: r
            .tasks
            .iter()
            .map(|x| {
                vec![
                    t(&x.json),
                    i(x.doc_index),
                    t(&x.unit_code),
                    t(&x.unit),
                    oi(x.no),
                    t(&x.group_label),
                    t(&x.group_title),
                    t(&x.area),
                    t(&x.content),
                    t(&x.lead),
                    t(&x.partners),
                    t(&x.timeline),
                    t(&x.due_kind),
                    t(&x.due_from),
                    t(&x.due_to),
                    t(&x.output),
                    i(x.line_first as usize),
                    i(x.line_last as usize),
                ]
            })
            .collect(),
    };
    let citations = Table {
        name: "citations",
        file: "citations.csv",
        columns: vec![
            col("json", "TEXT", "citing JSON file"),
            col("doc_index", "INTEGER", "citing document index"),
            col("unit_code", "TEXT", "citing unit code"),
            col("unit", "TEXT", "citing unit"),
            col("citing_kind", "TEXT", "citing document kind"),
            col("citing_number", "TEXT", "citing document number"),
            col("raw", "TEXT", "the citation as printed"),
            col("doc_type", "TEXT", "cited document type"),
            col("number", "TEXT", "cited number"),
            col("name", "TEXT", "cited name"),
            col("seq", "INTEGER", "sequence number"),
            col("type_code", "TEXT", "type code (QĐ, NĐ…)"),
            col("year", "INTEGER", "year printed in the number"),
            col("issuer_code", "TEXT", "issuer code (UBND, CP…)"),
            col("date", "TEXT", "date of issue"),
            col("issuer", "TEXT", "issuing body"),
            col("role", "TEXT", "self, attached_to, basis, reference"),
            col("line", "INTEGER", "source line"),
            col(
                "cited_key",
                "TEXT",
                "normalised key: number, else type and name folded",
            ),
        ],
        rows: r
            .citations
            .iter()
            .map(|c| {
                vec![
                    t(&c.json),
                    i(c.doc_index),
                    t(&c.unit_code),
                    t(&c.unit),
                    t(&c.citing_kind),
                    t(&c.citing_number),
                    t(&c.raw),
                    t(&c.doc_type),
                    t(&c.number),
                    t(&c.name),
                    oi(c.seq),
                    t(&c.type_code),
                    oi(c.year),
                    t(&c.issuer_code),
                    t(&c.date),
                    t(&c.issuer),
                    t(&c.role),
                    i(c.line as usize),
                    t(&c.cited_key),
                ]
            })
            .collect(),
    };
    let most = Table {
        name: "most_cited",
        file: "most_cited.csv",
        columns: vec![
            col("rank", "INTEGER", "1 = most cited"),
            col("cited_key", "TEXT", "normalised key"),
            col("doc_type", "TEXT", "type as first seen"),
            col("number", "TEXT", "number as first seen"),
            col("name", "TEXT", "name as first seen"),
            col(
                "citing_documents",
                "INTEGER",
                "distinct citing documents (self excluded)",
            ),
            col("mentions", "INTEGER", "all citations of it"),
        ],
        rows: r
            .most_cited
            .iter()
            .map(|c| {
                vec![
                    i(c.rank),
                    t(&c.cited_key),
                    t(&c.doc_type),
                    t(&c.number),
                    t(&c.name),
                    i(c.citing_documents),
                    i(c.mentions),
                ]
            })
            .collect(),
    };
    let targets = Table {
        name: "targets",
        file: "targets.csv",
        columns: vec![
            col("json", "TEXT", "the JSON file"),
            col("doc_index", "INTEGER", "document index"),
            col("unit_code", "TEXT", "unit code"),
            col("unit", "TEXT", "unit"),
            col("section", "TEXT", "section label path (II.1.a)"),
            col("indicator", "TEXT", "what is measured"),
            col("comparator", "TEXT", ">=, <=, ="),
            col("value", "REAL", "value"),
            col("value_unit", "TEXT", "unit of the value (%…)"),
            col("text", "TEXT", "the sentence"),
            col("line", "INTEGER", "source line"),
        ],
        rows: r
            .targets
            .iter()
            .map(|x| {
                vec![
                    t(&x.json),
                    i(x.doc_index),
                    t(&x.unit_code),
                    t(&x.unit),
                    t(&x.section),
                    t(&x.indicator),
                    t(&x.comparator),
                    Value::Real(x.value),
                    t(&x.value_unit),
                    t(&x.text),
                    i(x.line as usize),
                ]
            })
            .collect(),
    };
    vec![units, coverage, tasks, citations, most, targets]
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => String::new(),
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> AggregateError + '_ {
    move |source| AggregateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn write_csv(table: &Table, path: &Path) -> Result<(), AggregateError> {
    let tmp = tmp_path(path);
    let err = |source| AggregateError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_path(&tmp).map_err(err)?;
    w.write_record(table.columns.iter().map(|c| c.0.as_str()))
        .map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(cell)).map_err(err)?;
    }
    w.flush().map_err(io(path))?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(io(path))
}

fn write_sqlite(tables: &[Table], path: &Path) -> Result<(), AggregateError> {
    let tmp = tmp_path(path);
    let _ = std::fs::remove_file(&tmp);
    let err = |source| AggregateError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let mut db = rusqlite::Connection::open(&tmp).map_err(err)?;
    let tx = db.transaction().map_err(err)?;
    for table in tables {
        // the column documentation lives in the schema text (sqlite_master.sql)
        let cols: Vec<String> = table
            .columns
            .iter()
            .map(|(n, ty, doc)| format!("  \"{n}\" {ty} -- {}", doc.replace('\n', " ")))
            .collect();
        let mut sql = format!("CREATE TABLE {} (\n", table.name);
        for (k, c) in cols.iter().enumerate() {
            // the comma goes before the comment
            let (def, doc) = c.split_once(" -- ").unwrap_or((c, ""));
            let comma = if k + 1 < cols.len() { "," } else { "" };
            sql.push_str(&format!("{def}{comma} -- {doc}\n"));
        }
        sql.push(')');
        tx.execute(&sql, []).map_err(err)?;
        let marks = vec!["?"; table.columns.len()].join(", ");
        let mut stmt = tx
            .prepare(&format!("INSERT INTO {} VALUES ({marks})", table.name))
            .map_err(err)?;
        for row in &table.rows {
            stmt.execute(rusqlite::params_from_iter(row.iter()))
                .map_err(err)?;
        }
    }
    tx.execute(
        "CREATE TABLE columns (\n  \"table_name\" TEXT, -- table\n  \"column_name\" TEXT, -- column\n  \"description\" TEXT -- what it holds\n)",
        [],
    )
    .map_err(err)?;
    for table in tables {
        for (n, _, doc) in &table.columns {
            tx.execute(
                "INSERT INTO columns VALUES (?, ?, ?)",
                rusqlite::params![table.name, n, doc],
            )
            .map_err(err)?;
        }
    }
    tx.commit().map_err(err)?;
    db.close().map_err(|(_, e)| err(e))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

pub(crate) fn write_all(r: &Rollup, out: &Path) -> Result<(), AggregateError> {
    std::fs::create_dir_all(out).map_err(io(out))?;
    let tables = tables(r);
    for table in &tables {
        write_csv(table, &out.join(table.file))?;
    }
    write_sqlite(&tables, &out.join("sohoa.sqlite"))?;
    let html = crate::html::render(r);
    let path = out.join("report.html");
    let tmp = tmp_path(&path);
    std::fs::write(&tmp, html).map_err(io(&path))?;
    std::fs::rename(&tmp, &path).map_err(io(&path))
}
