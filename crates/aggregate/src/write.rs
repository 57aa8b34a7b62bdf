//! Writing the report folder: CSV files, the SQLite database, the HTML page. Each file is
//! made in memory and written to a new temporary name and renamed, never through a symbolic
//! link (`sohoa-safe-write`, shared with `sohoa-batch`).

use std::path::Path;

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

/// The files of the report folder, in the order they are written.
pub(crate) const REPORT_FILES: [&str; 8] = [
    "units.csv",
    "coverage.csv",
    "tasks.csv",
    "citations.csv",
    "most_cited.csv",
    "targets.csv",
    "sohoa.sqlite",
    "report.html",
];

fn csv_bytes(table: &Table, path: &Path) -> Result<Vec<u8>, AggregateError> {
    let err = |source| AggregateError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|c| c.0.as_str()))
        .map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(cell)).map_err(err)?;
    }
    w.into_inner().map_err(|e| AggregateError::Io {
        path: path.to_path_buf(),
        source: e.into_error(),
    })
}

/// The database is built in memory and serialised (the bytes SQLite would write to a file), so
/// that it is written like every other file: SQLite never opens a path in the report folder.
fn sqlite_bytes(tables: &[Table], path: &Path) -> Result<Vec<u8>, AggregateError> {
    let err = |source| AggregateError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let mut db = rusqlite::Connection::open_in_memory().map_err(err)?;
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
    let bytes = db
        .serialize(rusqlite::DatabaseName::Main)
        .map_err(err)?
        .to_vec();
    Ok(bytes)
}

/// Removes the temporaries a killed run left in the report folder: only regular files, only
/// those of the report's own files (`units.csv.<pid>-<n>.tmp`, and `units.csv.tmp` from older
/// versions).
fn remove_stale_temporaries(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let target = sohoa_safe_write::temporary_for(&name).or_else(|| name.strip_suffix(".tmp"));
        let ours = target.is_some_and(|t| REPORT_FILES.contains(&t));
        // DirEntry::file_type does not follow links
        if ours && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes the report folder `out` (created if needed). Every file is made in memory, then all
/// the paths are checked before the first write: a symbolic link planted in the folder
/// (`out/units.csv -> /etc/x`) makes the whole run fail naming the link, with nothing written.
/// Each file is then written through a new temporary file and a rename
/// ([`sohoa_safe_write::write_output`]).
pub(crate) fn write_all(r: &Rollup, out: &Path) -> Result<(), AggregateError> {
    let tables = tables(r);
    let mut files: Vec<(&str, Vec<u8>)> = Vec::with_capacity(REPORT_FILES.len());
    for table in &tables {
        files.push((table.file, csv_bytes(table, &out.join(table.file))?));
    }
    files.push((
        "sohoa.sqlite",
        sqlite_bytes(&tables, &out.join("sohoa.sqlite"))?,
    ));
    files.push(("report.html", crate::html::render(r).into_bytes()));
    debug_assert!(files.iter().map(|f| f.0).eq(REPORT_FILES));
    for (name, _) in &files {
        sohoa_safe_write::check_output_path(out, Path::new(name))?;
    }
    remove_stale_temporaries(out);
    for (name, bytes) in &files {
        sohoa_safe_write::write_output(out, Path::new(name), bytes)?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    /// A fresh empty folder for one test.
    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sohoa-agg-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        dir
    }

    /// Every path under `dir` (links not followed), sorted.
    fn listing(dir: &Path) -> Vec<PathBuf> {
        fn walk(p: &Path, v: &mut Vec<PathBuf>) {
            v.push(p.to_path_buf());
            if std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
                for e in std::fs::read_dir(p).expect("read_dir").flatten() {
                    walk(&e.path(), v);
                }
            }
        }
        let mut v = Vec::new();
        walk(dir, &mut v);
        v.sort();
        v
    }

    #[test]
    fn writes_every_file_and_removes_its_own_stale_temporaries() {
        let dir = scratch("write");
        let out = dir.join("report");
        std::fs::create_dir_all(&out).expect("mkdir");
        for n in ["units.csv.tmp", "sohoa.sqlite.77-3.tmp", "notes.tmp"] {
            std::fs::write(out.join(n), "old").expect("write");
        }
        write_all(&Rollup::build(&[]), &out).expect("written");
        let mut expected: Vec<PathBuf> = REPORT_FILES.iter().map(|f| out.join(f)).collect();
        expected.extend([dir.clone(), out.clone(), out.join("notes.tmp")]);
        expected.sort();
        assert_eq!(listing(&dir), expected);
        // the serialised database is a database
        let db = rusqlite::Connection::open(out.join("sohoa.sqlite")).expect("open");
        let n: i64 = db
            .query_row("SELECT count(*) FROM columns", [], |r| r.get(0))
            .expect("query");
        assert!(n > 50, "{n}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn links_planted_in_the_report_folder_are_refused_before_anything_is_written() {
        let dir = scratch("links");
        let (out, elsewhere) = (dir.join("report"), dir.join("elsewhere"));
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::create_dir_all(&elsewhere).expect("mkdir");
        std::fs::write(elsewhere.join("victim"), "keep").expect("write");
        let rollup = Rollup::build(&[]);
        for (name, target) in [
            ("units.csv", elsewhere.join("victim")),
            ("sohoa.sqlite", elsewhere.join("new")),
            ("report.html", elsewhere.clone()),
        ] {
            let link = out.join(name);
            symlink(&target, &link).expect("symlink");
            let before = listing(&dir);
            match write_all(&rollup, &out) {
                Err(AggregateError::Write(sohoa_safe_write::WriteError::Link(p))) => {
                    assert_eq!(p, link)
                }
                other => panic!("{name}: {other:?}"),
            }
            let msg = write_all(&rollup, &out)
                .map(|_| ())
                .unwrap_err()
                .to_string();
            assert_eq!(
                msg,
                format!(
                    "{} is a symbolic link; outputs are never written through links",
                    link.display()
                )
            );
            assert_eq!(listing(&dir), before, "{name}: nothing written");
            std::fs::remove_file(&link).expect("unlink");
        }
        assert_eq!(
            std::fs::read(elsewhere.join("victim")).ok(),
            Some(b"keep".to_vec())
        );
        assert_eq!(
            listing(&elsewhere),
            [elsewhere.clone(), elsewhere.join("victim")]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn planted_temporaries_are_never_written_through() {
        let dir = scratch("tmp-links");
        let out = dir.join("report");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(dir.join("victim"), "keep").expect("write");
        // the old temporary names, and the next ones this process can use
        let mut names: Vec<String> = REPORT_FILES.iter().map(|f| format!("{f}.tmp")).collect();
        for f in REPORT_FILES {
            names.extend((0..200).map(|n| format!("{f}.{}-{n}.tmp", std::process::id())));
        }
        for n in &names {
            symlink(dir.join("victim"), out.join(n)).expect("symlink");
        }
        // whichever names it gets, the writes refuse or go to new files
        let _ = write_all(&Rollup::build(&[]), &out);
        assert_eq!(
            std::fs::read(dir.join("victim")).ok(),
            Some(b"keep".to_vec())
        );
        // the planted links are left alone
        for n in &names {
            assert!(
                std::fs::symlink_metadata(out.join(n)).is_ok_and(|m| m.file_type().is_symlink())
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
