//! Convert the seeds and the dev documents with the library, aggregate the JSON, and check
//! facts verified by hand against the sources and the gazetteer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sohoa_pipeline::{Converter, Options, RepairMode};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sohoa-aggregate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn inputs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in ["fixtures/seeds", "fixtures/dev"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// Rows of a CSV file as maps column → value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn seeds_and_dev_documents_roll_up() {
    let json = temp("json");
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        ..Default::default()
    })
    .unwrap();
    let inputs = inputs();
    assert_eq!(
        inputs.len(),
        11,
        "5 seeds (4 clean + lai-khe OCR) and 6 dev documents"
    );
    for p in &inputs {
        let doc = conv.convert_file(p).unwrap();
        let dir = json.join(p.parent().unwrap().file_name().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        let name = format!("{}.json", p.file_name().unwrap().to_string_lossy());
        std::fs::write(dir.join(name), serde_json::to_vec(&doc).unwrap()).unwrap();
    }
    // the batch summary and a broken file are not documents
    std::fs::write(json.join("_report.json"), b"{\"inputs\": 11}").unwrap();
    std::fs::write(json.join("broken.json"), b"{\"schema\": ").unwrap();

    let out = temp("report");
    let summary = sohoa_aggregate::aggregate(std::slice::from_ref(&json), &out).unwrap();
    assert_eq!(summary.files, 11);
    assert_eq!(summary.warnings.len(), 1, "{:?}", summary.warnings);
    assert!(summary.warnings[0].contains("broken.json"));

    // units and their codes (crates/aggregate/data/units.tsv, checked by hand):
    // xã An Lão 11629 Hải Phòng (also 21609 Gia Lai: the text names Hải Phòng),
    // phường An Biên 11407 Hải Phòng (xã An Biên 30985 is in An Giang), xã Tuệ Tĩnh 10909
    // Hải Phòng, xã Ngọc Liên 15091 Thanh Hóa (named in the text only: "UBND xã Ngọc Liên").
    let units = rows(&out.join("units.csv"));
    let unit = |file: &str, idx: &str| {
        units
            .iter()
            .find(|u| u["json"].ends_with(file) && u["doc_index"] == idx)
            .unwrap_or_else(|| panic!("{file}#{idx} in units.csv"))
            .clone()
    };
    let an_lao = unit("an-lao-2025h2.txt.json", "0");
    assert_eq!(
        (
            an_lao["unit_type"].as_str(),
            an_lao["unit_name"].as_str(),
            an_lao["unit_code"].as_str()
        ),
        ("xã", "An Lão", "11629")
    );
    assert_eq!(an_lao["province"], "Hải Phòng");
    assert!(
        an_lao["code_note"].contains("Gia Lai"),
        "{}",
        an_lao["code_note"]
    );
    assert_eq!(an_lao["tasks"], "31");
    assert_eq!(an_lao["kind"], "ke_hoach");
    assert_eq!(
        (an_lao["period_from"].as_str(), an_lao["period_to"].as_str()),
        ("2025-07", "2025-12")
    );
    let an_bien = unit("an-bien-2026-2030.txt.json", "0");
    assert_eq!(
        (an_bien["unit_type"].as_str(), an_bien["unit_code"].as_str()),
        ("phường", "11407")
    );
    assert_eq!(an_bien["province"], "Hải Phòng");
    for idx in ["0", "1"] {
        let t = unit("tue-tinh-2025h2.txt.json", idx);
        assert_eq!(
            (t["unit_name"].as_str(), t["unit_code"].as_str()),
            ("Tuệ Tĩnh", "10909")
        );
    }
    assert_eq!(
        unit("tue-tinh-2025h2.txt.json", "0")["number"],
        "362/QĐ-UBND"
    );
    let ngoc_lien = unit("ngoc-lien-2025.txt.json", "1");
    assert_eq!(
        (
            ngoc_lien["unit_name"].as_str(),
            ngoc_lien["unit_code"].as_str()
        ),
        ("Ngọc Liên", "15091")
    );
    assert_eq!(ngoc_lien["province"], "Thanh Hóa");
    assert_eq!(ngoc_lien["unit_from"], "text");
    // the OCR seed (not repaired here) still finds xã Lai Khê, Hải Phòng
    assert_eq!(
        unit("lai-khe-2025h2-ocr.txt.json", "0")["unit_code"],
        "10756"
    );
    // the province documents of Lào Cai
    assert_eq!(
        unit("laocai_ubnd_cv7432_2026_pccc.txt.json", "0")["unit_code"],
        "15"
    );
    // a document with no unit says so
    let nq = unit("nq97-2026-cp-sua-doi-nhiem-vu-nq66.txt.json", "0");
    assert_eq!(nq["unit_code"], "");
    assert!(!nq["code_note"].is_empty());

    // coverage, as the headings say: an-lao II.2.1–2.7 and its seven task groups; an-bien
    // II.1–6 and III.1 (chỉ đạo, điều hành); ngoc-lien II.2–7 (one of them "Cải cách công vụ");
    // tue-tinh III.1–7
    let all = "chi_dao_dieu_hanh;the_che;thu_tuc_hanh_chinh;to_chuc_bo_may;che_do_cong_vu;tai_chinh_cong;chinh_quyen_so";
    for u in [
        &an_lao,
        &an_bien,
        &ngoc_lien,
        &unit("tue-tinh-2025h2.txt.json", "1"),
    ] {
        assert_eq!(u["areas"], all, "{}", u["json"]);
    }
    assert_eq!(unit("tue-tinh-2025h2.txt.json", "0")["areas"], "");
    let coverage = rows(&out.join("coverage.csv"));
    let cov = |code: &str| {
        let c = coverage.iter().find(|c| c["unit_code"] == code).unwrap();
        [
            "chi_dao_dieu_hanh",
            "the_che",
            "thu_tuc_hanh_chinh",
            "to_chuc_bo_may",
            "che_do_cong_vu",
            "tai_chinh_cong",
            "chinh_quyen_so",
        ]
        .map(|a| c[a].parse::<usize>().unwrap())
    };
    assert_eq!(cov("11629"), [2; 7]);
    assert_eq!(cov("11407"), [1; 7]);
    assert_eq!(cov("15091"), [1; 7]);
    assert_eq!(cov("10909"), [1; 7]);
    assert_eq!(cov("15"), [0; 7]);

    // tasks: an-lao's 31 rows, each with its unit and an area from its group
    let tasks = rows(&out.join("tasks.csv"));
    let an_lao_tasks: Vec<_> = tasks.iter().filter(|t| t["unit_code"] == "11629").collect();
    assert_eq!(an_lao_tasks.len(), 31);
    assert!(an_lao_tasks.iter().all(|t| !t["area"].is_empty()));

    // most cited: Nghị định 60/2021/NĐ-CP, cited by an-bien, an-lao, lai-khe and tue-tinh's
    // Kế hoạch (grep of the sources), six mentions
    let most = rows(&out.join("most_cited.csv"));
    assert_eq!(most[0]["number"], "60/2021/NĐ-CP");
    assert_eq!(most[0]["citing_documents"], "4");
    assert_eq!(most[0]["mentions"], "6");
    let citations = rows(&out.join("citations.csv"));
    let citing: std::collections::BTreeSet<&str> = citations
        .iter()
        .filter(|c| c["cited_key"] == "60/2021/ND-CP")
        .map(|c| c["json"].as_str())
        .collect();
    assert_eq!(citing.len(), 4, "{citing:?}");

    // SQLite: same row counts as the CSV files
    let db = rusqlite::Connection::open(out.join("sohoa.sqlite")).unwrap();
    for (table, file) in [
        ("documents", "units.csv"),
        ("coverage", "coverage.csv"),
        ("tasks", "tasks.csv"),
        ("citations", "citations.csv"),
        ("most_cited", "most_cited.csv"),
        ("targets", "targets.csv"),
    ] {
        let n: i64 = db
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n as usize, rows(&out.join(file)).len(), "{table}");
        assert!(n > 0, "{table}");
    }
    let n: i64 = db
        .query_row(
            "SELECT count(*) FROM tasks WHERE unit_code = '11629'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 31);
    drop(db);

    // determinism: a second run writes the same bytes
    let again = temp("report-again");
    sohoa_aggregate::aggregate(std::slice::from_ref(&json), &again).unwrap();
    for f in [
        "units.csv",
        "coverage.csv",
        "tasks.csv",
        "citations.csv",
        "most_cited.csv",
        "targets.csv",
        "report.html",
        "sohoa.sqlite",
    ] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("xã An Lão") && html.contains("60/2021/NĐ-CP"));
    // self-contained: no script, no address other than the SVG namespace
    assert!(!html.contains("<script"));
    assert!(!html
        .replace("http://www.w3.org/2000/svg", "")
        .contains("://"));
    for d in [json, out, again] {
        let _ = std::fs::remove_dir_all(d);
    }
}
