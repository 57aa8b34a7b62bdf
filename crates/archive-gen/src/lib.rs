//! sohoa-archive-gen: a deterministic archive of plan files for measuring batch conversion
//! (issue 6, "Measure").
//!
//! Every file is built from one of the plans shipped in `fixtures/` (the four clean seeds, the
//! six `dev/` documents and, for part of the OCR share, the real OCR output of lai-khe):
//!
//! - **varied**: the commune or ward of a seed becomes another unit of the same type taken from
//!   `crates/aggregate/data/units.tsv` (its province too), a province-level document's province
//!   another province; the document numbers and the days and months of the dates in the header
//!   are drawn afresh; the top-level sections ("I. MỤC ĐÍCH, YÊU CẦU", …) are sometimes
//!   reordered or one is dropped, and renumbered;
//! - then written as one of the [`Kind`]s in the shares of [`MIX`]: clean UTF-8 (also NFD,
//!   BOM + CRLF, UTF-16), OCR-damaged (English-model-like loss of diacritics and the character
//!   confusions of the repair channel model: `Đ`→`P`, `l`→`1`, `ố`→`6`, `ư`→`w`, `ủ`→`ii`, …),
//!   legacy-encoded (TCVN3, VNI-Windows, Windows-1258, by `sohoa_text::encode`), or broken
//!   (truncated, binary junk, invalid UTF-8 in the middle, NUL bytes).
//!
//! The same `(files, seed)` gives the same bytes; file `i` depends only on the seed and `i`
//! (and on which kind the seeded shuffle gave it).
//!
//! ```
//! let files = sohoa_archive_gen::generate(20, 7);
//! assert_eq!(files.len(), 20);
//! assert_eq!(files, sohoa_archive_gen::generate(20, 7));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use sohoa_text::Encoding;
use unicode_normalization::UnicodeNormalization;

/// How a generated file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// UTF-8, NFC, LF.
    Clean,
    /// UTF-8 in NFD (decomposed marks).
    CleanNfd,
    /// UTF-8 with a BOM and CRLF line ends.
    CleanBomCrlf,
    /// UTF-16 LE with a BOM.
    Utf16Le,
    /// OCR-damaged UTF-8 text.
    Ocr,
    /// TCVN3 (ABC).
    Tcvn3,
    /// VNI-Windows.
    Vni,
    /// Windows-1258.
    Windows1258,
    /// A clean file cut short (converts: a partial document).
    Truncated,
    /// Binary junk (some behind a PNG or PDF signature): refused.
    Junk,
    /// A clean file with invalid UTF-8 bytes in the middle: refused.
    InvalidUtf8,
    /// A clean file with NUL bytes in the middle: refused.
    NulBytes,
}

impl Kind {
    /// The name used in the manifest and the file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Clean => "clean",
            Kind::CleanNfd => "nfd",
            Kind::CleanBomCrlf => "bom-crlf",
            Kind::Utf16Le => "utf16le",
            Kind::Ocr => "ocr",
            Kind::Tcvn3 => "tcvn3",
            Kind::Vni => "vni",
            Kind::Windows1258 => "windows-1258",
            Kind::Truncated => "truncated",
            Kind::Junk => "junk",
            Kind::InvalidUtf8 => "invalid-utf8",
            Kind::NulBytes => "nul-bytes",
        }
    }

    /// A legacy single-byte encoding.
    pub fn is_legacy(self) -> bool {
        matches!(self, Kind::Tcvn3 | Kind::Vni | Kind::Windows1258)
    }

    /// A file sohoa is expected to refuse (truncated files still convert).
    pub fn is_refused(self) -> bool {
        matches!(self, Kind::Junk | Kind::InvalidUtf8 | Kind::NulBytes)
    }
}

/// The mix, in percent of the files (the rounding remainder goes to [`Kind::Clean`]):
/// 68 % clean UTF-8 in its forms, 12 % OCR-damaged, 12 % legacy-encoded, 8 % broken.
pub const MIX: [(Kind, usize); 12] = [
    (Kind::Clean, 58),
    (Kind::CleanNfd, 4),
    (Kind::CleanBomCrlf, 4),
    (Kind::Utf16Le, 2),
    (Kind::Ocr, 12),
    (Kind::Tcvn3, 4),
    (Kind::Vni, 4),
    (Kind::Windows1258, 4),
    (Kind::Truncated, 3),
    (Kind::Junk, 2),
    (Kind::InvalidUtf8, 2),
    (Kind::NulBytes, 1),
];

/// How many files of each kind an archive of `files` files holds.
pub fn mix(files: usize) -> Vec<(Kind, usize)> {
    let mut out: Vec<(Kind, usize)> = MIX.iter().map(|&(k, p)| (k, files * p / 100)).collect();
    let given: usize = out.iter().map(|x| x.1).sum();
    if let Some(clean) = out.iter_mut().find(|x| x.0 == Kind::Clean) {
        clean.1 += files - given;
    }
    out
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenFile {
    /// Path relative to the archive folder (`<province code>/<index>-<template>-<kind>.txt`).
    pub path: String,
    /// How it is written.
    pub kind: Kind,
    /// The fixture it was made from.
    pub template: &'static str,
    /// The unit it names instead of the fixture's (code, type and name), if any.
    pub unit: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Errors writing an archive.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// A folder or file could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What [`write_archive`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Files per kind.
    pub kinds: BTreeMap<&'static str, usize>,
}

/// Writes `files` files made with `seed` under `dir` (created if needed), plus a manifest
/// `.manifest.tsv` (a hidden file: batch conversion skips it) listing each file's kind,
/// template, unit and size.
pub fn write_archive(dir: &Path, files: usize, seed: u64) -> Result<Summary, GenError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |source| GenError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut manifest = String::from("path\tkind\ttemplate\tunit\tbytes\n");
    let mut summary = Summary::default();
    let kinds = kinds(files, seed);
    for i in 0..files {
        let f = make(&kinds, seed, i);
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        let _ = writeln!(
            manifest,
            "{}\t{}\t{}\t{}\t{}",
            f.path,
            f.kind.name(),
            f.template,
            f.unit.as_deref().unwrap_or(""),
            f.bytes.len()
        );
        summary.files += 1;
        summary.bytes += f.bytes.len() as u64;
        *summary.kinds.entry(f.kind.name()).or_default() += 1;
    }
    let mpath = dir.join(".manifest.tsv");
    std::fs::write(&mpath, manifest).map_err(io(&mpath))?;
    Ok(summary)
}

/// All `files` files made with `seed`, in order.
pub fn generate(files: usize, seed: u64) -> Vec<GenFile> {
    let kinds = kinds(files, seed);
    (0..files).map(|i| make(&kinds, seed, i)).collect()
}

/// The kind of every file: the exact counts of [`mix`], shuffled by the seed.
fn kinds(files: usize, seed: u64) -> Vec<Kind> {
    let mut v: Vec<Kind> = mix(files)
        .into_iter()
        .flat_map(|(k, n)| std::iter::repeat_n(k, n))
        .collect();
    let mut rng = Rng::new(seed ^ 0x6b69_6e64_7321);
    for i in (1..v.len()).rev() {
        let j = rng.below(i + 1);
        v.swap(i, j);
    }
    v
}

/// SplitMix64: small, seedable, the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`; 0 when `n == 0`).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }
    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// A fixture a file is made from.
struct Template {
    name: &'static str,
    text: &'static str,
    /// The unit it is the plan of: (type as written lower case, name, province name).
    unit: Option<(&'static str, &'static str, &'static str)>,
    /// Province-level documents: the province named in them.
    province: Option<&'static str>,
    weight: usize,
}

const TEMPLATES: [Template; 10] = [
    Template {
        name: "an-lao",
        text: include_str!("../../../fixtures/seeds/an-lao-2025h2.txt"),
        unit: Some(("xã", "An Lão", "Hải Phòng")),
        province: None,
        weight: 3,
    },
    Template {
        name: "an-bien",
        text: include_str!("../../../fixtures/seeds/an-bien-2026-2030.txt"),
        unit: Some(("phường", "An Biên", "Hải Phòng")),
        province: None,
        weight: 3,
    },
    Template {
        name: "tue-tinh",
        text: include_str!("../../../fixtures/seeds/tue-tinh-2025h2.txt"),
        unit: Some(("xã", "Tuệ Tĩnh", "Hải Phòng")),
        province: None,
        weight: 3,
    },
    Template {
        name: "ngoc-lien",
        text: include_str!("../../../fixtures/seeds/ngoc-lien-2025.txt"),
        unit: Some(("xã", "Ngọc Liên", "Thanh Hóa")),
        province: None,
        weight: 3,
    },
    Template {
        name: "laocai-sct-kh",
        text: include_str!("../../../fixtures/dev/laocai_sct_kh_dean08_congnghiep_draft.txt"),
        unit: None,
        province: Some("Lào Cai"),
        weight: 1,
    },
    Template {
        name: "laocai-bc",
        text: include_str!("../../../fixtures/dev/laocai_ubnd_bc_khoangsan_2025_draft.txt"),
        unit: None,
        province: Some("Lào Cai"),
        weight: 1,
    },
    Template {
        name: "laocai-cv",
        text: include_str!("../../../fixtures/dev/laocai_ubnd_cv7432_2026_pccc.txt"),
        unit: None,
        province: Some("Lào Cai"),
        weight: 1,
    },
    Template {
        name: "laocai-qd",
        text: include_str!("../../../fixtures/dev/laocai_ubnd_qd16_2026_quyche_ccn_ocr.txt"),
        unit: None,
        province: Some("Lào Cai"),
        weight: 1,
    },
    Template {
        name: "bxd-qd",
        text: include_str!("../../../fixtures/dev/bxd_qd1074_2026_pccc.txt"),
        unit: None,
        province: None,
        weight: 1,
    },
    Template {
        name: "nq97",
        text: include_str!("../../../fixtures/dev/nq97-2026-cp-sua-doi-nhiem-vu-nq66.txt"),
        unit: None,
        province: None,
        weight: 1,
    },
];

/// The real OCR output of a plan (tesseract, English model), used for a quarter of the OCR
/// share as it is.
const REAL_OCR: &str = include_str!("../../../fixtures/seeds/lai-khe-2025h2-ocr.txt");

const UNITS_TSV: &str = include_str!("../../aggregate/data/units.tsv");

/// A row of units.tsv.
struct Unit {
    code: &'static str,
    kind: &'static str,
    name: &'static str,
    province_code: &'static str,
    province: &'static str,
}

fn units() -> &'static [Unit] {
    static U: OnceLock<Vec<Unit>> = OnceLock::new();
    U.get_or_init(|| {
        UNITS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                match f[..] {
                    [code, kind, name, province_code, _, province, ..] => Some(Unit {
                        code,
                        kind,
                        name,
                        province_code,
                        province,
                    }),
                    _ => None,
                }
            })
            .collect()
    })
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex: {e}")))
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn make(kinds: &[Kind], seed: u64, i: usize) -> GenFile {
    let kind = kinds.get(i).copied().unwrap_or(Kind::Clean);
    let mut rng = Rng::new(seed.wrapping_mul(0x1000_0000_01b3) ^ (i as u64).wrapping_add(1));
    if kind == Kind::Junk {
        let n = 64 + rng.below(32 * 1024);
        let mut bytes: Vec<u8> = match rng.below(3) {
            0 => b"\x89PNG\r\n\x1a\n".to_vec(),
            1 => b"%PDF-1.4\n".to_vec(),
            _ => Vec::new(),
        };
        bytes.extend((0..n).map(|_| (rng.next() >> 24) as u8));
        return GenFile {
            path: format!("junk/{i:05}-junk.txt"),
            kind,
            template: "junk",
            unit: None,
            bytes,
        };
    }
    if kind == Kind::Ocr && rng.below(4) == 0 {
        let text = vary_header(REAL_OCR, &mut rng);
        return GenFile {
            path: format!("ocr/{i:05}-lai-khe-ocr.txt"),
            kind,
            template: "lai-khe-ocr",
            unit: None,
            bytes: text.into_bytes(),
        };
    }
    let total: usize = TEMPLATES.iter().map(|t| t.weight).sum();
    let mut w = rng.below(total);
    let t = TEMPLATES
        .iter()
        .find(|t| {
            if w < t.weight {
                true
            } else {
                w -= t.weight;
                false
            }
        })
        .unwrap_or(&TEMPLATES[0]);
    let (mut text, unit, folder) = rename(t, &mut rng);
    text = vary_header(&text, &mut rng);
    text = vary_sections(&text, &mut rng);
    let text: String = text.nfc().collect();
    let bytes = match kind {
        Kind::Clean | Kind::Junk => text.into_bytes(),
        Kind::CleanNfd => text.nfd().collect::<String>().into_bytes(),
        Kind::CleanBomCrlf => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend(text.replace('\n', "\r\n").into_bytes());
            b
        }
        Kind::Utf16Le => {
            let mut b = vec![0xFF, 0xFE];
            b.extend(sohoa_text::encode(&text, Encoding::Utf16Le));
            b
        }
        Kind::Ocr => ocr_damage(&text, &mut rng).into_bytes(),
        Kind::Tcvn3 => sohoa_text::encode(&text, Encoding::Tcvn3),
        Kind::Vni => sohoa_text::encode(&text, Encoding::Vni),
        Kind::Windows1258 => sohoa_text::encode(&text, Encoding::Windows1258),
        Kind::Truncated => {
            let mut cut = text.len() / 10 + rng.below(text.len() / 2 + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.as_bytes()[..cut].to_vec()
        }
        Kind::InvalidUtf8 | Kind::NulBytes => {
            let mut at = text.len() / 4 + rng.below(text.len() / 2 + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let junk: &[u8] = if kind == Kind::NulBytes {
                &[0; 16]
            } else {
                &[0xC3, 0x28, 0xFF, 0xFE, 0xA0]
            };
            let mut b = text.as_bytes()[..at].to_vec();
            b.extend_from_slice(junk);
            b.extend_from_slice(&text.as_bytes()[at..]);
            b
        }
    };
    // the folder is a code (digits); anything else would not be a plain relative path
    let folder = if !folder.is_empty() && folder.bytes().all(|b| b.is_ascii_digit()) {
        folder
    } else {
        "00".to_string()
    };
    GenFile {
        path: format!("{folder}/{i:05}-{}-{}.txt", t.name, kind.name()),
        kind,
        template: t.name,
        unit,
        bytes,
    }
}

/// The template's text with another unit (or province) in it: the text, the unit
/// ("11629 xã An Lão") and the folder (the province code).
fn rename(t: &Template, rng: &mut Rng) -> (String, Option<String>, String) {
    let units = units();
    if let Some((kind, name, province)) = t.unit {
        let same: Vec<&Unit> = units.iter().filter(|u| u.kind == kind).collect();
        let Some(u) = same.get(rng.below(same.len())) else {
            return (t.text.to_string(), None, "00".into());
        };
        let mut s = t.text.to_string();
        for (from, to) in [
            (format!("{kind} {name}"), format!("{} {}", u.kind, u.name)),
            (
                format!("{} {name}", capitalised(kind)),
                format!("{} {}", capitalised(u.kind), u.name),
            ),
            (
                upper(&format!("{kind} {name}")),
                upper(&format!("{} {}", u.kind, u.name)),
            ),
            (name.to_string(), u.name.to_string()),
            (upper(name), upper(u.name)),
            (province.to_string(), u.province.to_string()),
        ] {
            s = s.replace(&from, &to);
        }
        let unit = format!("{} {} {}", u.code, u.kind, u.name);
        return (s, Some(unit), u.province_code.to_string());
    }
    if let Some(province) = t.province {
        // the provinces' own rows (no province columns: they are the provinces)
        let provinces: Vec<&Unit> = units
            .iter()
            .filter(|u| matches!(u.kind, "tỉnh" | "thành phố") && u.province_code.is_empty())
            .collect();
        let Some(p) = provinces.get(rng.below(provinces.len())) else {
            return (t.text.to_string(), None, "00".into());
        };
        let mut s = t.text.to_string();
        for (from, to) in [
            (format!("tỉnh {province}"), format!("{} {}", p.kind, p.name)),
            (
                upper(&format!("tỉnh {province}")),
                upper(&format!("{} {}", p.kind, p.name)),
            ),
            (province.to_string(), p.name.to_string()),
            (upper(province), upper(p.name)),
        ] {
            s = s.replace(&from, &to);
        }
        let unit = format!("{} {} {}", p.code, p.kind, p.name);
        return (s, Some(unit), p.code.to_string());
    }
    (t.text.to_string(), None, "00".into())
}

/// Draws the document numbers and the days and months of the dates of the first lines afresh.
fn vary_header(text: &str, rng: &mut Rng) -> String {
    let mut cut = text.len().min(2500);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (head, rest) = text.split_at(cut);
    static NUM: OnceLock<Regex> = OnceLock::new();
    static LONG: OnceLock<Regex> = OnceLock::new();
    static SHORT: OnceLock<Regex> = OnceLock::new();
    let head = re(&NUM, r"(?i)(số\s*:?\s*)(\d{1,5})(\s*/)").replace_all(head, |c: &Captures| {
        format!("{}{}{}", &c[1], 1 + rng.below(999), &c[3])
    });
    let head = re(
        &LONG,
        r"(ngày\s+)(\d{1,2})(\s+tháng\s+)(\d{1,2})(\s+năm\s+\d{4})",
    )
    .replace_all(&head, |c: &Captures| {
        format!(
            "{}{}{}{}{}",
            &c[1],
            1 + rng.below(28),
            &c[3],
            1 + rng.below(12),
            &c[5]
        )
    });
    let head =
        re(&SHORT, r"(ngày\s+)(\d{1,2})/(\d{1,2})(/\d{4})").replace_all(&head, |c: &Captures| {
            format!(
                "{}{}/{}{}",
                &c[1],
                1 + rng.below(28),
                1 + rng.below(12),
                &c[4]
            )
        });
    format!("{head}{rest}")
}

fn roman(n: usize) -> &'static str {
    const R: [&str; 16] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI",
    ];
    R.get(n.saturating_sub(1)).copied().unwrap_or("X")
}

/// Sometimes drops one top-level section or swaps two (never the last, which holds the
/// signature and appendices), then renumbers them.
fn vary_sections(text: &str, rng: &mut Rng) -> String {
    static H: OnceLock<Regex> = OnceLock::new();
    static END: OnceLock<Regex> = OnceLock::new();
    let heading = re(&H, r"^(\s*)(X{0,3}(?:IX|IV|V?I{0,3}))\.(\s+\S.*)$");
    let end = re(&END, r"^\s*(?:PHỤ LỤC|Phụ lục|DANH MỤC|Nơi nhận)");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_end();
        if end.is_match(t) {
            break;
        }
        if let Some(c) = heading.captures(t) {
            let caps = !c[3].chars().any(char::is_lowercase);
            if !c[2].is_empty() && caps {
                starts.push(i);
            }
        }
    }
    let op = rng.below(10);
    if starts.len() < 4 || op >= 5 {
        return text.to_string();
    }
    let mut chunks: Vec<Vec<&str>> = Vec::new();
    chunks.push(lines[..starts[0]].to_vec());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(lines.len());
        chunks.push(lines[s..e].to_vec());
    }
    // chunks[1..last] may move; chunks[0] is the preamble, the last holds the end
    let last = chunks.len() - 1;
    let a = 1 + rng.below(last - 1);
    if op < 3 {
        chunks.remove(a);
    } else {
        let mut b = 1 + rng.below(last - 1);
        if b == a {
            b = if a + 1 < last { a + 1 } else { 1 };
        }
        chunks.swap(a, b);
    }
    let mut out = String::with_capacity(text.len());
    for (k, c) in chunks.iter().enumerate() {
        for (j, l) in c.iter().enumerate() {
            if k > 0 && j == 0 {
                let nl = &l[l.trim_end().len()..];
                let relabelled = heading.replace(l.trim_end(), |c: &Captures| {
                    format!("{}{}.{}", &c[1], roman(k), &c[3])
                });
                out.push_str(&relabelled);
                out.push_str(nl);
            } else {
                out.push_str(l);
            }
        }
    }
    out
}

/// OCR damage like the English tesseract model's: most words lose their marks, and some
/// characters turn into the confusions the repair channel model knows.
fn ocr_damage(text: &str, rng: &mut Rng) -> String {
    const CONFUSIONS: &[(char, &str)] = &[
        ('Đ', "P"),
        ('đ', "d"),
        ('l', "1"),
        ('i', "1"),
        ('ố', "6"),
        ('ô', "6"),
        ('ư', "w"),
        ('ự', "w"),
        ('ơ', "o"),
        ('ủ', "ii"),
        ('ã', "&"),
        ('ê', "&"),
        ('c', "¢"),
        ('ộ', "§"),
        ('ế', "é"),
        ('ề', "è"),
        ('ậ', "a"),
        ('ọ', "q"),
        ('ả', "a"),
        ('ì', "i"),
    ];
    let mut out = String::with_capacity(text.len() + 64);
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let space = &piece[word.len()..];
        let mut w = String::with_capacity(word.len());
        for ch in word.chars() {
            match CONFUSIONS.iter().find(|(c, _)| *c == ch) {
                Some((_, to)) if rng.chance(60) => w.push_str(to),
                _ => w.push(ch),
            }
        }
        if rng.chance(750) {
            w = strip_marks(&w);
        }
        out.push_str(&w);
        out.push_str(space);
    }
    out
}

fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mix_adds_up() {
        for n in [0, 1, 7, 100, 5000] {
            let m = mix(n);
            assert_eq!(m.iter().map(|x| x.1).sum::<usize>(), n);
        }
        let m: BTreeMap<Kind, usize> = mix(5000).into_iter().collect();
        assert_eq!(m[&Kind::Ocr], 600);
        assert_eq!(m[&Kind::Clean], 2900);
    }

    #[test]
    fn sections_renumbered() {
        let text = "KẾ HOẠCH\nI. MỤC ĐÍCH\na\nII. NỘI DUNG\nb\nIII. KINH PHÍ\nc\nIV. TỔ CHỨC\nd\n";
        let mut seen = std::collections::BTreeSet::new();
        for s in 0..40 {
            let out = vary_sections(text, &mut Rng::new(s));
            let labels: Vec<&str> = out
                .lines()
                .filter_map(|l| l.split_once(". ").map(|x| x.0))
                .collect();
            assert!(labels.len() == 4 || labels.len() == 3, "{out}");
            assert_eq!(labels, ["I", "II", "III", "IV"][..labels.len()], "{out}");
            assert!(out.ends_with("IV. TỔ CHỨC\nd\n") || out.ends_with("III. TỔ CHỨC\nd\n"));
            seen.insert(out);
        }
        assert!(seen.len() >= 4, "{seen:?}");
    }

    #[test]
    fn ocr_damages() {
        let src = "Cải cách hành chính Nhà nước giai đoạn 2021 - 2030 của Ủy ban nhân dân xã";
        let out = ocr_damage(src, &mut Rng::new(3));
        assert_ne!(out, src);
        assert_eq!(out.split(' ').count(), src.split(' ').count());
    }
}
