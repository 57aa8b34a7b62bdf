//! List numbering as Word shows it (`word/numbering.xml`, ECMA-376 Part 1 §17.9).
//!
//! A paragraph's `w:numPr` (its own, or its style's) names a numbering instance (`w:num`,
//! by `numId`) and a level (`ilvl`). The instance points at an abstract definition
//! (`w:abstractNum`) whose levels give the start value, the format (`decimal`, `lowerLetter`,
//! `upperRoman`, `bullet`, …), the text (`lvlText`, "%1." or "%1.%2)"), the suffix after the
//! number (tab, space or nothing) and when the level restarts (`lvlRestart`).
//!
//! Counters, the way Word keeps them: one set of counters per abstract definition, shared by
//! every instance that points at it (a list split by other paragraphs goes on counting); an
//! instance with a `w:startOverride` restarts the overridden levels the first time it is used
//! (that is how Word writes "Restart numbering"). Counting a level resets the deeper levels
//! (unless their `lvlRestart` says otherwise); a level not used yet shows its start value.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use crate::xml::{attr, child, children, is_w, on_off, val};

/// Number formats (`w:numFmt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl Format {
    fn parse(s: &str) -> Format {
        match s {
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // decimal, and the formats this reader does not spell out (ordinal, CJK, …)
            _ => Format::Decimal,
        }
    }

    /// `n` written in this format.
    pub(crate) fn write(&self, n: i64) -> String {
        match self {
            Format::Decimal | Format::Bullet => n.to_string(),
            Format::DecimalZero if (0..10).contains(&n) => format!("0{n}"),
            Format::DecimalZero => n.to_string(),
            Format::LowerLetter => letters(n),
            Format::UpperLetter => letters(n).to_uppercase(),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::UpperRoman => roman(n),
            Format::None => String::new(),
        }
    }
}

/// a…z, then aa…zz, aaa…: Word repeats the letter.
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let k = (n - 1) as u64;
    let letter = char::from(b'a' + (k % 26) as u8);
    let times = (k / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const T: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Level {
    pub start: i64,
    pub format: Format,
    pub text: String,
    /// What follows the number: "" (nothing) or " " (tab or space).
    pub suffix: &'static str,
    /// `lvlRestart`: None = after any higher level; Some(0) = never; Some(k) = after level k
    /// (1-based) or a higher one.
    pub restart: Option<u32>,
    /// `isLgl`: all levels written as decimal numbers.
    pub legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: Format::Decimal,
            text: String::new(),
            suffix: " ",
            restart: None,
            legal: false,
        }
    }
}

fn level(node: Node) -> Level {
    let mut l = Level::default();
    if let Some(v) = child(node, "start")
        .and_then(val)
        .and_then(|v| v.parse().ok())
    {
        l.start = v;
    }
    if let Some(v) = child(node, "numFmt").and_then(val) {
        l.format = Format::parse(v);
    }
    if let Some(v) = child(node, "lvlText").and_then(val) {
        l.text = v.to_string();
    }
    l.suffix = match child(node, "suff").and_then(val) {
        Some("nothing") => "",
        _ => " ",
    };
    l.restart = child(node, "lvlRestart")
        .and_then(val)
        .and_then(|v| v.parse().ok());
    l.legal = child(node, "isLgl").is_some_and(on_off);
    l
}

fn ilvl(node: Node) -> Option<usize> {
    attr(node, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < 9)
}

/// A numbering instance (`w:num`).
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Levels whose start is overridden (`w:startOverride`).
    start_override: Vec<(usize, i64)>,
    /// Levels redefined by the instance (`w:lvlOverride/w:lvl`).
    levels: HashMap<usize, Level>,
}

/// The list definitions of a document and the counters of the lists met so far.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, [Level; 9]>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
    starts: HashMap<String, [i64; 9]>,
    used: HashSet<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml` (its root element).
    pub(crate) fn read(root: Node) -> Numbering {
        let mut n = Numbering::default();
        for a in children(root, "abstractNum") {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels: [Level; 9] = Default::default();
            for l in children(a, "lvl") {
                if let Some(i) = ilvl(l) {
                    levels[i] = level(l);
                }
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in children(root, "num") {
            let Some(id) = attr(num, "numId") else {
                continue;
            };
            let mut def = Num {
                abstract_id: child(num, "abstractNumId")
                    .and_then(val)
                    .unwrap_or_default()
                    .to_string(),
                ..Num::default()
            };
            for o in children(num, "lvlOverride") {
                let Some(i) = ilvl(o) else { continue };
                if let Some(s) = child(o, "startOverride")
                    .and_then(val)
                    .and_then(|v| v.parse().ok())
                {
                    def.start_override.push((i, s));
                }
                if let Some(l) = child(o, "lvl") {
                    def.levels.insert(i, level(l));
                }
            }
            n.nums.insert(id.to_string(), def);
        }
        n
    }

    /// The number text Word shows for the next paragraph of list `num_id` at level `lvl`,
    /// with its suffix ("1. ", "a) ", "- "); None when the list does not exist (or is
    /// `numId` 0, "no numbering"). Advances the counters.
    pub(crate) fn next(&mut self, num_id: &str, lvl: usize) -> Option<String> {
        let lvl = lvl.min(8);
        let num = self.nums.get(num_id)?.clone();
        let base = self.abstracts.get(&num.abstract_id)?.clone();
        let level_def = |i: usize| num.levels.get(&i).unwrap_or(&base[i]).clone();
        let key = num.abstract_id.clone();
        let starts = self
            .starts
            .entry(key.clone())
            .or_insert_with(|| std::array::from_fn(|i| level_def(i).start));
        let counters = self.counters.entry(key).or_insert([None; 9]);
        if self.used.insert(num_id.to_string()) {
            for &(i, s) in &num.start_override {
                starts[i] = s;
                counters[i] = None;
            }
        }
        let value = counters[lvl].map_or(starts[lvl], |v| v.saturating_add(1));
        counters[lvl] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(lvl + 1) {
            let restarts = match level_def(deeper).restart {
                None => true,
                Some(0) => false,
                Some(k) => (lvl as u32) < k,
            };
            if restarts {
                *counter = None;
            }
        }
        let this = level_def(lvl);
        let mut out = String::new();
        if this.format == Format::Bullet {
            out.push_str(&bullet(&this.text));
        } else {
            let mut chars = this.text.chars().peekable();
            while let Some(c) = chars.next() {
                let d = chars.peek().and_then(|d| d.to_digit(10));
                match (c, d) {
                    ('%', Some(d @ 1..=9)) => {
                        chars.next();
                        let i = d as usize - 1;
                        let v = counters[i].unwrap_or(starts[i]);
                        let def = level_def(i);
                        let f = if this.legal && def.format != Format::None {
                            Format::Decimal
                        } else {
                            def.format
                        };
                        out.push_str(&f.write(v));
                    }
                    _ => out.push(c),
                }
            }
        }
        if out.is_empty() {
            return Some(out);
        }
        out.push_str(this.suffix);
        Some(out)
    }
}

/// A bullet's text: symbol-font characters (private use area, U+F020–F0FF) read as what they
/// draw: ASCII ones as themselves ("-", "+"), the others as "•".
pub(crate) fn bullet(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xF021..=0xF07E => char::from_u32(c as u32 - 0xF000).unwrap_or('•'),
            0xE000..=0xF8FF => '•',
            _ => c,
        })
        .collect()
}

/// List membership: the `numId`, and the level when given.
pub(crate) type NumPr = (String, Option<usize>);

/// A paragraph's list membership from its properties (`w:pPr/w:numPr`).
pub(crate) fn num_pr(ppr: Node) -> Option<NumPr> {
    let np = child(ppr, "numPr")?;
    let id = child(np, "numId").and_then(val)?.to_string();
    let lvl = child(np, "ilvl")
        .and_then(val)
        .and_then(|v| v.parse::<usize>().ok());
    Some((id, lvl))
}

/// Paragraph styles' list membership, following `basedOn` (`word/styles.xml`).
#[derive(Debug, Default)]
pub(crate) struct Styles {
    /// Style id → (its own list membership, the style it is based on).
    styles: HashMap<String, (Option<NumPr>, Option<String>)>,
}

impl Styles {
    pub(crate) fn read(root: Node) -> Styles {
        let mut s = Styles::default();
        for st in root.children().filter(|n| is_w(*n, "style")) {
            let Some(id) = attr(st, "styleId") else {
                continue;
            };
            let np = child(st, "pPr").and_then(num_pr);
            let based = child(st, "basedOn").and_then(val).map(str::to_string);
            s.styles.insert(id.to_string(), (np, based));
        }
        s
    }

    /// The numbering a style gives its paragraphs.
    pub(crate) fn num_pr(&self, style: &str) -> Option<NumPr> {
        let mut id = style.to_string();
        for _ in 0..16 {
            let (np, based) = self.styles.get(&id)?;
            if let Some(np) = np {
                return Some(np.clone());
            }
            id = based.clone()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(xml: &str) -> Numbering {
        let doc = roxmltree::Document::parse(xml).expect("xml");
        Numbering::read(doc.root_element())
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn formats() {
        assert_eq!(Format::LowerLetter.write(1), "a");
        assert_eq!(Format::LowerLetter.write(27), "aa");
        assert_eq!(Format::UpperRoman.write(14), "XIV");
        assert_eq!(Format::LowerRoman.write(4), "iv");
        assert_eq!(Format::DecimalZero.write(6), "06");
        assert_eq!(bullet("\u{F0B7}"), "•");
        assert_eq!(bullet("\u{F02D}"), "-");
    }

    #[test]
    fn levels_restart_and_share_counters() {
        let xml = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:suff w:val="space"/></w:lvl>
              <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
              <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1">
              <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/><w:suff w:val="nothing"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2"/><w:lvlRestart w:val="0"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let mut n = numbering(&xml);
        let mut seq = |id: &str, l: usize| n.next(id, l).unwrap_or_else(|| "?".into());
        assert_eq!(seq("1", 0), "I. ");
        assert_eq!(seq("1", 1), "1. ");
        assert_eq!(seq("1", 2), "a) ");
        assert_eq!(seq("1", 2), "b) ");
        assert_eq!(seq("1", 3), "1.1. ");
        assert_eq!(seq("1", 4), "- ");
        assert_eq!(seq("1", 1), "2. ");
        // a deeper level restarts after a higher one
        assert_eq!(seq("1", 2), "a) ");
        assert_eq!(seq("1", 0), "II. ");
        assert_eq!(seq("1", 1), "1. ");
        // another instance of the same list goes on counting
        assert_eq!(seq("2", 1), "2. ");
        // an instance with a start override restarts that level at first use
        assert_eq!(seq("3", 1), "5. ");
        assert_eq!(seq("3", 1), "6. ");
        assert_eq!(seq("1", 1), "7. ");
        // start value 3, no suffix, lvlRestart 0 never restarts
        assert_eq!(seq("4", 0), "3)");
        assert_eq!(seq("4", 1), "1 ");
        assert_eq!(seq("4", 0), "4)");
        assert_eq!(seq("4", 1), "2 ");
        // unknown list, numId 0: no number
        assert_eq!(n.next("0", 0), None);
        assert_eq!(n.next("9", 0), None);
    }
}
