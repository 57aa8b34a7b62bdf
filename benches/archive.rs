//! Throughput on a sample of the generated archive (crates/archive-gen, seed 1): the floor
//! (decode + NFC), convert without repair and convert with repair `auto`, in one process, one
//! thread. The whole-command figures (5,000 files, 1 and 2 threads, aggregate, peak memory) come
//! from `benches/archive.sh`.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sohoa_pipeline::{Converter, Options, RepairMode};

const FILES: usize = 60;

fn archive(c: &mut Criterion) {
    let files = sohoa_archive_gen::generate(FILES, 1);
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let never = Converter::new(Options {
        repair: RepairMode::Never,
        ..Options::default()
    })
    .expect("converter");
    let auto = Converter::new(Options::default()).expect("model loads");
    let mut g = c.benchmark_group("archive60");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("floor_decode_nfc", |b| {
        b.iter(|| {
            for f in &files {
                std::hint::black_box(sohoa_text::decode(&f.bytes, None).ok());
            }
        })
    });
    g.bench_function("convert_repair_never", |b| {
        b.iter(|| {
            for f in &files {
                std::hint::black_box(never.convert_bytes(&f.path, &f.bytes).ok());
            }
        })
    });
    g.bench_function("convert_repair_auto", |b| {
        b.iter(|| {
            for f in &files {
                std::hint::black_box(auto.convert_bytes(&f.path, &f.bytes).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, archive);
criterion_main!(benches);
