//! The command line: outputs, errors and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::{fixture, root};

fn sohoa() -> Command {
    let mut c = Command::cargo_bin("sohoa").expect("binary built");
    c.current_dir(root());
    c
}

#[test]
fn one_file_gives_json_on_stdout() {
    let out = sohoa()
        .args(["convert", "fixtures/seeds/tue-tinh-2025h2.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("stdout is one JSON value");
    assert_eq!(v["schema"], "sohoa/1");
    assert_eq!(v["source"]["path"], "fixtures/seeds/tue-tinh-2025h2.txt");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
}

#[test]
fn word_file_gives_the_text_files_json() {
    let run = |path: &str| -> serde_json::Value {
        let out = sohoa()
            .args(["convert", "--repair", "never", path])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("stdout is one JSON value")
    };
    let mut docx = run("fixtures/docx/tue-tinh-2025h2.docx");
    let mut txt = run("fixtures/seeds/tue-tinh-2025h2.txt");
    assert_eq!(docx["source"]["format"], "docx");
    docx["source"] = serde_json::Value::Null;
    txt["source"] = serde_json::Value::Null;
    assert_eq!(docx, txt);
    // a zip that is no Word document is refused, named, exit code 1
    sohoa()
        .args(["convert", "crates/docx/tests/data/not-word.zip"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("not-word.zip").and(predicate::str::contains(
                "not a Word document: the zip archive has no word/document.xml",
            )),
        );
}

#[test]
fn stdin_and_jsonl() {
    let text = std::fs::read(fixture("seeds/an-lao-2025h2.txt")).expect("seed");
    let out = sohoa()
        .args([
            "convert",
            "-",
            "fixtures/seeds/ngoc-lien-2025.txt",
            "--jsonl",
        ])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["path"], "-");
    assert_eq!(
        lines[1]["source"]["path"],
        "fixtures/seeds/ngoc-lien-2025.txt"
    );
}

#[test]
fn output_directory() {
    let dir = tempdir();
    sohoa()
        .args([
            "convert",
            "fixtures/seeds/an-lao-2025h2.txt",
            "fixtures/seeds/an-bien-2026-2030.txt",
            "--pretty",
            "-o",
        ])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    for n in ["an-lao-2025h2.txt.json", "an-bien-2026-2030.txt.json"] {
        let s = std::fs::read_to_string(dir.join(n)).expect("written");
        let v: serde_json::Value = serde_json::from_str(&s).expect("json");
        assert_eq!(v["schema"], "sohoa/1");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_file_is_named_and_others_still_converted() {
    let dir = tempdir();
    let bad = dir.join("scan.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let nul = dir.join("nul.txt");
    std::fs::write(&nul, b"K\xE1\xBA\xBF ho\xE1\xBA\xA1ch\n\0x").expect("write");
    let out = dir.join("out");
    sohoa()
        .args(["convert", "fixtures/seeds/an-lao-2025h2.txt"])
        .arg(&bad)
        .arg(&nul)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "scan.txt: the file is a PNG image but it is damaged or truncated (no IDAT image data)",
        ))
        .stderr(predicate::str::contains(
            "nul.txt: not a text file: control byte 0x00 at line 2, byte offset 13",
        ));
    assert!(out.join("an-lao-2025h2.txt.json").exists());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("_report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["converted"], 1);
    assert_eq!(report["failed"].as_array().map(Vec::len), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_file_and_usage_errors() {
    sohoa()
        .args(["convert", "no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/file.txt: cannot read"));
    sohoa().args(["convert"]).assert().code(2);
    sohoa()
        .args(["convert", "x", "--encoding", "koi8"])
        .assert()
        .code(2);
    sohoa().args(["frobnicate"]).assert().code(2);
}

#[test]
fn forced_encoding() {
    let text = std::fs::read_to_string(fixture("seeds/tue-tinh-2025h2.txt")).expect("seed");
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let out = sohoa()
        .args(["convert", "-", "--encoding", "utf-16le"])
        .write_stdin(utf16)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["source"]["encoding"], "utf-16le");
    assert_eq!(v["documents"][0]["number"]["raw"], "362/QĐ-UBND");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = sohoa()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let committed: serde_json::Value =
        serde_json::from_str(sohoa_model::SCHEMA_JSON).expect("json");
    assert_eq!(v, committed);
}

#[test]
fn help_has_examples() {
    sohoa()
        .args(["convert", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

/// A small archive: two seeds in a tree, a broken file, a hidden file, a JSON file.
fn archive() -> std::path::PathBuf {
    let dir = tempdir();
    let a = dir.join("archive");
    std::fs::create_dir_all(a.join("xa/an-lao")).expect("mkdir");
    std::fs::create_dir_all(a.join("phuong")).expect("mkdir");
    std::fs::copy(
        fixture("seeds/an-lao-2025h2.txt"),
        a.join("xa/an-lao/kh.txt"),
    )
    .expect("copy");
    std::fs::copy(
        fixture("seeds/an-bien-2026-2030.txt"),
        a.join("phuong/kh.txt"),
    )
    .expect("copy");
    std::fs::write(a.join("phuong/broken.txt"), b"\x89PNG\r\n\x1a\n\0").expect("write");
    std::fs::write(a.join(".hidden.txt"), "x").expect("write");
    std::fs::write(a.join("old.json"), "{}").expect("write");
    dir
}

#[test]
fn batch_mirrors_the_tree_reports_and_resumes() {
    let dir = archive();
    let run = |extra: &[&str]| {
        let mut c = sohoa();
        c.args(["convert", "--repair", "never", "-o"])
            .arg(dir.join("out"))
            .arg(dir.join("archive"))
            .args(extra);
        c.assert().code(1).get_output().stderr.clone()
    };
    let stderr = String::from_utf8(run(&[])).expect("utf-8");
    assert!(
        stderr.contains("broken.txt: the file is a PNG image but it is damaged"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 converted, 0 up to date, 1 failed"),
        "{stderr}"
    );
    let out = dir.join("out");
    let a = std::fs::read(out.join("xa/an-lao/kh.txt.json")).expect("mirrored");
    assert!(out.join("phuong/kh.txt.json").exists());
    assert!(!out.join("phuong/broken.txt.json").exists());
    assert!(!out.join(".hidden.txt.json").exists() && !out.join("old.json.json").exists());
    // a rerun skips what is up to date, --force converts again, with identical bytes
    let stderr = String::from_utf8(run(&[])).expect("utf-8");
    assert!(
        stderr.contains("0 converted, 2 up to date, 1 failed"),
        "{stderr}"
    );
    let stderr = String::from_utf8(run(&["--force", "-j", "1"])).expect("utf-8");
    assert!(stderr.contains("2 converted"), "{stderr}");
    assert_eq!(
        std::fs::read(out.join("xa/an-lao/kh.txt.json")).expect("again"),
        a
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("_report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["converted"], 2);
    assert_eq!(report["inputs"], 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_include_exclude_and_jsonl_stream() {
    let dir = archive();
    let out = sohoa()
        .args(["convert", "--repair", "never", "--exclude", "broken.txt"])
        .arg(dir.join("archive"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let paths: Vec<String> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["source"]["path"].as_str().unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("phuong/kh.txt") && paths[1].ends_with("xa/an-lao/kh.txt"));
    sohoa()
        .args(["convert", "--include", "[", "-o"])
        .arg(dir.join("o2"))
        .arg(dir.join("archive"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad glob pattern"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let dir = archive();
    std::os::unix::fs::symlink("..", dir.join("archive/phuong/loop")).expect("symlink");
    let stderr = sohoa()
        .args(["convert", "--repair", "never", "-o"])
        .arg(dir.join("out"))
        .arg(dir.join("archive"))
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).expect("utf-8");
    assert!(stderr.contains("loop"), "{stderr}");
    assert!(dir.join("out/xa/an-lao/kh.txt.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file and link under `dir` (links not followed), relative to it, sorted.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, v: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let p = e.path();
            let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
            if is_dir {
                walk(root, &p, v);
            } else if let Ok(rel) = p.strip_prefix(root) {
                v.push(rel.display().to_string());
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn links_inside_the_output_folder_are_not_written_through() {
    use std::os::unix::fs::symlink;
    let dir = archive();
    let (out, elsewhere) = (dir.join("out"), dir.join("elsewhere"));
    std::fs::create_dir_all(out.join("phuong")).expect("mkdir");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("victim"), "keep").expect("write");
    // OUT/xa -> elsewhere (a folder), OUT/phuong/kh.txt.json -> elsewhere/victim (a file)
    symlink(&elsewhere, out.join("xa")).expect("symlink");
    symlink(elsewhere.join("victim"), out.join("phuong/kh.txt.json")).expect("symlink");
    let stderr = sohoa()
        .args(["convert", "--repair", "never", "-o"])
        .arg(&out)
        .arg(dir.join("archive"))
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).expect("utf-8");
    for (input, link) in [
        ("xa/an-lao/kh.txt", "out/xa"),
        ("phuong/kh.txt", "out/phuong/kh.txt.json"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(input))
            .unwrap_or_else(|| panic!("no error for {input}: {stderr}"));
        assert!(
            line.contains(&format!("{} is a symbolic link", dir.join(link).display())),
            "{line}"
        );
    }
    assert_eq!(files_under(&elsewhere), ["victim"]);
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("victim"))
            .ok()
            .as_deref(),
        Some("keep")
    );
    assert_eq!(
        files_under(&out),
        ["_report.json", "phuong/kh.txt.json", "xa"],
        "the links stay, nothing else written"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("_report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["failed"].as_array().map(Vec::len), Some(3));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inputs_named_with_dots_or_absolute_paths_stay_in_the_output_folder() {
    let dir = archive();
    let abs = fixture("seeds/ngoc-lien-2025.txt");
    assert!(abs.is_absolute());
    // from archive/xa: a folder `..`, a file `../phuong/kh.txt`, an absolute path, OUT `../../out`
    let before = files_under(&dir);
    sohoa()
        .current_dir(dir.join("archive/xa"))
        .args([
            "convert",
            "--repair",
            "never",
            "-o",
            "../../out",
            "..",
            "../phuong/kh.txt",
        ])
        .arg(&abs)
        .assert()
        .code(1); // the broken file
    let mut after = files_under(&dir);
    after.retain(|f| !before.contains(f));
    assert_eq!(
        after,
        [
            "out/_report.json",
            "out/kh.txt.json",
            "out/ngoc-lien-2025.txt.json",
            "out/phuong/kh.txt.json",
            "out/xa/an-lao/kh.txt.json",
        ]
    );
    assert!(!std::env::temp_dir()
        .join("out")
        .join("kh.txt.json")
        .exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn convert_then_aggregate() {
    let dir = archive();
    sohoa()
        .args(["convert", "--repair", "never", "-o"])
        .arg(dir.join("out"))
        .arg(dir.join("archive"))
        .assert()
        .code(1); // the broken file
    sohoa()
        .args(["aggregate", "-o"])
        .arg(dir.join("report"))
        .arg(dir.join("out"))
        .assert()
        .success();
    for f in [
        "units.csv",
        "coverage.csv",
        "tasks.csv",
        "citations.csv",
        "most_cited.csv",
        "targets.csv",
        "sohoa.sqlite",
        "report.html",
    ] {
        assert!(dir.join("report").join(f).exists(), "{f}");
    }
    let units = std::fs::read_to_string(dir.join("report/units.csv")).expect("units");
    assert_eq!(units.lines().count(), 3, "header + two documents:\n{units}");
    assert!(
        units.contains("An Lão") && units.contains("An Biên"),
        "{units}"
    );
    sohoa()
        .args(["aggregate", "-o"])
        .arg(dir.join("report2"))
        .arg(dir.join("no-such-folder"))
        .assert()
        .code(2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_report_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    let (json, report, elsewhere) = (dir.join("json"), dir.join("report"), dir.join("elsewhere"));
    sohoa()
        .args(["convert", "--repair", "never", "-o"])
        .arg(&json)
        .arg(fixture("seeds/an-lao-2025h2.txt"))
        .assert()
        .success();
    std::fs::create_dir_all(&report).expect("mkdir");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("victim"), "keep").expect("write");
    let aggregate = || {
        let mut c = sohoa();
        c.args(["aggregate", "-o"]).arg(&report).arg(&json);
        c
    };
    // a link with the name of an old temporary: the report is written beside it, not through it
    symlink(elsewhere.join("victim"), report.join("units.csv.tmp")).expect("symlink");
    aggregate().assert().success();
    assert!(report.join("units.csv").is_file());
    // links with the names of report files: refused, naming the link, nothing written
    for (name, target) in [
        ("units.csv", elsewhere.join("victim")),
        ("sohoa.sqlite", elsewhere.join("new.sqlite")),
    ] {
        std::fs::remove_file(report.join(name)).expect("rm");
        symlink(&target, report.join(name)).expect("symlink");
        let before = files_under(&report);
        let stderr = aggregate().assert().code(2).get_output().stderr.clone();
        let stderr = String::from_utf8(stderr).expect("utf-8");
        assert!(
            stderr.contains(&format!(
                "{} is a symbolic link; outputs are never written through links",
                report.join(name).display()
            )),
            "{stderr}"
        );
        assert_eq!(files_under(&report), before, "{name}");
        std::fs::remove_file(report.join(name)).expect("unlink");
    }
    assert_eq!(files_under(&elsewhere), ["victim"]);
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("victim"))
            .ok()
            .as_deref(),
        Some("keep")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inputs_mapping_to_the_same_output_all_get_one() {
    let dir = tempdir();
    for (sub, seed) in [
        ("a", "an-lao-2025h2.txt"),
        ("b", "an-bien-2026-2030.txt"),
        ("x/docs", "tue-tinh-2025h2.txt"),
        ("y/docs", "ngoc-lien-2025.txt"),
    ] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
        std::fs::copy(
            fixture(&format!("seeds/{seed}")),
            dir.join(sub).join("kh.txt"),
        )
        .expect("copy");
    }
    std::fs::copy(fixture("seeds/an-lao-2025h2.txt"), dir.join("_report")).expect("copy");
    // given in reverse order: the rule depends on the paths, not on the order of the arguments
    let inputs = ["y/docs", "x/docs", "b/kh.txt", "a/kh.txt", "_report"];
    let convert = |out: &str, jobs: &str| {
        let stderr = sohoa()
            .current_dir(&dir)
            .args(["convert", "--repair", "never", "-j", jobs, "-o", out])
            .args(inputs)
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        String::from_utf8(stderr).expect("utf-8")
    };
    let stderr = convert("out1", "1");
    assert!(
        stderr.contains("5 converted, 0 up to date, 0 failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b/kh.txt: written to kh.txt~2.json (kh.txt.json is taken by a/kh.txt)"),
        "{stderr}"
    );
    convert("out2", "2");
    let expected = [
        ("_report.json", ""),
        ("_report~2.json", "_report"),
        ("docs/kh.txt.json", "x/docs/kh.txt"),
        ("docs/kh.txt~2.json", "y/docs/kh.txt"),
        ("kh.txt.json", "a/kh.txt"),
        ("kh.txt~2.json", "b/kh.txt"),
    ];
    for out in ["out1", "out2"] {
        assert_eq!(files_under(&dir.join(out)), expected.map(|e| e.0), "{out}");
        for (file, input) in &expected[1..] {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join(out).join(file)).expect("read"))
                    .expect("json");
            assert_eq!(v["source"]["path"], *input, "{out}/{file}");
        }
    }
    // -j 1 and -j 2 give the same bytes
    for (file, _) in &expected[1..] {
        assert_eq!(
            std::fs::read(dir.join("out1").join(file)).ok(),
            std::fs::read(dir.join("out2").join(file)).ok(),
            "{file}"
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out1/_report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["inputs"], 5);
    assert_eq!(
        report["renamed"],
        serde_json::json!([
            {"input": "_report", "output": "_report~2.json", "wanted": "_report.json",
             "collides_with": "the batch report"},
            {"input": "y/docs/kh.txt", "output": "docs/kh.txt~2.json",
             "wanted": "docs/kh.txt.json", "collides_with": "x/docs/kh.txt"},
            {"input": "b/kh.txt", "output": "kh.txt~2.json", "wanted": "kh.txt.json",
             "collides_with": "a/kh.txt"},
        ])
    );
    // a rerun finds every output up to date under its new name
    let stderr = convert("out1", "2");
    assert!(stderr.contains("0 converted, 5 up to date"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "sohoa-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).expect("tempdir");
    d
}

#[test]
fn scan_without_tesseract_says_how_to_install_it() {
    sohoa()
        .env("SOHOA_TESSERACT", "/nonexistent/tesseract")
        .args(["convert", "fixtures/ocr/tue-tinh-p1.png"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fixtures/ocr/tue-tinh-p1.png: "))
        .stderr(predicate::str::contains(
            "install it with `apt-get install tesseract-ocr tesseract-ocr-vie`",
        ));
}

#[cfg(unix)]
#[test]
fn hanging_ocr_is_a_per_file_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let fake = dir.join("tesseract");
    std::fs::write(&fake, "#!/bin/sh\nexec sleep 600\n").expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = dir.join("out");
    let start = std::time::Instant::now();
    sohoa()
        .args(["convert", "--ocr-timeout", "1", "--tesseract"])
        .arg(&fake)
        .args([
            "fixtures/ocr/tue-tinh-p1.png",
            "fixtures/seeds/tue-tinh-2025h2.txt",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "fixtures/ocr/tue-tinh-p1.png: page 1: ",
        ))
        .stderr(predicate::str::contains(
            "took longer than 1 s and was stopped (raise the limit with --ocr-timeout)",
        ));
    // the other file is converted; the program was killed, not waited for (not a speed
    // measurement: a run that waited would take the fake program's 600 s)
    assert!(out.join("tue-tinh-2025h2.txt.json").exists());
    assert!(!out.join("tue-tinh-p1.png.json").exists());
    assert!(start.elapsed() < std::time::Duration::from_secs(300));
    let _ = std::fs::remove_dir_all(&dir);
}
