//! Syllable accuracy: how many whitespace tokens of a gold text a hypothesis gets right.
//!
//! Tokens are compared exactly (case-sensitive, punctuation attached), except that a Vietnamese
//! syllable's two tone-placement styles are equal (`hoá` = `hóa`). The tokens are aligned in
//! order (longest common subsequence), so a missing or extra token costs only itself. This is
//! the measure the README's repair and OCR numbers use.

use crate::syllable::{apply_case, canonical, case_of};

/// Checks the repair's contract on one line and its repaired text: no line break added, the
/// whitespace tokens kept one for one, numbers (tokens of 3 characters or more made of digits
/// and `.,/-:%`: dates, amounts, document numbers) unchanged, and no digit invented or turned
/// into another digit (the output's digits are a subsequence of the input's: an OCR digit inside
/// a word may become the letter it stands for, "th0ng" → "thông"). The property tests and the
/// fuzz target both hold the repair to it; the error says which rule broke.
pub fn check_line_contract(line: &str, repaired: &str) -> Result<(), String> {
    if repaired.contains('\n') {
        return Err(format!("a line break was added: {line:?} → {repaired:?}"));
    }
    let a: Vec<&str> = line.split_whitespace().collect();
    let b: Vec<&str> = repaired.split_whitespace().collect();
    if a.len() != b.len() {
        return Err(format!(
            "tokens not kept one for one: {line:?} → {repaired:?}"
        ));
    }
    let is_number = |t: &str| {
        t.chars().count() >= 3
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':' | '%'))
    };
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| is_number(x) && x != y) {
        return Err(format!("a number was changed: {x:?} → {y:?} in {line:?}"));
    }
    let mut src = line.chars().filter(char::is_ascii_digit);
    if !repaired
        .chars()
        .filter(char::is_ascii_digit)
        .all(|d| src.any(|s| s == d))
    {
        return Err(format!(
            "digits invented or changed: {line:?} → {repaired:?}"
        ));
    }
    Ok(())
}

/// A token with its tone placement made canonical (`hoá` → `hóa`), leading and trailing
/// punctuation kept.
pub fn normalize_token(t: &str) -> String {
    let toks = crate::token::tokens(t);
    let Some(tk) = toks.first() else {
        return t.to_string();
    };
    let lower = tk.core.to_lowercase();
    match canonical(&lower) {
        Some(c) => format!(
            "{}{}{}",
            tk.lead,
            apply_case(&c, case_of(tk.core)),
            tk.trail
        ),
        None => t.to_string(),
    }
}

/// The whitespace tokens of `s`, normalised with [`normalize_token`].
pub fn tokens(s: &str) -> Vec<String> {
    s.split_whitespace().map(normalize_token).collect()
}

/// The number of tokens in an order-preserving alignment of `gold` and `hyp` that are equal
/// (the length of their longest common subsequence; memory linear in `hyp`).
pub fn matched(gold: &[String], hyp: &[String]) -> usize {
    let mut prev = vec![0usize; hyp.len() + 1];
    let mut cur = vec![0usize; hyp.len() + 1];
    for g in gold {
        for (j, h) in hyp.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(g == h)).max(prev[j + 1]).max(cur[j]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[hyp.len()]
}

/// Syllable accuracy of a hypothesis text against a gold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accuracy {
    /// Gold tokens matched.
    pub matched: usize,
    /// Gold tokens.
    pub gold: usize,
    /// Hypothesis tokens.
    pub hyp: usize,
}

impl Accuracy {
    /// Matched gold tokens in percent (100 for an empty gold text and an empty hypothesis).
    pub fn percent(&self) -> f64 {
        if self.gold == 0 {
            return if self.hyp == 0 { 100.0 } else { 0.0 };
        }
        100.0 * self.matched as f64 / self.gold as f64
    }
}

/// The syllable accuracy of `hyp` against `gold` (whole texts; line breaks do not matter).
pub fn syllable_accuracy(gold: &str, hyp: &str) -> Accuracy {
    let g = tokens(gold);
    let h = tokens(hyp);
    Accuracy {
        matched: matched(&g, &h),
        gold: g.len(),
        hyp: h.len(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_contract() {
        use super::check_line_contract as c;
        assert!(c("Quyét dinh s6 464/0P-UBND", "Quyết định số 464/QĐ-UBND").is_ok());
        assert!(c("th0ng", "thông").is_ok());
        assert!(c("a b", "a\nb").is_err());
        assert!(c("a b", "ab").is_err());
        assert!(c("ngày 31/7/2025", "ngày 31/7/2026").is_err());
        assert!(c("s6", "s7").is_err());
    }

    use super::*;

    #[test]
    fn exact_text_is_100() {
        let a = syllable_accuracy("Cải cách hành chính.", "Cải  cách\nhành chính.");
        assert_eq!((a.matched, a.gold, a.hyp), (4, 4, 4));
        assert_eq!(a.percent(), 100.0);
    }

    #[test]
    fn tone_placement_styles_are_equal_case_and_marks_are_not() {
        let a = syllable_accuracy("hóa thủy", "hoá thuỷ");
        assert_eq!(a.matched, 2);
        let b = syllable_accuracy("Hóa hoa", "hóa hóa");
        assert_eq!(b.matched, 0);
    }

    #[test]
    fn missing_and_extra_tokens_cost_only_themselves() {
        let a = syllable_accuracy("một hai ba bốn", "một ba bốn năm");
        assert_eq!((a.matched, a.gold, a.hyp), (3, 4, 4));
        assert_eq!(a.percent(), 75.0);
        assert_eq!(syllable_accuracy("", "").percent(), 100.0);
        assert_eq!(syllable_accuracy("", "x").percent(), 0.0);
    }
}
