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
pub const VERSION: u32 = 3;
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
/// Number of special tokens before the syllables.
pub const SPECIALS: u32 = 5;

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

/// P(· | u v) prepared for repeated queries (see [`Lm::context`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    tri_keys: &'a [u64],
    tri_vals: &'a [u16],
    bo: f32,
    bi_keys: &'a [u32],
    bi_vals: &'a [u16],
    bow2: f32,
    uni: &'a [u16],
}

impl Context<'_> {
    /// log10 P(w | u v), the same value as [`Lm::logp`].
    #[inline]
    pub fn logp(&self, w: u32) -> f32 {
        let w16 = w as u64 & 0xffff;
        if let Ok(i) = self.tri_keys.binary_search_by(|k| (k & 0xffff).cmp(&w16)) {
            return dequant(self.tri_vals[i]);
        }
        let p2 = match self
            .bi_keys
            .binary_search_by(|k| (k & 0xffff).cmp(&(w & 0xffff)))
        {
            Ok(i) => dequant(self.bi_vals[i]),
            Err(_) => self.bow2 + dequant(self.uni.get(w as usize).copied().unwrap_or(u16::MAX)),
        };
        self.bo + p2
    }
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
    bi_keys: Vec<u32>,
    bi_vals: Vec<u16>,
    tri_keys: Vec<u64>,
    tri_vals: Vec<u16>,
    ctx_keys: Vec<u32>,
    ctx_vals: Vec<u16>,
    /// (u, v) → (first trigram index, trigram count, quantised backoff), built at load.
    ctx_index: crate::fxmap::FxMap<u32, (u32, u32, u16)>,
    /// v → (first bigram index, bigram count), built at load.
    bi_index: Vec<(u32, u32)>,
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
        (self.bi_keys.len(), self.tri_keys.len())
    }

    #[inline]
    fn p2(&self, v: u32, w: u32) -> f32 {
        let k = key2(v, w);
        match self.bi_keys.binary_search(&k) {
            Ok(i) => dequant(self.bi_vals[i]),
            Err(_) => {
                dequant(self.bow2.get(v as usize).copied().unwrap_or(0))
                    + dequant(self.uni.get(w as usize).copied().unwrap_or(u16::MAX))
            }
        }
    }

    /// log10 P(capitalised | w) (`title`) or P(lowercase | w) for a word not first in its line;
    /// `in_name`: the word before is capitalised ("Hoàng Văn", where "văn" is otherwise mostly
    /// lowercase).
    #[inline]
    pub fn case_logp(&self, w: u32, title: bool, in_name: bool) -> f32 {
        let i = 4 * w as usize + 2 * usize::from(in_name) + usize::from(!title);
        self.caps.get(i).map(|q| dequant(*q)).unwrap_or(0.0)
    }

    /// The slices of the model that P(· | u v) needs, found once for many candidates.
    #[inline]
    pub fn context(&self, u: u32, v: u32) -> Context<'_> {
        let (lo, n, bo) = self
            .ctx_index
            .get(&key2(u, v))
            .copied()
            .unwrap_or((0, 0, 0));
        let (lo, hi) = (lo as usize, lo as usize + n as usize);
        let (blo, bn) = self.bi_index.get(v as usize).copied().unwrap_or((0, 0));
        let (blo, bhi) = (blo as usize, blo as usize + bn as usize);
        Context {
            tri_keys: self.tri_keys.get(lo..hi).unwrap_or(&[]),
            tri_vals: self.tri_vals.get(lo..hi).unwrap_or(&[]),
            bo: dequant(bo),
            bi_keys: self.bi_keys.get(blo..bhi).unwrap_or(&[]),
            bi_vals: self.bi_vals.get(blo..bhi).unwrap_or(&[]),
            bow2: dequant(self.bow2.get(v as usize).copied().unwrap_or(0)),
            uni: &self.uni,
        }
    }

    fn build_indexes(&mut self) -> Result<(), RepairError> {
        let sorted = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(RepairError::BadModel(format!("{what} keys not sorted")))
            }
        };
        sorted(self.tri_keys.windows(2).all(|w| w[0] < w[1]), "trigram")?;
        sorted(self.bi_keys.windows(2).all(|w| w[0] < w[1]), "bigram")?;
        sorted(self.ctx_keys.windows(2).all(|w| w[0] < w[1]), "context")?;
        let mut idx: crate::fxmap::FxMap<u32, (u32, u32, u16)> = Default::default();
        idx.reserve(self.ctx_keys.len());
        let mut i = 0usize;
        while i < self.tri_keys.len() {
            let c = (self.tri_keys[i] >> 16) as u32;
            let mut j = i;
            while j < self.tri_keys.len() && (self.tri_keys[j] >> 16) as u32 == c {
                j += 1;
            }
            idx.insert(c, (i as u32, (j - i) as u32, 0));
            i = j;
        }
        for (k, b) in self.ctx_keys.iter().zip(&self.ctx_vals) {
            idx.entry(*k).or_insert((0, 0, 0)).2 = *b;
        }
        self.ctx_index = idx;
        let mut bi = vec![(0u32, 0u32); self.vocab.len()];
        let mut i = 0usize;
        while i < self.bi_keys.len() {
            let v = (self.bi_keys[i] >> 16) as usize;
            let mut j = i;
            while j < self.bi_keys.len() && (self.bi_keys[j] >> 16) as usize == v {
                j += 1;
            }
            if let Some(slot) = bi.get_mut(v) {
                *slot = (i as u32, (j - i) as u32);
            }
            i = j;
        }
        self.bi_index = bi;
        Ok(())
    }

    /// log10 P(w | u v).
    #[inline]
    pub fn logp(&self, u: u32, v: u32, w: u32) -> f32 {
        let k = key3(u, v, w);
        if let Ok(i) = self.tri_keys.binary_search(&k) {
            return dequant(self.tri_vals[i]);
        }
        let bo = match self.ctx_keys.binary_search(&key2(u, v)) {
            Ok(i) => dequant(self.ctx_vals[i]),
            Err(_) => 0.0,
        };
        bo + self.p2(v, w)
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
            bi_keys,
            bi_vals,
            tri_keys,
            tri_vals,
            ctx_keys,
            ctx_vals,
            ctx_index: Default::default(),
            bi_index: Vec::new(),
        };
        lm.build_indexes()?;
        Ok((lm, extra))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_agrees_with_logp() {
        let parts = LmParts {
            vocab: (0..6).map(|i| format!("w{i}")).collect(),
            counts: vec![1; 6],
            uni: vec![100, 200, 300, 400, 500, 600],
            caps: vec![0; 24],
            bow2: vec![10, 20, 30, 40, 50, 60],
            bi_keys: vec![key2(1, 2), key2(1, 4), key2(2, 3), key2(3, 5)],
            bi_vals: vec![1000, 1100, 1200, 1300],
            tri_keys: vec![key3(0, 1, 2), key3(1, 2, 3), key3(1, 2, 5), key3(2, 3, 4)],
            tri_vals: vec![7, 8, 9, 10],
            ctx_keys: vec![key2(0, 1), key2(1, 2), key2(2, 3)],
            ctx_vals: vec![70, 80, 90],
        };
        let (lm, _) = Lm::read(&Lm::write(&parts, &[])).expect("reads");
        for u in 0..6 {
            for v in 0..6 {
                let c = lm.context(u, v);
                for w in 0..6 {
                    assert_eq!(c.logp(w), lm.logp(u, v, w), "{u} {v} {w}");
                }
            }
        }
    }
}
