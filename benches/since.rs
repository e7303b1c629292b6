//! What `--since` costs on synthetic archives of 10k and 100k quotes
//! (`examples/support/archive.rs`): the comparison computed once per loaded
//! briefing (`Since::new`), beside its peers on the same reload (`Derived`,
//! and loading the file); and a key press in the Diff view (`update`, then a
//! frame at 160x45), whose budget is one 16 ms frame.
//!
//! The old round is the archive with another seed: every quote's words
//! differ, so every quote is a change (the worst case: a real round moves
//! far fewer). `same` compares a round with itself.
//!
//! `cargo bench --bench since -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parley::action::Action;
use parley::app::App;
use parley::briefing::{Briefing, Document, load};
use parley::derived::Derived;
use parley::diff::Since;
use parley::theme::Theme;
use parley::view::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../examples/support/archive.rs"]
mod archive;

const SIZES: [usize; 2] = [10_000, 100_000];

fn document(quotes: usize, seed: u64) -> Document {
    Document {
        name: format!("archive-{quotes}-{seed}.toml"),
        text: archive::archive(quotes, seed),
        dir: None,
    }
}

fn briefing(document: &Document) -> Briefing {
    load(document)
        .expect("the generated archive is valid")
        .briefing
}

fn benches(c: &mut Criterion) {
    for quotes in SIZES {
        let new_document = document(quotes, archive::SEED);
        let new = briefing(&new_document);
        let old = briefing(&document(quotes, archive::SEED + 1));
        let mut group = c.benchmark_group(format!("since_{}k", quotes / 1000));
        group.sample_size(10);
        group.bench_function("since_every_quote_reworded", |b| {
            b.iter(|| black_box(Since::new(&old, &new)))
        });
        group.bench_function("since_same", |b| {
            b.iter(|| black_box(Since::new(&new, &new)))
        });
        group.bench_function("derived_peer", |b| b.iter(|| black_box(Derived::new(&new))));
        group.bench_function("load_peer", |b| b.iter(|| black_box(load(&new_document))));

        let mut app = App::new(new.clone(), "new.toml", Theme::default());
        app.compare_with(old.clone(), "old.toml");
        app.update(Action::Resize {
            width: 160,
            height: 45,
        });
        app.update(Action::Show(View::Diff));
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("test backend");
        let mut down = true;
        group.bench_function("diff_view_key", |b| {
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                terminal
                    .draw(|frame| parley::ui::draw(frame, &app))
                    .expect("draws");
            })
        });
        group.finish();
    }
}

criterion_group!(since, benches);
criterion_main!(since);
