//! Training: syllable trigram counts → interpolated modified Kneser-Ney → binary model, plus
//! the OCR channel model from aligned pairs. Deterministic: the vocabulary is the rule-based
//! syllable inventory (sorted), all tables are sorted before writing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::channel::Channel;
use crate::codes::{CodeCounts, Codes};
use crate::lm::{key2, key3, quant, Lm, LmParts, BOS, EOS, NUM, UNK};
use crate::syllable::{canonical, case_of, inventory, Case};
use crate::token::{
    after_name_capital, case_informative, phrase_break, sentence_break, tokens, Token, SENTENCE_END,
};
use crate::RepairError;

/// Fixed vocabulary: specials then the syllable inventory.
#[derive(Debug, Clone)]
pub struct Vocab {
    /// Words by id.
    pub words: Vec<String>,
    index: HashMap<String, u32>,
}

impl Default for Vocab {
    fn default() -> Self {
        Self::new()
    }
}

impl Vocab {
    /// Specials + inventory.
    pub fn new() -> Vocab {
        let mut words: Vec<String> = ["<s>", "</s>", "<unk>", "<num>", "<abbr>", "<,>"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        words.extend(inventory());
        let index = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        Vocab { words, index }
    }

    /// Id of a canonical syllable.
    pub fn id(&self, w: &str) -> Option<u32> {
        self.index.get(w).copied()
    }

    /// Class id of a token core as written (any case, NFC).
    pub fn classify(&self, core: &str) -> u32 {
        if core.chars().any(|c| c.is_ascii_digit()) {
            return NUM;
        }
        let lower = core.to_lowercase();
        match canonical(&lower) {
            Some(c) => self.id(&c).unwrap_or(UNK),
            None => crate::lm::other_class(core),
        }
    }
}

/// True if a line (trailing spaces ignored) ends with one of [`SENTENCE_END`].
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(SENTENCE_END)
}

/// True if the next line of a hard-wrapped text continues the previous one's sentence: it
/// begins (after spaces) with a lowercase letter.
pub fn continues(next: &str) -> bool {
    next.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// The sentences of a text for training: its lines, with a line that does not end a sentence
/// joined to the next non-blank line when that one [`continues`] it. PDF-extracted plans and
/// gazette text are wrapped at the page width ("hợp đồng dịch" / "vụ") and often put a blank
/// line between wrapped lines; read line by line, the trigram model would learn a sentence end
/// inside "dịch vụ".
pub fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if open && continues(line) => {
                last.push(' ');
                last.push_str(line.trim());
            }
            _ => out.push(line.trim().to_string()),
        }
        open = !ends_sentence(line);
    }
    out
}

/// One step of how the model reads a line of tokens ([`read_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read<'a> {
    /// A token: its model id, its core, and, where its letter case says something about names
    /// (a syllable that is [`case_informative`]), whether it follows a capital inside a name
    /// ([`after_name_capital`]).
    Word {
        /// Model id ([`Vocab::classify`]).
        id: u32,
        /// The token's core as written.
        core: &'a str,
        /// `Some(in_name)` where the case model reads the token.
        case: Option<bool>,
    },
    /// A sentence ends after the last word ([`sentence_break`]): `</s>`, then `<s> <s>`.
    SentenceEnd,
    /// A phrase break after the last word ([`phrase_break`]): `<,>`.
    PhraseBreak,
}

/// Read a line's tokens (empty cores left out) as the model is trained on them and the decoder
/// reads them: each word, then a sentence end or a phrase break where one follows. Training
/// ([`Counts::add_text`]) and the scoring aid `examples/linescore.rs` share this reading.
pub fn read_line<'a>(vocab: &Vocab, toks: &[Token<'a>], mut step: impl FnMut(Read<'a>)) {
    for (i, t) in toks.iter().enumerate() {
        let id = vocab.classify(t.core);
        let case =
            (case_informative(i, |k| toks[k].trail) && id >= crate::lm::SPECIALS).then(|| {
                after_name_capital(
                    i,
                    |k| toks[k].trail,
                    |k| case_of(toks[k].core) == Case::Title,
                )
            });
        step(Read::Word {
            id,
            core: t.core,
            case,
        });
        if toks
            .get(i + 1)
            .is_some_and(|n| sentence_break(t.trail, n.core))
        {
            step(Read::SentenceEnd);
        } else if phrase_break(t.trail, toks.get(i + 1).map_or("", |n| n.lead)) {
            step(Read::PhraseBreak);
        }
    }
}

/// Raw trigram counts over the fixed vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    tri: HashMap<u64, u32>,
    uni: HashMap<u32, u32>,
    /// Per syllable, not first in its line: (capitalised, lowercase) occurrences.
    caps: HashMap<u32, (u32, u32)>,
    /// The same, counted only where the word before is capitalised (inside names).
    caps_in_name: HashMap<u32, (u32, u32)>,
    /// Code runs as written (`NSĐP`, `VND`), for the learned code table.
    codes: CodeCounts,
}

impl Counts {
    /// Count the sentences of a text, `weight` times: each line is a sentence, except that
    /// a hard-wrapped line goes on into the next one (see [`reflow`]) and a sentence ends
    /// inside a line where [`sentence_break`] says so, as the decoder reads them.
    pub fn add_text(&mut self, vocab: &Vocab, text: &str, weight: u32) {
        let text: String = text.nfc().collect();
        let mut ids = Vec::new();
        for line in reflow(&text) {
            let toks: Vec<_> = tokens(&line)
                .into_iter()
                .filter(|t| !t.core.is_empty())
                .collect();
            ids.clear();
            ids.push(BOS);
            ids.push(BOS);
            read_line(vocab, &toks, |step| match step {
                Read::Word { id, core, case } => {
                    ids.push(id);
                    if id < crate::lm::SPECIALS {
                        self.codes.add(core, weight);
                    }
                    let Some(in_name) = case else {
                        return;
                    };
                    for (map, on) in [(&mut self.caps, true), (&mut self.caps_in_name, in_name)] {
                        if !on {
                            continue;
                        }
                        match case_of(core) {
                            Case::Title => map.entry(id).or_default().0 += weight,
                            Case::Lower => map.entry(id).or_default().1 += weight,
                            Case::Upper => {}
                        }
                    }
                }
                Read::SentenceEnd => {
                    self.add_sentence(&mut ids, weight);
                    ids.push(BOS);
                    ids.push(BOS);
                }
                Read::PhraseBreak => ids.push(crate::lm::COMMA),
            });
            self.add_sentence(&mut ids, weight);
        }
    }

    /// Count one sentence (`ids` starts with BOS BOS) and clear it.
    fn add_sentence(&mut self, ids: &mut Vec<u32>, weight: u32) {
        if ids.len() > 2 {
            ids.push(EOS);
            for w in ids.windows(3) {
                *self.tri.entry(key3(w[0], w[1], w[2])).or_default() += weight;
                *self.uni.entry(w[2]).or_default() += weight;
            }
        }
        ids.clear();
    }

    /// Add another set of counts.
    pub fn merge(&mut self, other: &Counts) {
        for (k, v) in &other.tri {
            *self.tri.entry(*k).or_default() += v;
        }
        for (k, v) in &other.uni {
            *self.uni.entry(*k).or_default() += v;
        }
        for (mine, theirs) in [
            (&mut self.caps, &other.caps),
            (&mut self.caps_in_name, &other.caps_in_name),
        ] {
            for (k, (a, b)) in theirs {
                let e = mine.entry(*k).or_default();
                e.0 += a;
                e.1 += b;
            }
        }
        self.codes.merge(&other.codes);
    }

    /// The learned code table (see [`crate::codes`]).
    pub fn codes(&self) -> Codes {
        self.codes.table()
    }

    /// Number of distinct trigrams.
    pub fn len(&self) -> usize {
        self.tri.len()
    }

    /// True if nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.tri.is_empty()
    }
}

fn discounts(cc: &[u32]) -> [f64; 4] {
    // cc: a list of counts; returns D for counts 0,1,2,3+
    let mut n = [0f64; 5];
    for &c in cc {
        if (1..=4).contains(&c) {
            n[c as usize] += 1.0;
        }
    }
    if n[1] == 0.0 || n[2] == 0.0 || n[3] == 0.0 {
        return [0.0, 0.5, 1.0, 1.5];
    }
    let y = n[1] / (n[1] + 2.0 * n[2]);
    let d1 = (1.0 - 2.0 * y * n[2] / n[1]).clamp(0.05, 0.95);
    let d2 = (2.0 - 3.0 * y * n[3] / n[2]).clamp(0.1, 1.9);
    let d3 = if n[4] > 0.0 {
        (3.0 - 4.0 * y * n[4] / n[3]).clamp(0.1, 2.9)
    } else {
        1.5
    };
    [0.0, d1, d2, d3]
}

#[inline]
fn disc(d: &[f64; 4], c: u32) -> f64 {
    d[(c as usize).min(3)]
}

/// Build the KN model. Trigrams seen fewer than `min_tri` times are pruned (their mass stays
/// in the lower orders).
pub fn build_lm(vocab: &Vocab, counts: &Counts, min_tri: u32) -> LmParts {
    let v = vocab.words.len();
    let mut tri: Vec<(u64, u32)> = counts.tri.iter().map(|(k, c)| (*k, *c)).collect();
    tri.sort_unstable();
    // bigram continuation counts N1+(. v w)
    let mut cc2: HashMap<u32, u32> = HashMap::new();
    for (k, _) in &tri {
        let vw = (*k & 0xffff_ffff) as u32;
        *cc2.entry(vw).or_default() += 1;
    }
    let mut bi: Vec<(u32, u32)> = cc2.into_iter().collect();
    bi.sort_unstable();
    // unigram continuation counts N1+(. w)
    let mut cc1 = vec![0u32; v];
    for (k, _) in &bi {
        let w = (k & 0xffff) as usize;
        if w < v {
            cc1[w] += 1;
        }
    }
    let total1: f64 = cc1.iter().map(|&c| c as f64).sum::<f64>() + 0.1 * v as f64;
    let p1: Vec<f64> = cc1.iter().map(|&c| (c as f64 + 0.1) / total1).collect();
    let d2 = discounts(&bi.iter().map(|x| x.1).collect::<Vec<_>>());
    let d3 = discounts(&tri.iter().map(|x| x.1).collect::<Vec<_>>());

    // bigram level
    let mut bow2 = vec![0u16; v];
    let mut bi_keys = Vec::with_capacity(bi.len());
    let mut bi_vals = Vec::with_capacity(bi.len());
    let mut p2map: HashMap<u32, f64> = HashMap::with_capacity(bi.len());
    let mut gamma2 = vec![1.0f64; v];
    let mut i = 0;
    while i < bi.len() {
        let ctx = bi[i].0 >> 16;
        let mut j = i;
        let mut sum = 0f64;
        let mut nk = [0f64; 4];
        while j < bi.len() && bi[j].0 >> 16 == ctx {
            sum += bi[j].1 as f64;
            nk[(bi[j].1 as usize).min(3)] += 1.0;
            j += 1;
        }
        let g = (d2[1] * nk[1] + d2[2] * nk[2] + d2[3] * nk[3]) / sum;
        if (ctx as usize) < v {
            gamma2[ctx as usize] = g;
            bow2[ctx as usize] = quant(g.log10());
        }
        for &(k, c) in &bi[i..j] {
            let w = (k & 0xffff) as usize;
            let p =
                ((c as f64 - disc(&d2, c)).max(0.0)) / sum + g * p1.get(w).copied().unwrap_or(0.0);
            p2map.insert(k, p);
            bi_keys.push(k);
            bi_vals.push(quant(p.log10()));
        }
        i = j;
    }
    let p2 = |vv: u32, w: u32| -> f64 {
        match p2map.get(&key2(vv, w)) {
            Some(p) => *p,
            None => {
                gamma2.get(vv as usize).copied().unwrap_or(1.0)
                    * p1.get(w as usize).copied().unwrap_or(1e-9)
            }
        }
    };
    // trigram level
    let mut tri_keys = Vec::new();
    let mut tri_vals = Vec::new();
    let mut ctx_keys = Vec::new();
    let mut ctx_vals = Vec::new();
    let mut i = 0;
    while i < tri.len() {
        let ctx = tri[i].0 >> 16;
        let mut j = i;
        let mut sum = 0f64;
        let mut nk = [0f64; 4];
        while j < tri.len() && tri[j].0 >> 16 == ctx {
            sum += tri[j].1 as f64;
            nk[(tri[j].1 as usize).min(3)] += 1.0;
            j += 1;
        }
        let g = (d3[1] * nk[1] + d3[2] * nk[2] + d3[3] * nk[3]) / sum;
        let mut kept = false;
        for &(k, c) in &tri[i..j] {
            if c < min_tri {
                continue;
            }
            let vv = ((k >> 16) & 0xffff) as u32;
            let w = (k & 0xffff) as u32;
            let p = ((c as f64 - disc(&d3, c)).max(0.0)) / sum + g * p2(vv, w);
            tri_keys.push(k);
            tri_vals.push(quant(p.log10()));
            kept = true;
        }
        if kept || sum >= 8.0 {
            ctx_keys.push(ctx as u32);
            ctx_vals.push(quant(g.log10()));
        }
        i = j;
    }
    let mut cnt = vec![0u32; v];
    for (k, c) in &counts.uni {
        if (*k as usize) < v {
            cnt[*k as usize] = *c;
        }
    }
    // P(capitalised | w) for words not first in a line, smoothed towards the global rate
    let (tc, tl) = counts
        .caps
        .values()
        .fold((0f64, 0f64), |a, (c, l)| (a.0 + *c as f64, a.1 + *l as f64));
    let prior = if tc + tl > 0.0 { tc / (tc + tl) } else { 0.1 };
    // and inside names (after a capitalised word), smoothed towards the word's own rate
    let mut caps = vec![0u16; 4 * v];
    for w in 0..v {
        let (c, l) = counts.caps.get(&(w as u32)).copied().unwrap_or((0, 0));
        let p = (c as f64 + 2.0 * prior) / (c as f64 + l as f64 + 2.0);
        let (cn, ln) = counts
            .caps_in_name
            .get(&(w as u32))
            .copied()
            .unwrap_or((0, 0));
        let pn = (cn as f64 + 2.0 * p) / (cn as f64 + ln as f64 + 2.0);
        caps[4 * w] = quant(p.log10());
        caps[4 * w + 1] = quant((1.0 - p).log10());
        caps[4 * w + 2] = quant(pn.log10());
        caps[4 * w + 3] = quant((1.0 - pn).log10());
    }
    LmParts {
        caps,
        vocab: vocab.words.clone(),
        counts: cnt,
        uni: p1.iter().map(|p| quant(p.log10())).collect(),
        bow2,
        bi_keys,
        bi_vals,
        tri_keys,
        tri_vals,
        ctx_keys,
        ctx_vals,
    }
}

/// Write a complete model file (LM + channel + provenance note).
pub fn model_bytes(parts: &LmParts, channel: &Channel, codes: &Codes, note: &str) -> Vec<u8> {
    Lm::write(
        parts,
        &[
            (*b"CHAN", channel.to_bytes()),
            (*b"CODE", codes.to_bytes()),
            (*b"NOTE", note.as_bytes().to_vec()),
        ],
    )
}

/// What `sohoa train` reads.
#[derive(Debug, Clone, Default)]
pub struct TrainConfig {
    /// Plain-text files or directories of `*.txt` (weight 1).
    pub corpus: Vec<PathBuf>,
    /// In-domain plan texts (weighted `plan_weight`).
    pub plans: Vec<PathBuf>,
    /// Weight of plan text.
    pub plan_weight: u32,
    /// Gazetteer file (one name per line, `type<TAB>name`), weighted `plan_weight`.
    pub gazetteer: Option<PathBuf>,
    /// Aligned OCR pairs: JSON lines with `gold` and `ocr`.
    pub pairs: Vec<PathBuf>,
    /// Trigram count cutoff.
    pub min_tri: u32,
}

fn io(p: &Path, e: std::io::Error) -> RepairError {
    RepairError::Io {
        path: p.display().to_string(),
        source: e,
    }
}

/// Expand directories into their sorted `*.txt` files (SOURCE.txt and README excluded).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, RepairError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.extension().is_some_and(|x| x == "txt")
                        && !f
                            .file_name()
                            .is_some_and(|n| n == "SOURCE.txt" || n == "README.txt")
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Read a text file, lossily.
pub fn read_text(p: &Path) -> Result<String, RepairError> {
    let b = std::fs::read(p).map_err(|e| io(p, e))?;
    Ok(String::from_utf8_lossy(&b).into_owned())
}

/// Gazetteer lines of current units as training sentences ("xã Lai Khê", "Lai Khê"); former
/// units (a third column `former`) are left to [`former_units_text`].
pub fn gazetteer_text(raw: &str) -> String {
    let mut s = String::new();
    for line in raw.lines() {
        let mut f = line.split('\t');
        let (Some(kind), Some(name), None) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        s.push_str(kind);
        s.push(' ');
        s.push_str(name);
        s.push('\n');
        s.push_str(name);
        s.push('\n');
    }
    s
}

/// Weight of the former units' text ([`former_units_text`]); twice as much (267 wrong on (a)),
/// or the names on their own lines as well (268), measured worse on the eval.
pub const FORMER_UNIT_WEIGHT: u32 = 1;

/// Training text of the gazetteer's former units (lines `type<TAB>name<TAB>former`: districts,
/// communes and wards before the 2025 reorganisation that are not current units): each as
/// `type name` only (`huyện Văn Yên`, `xã Y Can`), weighted [`FORMER_UNIT_WEIGHT`]. Measured
/// with `examples/eval.rs` against the current units alone: (a) 271 → 266 wrong (`An Thịnh`,
/// `Bản Qua`, `Văn Yên` of a Lào Cai plan), (b) 99.03 → 99.02 % (close OCR calls shifted).
pub fn former_units_text(raw: &str) -> String {
    let mut s = String::new();
    for line in raw.lines() {
        let mut f = line.split('\t');
        if let (Some(kind), Some(name), Some("former")) = (f.next(), f.next(), f.next()) {
            s.push_str(kind);
            s.push(' ');
            s.push_str(name);
            s.push('\n');
        }
    }
    s
}

/// Read aligned pairs (JSON lines with `gold` and `ocr`).
pub fn read_pairs(paths: &[PathBuf]) -> Result<Vec<(String, String)>, RepairError> {
    let mut out = Vec::new();
    for p in paths {
        let text = read_text(p)?;
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let (Some(g), Some(o)) = (v["gold"].as_str(), v["ocr"].as_str()) {
                out.push((g.nfc().collect(), o.nfc().collect()));
            }
        }
    }
    Ok(out)
}

/// Train a model file from the configuration.
pub fn train(cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<Vec<u8>, RepairError> {
    let vocab = Vocab::new();
    let mut counts = Counts::default();
    let corpus = expand(&cfg.corpus)?;
    for f in &corpus {
        counts.add_text(&vocab, &read_text(f)?, 1);
    }
    log(&format!("corpus: {} files", corpus.len()));
    let plans = expand(&cfg.plans)?;
    let w = cfg.plan_weight.max(1);
    for f in &plans {
        counts.add_text(&vocab, &read_text(f)?, w);
    }
    log(&format!("plans: {} files (weight {w})", plans.len()));
    if let Some(g) = &cfg.gazetteer {
        let raw = read_text(g)?;
        counts.add_text(&vocab, &gazetteer_text(&raw), w);
        counts.add_text(&vocab, &former_units_text(&raw), FORMER_UNIT_WEIGHT);
    }
    log(&format!("{} distinct trigrams", counts.len()));
    let parts = build_lm(&vocab, &counts, cfg.min_tri.max(1));
    let codes = counts.codes();
    log(&format!(
        "kept {} bigrams, {} trigrams, {} codes",
        parts.bi_keys.len(),
        parts.tri_keys.len(),
        codes.len()
    ));
    let pairs = read_pairs(&cfg.pairs)?;
    let channel = Channel::learn(pairs.iter().map(|(g, o)| (g.as_str(), o.as_str())));
    log(&format!("channel: {} pairs", pairs.len()));
    let names = |v: &[PathBuf]| {
        v.iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let note = format!(
        "corpus files: {}\nplans: {}\nmin_tri: {}\npairs: {}\n",
        corpus.len(),
        names(&plans),
        cfg.min_tri,
        pairs.len()
    );
    Ok(model_bytes(&parts, &channel, &codes, &note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_current_and_former_units() {
        let raw = "# header\nxã\tLai Khê\nhuyện\tVăn Yên\tformer\nxã\tY Can\tformer\n";
        assert_eq!(gazetteer_text(raw), "xã Lai Khê\nLai Khê\n");
        assert_eq!(former_units_text(raw), "huyện Văn Yên\nxã Y Can\n");
    }

    #[test]
    fn reflow_joins_wrapped_lines_only() {
        let text = "Nghị định này quy định về hợp đồng dịch \n\nvụ đối với một số loại công việc. \nĐiều 2. Đối tượng áp dụng\n1. Cơ quan hành chính\nở Trung ương;\nChương I\nQUY ĐỊNH CHUNG\n";
        assert_eq!(
            reflow(text),
            [
                "Nghị định này quy định về hợp đồng dịch vụ đối với một số loại công việc.",
                "Điều 2. Đối tượng áp dụng",
                "1. Cơ quan hành chính ở Trung ương;",
                "Chương I",
                "QUY ĐỊNH CHUNG",
            ]
        );
    }

    #[test]
    fn sentences_end_inside_a_line() {
        let vocab = Vocab::new();
        let mut one = Counts::default();
        one.add_text(&vocab, "còn chưa chặt chẽ. Nguyên nhân khách quan", 1);
        let mut two = Counts::default();
        two.add_text(&vocab, "còn chưa chặt chẽ.\nNguyên nhân khách quan", 1);
        assert_eq!(one.tri, two.tri);
        // no sentence end before a lowercase word, but a phrase break
        let mut three = Counts::default();
        three.add_text(&vocab, "như sau: hiện tượng", 1);
        let id = |w: &str| vocab.id(w).unwrap();
        assert!(three
            .tri
            .contains_key(&key3(id("như"), id("sau"), crate::lm::COMMA)));
        assert!(three
            .tri
            .contains_key(&key3(id("sau"), crate::lm::COMMA, id("hiện"))));
        assert!(!three
            .tri
            .keys()
            .any(|k| k & 0xffff == EOS as u64 && k >> 16 & 0xffff == id("sau") as u64));
        assert!(one.tri.contains_key(&key3(id("chặt"), id("chẽ"), EOS)));
    }

    #[test]
    fn case_inside_names_is_counted_apart() {
        let vocab = Vocab::new();
        let mut c = Counts::default();
        let text = "ban hành văn bản mới và văn bản cũ\ngiao ông Nguyễn Văn An làm\n\
                    Văn phòng xã gửi văn bản\ngiao ông Nguyễn Văn Bình làm\n";
        c.add_text(&vocab, text, 1);
        let v = vocab.id("văn").unwrap();
        // "Văn phòng" is first in its line: it says nothing about names
        assert_eq!(c.caps.get(&v), Some(&(2, 3)));
        assert_eq!(c.caps_in_name.get(&v), Some(&(2, 0)));
        let parts = build_lm(&vocab, &c, 1);
        let lm = crate::lm::Lm::read(&model_bytes(
            &parts,
            &Channel::default(),
            &Codes::default(),
            "t",
        ))
        .unwrap()
        .0;
        assert!(lm.case_logp(v, true, true) > lm.case_logp(v, true, false));
        assert!(lm.case_logp(v, false, true) < lm.case_logp(v, false, false));
    }
}
