//! Abbreviations and codes learned from the training text (`NSĐP`, `ĐTXD`, `VNĐ`, `BCĐ`):
//! the written form of an all-capitals letter run that is no syllable, keyed by its form with
//! the marks stripped (`NSDP`). Accent-stripping and English-model OCR turn `Đ` into `D`; the
//! syllable decoder never sees these runs (they are no syllables), so without this table
//! `NSDP` and `10699/BNNMT-DCKS` would pass through as written.
//!
//! A run is restored only where the marked form was seen more often in training than the
//! stripped form itself (`VNĐ` 131 times against `VND` 120 in the corpus: restored; `USD`: no
//! marked form), and at least [`MIN_COUNT`] times. The table is built by `sohoa train` from the
//! same texts as the language model and stored in the model's `CODE` section.

use std::collections::HashMap;

use crate::syllable::{canonical, strip_marks};
use crate::RepairError;

/// A marked form seen fewer times than this is not learned.
pub const MIN_COUNT: u32 = 3;

/// The letter runs of a token core that are code-like: maximal runs of letters (cut at digits,
/// hyphens, slashes, brackets…) with at least two letters, all capitals, that are no
/// Vietnamese syllable (`ĐTXD`, `NSĐP`, `VND`; not `ĐẦU`, `TO`). Returned as byte ranges.
pub fn runs(core: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = core.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = it.next()?;
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut upper = c.is_uppercase();
        let mut letters = 1;
        while let Some(&(i, d)) = it.peek() {
            if !d.is_alphabetic() {
                break;
            }
            upper &= d.is_uppercase();
            letters += 1;
            end = i + d.len_utf8();
            it.next();
        }
        if upper && letters >= 2 && canonical(&core[start..end].to_lowercase()).is_none() {
            return Some((start, end));
        }
    })
}

/// True for a short abbreviation of two words joined by a slash, one or two letters each side
/// and neither a syllable (`Đ/c` đồng chí, `B/c` báo cáo, `K/g` kính gửi; not `xã/tổ`, whose
/// words are decoded apart): learned and restored as a whole.
pub fn is_slash_abbreviation(core: &str) -> bool {
    let short = |s: &str| {
        (1..=2).contains(&s.chars().count())
            && s.chars().all(char::is_alphabetic)
            && canonical(&s.to_lowercase()).is_none()
    };
    core.split_once('/')
        .is_some_and(|(a, b)| short(a) && short(b))
}

/// Counts of code runs as written, for training.
#[derive(Debug, Clone, Default)]
pub struct CodeCounts {
    seen: HashMap<String, u32>,
}

impl CodeCounts {
    /// Count the code runs of one token core, `weight` times.
    pub fn add(&mut self, core: &str, weight: u32) {
        if is_slash_abbreviation(core) {
            *self.seen.entry(core.to_string()).or_default() += weight;
            return;
        }
        for (s, e) in runs(core) {
            *self.seen.entry(core[s..e].to_string()).or_default() += weight;
        }
    }

    /// Add another set of counts.
    pub fn merge(&mut self, other: &CodeCounts) {
        for (k, v) in &other.seen {
            *self.seen.entry(k.clone()).or_default() += v;
        }
    }

    /// The learned table: for each stripped key, the marked form that was seen at least
    /// [`MIN_COUNT`] times and more often than the key itself (and than any other marked
    /// form; ties go to the first in byte order). Sorted by key, so the bytes are deterministic.
    pub fn table(&self) -> Codes {
        let mut best: HashMap<String, (&str, u32)> = HashMap::new();
        for (form, &n) in &self.seen {
            let key = strip_marks(form);
            if key == *form {
                continue;
            }
            let e = best.entry(key).or_insert((form, 0));
            if n > e.1 || (n == e.1 && form.as_str() < e.0) {
                *e = (form, n);
            }
        }
        let mut entries: Vec<Entry> = best
            .into_iter()
            .filter_map(|(key, (form, n))| {
                let plain = self.seen.get(&key).copied().unwrap_or(0);
                (n >= MIN_COUNT && n > plain).then(|| Entry {
                    key,
                    form: form.to_string(),
                    seen: n,
                    plain,
                })
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        Codes::from_entries(entries)
    }
}

/// One learned code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: String,
    form: String,
    seen: u32,
    plain: u32,
}

/// The learned table: stripped run → (written form, confidence).
#[derive(Debug, Clone, Default)]
pub struct Codes {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
}

impl Codes {
    fn from_entries(entries: Vec<Entry>) -> Codes {
        let by_key = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        Codes { entries, by_key }
    }

    /// Number of learned codes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The written form of a stripped run and the share of its occurrences in training that
    /// had that form (`NSDP` → `NSĐP`, 1.0).
    pub fn get(&self, key: &str) -> Option<(&str, f32)> {
        let e = &self.entries[*self.by_key.get(key)?];
        Some((&e.form, e.seen as f32 / (e.seen + e.plain) as f32))
    }

    /// Restore the code runs of a core written without marks (`10699/BNNMT-DCKS` →
    /// `10699/BNNMT-ĐCKS`), with the lowest confidence of the runs changed; `None` when no
    /// run changes or the core already has marks.
    pub fn restore(&self, core: &str) -> Option<(String, f32)> {
        if self.entries.is_empty() || !core.is_ascii() {
            return None;
        }
        if is_slash_abbreviation(core) {
            return self.get(core).map(|(form, c)| (form.to_string(), c));
        }
        let mut out = String::new();
        let mut last = 0;
        let mut conf = 1.0f32;
        for (s, e) in runs(core) {
            if let Some((form, c)) = self.get(&core[s..e]) {
                out.push_str(&core[last..s]);
                out.push_str(form);
                last = e;
                conf = conf.min(c);
            }
        }
        if last == 0 {
            return None;
        }
        out.push_str(&core[last..]);
        Some((out, conf))
    }

    /// The `CODE` section: one line per entry, `key TAB form TAB seen TAB plain`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = String::new();
        for e in &self.entries {
            s.push_str(&format!("{}\t{}\t{}\t{}\n", e.key, e.form, e.seen, e.plain));
        }
        s.into_bytes()
    }

    /// Read the `CODE` section.
    pub fn from_bytes(b: &[u8]) -> Result<Codes, RepairError> {
        let bad = |why: String| RepairError::BadModel(format!("section CODE: {why}"));
        let text = std::str::from_utf8(b).map_err(|e| bad(e.to_string()))?;
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            let [key, form, seen, plain] = f[..] else {
                return Err(bad(format!("line {} has {} fields, not 4", i + 1, f.len())));
            };
            let num = |s: &str| {
                s.parse::<u32>()
                    .map_err(|e| bad(format!("line {}: {s:?}: {e}", i + 1)))
            };
            entries.push(Entry {
                key: key.to_string(),
                form: form.to_string(),
                seen: num(seen)?,
                plain: num(plain)?,
            });
        }
        Ok(Codes::from_entries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(words: &[(&str, u32)]) -> CodeCounts {
        let mut c = CodeCounts::default();
        for (w, n) in words {
            c.add(w, *n);
        }
        c
    }

    #[test]
    fn runs_are_capital_letter_runs_that_are_no_syllable() {
        let core = "3633/ĐCKS-PCKS";
        let got: Vec<&str> = runs(core).map(|(s, e)| &core[s..e]).collect();
        assert_eq!(got, ["ĐCKS", "PCKS"]);
        let core = "CTr/BCĐ3";
        let got: Vec<&str> = runs(core).map(|(s, e)| &core[s..e]).collect();
        assert_eq!(got, ["BCĐ"]);
        // syllables, lowercase and single letters are not codes
        assert_eq!(runs("ĐẦU").count(), 0);
        assert_eq!(runs("TO").count(), 0);
        assert_eq!(runs("Ông").count(), 0);
        assert_eq!(runs("Đ/c").count(), 0);
    }

    #[test]
    fn a_marked_form_is_learned_only_when_it_is_the_commoner() {
        let t = counts(&[
            ("NSĐP", 5),
            ("VNĐ", 131),
            ("VND", 120),
            ("USD", 40),
            ("ĐTXD", 2),
            ("BCĐ", 3),
            ("BCD", 3),
        ])
        .table();
        assert_eq!(t.get("NSDP"), Some(("NSĐP", 1.0)));
        assert_eq!(t.get("VND").map(|x| x.0), Some("VNĐ"));
        assert_eq!(t.get("USD"), None);
        assert_eq!(t.get("DTXD"), None, "seen twice only");
        assert_eq!(t.get("BCD"), None, "a tie keeps the plain form");
        assert_eq!(
            t.restore("(NSTW/NSDP)").map(|x| x.0).as_deref(),
            Some("(NSTW/NSĐP)")
        );
        assert_eq!(t.restore("NSTW"), None);
        assert_eq!(t.restore("NSĐP"), None, "already marked");
        let t = counts(&[("Đ/c", 56), ("đ/c", 4), ("B/c", 30)]).table();
        assert_eq!(t.restore("D/c").map(|x| x.0).as_deref(), Some("Đ/c"));
        assert_eq!(t.restore("d/c").map(|x| x.0).as_deref(), Some("đ/c"));
        assert_eq!(t.restore("B/c"), None);
        assert!(is_slash_abbreviation("Đ/c") && !is_slash_abbreviation("UBND/c"));
        assert!(!is_slash_abbreviation("xa/to") && !is_slash_abbreviation("Ta/ha"));
    }

    #[test]
    fn the_section_round_trips() {
        let t = counts(&[("NSĐP", 5), ("VNĐ", 131), ("VND", 120)]).table();
        let b = t.to_bytes();
        let back = Codes::from_bytes(&b).expect("reads");
        assert_eq!(back.entries, t.entries);
        assert_eq!(back.get("VND"), t.get("VND"));
        assert!(Codes::from_bytes("VND\tVNĐ\t3\n".as_bytes()).is_err());
        assert!(Codes::from_bytes("VND\tVNĐ\tx\t1\n".as_bytes()).is_err());
    }
}
