//! Candidate lattice and beam/Viterbi decoding under LM × channel.

use std::borrow::Cow;

use crate::fxmap::{FxMap as HashMap, FxSet as HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::channel::Channel;
use crate::codes::Codes;
use crate::lm::{Lm, BOS, COMMA, EOS, NUM, SPECIALS, UNK};
use crate::syllable::{apply_case, canonical, case_of, skeleton, split_tone, Case};
use crate::token::{after_name_capital, case_informative, phrase_break, sentence_break, tokens};
use crate::{Edit, LineRepair, Mode};

/// Weight of the language model (natural-log units per log10 unit are applied separately).
const LM_WEIGHT: f32 = 1.0;
/// Channel cost of keeping an unrecognised token as it is.
const KEEP_COST: f32 = 10.0;
/// Candidates per position.
const MAX_CANDS: usize = 12;
/// An accent-stripped word's readings seen this many times less often than its most frequent
/// reading are no candidates: with 15,000 every eval output is the same and 1.5 % fewer
/// instructions are spent on accent-stripped text; with 3,000, 7.8 % fewer, but `dạn` is read
/// `dân` twice and one `Đông` is read right (one error more); with 1,000, 13.6 % fewer and
/// 99.46 % on (a) instead of 99.47 %.
const STRIPPED_COUNT_RATIO: u64 = 15_000;
/// Beam width (states kept per position).
const BEAM: usize = 10;
/// States this far (natural log) below the best of their step leave the beam: 14 changes no
/// output of the eval texts, the dev files or the fixtures (12 changes one OCR token since a
/// sentence's lines are decoded as one lattice).
const BEAM_MARGIN: f32 = 14.0;
/// Channel cost above which an OCR candidate is dropped.
const MAX_CHANNEL: f32 = 12.0;
/// Cost of keeping a short number in an OCR line.
const SHORT_NUMBER_KEEP: f32 = 2.0;
/// Weight of P(case | word).
const CASE_WEIGHT: f32 = 1.0;
/// Weight of the channel cost in OCR lines (tuned on the leave-one-out pairs).
const CHANNEL_WEIGHT: f32 = 1.4;
/// Weight of the document prior (see [`Sentence::redecode`]), in nats per nat of its log
/// probability; 0.3–0.7 measured alike on the eval, 1.0 and 2.0 worse (99.32, 98.99 % on (a)).
const DOC_PRIOR_WEIGHT: f32 = 0.5;
/// Additive smoothing of the document prior: each candidate of a slot counts as if the rest of
/// the document had chosen it this many times.
const DOC_PRIOR_ALPHA: f32 = 2.0;
/// The second decode covers this many tokens either side of each token whose reading the
/// document prior disputes (see [`Sentence::redecode`]). With 1 or 2 every eval output is the
/// same as decoding whole sentences again; 2 saves 9.5 % of the instructions on
/// accent-stripped text (12.13 → 10.98 M per pass of the bench), 1 saves 13 %.
pub(crate) const DOC_WINDOW: usize = 2;
/// Nats of slack in the bound that lets the second decode skip a stretch (see
/// [`Sentence::redecode`]): the first pass's margins come from the beam, which may have dropped
/// the best path through another reading (with 0.01, one stretch of the eval texts that the
/// second decode changes was skipped; with 3.0 none).
const PRIOR_SLACK: f32 = 3.0;
/// Cost of keeping an unknown token in a line that otherwise looks like correct Vietnamese.
const KEEP_IN_CLEAN_LINE: f32 = 3.0;
/// Cost of reading a word-initial P as Đ in an otherwise plain line.
const P_FOR_D_COST: f32 = 4.0;

/// Known abbreviations and codes that pass through unchanged.
pub const ABBREVIATIONS: &[&str] = &[
    "UBND", "HĐND", "QĐ", "TTHC", "CCHC", "NĐ", "CP", "NĐ-CP", "PAR", "INDEX", "SIPAS", "PCI",
    "PAPI", "TTg", "NQ", "TU", "HU", "MTTQ", "CNTT", "KT-XH", "KTXH", "ĐU", "BCĐ", "BNV", "BTC",
    "VPCP", "QH", "UBTVQH", "TW", "ATLĐ", "ICT", "VNeID", "DVC", "DVCTT", "HCC", "KH", "BC", "TB",
    "CV", "CT", "VP", "SNV", "BHXH", "BHYT", "GDĐT", "GD&ĐT", "THCS", "THPT", "PCCC", "CNCH",
    "CSDL", "TP", "UBMTTQ", "HTX", "CCN", "ĐTM", "VBQPPL", "QPPL", "PL", "KCN", "TTĐT", "HĐQT",
    "BCH", "ĐBQH", "TNMT", "NN&PTNT", "GTVT", "LĐTBXH", "ISO", "TCVN", "QCVN", "GDP", "GRDP",
    "FDI", "ODA", "PPP", "COVID", "ASEAN", "WTO", "CPTPP", "EVFTA", "USD", "VND", "VNĐ", "KPI",
    "IT", "AI", "OCR", "PDF", "QR", "GPS", "SMS", "BTS", "LED", "ATTP", "VSATTP", "HIV", "AIDS",
    "CCVC", "CBCCVC", "OCOP", "IOC", "LGSP", "NDXP", "VPĐT", "VNPT", "FPT",
];

/// Document-type codes used to repair document numbers.
const DOC_CODES: &[&str] = &[
    "QĐ", "NĐ", "NQ", "CP", "UBND", "HĐND", "TTg", "TT", "KH", "BC", "CV", "TB", "CT", "TU", "HU",
    "BNV", "BTC", "VPCP", "QH", "ĐU", "BCĐ", "BKHĐT", "UBTVQH", "BTP", "SNV", "VP", "BCA", "BXD",
    "SCT", "BTNMT", "BNNPTNT", "BYT", "BGDĐT", "TTr", "HD", "CCHC", "TCCB", "SXD", "STC", "ĐA",
    "CTr", "VNĐ", "TTĐT", "BCĐ", "HĐND", "ĐBQH",
];

fn confusable(o: char, k: char) -> bool {
    o == k
        || matches!(
            (o, k),
            ('0', 'Q')
                | ('O', 'Q')
                | ('P', 'Đ')
                | ('B', 'Đ')
                | ('D', 'Đ')
                | ('0', 'Đ')
                | ('O', 'Đ')
                | ('8', 'B')
                | ('1', 'T')
                | ('1', 'I')
                | ('l', 'I')
                | ('0', 'O')
                | ('5', 'S')
        )
}

/// Repair the letter codes of a document number ("464/0P-UBND" → "464/QĐ-UBND").
pub fn fix_doc_number(core: &str) -> Option<String> {
    if !core.contains('/') || !core.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut changed = false;
    let mut out = String::with_capacity(core.len() + 4);
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String, changed: &mut bool| {
        if !part.is_empty()
            && part.chars().any(|c| c.is_alphabetic())
            && !DOC_CODES.contains(&part.as_str())
        {
            let pc: Vec<char> = part.chars().collect();
            for k in DOC_CODES {
                let kc: Vec<char> = k.chars().collect();
                if kc.len() == pc.len()
                    && pc.iter().zip(&kc).all(|(o, k)| confusable(*o, *k))
                    && pc.iter().zip(&kc).filter(|(o, k)| o != k).count() <= 2
                {
                    out.push_str(k);
                    part.clear();
                    *changed = true;
                    return;
                }
            }
        }
        out.push_str(part);
        part.clear();
    };
    for c in core.chars() {
        if c == '/' || c == '-' {
            flush(&mut part, &mut out, &mut changed);
            out.push(c);
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out, &mut changed);
    changed.then_some(out)
}

/// A lattice position.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// (LM id, channel cost, lowercase text; empty text = keep the original).
    cands: Vec<(u32, f32)>,
    /// A sentence ends after this token ([`sentence_break`]): the model reads `</s>` and
    /// starts again from `<s> <s>`.
    stop: bool,
    /// A phrase break follows ([`phrase_break`]): the model reads `<,>` after the word.
    comma: bool,
}

impl Slot {
    /// The model's context after this slot, from `ctx`, the context ending with the slot's word:
    /// `<s> <s>` after a sentence end, the word and `<,>` after a phrase break.
    fn after_word(&self, (u, v): Ctx) -> Ctx {
        if self.stop {
            (BOS, BOS)
        } else if self.comma {
            (v, COMMA)
        } else {
            (u, v)
        }
    }
}

/// The decoder's prepared indexes.
#[derive(Debug, Clone)]
pub struct Index {
    by_skel: HashMap<String, Vec<u32>>,
    /// The chars of each skeleton and its words (`by_skel` of it), by skeleton number.
    skel_chars: Vec<(Vec<char>, Vec<u32>)>,
    dels: HashMap<String, Vec<u32>>,
    abbrevs: HashSet<String>,
    /// Canonical syllable → LM id.
    ids: HashMap<String, u32>,
    /// Codes learned in training (`NSDP` → `NSĐP`).
    codes: Codes,
    /// This model's number, distinct for each model loaded by the process ([`Words`]).
    model: u64,
}

fn deletions(s: &str, depth: usize, out: &mut Vec<String>) {
    out.push(s.to_string());
    if depth == 0 || s.chars().count() <= 1 {
        return;
    }
    let cs: Vec<char> = s.chars().collect();
    for i in 0..cs.len() {
        let d: String = cs[..i].iter().chain(&cs[i + 1..]).collect();
        deletions(&d, depth - 1, out);
    }
}

/// Levenshtein distance of two words; rows on the stack for the usual short words.
fn lev(a: &[char], b: &[char]) -> usize {
    const SMALL: usize = 32;
    if b.len() < SMALL {
        lev_rows(a, b, &mut [0usize; SMALL], &mut [0usize; SMALL])
    } else {
        lev_rows(a, b, &mut vec![0; b.len() + 1], &mut vec![0; b.len() + 1])
    }
}

/// Levenshtein distance with two rows of at least `b.len() + 1` cells.
fn lev_rows<'r>(
    a: &[char],
    b: &[char],
    mut prev: &'r mut [usize],
    mut cur: &'r mut [usize],
) -> usize {
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Minimum count for a syllable to be a candidate.
const MIN_COUNT: u32 = 2;

impl Index {
    /// Build from the LM vocabulary and the learned codes.
    pub fn new(lm: &Lm, codes: Codes) -> Index {
        let mut by_skel: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, w) in lm.vocab.iter().enumerate().skip(SPECIALS as usize) {
            if lm.counts.get(i).copied().unwrap_or(0) >= MIN_COUNT {
                by_skel.entry(skeleton(w)).or_default().push(i as u32);
            }
        }
        for v in by_skel.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(lm.counts[i as usize]));
        }
        let mut skels: Vec<String> = by_skel.keys().cloned().collect();
        skels.sort();
        let mut dels: HashMap<String, Vec<u32>> = HashMap::default();
        let mut buf = Vec::new();
        for (si, s) in skels.iter().enumerate() {
            buf.clear();
            deletions(s, 2, &mut buf);
            buf.sort();
            buf.dedup();
            for d in &buf {
                dels.entry(d.clone()).or_default().push(si as u32);
            }
        }
        let abbrevs = ABBREVIATIONS.iter().map(|s| s.to_string()).collect();
        let ids = lm
            .vocab
            .iter()
            .enumerate()
            .skip(SPECIALS as usize)
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        let skel_chars = skels
            .iter()
            .map(|s| {
                let words = by_skel.get(s).cloned().unwrap_or_default();
                (s.chars().collect(), words)
            })
            .collect();
        Index {
            by_skel,
            skel_chars,
            dels,
            abbrevs,
            ids,
            codes,
            model: MODELS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Skeleton variants of an OCR token (digits and symbols read as letters).
fn ocr_variants(lower: &str) -> Vec<String> {
    let mut out = char_variants(lower);
    // multi-letter misreadings of ư inside a word: ctir, chirc, chtrc → cu, chuc
    for pat in ["tir", "ir", "tr"] {
        if let Some(pos) = lower.get(1..).and_then(|r| r.find(pat)).map(|p| p + 1) {
            let v = format!("{}u{}", &lower[..pos], &lower[pos + pat.len()..]);
            out.extend(char_variants(&v));
        }
    }
    out.truncate(12);
    out
}

fn char_variants(lower: &str) -> Vec<String> {
    let mut vars: Vec<String> = vec![String::new()];
    for c in lower.chars() {
        let opts: &[char] = match c {
            '0' => &['o', 'd'],
            '1' => &['l', 'i'],
            '4' => &['a'],
            '6' => &['o'],
            '3' => &['e'],
            '5' => &['s'],
            '8' => &['b'],
            '&' => &['a', 'e'],
            '¢' => &['c'],
            '€' => &['o', 'e'],
            '§' => &['o'],
            '@' => &['a'],
            'q' => &['o', 'q'],
            'w' => &['u', 'w'],
            _ => &[],
        };
        if opts.is_empty() {
            let s = crate::syllable::skeleton_char(c);
            for v in &mut vars {
                v.push(s);
            }
        } else {
            let mut next = Vec::with_capacity(vars.len() * opts.len());
            for v in &vars {
                for o in opts {
                    let mut n = v.clone();
                    n.push(*o);
                    next.push(n);
                }
            }
            next.truncate(8);
            vars = next;
        }
    }
    vars
}

fn is_number(core: &str) -> bool {
    core.chars().any(|c| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':' | '%'))
}

fn is_url_or_mail(core: &str) -> bool {
    core.contains("://") || core.starts_with("www.") || (core.contains('@') && core.contains('.'))
}

fn has_marks(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_alphabetic()
            && !c.is_ascii()
            && crate::syllable::skeleton_char(c.to_lowercase().next().unwrap_or(c)).is_ascii()
    })
}

/// What a token is, before decoding.
#[derive(Clone)]
enum Kind {
    /// Pass through; LM class.
    Fixed(u32),
    /// Pass through with a rule-based replacement.
    Replace(u32, String, f32),
    /// Valid syllable (canonical form, id).
    Syllable(u32),
    /// Word-like but not a valid syllable.
    Invalid,
    /// One or two digits: a number, or in OCR lines possibly a misread word ("6" → "ở").
    ShortNumber,
}

fn roman_fix(core: &str) -> Option<String> {
    let ok = core.len() >= 2
        && core
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | '1' | 'l'))
        && core.contains('I')
        && core.chars().any(|c| c == '1' || c == 'l');
    ok.then(|| core.replace(['1', 'l'], "I"))
}

/// A unit of decoding: a whitespace token's core, or one part of a hyphenated core.
struct Unit<'a> {
    core_byte: usize,
    column: usize,
    /// Punctuation before the core (`(` of `(kể`); empty for the later parts of a split core.
    lead: &'a str,
    core: &'a str,
    /// Bytes after the core that belong to the unit (OCR junk like `’` in `st’`).
    junk: usize,
    trail: &'a str,
}

fn units<'a>(line: &'a str) -> (usize, Vec<Unit<'a>>) {
    let toks = tokens(line);
    let mut out = Vec::with_capacity(toks.len());
    for t in &toks {
        if t.core.is_empty() {
            continue;
        }
        let parts_ok = |p: &str| {
            let mixed = p.chars().any(|c| c.is_ascii_digit()) && p.chars().any(char::is_alphabetic);
            !p.is_empty() && !mixed
        };
        // words joined by a hyphen, a slash or an ellipsis ("mặt bằng…để") are decoded apart
        const JOINS: [char; 3] = ['-', '/', '…'];
        let splittable = t.core.contains(JOINS)
            && t.core.split(JOINS).all(parts_ok)
            && t.core.chars().any(char::is_lowercase)
            && fix_doc_number(t.core).is_none()
            && fix_code(t.core).is_none()
            && !crate::codes::is_slash_abbreviation(t.core);
        if splittable {
            let mut off = 0usize;
            let parts: Vec<&str> = t.core.split(JOINS).collect();
            let last = parts.len() - 1;
            for (pi, p) in parts.iter().enumerate() {
                let col = t.column + t.core[..off].chars().count();
                let end = off + p.len();
                let sep = t.core[end..].chars().next().map_or(0, char::len_utf8);
                out.push(Unit {
                    core_byte: t.core_byte + off,
                    column: col,
                    lead: if pi == 0 { t.lead } else { "" },
                    core: p,
                    junk: 0,
                    trail: if pi == last {
                        t.trail
                    } else {
                        &t.core[end..end + sep]
                    },
                });
                off = end + sep;
            }
        } else {
            out.push(Unit {
                core_byte: t.core_byte,
                column: t.column,
                lead: t.lead,
                core: t.core,
                junk: 0,
                trail: t.trail,
            });
        }
    }
    (toks.len(), out)
}

fn vietnamese_only(c: char) -> bool {
    let l = c.to_lowercase().next().unwrap_or(c);
    if l == 'đ' {
        return true;
    }
    match split_tone(l) {
        Some((b, t)) => matches!(b, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư') || matches!(t, 3..=5),
        None => false,
    }
}

fn is_roman(core: &str) -> bool {
    !core.is_empty() && core.len() <= 5 && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A lowercase Roman list marker of two letters or more before a closing parenthesis: "(ii)",
/// "iv)" (one letter, "i)" "v)" "x)", is left to the letter-marker rules).
fn is_roman_marker(core: &str, trail: &str) -> bool {
    trail.starts_with(')')
        && matches!(
            core,
            "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix" | "xi" | "xii"
        )
}

/// Fix the letter segments of a code joined by `/`, `-` or `&` ("HDND&UBND" → "HĐND&UBND").
fn fix_code(core: &str) -> Option<String> {
    let bare_code = core.chars().count() >= 3
        && core.chars().all(|c| c.is_uppercase())
        && !skeleton(core)
            .chars()
            .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    if !core.contains(['-', '&', '/']) && !bare_code {
        return None;
    }
    let segs: Vec<&str> = core.split(['-', '&', '/']).collect();
    let codeish = segs.iter().all(|s| {
        s.chars().all(|c| c.is_ascii_digit())
            || s.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
    });
    if !codeish || !segs.iter().any(|s| s.chars().any(|c| c.is_alphabetic())) {
        return None;
    }
    let mut out = String::with_capacity(core.len() + 4);
    let mut changed = false;
    let mut rest = core;
    for s in segs {
        let fixed = if ABBREVIATIONS.contains(&s) || DOC_CODES.contains(&s) {
            None
        } else {
            let pc: Vec<char> = s.chars().collect();
            ABBREVIATIONS
                .iter()
                .chain(DOC_CODES)
                .find(|k| {
                    let kc: Vec<char> = k.chars().collect();
                    kc.len() == pc.len()
                        && pc.iter().zip(&kc).all(|(o, k)| confusable(*o, *k))
                        && pc.iter().zip(&kc).filter(|(o, k)| o != k).count() <= 2
                })
                .copied()
        };
        match fixed {
            Some(k) => {
                out.push_str(k);
                changed = true;
            }
            None => out.push_str(s),
        }
        rest = &rest[s.len()..];
        if let Some(c) = rest.chars().next() {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    changed.then_some(out)
}

/// Repair one line on its own (no context from other lines).
pub(crate) fn repair_line(lm: &Lm, ch: &Channel, ix: &Index, line: &str, mode: Mode) -> LineRepair {
    let mut doc = DocState::begin(ix, false);
    let p = prepare_line(lm, ch, ix, line, mode, &mut doc);
    doc.end();
    let Some(slots) = &p.slots else {
        return p.unchanged();
    };
    let end = p
        .units
        .last()
        .is_some_and(|u| u.trail.contains(['.', ';', '!', '?']));
    let d = viterbi(lm, slots, (BOS, BOS), end);
    finish_line(lm, &p, slots, &d.choice, &d.conf)
}

/// Context of the language model at the start of a line: the last two LM ids, or
/// (BOS, BOS) at a sentence start.
type Ctx = (u32, u32);

fn kind_id(k: &Kind) -> u32 {
    match k {
        Kind::Fixed(id) | Kind::Replace(id, _, _) | Kind::Syllable(id) => *id,
        Kind::Invalid => UNK,
        Kind::ShortNumber => NUM,
    }
}

/// One line made ready for decoding: its tokens, their kinds and, unless the line passes
/// unchanged, the candidate slots of the lattice.
pub(crate) struct Prepared<'a> {
    line: &'a str,
    n_tokens: usize,
    units: Vec<Unit<'a>>,
    cores: Vec<Cow<'a, str>>,
    kinds: Vec<Kind>,
    cases: Vec<Case>,
    lower_line: bool,
    /// The lattice, or `None` when the line passes unchanged.
    slots: Option<Vec<Slot>>,
}

impl Prepared<'_> {
    /// The LM ids of a line that passes unchanged (for the context of the next line).
    fn fixed_ids(&self) -> Vec<u32> {
        self.kinds.iter().map(kind_id).collect()
    }

    /// The line as it was.
    pub(crate) fn unchanged(&self) -> LineRepair {
        LineRepair {
            text: self.line.to_string(),
            applied: false,
            tokens: self.n_tokens,
            edits: Vec::new(),
        }
    }

    /// The lattice of this line for a sentence that spans lines: its own slots (moved out; the
    /// line still counts as changed for [`Prepared::finish`]), or one fixed candidate per token
    /// when the line passes unchanged.
    fn take_slots(&mut self) -> Vec<Slot> {
        match &mut self.slots {
            Some(s) => std::mem::take(s),
            None => self
                .fixed_ids()
                .into_iter()
                .enumerate()
                .map(|(i, id)| Slot {
                    cands: vec![(id, 0.0)],
                    stop: stop_after(&self.units, i),
                    comma: comma_after(&self.units, i),
                })
                .collect(),
        }
    }

    /// True if the line has no token.
    pub(crate) fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Write the line out with the decoder's `choice` over `slots` (this line's part of the
    /// lattice). A line that passes unchanged is returned as it was.
    pub(crate) fn finish(
        &self,
        lm: &Lm,
        slots: &[Slot],
        choice: &[usize],
        conf: &[f32],
    ) -> LineRepair {
        if self.slots.is_none() {
            return self.unchanged();
        }
        finish_line(lm, self, slots, choice, conf)
    }
}

/// The document prior's cost of each candidate of a slot (appended to `out`), from `ns`, how
/// often the rest of the document chose each where it had a choice (`t1` in all): the
/// add-alpha smoothed share of the document's choices, -DOC_PRIOR_WEIGHT × ln of it.
/// Measured worse: how much more the document uses a reading than the training text does
/// (P_doc / P_train, P_doc smoothed towards P_train; adaptation by unigram rescaling) — 280 to
/// 296 wrong on (a) instead of 262 for weights 0.3–0.5 and smoothing 2–50: a document's
/// frequent function words (`đã`, `với`) then lose their share to rare readings.
fn prior_costs(cands: &[(u32, f32)], ns: &[u32], t1: u32, out: &mut Vec<f32>) {
    let k = cands.len() as f32;
    for &c in ns {
        let p = (c as f32 + DOC_PRIOR_ALPHA) / (t1 as f32 + DOC_PRIOR_ALPHA * k);
        out.push(-DOC_PRIOR_WEIGHT * p.ln());
    }
}

/// Words the decoder chose over a document where it had a choice (see [`Sentence::vote`]).
#[derive(Default)]
pub(crate) struct Votes {
    /// Times chosen, by word id (grown as words are counted).
    one: Vec<u32>,
}

/// One sentence of a document (a hard-wrapped sentence spans several lines) as one lattice,
/// so that a word at the end of a line is chosen knowing the words after it; lines that pass
/// unchanged take part with their tokens fixed. Built line by line ([`Sentence::push_line`]),
/// then decoded, then written out ([`Sentence::finish`]).
#[derive(Default)]
pub(crate) struct Sentence {
    /// The document's line numbers of the sentence's lines.
    lines: Vec<usize>,
    slots: Vec<Slot>,
    /// Where each line's slots begin.
    starts: Vec<usize>,
    /// Some line of the sentence has something to repair.
    open: bool,
    /// The decoder's choice, confidence and margin per slot.
    choice: Vec<usize>,
    conf: Vec<f32>,
    margin: Vec<f32>,
}

impl Sentence {
    /// Add line `i` of the document (its slots are moved into the sentence).
    pub(crate) fn push_line(&mut self, i: usize, p: &mut Prepared<'_>) {
        self.open |= p.slots.is_some();
        self.lines.push(i);
        self.starts.push(self.slots.len());
        let s = p.take_slots();
        self.slots.extend(s);
    }

    /// True if no line was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Decode the lattice (nothing to do when every line passes unchanged).
    pub(crate) fn decode(&mut self, lm: &Lm) {
        if self.open {
            let d = viterbi(lm, &self.slots, (BOS, BOS), true);
            (self.choice, self.conf, self.margin) = (d.choice, d.conf, d.margin);
        }
    }

    /// The chosen word of slot `i`.
    fn chosen(&self, i: usize) -> Option<u32> {
        let s = self.slots.get(i)?;
        s.cands.get(*self.choice.get(i)?).map(|x| x.0)
    }

    /// Count the words chosen where the decoder had a choice (slots with two candidates or
    /// more) into `votes`.
    pub(crate) fn vote(&self, votes: &mut Votes) {
        for i in 0..self.slots.len() {
            if self.slots[i].cands.len() < 2 {
                continue;
            }
            if let Some(w) = self.chosen(i).filter(|&w| w >= SPECIALS) {
                let w = w as usize;
                if w >= votes.one.len() {
                    votes.one.resize(w + 1, 0);
                }
                votes.one[w] += 1;
            }
        }
    }

    /// Decode again with the document's `votes` (see [`Sentence::vote`]) as a prior: a
    /// candidate the rest of the document chose where it was ambiguous costs less. Each slot's
    /// own vote is left out, so a choice does not confirm itself. The lattice is decoded again
    /// only when some slot has evidence for a word it did not choose.
    pub(crate) fn redecode(&mut self, lm: &Lm, votes: &Votes, window: Option<usize>) {
        // disputed slots, with how much more the prior makes the first reading cost than the
        // reading it prefers; the slots with evidence (slot, total, where their counts begin)
        let mut disputed: Vec<(usize, f32)> = Vec::new();
        let mut evidence: Vec<(usize, u32, usize)> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        // the prior's cost of each candidate of the slots with evidence, beside `counts`
        let mut costs: Vec<f32> = Vec::new();
        for i in 0..self.slots.len() {
            let cands = &self.slots[i].cands;
            if cands.len() < 2 {
                continue;
            }
            let own = self.chosen(i);
            let at = counts.len();
            counts.extend(cands.iter().map(|x| {
                let mine = u32::from(Some(x.0) == own && x.0 >= SPECIALS);
                votes
                    .one
                    .get(x.0 as usize)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(mine)
            }));
            let ns = &counts[at..];
            let t1: u32 = ns.iter().sum();
            if t1 == 0 {
                counts.truncate(at);
                continue;
            }
            evidence.push((i, t1, at));
            prior_costs(cands, ns, t1, &mut costs);
            let cs = &costs[at..];
            let own_cost = cands
                .iter()
                .zip(cs)
                .find(|x| Some(x.0 .0) == own)
                .map_or(0.0, |x| *x.1);
            let best = cs.iter().copied().fold(f32::INFINITY, f32::min);
            if best < own_cost {
                disputed.push((i, own_cost - best));
            }
        }
        let prior = |cands: &mut [(u32, f32)], at: usize| {
            for (x, &c) in cands.iter_mut().zip(&costs[at..]) {
                x.1 += c;
            }
        };
        let whole = |s: &mut Sentence| {
            for &(i, _, at) in &evidence {
                prior(&mut s.slots[i].cands, at);
            }
            s.decode(lm);
        };
        let Some(win) = window.filter(|_| !disputed.is_empty()) else {
            if !disputed.is_empty() {
                whole(self);
            }
            return;
        };
        // decode again only the stretches around the disputed tokens: `win` slots either side,
        // the two words after each stretch fixed to their first reading (their LM terms depend
        // on the stretch's last two words), the context before it from the first reading
        let n = self.slots.len();
        // (start, end, the prior's largest gain for a reading, the smallest first-pass margin
        // of a disputed slot)
        let mut spans: Vec<(usize, usize, f32, f32)> = Vec::new();
        for &(d, swing) in &disputed {
            let (a, b) = (d.saturating_sub(win), (d + win + 1).min(n));
            let margin = self.margin.get(d).copied().unwrap_or(0.0);
            match spans.last_mut() {
                Some(last) if a <= last.1 + 2 => {
                    last.1 = b;
                    last.2 += swing;
                    last.3 = last.3.min(margin);
                }
                _ => spans.push((a, b, swing, margin)),
            }
        }
        // A reading that differs from the first only where the prior does not dispute it gains
        // nothing from the prior; one that differs at a disputed slot scored at least that
        // slot's margin below the first reading in the first pass, and gains at most the sum
        // of the swings of the stretch's disputed slots: a stretch whose every margin exceeds
        // that keeps its first reading
        spans.retain(|s| s.3 <= s.2 + PRIOR_SLACK);
        if spans.len() == 1 && (spans[0].0, spans[0].1) == (0, n) {
            whole(self);
            return;
        }
        // the context before each stretch, read on from the previous one under the new choice
        let (mut ctx, mut read) = ((BOS, BOS), 0);
        let mut ev = evidence.iter().peekable();
        for (a, b, _, _) in spans {
            for i in read..a {
                ctx = self.slots[i].after_word((ctx.1, self.chosen(i).unwrap_or(UNK)));
            }
            read = a;
            let tail = (b + 2).min(n);
            let mut part: Vec<Slot> = self.slots[a..b].to_vec();
            while let Some(&&(i, _, at)) = ev.peek() {
                if i >= b {
                    break;
                }
                if i >= a {
                    prior(&mut part[i - a].cands, at);
                }
                ev.next();
            }
            for i in b..tail {
                let s = &self.slots[i];
                part.push(Slot {
                    cands: vec![(self.chosen(i).unwrap_or(UNK), 0.0)],
                    stop: s.stop,
                    comma: s.comma,
                });
            }
            let d = viterbi(lm, &part, ctx, tail == n);
            self.choice[a..b].copy_from_slice(&d.choice[..b - a]);
            self.conf[a..b].copy_from_slice(&d.conf[..b - a]);
        }
    }

    /// Write out the sentence's lines of the document `prepared` into `out`.
    pub(crate) fn finish(
        &self,
        lm: &Lm,
        prepared: &[Prepared<'_>],
        out: &mut [Option<LineRepair>],
    ) {
        for (k, (&i, &start)) in self.lines.iter().zip(&self.starts).enumerate() {
            let end = self.starts.get(k + 1).copied().unwrap_or(self.slots.len());
            let (Some(p), Some(o)) = (prepared.get(i), out.get_mut(i)) else {
                continue;
            };
            *o = Some(if self.open {
                p.finish(
                    lm,
                    &self.slots[start..end],
                    &self.choice[start..end],
                    &self.conf[start..end],
                )
            } else {
                p.unchanged()
            });
        }
    }
}

/// True if the model reads a phrase break after unit `i` of a line (and no sentence end).
fn comma_after(units: &[Unit<'_>], i: usize) -> bool {
    !stop_after(units, i)
        && units
            .get(i)
            .is_some_and(|u| phrase_break(u.trail, units.get(i + 1).map_or("", |n| n.lead)))
}

/// True if a sentence ends after unit `i` of a line.
fn stop_after(units: &[Unit<'_>], i: usize) -> bool {
    units
        .get(i + 1)
        .is_some_and(|n| sentence_break(units[i].trail, n.core))
}

/// What one token core is, and what it tells about its line (see [`prepare_line`]).
#[derive(Clone)]
pub(crate) struct Class {
    kind: Kind,
    case: Case,
    /// Two letters or more.
    word: bool,
    /// A word of capitals only.
    upper_word: bool,
    /// Could be accent-stripped text (no marked letter, a known skeleton if no syllable).
    stripped_ok: bool,
    /// Has a letter only Vietnamese uses.
    viet: bool,
    /// A known syllable, with marks.
    syl: bool,
    marked: bool,
    /// Word-like, not a valid syllable.
    invalid: bool,
}

/// Classify one token core (NFC) with its trailing punctuation.
fn classify(ix: &Index, core: &str, trail: &str) -> Class {
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let word = letters >= 2;
    let mut c = Class {
        kind: Kind::Invalid,
        case: case_of(core),
        word,
        upper_word: word
            && core
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
        stripped_ok: !core.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
        viet: core.chars().any(vietnamese_only),
        syl: false,
        marked: false,
        invalid: false,
    };
    c.kind = if is_url_or_mail(core) {
        Kind::Fixed(UNK)
    } else if let Some(f) = fix_doc_number(core).or_else(|| fix_code(core)) {
        match ix.codes.restore(&f) {
            Some((g, conf)) => Kind::Replace(NUM, g, conf.min(0.9)),
            None => Kind::Replace(NUM, f, 0.9),
        }
    } else if let Some((f, conf)) = ix.codes.restore(core) {
        let class = if core.chars().any(|c| c.is_ascii_digit()) {
            NUM
        } else {
            crate::lm::other_class(core)
        };
        Kind::Replace(class, f, conf)
    } else if is_number(core) {
        if core.len() <= 2 && core.chars().all(|c| c.is_ascii_digit()) {
            Kind::ShortNumber
        } else {
            Kind::Fixed(NUM)
        }
    } else if ix.abbrevs.contains(core) || is_roman(core) || is_roman_marker(core, trail) {
        Kind::Fixed(crate::lm::other_class(core))
    } else if let Some(r) = (trail.starts_with('.') || trail.is_empty())
        .then(|| roman_fix(core))
        .flatten()
    {
        Kind::Replace(UNK, r, 0.8)
    } else if core == "¢" && trail.starts_with(')') {
        Kind::Replace(UNK, "c".into(), 0.9)
    } else if core.chars().count() == 1 && crate::syllable::parse(&core.to_lowercase()).is_none() {
        // list markers and initials: "d)", "b.", "Q"
        Kind::Fixed(UNK)
    } else {
        let lower = core.to_lowercase();
        let canon = canonical(&lower);
        let known = canon.as_ref().and_then(|c| ix.ids.get(c).copied());
        match (canon, known) {
            (Some(_), Some(id)) => {
                c.syl = true;
                c.marked = has_marks(core);
                Kind::Syllable(id)
            }
            (canon, _) => {
                let upper_no_vowel = core.chars().all(|c| c.is_uppercase() || c == 'Đ')
                    && !skeleton(core)
                        .chars()
                        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
                // TTg, CTr, VNeID: two capitals first, then some lowercase
                let mixed_code = core.chars().take(2).all(char::is_uppercase)
                    && core.chars().any(char::is_lowercase);
                let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
                let long_code = digits > 2 || core.contains('/') || core.chars().count() > 8;
                if upper_no_vowel || mixed_code || long_code {
                    Kind::Fixed(if digits > 0 {
                        NUM
                    } else {
                        crate::lm::other_class(core)
                    })
                } else if canon.is_some() {
                    // valid but never seen: keep
                    Kind::Fixed(UNK)
                } else {
                    c.invalid = true;
                    if !ix.by_skel.contains_key(&skeleton(&lower)) {
                        c.stripped_ok = false;
                    }
                    Kind::Invalid
                }
            }
        }
    };
    c
}

/// Tokens, kinds and candidate slots of one line (see [`Prepared`]).
pub(crate) fn prepare_line<'a>(
    lm: &Lm,
    ch: &Channel,
    ix: &Index,
    line: &'a str,
    mode: Mode,
    doc: &mut DocState,
) -> Prepared<'a> {
    let doc_marked = doc.marked;
    let (n_tokens, mut units) = units(line);
    if matches!(mode, Mode::Never) || units.is_empty() {
        return Prepared {
            line,
            n_tokens,
            units,
            cores: Vec::new(),
            kinds: Vec::new(),
            cases: Vec::new(),
            lower_line: false,
            slots: None,
        };
    }
    let cores: Vec<Cow<'a, str>> = units
        .iter()
        .map(
            |t| match unicode_normalization::is_nfc_quick(t.core.chars()) {
                unicode_normalization::IsNormalized::Yes => Cow::Borrowed(t.core),
                _ => Cow::Owned(t.core.nfc().collect()),
            },
        )
        .collect();
    let mut kinds = Vec::with_capacity(units.len());
    let mut cases = Vec::with_capacity(units.len());
    let (mut n_syl, mut n_marked, mut n_invalid, mut n_viet) = (0usize, 0usize, 0usize, 0usize);
    let mut stripped_ok = true;
    let (mut n_upper, mut n_words) = (0usize, 0usize);
    for (t, core) in units.iter().zip(&cores) {
        // the trailing punctuation matters only to these rules: other tokens are read once
        // per document
        let classes = &mut doc.words.classes;
        let c = if roman_fix(core).is_some() || core == "¢" || is_roman_marker(core, ")") {
            classify(ix, core, t.trail)
        } else if let Some(c) = classes.get(core.as_ref()) {
            c.clone()
        } else {
            let c = classify(ix, core, t.trail);
            if classes.len() < WORDS_MAX {
                classes.insert(core.to_string(), c.clone());
            }
            c
        };
        n_words += usize::from(c.word);
        n_upper += usize::from(c.upper_word);
        stripped_ok &= c.stripped_ok;
        n_viet += usize::from(c.viet);
        n_syl += usize::from(c.syl);
        n_marked += usize::from(c.marked);
        n_invalid += usize::from(c.invalid);
        cases.push(c.case);
        kinds.push(c.kind);
    }
    // In a line of capitals (a heading), an abbreviation or Roman numeral that is also a
    // syllable is read as a word ("NGUỒN VỐN ĐẦU TU" → "ĐẦU TƯ", "ĐƠN VI" → "ĐƠN VỊ"), except as
    // the line's first token or before "." or ")" (a section number "VI.").
    if n_words >= 3 && n_upper * 4 >= n_words * 3 {
        for (i, k) in kinds.iter_mut().enumerate().skip(1) {
            if matches!(k, Kind::Fixed(_)) && !units[i].trail.starts_with(['.', ')']) {
                let id = canonical(&cores[i].to_lowercase()).and_then(|c| ix.ids.get(&c).copied());
                if let Some(id) = id {
                    *k = Kind::Syllable(id);
                }
            }
        }
    }
    let any_replace = kinds.iter().any(|k| matches!(k, Kind::Replace(..)));
    let stripped = stripped_ok && n_marked == 0;
    let clean = n_invalid == 0 && n_syl > 0 && n_marked * 4 >= n_syl && n_viet > 0;
    // In a document written with marks (`auto`), every line keeps its valid syllables, unless
    // it is a whole accent-stripped sentence: a line of a few unmarked words there is a table
    // cell's continuation ("quan", "tra", "1 cách hành chính 6 7/2025"), not stripped text.
    let doc_identity = matches!(mode, Mode::Auto) && doc_marked && !(stripped && n_syl >= 6);
    if matches!(mode, Mode::Auto)
        && (clean
            || (n_syl == 0 && n_invalid == 0)
            || (n_invalid == 0 && n_viet > 0 && n_marked * 4 >= n_syl)
            || (n_invalid == 0 && doc_identity))
        && !any_replace
    {
        return Prepared {
            line,
            n_tokens,
            units,
            cores,
            kinds,
            cases,
            lower_line: false,
            slots: None,
        };
    }
    // a line written with Vietnamese marks: keep its valid syllables, repair only the rest
    let identity_only =
        doc_identity || (matches!(mode, Mode::Auto) && n_viet > 0 && n_marked * 4 >= n_syl);
    let ocr = !stripped && !identity_only;
    let lower_line = n_words >= 3 && n_upper * 2 < n_words;
    // OCR junk after short cores: "st’" → "sử"
    if ocr {
        for u in units.iter_mut() {
            if u.core.chars().count() <= 3 {
                if let Some(c) = u
                    .trail
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '’' | '?' | '\''))
                {
                    u.junk = c.len_utf8();
                }
            }
        }
    }
    // build the lattice
    let mut slots: Vec<Slot> = Vec::with_capacity(units.len());
    for (i, k) in kinds.iter().enumerate() {
        let lower = || cores[i].to_lowercase();
        let cache = &mut doc.words.cache;
        let cands: Vec<(u32, f32)> = match k {
            Kind::Fixed(id) => vec![(*id, 0.0)],
            Kind::Replace(id, _, _) => vec![(*id, 0.0)],
            Kind::ShortNumber => {
                if ocr {
                    let mut c = cached(cache, lm, ch, ix, &lower(), None);
                    c.retain(|x| x.0 >= SPECIALS);
                    c.truncate(6);
                    c.push((NUM, SHORT_NUMBER_KEEP));
                    c
                } else {
                    vec![(NUM, 0.0)]
                }
            }
            Kind::Syllable(id) => {
                if identity_only {
                    vec![(*id, 0.0)]
                } else if stripped {
                    stripped_cached(&mut doc.words.stripped, lm, ix, &cores[i])
                        .unwrap_or_else(|| vec![(*id, 0.0)])
                } else {
                    cached(
                        cache,
                        lm,
                        ch,
                        ix,
                        &lower(),
                        Some((*id, &lm.vocab[*id as usize])),
                    )
                }
            }
            Kind::Invalid if identity_only => {
                let mut c = cached(cache, lm, ch, ix, &lower(), None);
                for x in c.iter_mut().filter(|x| x.0 < SPECIALS) {
                    x.1 = KEEP_IN_CLEAN_LINE;
                }
                c
            }
            Kind::Invalid => {
                if stripped {
                    stripped_cached(&mut doc.words.stripped, lm, ix, &cores[i])
                        .unwrap_or_else(|| vec![(UNK, 0.0)])
                } else {
                    cached(cache, lm, ch, ix, &lower(), None)
                }
            }
        };
        let mut cands = cands;
        if ocr {
            for c in cands.iter_mut() {
                c.1 *= CHANNEL_WEIGHT;
            }
        }
        if case_informative(i, |k| units[k].trail) {
            let case = cases[i];
            let in_name = after_name_capital(i, |k| units[k].trail, |k| cases[k] == Case::Title);
            if case != Case::Upper {
                for c in cands.iter_mut().filter(|c| c.0 >= SPECIALS) {
                    c.1 -= CASE_WEIGHT
                        * std::f32::consts::LN_10
                        * lm.case_logp(c.0, case == Case::Title, in_name);
                }
            }
        }
        slots.push(Slot {
            cands,
            stop: stop_after(&units, i),
            comma: comma_after(&units, i),
        });
    }
    Prepared {
        line,
        n_tokens,
        units,
        cores,
        kinds,
        cases,
        lower_line,
        slots: Some(slots),
    }
}

/// Write out one line with the decoder's choice over its slots.
fn finish_line(
    lm: &Lm,
    p: &Prepared<'_>,
    slots: &[Slot],
    choice: &[usize],
    conf: &[f32],
) -> LineRepair {
    let Prepared {
        line,
        n_tokens,
        units,
        cores,
        kinds,
        cases,
        lower_line,
        ..
    } = p;
    let (line, n_tokens, lower_line) = (*line, *n_tokens, *lower_line);
    // write out
    // restored marks take one or two bytes more per letter
    let mut text = String::with_capacity(line.len() * 3 / 2 + 16);
    let mut edits = Vec::new();
    let mut last = 0usize;
    for (i, t) in units.iter().enumerate() {
        let replacement: Option<(String, f32)> = match &kinds[i] {
            Kind::Replace(_, r, conf) => Some((r.clone(), *conf)),
            _ => {
                let cand: &str = cand_text(lm, slots[i].cands[choice[i]].0);
                // the token is its candidate only if it is that known syllable (the other kinds
                // are no valid syllable, or have no syllable among their candidates)
                let same = |cand: &str| match &kinds[i] {
                    Kind::Syllable(id) => cand_text(lm, *id) == cand,
                    _ => false,
                };
                let keep = cand.is_empty() || (t.junk == 0 && same(cand));
                if keep {
                    None
                } else {
                    let conf = conf.get(i).copied().unwrap_or(0.0);
                    let mut case = cases[i];
                    let letters = cores[i].chars().filter(|c| c.is_alphabetic()).count();
                    if case == Case::Upper
                        && (cores[i].chars().count() > letters
                            || (letters == 2 && lower_line && !upper_neighbour(cores, i)))
                    {
                        case = Case::Title;
                    }
                    if cores[i].starts_with('I') && cand.starts_with('l') {
                        case = if letters >= 2
                            && cores[i].chars().skip(1).all(|c| !c.is_uppercase())
                        {
                            Case::Lower
                        } else {
                            case
                        };
                    }
                    Some((apply_case(cand, case), conf))
                }
            }
        };
        if let Some((r, conf)) = replacement {
            if r != t.core || t.junk > 0 {
                text.push_str(&line[last..t.core_byte]);
                text.push_str(&r);
                last = t.core_byte + t.core.len() + t.junk;
                edits.push(Edit {
                    column: t.column,
                    from: line[t.core_byte..t.core_byte + t.core.len() + t.junk].to_string(),
                    to: r,
                    confidence: conf,
                });
            }
        }
    }
    text.push_str(&line[last..]);
    LineRepair {
        applied: !edits.is_empty(),
        text,
        tokens: n_tokens,
        edits,
    }
}

fn upper_neighbour(cores: &[Cow<'_, str>], i: usize) -> bool {
    let up = |s: &Cow<'_, str>| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && s.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    };
    (i > 0 && up(&cores[i - 1])) || cores.get(i + 1).is_some_and(up)
}

fn stripped_cands(lm: &Lm, ix: &Index, lower: &str) -> Option<Vec<(u32, f32)>> {
    let sk = skeleton(lower);
    let mut out: Vec<(u32, f32)> = ix
        .by_skel
        .get(&sk)
        .map(|ids| {
            // (the skeleton's words are sorted by count)
            let top = ids.first().map_or(0, |&w| u64::from(lm.counts[w as usize]));
            ids.iter()
                .take(MAX_CANDS)
                .filter(|&&w| u64::from(lm.counts[w as usize]) * STRIPPED_COUNT_RATIO >= top)
                .map(|&w| (w, 0.0))
                .collect()
        })
        .unwrap_or_default();
    // English-model OCR reads a word-initial Đ as P even in otherwise plain lines
    if let Some(rest) = sk.strip_prefix('p').filter(|r| !r.starts_with('h')) {
        if let Some(ids) = ix.by_skel.get(&format!("d{rest}")) {
            out.extend(
                ids.iter()
                    .filter(|&&w| lm.vocab[w as usize].starts_with('đ'))
                    .take(4)
                    .map(|&w| (w, P_FOR_D_COST)),
            );
        }
    }
    (!out.is_empty()).then_some(out)
}

/// OCR candidates already computed, by (lowercase token, token is a syllable).
pub(crate) type Cache = HashMap<(String, bool), Vec<(u32, f32)>>;

/// What the repair of one document keeps from line to line: whether the document is written
/// with marks ([`Register::is_marked`]) and what the words read so far are ([`Words`]).
#[derive(Default)]
pub(crate) struct DocState {
    words: Words,
    marked: bool,
}

/// Most entries of each map of [`Words`].
const WORDS_MAX: usize = 50_000;

/// What the token cores read so far are, under one model: they depend only on the core and
/// the model, and accent-stripped text has few distinct words, so a thread keeps them from one
/// document to the next.
#[derive(Default)]
struct Words {
    /// The model ([`Index::model`]) they were read with.
    model: u64,
    /// OCR candidates.
    cache: Cache,
    /// Token core → its class ([`classify`], for cores whose class does not depend on the
    /// punctuation after them).
    classes: HashMap<String, Class>,
    /// Token core → its candidates in accent-stripped lines ([`stripped_cands`]).
    stripped: HashMap<String, Option<Vec<(u32, f32)>>>,
}

thread_local! {
    static WORDS: std::cell::RefCell<Words> = std::cell::RefCell::new(Words::default());
}

/// Model numbers for [`Index::model`], from 1.
static MODELS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl DocState {
    /// The state at the start of a document (`marked`: see [`Register::is_marked`]), with the
    /// words this thread has read under the same model.
    pub(crate) fn begin(ix: &Index, marked: bool) -> DocState {
        let words = WORDS
            .try_with(|w| match w.try_borrow_mut() {
                Ok(mut w) if w.model == ix.model => std::mem::take(&mut *w),
                _ => Words::default(),
            })
            .unwrap_or_default();
        DocState {
            words: Words {
                model: ix.model,
                ..words
            },
            marked,
        }
    }

    /// The end of the document: the words read are kept for the next one.
    pub(crate) fn end(self) {
        let _ = WORDS.try_with(|w| {
            if let Ok(mut w) = w.try_borrow_mut() {
                *w = self.words;
            }
        });
    }
}

fn stripped_cached(
    cache: &mut HashMap<String, Option<Vec<(u32, f32)>>>,
    lm: &Lm,
    ix: &Index,
    core: &str,
) -> Option<Vec<(u32, f32)>> {
    if let Some(c) = cache.get(core) {
        return c.clone();
    }
    let c = stripped_cands(lm, ix, &core.to_lowercase());
    if cache.len() < WORDS_MAX {
        cache.insert(core.to_string(), c.clone());
    }
    c
}

fn cached(
    cache: &mut Cache,
    lm: &Lm,
    ch: &Channel,
    ix: &Index,
    lower: &str,
    orig: Option<(u32, &String)>,
) -> Vec<(u32, f32)> {
    let key = (lower.to_string(), orig.is_some());
    if let Some(c) = cache.get(&key) {
        return c.clone();
    }
    let c = ocr_cands(lm, ch, ix, lower, orig);
    if cache.len() < WORDS_MAX {
        cache.insert(key, c.clone());
    }
    c
}

fn ocr_cands(
    lm: &Lm,
    ch: &Channel,
    ix: &Index,
    lower: &str,
    orig: Option<(u32, &String)>,
) -> Vec<(u32, f32)> {
    let mut skel_ids: Vec<u32> = Vec::new();
    let mut buf = Vec::new();
    // the variant (numbered from 1) that last looked at each skeleton: its distance is the same
    // whichever deletion finds it
    let mut seen: Vec<u32> = vec![0; ix.skel_chars.len()];
    for (vi, v) in ocr_variants(lower).iter().enumerate() {
        let vc: Vec<char> = v.chars().collect();
        let depth = if vc.len() <= 2 { 1 } else { 2 };
        buf.clear();
        deletions(v, depth, &mut buf);
        for d in &buf {
            if let Some(list) = ix.dels.get(d) {
                for &si in list {
                    let Some(mark) = seen.get_mut(si as usize) else {
                        continue;
                    };
                    if *mark == vi as u32 + 1 {
                        continue;
                    }
                    *mark = vi as u32 + 1;
                    if lev(&ix.skel_chars[si as usize].0, &vc) <= depth {
                        skel_ids.push(si);
                    }
                }
            }
        }
    }
    skel_ids.sort_unstable();
    skel_ids.dedup();
    let mut cands: Vec<(u32, f32)> = Vec::new();
    let mut obs = ch.observe(lower);
    for si in skel_ids {
        if let Some((_, ids)) = ix.skel_chars.get(si as usize) {
            for &w in ids {
                let word = &lm.vocab[w as usize];
                if let Some(c) = obs.cost_within(word, MAX_CHANNEL) {
                    cands.push((w, c));
                }
            }
        }
    }
    if let Some((id, c)) = orig {
        if !cands.iter().any(|x| x.0 == id) {
            cands.push((id, obs.cost(c)));
        }
    }
    // rank by channel cost with a small frequency prior
    let prior = |c: &(u32, f32)| c.1 - 0.3 * (lm.counts[c.0 as usize] as f32 + 1.0).ln();
    let mut ranked: Vec<(f32, (u32, f32))> = cands.iter().map(|c| (prior(c), *c)).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1 .0.cmp(&b.1 .0)));
    ranked.truncate(MAX_CANDS);
    let mut cands: Vec<(u32, f32)> = ranked.into_iter().map(|r| r.1).collect();
    if orig.is_none() {
        cands.push((UNK, KEEP_COST));
    }
    cands
}

/// What [`viterbi`] read of a lattice: per slot, the chosen candidate, its confidence and its
/// margin.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decoded {
    /// The chosen candidate index per slot.
    pub(crate) choice: Vec<usize>,
    /// Posterior-like confidence of each choice: a softmax over the slot's distinct candidates
    /// of the best score of a whole path through each (max-marginals over the beam's states).
    pub(crate) conf: Vec<f32>,
    /// How far (natural log) the best path through another candidate of the slot scores below
    /// the chosen path (infinite when no other candidate has a path in the beam).
    pub(crate) margin: Vec<f32>,
}

/// Beam search over (previous, current) candidate pairs; returns the chosen index per slot,
/// with a confidence and a margin from the best scores of whole paths through each candidate.
///
/// Each step keeps the `BEAM` best distinct (u, v) states, the best-scoring path of each
/// (ties: the earlier previous state and candidate), as a stable sort of all extensions by
/// score followed by a scan for distinct states would, less those more than `BEAM_MARGIN`
/// below the best. A backward pass over the kept states then gives, for every state, the best
/// score of a path from it to the end, using the extension scores of the forward pass (no
/// model lookups), and so the best whole path through each candidate.
/// A beam state: the last two words, the best score, the state of the previous layer it came
/// from and its candidate.
#[derive(Clone, Copy)]
struct St {
    u: u32,
    v: u32,
    score: f32,
    back: u32,
    cand: u32,
}

/// The best extension of one distinct state: (score, order of the extension).
#[derive(Clone, Copy)]
struct Rep {
    score: f32,
    order: u32,
    st: St,
}

/// A kept extension (a distinct state of the next layer; after a sentence end, every kept
/// extension reads `</s>` into the one state of the next layer).
#[derive(Clone, Copy)]
struct Node {
    /// Group of the previous states (same last word), candidate group, and the candidate
    /// (of its group, the one that costs least: the best extension from every state of `g`).
    g: u32,
    cg: u32,
    ci: u32,
    /// Score of the extension, and what reading `</s>` or `<,>` after it adds.
    score: f32,
    read: f32,
}

/// The buffers of [`viterbi`], kept per thread from one call to the next.
#[derive(Default)]
struct Scratch {
    states: Vec<St>,
    starts: Vec<usize>,
    ext: Vec<f32>,
    ext_at: Vec<usize>,
    vgs: Vec<u32>,
    cgs: Vec<u32>,
    cand_at: Vec<usize>,
    nodes: Vec<Node>,
    node_at: Vec<usize>,
    best: Vec<(f32, u32)>,
    chosen: Vec<Rep>,
    p2s: Vec<f32>,
    bwd: Vec<f32>,
    node_bwd: Vec<f32>,
    best_of: Vec<f32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn viterbi(lm: &Lm, slots: &[Slot], ctx: Ctx, end: bool) -> Decoded {
    let mut sc = SCRATCH
        .try_with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    let d = viterbi_in(lm, slots, ctx, end, &mut sc);
    let _ = SCRATCH.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            *s = sc;
        }
    });
    d
}

fn viterbi_in(lm: &Lm, slots: &[Slot], ctx: Ctx, end: bool, sc: &mut Scratch) -> Decoded {
    /// `order` of a distinct state no extension reached.
    const NONE: u32 = u32::MAX;
    const LN10: f32 = LM_WEIGHT * std::f32::consts::LN_10;
    let n = slots.len();
    let Scratch {
        states,
        starts,
        ext,
        ext_at,
        vgs,
        cgs,
        cand_at,
        nodes,
        node_at,
        best,
        chosen,
        p2s,
        bwd,
        node_bwd,
        best_of,
    } = sc;
    for v in [&mut *ext_at, &mut *cand_at, &mut *node_at, &mut *starts] {
        v.clear();
    }
    states.clear();
    ext.clear();
    vgs.clear();
    cgs.clear();
    nodes.clear();
    // all layers one after the other; layer k is states[starts[k]..starts[k + 1]]
    starts.push(0);
    states.push(St {
        u: ctx.0,
        v: ctx.1,
        score: 0.0,
        back: 0,
        cand: 0,
    });
    starts.push(1);
    // for the backward pass: the score of every extension (slot k's at ext[ext_at[k]..], by
    // previous state and candidate), the group of each state's last word (by state), the
    // candidate group of each candidate (cgs[cand_at[k]..]), the kept extensions of each slot
    for slot in slots {
        let (lo, hi) = (starts[starts.len() - 2], starts[starts.len() - 1]);
        let cands = &slot.cands[..];
        let nc = cands.len();
        // extensions with the same (v of the previous state, candidate id) are the same state
        let layer = &states[lo..hi];
        let mut nv = 0u32;
        for (pi, p) in layer.iter().enumerate() {
            match layer[..pi].iter().position(|q| q.v == p.v) {
                Some(q) => vgs.push(vgs[lo + q]),
                None => {
                    vgs.push(nv);
                    nv += 1;
                }
            }
        }
        let vgroup = &vgs[lo..hi];
        let c0 = cgs.len();
        cand_at.push(c0);
        for (ci, c) in cands.iter().enumerate() {
            match cands[..ci].iter().position(|q| q.0 == c.0) {
                Some(q) => cgs.push(cgs[c0 + q]),
                None => cgs.push(ci as u32),
            }
        }
        let cgroup = &cgs[c0..];
        let nv = nv as usize;
        best.clear();
        best.resize(nv * nc, (f32::NEG_INFINITY, NONE));
        // log10 P(w | v) when the trigram is not stored: the same for the states sharing v
        p2s.clear();
        p2s.resize(nv * nc, f32::NAN);
        let e0 = ext.len();
        ext_at.push(e0);
        ext.resize(e0 + layer.len() * nc, f32::NEG_INFINITY);
        let mut top = f32::NEG_INFINITY;
        for (pi, p) in layer.iter().enumerate() {
            let ctx = lm.context(p.u, p.v);
            let g = vgroup[pi] as usize * nc;
            let best = &mut best[g..g + nc];
            let p2s = &mut p2s[g..g + nc];
            let ext = &mut ext[e0 + pi * nc..e0 + (pi + 1) * nc];
            for (ci, ((w, cost), &cg)) in cands.iter().zip(cgroup).enumerate() {
                let logp = match ctx.trigram(*w) {
                    Some(l) => l,
                    None => {
                        let p2 = &mut p2s[ci];
                        if p2.is_nan() {
                            *p2 = lm.bigram_part(p.v, *w);
                        }
                        ctx.backoff() + *p2
                    }
                };
                let s = p.score + LN10 * logp - cost;
                ext[ci] = s;
                top = top.max(s);
                let b = &mut best[cg as usize];
                if b.1 == NONE || s.total_cmp(&b.0).is_gt() {
                    *b = (s, (pi * nc + ci) as u32);
                }
            }
        }
        // the BEAM best by score, then order (all distinct), kept sorted by insertion
        let before = |a: &Rep, b: &Rep| {
            b.score
                .total_cmp(&a.score)
                .then(a.order.cmp(&b.order))
                .is_lt()
        };
        chosen.clear();
        // (those more than BEAM_MARGIN below the best leave below)
        let floor = top - BEAM_MARGIN;
        for &(score, order) in best.iter().filter(|b| b.1 != NONE && b.0 >= floor) {
            let (back, cand) = (order as usize / nc, order as usize % nc);
            let r = &Rep {
                score,
                order,
                st: St {
                    u: layer[back].v,
                    v: cands[cand].0,
                    score,
                    back: back as u32,
                    cand: cand as u32,
                },
            };
            if chosen.len() == BEAM && !chosen.last().is_some_and(|w| before(r, w)) {
                continue;
            }
            let pos = chosen
                .iter()
                .position(|c| before(r, c))
                .unwrap_or(chosen.len());
            if chosen.len() == BEAM {
                chosen.pop();
            }
            chosen.insert(pos, *r);
        }
        if let Some(best) = chosen.first().map(|r| r.score) {
            chosen.retain(|r| r.score >= best - BEAM_MARGIN);
        }
        // after a sentence end or a phrase break the model reads `</s>` or `<,>` and goes on
        // from the slot's context after the word
        let read = |r: &Rep, w: u32| LN10 * lm.logp(r.st.u, r.st.v, w);
        let after = |r: &Rep, read: f32| {
            let (u, v) = slot.after_word((r.st.u, r.st.v));
            St {
                u,
                v,
                score: r.st.score + read,
                ..r.st
            }
        };
        node_at.push(nodes.len());
        let node = |r: &Rep, read: f32| Node {
            g: vgroup[r.st.back as usize],
            cg: cgroup[r.st.cand as usize],
            ci: r.st.cand,
            score: r.st.score,
            read,
        };
        if slot.stop {
            // the sentence ends here: keep the best state and start again
            let mut best: Option<St> = None;
            for r in chosen.iter() {
                let x = read(r, EOS);
                nodes.push(node(r, x));
                let st = after(r, x);
                if best.is_none_or(|b| st.score.total_cmp(&b.score).is_gt()) {
                    best = Some(st);
                }
            }
            states.extend(best);
        } else if slot.comma {
            for r in chosen.iter() {
                let x = read(r, COMMA);
                nodes.push(node(r, x));
                states.push(after(r, x));
            }
        } else {
            for r in chosen.iter() {
                nodes.push(node(r, 0.0));
                states.push(r.st);
            }
        }
        starts.push(states.len());
    }
    ext_at.push(ext.len());
    cand_at.push(cgs.len());
    node_at.push(nodes.len());
    let layer = |k: usize| &states[starts[k]..starts[k + 1]];
    let eos = |s: &St| LN10 * lm.logp(s.u, s.v, EOS);
    let mut choice = vec![0usize; n];
    let mut idx = 0usize;
    if end {
        // the line ends a sentence: add P(</s> | u v) before choosing the best final state
        idx = layer(n)
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.score + eos(s)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|x| x.0)
            .unwrap_or(0);
    }
    for li in (1..=n).rev() {
        let Some(st) = layer(li).get(idx) else {
            break;
        };
        choice[li - 1] = st.cand as usize;
        idx = st.back as usize;
    }
    // backward: the best score from each state to the end
    bwd.clear();
    bwd.resize(states.len(), f32::NEG_INFINITY);
    for (i, s) in layer(n).iter().enumerate() {
        bwd[starts[n] + i] = if end { eos(s) } else { 0.0 };
    }
    let mut conf = vec![1.0f32; n];
    let mut margin = vec![f32::INFINITY; n];
    for k in (0..n).rev() {
        let nc = slots[k].cands.len();
        let (lo, hi, next) = (starts[k], starts[k + 1], starts[k + 1]);
        let knodes = &nodes[node_at[k]..node_at[k + 1]];
        let cgroup = &cgs[cand_at[k]..cand_at[k + 1]];
        node_bwd.clear();
        best_of.clear();
        best_of.resize(nc, f32::NEG_INFINITY);
        for (ni, nd) in knodes.iter().enumerate() {
            // the state the extension leads to
            let to = if slots[k].stop { next } else { next + ni };
            let b = nd.read + bwd.get(to).copied().unwrap_or(f32::NEG_INFINITY);
            node_bwd.push(b);
            let whole = nd.score + b;
            let m = &mut best_of[nd.cg as usize];
            *m = m.max(whole);
        }
        let e0 = ext_at[k];
        // each kept extension's edges: from every state with its previous word
        bwd[lo..hi].fill(f32::NEG_INFINITY);
        for (nd, &after) in knodes.iter().zip(node_bwd.iter()) {
            for pi in lo..hi {
                if vgs[pi] == nd.g {
                    let e = ext[e0 + (pi - lo) * nc + nd.ci as usize] - states[pi].score + after;
                    bwd[pi] = bwd[pi].max(e);
                }
            }
        }
        // confidence and margin of the choice
        let mine = cgroup.get(choice[k]).map_or(0, |&c| c as usize);
        let best = best_of.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        if best.is_finite() {
            let z: f32 = best_of
                .iter()
                .filter(|m| m.is_finite())
                .map(|m| (m - best).exp())
                .sum();
            conf[k] = ((best_of[mine] - best).exp() / z).clamp(0.0, 1.0);
            // a reading the beam dropped here: its best extension with the best future of
            // the slot
            let future = node_bwd.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let dropped = |c: usize| {
                (lo..hi)
                    .map(|pi| ext[e0 + (pi - lo) * nc + c])
                    .fold(f32::NEG_INFINITY, f32::max)
                    + future
            };
            let mut other = f32::NEG_INFINITY;
            for (c, &m) in best_of.iter().enumerate() {
                if c != mine && cgroup[c] as usize == c {
                    other = other.max(if m.is_finite() { m } else { dropped(c) });
                }
            }
            margin[k] = best_of[mine] - other;
        }
    }
    Decoded {
        choice,
        conf,
        margin,
    }
}

pub(crate) fn debug_candidates(
    lm: &Lm,
    ch: &Channel,
    ix: &Index,
    token: &str,
) -> Vec<(String, f32)> {
    let lower = token.to_lowercase();
    ocr_cands(lm, ch, ix, &lower, None)
        .into_iter()
        .map(|(w, c)| (cand_text(lm, w).to_string(), c))
        .collect()
}

/// The written form of a candidate: a vocabulary syllable, or "" for "keep the token".
fn cand_text(lm: &Lm, id: u32) -> &str {
    if id >= SPECIALS {
        lm.vocab.get(id as usize).map(String::as_str).unwrap_or("")
    } else {
        ""
    }
}

/// List markers run a) b) c) d) đ) e): a second `d)` in a row is an accent-stripped `đ)`.
/// `last` is the letter of the previous list marker of the document.
pub(crate) fn list_marker(r: &mut LineRepair, line: &str, mode: Mode, last: &mut Option<char>) {
    if matches!(mode, Mode::Never) {
        return;
    }
    let start = line.len() - line.trim_start().len();
    let first = line[start..].split_whitespace().next().unwrap_or("");
    let mut marker = {
        let mut cs = first.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(c), Some(')'), None) if c.is_lowercase() && c.is_alphabetic() => Some(c),
            _ => None,
        }
    };
    if marker == Some('d') && *last == Some('d') && r.text.get(start..start + 2) == Some("d)") {
        r.text.replace_range(start..start + 1, "đ");
        r.edits.insert(
            0,
            Edit {
                column: line[..start].chars().count() + 1,
                from: "d".into(),
                to: "đ".into(),
                confidence: 0.8,
            },
        );
        r.applied = true;
        marker = Some('đ');
    }
    if marker.is_some() {
        *last = marker;
    }
}

/// How a whole document is written, from its words (tokens of two letters or more): the share
/// of words with a letter only Vietnamese uses (ă â ê ô ơ ư đ, or a hook, tilde or dot-below
/// tone) and the share that are not valid syllables. Clean Vietnamese has about half of its words
/// marked and almost none invalid; accent-stripped text has none marked; English-model OCR has
/// many invalid words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Register {
    /// Words (tokens with two letters or more).
    pub words: usize,
    /// Words with a letter only Vietnamese uses.
    pub marked: usize,
    /// Words that are not valid syllables, abbreviations or codes.
    pub invalid: usize,
}

impl Register {
    /// Reads the words of `lines`.
    pub(crate) fn of<S: AsRef<str>>(ix: &Index, lines: &[S]) -> Register {
        Register::count(ix, lines, true)
    }

    /// [`Register::is_marked`] of `lines`, without reading the words as syllables unless the
    /// marks are there (an accent-stripped document has none: its words are not parsed twice).
    pub(crate) fn marked_doc<S: AsRef<str>>(ix: &Index, lines: &[S]) -> bool {
        let marks = Register::count(ix, lines, false);
        marks.enough_marks() && Register::count(ix, lines, true).is_marked()
    }

    /// The counts of `lines`; `invalid` only if `parse`.
    fn count<S: AsRef<str>>(ix: &Index, lines: &[S], parse: bool) -> Register {
        let mut r = Register::default();
        for line in lines {
            for t in tokens(line.as_ref()) {
                let letters = t.core.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 2 || t.core.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                r.words += 1;
                if t.core.chars().any(vietnamese_only) {
                    r.marked += 1;
                }
                let all_upper = t
                    .core
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
                if parse
                    && !all_upper
                    && !ix.abbrevs.contains(t.core)
                    && crate::syllable::parse(&t.core.to_lowercase()).is_none()
                {
                    r.invalid += 1;
                }
            }
        }
        r
    }

    /// Written with Vietnamese marks and almost no invalid words: in `auto` mode such a
    /// document keeps its valid syllables everywhere (a PDF table read row by row puts lone cell
    /// words such as "quan" or "tra" on lines of their own, which must not be "restored").
    pub fn is_marked(&self) -> bool {
        self.enough_marks() && self.invalid * 25 <= self.words
    }

    fn enough_marks(&self) -> bool {
        self.words >= 20 && self.marked * 5 >= self.words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path of a small lattice scored one by one: the best path, and the margin of its
    /// reading at each slot over the best path with another reading there.
    #[test]
    fn margins_and_confidences_are_those_of_whole_paths() {
        let r = crate::Repairer::embedded().unwrap();
        let (lm, ix) = (&r.lm, &r.index);
        let slot = |skel: &str, cost: f32| Slot {
            cands: ix.by_skel[skel]
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, &w)| (w, cost * i as f32))
                .collect(),
            stop: false,
            comma: false,
        };
        let slots = [slot("ban", 0.5), slot("nhan", 0.0), slot("dan", 1.0)];
        let d = viterbi(lm, &slots, (BOS, BOS), true);
        let score = |path: &[usize]| {
            let (mut u, mut v, mut s) = (BOS, BOS, 0.0f32);
            for (k, &c) in path.iter().enumerate() {
                let (w, cost) = slots[k].cands[c];
                s += LM_WEIGHT * std::f32::consts::LN_10 * lm.logp(u, v, w) - cost;
                (u, v) = (v, w);
            }
            s + LM_WEIGHT * std::f32::consts::LN_10 * lm.logp(u, v, EOS)
        };
        let mut paths = Vec::new();
        for a in 0..slots[0].cands.len() {
            for b in 0..slots[1].cands.len() {
                for c in 0..slots[2].cands.len() {
                    paths.push(([a, b, c], score(&[a, b, c])));
                }
            }
        }
        let best = paths.iter().max_by(|x, y| x.1.total_cmp(&y.1)).unwrap();
        assert_eq!(d.choice, best.0);
        let mut checked = 0;
        for k in 0..3 {
            let other = paths
                .iter()
                .filter(|p| p.0[k] != best.0[k])
                .map(|p| p.1)
                .fold(f32::NEG_INFINITY, f32::max);
            if best.1 - other < BEAM_MARGIN {
                checked += 1;
                assert!((d.margin[k] - (best.1 - other)).abs() < 1e-3, "slot {k}");
            }
            assert!(d.margin[k] >= 0.0 && (0.0..=1.0).contains(&d.conf[k]));
        }
        assert!(checked >= 2, "{:?}", d.margin);
    }
}
