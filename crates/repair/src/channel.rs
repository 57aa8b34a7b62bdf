//! The OCR channel model: cost = -ln P(observed token | intended syllable), a weighted edit
//! distance whose character costs are learned from aligned gold/OCR pairs, plus hand-set
//! confusions seen in real English-model OCR of Vietnamese (P for word-initial Đ, 1 for l,
//! & for ã/ê, ¢ € § for c/ơ/ộ, ii for ủ, 6 for ố) and a table of whole-token confusions.

use std::collections::BTreeMap;

use crate::fxmap::FxMap as HashMap;

use crate::syllable::{canonical, skeleton_char};
use crate::token::tokens;

/// Default cost of a substitution never seen in training, same base letter.
const UNSEEN_SAME_BASE: f32 = 5.0;
/// Default cost of a substitution never seen, different letters.
const UNSEEN_SUB: f32 = 9.0;
/// Default cost of an unseen deletion or insertion.
const UNSEEN_INDEL: f32 = 7.5;
/// Cost of the hand-set OCR confusions.
const RULE_COST: f32 = 2.5;

/// The learned channel.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    sub: HashMap<(char, char), f32>,
    del: HashMap<char, f32>,
    ins: HashMap<char, f32>,
    /// (gold, observed) multi-character confusions.
    multi: Vec<(Vec<char>, Vec<char>, f32)>,
    /// observed lowercase token → (gold canonical syllable, cost).
    table: HashMap<String, Vec<(String, f32)>>,
    /// Every cost is ≥ 0 and every multi-character rule reads one gold letter, so each path of
    /// the edit distance passes through every row and a row above a bound stays above it.
    nonneg: bool,
}

/// Hand-set confusions: (intended, observed).
fn rules() -> Vec<(&'static str, &'static str)> {
    let mut r = vec![
        ("l", "1"),
        ("i", "1"),
        ("ã", "&"),
        ("ê", "&"),
        ("â", "&"),
        ("ă", "&"),
        ("a", "&"),
        ("c", "¢"),
        ("ơ", "€"),
        ("ớ", "€"),
        ("ờ", "€"),
        ("ợ", "€"),
        ("e", "€"),
        ("ộ", "§"),
        ("ô", "§"),
        ("ố", "6"),
        ("ô", "6"),
        ("ồ", "6"),
        ("ổ", "6"),
        ("ộ", "6"),
        ("ỗ", "6"),
        ("ó", "6"),
        ("ơ", "6"),
        ("ớ", "6"),
        ("á", "4"),
        ("ấ", "4"),
        ("ắ", "4"),
        ("o", "0"),
        ("ô", "0"),
        ("ơ", "0"),
        ("đ", "0"),
        ("đ", "p"),
        ("đ", "b"),
        ("ư", "w"),
        ("ư", "u"),
        ("ơ", "o"),
        ("i", "l"),
        ("l", "i"),
    ];
    for v in ["ủ", "ù", "ú", "ũ", "ụ", "u", "ư", "ử", "ừ", "ứ"] {
        r.push((v, "ii"));
    }
    // ư read as "ir", "tr", "tir" after a consonant (ctir, chirc, chtrc → cứ, chức)
    for v in ["ư", "ứ", "ừ", "ử", "ữ", "ự"] {
        r.push((v, "ir"));
        r.push((v, "tr"));
        r.push((v, "tir"));
    }
    r.push(("ả", "i"));
    r
}

fn lev_align(g: &[char], o: &[char]) -> Vec<(Option<char>, Option<char>)> {
    let (n, m) = (g.len(), o.len());
    let mut d = vec![vec![0u16; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i as u16;
    }
    for (j, x) in d[0].iter_mut().enumerate() {
        *x = j as u16;
    }
    for i in 1..=n {
        for j in 1..=m {
            let s = d[i - 1][j - 1] + u16::from(g[i - 1] != o[j - 1]);
            d[i][j] = s.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + u16::from(g[i - 1] != o[j - 1]) {
            out.push((Some(g[i - 1]), Some(o[j - 1])));
            i -= 1;
            j -= 1;
        } else if i > 0 && d[i][j] == d[i - 1][j] + 1 {
            out.push((Some(g[i - 1]), None));
            i -= 1;
        } else {
            out.push((None, Some(o[j - 1])));
            j -= 1;
        }
    }
    out.reverse();
    out
}

impl Channel {
    /// Learn from (gold line, OCR line) pairs. Lines with different token counts are skipped.
    pub fn learn<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Channel {
        let mut sub: BTreeMap<(char, char), u32> = BTreeMap::new();
        let mut gold_n: BTreeMap<char, u32> = BTreeMap::new();
        let mut ins: BTreeMap<char, u32> = BTreeMap::new();
        let mut total = 0u32;
        let mut tab: BTreeMap<(String, String), u32> = BTreeMap::new();
        let mut gold_tok: BTreeMap<String, u32> = BTreeMap::new();
        for (gold, ocr) in pairs {
            let gt = tokens(gold);
            let ot = tokens(ocr);
            if gt.len() != ot.len() {
                continue;
            }
            for (g, o) in gt.iter().zip(&ot) {
                let gl = g.core.to_lowercase();
                let Some(gc) = canonical(&gl) else { continue };
                let ol = o.core.to_lowercase();
                if ol.is_empty() {
                    continue;
                }
                *tab.entry((ol.clone(), gc.clone())).or_default() += 1;
                *gold_tok.entry(gc.clone()).or_default() += 1;
                let gch: Vec<char> = gc.chars().collect();
                let och: Vec<char> = ol.chars().collect();
                for (a, b) in lev_align(&gch, &och) {
                    match (a, b) {
                        (Some(a), b) => {
                            *gold_n.entry(a).or_default() += 1;
                            total += 1;
                            *sub.entry((a, b.unwrap_or('\0'))).or_default() += 1;
                        }
                        (None, Some(b)) => *ins.entry(b).or_default() += 1,
                        (None, None) => {}
                    }
                }
            }
        }
        let mut ch = Channel::default();
        for ((a, b), c) in &sub {
            let n = gold_n.get(a).copied().unwrap_or(1) as f32;
            let cost = -((*c as f32 + 0.1) / (n + 1.0)).ln();
            if *b == '\0' {
                ch.del.insert(*a, cost);
            } else {
                ch.sub.insert((*a, *b), cost);
            }
        }
        for (b, c) in &ins {
            ch.ins
                .insert(*b, -((*c as f32 + 0.1) / (total as f32 + 1.0)).ln());
        }
        for ((o, g), c) in &tab {
            if *c >= 2 {
                let n = gold_tok.get(g).copied().unwrap_or(1) as f32;
                ch.table
                    .entry(o.clone())
                    .or_default()
                    .push((g.clone(), -(*c as f32 / (n + 1.0)).ln()));
            }
        }
        ch.add_rules();
        ch.set_nonneg();
        ch
    }

    fn set_nonneg(&mut self) {
        self.nonneg = self.sub.values().all(|c| *c >= 0.0)
            && self.del.values().all(|c| *c >= 0.0)
            && self.ins.values().all(|c| *c >= 0.0)
            && self.multi.iter().all(|m| m.2 >= 0.0 && m.0.len() == 1);
    }

    fn add_rules(&mut self) {
        for (g, o) in rules() {
            let gc: Vec<char> = g.chars().collect();
            let oc: Vec<char> = o.chars().collect();
            if gc.len() == 1 && oc.len() == 1 {
                let e = self.sub.entry((gc[0], oc[0])).or_insert(RULE_COST);
                *e = e.min(RULE_COST);
            } else {
                self.multi.push((gc, oc, RULE_COST));
            }
        }
    }

    /// Serialise (sorted, so training is deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut lines: Vec<String> = Vec::new();
        for ((a, b), c) in &self.sub {
            lines.push(format!("S\t{a}\t{b}\t{c:.3}"));
        }
        for (a, c) in &self.del {
            lines.push(format!("D\t{a}\t{c:.3}"));
        }
        for (b, c) in &self.ins {
            lines.push(format!("I\t{b}\t{c:.3}"));
        }
        for (o, list) in &self.table {
            for (g, c) in list {
                lines.push(format!("T\t{o}\t{g}\t{c:.3}"));
            }
        }
        lines.sort();
        let mut s = lines.join("\n");
        s.push('\n');
        s.into_bytes()
    }

    /// Parse the serialised form.
    pub fn from_bytes(b: &[u8]) -> Result<Channel, crate::RepairError> {
        let bad = || crate::RepairError::BadModel("channel section malformed".into());
        let s = std::str::from_utf8(b).map_err(|_| bad())?;
        let mut ch = Channel::default();
        let one = |x: &str| -> Result<char, crate::RepairError> {
            let mut it = x.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(bad()),
            }
        };
        for line in s.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let cost = |i: usize| -> Result<f32, crate::RepairError> {
                f.get(i).and_then(|x| x.parse().ok()).ok_or_else(bad)
            };
            match f.first().copied() {
                Some("S") if f.len() == 4 => {
                    ch.sub.insert((one(f[1])?, one(f[2])?), cost(3)?);
                }
                Some("D") if f.len() == 3 => {
                    ch.del.insert(one(f[1])?, cost(2)?);
                }
                Some("I") if f.len() == 3 => {
                    ch.ins.insert(one(f[1])?, cost(2)?);
                }
                Some("T") if f.len() == 4 => {
                    let c = cost(3)?;
                    ch.table
                        .entry(f[1].to_string())
                        .or_default()
                        .push((f[2].to_string(), c));
                }
                _ => return Err(bad()),
            }
        }
        let multi_only: Vec<_> = rules()
            .into_iter()
            .filter(|(g, o)| g.chars().count() != 1 || o.chars().count() != 1)
            .collect();
        for (g, o) in multi_only {
            ch.multi
                .push((g.chars().collect(), o.chars().collect(), RULE_COST));
        }
        ch.set_nonneg();
        Ok(ch)
    }

    #[inline]
    fn sub_cost(&self, g: char, o: char, first: bool) -> f32 {
        if let Some(c) = self.sub.get(&(g, o)) {
            return *c;
        }
        if g == o {
            return 0.3;
        }
        if first && g == 'đ' && o == 'p' {
            return RULE_COST;
        }
        if skeleton_char(g) == skeleton_char(o) {
            UNSEEN_SAME_BASE
        } else {
            UNSEEN_SUB
        }
    }

    /// Cost of reading `gold` (canonical lowercase syllable) as `obs` (lowercase).
    pub fn cost(&self, obs: &str, gold: &str) -> f32 {
        let o: Vec<char> = obs.chars().collect();
        self.cost_with(&o, self.table.get(obs).map(Vec::as_slice), gold)
    }

    /// Whole-token confusions learned for `obs`.
    pub fn table_for(&self, obs: &str) -> Option<&[(String, f32)]> {
        self.table.get(obs).map(Vec::as_slice)
    }

    /// [`Channel::cost`] with the observed chars and its table entries looked up once.
    pub fn cost_with(&self, o: &[char], table: Option<&[(String, f32)]>, gold: &str) -> f32 {
        let mut g = [' '; 12];
        let mut n = 0;
        for c in gold.chars() {
            if n == 12 {
                return 50.0;
            }
            g[n] = c;
            n += 1;
        }
        let mut best = self.dp(o, &g[..n]);
        if let Some(t) = table.and_then(|t| t.iter().find(|(w, _)| w == gold)) {
            best = best.min(t.1);
        }
        best
    }

    /// An observed token prepared for many [`Observed::cost`] queries (the same values as
    /// [`Channel::cost`], with the per-character costs looked up once per gold letter).
    pub fn observe<'a>(&'a self, obs: &str) -> Observed<'a> {
        let o: Vec<char> = obs.chars().collect();
        let m = o.len();
        let mut ins = [UNSEEN_INDEL; 16];
        for (j, c) in o.iter().take(16).enumerate() {
            ins[j] = self.ins.get(c).copied().unwrap_or(UNSEEN_INDEL);
        }
        // the multi-character rules that can start at each observed position
        let mut multi: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (j, list) in multi.iter_mut().enumerate() {
            if j + 1 < m && matches!(o[j], 'i' | 't') {
                for (k, (_, mo, _)) in self.multi.iter().enumerate() {
                    if o[j..].starts_with(mo) {
                        list.push(k);
                    }
                }
            }
        }
        Observed {
            ch: self,
            table: self.table.get(obs).map(Vec::as_slice),
            o,
            ins,
            multi,
            rows: vec![None; ROW_SLOTS],
        }
    }

    fn row(&self, g: char, o: &[char]) -> Row {
        let mut sub = [0.0; 16];
        for (j, oc) in o.iter().take(16).enumerate() {
            sub[j] = self.sub_cost(g, *oc, false);
        }
        Row {
            sub,
            del: self.del.get(&g).copied().unwrap_or(UNSEEN_INDEL),
        }
    }

    fn dp(&self, o: &[char], g: &[char]) -> f32 {
        let (n, m) = (g.len(), o.len());
        if n > 12 || m > 16 {
            return 50.0;
        }
        let mut d = [[f32::INFINITY; 17]; 13];
        d[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                let cur = d[i][j];
                if !cur.is_finite() {
                    continue;
                }
                if i < n && j < m {
                    let c = cur + self.sub_cost(g[i], o[j], i == 0);
                    if c < d[i + 1][j + 1] {
                        d[i + 1][j + 1] = c;
                    }
                }
                if i < n {
                    let c = cur + self.del.get(&g[i]).copied().unwrap_or(UNSEEN_INDEL);
                    if c < d[i + 1][j] {
                        d[i + 1][j] = c;
                    }
                }
                if j < m {
                    let c = cur + self.ins.get(&o[j]).copied().unwrap_or(UNSEEN_INDEL);
                    if c < d[i][j + 1] {
                        d[i][j + 1] = c;
                    }
                }
                let multi_here = j + 1 < m && matches!(o[j], 'i' | 't');
                for (mg, mo, mc) in self.multi.iter().filter(|_| multi_here) {
                    if g[i..].starts_with(mg) && o[j..].starts_with(mo) {
                        let (ni, nj) = (i + mg.len(), j + mo.len());
                        let c = cur + mc;
                        if c < d[ni][nj] {
                            d[ni][nj] = c;
                        }
                    }
                }
            }
        }
        d[n][m]
    }
}

/// Slots of the per-letter cost rows: code points below 0x200 and the block U+1EA0..U+1F00
/// (every Vietnamese lowercase letter).
const ROW_SLOTS: usize = 0x200 + 0x60;

fn row_slot(c: char) -> Option<usize> {
    let i = c as usize;
    if i < 0x200 {
        Some(i)
    } else if (0x1EA0..0x1F00).contains(&i) {
        Some(0x200 + i - 0x1EA0)
    } else {
        None
    }
}

/// The costs of one gold letter against each observed char.
#[derive(Debug, Clone, Copy)]
struct Row {
    sub: [f32; 16],
    del: f32,
}

/// An observed token prepared for many gold candidates (see [`Channel::observe`]).
#[derive(Debug, Clone)]
pub struct Observed<'a> {
    ch: &'a Channel,
    table: Option<&'a [(String, f32)]>,
    o: Vec<char>,
    ins: [f32; 16],
    multi: Vec<Vec<usize>>,
    rows: Vec<Option<Row>>,
}

impl Observed<'_> {
    fn row(&mut self, g: char) -> Row {
        match row_slot(g) {
            Some(s) => match self.rows[s] {
                Some(r) => r,
                None => {
                    let r = self.ch.row(g, &self.o);
                    self.rows[s] = Some(r);
                    r
                }
            },
            None => self.ch.row(g, &self.o),
        }
    }

    /// The same value as [`Channel::cost`] of the observed token and `gold`.
    pub fn cost(&mut self, gold: &str) -> f32 {
        self.cost_within(gold, f32::INFINITY)
            .unwrap_or(f32::INFINITY)
    }

    /// [`Observed::cost`] if it is at most `limit`, else `None` (found sooner).
    pub fn cost_within(&mut self, gold: &str, limit: f32) -> Option<f32> {
        let mut g = [' '; 12];
        let mut n = 0;
        for c in gold.chars() {
            if n == 12 {
                return (50.0 <= limit).then_some(50.0);
            }
            g[n] = c;
            n += 1;
        }
        let bound = if self.ch.nonneg { limit } else { f32::INFINITY };
        let mut best = self.dp(&g[..n], bound);
        if let Some(t) = self.table.and_then(|t| t.iter().find(|(w, _)| w == gold)) {
            best = best.min(t.1);
        }
        (best <= limit).then_some(best)
    }

    /// The edit distance, or infinity once a whole row is above `bound` (costs are ≥ 0, so
    /// the distance is then above it too).
    fn dp(&mut self, g: &[char], bound: f32) -> f32 {
        let (n, m) = (g.len(), self.o.len());
        if n > 12 || m > 16 {
            return 50.0;
        }
        let mut d = [[f32::INFINITY; 17]; 13];
        d[0][0] = 0.0;
        for i in 0..=n {
            let row = if i < n {
                let mut r = self.row(g[i]);
                // only a word-initial đ read as p costs differently at the start
                if i == 0 && g[0] == 'đ' {
                    for (j, oc) in self.o.iter().take(16).enumerate() {
                        r.sub[j] = self.ch.sub_cost(g[0], *oc, true);
                    }
                }
                Some(r)
            } else {
                None
            };
            for j in 0..=m {
                let cur = d[i][j];
                if !cur.is_finite() {
                    continue;
                }
                if let Some(r) = &row {
                    if j < m {
                        let c = cur + r.sub[j];
                        if c < d[i + 1][j + 1] {
                            d[i + 1][j + 1] = c;
                        }
                    }
                    let c = cur + r.del;
                    if c < d[i + 1][j] {
                        d[i + 1][j] = c;
                    }
                }
                if j < m {
                    let c = cur + self.ins[j];
                    if c < d[i][j + 1] {
                        d[i][j + 1] = c;
                    }
                    for &k in &self.multi[j] {
                        let (mg, mo, mc) = &self.ch.multi[k];
                        if g[i..].starts_with(mg) {
                            let (ni, nj) = (i + mg.len(), j + mo.len());
                            let c = cur + mc;
                            if c < d[ni][nj] {
                                d[ni][nj] = c;
                            }
                        }
                    }
                }
            }
            // every path passes through row i (see `Channel::nonneg`)
            if i < n && d[i][..=m].iter().all(|x| *x > bound) {
                return f32::INFINITY;
            }
        }
        d[n][m]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn observed_cost_is_the_channel_cost() {
        let ch = Channel::learn([
            ("Cải cách số Đường", "Cii cach s6 Puong"),
            ("năm nay chức", "nim nay chtrc"),
        ]);
        let golds = [
            "số",
            "sa",
            "cải",
            "đường",
            "chức",
            "cứ",
            "năm",
            "nay",
            "đ",
            "ươ",
            "",
            "nghiêngnghiêng",
            "người",
            "phường",
        ];
        for obs in [
            "s6",
            "cii",
            "puong",
            "chtrc",
            "ctir",
            "nim",
            "p",
            "",
            "0",
            "tir",
            "a€b",
            "xxxxxxxxxxxxxxxxxxxx",
            "nguoi",
            "phirong",
        ] {
            let mut o = ch.observe(obs);
            for g in golds {
                let c = ch.cost(obs, g);
                assert_eq!(o.cost(g), c, "{obs} {g}");
                for limit in [0.5, 3.0, 8.0, 12.0] {
                    let within = o.cost_within(g, limit);
                    assert_eq!(within, (c <= limit).then_some(c), "{obs} {g} {limit}");
                }
            }
        }
    }

    #[test]
    fn learns_and_round_trips() {
        let ch = Channel::learn([("Cải cách số", "Cii cach s6"), ("năm nay", "nim nay")]);
        assert!(ch.cost("s6", "số") < ch.cost("s6", "sa"));
        assert!(ch.cost("cii", "cải") < 8.0);
        let b = ch.to_bytes();
        let back = Channel::from_bytes(&b).expect("parses");
        assert_eq!(back.to_bytes(), b);
        assert!((back.cost("s6", "số") - ch.cost("s6", "số")).abs() < 0.01);
    }
}
