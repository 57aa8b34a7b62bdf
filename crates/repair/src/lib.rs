//! Repair of Vietnamese text that lost its diacritics or went through an OCR engine with the
//! wrong language model: a rule-based syllable inventory, a syllable trigram language model
//! (interpolated modified Kneser-Ney), an OCR channel model learned from aligned pairs, and a
//! beam/Viterbi decoder over a candidate lattice.
//!
//! ```
//! use sohoa_repair::{Mode, Repairer};
//! let r = Repairer::embedded().expect("the committed model loads");
//! let out = r.repair_line("Cai cach hanh chinh nha nuoc", Mode::Auto);
//! assert_eq!(out.text, "Cải cách hành chính nhà nước");
//! // correct Vietnamese passes through untouched
//! let same = r.repair_line("Ủy ban nhân dân xã", Mode::Auto);
//! assert!(!same.applied);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::str::FromStr;

pub mod channel;
pub mod codes;
mod decode;
pub mod eval;
mod fxmap;
pub mod lm;
pub mod syllable;
pub mod token;
pub mod train;

pub use decode::{fix_doc_number, Register, ABBREVIATIONS};

/// The committed model (built by `sohoa train`, see README).
static MODEL: &[u8] = include_bytes!("../data/model.bin");

/// How to rebuild the model, quoted in errors.
pub const REBUILD_HINT: &str =
    "rebuild it with `cargo run --release -- train --shared ../shared` (see README, section repair)";

/// Errors of the repair engine.
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    /// The model bytes are not a valid model file.
    #[error("repair model is malformed: {0}; {hint}", hint = REBUILD_HINT)]
    BadModel(String),
    /// The model was written by another format version.
    #[error("repair model has format version {found}, this build reads {expected}; {hint}", hint = REBUILD_HINT)]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Unknown mode name.
    #[error("unknown repair mode {0:?} (expected auto, always or never)")]
    BadMode(String),
}

/// When to repair a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Decide per line: lines that already look like correct Vietnamese pass through.
    #[default]
    Auto,
    /// Decode every line.
    Always,
    /// Never change anything.
    Never,
}

impl FromStr for Mode {
    type Err = RepairError;
    fn from_str(s: &str) -> Result<Mode, RepairError> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Mode::Auto),
            "always" => Ok(Mode::Always),
            "never" => Ok(Mode::Never),
            _ => Err(RepairError::BadMode(s.to_string())),
        }
    }
}

/// One changed token.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// 1-based char column of the token in the input line.
    pub column: usize,
    /// The token as read.
    pub from: String,
    /// The repaired token.
    pub to: String,
    /// Posterior-like confidence in 0..=1.
    pub confidence: f32,
}

/// Result of repairing one line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRepair {
    /// The repaired line (same whitespace as the input).
    pub text: String,
    /// True if anything changed.
    pub applied: bool,
    /// Whitespace tokens in the line.
    pub tokens: usize,
    /// The changes.
    pub edits: Vec<Edit>,
}

/// The immutable repair engine.
#[derive(Debug, Clone)]
pub struct Repairer {
    lm: lm::Lm,
    channel: channel::Channel,
    index: decode::Index,
    note: String,
}

impl Repairer {
    /// The committed model.
    pub fn embedded() -> Result<Repairer, RepairError> {
        Repairer::from_bytes(MODEL)
    }

    /// A model from its bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Repairer, RepairError> {
        let (lm, extra) = lm::Lm::read(bytes)?;
        let chan = extra
            .iter()
            .find(|(t, _)| t == b"CHAN")
            .ok_or_else(|| RepairError::BadModel("missing section CHAN".into()))?;
        let channel = channel::Channel::from_bytes(&chan.1)?;
        let codes = extra
            .iter()
            .find(|(t, _)| t == b"CODE")
            .ok_or_else(|| RepairError::BadModel("missing section CODE".into()))?;
        let codes = codes::Codes::from_bytes(&codes.1)?;
        let note = extra
            .iter()
            .find(|(t, _)| t == b"NOTE")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let index = decode::Index::new(&lm, codes);
        Ok(Repairer {
            lm,
            channel,
            index,
            note,
        })
    }

    /// A model from a file.
    pub fn load(path: &std::path::Path) -> Result<Repairer, RepairError> {
        let b = std::fs::read(path).map_err(|e| RepairError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Repairer::from_bytes(&b)
    }

    /// Repair one line (no line breaks inside).
    pub fn repair_line(&self, line: &str, mode: Mode) -> LineRepair {
        decode::repair_line(&self.lm, &self.channel, &self.index, line, mode)
    }

    /// How the document made of `lines` is written (see [`Register`]); [`Repairer::repair_lines`]
    /// and [`Repairer::repair_text`] read it first.
    pub fn register<S: AsRef<str>>(&self, lines: &[S]) -> Register {
        Register::of(&self.index, lines)
    }

    /// Repair consecutive lines of one document: like [`Repairer::repair_line`] on each, but the
    /// lines of a sentence wrapped over several lines (blank lines between them allowed) are
    /// decoded together, so the words on both sides of a break choose each other, and in
    /// [`Mode::Auto`] a document written with Vietnamese marks ([`Register::is_marked`]) keeps
    /// the valid syllables of all its lines (only a whole unmarked sentence is restored).
    ///
    /// The document is decoded twice: what the first pass chose where a token had several
    /// readings is a prior for the second (a document about mines says `mỏ` wherever `mo` is
    /// clear from its context, so it reads `mo` as `mỏ` where the context says little too).
    /// Each token's own first choice is left out of its prior, and a sentence is decoded again
    /// only if the prior prefers, for some token, another reading than the one chosen.
    pub fn repair_lines<S: AsRef<str>>(&self, lines: &[S], mode: Mode) -> Vec<LineRepair> {
        self.repair_lines_with(lines, mode, Some(decode::DOC_WINDOW))
    }

    /// [`Repairer::repair_lines`] with the second decode over `window` tokens either side of
    /// each disputed token, or over whole sentences (`None`).
    fn repair_lines_with<S: AsRef<str>>(
        &self,
        lines: &[S],
        mode: Mode,
        window: Option<usize>,
    ) -> Vec<LineRepair> {
        // only `auto` reads how the document is written
        let mut doc = decode::DocState::begin(
            &self.index,
            matches!(mode, Mode::Auto) && Register::marked_doc(&self.index, lines),
        );
        let goes_on = sentence_goes_on(lines);
        let mut prepared: Vec<decode::Prepared<'_>> = lines
            .iter()
            .map(|l| {
                decode::prepare_line(
                    &self.lm,
                    &self.channel,
                    &self.index,
                    l.as_ref(),
                    mode,
                    &mut doc,
                )
            })
            .collect();
        doc.end();
        let mut sentences: Vec<decode::Sentence> = Vec::new();
        let mut sentence = decode::Sentence::default();
        for (i, p) in prepared.iter_mut().enumerate() {
            if p.is_empty() {
                continue;
            }
            sentence.push_line(i, p);
            if !goes_on[i] {
                sentences.push(std::mem::take(&mut sentence));
            }
        }
        if !sentence.is_empty() {
            sentences.push(sentence);
        }
        // first pass; then each sentence again with what the rest of the document chose
        let mut votes = decode::Votes::default();
        for s in &mut sentences {
            s.decode(&self.lm);
            s.vote(&mut votes);
        }
        let mut out: Vec<Option<LineRepair>> = vec![None; lines.len()];
        for s in &mut sentences {
            s.redecode(&self.lm, &votes, window);
            s.finish(&self.lm, &prepared, &mut out);
        }
        let mut marker = None;
        lines
            .iter()
            .zip(out)
            .zip(&prepared)
            .map(|((l, r), p)| {
                let mut r = r.unwrap_or_else(|| p.unchanged());
                decode::list_marker(&mut r, l.as_ref(), mode, &mut marker);
                r
            })
            .collect()
    }

    /// Repair a text like [`Repairer::repair_lines`], keeping the line structure (`\n` and
    /// `\r\n`). Returns the text and the edits with 1-based line numbers.
    pub fn repair_text(&self, text: &str, mode: Mode) -> (String, Vec<(usize, Edit)>) {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut edits = Vec::new();
        let mut bodies = Vec::new();
        let mut ends = Vec::new();
        for seg in text.split_inclusive('\n') {
            let (body, end) = match seg.strip_suffix("\r\n") {
                Some(b) => (b, "\r\n"),
                None => match seg.strip_suffix('\n') {
                    Some(b) => (b, "\n"),
                    None => (seg, ""),
                },
            };
            bodies.push(body);
            ends.push(end);
        }
        for (i, (r, end)) in self
            .repair_lines(&bodies, mode)
            .into_iter()
            .zip(ends)
            .enumerate()
        {
            out.push_str(&r.text);
            out.push_str(end);
            edits.extend(r.edits.into_iter().map(|e| (i + 1, e)));
        }
        (out, edits)
    }

    /// OCR candidates of one token with channel costs (development aid).
    pub fn debug_candidates(&self, token: &str) -> Vec<(String, f32)> {
        decode::debug_candidates(&self.lm, &self.channel, &self.index, token)
    }

    /// Training provenance stored in the model.
    pub fn note(&self) -> &str {
        &self.note
    }

    /// Vocabulary size, stored bigrams and trigrams.
    pub fn sizes(&self) -> (usize, usize, usize) {
        let (b, t) = self.lm.sizes();
        (self.lm.len(), b, t)
    }
}

/// Per line: does its sentence go on into the next non-blank line? Yes when the line does not
/// end a sentence and the next non-blank line begins with a lowercase letter (a hard-wrapped
/// line, as PDF text and scans give them, often with blank lines between), the same rule the
/// model was trained with ([`train::reflow`]).
fn sentence_goes_on<S: AsRef<str>>(lines: &[S]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut next: Option<&str> = None;
    for (i, l) in lines.iter().enumerate().rev() {
        let l = l.as_ref();
        if !l.trim().is_empty() {
            out[i] = !train::ends_sentence(l) && next.is_some_and(train::continues);
            next = Some(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn is<T: Send + Sync>() {}
        is::<Repairer>();
    }

    #[test]
    fn sentences_go_on_over_wrapped_and_blank_lines() {
        let lines = [
            "giap ranh con chua chat",
            "",
            "che. Nguyen nhan",
            "Dieu 2. Doi tuong",
            "ap dung:",
            "tu ngay",
        ];
        assert_eq!(
            sentence_goes_on(&lines),
            [true, false, false, true, false, false]
        );
    }

    #[test]
    fn a_word_at_a_line_end_is_read_with_the_next_line() {
        let r = Repairer::embedded().unwrap();
        // alone, "chua chat" / "che." read as "chứa chất" / "chè." and "nang" as "nặng":
        // the words after the break decide
        let lines = [
            "giap ranh con chua chat",
            "",
            "che.",
            "nang",
            "cao chat luong",
        ];
        let out: Vec<String> = r
            .repair_lines(&lines, Mode::Always)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            out,
            [
                "giáp ranh còn chưa chặt",
                "",
                "chẽ.",
                "nâng",
                "cao chất lượng"
            ]
        );
        // the same through repair_text, which keeps the line ends
        let (text, _) = r.repair_text("giap ranh con chua chat\r\n\r\nche.\n", Mode::Always);
        assert_eq!(text, "giáp ranh còn chưa chặt\r\n\r\nchẽ.\n");
    }

    #[test]
    fn the_rest_of_the_document_decides_a_weak_context() {
        let r = Repairer::embedded().unwrap();
        // alone, "mo" is read as the most likely word, "mở" (open)
        assert_eq!(r.repair_lines(&["mo."], Mode::Always)[0].text, "mở.");
        // a document about mines reads it "mỏ" where its context says so, and so here too
        let mut doc = vec!["mo."];
        doc.extend(["Khai thac mo da."; 4]);
        let out = r.repair_lines(&doc, Mode::Always);
        assert_eq!(out[0].text, "mỏ.");
        assert!(out[1].text.starts_with("Khai thác mỏ"));
        // and a line's own first reading is no evidence for itself
        let out = r.repair_lines(&["mo.", "mo."], Mode::Always);
        assert_eq!(out[1].text, "mở.");
    }

    #[test]
    fn second_decode_around_disputed_tokens_agrees_with_whole_sentences() {
        let r = Repairer::embedded().unwrap();
        for text in [
            include_str!("../../../fixtures/seeds/tue-tinh-2025h2.txt"),
            include_str!("../../../fixtures/seeds/ngoc-lien-2025.txt"),
        ] {
            let lines: Vec<String> = text.lines().map(syllable::strip_marks).collect();
            let texts = |w| -> Vec<String> {
                r.repair_lines_with(&lines, Mode::Auto, w)
                    .into_iter()
                    .map(|l| l.text)
                    .collect()
            };
            let whole = texts(None);
            for w in 0..=decode::DOC_WINDOW {
                assert_eq!(texts(Some(w)), whole, "window {w}");
            }
        }
    }

    #[test]
    fn lowercase_roman_list_markers_pass() {
        let r = Repairer::embedded().unwrap();
        let out = r.repair_line("tro len; (ii) uu tien cac du an; iv) ho tro", Mode::Always);
        assert_eq!(out.text, "trở lên; (ii) ưu tiên các dự án; iv) hỗ trợ");
    }

    #[test]
    fn words_joined_by_an_ellipsis_are_read_apart() {
        let r = Repairer::embedded().unwrap();
        let out = r.repair_line("giai phong mat bang…de thuc hien", Mode::Always);
        assert_eq!(out.text, "giải phóng mặt bằng…để thực hiện");
        assert_eq!(out.tokens, 6);
    }

    #[test]
    fn marked_document_keeps_lone_cell_words() {
        let r = Repairer::embedded().unwrap();
        // a PDF table read row by row: cell words alone or mixed with other columns
        let lines = [
            "Ban hành Kế hoạch cải cách hành chính của Ủy ban nhân dân xã năm 2025",
            "1 cách hành chính 6 7/2025",
            "Các phòng, cơ",
            "quan",
            "Báo cáo kết quả kiểm",
            "tra",
            "Tổ chức thực hiện các nhiệm vụ được giao đúng thời hạn quy định",
        ];
        let out = r.repair_lines(&lines, Mode::Auto);
        for (l, o) in lines.iter().zip(&out) {
            assert_eq!(&o.text, l);
        }
        // the same lone words in an accent-stripped document are restored
        let stripped = ["Cac phong, co", "quan hanh chinh nha nuoc cap xa thuc hien"];
        let out = r.repair_lines(&stripped, Mode::Auto);
        assert_eq!(out[1].text, "quan hành chính nhà nước cấp xã thực hiện");
        // and a whole stripped sentence inside a marked document is still restored
        let mut mixed: Vec<&str> = lines.to_vec();
        mixed.push("Cai cach hanh chinh nha nuoc giai doan 2021 - 2030 cua xa");
        let out = r.repair_lines(&mixed, Mode::Auto);
        assert_eq!(
            out[7].text,
            "Cải cách hành chính nhà nước giai đoạn 2021 - 2030 của xã"
        );
        assert_eq!(out[3].text, "quan");
    }

    #[test]
    fn marked_doc_agrees_with_the_register() {
        let r = Repairer::embedded().unwrap();
        let marked = "Ban hành Kế hoạch cải cách hành chính của Ủy ban nhân dân xã năm 2025 \
                      Tổ chức thực hiện các nhiệm vụ được giao đúng thời hạn quy định";
        let docs: [Vec<String>; 4] = [
            vec![marked.to_string(); 2],
            vec![syllable::strip_marks(marked); 2],
            // marked, but too many words that are no syllables
            vec![format!("{marked} xyzq qwrt bcdfg hjkl mnpq"); 2],
            vec!["Cải cách".to_string()],
        ];
        let want = [true, false, false, false];
        for (d, w) in docs.iter().zip(want) {
            assert_eq!(r.register(d).is_marked(), w, "{d:?}");
            assert_eq!(Register::marked_doc(&r.index, d), w, "{d:?}");
        }
    }

    #[test]
    fn words_kept_between_documents_change_nothing() {
        let text = "Cai cach hanh chinh nha nuoc\nUy ban nhan dan xa Tan Phu\n";
        let ocr = "Cái cách hành chính nhà nu’ó’c giai doan 2021 - 2030 ctia xã";
        let a = Repairer::embedded().unwrap();
        let first = (
            a.repair_text(text, Mode::Auto),
            a.repair_line(ocr, Mode::Auto),
        );
        // a second model on the same thread reads the words again, then the first model its own
        let b = Repairer::embedded().unwrap();
        assert_eq!(b.repair_text(text, Mode::Auto), first.0);
        assert_eq!(b.repair_line(ocr, Mode::Auto), first.1);
        assert_eq!(a.repair_text(text, Mode::Auto), first.0);
        assert_eq!(a.repair_line(ocr, Mode::Auto), first.1);
        assert_eq!(
            first.0 .0,
            "Cải cách hành chính nhà nước\nỦy ban nhân dân xã Tân Phú\n"
        );
    }

    #[test]
    fn mode_parses() {
        assert_eq!("auto".parse::<Mode>().ok(), Some(Mode::Auto));
        assert_eq!("Always".parse::<Mode>().ok(), Some(Mode::Always));
        assert!("x".parse::<Mode>().is_err());
    }

    #[test]
    fn bad_model_is_an_error() {
        assert!(matches!(
            Repairer::from_bytes(b"nope"),
            Err(RepairError::BadModel(_))
        ));
        let mut v = lm::MAGIC.to_vec();
        v.extend_from_slice(&99u32.to_le_bytes());
        assert!(matches!(
            Repairer::from_bytes(&v),
            Err(RepairError::Version { .. })
        ));
        let mut v = lm::MAGIC.to_vec();
        v.extend_from_slice(&lm::VERSION.to_le_bytes());
        v.extend_from_slice(b"VOCB\xff\xff\xff\xff\x00\x00\x00\x00");
        assert!(Repairer::from_bytes(&v).is_err());
    }

    #[test]
    fn doc_numbers() {
        assert_eq!(
            fix_doc_number("464/0P-UBND").as_deref(),
            Some("464/QĐ-UBND")
        );
        assert_eq!(
            fix_doc_number("3401/QB-UBND").as_deref(),
            Some("3401/QĐ-UBND")
        );
        assert_eq!(
            fix_doc_number("118/2025/ND-CP").as_deref(),
            Some("118/2025/NĐ-CP")
        );
        assert_eq!(fix_doc_number("76/NQ-CP"), None);
    }

    #[test]
    fn learned_codes_get_their_d_back() {
        let r = Repairer::embedded().expect("model");
        let out = r.repair_line(
            "Von NSDP va von DTXD (VND) theo Van ban so 15/BCD-UBND",
            Mode::Always,
        );
        assert_eq!(
            out.text,
            "Vốn NSĐP và vốn ĐTXD (VNĐ) theo Văn bản số 15/BCĐ-UBND"
        );
        // a code with no marked form in training, and a syllable, stay as written
        let out = r.repair_line("Don vi tinh: USD; TO CHUC", Mode::Always);
        assert_eq!(out.text, "Đơn vị tính: USD; TỔ CHỨC");
    }
}
