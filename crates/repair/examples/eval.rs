//! Measurement harness and model builder for the repair engine.
//!
//! ```text
//! cargo run --release -p sohoa-repair --example eval -- --shared ../shared [--write MODEL] [--no-folds]
//! ```
//! (a) accent-stripped text, leave one seed out (the model is retrained without it), plus the
//!     held-out documents of `shared/dev` under the full model;
//! (b) tesseract English-model OCR of the same seeds (line-aligned pairs) against gold,
//!     leave one out for both LM and channel;
//! (c) clean text in `auto` mode: share of tokens left unchanged.
//! With `--write`, the full model (all seeds) is written there: the same bytes `sohoa train`
//! writes with its defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sohoa_repair::channel::Channel;
use sohoa_repair::syllable::strip_marks;
use sohoa_repair::train::{self, Counts, Vocab};
use sohoa_repair::{Mode, Repairer};
use unicode_normalization::UnicodeNormalization;

const SEEDS: [&str; 4] = [
    "an-lao-2025h2",
    "an-bien-2026-2030",
    "tue-tinh-2025h2",
    "ngoc-lien-2025",
];

use sohoa_repair::eval::{matched as matches, tokens as toks};

#[derive(Default, Clone, Copy)]
struct Acc {
    ok: usize,
    raw_ok: usize,
    n: usize,
}

impl Acc {
    fn add(&mut self, o: Acc) {
        self.ok += o.ok;
        self.raw_ok += o.raw_ok;
        self.n += o.n;
    }
    fn pct(&self) -> f64 {
        100.0 * self.ok as f64 / self.n.max(1) as f64
    }
    fn raw(&self) -> f64 {
        100.0 * self.raw_ok as f64 / self.n.max(1) as f64
    }
}

fn run(r: &Repairer, lines: &[String]) -> Vec<sohoa_repair::LineRepair> {
    if std::env::var_os("REPAIR_PER_LINE").is_some() {
        lines.iter().map(|l| r.repair_line(l, Mode::Auto)).collect()
    } else {
        r.repair_lines(lines, Mode::Auto)
    }
}

fn eval_stripped(r: &Repairer, gold: &str) -> Acc {
    let mut a = Acc::default();
    let inputs: Vec<String> = gold.lines().map(strip_marks).collect();
    let outs = run(r, &inputs);
    for ((line, input), out) in gold.lines().zip(&inputs).zip(outs) {
        let input = input.as_str();
        let out = out.text;
        let g = toks(line);
        let h = toks(&out);
        let i = toks(input);
        a.n += g.len();
        a.ok += g.iter().zip(&h).filter(|(x, y)| x == y).count();
        if std::env::var_os("REPAIR_ERRS").is_some() {
            for (x, y) in g.iter().zip(&h).filter(|(x, y)| x != y) {
                eprintln!("ERR-A\t{x}\t{y}");
            }
            if g.iter().zip(&h).any(|(x, y)| x != y) {
                eprintln!("LINE-G\t{line}\nLINE-H\t{out}");
            }
        }
        a.raw_ok += g.iter().zip(&i).filter(|(x, y)| x == y).count();
    }
    a
}

fn eval_ocr(r: &Repairer, pairs: &[(String, String)]) -> Acc {
    let mut a = Acc::default();
    let inputs: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
    let outs = run(r, &inputs);
    for ((gold, ocr), out) in pairs.iter().zip(outs) {
        let out = out.text;
        let g = toks(gold);
        a.n += g.len();
        a.ok += matches(&g, &toks(&out));
        if std::env::var_os("REPAIR_ERRS").is_some() {
            eprintln!("ERR-B\t{gold}\t{ocr}\t{out}");
        }
        a.raw_ok += matches(&g, &toks(ocr));
    }
    a
}

fn eval_clean(r: &Repairer, gold: &str) -> Acc {
    let mut a = Acc::default();
    let lines: Vec<String> = gold.lines().map(String::from).collect();
    for out in run(r, &lines) {
        a.n += out.tokens;
        a.ok += out.tokens - out.edits.len();
        a.raw_ok += out.tokens;
    }
    a
}

fn read(p: &Path) -> String {
    let b = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    String::from_utf8_lossy(&b).nfc().collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let shared = PathBuf::from(opt("--shared").unwrap_or_else(|| "../shared".into()));
    let write = opt("--write").map(PathBuf::from);
    let folds = !args.iter().any(|a| a == "--no-folds");
    let num = |k: &str, d: u32| opt(k).and_then(|v| v.parse().ok()).unwrap_or(d);
    let plan_weight = num("--plan-weight", 4);
    let min_tri = num("--min-tri", 1);
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gaz = read(&here.join("data/gazetteer.tsv"));
    let pairs_path = here.join("data/ocr-pairs-eng.jsonl");

    // pairs by doc (eng and deg_eng); the (b) test set is the clean-scan eng mode
    let mut pairs: Vec<(String, String, String, String)> = Vec::new();
    for line in read(&pairs_path).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        pairs.push((s("doc"), s("mode"), s("gold"), s("ocr")));
    }

    let t0 = Instant::now();
    let vocab = Vocab::new();
    let mut base = Counts::default();
    let corpus = train::expand(&[shared.join("corpus/laws"), shared.join("corpus/gazette")])
        .expect("corpus");
    for f in &corpus {
        base.add_text(&vocab, &read(f), 1);
    }
    base.add_text(&vocab, &train::gazetteer_text(&gaz), plan_weight);
    base.add_text(
        &vocab,
        &train::former_units_text(&gaz),
        train::FORMER_UNIT_WEIGHT,
    );
    eprintln!(
        "corpus counted: {} files, {} trigrams, {:.1}s",
        corpus.len(),
        base.len(),
        t0.elapsed().as_secs_f64()
    );
    let seed_text: Vec<String> = SEEDS
        .iter()
        .map(|s| read(&shared.join("seeds").join(format!("{s}.txt"))))
        .collect();
    let seed_counts: Vec<Counts> = seed_text
        .iter()
        .map(|t| {
            let mut c = Counts::default();
            c.add_text(&vocab, t, plan_weight);
            c
        })
        .collect();
    let build = |skip: Option<usize>| -> Repairer {
        let mut c = base.clone();
        for (i, s) in seed_counts.iter().enumerate() {
            if Some(i) != skip {
                c.merge(s);
            }
        }
        let parts = train::build_lm(&vocab, &c, min_tri);
        let held = skip.map(|i| SEEDS[i]);
        let ch = Channel::learn(
            pairs
                .iter()
                .filter(|p| held.is_none_or(|h| !p.0.starts_with(h)))
                .map(|p| (p.2.as_str(), p.3.as_str())),
        );
        let bytes = train::model_bytes(&parts, &ch, &c.codes(), "eval");
        Repairer::from_bytes(&bytes).expect("fresh model loads")
    };

    let mut rows: BTreeMap<&str, (Acc, Acc, Acc)> = BTreeMap::new();
    if folds {
        for (i, s) in SEEDS.iter().enumerate() {
            let t = Instant::now();
            let r = build(Some(i));
            let bt = t.elapsed().as_secs_f64();
            let a = eval_stripped(&r, &seed_text[i]);
            let ocr: Vec<(String, String)> = pairs
                .iter()
                .filter(|p| p.0.starts_with(s) && p.1 == "eng")
                .map(|p| (p.2.clone(), p.3.clone()))
                .collect();
            let b = eval_ocr(&r, &ocr);
            let c = eval_clean(&r, &seed_text[i]);
            eprintln!(
                "{s}: (a) {:.2}% (b) {:.2}% (raw {:.2}%) (c) {:.3}%  [build {bt:.1}s, total {:.1}s]",
                a.pct(),
                b.pct(),
                b.raw(),
                c.pct(),
                t.elapsed().as_secs_f64()
            );
            rows.insert(s, (a, b, c));
        }
    }
    let full = build(None);
    let mut dev_files: Vec<PathBuf> = std::fs::read_dir(shared.join("dev"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dev_files.sort();
    for f in &dev_files {
        let text = read(f);
        let a = eval_stripped(&full, &text);
        let c = eval_clean(&full, &text);
        let name: &str = Box::leak(
            f.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
                .into_boxed_str(),
        );
        eprintln!("dev {name}: (a) {:.2}% (c) {:.3}%", a.pct(), c.pct());
        rows.insert(name, (a, Acc::default(), c));
    }
    println!("| document | tokens | (a) stripped input | (a) repaired | (b) tokens | (b) raw OCR | (b) repaired | (c) unchanged |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let (mut ta, mut tb, mut tc) = (Acc::default(), Acc::default(), Acc::default());
    let (mut sa, mut da) = (Acc::default(), Acc::default());
    for (k, (a, b, c)) in &rows {
        let bcol = if b.n > 0 {
            format!("{} | {:.2} % | {:.2} %", b.n, b.raw(), b.pct())
        } else {
            "– | – | –".into()
        };
        println!(
            "| {k} | {} | {:.2} % | {:.2} % | {bcol} | {:.3} % |",
            a.n,
            a.raw(),
            a.pct(),
            c.pct()
        );
        ta.add(*a);
        tb.add(*b);
        tc.add(*c);
        if SEEDS.contains(k) {
            sa.add(*a);
        } else {
            da.add(*a);
        }
    }
    println!(
        "| **all** | {} | {:.2} % | **{:.2} %** | {} | {:.2} % | **{:.2} %** | **{:.3} %** |",
        ta.n,
        ta.raw(),
        ta.pct(),
        tb.n,
        tb.raw(),
        tb.pct(),
        tc.pct()
    );
    println!(
        "\n(a) seeds (leave-one-out) {:.2} %, dev (held out) {:.2} %",
        sa.pct(),
        da.pct()
    );
    let (v, b, t) = full.sizes();
    eprintln!("full model: vocab {v}, bigrams {b}, trigrams {t}");
    if let Some(p) = write {
        let mut c = base.clone();
        for s in &seed_counts {
            c.merge(s);
        }
        let parts = train::build_lm(&vocab, &c, min_tri);
        let all: Vec<(String, String)> = pairs.iter().map(|p| (p.2.clone(), p.3.clone())).collect();
        let ch = Channel::learn(all.iter().map(|(g, o)| (g.as_str(), o.as_str())));
        let bytes = train::model_bytes(&parts, &ch, &c.codes(), "eval --write");
        std::fs::write(&p, &bytes).expect("write model");
        eprintln!("wrote {} ({} bytes)", p.display(), bytes.len());
    }
    eprintln!("total {:.1}s", t0.elapsed().as_secs_f64());
}
