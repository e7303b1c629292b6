//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod tmux;

use parley::briefing::diagnostic::{LineIndex, Severity};
use parley::briefing::{Document, Loaded, load};

/// A document from inline text, as if read from `test.toml` in `dir`.
pub fn document(text: &str) -> Document {
    Document {
        name: "test.toml".into(),
        text: text.into(),
        dir: Some(".".into()),
    }
}

/// Every finding as `line:column: error|warning: message`, in file order.
pub fn findings(text: &str) -> Vec<String> {
    findings_of(&document(text))
}

pub fn findings_of(document: &Document) -> Vec<String> {
    let diagnostics = match load(document) {
        Ok(loaded) => loaded.warnings,
        Err(invalid) => invalid.diagnostics,
    };
    let lines = LineIndex::new(&document.text);
    diagnostics
        .iter()
        .map(|d| {
            let at = lines.location(d.span.start);
            let label = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{}:{}: {label}: {}", at.line, at.column, d.full_message())
        })
        .collect()
}

/// Loads text that must be valid.
pub fn loaded(text: &str) -> Loaded {
    match load(&document(text)) {
        Ok(loaded) => loaded,
        Err(_) => panic!(
            "expected a valid briefing, got:\n{}",
            findings(text).join("\n")
        ),
    }
}

/// A small valid briefing: tests append to it to break one rule at a time.
/// It is 18 lines long, so appended text starts on line 19.
pub const BASE: &str = r#"format = 1

[briefing]
title = "Talks"
as_of = 2026-01-23

[[sources]]
id = "s1"
outlet = "Example Wire"

[[parties]]
id = "ua"
name = "Ukraine"
[[parties.positions]]
text = "No."
red_line = true
basis = "reported"
sources = ["s1"]
"#;

/// [`BASE`] with `more` appended.
pub fn with(more: &str) -> String {
    format!("{BASE}{more}")
}

/// A config folder that holds nothing: tests never read the developer's own
/// config file, and a test that needs one writes it to a folder of its own.
pub fn no_config_home() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-home")
}

/// `command` (parley, or a shell that runs it) with no config file to read.
pub fn isolated(mut command: std::process::Command) -> std::process::Command {
    command
        .env("XDG_CONFIG_HOME", no_config_home())
        .env_remove("PARLEY_CONFIG");
    command
}

/// The real `parley` binary, with no config file to read.
pub fn parley_command() -> std::process::Command {
    isolated(std::process::Command::new(env!("CARGO_BIN_EXE_parley")))
}

/// Runs the real `parley` binary from a folder that holds no briefing.
pub fn parley(args: &[&str]) -> std::process::Output {
    parley_command()
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The path of a briefing in `tests/fixtures/briefings`.
pub fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefings")
        .join(name)
        .display()
        .to_string()
}

/// A valid briefing of `quotes` quotes of about twenty words each.
pub fn archive(quotes: usize) -> String {
    let mut text = String::from(
        "format = 1\n[briefing]\ntitle = \"Archive\"\nas_of = 2026-01-01\n\n[[sources]]\nid = \"s\"\noutlet = \"Wire\"\n\n[[parties]]\nid = \"a\"\nname = \"A\"\n\n[[parties.positions]]\ntext = \"No.\"\nred_line = true\nsources = [\"s\"]\n\n",
    );
    for i in 0..quotes {
        text.push_str(&format!(
            "[[quotes]]\nspeaker = \"Speaker {}\"\nparty = \"a\"\ntext = \"Quote {i} on the harbour, the ceasefire line and the guarantees that both sides say they need before any deal.\"\nsource = \"s\"\n\n",
            i % 50
        ));
    }
    text
}

/// A temporary folder holding the three rounds of `tests/fixtures/rounds`
/// and, for each `(name, text)` of `more`, a file of that text.
pub fn rounds_folder(more: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rounds");
    for n in 1..=3 {
        let name = format!("round{n}.toml");
        std::fs::copy(fixtures.join(&name), dir.path().join(&name)).unwrap();
    }
    for (name, text) in more {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Row `y` of a drawn buffer as the screen shows it: each cell's symbol,
/// the cells hidden under a wide one left out.
pub fn shown_row(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut hidden = 0;
    for x in 0..buffer.area.width {
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        text.push_str(symbol);
    }
    text
}
