//! End-to-end tests of the repair engine on committed fixtures (no ../shared needed).
use sohoa_repair::channel::Channel;
use sohoa_repair::syllable::strip_marks;
use sohoa_repair::train::{self, Counts, Vocab};
use sohoa_repair::{Mode, Repairer};

const CLEAN: &str = include_str!("../../../fixtures/repair/clean.txt");
const LAI_KHE: &str = include_str!("../../../fixtures/repair/lai-khe-head-ocr.txt");
const PAIRS: &str = include_str!("../../../fixtures/repair/pairs-eng.jsonl");

fn small_model() -> Vec<u8> {
    let vocab = Vocab::new();
    let mut c = Counts::default();
    c.add_text(&vocab, CLEAN, 2);
    let parts = train::build_lm(&vocab, &c, 1);
    let pairs: Vec<(String, String)> = PAIRS
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["gold"].as_str()?.to_string(),
                v["ocr"].as_str()?.to_string(),
            ))
        })
        .collect();
    let ch = Channel::learn(pairs.iter().map(|(g, o)| (g.as_str(), o.as_str())));
    train::model_bytes(&parts, &ch, &c.codes(), "test")
}

#[test]
fn training_is_deterministic_and_loads() {
    let a = small_model();
    let b = small_model();
    assert_eq!(a, b, "two trainings on the same data give the same bytes");
    let r = Repairer::from_bytes(&a).expect("fresh model loads");
    let out = r.repair_line("cai cach hanh chinh", Mode::Always);
    assert_eq!(out.text, "cải cách hành chính");
    // truncated model: a clean error, no panic
    for cut in [0, 7, 11, 12, 40, a.len() / 2, a.len() - 1] {
        assert!(Repairer::from_bytes(&a[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn lai_khe_examples() {
    let r = Repairer::embedded().expect("committed model");
    let fix = |s: &str| r.repair_line(s, Mode::Auto).text;
    assert_eq!(
        fix("Cii cach hanh chinh xa Lai Khé 6 thang cudi nim 2025"),
        "Cải cách hành chính xã Lai Khê 6 tháng cuối năm 2025"
    );
    assert_eq!(
        fix("Péc 1ap - Tw do - Hanh phtc"),
        "Độc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(
        fix("(Kém theo Quyét dinh sé: 464/0P-UBND ngay 31/7/2025"),
        "(Kèm theo Quyết định số: 464/QĐ-UBND ngày 31/7/2025"
    );
    assert_eq!(fix("UY BAN NHAN DAN"), "ỦY BAN NHÂN DÂN");
    assert_eq!(fix("I. MUC PiCH, YEU CAU"), "I. MỤC ĐÍCH, YÊU CẦU");
    assert!(fix("Can cir Quyét dinh s6 3401/QB-UBND ngay 26/7/2025").contains("3401/QĐ-UBND"));
}

#[test]
fn line_structure_is_kept() {
    let r = Repairer::embedded().expect("committed model");
    let (out, edits) = r.repair_text(LAI_KHE, Mode::Auto);
    assert_eq!(out.lines().count(), LAI_KHE.lines().count());
    assert_eq!(out.ends_with('\n'), LAI_KHE.ends_with('\n'));
    assert!(!edits.is_empty());
    for (line, e) in &edits {
        let src = LAI_KHE.lines().nth(line - 1).expect("line exists");
        let at: String = src
            .chars()
            .skip(e.column - 1)
            .take(e.from.chars().count())
            .collect();
        assert_eq!(at, e.from, "column of {e:?}");
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    let crlf = "Cai cach\r\nhanh chinh\r\n";
    let (out, _) = r.repair_text(crlf, Mode::Auto);
    assert_eq!(out, "Cải cách\r\nhành chính\r\n");
}

#[test]
fn clean_text_is_left_alone() {
    let r = Repairer::embedded().expect("committed model");
    let lines: Vec<&str> = CLEAN.lines().collect();
    let outs = r.repair_lines(&lines, Mode::Auto);
    let tokens: usize = outs.iter().map(|o| o.tokens).sum();
    let changed: usize = outs.iter().map(|o| o.edits.len()).sum();
    assert!(
        changed * 1000 <= tokens,
        "{changed} of {tokens} clean tokens changed"
    );
    let never = r.repair_line("Cai cach", Mode::Never);
    assert_eq!(never.text, "Cai cach");
    assert!(!never.applied);
}

#[test]
fn protected_tokens_pass_through() {
    let r = Repairer::embedded().expect("committed model");
    let line = "Lien he UBND, HDND qua https://dichvucong.gov.vn hoac vanthu@laocai.gov.vn truoc 15/12/2025, TTHC va CCHC (PAR INDEX, SIPAS)";
    let out = r.repair_line(line, Mode::Always).text;
    for keep in [
        "UBND,",
        "https://dichvucong.gov.vn",
        "vanthu@laocai.gov.vn",
        "15/12/2025,",
        "TTHC",
        "CCHC",
        "(PAR",
        "INDEX,",
        "SIPAS)",
    ] {
        assert!(out.contains(keep), "{keep} in {out}");
    }
    assert!(out.contains("HĐND"), "{out}");
    assert!(out.starts_with("Liên hệ UBND"), "{out}");
}

#[test]
fn accent_stripped_sample() {
    let r = Repairer::embedded().expect("committed model");
    let gold: Vec<&str> = CLEAN.lines().take(60).collect();
    let stripped: Vec<String> = gold.iter().map(|l| strip_marks(l)).collect();
    let outs = r.repair_lines(&stripped, Mode::Auto);
    let (mut ok, mut n) = (0, 0);
    for (g, o) in gold.iter().zip(&outs) {
        for (a, b) in g.split_whitespace().zip(o.text.split_whitespace()) {
            n += 1;
            ok += usize::from(a == b);
        }
    }
    // the fixture is part of the training text: this checks the wiring, not generalisation
    assert!(ok * 100 >= n * 97, "{ok}/{n}");
}

#[test]
fn arbitrary_input_never_panics_and_keeps_whitespace() {
    let r = Repairer::embedded().expect("committed model");
    let alphabet: Vec<char> =
        "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐƯÔXáàảãạếềểễệốồổỗộớờởỡợứừửữự0123456789 &¢€§@’'?-/.,;:()\u{301}\u{303}\t🙂ŉ"
            .chars()
            .collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let line: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for mode in [Mode::Auto, Mode::Always] {
            let out = r.repair_line(&line, mode);
            assert_eq!(
                out.text.split_whitespace().count(),
                line.split_whitespace().count(),
                "{line:?} → {:?}",
                out.text
            );
            assert_eq!(out.applied, !out.edits.is_empty());
        }
        assert_eq!(r.repair_line(&line, Mode::Never).text, line);
    }
}

#[test]
fn second_d_list_marker_is_dd() {
    let r = Repairer::embedded().expect("committed model");
    let lines = ["c) Cai cach", "d) Mot cua", "d) Hai cua", "e) Ba"];
    let out = r.repair_lines(&lines, Mode::Auto);
    assert!(out[1].text.starts_with("d) "), "{}", out[1].text);
    assert!(out[2].text.starts_with("đ) "), "{}", out[2].text);
    assert_eq!(out[2].edits[0].column, 1);
    let (text, _) = r.repair_text("d) Mot\nd) Hai\n", Mode::Auto);
    assert!(text.contains("\nđ) "), "{text}");
    let never = r.repair_lines(&lines, Mode::Never);
    assert_eq!(never[2].text, "d) Hai cua");
}
