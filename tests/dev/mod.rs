//! Generality: six official documents from elsewhere (Lào Cai province, a ministry, the
//! Government), never used to write the code. Key facts checked by hand against each source.

use serde_json::Value;
use sohoa_pipeline::RepairMode;

use crate::util::{assert_valid, convert_bytes_with, fixture};

fn convert(name: &str) -> Value {
    let bytes = std::fs::read(fixture(&format!("dev/{name}.txt"))).expect("fixture");
    let v = convert_bytes_with(name, &bytes, RepairMode::Never);
    assert_valid(&v);
    v
}

fn s<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str)
}

#[test]
fn ministry_decision() {
    let v = convert("bxd_qd1074_2026_pccc");
    let d = &v["documents"][0];
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["kind"], "quyet_dinh");
    assert_eq!(s(d, "/number/raw"), Some("1074/QĐ-BXD"));
    assert_eq!(
        (s(d, "/place"), s(d, "/date")),
        (Some("Hà Nội"), Some("2026-06-29"))
    );
    assert_eq!(s(d, "/issuer/body"), Some("Bộ Xây dựng"));
    assert_eq!(s(d, "/authority"), Some("BỘ TRƯỞNG BỘ XÂY DỰNG"));
    assert_eq!(d["legal_bases"].as_array().map(Vec::len), Some(6));
    assert_eq!(s(d, "/signer/name"), Some("Phạm Minh Hà"));
    let articles: Vec<&str> = d["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|x| x["label"].as_str())
        .collect();
    assert_eq!(articles, ["1", "2", "3"]);
}

#[test]
fn provincial_letter() {
    let v = convert("laocai_ubnd_cv7432_2026_pccc");
    let d = &v["documents"][0];
    assert_eq!(d["kind"], "cong_van");
    assert_eq!(s(d, "/number/raw"), Some("7432/UBND-XD"));
    assert_eq!(
        (s(d, "/place"), s(d, "/date")),
        (Some("Lào Cai"), Some("2026-07-21"))
    );
    assert_eq!(
        (s(d, "/issuer/unit_type"), s(d, "/issuer/unit_name")),
        (Some("tỉnh"), Some("Lào Cai"))
    );
    assert!(s(d, "/title").is_some_and(|t| t.starts_with("triển khai thực hiện Quyết định số")));
    assert_eq!(d["addressees"].as_array().map(Vec::len), Some(3));
    assert_eq!(s(d, "/signer/name"), Some("Phan Trung Bá"));
}

#[test]
fn provincial_report_with_merged_columns() {
    let v = convert("laocai_ubnd_bc_khoangsan_2025_draft");
    let d = &v["documents"][0];
    assert_eq!(d["kind"], "bao_cao");
    // "Số:          /BC-UBND": a draft, the number is blank
    assert_eq!(d["number"]["seq"], Value::Null);
    assert_eq!((s(d, "/place"), s(d, "/date")), (Some("Lào Cai"), None));
    assert_eq!(d["addressees"][0], "Bộ Nông nghiệp và Môi trường");
    assert_eq!(s(d, "/signer/name"), Some("Nguyễn Thành Sinh"));
    assert_eq!(d["appendices"][0]["present"], false);
}

#[test]
fn department_plan_under_a_provincial_committee() {
    let v = convert("laocai_sct_kh_dean08_congnghiep_draft");
    let d = &v["documents"][0];
    assert_eq!(d["kind"], "ke_hoach");
    assert_eq!(s(d, "/issuer/body"), Some("Sở Công thương"));
    assert_eq!(s(d, "/issuer/parent"), Some("Ủy ban nhân dân tỉnh Lào Cai"));
    assert!(s(d, "/title").is_some_and(|t| t.starts_with("Thực hiện Đề án số 08")));
    assert_eq!(
        (s(d, "/period/from"), s(d, "/period/to")),
        (Some("2026-01"), Some("2030-12"))
    );
    assert_eq!(s(d, "/attached_to/number"), Some("35-NQ/TU"));
}

#[test]
fn decision_followed_by_its_regulation_ocr_vie() {
    let v = convert("laocai_ubnd_qd16_2026_quyche_ccn_ocr");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(s(&docs[0], "/number/raw"), Some("16/2026/QĐ-UBND"));
    assert_eq!(s(&docs[0], "/date"), Some("2026-02-25"));
    assert_eq!(s(&docs[1], "/kind_label"), Some("Quy chế"));
    assert_eq!(docs[1]["sections"].as_array().map(Vec::len), Some(30));
}

#[test]
fn government_resolution_with_gazette_stamps() {
    let v = convert("nq97-2026-cp-sua-doi-nhiem-vu-nq66");
    let docs = v["documents"].as_array().expect("documents");
    // the "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA …" e-signature stamp is not a new document
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["kind"], "nghi_quyet");
    assert_eq!(s(d, "/number/raw"), Some("97/NQ-CP"));
    assert_eq!(
        (s(d, "/place"), s(d, "/date")),
        (Some("Hà Nội"), Some("2026-04-06"))
    );
    assert_eq!(s(d, "/issuer/body"), Some("Chính phủ"));
    assert_eq!(s(d, "/signer/name"), Some("Phạm Minh Chính"));
    assert_eq!(d["period"], Value::Null);
    assert!(!d["title"].as_str().unwrap_or("").contains("___"));
    assert_eq!(d["appendices"][0]["present"], true);
}
