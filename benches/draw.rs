//! Drawing each view of the dashboard into a `TestBackend` at 160x45 on
//! synthetic archives of 10k and 100k quotes (`examples/support/archive.rs`):
//! a frame alone (`draw`), and a key press as the dashboard answers it
//! (`key`: `update` with a move down or up, then a frame).
//!
//! `cargo bench --bench draw -- --warm-up-time 1 --measurement-time 3`;
//! the budget for `key` is one 16 ms frame.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use parley::action::Action;
use parley::app::{App, Effect, run_request};
use parley::briefing::{Document, load};
use parley::event::Event;
use parley::theme::Theme;
use parley::view::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../examples/support/archive.rs"]
mod archive;

const SIZES: [usize; 2] = [10_000, 100_000];
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

/// The dashboard on an archive of `quotes` quotes, with every search it
/// asked the worker thread for answered.
fn dashboard(quotes: usize) -> App {
    let document = Document {
        name: format!("archive-{quotes}.toml"),
        text: archive::archive(quotes, archive::SEED),
        dir: None,
    };
    let briefing = load(&document)
        .expect("the generated archive is valid")
        .briefing;
    let mut app = App::new(briefing, document.name, Theme::default());
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    answer_searches(&mut app);
    app
}

fn answer_searches(app: &mut App) {
    for effect in std::mem::take(&mut app.effects) {
        if let Effect::Search(request) = effect {
            let hits =
                run_request(&app.index, &request, &AtomicBool::new(false)).expect("not cancelled");
            app.update(Event::SearchAnswered {
                generation: request.generation,
                query: request.query,
                hits,
            });
        }
    }
}

/// Shows `view` with a selection a little way down its list.
fn show(app: &mut App, view: View) {
    app.update(Action::Show(view));
    if view == View::Party {
        app.update(Action::SelectParty(1));
    }
    app.update(Action::Top);
    for _ in 0..3 {
        app.update(Action::Down);
    }
}

fn benches(c: &mut Criterion) {
    for quotes in SIZES {
        let mut app = dashboard(quotes);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        let mut group = c.benchmark_group(format!("{}k", quotes / 1000));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for view in View::ALL {
            show(&mut app, view);
            group.bench_function(format!("draw/{view:?}"), |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| parley::ui::draw(frame, black_box(&app)))
                        .expect("draws")
                        .area
                })
            });
            let mut down = true;
            group.bench_function(format!("key/{view:?}"), |b| {
                b.iter(|| {
                    app.update(if down { Action::Down } else { Action::Up });
                    down = !down;
                    terminal
                        .draw(|frame| parley::ui::draw(frame, &app))
                        .expect("draws")
                        .area
                })
            });
        }
        group.finish();
    }
}

criterion_group!(draw, benches);
criterion_main!(draw);
