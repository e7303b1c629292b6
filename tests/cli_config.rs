//! `parley config` and the config file as the command line sees it: where
//! it is, what a bad one says, and that a bad one stops the dashboard
//! before it takes the terminal.

mod common;

use std::path::Path;
use std::process::Output;

use common::{BASE, fixture, parley_command, stderr, stdout};

/// Runs parley with XDG_CONFIG_HOME at `home`.
fn parley_with_home(home: &Path, args: &[&str]) -> Output {
    parley_command()
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap()
}

/// Runs parley with XDG_CONFIG_HOME at `home` and PARLEY_CONFIG set to `named`.
fn parley_with_home_env(home: &Path, args: &[&str], named: &str) -> Output {
    parley_command()
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("PARLEY_CONFIG", named)
        .output()
        .unwrap()
}

/// A config folder (for XDG_CONFIG_HOME) holding `parley/config.toml`.
fn config_home(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("parley")).unwrap();
    std::fs::write(home.path().join("parley/config.toml"), text).unwrap();
    home
}

#[test]
fn the_path_follows_xdg_config_home_whether_or_not_the_file_exists() {
    let home = tempfile::tempdir().unwrap();
    let output = parley_with_home(home.path(), &["config", "--path"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("{}\n", home.path().join("parley/config.toml").display())
    );
}

#[test]
fn config_and_parley_config_name_another_file() {
    let home = tempfile::tempdir().unwrap();
    let output = parley_with_home(
        home.path(),
        &["config", "--path", "--config", "/etc/x.toml"],
    );
    assert_eq!(stdout(&output), "/etc/x.toml\n");
    let output = parley_with_home_env(home.path(), &["config", "--path"], "/srv/parley.toml");
    assert_eq!(stdout(&output), "/srv/parley.toml\n");
    // The command line wins.
    let output = parley_with_home_env(
        home.path(),
        &["config", "--path", "--config", "/etc/x.toml"],
        "/srv/parley.toml",
    );
    assert_eq!(stdout(&output), "/etc/x.toml\n");
    // Set but empty is not set.
    let output = parley_with_home_env(home.path(), &["config", "--path"], "");
    assert_eq!(
        stdout(&output),
        format!("{}\n", home.path().join("parley/config.toml").display())
    );
}

#[test]
fn check_says_ok_or_lists_every_error() {
    let home = config_home("watch = false\n[keys]\nquit = [\"x\"]\n");
    let output = parley_with_home(home.path(), &["config", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with("config.toml: ok\n"),
        "{}",
        stderr(&output)
    );

    let home = config_home("them = \"light\"\n[keys]\nquit = [\"ctlr-x\"]\n");
    let output = parley_with_home(home.path(), &["config", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let path = home.path().join("parley/config.toml").display().to_string();
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!(
            "{path}:1:1: error: unknown key `them`; did you mean `theme`?"
        )),
        "{errors}"
    );
    assert!(
        errors.contains(&format!("{path}:3:9: error: `ctlr-x` is not a key name")),
        "{errors}"
    );
    assert!(
        errors.ends_with(&format!("{path}: invalid config file: 2 errors\n")),
        "{errors}"
    );
}

#[test]
fn no_file_at_the_default_place_is_the_defaults_but_a_named_one_must_exist() {
    let home = tempfile::tempdir().unwrap();
    let output = parley_with_home(home.path(), &["config", "--check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("no config file; the defaults apply"));

    let missing = home.path().join("missing.toml");
    let missing = missing.to_str().unwrap();
    let output = parley_with_home(home.path(), &["config", "--check", "--config", missing]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("{missing}: cannot read the config file: no such file\n")
    );
    // The dashboard refuses it too.
    let output = parley_with_home(home.path(), &["--config", missing]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read the config file"));
}

/// With no terminal, parley still reads the config file first: a bad one
/// is what it reports, with exit 2, before anything about the terminal.
#[test]
fn a_bad_config_file_stops_the_dashboard_with_exit_2() {
    let home = config_home("[keys]\nquit = [\"j\"]\n");
    let output = parley_with_home(home.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains(":2:9: error: `j` is bound to both `quit` and `down` in [keys]"),
        "{errors}"
    );
    assert!(!errors.contains("needs a terminal"), "{errors}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn the_default_config_is_a_valid_config_file() {
    let home = tempfile::tempdir().unwrap();
    let output = parley_with_home(home.path(), &["config", "--default"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("\n[keys.popup]\n"), "{text}");
    let written = config_home(&text);
    let output = parley_with_home(written.path(), &["config", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// docs/config.md ends with what `parley config --default` prints.
#[test]
fn the_reference_holds_the_default_config_file() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.md"))
        .unwrap();
    let block = format!("```toml\n{}```\n", parley::config::default_text());
    assert!(
        doc.ends_with(&block),
        "docs/config.md is stale: its last block must be what `parley config --default` prints"
    );
}

/// The README's key table names every action of the views, as the config
/// file writes it.
#[test]
fn the_readme_names_every_action_of_the_views() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let keys = readme.split("### Keys").nth(1).unwrap();
    let keys = keys.split("\n## ").next().unwrap();
    for binding in parley::keymap::BINDINGS {
        if binding.mode != parley::view::Mode::Normal {
            continue;
        }
        let name = binding.action.name().unwrap();
        // The party digits are one row: `party-1`…`party-9`.
        let shown = match name.strip_prefix("party-") {
            Some(_) => "`party-1`…`party-9`",
            None => name,
        };
        assert!(
            keys.contains(&format!("`{name}`")) || keys.contains(shown),
            "`{name}` missing from the README's Keys table"
        );
    }
}

/// Without a terminal the dashboard still says what is wrong with the
/// briefing it would open: the config file's `open`, unless FILE is given.
#[test]
fn the_config_files_briefing_opens_unless_a_file_is_given() {
    let folder = tempfile::tempdir().unwrap();
    let bad = BASE.replacen("title = \"Talks\"", "title = \"Talks\"\nsumary = \"x\"", 1);
    std::fs::write(folder.path().join("bad.toml"), bad).unwrap();
    let home = config_home(&format!("open = {:?}\n", folder.path().join("bad.toml")));
    let output = parley_with_home(home.path(), &[]);
    assert!(
        stderr(&output).contains("unknown key `sumary`"),
        "{}",
        stderr(&output)
    );

    let output = parley_with_home(home.path(), &[&fixture("harbour-talks.toml")]);
    assert!(!stderr(&output).contains("sumary"), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("needs a terminal"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_relative_open_is_beside_the_config_file() {
    let home = config_home("open = \"bad.toml\"\n");
    let bad = BASE.replacen("title = \"Talks\"", "title = \"Talks\"\nsumary = \"x\"", 1);
    std::fs::write(home.path().join("parley/bad.toml"), bad).unwrap();
    let output = parley_with_home(home.path(), &[]);
    let errors = stderr(&output);
    assert!(errors.contains("parley/bad.toml:"), "{errors}");
    assert!(errors.contains("unknown key `sumary`"), "{errors}");
}
