//! The official administrative units after the 2025 reorganisation, with their codes
//! (`data/units.tsv`, exported from the same `vietnam-provinces` release as the repair
//! gazetteer by `data/export.py`), and tolerant matching of a unit named in a plan.

use std::collections::HashMap;

use crate::fold::{fold, name_key};

/// The embedded table.
const UNITS_TSV: &str = include_str!("../data/units.tsv");

/// Smallest normalised Levenshtein similarity between toneless keys for a near miss (a single
/// edit is also one when the key has at least five characters).
pub const NAME_THRESHOLD: f64 = 0.85;

/// One administrative unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Official code: 2 digits for a province, 5 for a commune or ward.
    pub code: String,
    /// "xã", "phường", "đặc khu", "tỉnh", "thành phố".
    pub kind: String,
    /// Name without the type ("An Lão").
    pub name: String,
    /// Code of the province the unit belongs to (empty for a province).
    pub province_code: String,
    /// Name of that province (empty for a province).
    pub province_name: String,
}

/// The result of a lookup: a unit or none, and a note saying how (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched<'a> {
    /// The unit, when exactly one fits.
    pub unit: Option<&'a Unit>,
    /// Empty for an exact, unambiguous match; otherwise what happened.
    pub note: String,
}

/// All units, indexed by the toneless key of their name.
#[derive(Debug)]
pub struct Gazetteer {
    units: Vec<Unit>,
    keys: Vec<String>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// The embedded table.
    pub fn embedded() -> Self {
        let mut units = Vec::new();
        for line in UNITS_TSV.lines() {
            if line.starts_with('#') || line.starts_with("code\t") || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            units.push(Unit {
                code: f[0].into(),
                kind: f[1].into(),
                name: f[2].into(),
                province_code: f[3].into(),
                province_name: f[5].into(),
            });
        }
        let keys: Vec<String> = units.iter().map(|u| name_key(&u.name)).collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            by_key.entry(k.clone()).or_default().push(i);
        }
        Gazetteer {
            units,
            keys,
            by_key,
        }
    }

    /// Every unit.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Whether some unit of type `kind` (folded, e.g. "xa") has the key `key`.
    pub fn has(&self, kind: &str, key: &str) -> bool {
        self.by_key
            .get(key)
            .is_some_and(|v| v.iter().any(|&i| fold(&self.units[i].kind) == kind))
    }

    /// Find the unit `kind name` (kind optional). Exact toneless key first, else the nearest
    /// keys by normalised Levenshtein ≥ [`NAME_THRESHOLD`]. When several units fit, the one
    /// whose province is named most often in `context` (the parent body, the document's text)
    /// wins; with no such evidence the code is left empty and the note lists the candidates.
    pub fn lookup(&self, kind: Option<&str>, name: &str, context: &str) -> Matched<'_> {
        let key = name_key(name);
        if key.is_empty() {
            return Matched {
                unit: None,
                note: "no unit name".into(),
            };
        }
        let kind_key = kind.map(fold).filter(|k| !k.is_empty());
        let of_kind = |i: &usize| {
            kind_key
                .as_ref()
                .is_none_or(|k| fold(&self.units[*i].kind) == *k)
        };
        let mut notes = Vec::new();
        let mut cands: Vec<usize> = self
            .by_key
            .get(&key)
            .map(|v| v.iter().copied().filter(of_kind).collect())
            .unwrap_or_default();
        if cands.is_empty() {
            if let Some(v) = self.by_key.get(&key) {
                cands = v.clone();
                notes.push(format!(
                    "no {} named {name}; other unit types match",
                    kind.unwrap_or("unit")
                ));
            }
        }
        if cands.is_empty() {
            let mut best = 0.0f64;
            for (i, k) in self.keys.iter().enumerate() {
                if !of_kind(&i) {
                    continue;
                }
                let s = strsim::normalized_levenshtein(&key, k);
                // one edit is a near miss even in a short name ("Au Lão" for "An Lão")
                let near = s >= NAME_THRESHOLD
                    || (key.chars().count() >= 5 && strsim::levenshtein(&key, k) <= 1);
                if !near {
                    continue;
                }
                if s > best + 1e-9 {
                    best = s;
                    cands.clear();
                }
                if (s - best).abs() <= 1e-9 {
                    cands.push(i);
                }
            }
            if cands.is_empty() {
                return Matched {
                    unit: None,
                    note: format!("not in the gazetteer: {name}"),
                };
            }
            let u = &self.units[cands[0]];
            notes.push(format!("near match: {name} ~ {} ({best:.2})", u.name));
        }
        if cands.len() > 1 {
            let ctx = format!(" {} ", fold(context));
            let mut counted: Vec<(usize, usize)> = cands
                .iter()
                .map(|&i| {
                    let p = &self.units[i].province_name;
                    let n = if p.is_empty() {
                        0
                    } else {
                        ctx.matches(&format!(" {} ", fold(p))).count()
                    };
                    (i, n)
                })
                .collect();
            counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let list = cands
                .iter()
                .map(|&i| {
                    let u = &self.units[i];
                    format!("{} {} ({}) in {}", u.kind, u.name, u.code, u.province_name)
                })
                .collect::<Vec<_>>()
                .join(", ");
            if counted[0].1 > 0 && counted[0].1 > counted[1].1 {
                let u = &self.units[counted[0].0];
                notes.push(format!(
                    "{} units share the name ({list}); {} named in the text",
                    cands.len(),
                    u.province_name
                ));
                return Matched {
                    unit: Some(u),
                    note: notes.join("; "),
                };
            }
            notes.push(format!(
                "ambiguous: {list}; the text names none of their provinces"
            ));
            return Matched {
                unit: None,
                note: notes.join("; "),
            };
        }
        Matched {
            unit: Some(&self.units[cands[0]]),
            note: notes.join("; "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_fuzzy_and_ambiguous() {
        let g = Gazetteer::embedded();
        assert!(g.units().len() > 3000);
        let m = g.lookup(Some("xã"), "Ngọc Liên", "");
        assert_eq!(m.unit.map(|u| u.code.as_str()), Some("15091"));
        assert_eq!(m.note, "");
        // missing diacritics, other tone placement, OCR damage
        for name in [
            "Ngoc Lien",
            "Ngọc Lien",
            "NGỌC LIÊN",
            "Ng0c Liên",
            "Ngoc Lỉen",
        ] {
            let m = g.lookup(Some("xã"), name, "");
            assert_eq!(m.unit.map(|u| u.code.as_str()), Some("15091"), "{name}");
        }
        let m = g.lookup(Some("xã"), "Ngọc Lyên", "");
        assert_eq!(m.unit.map(|u| u.code.as_str()), Some("15091"));
        assert!(m.note.contains("near match"), "{}", m.note);
        // xã An Lão: Hải Phòng and Gia Lai
        let m = g.lookup(Some("xã"), "An Lão", "Kế hoạch của thành phố Hải Phòng");
        assert_eq!(m.unit.map(|u| u.code.as_str()), Some("11629"));
        let m = g.lookup(Some("xã"), "An Lão", "no province here");
        assert_eq!(m.unit, None);
        assert!(m.note.contains("ambiguous"), "{}", m.note);
        // An Biên: the type decides (phường in Hải Phòng, xã in An Giang)
        let m = g.lookup(Some("phường"), "An Biên", "");
        assert_eq!(m.unit.map(|u| u.code.as_str()), Some("11407"));
        let m = g.lookup(Some("xã"), "Tuệ Tĩnh", "");
        assert_eq!(m.unit.map(|u| u.province_name.as_str()), Some("Hải Phòng"));
        assert_eq!(g.lookup(Some("xã"), "Zzyzx", "").unit, None);
    }
}
