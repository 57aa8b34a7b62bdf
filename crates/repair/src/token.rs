//! Splitting a line into whitespace tokens, each with leading punctuation, a core and
//! trailing punctuation.

/// One whitespace token of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the core in the line.
    pub core_byte: usize,
    /// 1-based char column of the core in the line.
    pub column: usize,
    /// Leading punctuation.
    pub lead: &'a str,
    /// The word itself (may be empty for pure punctuation).
    pub core: &'a str,
    /// Trailing punctuation.
    pub trail: &'a str,
}

/// Characters that belong to a word core: letters, digits and the OCR stand-ins for letters.
pub fn is_core_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '&' | '¢' | '€' | '§' | '@' | '$' | '£' | '¥' | '©' | '®')
}

/// Punctuation that ends a sentence, at the end of a line or before a capital.
pub const SENTENCE_END: [char; 6] = ['.', ';', ':', '!', '?', '…'];

/// True if a sentence ends between a token with this trailing punctuation and the next token,
/// whose core is `next_core`: one of [`SENTENCE_END`] after it and a capital letter next
/// ("chặt chẽ. Nguyên nhân"). The model is trained and the decoder reads with this rule.
pub fn sentence_break(trail: &str, next_core: &str) -> bool {
    trail.contains(SENTENCE_END) && next_core.chars().next().is_some_and(char::is_uppercase)
}

/// True if the model reads a phrase break (`<,>`) after a token with this trailing punctuation,
/// before a token with leading punctuation `next_lead`, where no sentence ends
/// ([`sentence_break`]): a comma, a semicolon or colon before a lowercase word ("như sau: hiện
/// tượng"), or an opening parenthesis ("chặt chẽ (kể cả"). The words on either side of a comma
/// are often not one phrase ("khu công nghiệp, nâng tổng số"), so the trigram model reads the
/// break as a word of its own. Measured with `examples/eval.rs`: the comma (a) +0.01, (b) +0.04
/// points; a comma read as a sentence end instead loses 0.11 points on (a); the opening
/// parenthesis (a) +0.01 (271 wrong instead of 275), (b) +0.01; a closing one as well: no
/// better; a closing one alone: −0.01; opening quotes as well: no change.
pub fn phrase_break(trail: &str, next_lead: &str) -> bool {
    trail.contains([',', ';', ':']) || next_lead.contains('(')
}

/// True if the case of the token after one with this trailing punctuation says nothing about
/// names: it follows a sentence end or a list marker (`a)`). The case model is counted in
/// training and applied in decoding with this rule.
pub fn resets_case(trail: &str) -> bool {
    trail.contains(['.', ';', ':', '!', '?', ')'])
}

/// True if the letter case of token `i` of a line says something about names: it is not the
/// line's first token and does not follow [`resets_case`] punctuation (`trail(k)`: the trailing
/// punctuation of token `k`). The case model is counted in training and applied in decoding
/// where this holds.
pub fn case_informative<'a>(i: usize, trail: impl Fn(usize) -> &'a str) -> bool {
    i > 0 && !resets_case(trail(i - 1))
}

/// True if token `i` follows a capital inside a name ("Hoàng Văn"): the token before it is
/// capitalised (`title(k)`) and its case is [`case_informative`].
pub fn after_name_capital<'a>(
    i: usize,
    trail: impl Fn(usize) -> &'a str,
    title: impl Fn(usize) -> bool,
) -> bool {
    i > 0 && case_informative(i - 1, trail) && title(i - 1)
}

/// Tokens of a line (whitespace-separated).
pub fn tokens<'a>(line: &'a str) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, col)
    let push = |s: usize, scol: usize, e: usize, out: &mut Vec<Token<'a>>| {
        let word = &line[s..e];
        let cs = word.find(is_core_char);
        match cs {
            None => out.push(Token {
                core_byte: e,
                column: scol + word.chars().count() + 1,
                lead: word,
                core: "",
                trail: "",
            }),
            Some(cs) => {
                let ce = word
                    .char_indices()
                    .rev()
                    .find(|(_, c)| is_core_char(*c))
                    .map(|(i, c)| i + c.len_utf8())
                    .unwrap_or(word.len());
                out.push(Token {
                    core_byte: s + cs,
                    column: scol + word[..cs].chars().count() + 1,
                    lead: &word[..cs],
                    core: &word[cs..ce],
                    trail: &word[ce..],
                });
            }
        }
    };
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((s, scol)) = start.take() {
                push(s, scol, i, &mut out);
            }
        } else if start.is_none() {
            start = Some((i, col));
        }
    }
    if let Some((s, scol)) = start {
        push(s, scol, line.len(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentence_break;

    #[test]
    fn sentence_breaks() {
        assert!(sentence_break(".", "Nguyên"));
        assert!(sentence_break(";", "Đối"));
        assert!(!sentence_break(":", "hoạt"));
        assert!(!sentence_break(",", "Hà"));
        assert!(!sentence_break("", "Nam"));
    }

    #[test]
    fn phrase_breaks() {
        assert!(super::phrase_break(",", ""));
        assert!(super::phrase_break("", "("));
        assert!(!super::phrase_break(")", ""));
        assert!(!super::phrase_break("", "“"));
    }

    use super::*;
    #[test]
    fn splits() {
        let t = tokens("  (Kém theo X&) ¢) -");
        assert_eq!(t.len(), 5);
        assert_eq!((t[0].lead, t[0].core, t[0].column), ("(", "Kém", 4));
        assert_eq!((t[2].core, t[2].trail), ("X&", ")"));
        assert_eq!(t[3].core, "¢");
        assert_eq!(t[4].core, "");
    }
}
