//! The syllable trigram language model (interpolated modified Kneser-Ney, stored in backoff
//! form) and its compact binary file format.
//!
//! File layout (little-endian): magic `SOHOARPR`, `u32` format version, then sections
//! `tag: [u8; 4]`, `len: u64`, payload. Every length is checked against the remaining bytes
//! before anything is read.

use crate::RepairError;

/// File magic.
pub const MAGIC: &[u8; 8] = b"SOHOARPR";
/// Current format version.
pub const VERSION: u32 = 5;
/// Quantisation step: stored value `q` means log10 p = -q / QSCALE.
pub const QSCALE: f32 = 4096.0;

/// Sentence start.
pub const BOS: u32 = 0;
/// Sentence end.
pub const EOS: u32 = 1;
/// Anything that is not a syllable or a number (abbreviations, codes, foreign words).
pub const UNK: u32 = 2;
/// A number, date or other digit string.
pub const NUM: u32 = 3;
/// An all-capitals abbreviation or code (UBND, HĐND, PCI).
pub const ABBR: u32 = 4;
/// A comma (or another phrase break, [`crate::token::phrase_break`]) between two words.
pub const COMMA: u32 = 5;
/// Number of special tokens before the syllables.
pub const SPECIALS: u32 = 6;

/// The class of a token that is not a syllable or a number: `ABBR` for two or more letters,
/// all capitals, else `UNK`.
pub fn other_class(core: &str) -> u32 {
    let mut letters = 0;
    for c in core.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return UNK;
        }
        letters += 1;
    }
    if letters >= 2 {
        ABBR
    } else {
        UNK
    }
}

/// Quantise a log10 probability (≤ 0).
pub fn quant(log10p: f64) -> u16 {
    let q = (-log10p * QSCALE as f64).round();
    q.clamp(0.0, 65535.0) as u16
}

#[inline]
fn dequant(q: u16) -> f32 {
    -(q as f32) / QSCALE
}

/// Pack a bigram key.
#[inline]
pub fn key2(v: u32, w: u32) -> u32 {
    (v << 16) | (w & 0xffff)
}

/// Pack a trigram key.
#[inline]
pub fn key3(u: u32, v: u32, w: u32) -> u64 {
    ((u as u64) << 32) | ((v as u64) << 16) | (w as u64 & 0xffff)
}

/// An open-addressing hash table of packed n-gram keys (linear probing, at most half full),
/// built at load: one `u64` per slot, the key in the bits under `val_shift`, the value above;
/// 0 is an empty slot (the one entry that would pack to 0 is kept aside).
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<u64>,
    shift: u32,
    key_mask: u64,
    val_shift: u32,
    zero: Option<u32>,
}

impl Table {
    /// A table of `n` (key, value) entries; keys below `1 << val_shift`, values that fit above.
    fn new(n: usize, val_shift: u32, entries: impl Iterator<Item = (u64, u32)>) -> Table {
        let cap = (2 * n).next_power_of_two().max(16);
        let mut t = Table {
            slots: vec![0; cap],
            shift: 64 - cap.trailing_zeros(),
            key_mask: (1u64 << val_shift) - 1,
            val_shift,
            zero: None,
        };
        let mask = cap - 1;
        for (k, v) in entries {
            let e = (k & t.key_mask) | (u64::from(v) << val_shift);
            if e == 0 {
                t.zero = Some(0);
                continue;
            }
            let mut i = t.home(k);
            while t.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = e;
        }
        t
    }

    #[inline(always)]
    fn home(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    #[inline(always)]
    fn get(&self, k: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let e = self.slots[i];
            if e == 0 {
                return if k == 0 { self.zero } else { None };
            }
            if e & self.key_mask == k {
                return Some((e >> self.val_shift) as u32);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Bit of a context entry's value: trigrams with this context are stored.
const HAS_TRIGRAMS: u32 = 1 << 16;

/// P(· | u v) prepared for repeated queries (see [`Lm::context`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    lm: &'a Lm,
    /// `key3(u, v, 0)`.
    uv: u64,
    v: u32,
    has_tri: bool,
    bo: f32,
}

impl Context<'_> {
    /// log10 P(w | u v), the same value as [`Lm::logp`].
    #[inline]
    pub fn logp(&self, w: u32) -> f32 {
        match self.trigram(w) {
            Some(p) => p,
            None => self.backoff() + self.lm.bigram_part(self.v, w),
        }
    }

    /// log10 P(w | u v) if the trigram is stored.
    #[inline(always)]
    pub fn trigram(&self, w: u32) -> Option<f32> {
        if self.has_tri {
            self.lm
                .tri
                .get(self.uv | (w as u64 & 0xffff))
                .map(|q| dequant(q as u16))
        } else {
            None
        }
    }

    /// log10 of the context's backoff weight: without the trigram, log10 P(w | u v) is this
    /// plus [`Lm::bigram_part`] of (v, w).
    #[inline]
    pub fn backoff(&self) -> f32 {
        self.bo
    }
}

/// The n-gram sections of a model file, read into sorted arrays.
struct Grams {
    bi_keys: Vec<u32>,
    bi_vals: Vec<u16>,
    tri_keys: Vec<u64>,
    tri_vals: Vec<u16>,
    ctx_keys: Vec<u32>,
    ctx_vals: Vec<u16>,
}

/// An extra section of a model file: tag and payload.
pub type Section = ([u8; 4], Vec<u8>);

/// The loaded language model.
#[derive(Debug, Clone)]
pub struct Lm {
    /// Vocabulary: specials then canonical syllables, sorted.
    pub vocab: Vec<String>,
    /// Raw unigram counts (for candidate pruning and confidence).
    pub counts: Vec<u32>,
    uni: Vec<u16>,
    caps: Vec<u16>,
    bow2: Vec<u16>,
    /// key3(u, v, w) → quantised log10 P(w | u v).
    tri: Table,
    /// key2(v, w) → quantised log10 P(w | v).
    bi: Table,
    /// key2(u, v) → quantised backoff of the context, | [`HAS_TRIGRAMS`].
    ctx: Table,
    /// Stored (bigrams, trigrams).
    n_grams: (usize, usize),
}

/// Everything needed to write a model file.
#[derive(Debug, Clone, Default)]
pub struct LmParts {
    /// Vocabulary.
    pub vocab: Vec<String>,
    /// Raw unigram counts.
    pub counts: Vec<u32>,
    /// Quantised unigram log10 p.
    pub uni: Vec<u16>,
    /// Per word: quantised log10 P(capitalised | w), log10 P(lowercase | w), and the same
    /// after a capitalised word.
    pub caps: Vec<u16>,
    /// Quantised bigram-context backoff (log10 γ, stored negated).
    pub bow2: Vec<u16>,
    /// Sorted bigram keys.
    pub bi_keys: Vec<u32>,
    /// Bigram values.
    pub bi_vals: Vec<u16>,
    /// Sorted trigram keys.
    pub tri_keys: Vec<u64>,
    /// Trigram values.
    pub tri_vals: Vec<u16>,
    /// Sorted trigram-context keys.
    pub ctx_keys: Vec<u32>,
    /// Trigram-context backoffs.
    pub ctx_vals: Vec<u16>,
}

impl Lm {
    /// Number of vocabulary entries.
    pub fn len(&self) -> usize {
        self.vocab.len()
    }

    /// True if the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.vocab.is_empty()
    }

    /// Number of stored (bigrams, trigrams).
    pub fn sizes(&self) -> (usize, usize) {
        self.n_grams
    }

    /// log10 P(capitalised | w) (`title`) or P(lowercase | w) for a word not first in its line;
    /// `in_name`: the word before is capitalised ("Hoàng Văn", where "văn" is otherwise mostly
    /// lowercase).
    #[inline]
    pub fn case_logp(&self, w: u32, title: bool, in_name: bool) -> f32 {
        let i = 4 * w as usize + 2 * usize::from(in_name) + usize::from(!title);
        self.caps.get(i).map(|q| dequant(*q)).unwrap_or(0.0)
    }

    /// What P(· | u v) needs, found once for many candidates.
    #[inline(always)]
    pub fn context(&self, u: u32, v: u32) -> Context<'_> {
        let c = self.ctx.get(key2(u, v) as u64).unwrap_or(0);
        Context {
            lm: self,
            uv: key3(u, v, 0),
            v,
            has_tri: c & HAS_TRIGRAMS != 0,
            bo: dequant(c as u16),
        }
    }

    /// log10 P(w | v) as the backoff from a trigram context reads it (bigram, or the bigram
    /// context's backoff plus the unigram).
    #[inline(always)]
    pub fn bigram_part(&self, v: u32, w: u32) -> f32 {
        match self.bi.get(key2(v, w) as u64) {
            Some(q) => dequant(q as u16),
            None => {
                dequant(self.bow2.get(v as usize).copied().unwrap_or(0))
                    + dequant(self.uni.get(w as usize).copied().unwrap_or(u16::MAX))
            }
        }
    }

    /// The hash tables of the sorted n-gram sections.
    fn build_tables(&mut self, g: &Grams) -> Result<(), RepairError> {
        let sorted = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(RepairError::BadModel(format!("{what} keys not sorted")))
            }
        };
        sorted(g.tri_keys.windows(2).all(|w| w[0] < w[1]), "trigram")?;
        sorted(g.bi_keys.windows(2).all(|w| w[0] < w[1]), "bigram")?;
        sorted(g.ctx_keys.windows(2).all(|w| w[0] < w[1]), "context")?;
        self.tri = Table::new(
            g.tri_keys.len(),
            48,
            g.tri_keys
                .iter()
                .zip(&g.tri_vals)
                .map(|(k, v)| (*k, u32::from(*v))),
        );
        self.bi = Table::new(
            g.bi_keys.len(),
            32,
            g.bi_keys
                .iter()
                .zip(&g.bi_vals)
                .map(|(k, v)| (u64::from(*k), u32::from(*v))),
        );
        // contexts: the union of those with a backoff and those with trigrams (both sorted)
        let mut ctx: Vec<(u64, u32)> = Vec::with_capacity(g.ctx_keys.len());
        let mut b = 0usize;
        let mut i = 0usize;
        while i < g.tri_keys.len() {
            let c = (g.tri_keys[i] >> 16) as u32;
            while b < g.ctx_keys.len() && g.ctx_keys[b] < c {
                ctx.push((u64::from(g.ctx_keys[b]), u32::from(g.ctx_vals[b])));
                b += 1;
            }
            let mut val = HAS_TRIGRAMS;
            if b < g.ctx_keys.len() && g.ctx_keys[b] == c {
                val |= u32::from(g.ctx_vals[b]);
                b += 1;
            }
            ctx.push((u64::from(c), val));
            while i < g.tri_keys.len() && (g.tri_keys[i] >> 16) as u32 == c {
                i += 1;
            }
        }
        ctx.extend(
            g.ctx_keys[b..]
                .iter()
                .zip(&g.ctx_vals[b..])
                .map(|(k, v)| (u64::from(*k), u32::from(*v))),
        );
        self.ctx = Table::new(ctx.len(), 32, ctx.into_iter());
        self.n_grams = (g.bi_keys.len(), g.tri_keys.len());
        Ok(())
    }

    /// log10 P(w | u v).
    #[inline]
    pub fn logp(&self, u: u32, v: u32, w: u32) -> f32 {
        self.context(u, v).logp(w)
    }

    /// Serialise parts into the binary format.
    pub fn write(parts: &LmParts, extra: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let mut sec = |tag: &[u8; 4], body: Vec<u8>| {
            out.extend_from_slice(tag);
            out.extend_from_slice(&(body.len() as u64).to_le_bytes());
            out.extend_from_slice(&body);
        };
        let mut v = Vec::new();
        v.extend_from_slice(&(parts.vocab.len() as u32).to_le_bytes());
        for (w, c) in parts.vocab.iter().zip(&parts.counts) {
            let b = w.as_bytes();
            v.push(b.len().min(255) as u8);
            v.extend_from_slice(&b[..b.len().min(255)]);
            v.extend_from_slice(&c.to_le_bytes());
        }
        sec(b"VOCB", v);
        let u16s = |xs: &[u16]| xs.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
        sec(b"UNIG", u16s(&parts.uni));
        sec(b"BOW2", u16s(&parts.bow2));
        sec(b"CAPS", u16s(&parts.caps));
        sec(
            b"BIKY",
            parts.bi_keys.iter().flat_map(|x| x.to_le_bytes()).collect(),
        );
        sec(b"BIVL", u16s(&parts.bi_vals));
        // trigram keys use 48 bits: store 6 bytes each
        sec(
            b"TRKY",
            parts
                .tri_keys
                .iter()
                .flat_map(|x| {
                    let b = x.to_le_bytes();
                    [b[0], b[1], b[2], b[3], b[4], b[5]]
                })
                .collect(),
        );
        sec(b"TRVL", u16s(&parts.tri_vals));
        sec(
            b"CXKY",
            parts
                .ctx_keys
                .iter()
                .flat_map(|x| x.to_le_bytes())
                .collect(),
        );
        sec(b"CXVL", u16s(&parts.ctx_vals));
        for (tag, body) in extra {
            sec(tag, body.clone());
        }
        out
    }

    /// Parse a model file; returns the model and the extra (unknown-tag) sections.
    pub fn read(bytes: &[u8]) -> Result<(Lm, Vec<Section>), RepairError> {
        let bad = |why: &str| RepairError::BadModel(why.to_string());
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(bad("missing SOHOARPR magic"));
        }
        let ver = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if ver != VERSION {
            return Err(RepairError::Version {
                found: ver,
                expected: VERSION,
            });
        }
        let mut pos = 12usize;
        let mut secs: Vec<([u8; 4], &[u8])> = Vec::new();
        while pos < bytes.len() {
            if bytes.len() - pos < 12 {
                return Err(bad("truncated section header"));
            }
            let mut tag = [0u8; 4];
            tag.copy_from_slice(&bytes[pos..pos + 4]);
            let mut lb = [0u8; 8];
            lb.copy_from_slice(&bytes[pos + 4..pos + 12]);
            let len = u64::from_le_bytes(lb);
            pos += 12;
            let len = usize::try_from(len).map_err(|_| bad("section too long"))?;
            if bytes.len() - pos < len {
                return Err(bad("truncated section"));
            }
            secs.push((tag, &bytes[pos..pos + len]));
            pos += len;
        }
        let get = |tag: &[u8; 4]| -> Result<&[u8], RepairError> {
            secs.iter()
                .find(|(t, _)| t == tag)
                .map(|(_, b)| *b)
                .ok_or_else(|| {
                    RepairError::BadModel(format!(
                        "missing section {}",
                        String::from_utf8_lossy(tag)
                    ))
                })
        };
        let vb = get(b"VOCB")?;
        if vb.len() < 4 {
            return Err(bad("vocabulary truncated"));
        }
        let n = u32::from_le_bytes([vb[0], vb[1], vb[2], vb[3]]) as usize;
        if n > 65536 {
            return Err(bad("vocabulary too large"));
        }
        let mut vocab = Vec::with_capacity(n);
        let mut counts = Vec::with_capacity(n);
        let mut p = 4usize;
        for _ in 0..n {
            let l = *vb.get(p).ok_or_else(|| bad("vocabulary truncated"))? as usize;
            let s = vb
                .get(p + 1..p + 1 + l)
                .ok_or_else(|| bad("vocabulary truncated"))?;
            let c = vb
                .get(p + 1 + l..p + 5 + l)
                .ok_or_else(|| bad("vocabulary truncated"))?;
            vocab.push(
                std::str::from_utf8(s)
                    .map_err(|_| bad("vocabulary not UTF-8"))?
                    .to_string(),
            );
            counts.push(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
            p += 5 + l;
        }
        let u16s = |b: &[u8]| -> Result<Vec<u16>, RepairError> {
            if b.len() % 2 != 0 {
                return Err(RepairError::BadModel("odd u16 section".into()));
            }
            Ok(b.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect())
        };
        let uni = u16s(get(b"UNIG")?)?;
        let bow2 = u16s(get(b"BOW2")?)?;
        let caps = match get(b"CAPS") {
            Ok(b) => u16s(b)?,
            Err(_) => vec![0; 4 * n],
        };
        if caps.len() != 4 * n {
            return Err(bad("case section length"));
        }
        let bk = get(b"BIKY")?;
        if bk.len() % 4 != 0 {
            return Err(bad("bigram keys"));
        }
        let bi_keys: Vec<u32> = bk
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let bi_vals = u16s(get(b"BIVL")?)?;
        let tk = get(b"TRKY")?;
        if tk.len() % 6 != 0 {
            return Err(bad("trigram keys"));
        }
        let tri_keys: Vec<u64> = tk
            .chunks_exact(6)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], 0, 0]))
            .collect();
        let tri_vals = u16s(get(b"TRVL")?)?;
        let ck = get(b"CXKY")?;
        if ck.len() % 4 != 0 {
            return Err(bad("context keys"));
        }
        let ctx_keys: Vec<u32> = ck
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let ctx_vals = u16s(get(b"CXVL")?)?;
        if uni.len() != n
            || bow2.len() != n
            || bi_keys.len() != bi_vals.len()
            || tri_keys.len() != tri_vals.len()
            || ctx_keys.len() != ctx_vals.len()
        {
            return Err(bad("section lengths disagree"));
        }
        let extra = secs
            .iter()
            .filter(|(t, _)| {
                ![
                    b"VOCB", b"UNIG", b"BOW2", b"CAPS", b"BIKY", b"BIVL", b"TRKY", b"TRVL",
                    b"CXKY", b"CXVL",
                ]
                .contains(&t)
            })
            .map(|(t, b)| (*t, b.to_vec()))
            .collect();
        let mut lm = Lm {
            vocab,
            counts,
            uni,
            caps,
            bow2,
            tri: Table::default(),
            bi: Table::default(),
            ctx: Table::default(),
            n_grams: (0, 0),
        };
        lm.build_tables(&Grams {
            bi_keys,
            bi_vals,
            tri_keys,
            tri_vals,
            ctx_keys,
            ctx_vals,
        })?;
        Ok((lm, extra))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// log10 P(w | u v) by the backoff formula, read straight from the sorted sections.
    fn reference(p: &LmParts, u: u32, v: u32, w: u32) -> f32 {
        if let Ok(i) = p.tri_keys.binary_search(&key3(u, v, w)) {
            return dequant(p.tri_vals[i]);
        }
        let bo = match p.ctx_keys.binary_search(&key2(u, v)) {
            Ok(i) => dequant(p.ctx_vals[i]),
            Err(_) => 0.0,
        };
        let p2 = match p.bi_keys.binary_search(&key2(v, w)) {
            Ok(i) => dequant(p.bi_vals[i]),
            Err(_) => dequant(p.bow2[v as usize]) + dequant(p.uni[w as usize]),
        };
        bo + p2
    }

    #[test]
    fn hash_tables_agree_with_the_sorted_sections() {
        let parts = LmParts {
            vocab: (0..6).map(|i| format!("w{i}")).collect(),
            counts: vec![1; 6],
            uni: vec![100, 200, 300, 400, 500, 600],
            caps: vec![0; 24],
            bow2: vec![10, 20, 30, 40, 50, 60],
            bi_keys: vec![key2(0, 0), key2(1, 2), key2(1, 4), key2(2, 3), key2(3, 5)],
            bi_vals: vec![0, 1000, 1100, 1200, 1300],
            // (0, 0, 0) packs to the empty slot's 0: kept aside
            tri_keys: vec![
                key3(0, 0, 0),
                key3(0, 1, 2),
                key3(1, 2, 3),
                key3(1, 2, 5),
                key3(2, 3, 4),
                key3(5, 5, 5),
            ],
            tri_vals: vec![0, 7, 8, 9, 10, 11],
            // contexts with a backoff and no trigram, and the reverse
            ctx_keys: vec![key2(0, 1), key2(1, 2), key2(2, 3), key2(4, 4)],
            ctx_vals: vec![70, 80, 90, 95],
        };
        let (lm, _) = Lm::read(&Lm::write(&parts, &[])).expect("reads");
        assert_eq!(lm.sizes(), (5, 6));
        for u in 0..6 {
            for v in 0..6 {
                let c = lm.context(u, v);
                for w in 0..6 {
                    let want = reference(&parts, u, v, w);
                    assert_eq!(c.logp(w), want, "{u} {v} {w}");
                    assert_eq!(lm.logp(u, v, w), want, "{u} {v} {w}");
                }
            }
        }
    }

    #[test]
    fn table_probes_past_collisions() {
        // more keys than slots at the home of any of them: every one is found, others are not
        let keys: Vec<u64> = (0..1000u64).map(|i| i * 7919 + 1).collect();
        let t = Table::new(
            keys.len(),
            48,
            keys.iter().map(|&k| (k, (k % 65521) as u32)),
        );
        for &k in &keys {
            assert_eq!(t.get(k), Some((k % 65521) as u32));
            assert_eq!(t.get(k + 1), None);
        }
        assert_eq!(t.get(0), None);
    }
}
