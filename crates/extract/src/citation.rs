//! Citations: every reference to another legal document in a block of text.
//!
//! Forms found (matching runs on folded text, so tone-placement variants, case and
//! accent-stripped OCR do not matter, except where capitals carry meaning — see below):
//!
//! 1. A type word and a number: "Nghị quyết số 76/NQ-CP", "Nghị định 118/2025/NĐ-CP",
//!    "Thông tư liên tịch số 71/2014/TTLT-BTC-BNV", "Chương trình hành động số 12-CTr/BCĐ",
//!    OCR "Nghi quyét s6 76/NQ-CP", a blank number "Quyết định số …/QĐ-UBND".
//! 2. A bare number: "theo 362/QĐ-UBND", the second item of a list ("các Quyết định số
//!    1311/QĐ-UBND …, 1437/QĐ-UBND …"). Its type comes from the list it is in, else from its
//!    type code, else (no type code, no year) it is a Công văn, which Decree 30/2020/NĐ-CP
//!    numbers without a type code. A header's own "Số: 362/QĐ-UBND" is not a citation.
//! 3. A short form: a capitalised type word and a plain integer, "Quyết định 766".
//! 4. A capitalised type word, a blank "số" and a date: "Quyết định số      ngày 30/7/2025".
//! 5. Laws by name ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", capitalised): "Luật Tổ chức
//!    chính quyền địa phương ngày 16/6/2025", "Luật Điện lực số 61/2024/QH15",
//!    "Luật Ngân sách nhà nước năm 2015", "Luật số 87/2025/QH15", name alone ("theo Luật Ban
//!    hành văn bản quy phạm pháp luật"), and amending laws as ONE document ("Luật sửa đổi bổ
//!    sung một số điều của Luật tổ chức Chính phủ, Luật tổ chức chính quyền địa phương năm 2019").
//!
//! Each may be followed by a date ("ngày 15/7/2021", "ngày 17 tháng 10 năm 2005") and an issuer
//! ("của Chính phủ", "của UBND thành phố Hải Phòng", up to "về", "ban hành", ";", "," …; several
//! authorities joined by "," or "và" are one issuer: "của Bộ Tài chính, Bộ Nội vụ"). An issuer
//! may also be written before the reference: "Theo đề nghị của Phòng Văn hóa-Xã hội tại Tờ trình
//! số 29/UBND-VHXH", "theo quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Nghị định số
//! 107/2021/NĐ-CP" (both by the Chính phủ).
//!
//! A citation's `year` is only the year printed in its number ("45/2020/NĐ-CP" → 2020); the date
//! carries the year of issue ("362/QĐ-UBND ngày 28/7/2025" → year null), and a law cited by name
//! and year ("Luật Ngân sách nhà nước năm 2015") has none.
//!
//! Not citations: deictic "Kế hoạch này", names of programmes without a number, "Phụ lục số 01",
//! standards ("TCVN ISO 9001:2015"), "pháp luật", "kỷ luật".

use std::cell::OnceCell;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use sohoa_model::{Citation, DocNumber, Role, Span};
use sohoa_text::{Block, BlockKind};

use crate::date::{find_dates_folded, DateMatch};
use crate::fold::{fold, Folded};
use crate::number::{doc_type_for_code, number_from_captures, number_pattern};

/// Type words (folded) and the document type they name, longest first.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("thong tu lien tich", "Thông tư liên tịch"),
    ("nghi quyet lien tich", "Nghị quyết liên tịch"),
    ("nghi quyet", "Nghị quyết"),
    ("nghi dinh", "Nghị định"),
    ("quyet dinh", "Quyết định"),
    ("thong tu", "Thông tư"),
    ("chi thi", "Chỉ thị"),
    ("ke hoach", "Kế hoạch"),
    ("cong van", "Công văn"),
    ("cong vin", "Công văn"),
    ("cong dien", "Công điện"),
    ("to trinh", "Tờ trình"),
    ("huong dan", "Hướng dẫn"),
    ("thong bao", "Thông báo"),
    ("thong cao", "Thông cáo"),
    ("chuong trinh", "Chương trình"),
    ("de an", "Đề án"),
    ("du an", "Dự án"),
    ("phuong an", "Phương án"),
    ("bao cao", "Báo cáo"),
    ("quy dinh", "Quy định"),
    ("quy che", "Quy chế"),
    ("ket luan", "Kết luận"),
    ("van ban", "Văn bản"),
    ("phap lenh", "Pháp lệnh"),
    ("lenh", "Lệnh"),
];

/// Law names that contain a comma or "và" (folded), which the generic name rule would cut.
const KNOWN_LAW_NAMES: &[&str] = &[
    "phong chay, chua chay va cuu nan, cuu ho",
    "phong chay, chua chay va cuu nan cuu ho",
    "phong chay chua chay va cuu nan, cuu ho",
    "phong chay chua chay va cuu nan cuu ho",
    "phong chay, chua chay",
    "phong chay chua chay",
    "quan ly, su dung tai san cong",
    "an toan, ve sinh lao dong",
    "can bo, cong chuc",
    "phong, chong tham nhung",
    "khieu nai, to cao",
    "dia chat va khoang san",
    "uu dai nguoi co cong voi cach mang",
    "hon nhan va gia dinh",
    "bao ve va phat trien rung",
    "bao ve, cham soc va giao duc tre em",
    "quy hoach do thi va nong thon",
    "khoa hoc va cong nghe",
    "ke hoach va dau tu",
];

fn type_name(folded: &str) -> Option<&'static str> {
    TYPE_WORDS
        .iter()
        .find(|(w, _)| *w == folded)
        .map(|&(_, t)| t)
}

fn type_alternation() -> String {
    TYPE_WORDS
        .iter()
        .map(|(w, _)| w.replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn cached(
    cell: &'static OnceLock<Option<Regex>>,
    make: impl FnOnce() -> String,
) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(&make()).ok()).as_ref()
}

/// A number anywhere in running text.
fn number_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, number_pattern)
}

/// A type word (and "số") ending a folded prefix.
fn prefix_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || {
        format!(
            r"(?:^|[^a-z0-9])(?P<type>{})(?:\s+(?:hanh\s+dong|ket\s+luan|lien\s+bo))?(?P<so>\s+(?:so|s6|se|s0)\s*[:.]?)?\s*$",
            type_alternation()
        )
    })
}

/// "số" alone ending a folded prefix.
fn so_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || {
        r"(?:^|[^a-z0-9])(?:so|s6|se|s0)\s*[:.]?\s*$".to_string()
    })
}

/// A header's own number: "Số: 362/QĐ-UBND" (capital S) at the start of a block, after a
/// table separator, or after the issuer's name in a flattened header.
fn own_number_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || r"(?:^|[\s|])S(?:ố|o|ô|6|é|0)\s*:?\s*$".to_string())
}

/// Is the number at original offset `start` a header's own number (see [`own_number_re`])?
/// Only "Số" with a capital counts, unless it opens the block.
fn is_own_number(cx: &Ctx<'_>, start: usize) -> bool {
    let before = &cx.text[..start];
    let from = before
        .char_indices()
        .rev()
        .nth(12)
        .map(|(i, _)| i)
        .unwrap_or(0);
    own_number_re().is_some_and(|r| r.is_match(&before[from..]))
        && (before.trim_end().ends_with(':') || before.trim().chars().count() <= 3)
}

/// A type word followed by a plain integer ("Quyết định 766") or a blank "số" and a date.
fn short_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || {
        format!(
            r"(?:^|[^a-z0-9])(?P<type>{})(?P<so>\s+(?:so|s6|se|s0)\s*[:.]?)?\s*(?:(?P<n>\d{{1,5}})(?:$|[^0-9/\-.a-z%]|\.(?:\s|$))|(?P<blank>[.…_]*\s*)(?P<ngay>ngay\b))",
            type_alternation()
        )
    })
}

/// A law word.
fn law_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || {
        r"(?:^|[^a-z0-9])(?P<type>bo\s+luat|luat|hien\s+phap|phap\s+lenh)(?:$|[^a-z0-9])"
            .to_string()
    })
}

/// "của" (and its OCR forms) opening an issuer.
fn issuer_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    cached(&R, || {
        r"^\s*,?\s*(?:cua|caa|cia|ciia|ctia|cla|cda|ctta|ciua)\s+".to_string()
    })
}

/// A found reference before it gets a role and a line.
#[derive(Debug, Clone, PartialEq)]
struct Cand {
    start: usize,
    end: usize,
    doc_type: Option<String>,
    /// Whether the type was printed (a type word) rather than derived.
    typed: bool,
    number: Option<DocNumber>,
    name: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
    /// Whether the issuer was written before the reference ("của Chính phủ tại Nghị định …").
    issuer_before: bool,
}

impl Cand {
    fn new(start: usize, end: usize) -> Self {
        Cand {
            start,
            end,
            doc_type: None,
            typed: false,
            number: None,
            name: None,
            date: None,
            issuer: None,
            issuer_before: false,
        }
    }
}

/// Context shared by the scanners of one text.
struct Ctx<'a> {
    text: &'a str,
    f: Folded,
    /// The dates in the text, found when first asked for (most blocks cite nothing).
    dates: OnceCell<Vec<DateMatch>>,
    /// Keep a header's own "Số: …" (when asked for [`Role::SelfRef`]).
    keep_own: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, keep_own: bool) -> Self {
        Ctx {
            text,
            f: Folded::new(text),
            dates: OnceCell::new(),
            keep_own,
        }
    }

    /// The dates in the text ([`crate::date::find_dates`]).
    fn dates(&self) -> &[DateMatch] {
        self.dates.get_or_init(|| find_dates_folded(&self.f))
    }

    /// Folded text before original offset `o`, at most about `max` bytes.
    fn folded_before(&self, o: usize, max: usize) -> &str {
        let end = self.f.folded(o);
        let mut start = end.saturating_sub(max);
        while !self.f.text.is_char_boundary(start) {
            start += 1;
        }
        self.f.text.get(start..end).unwrap_or("")
    }

    /// Folded text from original offset `o`.
    fn folded_after(&self, o: usize) -> &str {
        self.f.text.get(self.f.folded(o)..).unwrap_or("")
    }

    /// A date starting right after `o` (only spaces, commas or "ban hành" between).
    fn date_after(&self, o: usize) -> Option<&DateMatch> {
        let d = self.dates().iter().find(|d| d.start >= o)?;
        let gap = fold(self.text.get(o..d.start)?);
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        let gap = gap.strip_prefix("ban hanh").unwrap_or(gap).trim();
        gap.is_empty().then_some(d)
    }

    /// Adds the date and issuer following original offset `c.end` to `c`.
    fn extend(&self, c: &mut Cand) {
        if let Some(d) = self.date_after(c.end) {
            c.date = d.iso.clone();
            c.end = d.end;
        }
        if let Some((issuer, end)) = self.issuer_after(c.end) {
            c.issuer = Some(issuer);
            c.end = end;
            if c.date.is_none() {
                if let Some(d) = self.date_after(c.end) {
                    c.date = d.iso.clone();
                    c.end = d.end;
                }
            }
        }
    }

    /// "<đề nghị, quy định, …> của <authority> tại" ending at original offset `to` and starting
    /// at or after `from`: the authority, as the issuer of the reference at `to` ("Theo đề nghị
    /// của Phòng Văn hóa-Xã hội tại Tờ trình số 29/UBND-VHXH", "theo quy định của Chính phủ tại
    /// Nghị định số 45/2020/NĐ-CP").
    fn issuer_before(&self, from: usize, to: usize) -> Option<String> {
        static CUA: OnceLock<Option<Regex>> = OnceLock::new();
        let cua = cached(&CUA, || {
            r"(?:^|[^a-z0-9])(?P<cua>cua|caa|cia|ciia|ctia|cla|cda|ctta|ciua)\s".to_string()
        })?;
        let ff = self.f.folded(from);
        let fb = self.f.text.get(ff..self.f.folded(to))?;
        let k = cua.captures_iter(fb).last()?;
        let at = k.name("cua")?.start();
        // what comes before "của" is something the authority wrote in that reference
        let noun = fb[..at].trim_end();
        if !ACT_NOUNS.iter().any(|n| {
            noun.strip_suffix(n)
                .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_ascii_alphanumeric()))
        }) {
            return None;
        }
        let (issuer, end) = self.issuer_after(self.f.orig(ff + at))?;
        // "tại", "tại các", "tại khoản 2 Điều 5"
        static TAI: OnceLock<Option<Regex>> = OnceLock::new();
        let tai = cached(&TAI, || {
            r"^\s*tai(?:\s+(?:cac|(?:diem|khoan|dieu|muc|chuong)\s+[0-9a-z]{1,4}\b)\s*,?)*\s*$"
                .to_string()
        })?;
        let gap = fold(self.text.get(end..to)?);
        (issuer.starts_with(char::is_uppercase) && tai.is_match(&gap)).then_some(issuer)
    }

    /// "của <issuer>" right after original offset `o`: the issuer and the offset after it.
    fn issuer_after(&self, o: usize) -> Option<(String, usize)> {
        let m = issuer_re()?.find(self.folded_after(o))?;
        let start = self.f.orig(self.f.folded(o) + m.end());
        let rest = self.text.get(start..)?;
        let mut end = start;
        let mut words = 0;
        let mut joined = 0; // authorities joined by a comma so far
        let mut prev_cap = false; // a lower-case first word must be an authority word
        let mut prev_lower = String::new();
        // a "Bộ" or "Sở" with its name seen ("Bộ Chính trị"): another one not joined by "," or
        // "và" is the next cell of a table row read whole ("của Bộ Chính trị Bộ Y tế Các bộ")
        let mut named_head = false;
        let mut iter = word_spans(rest).peekable();
        while let Some((ws, we)) = iter.next() {
            let w = &rest[ws..we];
            let core = w.trim_end_matches([',', ';', '.', ':', ')', '”', '"', '’']);
            let lead_punct = w.starts_with(['(', '“', '"', '‘', '[', '-', '–']);
            if core.is_empty() || lead_punct {
                break;
            }
            let fw = fold(core);
            let next = iter
                .peek()
                .map(|&(a, b)| fold(&rest[a..b]))
                .unwrap_or_default();
            let cap = core
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            let all_caps = core
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            // words that fold like a stop word but belong in names ("Đầu tư", "Bảo vệ")
            let lower = core.to_lowercase();
            let exempt = [
                "vệ", "tư", "tài", "tải", "cơ", "đà", "độ", "đô", "đỗ", "giáo", "dược",
            ]
            .contains(&lower.as_str());
            // "Ban Chỉ đạo", "Ban Quản lý": capitalised words after "Ban" name it
            let ban_name = cap && !all_caps && prev_lower == "ban";
            if !ban_name
                && ((!exempt && (!cap || all_caps) && is_issuer_stop(&fw, &next))
                    || is_issuer_verb(&fw, &next))
            {
                break;
            }
            // capitalised words that never go on an issuer ("của Bộ Chính trị Kỳ họp thứ …",
            // "… Các bộ, cơ quan"), a section number ("7.1."), a repeated head
            if NOT_IN_ISSUER.contains(&lower.as_str())
                || (core.contains('.') && core.chars().all(|c| c.is_ascii_digit() || c == '.'))
                || (named_head && matches!(lower.as_str(), "bộ" | "sở") && prev_lower != "và")
            {
                break;
            }
            if !cap && !prev_cap && !ISSUER_LOWER.contains(&fw.as_str()) {
                break;
            }
            // "và" joins two authorities only: the next word must be capitalised
            let next_cap = iter
                .peek()
                .and_then(|&(a, _)| rest[a..].chars().next())
                .is_some_and(char::is_uppercase);
            if fw == "va" && !next_cap {
                break;
            }
            // a type word starts the next reference ("… của Bộ Chính trị và Nghị định số …")
            let here = fold(&rest[ws..]);
            let here = here.trim_start_matches("va ").trim_start();
            let starts_type = |numbered: bool| {
                TYPE_WORDS.iter().any(|(tw, _)| {
                    tw.contains(' ')
                        && here.starts_with(tw)
                        && (!numbered || {
                            let after = here[tw.len()..].trim_start();
                            after.starts_with("so ")
                                || after.starts_with(|c: char| c.is_ascii_digit())
                        })
                })
            };
            if (fw == "va" && (here.starts_with("luat ") || starts_type(false)))
                || (cap && starts_type(true))
            {
                break;
            }
            end = start + ws + core.len();
            words += 1;
            if matches!(prev_lower.as_str(), "bộ" | "sở") && cap && !all_caps {
                named_head = true;
            }
            if lower == "và" {
                named_head = false;
            }
            prev_cap = cap;
            prev_lower = lower;
            // "của Bộ Tài chính, Bộ Nội vụ": a comma followed by another authority goes on
            if w.len() == core.len() + 1
                && w.ends_with(',')
                && joined < 3
                && starts_authority(&rest[we..])
            {
                joined += 1;
                words = 0;
                named_head = false;
                continue;
            }
            if core.len() != w.len() || words >= 14 {
                break;
            }
        }
        let issuer = self.text.get(start..end)?.trim();
        (!issuer.is_empty()).then(|| (collapse(issuer), end))
    }
}

/// Words (lower case, with their marks) that end an issuer whatever their case.
const NOT_IN_ISSUER: &[&str] = &[
    "các", "những", "kỳ", "trong", "theo", "tại", "từ", "đến", "năm", "tháng", "quý", "hằng",
    "hàng", "được", "đã", "sẽ", "về",
];

/// Folded nouns for what an authority writes in a document ("đề nghị của … tại Tờ trình …").
const ACT_NOUNS: &[&str] = &[
    "de nghi",
    "quy dinh",
    "huong dan",
    "chi dao",
    "yeu cau",
    "y kien",
    "ket luan",
    "chu truong",
    "de xuat",
    "thong bao",
    "phe duyet",
    "uy quyen",
    "chuong trinh",
    "chuong trinh hanh dong",
    "ke hoach",
];

/// Folded first words of the name of an authority (with a capital in the source), as in a list
/// of issuers "Bộ Tài chính, Bộ Nội vụ".
const AUTHORITY_STARTS: &[&str] = &[
    "bo",
    "so",
    "ubnd",
    "uy ban",
    "uban",
    "chinh phu",
    "thu tuong",
    "ban",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "dang uy",
    "hdnd",
    "hoi dong",
    "quoc hoi",
    "van phong",
    "phong",
    "chu tich",
    "mat tran",
    "ngan hang",
    "toa an",
    "vien kiem sat",
    "kiem toan",
    "thanh tra",
    "cong an",
    "lien bo",
    "lien doan",
    "tong cuc",
    "cuc",
    "trung tam",
];

/// Entries of [`AUTHORITY_STARTS`] that name an authority by themselves.
const AUTHORITY_WHOLE: &[&str] = &[
    "ubnd",
    "hdnd",
    "chinh phu",
    "quoc hoi",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "dang uy",
    "thu tuong",
];

/// Does `s` (original text) start, after spaces, with the name of an authority?
fn starts_authority(s: &str) -> bool {
    let s = s.trim_start();
    if !s.starts_with(char::is_uppercase) {
        return false;
    }
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    let cut = s.char_indices().nth(40).map_or(s.len(), |(i, _)| i);
    let f = fold(&s[..cut]);
    let f = f.as_str();
    AUTHORITY_STARTS.iter().any(|a| {
        f.strip_prefix(a).is_some_and(|r| {
            // a head word alone ("các Sở, ngành") is not a named authority
            if AUTHORITY_WHOLE.contains(a) {
                r.is_empty() || r.starts_with(|c: char| !c.is_ascii_alphanumeric())
            } else {
                r.starts_with(' ') && r[1..].starts_with(|c: char| c.is_alphanumeric())
            }
        })
    }) && first != "số" // "Số 5" is not "Sở"
        && !f.starts_with("bo luat")
        && !f.starts_with("bo chi so")
}

/// Lower-case words that belong to names of authorities.
const ISSUER_LOWER: &[&str] = &[
    "ban", "nhan", "dan", "thanh", "pho", "tinh", "huyen", "xa", "phuong", "thi", "tran", "quan",
    "dac", "khu", "nha", "nuoc", "hoi", "dong", "chap", "hanh", "trung", "uong", "tuong", "truong",
    "tich", "vu", "va", "uy", "chinh", "phu", "tri", "lien",
    // OCR forms of "nhân", "dân", "phố"
    "nhdn", "den", "phe", "phd",
];

/// Single words that end an issuer when in lower case.
const ISSUER_ONE: &[&str] = &[
    "ve", "tai", "theo", "nham", "da", "duoc", "la", "co", "giao", "ngay", "v/v", "so", "nam",
    "tu", "trong", "de", "gui", "voi", "nhu", "cung", "hoac", "khi", "ma", "cac", "nay", "tiep",
    "tren", "sau", "truoc", "do",
];
/// Verb phrases (folded word and the start of the next) that end an issuer.
const ISSUER_VERBS: &[(&str, &str)] = &[
    ("ban", "hanh"),
    ("quy", "dinh"),
    ("huong", "dan"),
    ("sua", "doi"),
    ("thong", "qua"),
    ("trien", "khai"),
    ("thuc", "hien"),
    ("dieu", "chinh"),
    ("bai", "bo"),
    ("cho", "phep"),
    ("chi", "dao"),
    ("ket", "luan"),
    ("thi", "hanh"),
    ("tham", "muu"),
    ("quy", "che"),
    ("ap", "dung"),
    ("dong", "thoi"),
    ("thanh", "lap"),
    ("kien", "toan"),
    ("cong", "bo"),
    ("phan", "cap"),
    ("uy", "quyen"),
    ("phe", "duyet"),
    ("ve", "viec"),
    ("sua", "doi"),
    ("sira", "d"),
    ("stra", "d"),
];

fn is_issuer_stop(w: &str, next: &str) -> bool {
    ISSUER_ONE.contains(&w) || is_issuer_verb(w, next)
}

/// Verb phrases that end an issuer whatever their case ("của Chính phủ Quy định chi tiết").
fn is_issuer_verb(w: &str, next: &str) -> bool {
    ISSUER_VERBS
        .iter()
        .any(|&(a, b)| a == w && next.starts_with(b))
}

/// Byte spans of the whitespace-separated words of `s`.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = s.get(pos..)?;
        let lead = rest.len() - rest.trim_start().len();
        let start = pos + lead;
        if start >= s.len() {
            return None;
        }
        let len = s[start..]
            .find(char::is_whitespace)
            .unwrap_or(s.len() - start);
        pos = start + len;
        Some((start, start + len))
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Numbered references: a number, the type word and "số" before it, date and issuer after it.
fn scan_numbers(cx: &Ctx<'_>, out: &mut Vec<Cand>) {
    let Some(re) = number_re() else { return };
    for caps in re.captures_iter(cx.text) {
        if let Some(c) = numbered(cx, &caps) {
            out.push(c);
        }
    }
}

fn numbered(cx: &Ctx<'_>, caps: &Captures<'_>) -> Option<Cand> {
    let m = caps.get(0)?;
    let lead = m.as_str().len() - m.as_str().trim_start().len();
    let (start, mut end) = (m.start() + lead, m.end());
    // boundaries: not inside a word or a longer number
    if cx.text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ':'))
    {
        return None;
    }
    if cx.text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let mut raw = &cx.text[start..end];
    // a footnote mark glued to the issuer code ("140/NQ-CP2"); QH15 keeps its digits
    let tail: String = raw
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let before_tail = &raw[..raw.len() - tail.len()];
    if !tail.is_empty()
        && before_tail.ends_with(|c: char| c.is_alphabetic())
        && !before_tail.ends_with("QH")
        && before_tail.contains('/')
    {
        end -= tail.len();
        raw = before_tail;
    }
    let number = {
        let caps2 = number_re()?.captures(raw)?;
        number_from_captures(&caps2, raw)?
    };
    let prefix = cx.folded_before(start, 120);
    let mut c = Cand::new(start, end);
    if let Some(p) = prefix_re()?.captures(prefix) {
        let t = p.name("type")?;
        c.doc_type = type_name(&collapse(t.as_str())).map(str::to_string);
        c.typed = true;
        let pstart = cx.f.folded(start) - prefix.len() + t.start();
        c.start = cx.f.orig(pstart);
    } else if !cx.keep_own && is_own_number(cx, start) {
        return None; // the header's own "Số: …"
    } else if number.seq.is_none()
        && !so_re()?.is_match(prefix)
        && !raw.starts_with(['.', '…', '_'])
    {
        return None; // "/QĐ-UBND" alone is not a reference
    }
    // "Văn bản số 12/QĐ-UBND" is a Quyết định; "Văn bản số 4115/UBND-KT" stays a Văn bản
    if c.doc_type.as_deref() == Some("Văn bản") {
        if let Some(t) = number.type_code.as_deref().and_then(doc_type_for_code) {
            c.doc_type = Some(t.to_string());
        }
    }
    c.number = Some(number);
    cx.extend(&mut c);
    Some(c)
}

/// Short forms ("Quyết định 766") and numberless references with a date.
fn scan_short(cx: &Ctx<'_>, out: &mut Vec<Cand>) {
    let Some(re) = short_re() else { return };
    let mut at = 0;
    while let Some(caps) = re.captures_at(&cx.f.text, at) {
        let Some(t) = caps.name("type") else { break };
        at = t.end();
        let start = cx.f.orig(t.start());
        let capitalised = cx.text[start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let Some(doc_type) = type_name(&collapse(t.as_str())) else {
            continue;
        };
        let mut c = Cand::new(start, start);
        c.doc_type = Some(doc_type.to_string());
        c.typed = true;
        if let Some(n) = caps.name("n") {
            let seq: u32 = match n.as_str().parse() {
                Ok(v) => v,
                Err(_) => continue,
            };
            let after = cx.f.text[n.end()..].trim_start();
            let unit = [
                "thang", "nam", "ngay", "tuan", "quy", "ty", "trieu", "nghin", "%",
            ]
            .iter()
            .any(|u| after.starts_with(u));
            let has_so = caps.name("so").is_some();
            let short_ok = matches!(
                doc_type,
                "Quyết định"
                    | "Nghị quyết"
                    | "Nghị định"
                    | "Thông tư"
                    | "Chỉ thị"
                    | "Công văn"
                    | "Kết luận"
                    | "Đề án"
                    | "Quy định"
                    | "Pháp lệnh"
            );
            if unit
                || (1900..=2100).contains(&seq)
                || !(capitalised || has_so)
                || (!has_so && !short_ok)
            {
                continue;
            }
            c.end = cx.f.orig(n.end());
            let digits = n.as_str().to_string();
            c.number = Some(DocNumber {
                raw: digits,
                seq: Some(seq),
                type_code: None,
                issuer_code: None,
                year: None,
            });
        } else if caps.name("ngay").is_some() && capitalised {
            let Some(ngay) = caps.name("ngay") else {
                continue;
            };
            let o = cx.f.orig(ngay.start());
            let Some(d) = cx.dates().iter().find(|d| d.start == o) else {
                continue;
            };
            c.end = o;
            c.date = d.iso.clone();
            c.end = d.end;
        } else {
            continue;
        }
        cx.extend(&mut c);
        out.push(c);
    }
}

/// Laws (and codes, ordinances, the constitution) by name, number, date or year.
fn scan_laws(cx: &Ctx<'_>, out: &mut Vec<Cand>) {
    let Some(re) = law_re() else { return };
    let mut at = 0;
    while let Some(caps) = re.captures_at(&cx.f.text, at) {
        let Some(t) = caps.name("type") else { break };
        at = t.end();
        if let Some(c) = law(cx, t.start(), t.end()) {
            out.push(c);
        }
    }
}

fn law(cx: &Ctx<'_>, ft_start: usize, ft_end: usize) -> Option<Cand> {
    let f = &cx.f.text;
    let kind = collapse(&f[ft_start..ft_end]);
    let start = cx.f.orig(ft_start);
    let first = cx.text[start..].chars().next()?;
    if !first.is_uppercase() {
        return None; // "pháp luật", "kỷ luật", "luật" as a common noun
    }
    let before = f[..ft_start].trim_end();
    if kind == "luat"
        && (before.ends_with("phap") || before.ends_with("ky") || before.ends_with("bo"))
    {
        return None;
    }
    let doc_type = match kind.as_str() {
        "luat" => "Luật",
        "bo luat" => "Bộ luật",
        "hien phap" => "Hiến pháp",
        _ => "Pháp lệnh",
    };
    let type_end = cx.f.orig(ft_end);
    let mut c = Cand::new(start, type_end);
    c.doc_type = Some(doc_type.to_string());
    c.typed = true;
    let after = &f[ft_end..];
    let name_end = if after.trim_start().starts_with("sua doi") {
        amending_name_end(after)
    } else {
        law_name_end(cx, ft_end)
    };
    if name_end > 0 {
        let end = cx.f.orig(ft_end + name_end);
        c.name = Some(collapse(&cx.text[start..end]));
        c.end = end;
    } else if doc_type == "Hiến pháp" {
        c.name = Some(collapse(&cx.text[start..type_end]));
    }
    // number: "số 61/2024/QH15", or a law's bare "số 64/2025"
    static NUM: OnceLock<Option<Regex>> = OnceLock::new();
    let so = cached(&NUM, || {
        r"^\s*,?\s*(?:so|s6|se)\s*[:.]?\s*(?:so\s+)?".to_string()
    })?;
    if let Some(m) = so.find(cx.folded_after(c.end)) {
        let o = cx.f.orig(cx.f.folded(c.end) + m.end());
        let rest = &cx.text[o..];
        let caps = number_re()?
            .captures(rest)
            .filter(|k| k.get(0).is_some_and(|g| g.start() == 0));
        let found = caps.and_then(|k| {
            let g = k.get(0)?;
            Some((number_from_captures(&k, g.as_str())?, g.end()))
        });
        if let Some(n) = found {
            c.number = Some(n.0);
            c.end = o + n.1;
        } else {
            static BARE: OnceLock<Option<Regex>> = OnceLock::new();
            let bare = cached(&BARE, || r"^(\d{1,4})\s?/\s?((?:19|20)\d{2})\b".to_string())?;
            if let Some(k) = bare.captures(rest) {
                let raw: String = k.get(0)?.as_str().split_whitespace().collect();
                let year = k.get(2).and_then(|y| y.as_str().parse().ok());
                c.number = Some(DocNumber {
                    raw,
                    seq: k.get(1).and_then(|s| s.as_str().parse().ok()),
                    type_code: None,
                    issuer_code: None,
                    year,
                });
                c.end = o + k.get(0)?.end();
            }
        }
    }
    if c.name.is_none() && c.number.is_none() {
        return None; // "thi hành Luật." refers back to a law named earlier
    }
    // "năm 2015" / "2020" after the name: part of the reference, but not a year of the number
    static YEAR: OnceLock<Option<Regex>> = OnceLock::new();
    let year = cached(&YEAR, || {
        r"^\s*,?\s*(?:n[a-z]\s?m\s+)?((?:19|20)\d{2})(?:$|[^0-9/\-.]|\.(?:\s|$))".to_string()
    })?;
    if cx.date_after(c.end).is_none() {
        if let Some(k) = year.captures(cx.folded_after(c.end)) {
            if let Some(y) = k.get(1) {
                c.end = cx.f.orig(cx.f.folded(c.end) + y.end());
            }
        }
    }
    cx.extend(&mut c);
    Some(c)
}

/// Length (folded bytes from just after "Luật") of an amending law's name: through the laws it
/// amends, up to a year, a number, a date, or the end of the clause.
fn amending_name_end(after: &str) -> usize {
    static END: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = cached(&END, || {
        r"[;()]|\.(?:\s|$)|\s+n[a-z]\s?m\s+\d{4}|\s+(?:so|s6)\s*:?\s*\d|\s+ngay\b|\s+(?:co hieu luc|duoc|da|thi|quy dinh|ve|nam|theo)\b|:".to_string()
    }) else {
        return 0;
    };
    let end = re.find(after).map(|m| m.start()).unwrap_or(after.len());
    after[..end].trim_end_matches([',', ' ']).len()
}

/// Length (folded bytes from just after "Luật") of a law's name; 0 when there is none.
fn law_name_end(cx: &Ctx<'_>, ft_end: usize) -> usize {
    let f = &cx.f.text;
    let after = &f[ft_end..];
    let lead = after.len() - after.trim_start().len();
    if lead == 0 {
        return 0;
    }
    let body = &after[lead..];
    // a known name with a comma or "và"
    if let Some(k) = KNOWN_LAW_NAMES
        .iter()
        .filter(|k| {
            body.starts_with(**k)
                && !body[k.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        })
        .max_by_key(|k| k.len())
    {
        return lead + k.len();
    }
    // words that end a name, compared in lower case with their marks ("tư" in "Luật Đầu tư"
    // is not "từ", "vệ" in "Luật Bảo vệ môi trường" is not "về")
    const STOP: &[&str] = &[
        "số", "ngày", "năm", "về", "của", "được", "đã", "có", "thì", "theo", "để", "trong", "tại",
        "với", "cùng", "hiện", "này", "như", "các", "những", "hoặc", "là", "khi", "từ", "đến",
        "mà", "và", "trên", "sau", "trước", "nêu", "đó", "mới",
    ];
    // the same for accent-stripped (OCR) words, where folding is unambiguous enough
    const STOP_ASCII: &[&str] = &[
        "so", "s6", "ngay", "nam", "nim", "ve", "cua", "duoc", "theo", "trong", "voi", "cac",
        "hoac", "khi", "den",
    ];
    const STOP2: &[(&str, &str)] = &[
        ("quy", "dinh"),
        ("thuc", "hien"),
        ("huong", "dan"),
        ("thi", "hanh"),
        ("sua", "doi"),
        ("ban", "hanh"),
        ("dieu", "chinh"),
        ("ap", "dung"),
    ];
    const AFTER_VA: &[&str] = &[
        "cac", "nhung", "mot", "cung", "theo", "thuc", "huong", "van", "nghi", "quy", "luat",
    ];
    let orig_body_start = cx.f.orig(ft_end + lead);
    let orig_body = &cx.text[orig_body_start..];
    let words: Vec<(usize, usize)> = word_spans(orig_body).collect();
    let mut end = 0; // in original bytes from orig_body_start
    for (i, &(ws, we)) in words.iter().enumerate() {
        let w = &orig_body[ws..we];
        if w.starts_with(|c: char| !c.is_alphanumeric()) {
            break;
        }
        let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || core.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        let fw = fold(core);
        let next = words
            .get(i + 1)
            .map(|&(a, b)| fold(&orig_body[a..b]))
            .unwrap_or_default();
        let next_orig = words
            .get(i + 1)
            .map(|&(a, b)| &orig_body[a..b])
            .unwrap_or("");
        if i == 0 && (fw == "so" || fw == "s6") {
            break;
        }
        // "Luật này", "Luật đã …": deictic, no name ("Luật Các tổ chức tín dụng" is one)
        if i == 0
            && core.starts_with(char::is_lowercase)
            && STOP.contains(&core.to_lowercase().as_str())
        {
            break;
        }
        if i > 0 {
            if fw == "va" {
                let lower = next_orig.chars().next().is_some_and(char::is_lowercase);
                if !lower
                    || AFTER_VA
                        .iter()
                        .any(|a| next.starts_with(a) && next.len() == a.len())
                {
                    break;
                }
            } else if STOP.contains(&core.to_lowercase().as_str())
                || (core.is_ascii() && STOP_ASCII.contains(&fw.as_str()))
                || STOP2.iter().any(|&(a, b)| a == fw && next.starts_with(b))
                || (fw == "luat" && core.starts_with(char::is_uppercase))
                || TYPE_WORDS.iter().any(|(tw, _)| {
                    core.starts_with(char::is_uppercase)
                        && format!("{fw} {next}").starts_with(tw)
                        && tw.contains(' ')
                })
            {
                break;
            }
        } else if STOP2
            .iter()
            .any(|&(a, b)| a == fw && next.starts_with(b) && a != "ban")
        {
            break;
        }
        end = ws + core.len();
        if core.len() != w.len() || i >= 11 {
            break;
        }
    }
    if end == 0 {
        return 0;
    }
    cx.f.folded(orig_body_start + end) - ft_end
}

/// Every reference in `text`, in order, as candidates with byte spans.
fn scan(text: &str, keep_own: bool) -> Vec<Cand> {
    let cx = Ctx::new(text, keep_own);
    let mut all = Vec::new();
    scan_laws(&cx, &mut all);
    scan_numbers(&cx, &mut all);
    scan_short(&cx, &mut all);
    all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Cand> = Vec::new();
    for c in all {
        if out.last().is_some_and(|p| c.start < p.end) {
            continue;
        }
        out.push(c);
    }
    // types of untyped numbers: from the list they are in, else from the type code
    for i in 0..out.len() {
        if out[i].typed {
            continue;
        }
        let from_code = out[i]
            .number
            .as_ref()
            .and_then(|n| n.type_code.as_deref())
            .and_then(doc_type_for_code)
            .map(str::to_string);
        let listed = i
            .checked_sub(1)
            .and_then(|j| out.get(j))
            .filter(|p| {
                let gap = fold(text.get(p.end..out[i].start).unwrap_or("x"));
                let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
                matches!(gap, "" | "va" | "hoac" | "so" | "va so")
            })
            .and_then(|p| p.doc_type.clone());
        let fallback = out[i].number.as_ref().and_then(|n| {
            (n.type_code.is_none() && n.year.is_none() && n.issuer_code.is_some())
                .then(|| "Công văn".to_string())
        });
        out[i].doc_type = match (from_code, listed) {
            (Some(code), _) => Some(code),
            (None, Some(l)) => Some(l),
            (None, None) => fallback,
        };
    }
    // issuers written before the reference, and the references listed after that one
    for i in 0..out.len() {
        if out[i].issuer.is_some() {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| out.get(j));
        if let Some(iss) = cx.issuer_before(prev.map_or(0, |p| p.end), out[i].start) {
            out[i].issuer = Some(iss);
            out[i].issuer_before = true;
        } else if let Some(p) = prev.filter(|p| {
            let gap = fold(text.get(p.end..out[i].start).unwrap_or("x"));
            let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
            p.issuer_before && p.doc_type == out[i].doc_type && matches!(gap, "" | "va")
        }) {
            out[i].issuer = p.issuer.clone();
            out[i].issuer_before = true;
        }
    }
    out
}

fn to_citation(text: &str, c: Cand, role: Role, line: u32) -> Citation {
    let n = c.number;
    Citation {
        raw: collapse(text.get(c.start..c.end).unwrap_or("")),
        doc_type: c.doc_type,
        number: n
            .as_ref()
            .filter(|n| n.seq.is_some())
            .map(|n| n.raw.clone()),
        name: c.name,
        seq: n.as_ref().and_then(|n| n.seq),
        type_code: n.as_ref().and_then(|n| n.type_code.clone()),
        year: n.as_ref().and_then(|n| n.year),
        issuer_code: n.as_ref().and_then(|n| n.issuer_code.clone()),
        date: c.date,
        issuer: c.issuer,
        role,
        line,
    }
}

/// Every reference to another legal document in `block`, in order, each with `role` and the
/// source line where it starts. A header's own number ("Số: 362/QĐ-UBND") is skipped unless
/// `role` is [`Role::SelfRef`].
///
/// ```
/// use sohoa_extract::citation::find_citations;
/// use sohoa_model::{Role, Span};
/// use sohoa_text::{Block, BlockKind};
/// let text = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể;";
/// let block = Block { text: text.into(), lines: Span::line(33), page: None,
///                     kind: BlockKind::Text, starts: vec![(0, 33)] };
/// let c = &find_citations(&block, Role::Basis)[0];
/// assert_eq!(c.raw, "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ");
/// assert_eq!(c.number.as_deref(), Some("76/NQ-CP"));
/// assert_eq!(c.issuer.as_deref(), Some("Chính phủ"));
/// assert_eq!((c.year, c.line), (None, 33)); // the year is only the one printed in the number
/// ```
pub fn find_citations(block: &Block, role: Role) -> Vec<Citation> {
    scan(&block.text, role == Role::SelfRef)
        .into_iter()
        .map(|c| {
            let line = block.line_at(c.start);
            to_citation(&block.text, c, role, line)
        })
        .collect()
}

/// The first reference in `text` (e.g. a header's "(Kèm theo Quyết định số …/QĐ-UBND ngày
/// 30/7/2025 của UBND xã)"), given the source line of `text`.
///
/// ```
/// use sohoa_extract::citation::parse_citation;
/// use sohoa_model::Role;
/// let c = parse_citation("(Kèm theo Quyết định số …/QĐ-UBND ngày 30/7/2025 của UBND xã)", 9,
///                        Role::AttachedTo).unwrap();
/// assert_eq!(c.number, None); // left blank in the source
/// assert_eq!(c.type_code.as_deref(), Some("QĐ"));
/// assert_eq!(c.date.as_deref(), Some("2025-07-30"));
/// assert_eq!(c.issuer.as_deref(), Some("UBND xã"));
/// ```
pub fn parse_citation(text: &str, line: u32, role: Role) -> Option<Citation> {
    let block = Block {
        text: collapse(text),
        lines: Span::line(line),
        page: None,
        kind: BlockKind::Text,
        starts: vec![(0, line)],
    };
    find_citations(&block, role).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block made of `lines` (joined with one space), the first being source line `first`.
    fn block(lines: &[&str], first: u32) -> Block {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            starts.push((text.len(), first + i as u32));
            text.push_str(l);
        }
        Block {
            text,
            lines: Span {
                first,
                last: first + lines.len() as u32 - 1,
            },
            page: None,
            kind: BlockKind::Text,
            starts,
        }
    }

    fn cites(text: &str) -> Vec<Citation> {
        find_citations(&block(&[text], 1), Role::Reference)
    }

    /// (raw, doc_type, number, type_code, issuer_code, year, date, issuer)
    type Row<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<u16>,
        Option<&'a str>,
        Option<&'a str>,
    );

    fn row(c: &Citation) -> Row<'_> {
        (
            c.raw.as_str(),
            c.doc_type.as_deref(),
            c.number.as_deref(),
            c.type_code.as_deref(),
            c.issuer_code.as_deref(),
            c.year,
            c.date.as_deref(),
            c.issuer.as_deref(),
        )
    }

    #[test]
    fn real_sentences_from_the_seeds() {
        let cases: &[(&str, &[Row<'_>])] = &[
            (
                "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;",
                &[("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", Some("Nghị quyết"), Some("76/NQ-CP"), Some("NQ"), Some("CP"), None, Some("2021-07-15"), Some("Chính phủ"))],
            ),
            (
                "Căn cứ Công văn số 1816/UBND-NVKTGS ngày 08/7/2025 của UBND thành phố Hải Phòng về việc xây dựng kế hoạch cải cách hành chính;",
                &[("Công văn số 1816/UBND-NVKTGS ngày 08/7/2025 của UBND thành phố Hải Phòng", Some("Công văn"), Some("1816/UBND-NVKTGS"), None, Some("UBND-NVKTGS"), None, Some("2025-07-08"), Some("UBND thành phố Hải Phòng"))],
            ),
            (
                "Căn cứ Kế hoạch số 190/KH-UBND ngày 01/11/2021 của Chủ tịch UBND huyện Ngọc Lặc về cải cách hành chính;",
                &[("Kế hoạch số 190/KH-UBND ngày 01/11/2021 của Chủ tịch UBND huyện Ngọc Lặc", Some("Kế hoạch"), Some("190/KH-UBND"), Some("KH"), Some("UBND"), None, Some("2021-11-01"), Some("Chủ tịch UBND huyện Ngọc Lặc"))],
            ),
            (
                "Thông tư liên tịch số 71/2014/TTLT-BTC-BNV ngày 30 tháng 5 năm 2014 của Bộ Tài chính, Bộ Nội vụ quy định chế độ tự chủ",
                &[("Thông tư liên tịch số 71/2014/TTLT-BTC-BNV ngày 30 tháng 5 năm 2014 của Bộ Tài chính, Bộ Nội vụ", Some("Thông tư liên tịch"), Some("71/2014/TTLT-BTC-BNV"), Some("TTLT"), Some("BTC-BNV"), Some(2014), Some("2014-05-30"), Some("Bộ Tài chính, Bộ Nội vụ"))],
            ),
            (
                "- Triển khai đồng bộ, hiệu quả Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học và Nghị quyết số 226/2025/QH15, trong đó",
                &[
                    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", Some("Nghị quyết"), Some("57-NQ/TW"), Some("NQ"), Some("TW"), None, Some("2024-12-22"), Some("Bộ Chính trị")),
                    ("Nghị quyết số 226/2025/QH15", Some("Nghị quyết"), Some("226/2025/QH15"), None, Some("QH15"), Some(2025), None, None),
                ],
            ),
            (
                "Theo đề nghị của Phòng Văn hóa-Xã hội tại Tờ trình số 29/UBND- VHXH ngày 28/7/2025.",
                &[("Tờ trình số 29/UBND- VHXH ngày 28/7/2025", Some("Tờ trình"), Some("29/UBND-VHXH"), None, Some("UBND-VHXH"), None, Some("2025-07-28"), Some("Phòng Văn hóa-Xã hội"))],
            ),
            (
                "theo quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Nghị định số 107/2021/NĐ-CP Hướng dẫn, tổ chức",
                &[
                    ("Nghị định số 45/2020/NĐ-CP", Some("Nghị định"), Some("45/2020/NĐ-CP"), Some("NĐ"), Some("CP"), Some(2020), None, Some("Chính phủ")),
                    ("Nghị định số 107/2021/NĐ-CP", Some("Nghị định"), Some("107/2021/NĐ-CP"), Some("NĐ"), Some("CP"), Some(2021), None, Some("Chính phủ")),
                ],
            ),
            (
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
                &[("Luật Tổ chức chính quyền địa phương ngày 16/6/2025", Some("Luật"), None, None, None, None, Some("2025-06-16"), None)],
            ),
            (
                "Căn cứ Luật sửa đổi bổ sung một số điều của Luật tổ chức Chính phủ, Luật tổ chức chính quyền địa phương năm 2019;",
                &[("Luật sửa đổi bổ sung một số điều của Luật tổ chức Chính phủ, Luật tổ chức chính quyền địa phương năm 2019", Some("Luật"), None, None, None, None, None, None)],
            ),
            (
                "c) Thực hiện đúng quy định của Luật Ngân sách nhà nước năm 2015 về công khai ngân sách nhà nước;",
                &[("Luật Ngân sách nhà nước năm 2015", Some("Luật"), None, None, None, None, None, None)],
            ),
            (
                "Căn cứ Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;",
                &[("Luật Điện lực số 61/2024/QH15 ngày 30/11/2024", Some("Luật"), Some("61/2024/QH15"), None, Some("QH15"), Some(2024), Some("2024-11-30"), None)],
            ),
            (
                "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
                &[
                    ("Luật Ban hành văn bản quy phạm pháp luật số 64/2025", Some("Luật"), Some("64/2025"), None, None, Some(2025), None, None),
                    ("Luật số 87/2025/QH15", Some("Luật"), Some("87/2025/QH15"), None, Some("QH15"), Some(2025), None, None),
                ],
            ),
            (
                "NGHỊ QUYẾT SỐ 66-NQ/TW NGÀY 30 THÁNG 4 NĂM 2025 CỦA BỘ CHÍNH TRỊ VỀ ĐỔI MỚI CÔNG TÁC",
                &[("NGHỊ QUYẾT SỐ 66-NQ/TW NGÀY 30 THÁNG 4 NĂM 2025 CỦA BỘ CHÍNH TRỊ", Some("Nghị quyết"), Some("66-NQ/TW"), Some("NQ"), Some("TW"), None, Some("2025-04-30"), Some("BỘ CHÍNH TRỊ"))],
            ),
            (
                "Căn cứ Nghị định số 78/2025/NĐ-CP của Chính phủ Quy định chi tiết một số điều",
                &[("Nghị định số 78/2025/NĐ-CP của Chính phủ", Some("Nghị định"), Some("78/2025/NĐ-CP"), Some("NĐ"), Some("CP"), Some(2025), None, Some("Chính phủ"))],
            ),
        ];
        for (text, want) in cases {
            let got = cites(text);
            let got: Vec<Row<'_>> = got.iter().map(row).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn ocr_damaged_references() {
        let cases: &[(&str, &str, &str, &str, Option<&str>)] = &[
            (
                "Can ctir Nghi quyét s6 76/NQ-CP ngay 15/7/2021 caa Chinh phua ban hanh",
                "Nghị quyết",
                "76/NQ-CP",
                "NQ",
                Some("2021-07-15"),
            ),
            (
                "Can ctr Nghi dinh 118/2025/ND-CP ngay 09/6/2025 caa Chinh phu vé thuc",
                "Nghị định",
                "118/2025/ND-CP",
                "NĐ",
                Some("2025-06-09"),
            ),
            (
                "Can cir Quyét dinh s6 3401/QB-UBND ngay 26/7/2025 cia Uy ban nhan",
                "Quyết định",
                "3401/QB-UBND",
                "QĐ",
                Some("2025-07-26"),
            ),
            (
                "(Kém theo Quyét dinh sé: 464/0P-UBND ngay 31/7/2025",
                "Quyết định",
                "464/0P-UBND",
                "QĐ",
                Some("2025-07-31"),
            ),
        ];
        for &(text, doc_type, number, code, date) in cases {
            let c = &cites(text)[0];
            assert_eq!(c.doc_type.as_deref(), Some(doc_type), "{text}");
            assert_eq!(c.number.as_deref(), Some(number), "{text}");
            assert_eq!(c.type_code.as_deref(), Some(code), "{text}");
            assert_eq!(c.date.as_deref(), date, "{text}");
        }
        let c =
            &cites("Cian ctr Cong vin s6 4625/BNV-CCHC ngay 02/7/2025 caa Bo Noi vu vé viéc")[0];
        assert_eq!(c.doc_type.as_deref(), Some("Công văn"));
        assert_eq!(c.issuer.as_deref(), Some("Bo Noi vu"));
    }

    #[test]
    fn attached_to_with_blank_number() {
        for text in [
            "(Kèm theo Quyết định số         /QĐ-UBND ngày   30/7/2025 của UBND xã)",
            "(Kèm theo Quyết định số …/QĐ-UBND ngày 30/7/2025 của UBND xã)",
        ] {
            let c = parse_citation(text, 15, Role::AttachedTo).unwrap();
            assert_eq!(c.number, None);
            assert_eq!(c.seq, None);
            assert_eq!(c.doc_type.as_deref(), Some("Quyết định"));
            assert_eq!(c.type_code.as_deref(), Some("QĐ"));
            assert_eq!(c.issuer_code.as_deref(), Some("UBND"));
            assert_eq!(c.date.as_deref(), Some("2025-07-30"));
            assert_eq!(c.year, None); // not printed in the number
            assert_eq!(c.issuer.as_deref(), Some("UBND xã"));
            assert_eq!((c.role, c.line), (Role::AttachedTo, 15));
        }
        let c = parse_citation(
            "(Kèm theo Quyết định số: /QĐ-UBND ngày tháng 01 năm 2025 của Chủ tịch UBND xã Ngọc Liên)",
            28,
            Role::AttachedTo,
        )
        .unwrap();
        assert_eq!((c.number, c.date, c.year), (None, None, None));
        assert_eq!(c.issuer.as_deref(), Some("Chủ tịch UBND xã Ngọc Liên"));
    }

    #[test]
    fn bare_and_listed_numbers() {
        let c = cites("thực hiện theo 362/QĐ-UBND của xã");
        assert_eq!(c[0].raw, "362/QĐ-UBND của xã");
        assert_eq!(c[0].doc_type.as_deref(), Some("Quyết định"));
        let c = cites("theo 4625/BNV-CCHC ngày 02/7/2025");
        assert_eq!(c[0].doc_type.as_deref(), Some("Công văn"));
        let c = cites(
            "các Công văn số 284/SNNMT-CCMT ngày 21/7/2025, 912/SNNMT-CCMT ngày 13/8/2025 và 2856/SNNMT-CCMT",
        );
        assert_eq!(c.len(), 3);
        assert!(c.iter().all(|c| c.doc_type.as_deref() == Some("Công văn")));
        let c = cites("Nghị quyết số 140/NQ-CP2 và Văn bản số 1316/TTg-KTN ngày 10/8/2015");
        assert_eq!(c[0].number.as_deref(), Some("140/NQ-CP"));
        assert_eq!(c[1].doc_type.as_deref(), Some("Văn bản"));
        // line breaks inside numbers became spaces
        let c = cites("theo Nghị quyết số 71- NQ/TW của Bộ Chính trị và Nghị định số 289/2025/NĐ- CP ngày 06/11/2025");
        assert_eq!(c[0].number.as_deref(), Some("71-NQ/TW"));
        assert_eq!(c[0].issuer.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(c[1].number.as_deref(), Some("289/2025/NĐ-CP"));
        assert_eq!(c[1].date.as_deref(), Some("2025-11-06"));
        let c = cites("Nghị quyết 66.4/2025/NQ-CP ngày 21/9/2025");
        assert_eq!((c[0].seq, c[0].year), (Some(66), Some(2025)));
    }

    #[test]
    fn issuers_joined_by_comma_or_va() {
        let issuer = |t: &str| cites(t).first().and_then(|c| c.issuer.clone());
        // an-lao line 371, tue-tinh line 442
        let c = &cites("theo quy định tại Thông tư liên tịch số 71/2014/TTLT-BTC-BNV ngày 30 tháng 5 năm 2014 của Bộ Tài chính, Bộ Nội vụ quy định chế độ tự chủ, tự chịu trách nhiệm")[0];
        assert_eq!(c.issuer.as_deref(), Some("Bộ Tài chính, Bộ Nội vụ"));
        assert_eq!(
            c.raw,
            "Thông tư liên tịch số 71/2014/TTLT-BTC-BNV ngày 30 tháng 5 năm 2014 của Bộ Tài chính, Bộ Nội vụ"
        );
        assert_eq!(
            issuer("Thông tư liên tịch số 71/2014/TTLT-BTC-BNV ngày 30/5/2021 của liên Bộ Tài chính, Bộ Nội vụ quy định chế độ tự chủ").as_deref(),
            Some("liên Bộ Tài chính, Bộ Nội vụ")
        );
        let cases = [
            (
                "Quyết định số 5/QĐ-UBND của Bộ Tài chính và Bộ Nội vụ về việc",
                Some("Bộ Tài chính và Bộ Nội vụ"),
            ),
            (
                "Kết luận số 12-KL/TW của Bộ Chính trị, Ban Bí thư về",
                Some("Bộ Chính trị, Ban Bí thư"),
            ),
            (
                "Công văn số 7/UBND-VP của UBND tỉnh, Sở Nội vụ, Sở Tài chính hướng dẫn",
                Some("UBND tỉnh, Sở Nội vụ, Sở Tài chính"),
            ),
            (
                "Quyết định số 9/QĐ-TTg của Thủ tướng Chính phủ, Chính phủ;",
                Some("Thủ tướng Chính phủ, Chính phủ"),
            ),
            (
                "Căn cứ Chương trình số 12-CTr/BCĐ ngày 30 tháng 12 năm 2025 của Ban Chỉ đạo Trung ương về hoàn thiện thể chế",
                Some("Ban Chỉ đạo Trung ương"),
            ),
            (
                "Công văn số 3/BTP-VP của Bộ trưởng Bộ Tư pháp về việc",
                Some("Bộ trưởng Bộ Tư pháp"),
            ),
            // a table row read whole: the next cell is not part of the issuer (dev/nq97)
            (
                "theo Nghị quyết số 71- NQ/TW của Bộ Chính trị Bộ Giáo dục và Đào tạo Các bộ, cơ quan ngang bộ",
                Some("Bộ Chính trị"),
            ),
            (
                "Kết luận số 218-KL/TW, ngày 24/11/2025 của Bộ Chính trị Kỳ họp thứ",
                Some("Bộ Chính trị"),
            ),
            (
                "Văn bản số 10699/BNNMT-ĐCKS ngày 23/12/2025 của Bộ Nông nghiệp và Môi trường 7.1. Kết quả thực hiện",
                Some("Bộ Nông nghiệp và Môi trường"),
            ),
            // what follows the comma is a clause or another reference, not an authority
            (
                "Nghị định số 45/2020/NĐ-CP của Chính phủ, đảm bảo đúng quy định",
                Some("Chính phủ"),
            ),
            (
                "Nghị định số 45/2020/NĐ-CP của Chính phủ, Bộ luật Lao động",
                Some("Chính phủ"),
            ),
            (
                "Nghị định số 45/2020/NĐ-CP của Chính phủ, Số liệu báo cáo",
                Some("Chính phủ"),
            ),
            (
                "Kế hoạch số 5/KH-UBND của UBND tỉnh, Sở, ngành liên quan",
                Some("UBND tỉnh"),
            ),
            (
                "Kế hoạch số 5/KH-UBND của Sở Nội vụ, UBND, HĐND",
                Some("Sở Nội vụ, UBND, HĐND"),
            ),
            (
                "Nghị quyết số 57-NQ/TW của Bộ Chính trị, Nghị quyết số 03/NQ-CP của Chính phủ",
                Some("Bộ Chính trị"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(issuer(text).as_deref(), want, "{text}");
        }
        let c =
            cites("Nghị quyết số 57-NQ/TW của Bộ Chính trị, Nghị quyết số 03/NQ-CP của Chính phủ");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn issuer_written_before_the_reference() {
        let issuers =
            |t: &str| -> Vec<Option<String>> { cites(t).into_iter().map(|c| c.issuer).collect() };
        let s = |v: &str| Some(v.to_string());
        // tue-tinh line 47
        assert_eq!(
            issuers("Theo đề nghị của Phòng Văn hóa-Xã hội tại Tờ trình số 29/UBND-VHXH ngày 28/7/2025."),
            [s("Phòng Văn hóa-Xã hội")]
        );
        // ngoc-lien lines 272, 387; an-lao line 914: the list after "tại" shares the issuer
        assert_eq!(
            issuers("chính theo đúng quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Nghị định số 107/2021/NĐ-CP"),
            [s("Chính phủ"), s("Chính phủ")]
        );
        assert_eq!(
            issuers("theo hướng dẫn của Sở Nội vụ tại các Công văn số 12/SNV-CCHC, 15/SNV-CCHC"),
            [s("Sở Nội vụ"), s("Sở Nội vụ")]
        );
        assert_eq!(
            issuers("theo quy định của Chính phủ tại khoản 2 Điều 5 Nghị định số 45/2020/NĐ-CP;"),
            [s("Chính phủ")]
        );
        assert_eq!(
            issuers(
                "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 10/TTr-SNV ngày 02/01/2025."
            ),
            [s("Giám đốc Sở Nội vụ")]
        );
        assert_eq!(
            issuers("Theo de nghi cua Truong phong Noi vu tai To trinh s6 10/TTr-NV"),
            [s("Truong phong Noi vu")]
        );
        // dev/laocai_ubnd_bc_khoangsan line 97, dev/nq97 line 40
        assert_eq!(
            issuers("được ủy quyền của Thủ tướng Chính phủ tại Văn bản số 1316/TTg-KTN ngày 10/8/2015, Ủy ban nhân dân tỉnh Yên Bái"),
            [s("Thủ tướng Chính phủ")]
        );
        assert_eq!(
            issuers("kèm theo Chương trình hành động của Chính phủ  tại Nghị quyết số 140/NQ-CP ngày 17 tháng 5 năm 2025 như sau:"),
            [s("Chính phủ")]
        );
        // a reference with its own issuer keeps it; a different type in the list gets none
        assert_eq!(
            issuers("theo đề nghị của Sở Nội vụ tại Tờ trình số 5/TTr-SNV của Phòng Nội vụ"),
            [s("Phòng Nội vụ")]
        );
        assert_eq!(
            issuers("theo quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Thông tư số 01/2023/TT-BNV"),
            [s("Chính phủ"), None]
        );
        // not an authority's own words, or "của" belongs to the reference before
        for text in [
            "thực hiện nhiệm vụ của UBND xã tại Kế hoạch số 12/KH-UBND",
            "theo quy định của pháp luật tại Nghị định số 45/2020/NĐ-CP",
            "theo đề nghị của mình tại Tờ trình số 5/TTr-SNV",
            "theo đề nghị của Sở Nội vụ về Tờ trình số 5/TTr-SNV",
        ] {
            assert_eq!(issuers(text), [None], "{text}");
        }
        assert_eq!(
            issuers("Quyết định số 2/QĐ-UBND của UBND tỉnh tại Tờ trình số 5/TTr-SNV"),
            [s("UBND tỉnh"), None]
        );
    }

    /// Task-table cells whose lines the clean-up stage used to give as separate blocks, joined
    /// with spaces as the table reader now passes them.
    #[test]
    fn references_joined_across_cell_lines() {
        // an-lao lines 1035-1037
        let c = cites("Tổng hợp kết quả đánh giá theo Bộ chỉ số Quyết định 766 trên Cổng dịch vụ công quốc gia");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].raw, "Quyết định 766");
        assert_eq!(c[0].doc_type.as_deref(), Some("Quyết định"));
        assert_eq!((c[0].number.as_deref(), c[0].seq), (Some("766"), Some(766)));
        // an-lao lines 912-914
        let c = cites("Thực hiện, hồ sơ số hóa kết quả giải quyết TTHC quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP và Nghị định số 107/2021/NĐ-CP");
        let got: Vec<Row<'_>> = c.iter().map(row).collect();
        assert_eq!(
            got,
            [
                (
                    "Nghị định số 45/2020/NĐ-CP",
                    Some("Nghị định"),
                    Some("45/2020/NĐ-CP"),
                    Some("NĐ"),
                    Some("CP"),
                    Some(2020),
                    None,
                    Some("Chính phủ")
                ),
                (
                    "Nghị định số 107/2021/NĐ-CP",
                    Some("Nghị định"),
                    Some("107/2021/NĐ-CP"),
                    Some("NĐ"),
                    Some("CP"),
                    Some(2021),
                    None,
                    Some("Chính phủ")
                ),
            ]
        );
        // an-lao lines 1127-1131
        let c = cites("Tiếp tục tham mưu, triển khai thực hiện Nghị định số 120/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập");
        let got: Vec<Row<'_>> = c.iter().map(row).collect();
        assert_eq!(
            got,
            [(
                "Nghị định số 120/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ",
                Some("Nghị định"),
                Some("120/2020/NĐ-CP"),
                Some("NĐ"),
                Some("CP"),
                Some(2020),
                Some("2020-10-07"),
                Some("Chính phủ")
            )]
        );
        // an-lao lines 1301-1342 (a page break and a repeated table header between)
        let c = cites("Đẩy mạnh việc thực hiện cơ chế tự chủ, xã hội hoá, nhất là trong lĩnh vực giáo dục và đào tạo, giáo dục nghề nghiệp, y tế, dân số - kế hoạch hóa gia đình, thể dục, thể thao, khoa học và công nghệ, đảm bảo đúng lộ trình tại Quyết định số 1036/QĐ-UBND ngày 07/4/2021 của Ủy ban nhân dân thành phố phê duyệt Đề án chuyển đổi cơ chế tài chính đơn vị sự nghiệp công lập trên địa bàn thành phố.");
        let got: Vec<Row<'_>> = c.iter().map(row).collect();
        assert_eq!(
            got,
            [(
                "Quyết định số 1036/QĐ-UBND ngày 07/4/2021 của Ủy ban nhân dân thành phố",
                Some("Quyết định"),
                Some("1036/QĐ-UBND"),
                Some("QĐ"),
                Some("UBND"),
                None,
                Some("2021-04-07"),
                Some("Ủy ban nhân dân thành phố")
            )]
        );
        // dev/nq97 lines 595-596 and 608-618 (one word a line in a narrow column)
        for text in [
            "Tiếp tục thể chế hóa đầy đủ, kịp thời các chủ trương, định hướng phát triển giáo dục và đào tạo theo Nghị quyết số 71- NQ/TW của Bộ Chính trị",
            "định hướng phát triển giáo dục và đào tạo theo Nghị quyết số 71- NQ/TW của Bộ Chính trị được trình Ban Chỉ đạo Trung ương về hoàn thiện thể chế",
        ] {
            let c = cites(text);
            assert_eq!(c.len(), 1, "{text}");
            assert_eq!(c[0].raw, "Nghị quyết số 71- NQ/TW của Bộ Chính trị");
            assert_eq!(c[0].number.as_deref(), Some("71-NQ/TW"));
            assert_eq!(c[0].issuer.as_deref(), Some("Bộ Chính trị"));
            assert_eq!(c[0].year, None);
        }
        // a block made of the cell's lines keeps each reference's own source line
        let b = block(
            &[
                "Tiếp tục tham mưu, triển khai thực hiện Nghị định",
                "số 120/2020/NĐ-CP ngày 07 tháng 10 năm 2020",
                "của Chính phủ quy định về thành lập, tổ chức lại,",
            ],
            1127,
        );
        let c = find_citations(&b, Role::Reference);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].line, c[0].issuer.as_deref()),
            (1127, Some("Chính phủ"))
        );
    }

    #[test]
    fn party_documents() {
        let cases = [
            (
                "quán triệt Chỉ thị số 11-CT/TU ngày 05/3/2021 của Ban Thường vụ Tỉnh ủy về",
                "Chỉ thị",
                "11-CT/TU",
                "CT",
                "TU",
                Some("Ban Thường vụ Tỉnh ủy"),
            ),
            (
                "theo Hướng dẫn số 12-HD/TW của Ban Tổ chức Trung ương",
                "Hướng dẫn",
                "12-HD/TW",
                "HD",
                "TW",
                Some("Ban Tổ chức Trung ương"),
            ),
            (
                "Quy định số 05-QĐi/TW",
                "Quy định",
                "05-QĐi/TW",
                "QĐi",
                "TW",
                None,
            ),
            (
                "Kết luận số 182-KL/TW",
                "Kết luận",
                "182-KL/TW",
                "KL",
                "TW",
                None,
            ),
            (
                "Kế hoạch số 42-KH/ĐU ngày 11/02/2026",
                "Kế hoạch",
                "42-KH/ĐU",
                "KH",
                "ĐU",
                None,
            ),
            (
                "Chương trình hành động số 12-CTr/BCĐ ngày 30 tháng 12 năm 2025",
                "Chương trình",
                "12-CTr/BCĐ",
                "CTr",
                "BCĐ",
                None,
            ),
        ];
        for (text, doc_type, number, code, issuer_code, issuer) in cases {
            let c = &cites(text)[0];
            assert_eq!(c.doc_type.as_deref(), Some(doc_type), "{text}");
            assert_eq!(c.number.as_deref(), Some(number), "{text}");
            assert_eq!(c.type_code.as_deref(), Some(code), "{text}");
            assert_eq!(c.issuer_code.as_deref(), Some(issuer_code), "{text}");
            assert_eq!(c.issuer.as_deref(), issuer, "{text}");
        }
    }

    #[test]
    fn short_forms() {
        let c = cites("thực hiện Quyết định 766 của UBND tỉnh về việc");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].raw, "Quyết định 766 của UBND tỉnh");
        assert_eq!((c[0].number.as_deref(), c[0].seq), (Some("766"), Some(766)));
        assert_eq!(
            cites("phục vụ chuyển đổi số và Đề án 06.")[0].raw,
            "Đề án 06"
        );
        assert_eq!(
            cites("Thực hiện Đề án số 08 về phát triển")[0]
                .number
                .as_deref(),
            Some("08")
        );
        for text in [
            "Kế hoạch 6 tháng cuối năm 2025",
            "Kế hoạch năm 2025",
            "báo cáo 6 tháng",
            "Chương trình 135",
            "quyết định 766",
        ] {
            assert!(cites(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn laws_by_name() {
        let names =
            |t: &str| -> Vec<String> { cites(t).into_iter().filter_map(|c| c.name).collect() };
        assert_eq!(
            names("theo Luật Ban hành văn bản quy phạm pháp luật."),
            ["Luật Ban hành văn bản quy phạm pháp luật"]
        );
        assert_eq!(
            names("Thực hiện nghiêm túc Luật Quản lý, sử dụng tài sản công và các văn bản"),
            ["Luật Quản lý, sử dụng tài sản công"]
        );
        assert_eq!(
            names("theo quy định của Luật Đầu tư, Luật Đầu tư công."),
            ["Luật Đầu tư", "Luật Đầu tư công"]
        );
        assert_eq!(
            names("theo Luật Bảo vệ môi trường số 72/2020/QH14 và các văn bản"),
            ["Luật Bảo vệ môi trường"]
        );
        assert_eq!(
            names(
                "tuân thủ Bộ luật Lao động, Luật Bảo hiểm xã hội; Luật an toàn, vệ sinh lao động"
            ),
            [
                "Bộ luật Lao động",
                "Luật Bảo hiểm xã hội",
                "Luật an toàn, vệ sinh lao động"
            ]
        );
        assert_eq!(
            names("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ có hiệu lực"),
            ["Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ"]
        );
        assert_eq!(
            names("theo Luật Thanh tra và các văn bản hướng dẫn"),
            ["Luật Thanh tra"]
        );
        assert_eq!(
            names("Luật sửa đổi Luật Địa chất và khoáng sản năm 2025 quy định"),
            ["Luật sửa đổi Luật Địa chất và khoáng sản"]
        );
        let c = &cites("quy định tại Luật BVMT 2020.")[0];
        assert_eq!((c.name.as_deref(), c.year), (Some("Luật BVMT"), None));
        assert_eq!(c.raw, "Luật BVMT 2020");
        assert_eq!(
            names("Luật Các tổ chức tín dụng số 32/2024/QH15"),
            ["Luật Các tổ chức tín dụng"]
        );
        assert_eq!(
            names("Pháp lệnh Ưu đãi người có công với cách mạng"),
            ["Pháp lệnh Ưu đãi người có công với cách mạng"]
        );
        let c = &cites("Hiến pháp năm 2013")[0];
        assert_eq!(
            (c.doc_type.as_deref(), c.raw.as_str(), c.year),
            (Some("Hiến pháp"), "Hiến pháp năm 2013", None)
        );
        for text in [
            "chấp hành pháp luật",
            "kỷ luật, kỷ cương",
            "các văn bản quy định chi tiết thi hành Luật. Tăng cường",
            "HOÀN THIỆN PHÁP LUẬT ĐÁP ỨNG YÊU CẦU",
            "Luật này có hiệu lực thi hành từ ngày 01/7/2025.",
            "các quy định của Luật nêu trên",
        ] {
            assert!(cites(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn not_citations() {
        for text in [
            "Cụ thể hóa mục tiêu nêu tại Kế hoạch này thành Kế hoạch hằng năm",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "Tiếp tục triển khai Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030",
            "chi tiết tại Phụ lục số 01 kèm theo",
            "duy trì áp dụng Tiêu chuẩn TCVN ISO 9001:2015 tại Ủy ban",
            "Số: 362/QĐ-UBND",
            "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG Số:       /KH-SCT | CỘNG HOÀ",
            "S6: 464/QD-UBND; 13/08/2025; 7:54:41 +07:00",
            "đạt 12%/năm trong giai đoạn 2026-2030",
            "đáp ứng QCVN 06:2022/BXD về an toàn cháy",
            "CÔNG BÁO/Số 238/Ngày 21-04-2026",
        ] {
            assert!(cites(text).is_empty(), "{text}: {:?}", cites(text));
        }
    }

    #[test]
    fn own_number_only_when_asked() {
        assert!(parse_citation("Số: 362/QĐ-UBND", 19, Role::Reference).is_none());
        let c = parse_citation("Số: 362/QĐ-UBND", 19, Role::SelfRef).unwrap();
        assert_eq!(
            (c.number.as_deref(), c.role, c.line),
            (Some("362/QĐ-UBND"), Role::SelfRef, 19)
        );
        assert_eq!(c.doc_type.as_deref(), Some("Quyết định"));
    }

    #[test]
    fn never_panics_on_any_slice() {
        let s = "(Kèm theo Quyết định số …/QĐ-UBND ngày 30/7/2025 của UBND xã) Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Phòng cháy, chữa cháy năm 2019; Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Quyết định 766; Số: 362/QÐ-UBND; Nghi dinh s6 118/2025/ND-CP ngay 09/6/2025 caa Chinh phu “Uỷ ban” ¢)";
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        for (k, &a) in starts.iter().enumerate() {
            for &b in starts.iter().skip(k).step_by(5) {
                let _ = parse_citation(&s[a..b], 1, Role::Reference);
            }
        }
    }

    #[test]
    fn lines_and_tone_variants() {
        let b = block(
            &[
                "quy định tại Thông tư liên tịch số",
                "71/2014/TTLT-BTC-BNV ngày 30 tháng 5 năm 2014 của liên Bộ; Quyết định số",
                "3041/QĐ-UBND ngày 26/7/2025 của Uỷ ban nhân dân thành phố Hải Phòng về việc",
            ],
            440,
        );
        let c = find_citations(&b, Role::Basis);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].line, c[1].line), (440, 441));
        assert_eq!(
            c[1].issuer.as_deref(),
            Some("Uỷ ban nhân dân thành phố Hải Phòng")
        );
        assert_eq!(c[1].role, Role::Basis);
        let issuer = |t: &str| cites(t).first().and_then(|c| c.issuer.clone());
        assert_eq!(
            issuer("Công văn số 1/BKHĐT-TH của Bộ Kế hoạch và Đầu tư về việc").as_deref(),
            Some("Bộ Kế hoạch và Đầu tư")
        );

        assert_eq!(
            issuer("Nghị định số 111/2025/NĐ-CP ngày 22/5/2025 của Chính phủ Về việc sửa đổi")
                .as_deref(),
            Some("Chính phủ")
        );
        assert_eq!(
            issuer("Quyết định số 2/QĐ-UBND của UBND tỉnh tại Tờ trình").as_deref(),
            Some("UBND tỉnh")
        );
        assert_eq!(issuer("Kế hoạch số 5/KH-UBND của mình"), None);
        assert_eq!(
            issuer("Thông tư liên tịch số 71/2014/TTLT-BTC-BNV của liên Bộ Tài chính, Bộ Nội vụ")
                .as_deref(),
            Some("liên Bộ Tài chính, Bộ Nội vụ")
        );
        assert_eq!(
            issuer("Quyết định số 3401/QĐ-UBND ngày 26/7/2025 cia Uy ban nhan dan thanh phé Hai Phong vé viéc")
                .as_deref(),
            Some("Uy ban nhan dan thanh phé Hai Phong")
        );
        let a = cites("của Ủy ban nhân dân tỉnh Thanh Hóa")
            .len()
            .max(cites("Quyết định số 1/QĐ-UBND của Ủy ban nhân dân tỉnh Thanh Hoá").len());
        assert_eq!(a, 1);
    }
}
