//! Throughput of the repair engine on accent-stripped plan text (syllables per second).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sohoa_repair::{syllable::strip_marks, Mode, Repairer};

const CLEAN: &str = include_str!("../../../fixtures/repair/clean.txt");
const OCR: &str = include_str!("../../../fixtures/repair/lai-khe-head-ocr.txt");

fn bench(c: &mut Criterion) {
    let r = Repairer::embedded().expect("committed model loads");
    let stripped = strip_marks(CLEAN);
    let syllables = stripped.split_whitespace().count() as u64;
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    g.throughput(Throughput::Elements(syllables));
    g.bench_function("accent_stripped", |b| {
        b.iter(|| std::hint::black_box(r.repair_text(&stripped, Mode::Always)))
    });
    g.throughput(Throughput::Elements(OCR.split_whitespace().count() as u64));
    g.bench_function("ocr_eng", |b| {
        b.iter(|| std::hint::black_box(r.repair_text(OCR, Mode::Auto)))
    });
    g.bench_function("clean_auto", |b| {
        b.iter(|| std::hint::black_box(r.repair_text(CLEAN, Mode::Auto)))
    });
    g.finish();
    c.bench_function("load_model", |b| {
        b.iter(|| std::hint::black_box(Repairer::embedded().expect("loads")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
