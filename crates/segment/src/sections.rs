//! The section tree of a document body.

use sohoa_model::{Section, SectionStyle, Span, Warning};
use sohoa_text::Block;

use crate::labels::{letter_ordinal, parse_label, roman_value, to_roman, Label};
use crate::text::{is_caps, split_heading};

/// Rank of a style in the tree: a section nests under the nearest open section of lower rank.
fn rank(style: SectionStyle, parts: usize) -> usize {
    match style {
        SectionStyle::Roman | SectionStyle::Article => 0,
        SectionStyle::Number => parts,
        SectionStyle::Letter => 10,
    }
}

struct Open {
    section: Section,
    rank: usize,
    parts: Vec<u32>,
}

/// Builds the section tree from body blocks. Returns the top-level sections and the preamble
/// (paragraphs before the first section, with their spans).
pub struct Builder<'w> {
    stack: Vec<Open>,
    roots: Vec<Section>,
    /// Paragraphs before the first section.
    pub preamble: Vec<(String, Span)>,
    /// The closing paragraphs ("… ./."), from the first one on.
    pub closing: Vec<(String, Span)>,
    romans_ahead: Vec<u32>,
    last_roman: u32,
    warnings: &'w mut Vec<Warning>,
}

impl<'w> Builder<'w> {
    /// A builder for a body made of `blocks` (used to look ahead at Roman headings).
    pub fn new(blocks: &[&Block], warnings: &'w mut Vec<Warning>) -> Self {
        let romans_ahead = blocks
            .iter()
            .filter_map(|b| parse_label(&b.text))
            .filter(|l| l.style == SectionStyle::Roman)
            .map(|l| l.parts[0])
            .collect();
        Builder {
            stack: Vec::new(),
            roots: Vec::new(),
            preamble: Vec::new(),
            closing: Vec::new(),
            romans_ahead,
            last_roman: 0,
            warnings,
        }
    }

    /// Has a section been opened yet?
    pub fn has_sections(&self) -> bool {
        !self.stack.is_empty() || !self.roots.is_empty()
    }

    /// Adds the next body block.
    pub fn push(&mut self, block: &Block) {
        match parse_label(&block.text).and_then(|l| self.accept(l, block)) {
            Some(label) => self.open(label, block),
            None => self.paragraph(&block.text, block.lines),
        }
    }

    /// Finishes the tree: (sections, preamble, closing).
    #[allow(clippy::type_complexity)]
    pub fn finish(mut self) -> (Vec<Section>, Vec<(String, Span)>, Vec<(String, Span)>) {
        while !self.stack.is_empty() {
            self.pop();
        }
        (self.roots, self.preamble, self.closing)
    }

    fn warn(&mut self, code: &str, message: String, line: u32) {
        self.warnings.push(Warning {
            code: code.into(),
            message,
            line: Some(line),
        });
    }

    /// Decides whether a label read at the start of a block really opens a section here.
    fn accept(&mut self, mut l: Label, block: &Block) -> Option<Label> {
        let line = block.lines.first;
        let rest = &block.text[l.rest..];
        let mut converted = false;
        // "1. CHI TIEU" between I. and III. is II.: a capitalised numbered heading where the
        // Roman sequence has a hole of exactly one.
        if l.style == SectionStyle::Number && l.parts.len() == 1 && is_caps(rest) && rest.len() > 3
        {
            let next = self.last_roman + 1;
            let skipped = self.last_roman > 0
                && !self.romans_ahead.contains(&next)
                && self.romans_ahead.contains(&(next + 1));
            if skipped {
                self.warn(
                    "label_repaired",
                    format!(
                        "read `{}.` as Roman `{}.` (the sequence skips it)",
                        l.label,
                        to_roman(next)
                    ),
                    line,
                );
                l = Label {
                    style: SectionStyle::Roman,
                    label: to_roman(next),
                    parts: vec![next],
                    repaired: true,
                    rest: l.rest,
                };
                converted = true;
            }
        }
        let r = rank(l.style, l.parts.len());
        let parent = self.stack.iter().rposition(|o| o.rank < r);
        let prev_sib = self.previous_sibling(parent, &l);
        // the very first label of a body may be anything (a file can start mid-document)
        let first = self.stack.is_empty() && self.roots.is_empty();
        let ok = match l.style {
            SectionStyle::Article => true,
            SectionStyle::Roman => !l.repaired || l.parts[0] > self.last_roman,
            SectionStyle::Number => {
                let n = *l.parts.last()?;
                let k = l.parts.len();
                // "2.1" belongs under "2"; with no numbered parent open, any prefix is taken
                let prefix_ok = k == 1
                    || parent.is_none_or(|p| {
                        let o = &self.stack[p];
                        o.section.style != SectionStyle::Number || o.parts == l.parts[..k - 1]
                    });
                let seq_ok = match &prev_sib {
                    Some(p) => {
                        let m = *p.last()?;
                        n >= m && n <= m + 2
                    }
                    None => n <= 2 || first,
                };
                if prefix_ok && seq_ok && prev_sib.as_ref().and_then(|p| p.last()) == Some(&n) {
                    self.warn(
                        "duplicate_label",
                        format!("section `{}` is numbered like the one before it", l.label),
                        line,
                    );
                }
                prefix_ok && seq_ok
            }
            SectionStyle::Letter => {
                let n = l.parts[0];
                match &prev_sib {
                    Some(p) => n > p[0] && n <= p[0] + 3,
                    None => n == 1 || first,
                }
            }
        };
        if !ok {
            return None;
        }
        if l.style == SectionStyle::Roman {
            self.last_roman = l.parts[0];
            if l.repaired && !converted {
                self.warn(
                    "label_repaired",
                    format!("read a damaged Roman label as `{}.`", l.label),
                    line,
                );
            }
        }
        Some(l)
    }

    /// The section the new label would follow: the parent's open child when it has the same
    /// style and depth, else the parent's last closed child of that style and depth.
    fn previous_sibling(&self, parent: Option<usize>, l: &Label) -> Option<Vec<u32>> {
        let alike =
            |style: SectionStyle, parts: &[u32]| style == l.style && parts.len() == l.parts.len();
        let open = match parent {
            Some(p) => self.stack.get(p + 1),
            None => self.stack.first(),
        };
        if let Some(o) = open.filter(|o| alike(o.section.style, &o.parts)) {
            return Some(o.parts.clone());
        }
        let closed = match parent {
            Some(p) => &self.stack[p].section.children,
            None => &self.roots,
        };
        closed
            .iter()
            .rev()
            .filter_map(|s| Some((s.style, parts_of(s)?)))
            .find(|(style, parts)| alike(*style, parts))
            .map(|(_, parts)| parts)
    }

    fn open(&mut self, l: Label, block: &Block) {
        let r = rank(l.style, l.parts.len());
        while self.stack.last().is_some_and(|o| o.rank >= r) {
            self.pop();
        }
        let rest = block.text[l.rest..].trim();
        let wrap = if l.style == SectionStyle::Letter {
            1
        } else {
            2
        };
        let (heading, paragraph) = split_heading(rest, block.starts.len(), wrap);
        let mut section = Section {
            label: l.label,
            style: l.style,
            heading,
            paragraphs: Vec::new(),
            paragraph_lines: Vec::new(),
            children: Vec::new(),
            trailing: Vec::new(),
            lines: block.lines,
        };
        if let Some(p) = paragraph {
            section.paragraphs.push(p);
            section.paragraph_lines.push(block.lines);
        }
        self.stack.push(Open {
            section,
            rank: r,
            parts: l.parts,
        });
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            match self.stack.last_mut() {
                Some(parent) => {
                    parent.section.lines.last =
                        parent.section.lines.last.max(open.section.lines.last);
                    parent.section.children.push(open.section);
                }
                None => self.roots.push(open.section),
            }
        }
    }

    fn paragraph(&mut self, text: &str, lines: Span) {
        let starts_label = parse_label(text).is_some();
        let bullet = text.starts_with(['-', '+', '•', '–']);
        // The closing formula ends in "./."; it and what follows close the whole document.
        if !self.closing.is_empty()
            || (!bullet
                && !starts_label
                && !self.stack.is_empty()
                && text.trim_end().ends_with("./."))
        {
            self.closing.push((text.to_string(), lines));
            return;
        }
        // A parenthesised note after sub-sections belongs to the top section, not the last item.
        let note = text.starts_with('(') && !starts_label;
        if note && self.stack.len() > 1 {
            let top = &mut self.stack[0].section;
            top.trailing.push(text.to_string());
            top.lines.last = top.lines.last.max(lines.last);
            return;
        }
        let (paras, spans) = match self.stack.last_mut() {
            Some(top) => {
                let sec = &mut top.section;
                sec.lines.last = sec.lines.last.max(lines.last);
                // a one-line label text taken for a heading, continued by this block
                if starts_label && sec.paragraphs.is_empty() {
                    if let Some(h) = sec.heading.take_if(|h| !h.ends_with([':', '.', ';'])) {
                        sec.paragraphs.push(format!("{h} {text}"));
                        sec.paragraph_lines.push(Span {
                            first: sec.lines.first,
                            last: lines.last,
                        });
                        return;
                    }
                }
                (&mut sec.paragraphs, &mut sec.paragraph_lines)
            }
            None => {
                self.preamble.push((text.to_string(), lines));
                return;
            }
        };
        // A block that only looked like a label ("06. Tiếp tục" after "Đề án") continues the
        // paragraph before it when that one stops mid-sentence.
        if let (Some(last), Some(span)) = (paras.last_mut(), spans.last_mut()) {
            let ends = last.trim_end().ends_with(['.', ';', ':', '!', '?']);
            if starts_label && !ends {
                last.push(' ');
                last.push_str(text);
                span.last = lines.last;
                return;
            }
        }
        paras.push(text.to_string());
        spans.push(lines);
    }
}

/// The numeric parts of a built section's label.
fn parts_of(s: &Section) -> Option<Vec<u32>> {
    match s.style {
        SectionStyle::Roman => roman_value(&s.label).map(|v| vec![v]),
        SectionStyle::Number | SectionStyle::Article => {
            s.label.split('.').map(|p| p.parse().ok()).collect()
        }
        SectionStyle::Letter => s
            .label
            .chars()
            .next()
            .and_then(letter_ordinal)
            .map(|v| vec![v]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sohoa_text::cleanup;

    fn build(text: &str) -> (Vec<Section>, Vec<Warning>) {
        let lines = sohoa_text::decode(text.as_bytes(), None)
            .expect("utf-8")
            .lines;
        let blocks = cleanup(&lines).blocks;
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut warnings = Vec::new();
        let mut b = Builder::new(&refs, &mut warnings);
        for bl in &blocks {
            b.push(bl);
        }
        let (s, _, _) = b.finish();
        (s, warnings)
    }

    fn outline(s: &[Section], depth: usize, out: &mut Vec<String>) {
        for x in s {
            out.push(format!(
                "{}{} {}",
                "  ".repeat(depth),
                x.label,
                x.heading.clone().unwrap_or_default()
            ));
            outline(&x.children, depth + 1, out);
        }
    }

    fn tree(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        outline(&build(text).0, 0, &mut out);
        out
    }

    #[test]
    fn nesting_roman_number_letter() {
        let t = tree(
            "I. MỤC ĐÍCH\n1. Mục đích:\n- Một.\n2. Yêu cầu\nNội dung.\nII. NHIỆM VỤ\n1. Chỉ tiêu:\na) Một.\nb) Hai.\nđ) Năm.\n2. Nhiệm vụ\n2.1. Chỉ đạo\na) Một.\n2.2. Thể chế\nIII. KINH PHÍ:\nNội dung.",
        );
        assert_eq!(
            t,
            [
                "I MỤC ĐÍCH",
                "  1 Mục đích",
                "  2 Yêu cầu",
                "II NHIỆM VỤ",
                "  1 Chỉ tiêu",
                "    a ",
                "    b ",
                "    đ ",
                "  2 Nhiệm vụ",
                "    2.1 Chỉ đạo",
                "      a ",
                "    2.2 Thể chế",
                "III KINH PHÍ"
            ]
        );
    }

    #[test]
    fn ocr_damaged_roman_labels() {
        let (s, w) =
            build("I. MUC DICH\nNoi dung.\n1. CHI TIEU\na) Mot.\nI11. KINH PHI\nNoi dung.");
        let labels: Vec<&str> = s.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["I", "II", "III"]);
        assert_eq!(w.iter().filter(|w| w.code == "label_repaired").count(), 2);
    }

    #[test]
    fn out_of_sequence_number_is_text() {
        let (s, _) = build(
            "2.7. Chính quyền số\na) Một.\nb) Đầu tư nâng cấp hạ tầng cho việc triển khai Đề án\n06. Tiếp tục khai thác có hiệu quả.\nc) Đẩy mạnh.",
        );
        let x = &s[0];
        assert_eq!(x.children.len(), 3);
        assert_eq!(
            x.children[1].paragraphs,
            ["Đầu tư nâng cấp hạ tầng cho việc triển khai Đề án 06. Tiếp tục khai thác có hiệu quả."]
        );
        assert_eq!(x.paragraphs, Vec::<String>::new());
        assert_eq!(x.children[2].label, "c");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn duplicate_number_kept_with_warning() {
        let (s, w) = build(
            "II. NHIỆM VỤ\n1. Một:\n2. Về thể chế:\n2. Thủ tục:\n2.1. Hoàn thiện:\n3. Bộ máy:",
        );
        let labels: Vec<&str> = s[0].children.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "2", "3"]);
        assert_eq!(s[0].children[2].children[0].label, "2.1");
        assert!(w.iter().any(|w| w.code == "duplicate_label"));
    }

    #[test]
    fn articles() {
        let t = tree("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực.\nĐiều 3. Thi hành.");
        assert_eq!(t, ["1 ", "2 ", "3 "]);
    }
}
