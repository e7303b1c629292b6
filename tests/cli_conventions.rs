//! The conventions a command-line tool is expected to keep: machine-readable
//! diagnostics, completions and a man page, `--color` and NO_COLOR on a real
//! terminal, suggestions for a mistyped subcommand, help that fits.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{BASE, findings, stderr, stdout, with};
use serde_json::Value;

fn parley_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = common::parley_command();
    command.args(args).current_dir(dir);
    for variable in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS"] {
        command.env_remove(variable);
    }
    command.envs(env.iter().copied()).output().unwrap()
}

/// Runs parley on a pseudo-terminal (through util-linux `script`, which
/// Debian always installs) and returns what the terminal received, standard
/// output and standard error together.
fn on_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_parley"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let mut command = common::isolated(Command::new("script"));
    command
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .current_dir(dir)
        .env("TERM", "xterm-256color");
    for variable in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
        command.env_remove(variable);
    }
    let output = command.envs(env.iter().copied()).output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn coloured(text: &str) -> bool {
    text.contains("\u{1b}[")
}

/// A folder holding one briefing that breaks rule 3.
fn folder_with_a_bad_briefing() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bad = BASE.replacen("title = \"Talks\"", "title = \"Talks\"\nsumary = \"x\"", 1);
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    dir
}

// check --format json

/// Line, column, end line and end column.
type Place = (usize, usize, usize, usize);

/// The rules whose findings are warnings.
const WARNINGS: [&str; 4] = ["12", "13", "no-basis", "uncited-source"];

/// One file per rule of the format, each breaking that rule, with the rule
/// and the place (line, column, end line, end column) the JSON must give.
fn rule_cases() -> Vec<(&'static str, String, Place)> {
    vec![
        (
            "1",
            "format = 1\n[briefing]\ntitle = \"unterminated\nas_of = 2026-01-23\n".into(),
            (3, 22, 3, 22),
        ),
        (
            "2",
            BASE.replacen("format = 1", "format = 2", 1),
            (1, 10, 1, 11),
        ),
        (
            "3",
            BASE.replacen("title = \"Talks\"", "title = \"Talks\"\nsumary = \"x\"", 1),
            (5, 1, 5, 7),
        ),
        (
            "4",
            with("\n[[sources]]\nid = \"s1\"\noutlet = \"Again\"\n"),
            (21, 6, 21, 10),
        ),
        (
            "5",
            BASE.replacen("sources = [\"s1\"]", "sources = [\"s2\"]", 1),
            (18, 12, 18, 16),
        ),
        (
            "6",
            BASE.replacen(
                "name = \"Ukraine\"",
                "name = \"Ukraine\"\nrole = \"mediatr\"",
                1,
            ),
            (14, 8, 14, 17),
        ),
        (
            "7",
            BASE.replacen(
                "as_of = 2026-01-23",
                "as_of = 2026-01-23\nstarts = 2026-01-24\nends = 2026-01-23",
                1,
            ),
            (7, 8, 7, 18),
        ),
        (
            "8",
            with(
                "\n[[discrepancies]]\nsubject = \"x\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"a\"\n",
            ),
            (20, 1, 20, 18),
        ),
        (
            "9",
            BASE.replacen("title = \"Talks\"", "title = \"Ta\\u001blks\"", 1),
            (4, 9, 4, 22),
        ),
        (
            "10",
            BASE.replacen(
                "outlet = \"Example Wire\"",
                "outlet = \"Example Wire\"\ntext_file = \"s.txt\"",
                1,
            ) + "\n[[quotes]]\nspeaker = \"A\"\nparty = \"ua\"\ntext = \"not there\"\nsource = \"s1\"\n",
            (24, 8, 24, 19),
        ),
        (
            "11",
            BASE.replacen("basis = \"reported\"", "basis = \"stated\"", 1),
            (17, 9, 17, 17),
        ),
        (
            "12",
            with(
                "\n[[quotes]]\nspeaker = \"A\"\nparty = \"ua\"\ntext = \"x\"\nsource = \"s1\"\nsaid_on = 2026-02-01\n",
            ),
            (25, 11, 25, 21),
        ),
        (
            "13",
            with("\n[[events]]\ndate = 2026-01-20\ntitle = \"x\"\n"),
            (20, 1, 20, 11),
        ),
        (
            "no-basis",
            BASE.replacen("basis = \"reported\"\n", "", 1),
            (14, 1, 14, 22),
        ),
        (
            "uncited-source",
            with("\n[[sources]]\nid = \"s2\"\noutlet = \"Unused\"\n"),
            (21, 6, 21, 10),
        ),
    ]
}

fn json_findings(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)));
    value.as_array().expect("a JSON array").clone()
}

#[test]
fn check_json_gives_each_rule_its_number_and_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.txt"), "Something else was said.\n").unwrap();
    for (rule, text, (line, column, end_line, end_column)) in rule_cases() {
        let name = format!("rule-{rule}.toml");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        let output = parley_in(dir.path(), &["check", "--format", "json", &name], &[]);
        let warning = WARNINGS.contains(&rule);
        let expected_status = if warning { 0 } else { 1 };
        assert_eq!(output.status.code(), Some(expected_status), "rule {rule}");
        let found = json_findings(&output);
        let entry = found
            .iter()
            .find(|e| e["rule"] == rule)
            .unwrap_or_else(|| panic!("no finding under rule {rule}: {found:?}"));
        assert_eq!(entry["file"], name.as_str());
        let place = |key: &str| entry[key].as_u64().unwrap() as usize;
        assert_eq!(
            (
                place("line"),
                place("column"),
                place("end_line"),
                place("end_column")
            ),
            (line, column, end_line, end_column),
            "rule {rule}: {entry}"
        );
        let severity = if warning { "warning" } else { "error" };
        assert_eq!(entry["severity"], severity, "rule {rule}");
    }
}

#[test]
fn check_json_says_what_the_human_form_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.txt"), "Something else was said.\n").unwrap();
    for (rule, text, _) in rule_cases() {
        let name = format!("rule-{rule}.toml");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        let output = parley_in(dir.path(), &["check", "--format", "json", &name], &[]);
        let as_text: Vec<String> = json_findings(&output)
            .iter()
            .map(|e| {
                let help = match &e["help"] {
                    Value::String(help) => format!("; {help}"),
                    _ => String::new(),
                };
                let message = e["message"].as_str().unwrap();
                format!(
                    "{}:{}: {}: {message}{help}",
                    e["line"],
                    e["column"],
                    e["severity"].as_str().unwrap()
                )
            })
            .collect();
        let mut document = common::document(&text);
        document.dir = Some(dir.path().to_path_buf().into());
        assert_eq!(as_text, common::findings_of(&document), "rule {rule}");
    }
}

#[test]
fn check_json_separates_the_suggestion_into_help() {
    let dir = folder_with_a_bad_briefing();
    let found = json_findings(&parley_in(
        dir.path(),
        &["check", "--format", "json", "bad.toml"],
        &[],
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["message"], "unknown key `sumary` in [briefing]");
    assert_eq!(found[0]["help"], "did you mean `summary`?");
}

#[test]
fn check_json_lists_every_file_in_one_array_and_unreadable_ones_without_a_place() {
    let dir = folder_with_a_bad_briefing();
    std::fs::write(dir.path().join("good.toml"), BASE).unwrap();
    let output = parley_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "good.toml",
            "bad.toml",
            "gone.toml",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    let found = json_findings(&output);
    let files: Vec<&str> = found.iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["bad.toml", "gone.toml"]);
    assert_eq!(found[1]["rule"], "unreadable");
    assert_eq!(found[1]["message"], "cannot read: no such file");
    assert!(found[1]["line"].is_null() && found[1]["end_column"].is_null());
    assert_eq!(stderr(&output), "", "JSON mode prints no human messages");
}

#[test]
fn check_json_places_a_byte_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.toml"),
        b"format = 1\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    let output = parley_in(
        dir.path(),
        &["check", "--format", "json", "latin1.toml"],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let found = json_findings(&output);
    assert_eq!(found.len(), 1, "{found:?}");
    let place: Vec<&Value> = ["line", "column", "end_line", "end_column"]
        .iter()
        .map(|key| &found[0][*key])
        .collect();
    assert_eq!(place, [2, 13, 2, 14]);
    assert_eq!(found[0]["rule"], "1");
    assert_eq!(
        found[0]["message"],
        "not valid UTF-8 (byte 0xe9); a briefing is a UTF-8 text file"
    );
}

#[test]
fn a_valid_file_gives_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.toml"), BASE).unwrap();
    let output = parley_in(dir.path(), &["check", "--format", "json", "good.toml"], &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "[]\n");
    assert_eq!(findings(BASE), Vec::<String>::new());
}

// Warnings and --strict

#[test]
fn the_summary_counts_warnings_and_strict_makes_them_fail() {
    let dir = tempfile::tempdir().unwrap();
    let two_warnings = with(
        "\n[[sources]]\nid = \"s2\"\noutlet = \"Unused\"\n\n[[sources]]\nid = \"s3\"\noutlet = \"Unused\"\n",
    );
    std::fs::write(dir.path().join("warn.toml"), two_warnings).unwrap();
    std::fs::write(dir.path().join("good.toml"), BASE).unwrap();

    let output = parley_in(dir.path(), &["check", "warn.toml", "good.toml"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(
        out.starts_with("warn.toml: ok, 2 warnings: 1 party, "),
        "{out}"
    );
    assert!(out.contains("\ngood.toml: ok: 1 party, "), "{out}");

    let output = parley_in(dir.path(), &["check", "--strict", "warn.toml"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).ends_with("warn.toml: invalid under --strict: 0 errors, 2 warnings\n"),
        "{}",
        stderr(&output)
    );
    let output = parley_in(dir.path(), &["check", "--strict", "good.toml"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let output = parley_in(
        dir.path(),
        &["check", "--strict", "--format", "json", "warn.toml"],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
}

// Completions and the man page

/// The subcommands `parley --help` lists (but `help`).
fn subcommands() -> Vec<String> {
    let output = parley_in(&std::env::temp_dir(), &["--help"], &[]);
    let help = stdout(&output);
    let listed: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    assert!(listed.len() >= 5, "{listed:?}");
    listed
}

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    let subcommands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = parley_in(&std::env::temp_dir(), &["completions", shell], &[]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("parley"), "{shell}");
        for subcommand in &subcommands {
            assert!(
                script.contains(subcommand.as_str()),
                "{shell} lacks {subcommand}"
            );
        }
    }
}

#[test]
fn the_man_page_is_roff_and_names_every_subcommand() {
    let output = parley_in(&std::env::temp_dir(), &["man"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH parley 1"), "{page}");
    for subcommand in subcommands() {
        assert!(
            page.contains(&format!("parley\\-{subcommand}(1)")),
            "{subcommand}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let output = parley_in(dir.path(), &["man", "--dir", "."], &[]);
    assert_eq!(output.status.code(), Some(0));
    for subcommand in subcommands() {
        let page = std::fs::read_to_string(dir.path().join(format!("parley-{subcommand}.1")))
            .unwrap_or_else(|e| panic!("parley-{subcommand}.1: {e}"));
        assert!(
            page.contains(&format!(".TH parley-{subcommand} 1")),
            "{page}"
        );
    }
}

// --color, NO_COLOR and CLICOLOR_FORCE

#[test]
fn check_colours_a_terminal_unless_told_not_to() {
    let dir = folder_with_a_bad_briefing();
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "bad.toml"];
        all.extend_from_slice(args);
        on_terminal(dir.path(), &all, env)
    };
    let plain = check(&[], &[("NO_COLOR", "1")]);
    assert!(
        plain.contains("bad.toml:5:1: error: unknown key `sumary`"),
        "{plain:?}"
    );
    assert!(!coloured(&plain), "{plain:?}");
    assert!(coloured(&check(&[], &[])));
    assert!(coloured(&check(
        &["--color", "always"],
        &[("NO_COLOR", "1")]
    )));
    assert!(!coloured(&check(&["--color=never"], &[])));
}

#[test]
fn check_colours_a_pipe_only_when_forced() {
    let dir = folder_with_a_bad_briefing();
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "bad.toml"];
        all.extend_from_slice(args);
        stderr(&parley_in(dir.path(), &all, env))
    };
    assert!(!coloured(&check(&[], &[])));
    assert!(coloured(&check(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(coloured(&check(&["--color", "always"], &[])));
    assert!(!coloured(&check(
        &["--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    )));
}

#[test]
fn search_marks_matches_on_a_terminal_and_not_under_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let search = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["search", "land", "--limit", "1"];
        all.extend_from_slice(args);
        on_terminal(dir.path(), &all, env)
    };
    let marked = search(&[], &[]);
    assert!(marked.contains("\u{1b}[1mland"), "{marked:?}");
    let plain = search(&[], &[("NO_COLOR", "1")]);
    assert!(plain.contains("all about the land."), "{plain:?}");
    assert!(!coloured(&plain), "{plain:?}");
    assert!(!coloured(&search(&["--color", "never"], &[])));
    assert!(coloured(&search(
        &["--color", "always"],
        &[("NO_COLOR", "1")]
    )));
}

#[test]
fn clap_messages_follow_the_same_choice() {
    let dir = tempfile::tempdir().unwrap();
    assert!(coloured(&on_terminal(dir.path(), &["--help"], &[])));
    assert!(!coloured(&on_terminal(
        dir.path(),
        &["--help"],
        &[("NO_COLOR", "1")]
    )));
    assert!(!coloured(&on_terminal(
        dir.path(),
        &["--color", "never", "--help"],
        &[]
    )));
    assert!(!coloured(&on_terminal(
        dir.path(),
        &["chek", "--color=never"],
        &[]
    )));
    assert!(coloured(&stderr(&parley_in(
        dir.path(),
        &["--color=always", "chek"],
        &[]
    ))));
}

/// Whether `screen` (captured with its escapes) sets a foreground or
/// background colour anywhere; bold, reverse and the default colours (39,
/// 49) do not count.
fn sets_a_colour(screen: &str) -> bool {
    screen.split("\u{1b}[").skip(1).any(|sequence| {
        let Some(end) = sequence.find('m') else {
            return false;
        };
        sequence[..end]
            .split([';', ':'])
            .filter_map(|p| p.parse::<u32>().ok())
            .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
    })
}

#[test]
fn the_dashboard_follows_color_and_no_color() {
    if !common::tmux::available() {
        return;
    }
    let clean = "env -u NO_COLOR -u CLICOLOR -u CLICOLOR_FORCE";
    for (env, args, colour) in [
        (clean.to_string(), "", true),
        (clean.to_string(), "--color never", false),
        (format!("{clean} NO_COLOR=1"), "", false),
        (format!("{clean} NO_COLOR=1"), "--color always", true),
    ] {
        let tmux = common::tmux::Tmux::start_with_env(&env, args, 80, 24);
        tmux.wait_for("Red lines");
        let screen = tmux.run(&["capture-pane", "-e", "-p", "-t", "main"]);
        assert!(
            screen.contains("\u{1b}["),
            "no escapes captured at all: {screen:?}"
        );
        assert_eq!(
            sets_a_colour(&screen),
            colour,
            "{env} parley {args}: {screen:?}"
        );
        tmux.keys(&["q"]);
        tmux.assert_given_back("EXITED 0");
    }
}

// Mistyped subcommands

#[test]
fn a_mistyped_subcommand_is_suggested_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    for (typed, meant) in [("chek", "check"), ("serch", "search"), ("exprot", "export")] {
        let output = parley_in(dir.path(), &[typed], &[]);
        assert_eq!(output.status.code(), Some(2), "{typed}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("unrecognized subcommand '{typed}'"))
                && err.contains(&format!("a similar subcommand exists: '{meant}'"))
                && err.contains(&format!("write './{typed}'")),
            "{err}"
        );
    }
}

#[test]
fn a_file_named_like_a_typo_opens_when_it_exists_or_is_written_as_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let written_as_path = parley_in(dir.path(), &["./chek"], &[]);
    assert_eq!(
        stderr(&written_as_path),
        "./chek: cannot read: no such file\n"
    );
    std::fs::write(dir.path().join("chek"), "format = 7\n").unwrap();
    let existing = parley_in(dir.path(), &["chek"], &[]);
    let err = stderr(&existing);
    assert!(
        err.contains("chek:1:10: error: unsupported format 7"),
        "{err}"
    );
}

// Help

#[test]
fn short_help_is_shorter_than_long_help() {
    let dir = std::env::temp_dir();
    for command in [vec![], vec!["check"], vec!["search"]] {
        let help = |flag: &str| {
            let mut args = command.clone();
            args.push(flag);
            stdout(&parley_in(&dir, &args, &[]))
        };
        let (short, long) = (help("-h"), help("--help"));
        assert!(
            short.lines().count() < long.lines().count(),
            "{command:?}:\n{short}\n{long}"
        );
        assert!(short.contains("(see more with '--help')"), "{command:?}");
    }
}

#[test]
fn help_fits_the_terminal_and_never_passes_100_columns() {
    let dir = std::env::temp_dir();
    let mut commands = vec![vec![]];
    commands.extend(subcommands().into_iter().map(|s| vec![s]));
    for command in commands {
        for flag in ["-h", "--help"] {
            for (columns, limit) in [("200", 100), ("60", 60)] {
                let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
                args.push(flag);
                let output = parley_in(&dir, &args, &[("COLUMNS", columns)]);
                let help = stdout(&output);
                let widest = help.lines().map(|l| l.chars().count()).max().unwrap();
                assert!(
                    widest <= limit,
                    "`parley {}` at {columns} columns is {widest} wide:\n{help}",
                    args.join(" ")
                );
            }
        }
    }
}
