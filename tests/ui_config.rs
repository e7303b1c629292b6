//! The config file on screen: the help, the hints and the footers name the
//! user's keys, and the theme it names is the one drawn.

use std::path::Path;

use parley::action::Action;
use parley::app::App;
use parley::briefing::{Document, load};
use parley::config::{Config, parse};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn config(text: &str) -> Config {
    parse(text, Path::new("/nowhere")).unwrap_or_else(|_| panic!("invalid: {text}"))
}

/// The shipped briefing as `parley` opens it with `config` and no flags.
fn opened(config: &Config, width: u16, height: u16) -> App {
    let briefing = load(&Document::embedded()).unwrap().briefing;
    let mut app = App::new(briefing, "shipped", config.theme(None).unwrap());
    app.keymap = config.keymap.clone();
    app.update(Action::Resize { width, height });
    app
}

fn screen(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| parley::ui::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> Vec<String> {
    let width = buffer.area.width as usize;
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect()
}

/// The help's rows that name `action` in its first section (the views'
/// keys): keys, name and what they do, spaces squeezed.
fn help_rows_naming(lines: &[String], action: &str) -> Vec<String> {
    let start = lines.iter().position(|l| l.contains("Everywhere")).unwrap();
    let end = lines
        .iter()
        .position(|l| l.contains("Search line"))
        .unwrap();
    // The popup's text starts where its first heading does.
    let column = lines[start].chars().position(|c| c == 'E').unwrap();
    lines[start..end]
        .iter()
        .map(|line| {
            let inside: String = line
                .chars()
                .skip(column)
                .take_while(|&c| c != '│')
                .collect();
            inside.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|row| row.split(' ').any(|word| word == action))
        .collect()
}

#[test]
fn the_help_shows_a_remapped_key_and_not_the_default() {
    let defaults = opened(&Config::default(), 160, 120);
    let remapped = opened(
        &config("[keys]\nquit = [\"x\"]\nsearch = [\"f\", \"ctrl-s\"]\n"),
        160,
        120,
    );
    let mut shown = Vec::new();
    for mut app in [defaults, remapped] {
        app.update(Action::ToggleHelp);
        shown.push(text_of(&screen(&app)));
    }
    assert_eq!(
        help_rows_naming(&shown[0], "quit"),
        ["q quit quit", "Ctrl-C quit quit, from anywhere"]
    );
    assert_eq!(help_rows_naming(&shown[1], "quit"), ["x quit quit"]);
    assert_eq!(
        help_rows_naming(&shown[1], "search"),
        ["f Ctrl-S search search the quotes"]
    );
}

#[test]
fn the_status_bar_and_the_titles_name_the_users_keys() {
    let config =
        config("[keys]\nquit = [\"x\"]\nhelp = [\"f1\"]\n[keys.popup]\nback = [\"backspace\"]\n");
    let mut app = opened(&config, 120, 30);
    let status = text_of(&screen(&app)).pop().unwrap();
    assert!(status.contains(" F1 keys "), "{status}");
    assert!(status.contains(" x quit "), "{status}");
    assert!(!status.contains(" q quit "), "{status}");
    app.update(Action::Open);
    let lines = text_of(&screen(&app));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Details · Backspace to close")),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn the_theme_the_config_file_names_is_the_one_drawn() {
    let dark = screen(&opened(&Config::default(), 80, 24));
    let light = screen(&opened(&config("theme = \"light\"\n"), 80, 24));
    assert_ne!(dark, light, "the light theme draws other colours");
    let mut builtin = opened(&Config::default(), 80, 24);
    builtin.theme = Theme::builtin("light").unwrap();
    assert_eq!(light, screen(&builtin));
}
