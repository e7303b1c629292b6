//! Search speed on synthetic archives of 1k, 10k and 100k quotes of 8 to 48
//! words (`examples/gen_archive.rs`): building the index, whole queries, and
//! a query typed one key at a time the way the dashboard runs it (a query
//! that narrows the previous one searches only its hits).
//!
//! `cargo bench --bench search`; after criterion's figures it prints the
//! per-keystroke latencies (median, p95, worst) of the typing runs. The
//! `query` group times `Query::narrows` on queries of 8 and 64 terms (64
//! is the most a query may have; a linear check grows 8 times, a quadratic
//! one 64) and the refusal of a 1 MB paste.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parley::briefing::{Briefing, Document, load};
use parley::search::{Hit, Index, MAX_TERMS, Order, Query};

#[path = "../examples/support/archive.rs"]
mod gen_archive;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Whole queries: name and text.
const QUERIES: [(&str, &str); 7] = [
    ("word", "negotiations"),
    ("words", "security guarantees"),
    ("filter", "@ru ceasefire"),
    ("fuzzy", "negotiatons"),
    ("fuzzy_words", "security guarantes"),
    ("typos", "negotaitions"),
    ("letters_left_out", "ngtns"),
];

/// Typed one key at a time: words, misspelt words (the fuzzy fallback: a
/// letter missing, two transposed), and a capital letter (case-sensitive).
const TYPED: [&str; 4] = [
    "security guarantees",
    "reconstruction negotiatons",
    "reconstruction negotaitions",
    "Security guarantees",
];

fn archive(quotes: usize) -> Briefing {
    let document = Document {
        name: format!("archive-{quotes}.toml"),
        text: gen_archive::archive(quotes, gen_archive::SEED),
        dir: None,
    };
    load(&document)
        .expect("the generated archive is valid")
        .briefing
}

/// Types `text` into a search line, as the dashboard does; returns each
/// keystroke's time.
fn type_query(index: &Index, text: &str) -> Vec<Duration> {
    let cancel = AtomicBool::new(false);
    let mut previous = Query::parse("").unwrap();
    let mut hits: Vec<Hit> = Vec::new();
    let mut times = Vec::with_capacity(text.len());
    for end in (1..=text.len()).filter(|&end| text.is_char_boundary(end)) {
        let started = Instant::now();
        let query = Query::parse(&text[..end]).unwrap();
        hits = if !previous.is_empty() && query.narrows(&previous) {
            let within: Vec<usize> = hits.iter().map(|h| h.quote).collect();
            index.search_within(&query, Order::Relevance, &within, &cancel)
        } else {
            index.search(&query, Order::Relevance, &cancel)
        }
        .expect("not cancelled");
        times.push(started.elapsed());
        previous = query;
    }
    black_box(hits);
    times
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// `count` words, and the same with one more letter typed at the end.
fn typed_queries(count: usize) -> (Query, Query) {
    let words: Vec<String> = (0..count).map(|i| format!("word{i}")).collect();
    let text = words.join(" ");
    let parse = |text: &str| Query::parse(text).expect("within the term limit");
    (parse(&text), parse(&format!("{text}x")))
}

fn query_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("query");
    for count in [8, MAX_TERMS] {
        let (previous, next) = typed_queries(count);
        group.bench_function(format!("narrows/{count}_terms"), |b| {
            b.iter(|| black_box(&next).narrows(black_box(&previous)))
        });
    }
    let paste = "word | ".repeat(1 << 20 >> 3);
    group.bench_function("refuse_1mb_paste", |b| {
        b.iter(|| Query::parse(black_box(&paste)).is_err())
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    query_benches(c);
    let cancel = AtomicBool::new(false);
    let mut keystrokes = Vec::new();
    for quotes in SIZES {
        let briefing = Arc::new(archive(quotes));
        let mut group = c.benchmark_group(format!("{}k", quotes / 1000));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        group.bench_function("index", |b| b.iter(|| Index::new(Arc::clone(&briefing))));
        let index = Index::new(Arc::clone(&briefing));
        for (name, text) in QUERIES {
            let query = Query::parse(text).unwrap();
            group.bench_function(name, |b| {
                b.iter(|| index.search(&query, Order::Relevance, &cancel))
            });
        }
        for text in TYPED {
            group.throughput(Throughput::Elements(text.len() as u64));
            let name = format!("typing/{}", text.replace(' ', "_"));
            group.bench_function(name, |b| b.iter(|| type_query(&index, text)));
        }
        group.finish();
        for text in TYPED {
            let mut times: Vec<Duration> = (0..10).flat_map(|_| type_query(&index, text)).collect();
            times.sort();
            keystrokes.push(format!(
                "{:>4}k  {text:<28} per keystroke: median {:?}, p95 {:?}, worst {:?}",
                quotes / 1000,
                percentile(&times, 0.5),
                percentile(&times, 0.95),
                times[times.len() - 1],
            ));
        }
    }
    println!("\nTyping, one key at a time (10 runs each):");
    keystrokes.iter().for_each(|line| println!("{line}"));
}

criterion_group!(search, benches);
criterion_main!(search);
