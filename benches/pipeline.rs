//! Throughput of the whole text pipeline (decode → clean-up → segment → extract) on the seeds.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sohoa_pipeline::{Converter, Options, RepairMode};

const SEEDS: [(&str, &[u8]); 4] = [
    (
        "an-lao",
        include_bytes!("../fixtures/seeds/an-lao-2025h2.txt"),
    ),
    (
        "an-bien",
        include_bytes!("../fixtures/seeds/an-bien-2026-2030.txt"),
    ),
    (
        "tue-tinh",
        include_bytes!("../fixtures/seeds/tue-tinh-2025h2.txt"),
    ),
    (
        "ngoc-lien",
        include_bytes!("../fixtures/seeds/ngoc-lien-2025.txt"),
    ),
];

fn convert(c: &mut Criterion) {
    let conv = Converter::new(Options {
        repair: RepairMode::Never,
        ..Options::default()
    })
    .expect("converter");
    let with_repair = Converter::new(Options::default()).expect("model loads");
    let mut g = c.benchmark_group("convert");
    let total: usize = SEEDS.iter().map(|s| s.1.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("four_seeds", |b| {
        b.iter(|| {
            for (name, bytes) in SEEDS {
                let doc = conv.convert_bytes(name, bytes).expect("seed converts");
                std::hint::black_box(doc);
            }
        })
    });
    g.bench_function("four_seeds_repair_auto", |b| {
        b.iter(|| {
            for (name, bytes) in SEEDS {
                let doc = with_repair
                    .convert_bytes(name, bytes)
                    .expect("seed converts");
                std::hint::black_box(doc);
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("four_seeds_nfc", |b| {
        b.iter(|| {
            for (_, bytes) in SEEDS {
                std::hint::black_box(sohoa_text::decode(bytes, None).expect("decodes"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, convert);
criterion_main!(benches);
