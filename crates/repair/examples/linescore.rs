//! Score lines as the decoder's model reads them (development aid): for each input line
//! `gold<US>hypothesis` (unit separator 0x1F), print the language model + case model log10 score of both and which
//! the model prefers. Lines are split into sentences and phrase breaks as in training.
use std::io::BufRead;

use sohoa_repair::lm::{Lm, BOS, COMMA, EOS};
use sohoa_repair::syllable::{case_of, Case};
use sohoa_repair::token::tokens;
use sohoa_repair::train::{read_line, Read, Vocab};

fn score(lm: &Lm, vocab: &Vocab, line: &str) -> (f32, f32) {
    let toks: Vec<_> = tokens(line)
        .into_iter()
        .filter(|t| !t.core.is_empty())
        .collect();
    let (mut u, mut v) = (BOS, BOS);
    let (mut lmp, mut casep) = (0.0f32, 0.0f32);
    read_line(vocab, &toks, |step| match step {
        Read::Word { id, core, case } => {
            lmp += lm.logp(u, v, id);
            (u, v) = (v, id);
            let c = case_of(core);
            if let Some(in_name) = case.filter(|_| c != Case::Upper) {
                casep += lm.case_logp(id, c == Case::Title, in_name);
            }
        }
        Read::SentenceEnd => {
            lmp += lm.logp(u, v, EOS);
            (u, v) = (BOS, BOS);
        }
        Read::PhraseBreak => {
            lmp += lm.logp(u, v, COMMA);
            (u, v) = (v, COMMA);
        }
    });
    (lmp, casep)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read("crates/repair/data/model.bin")?;
    let (lm, _) = Lm::read(&bytes)?;
    let vocab = Vocab::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Some((g, h)) = line.split_once('\u{1f}') else {
            continue;
        };
        let (gl, gc) = score(&lm, &vocab, g);
        let (hl, hc) = score(&lm, &vocab, h);
        let d = (gl + gc) - (hl + hc);
        println!(
            "{} {d:7.2} lm {:6.2} case {:6.2} | {}",
            if d >= 0.0 { "GOLD" } else { "HYP " },
            gl - hl,
            gc - hc,
            g.trim()
        );
    }
    Ok(())
}
