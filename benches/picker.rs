//! How fast `parley DIR` lists a folder: 200 briefings, each a copy of the
//! shipped one (60 KB, 5 articles verified by rule 10) with its own title
//! and `as_of`, read, checked and summarised in list order
//! (`briefing::rounds::list`, what the picker waits for). The peer in the
//! same run is reading the same 200 files and doing nothing with them, the
//! floor any listing stands on. The goal (issue 11) is under 300 ms.
//!
//! `cargo bench --bench picker -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use parley::briefing::EMBEDDED_TEXT;
use parley::briefing::load::DEFAULT_MAX_BYTES;
use parley::briefing::rounds::list;

const BRIEFINGS: usize = 200;
const SHIPPED_TITLE: &str = "title = \"Trilateral Russia-US-Ukraine security talks, Abu Dhabi\"";
const SHIPPED_AS_OF: &str = "as_of = 2026-01-23";

/// A folder of `BRIEFINGS` copies of the shipped briefing, beside the
/// articles their `text_file`s name.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let articles = dir.path().join("abu-dhabi-2026-01");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(shipped.join("abu-dhabi-2026-01")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
    }
    assert!(EMBEDDED_TEXT.contains(SHIPPED_TITLE) && EMBEDDED_TEXT.contains(SHIPPED_AS_OF));
    for i in 0..BRIEFINGS {
        let text = EMBEDDED_TEXT
            .replacen(
                SHIPPED_TITLE,
                &format!("title = \"Talks in series {}, round {}\"", i % 7, i / 7),
                1,
            )
            .replacen(
                SHIPPED_AS_OF,
                &format!("as_of = 2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                1,
            );
        std::fs::write(dir.path().join(format!("round-{i:03}.toml")), text).unwrap();
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = folder();
    let listed = list(dir.path(), DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(listed.len(), BRIEFINGS);
    assert!(
        listed.iter().all(|s| s.facts().is_some()),
        "every copy is valid"
    );
    let mut group = c.benchmark_group("picker");
    group.sample_size(10);
    group.bench_function("list 200 briefings", |b| {
        b.iter(|| list(black_box(dir.path()), DEFAULT_MAX_BYTES).unwrap())
    });
    group.bench_function("read the same 200 files (peer)", |b| {
        b.iter(|| {
            let files = parley::briefing::folder::briefings_in(dir.path()).unwrap();
            files
                .briefings
                .iter()
                .map(|path| std::fs::read(path).unwrap().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
