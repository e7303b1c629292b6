//! Rule 10's speed: 5,000 quotes checked against one 5 MB text
//! (`benches/verify_data.rs`), the case issue 14 set a goal of under a
//! second for; and a hostile case, quotes nested in one another over a
//! text of one repeated word, which must stay bounded too. Folding the text and one pass of an Aho-Corasick automaton
//! over it do the work; the closest passage of the quotes not found is
//! part of the figure.
//!
//! `cargo bench --bench verify -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parley::briefing::verbatim::SourceText;

#[path = "verify_data.rs"]
mod verify_data;

fn bench(c: &mut Criterion) {
    let text = verify_data::article(5_000_000, 7);
    let quotes = verify_data::quotes(&text, 5_000, 11);
    let mut group = c.benchmark_group("verify");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("5000 quotes against 5 MB", |b| {
        b.iter(|| {
            let answers = SourceText::new(black_box(&text)).verify(black_box(&quotes));
            assert_eq!(answers.iter().filter(|a| a.is_err()).count(), 100);
            answers
        })
    });
    // Quotes nested in one another over a text of one repeated word, with
    // one never found: every place matches every quote that fits there.
    let repeated = "a ".repeat(500_000);
    let mut nested: Vec<String> = (1..=1_000)
        .map(|n| "a ".repeat(n).trim_end().to_string())
        .collect();
    nested.push("b".into());
    group.throughput(Throughput::Bytes(repeated.len() as u64));
    group.bench_function("1000 nested quotes against 1 MB of one word", |b| {
        b.iter(|| SourceText::new(black_box(&repeated)).verify(black_box(&nested)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
