//! Print the language model's log10 probability of each word of lines given on stdin
//! (development aid: why does the decoder prefer one reading over another?).
use std::io::BufRead;

use sohoa_repair::lm::{Lm, BOS, EOS};
use sohoa_repair::train::Vocab;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read("crates/repair/data/model.bin")?;
    let (lm, _) = Lm::read(&bytes)?;
    let vocab = Vocab::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (mut u, mut v) = (BOS, BOS);
        let mut total = 0.0f32;
        let mut parts = Vec::new();
        for w in line.split_whitespace() {
            let id = vocab.classify(w);
            let p = lm.logp(u, v, id);
            total += p;
            parts.push(format!("{w}:{p:.2}"));
            (u, v) = (v, id);
        }
        let p = lm.logp(u, v, EOS);
        total += p;
        println!("{total:8.2}  {} </s>:{p:.2}", parts.join(" "));
    }
    Ok(())
}
