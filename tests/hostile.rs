//! Files from someone else must never take over the terminal, crash parley or
//! flood the screen: hostile fixtures, and the bytes that reach a terminal.

mod common;

use parley::action::Action;
use parley::app::{App, View};
use parley::briefing::{Document, load};
use parley::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// Every text field of the format, as `table.key = value` lines to put in a
/// briefing one at a time.
const TEXT_FIELDS: &[(&str, &str)] = &[
    ("[briefing]", "title"),
    ("[briefing]", "summary"),
    ("[briefing]", "location"),
    ("[[sources]]", "outlet"),
    ("[[sources]]", "title"),
    ("[[sources]]", "framing"),
    ("[[parties]]", "name"),
    ("[[parties]]", "summary"),
    ("[[parties.delegation]]", "name"),
    ("[[parties.delegation]]", "title"),
    ("[[parties.positions]]", "text"),
    ("[[sticking_points]]", "title"),
    ("[[sticking_points]]", "summary"),
    ("[[quotes]]", "speaker"),
    ("[[quotes]]", "text"),
    ("[[quotes]]", "context"),
    ("[[events]]", "title"),
    ("[[events]]", "detail"),
    ("[[discrepancies]]", "subject"),
    ("[[discrepancies]]", "note"),
    ("[[discrepancies.accounts]]", "says"),
];

/// A valid briefing with every table, where `table.key` is set to `value`
/// (a TOML string literal as written in the file).
fn briefing_with(table: &str, key: &str, value: &str) -> String {
    let field = |t: &str, k: &str, default: &str| {
        if t == table && k == key {
            format!("{k} = {value}")
        } else {
            format!("{k} = \"{default}\"")
        }
    };
    let b = "[briefing]";
    format!(
        "format = 1\n{b}\n{}\n{}\n{}\nas_of = 2026-01-01\n\n\
         [[sources]]\nid = \"s\"\n{}\n{}\n{}\n\n\
         [[parties]]\nid = \"a\"\n{}\n{}\n\n\
         [[parties.delegation]]\n{}\n{}\nsources = [\"s\"]\n\n\
         [[parties.positions]]\n{}\nred_line = true\nbasis = \"reported\"\ntopic = \"t\"\nsources = [\"s\"]\n\n\
         [[sticking_points]]\nid = \"t\"\n{}\n{}\n\n\
         [[quotes]]\n{}\n{}\n{}\nparty = \"a\"\nsource = \"s\"\ntopics = [\"t\"]\n\n\
         [[events]]\ndate = 2026-01-01\n{}\n{}\nsources = [\"s\"]\n\n\
         [[discrepancies]]\n{}\n{}\n\
         [[discrepancies.accounts]]\nsource = \"s\"\n{}\n\
         [[discrepancies.accounts]]\nsource = \"s\"\nsays = \"other\"\n",
        field(b, "title", "Title"),
        field(b, "summary", "Summary"),
        field(b, "location", "Place"),
        field("[[sources]]", "outlet", "Outlet"),
        field("[[sources]]", "title", "Headline"),
        field("[[sources]]", "framing", "Framing"),
        field("[[parties]]", "name", "Party A"),
        field("[[parties]]", "summary", "Stands firm"),
        field("[[parties.delegation]]", "name", "Member"),
        field("[[parties.delegation]]", "title", "Envoy"),
        field("[[parties.positions]]", "text", "Never"),
        field("[[sticking_points]]", "title", "Topic"),
        field("[[sticking_points]]", "summary", "About"),
        field("[[quotes]]", "speaker", "Speaker"),
        field("[[quotes]]", "text", "Words"),
        field("[[quotes]]", "context", "Context"),
        field("[[events]]", "title", "Event"),
        field("[[events]]", "detail", "Detail"),
        field("[[discrepancies]]", "subject", "Subject"),
        field("[[discrepancies]]", "note", "Note"),
        field("[[discrepancies.accounts]]", "says", "one"),
    )
}

#[test]
fn the_hostile_fixture_template_is_valid_when_harmless() {
    let text = briefing_with("", "", "");
    assert_eq!(common::findings(&text), Vec::<String>::new());
}

#[test]
fn escape_sequences_in_every_text_field_are_refused_with_their_place() {
    for (table, key) in TEXT_FIELDS {
        for escape in [
            r#""x\u001b[2Jy""#,
            r#""x\ey""#,
            r#""x\x1b]0;pwned\x07y""#,
            r#""x\u009b31my""#,
        ] {
            let text = briefing_with(table, key, escape);
            let found = common::findings(&text);
            let line = text
                .lines()
                .position(|l| l.starts_with(&format!("{key} = {escape}")))
                .unwrap()
                + 1;
            let expected = format!("{line}:{}: error: control character U+", key.len() + 4);
            assert!(
                found
                    .iter()
                    .any(|f| f.starts_with(&expected) && f.contains(&format!("in `{key}`"))),
                "{table} {key} {escape}: {found:?}"
            );
        }
    }
}

#[test]
fn a_raw_escape_typed_into_a_string_never_reaches_the_error_output() {
    for (table, key) in TEXT_FIELDS {
        let text = briefing_with(table, key, "\"x\u{1b}[2Jy\"");
        let document = common::document(&text);
        let rendered = load(&document).unwrap_err().render(&document);
        assert!(!rendered.contains('\u{1b}'), "{table} {key}: {rendered:?}");
        assert!(rendered.contains("\\u{1b}[2J"), "{rendered}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let text = format!(
        "format = 1\nx = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let found = common::findings(&text);
    assert!(
        found.iter().any(|f| f.starts_with("2:")),
        "{:?}",
        &found[..2]
    );
    let inline = format!(
        "format = 1\nx = {}1{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth)
    );
    assert!(!common::findings(&inline).is_empty());
}

#[test]
fn a_5_mb_line_gives_a_short_error() {
    let text = format!(
        "format = 1\n[briefing]\ntitle = \"{}\" oops\nas_of = 2026-01-01\n",
        "x".repeat(5_000_000)
    );
    let document = common::document(&text);
    let rendered = load(&document).unwrap_err().render(&document);
    assert!(rendered.len() < 2_000, "{} bytes of error", rendered.len());
    assert!(rendered.starts_with("test.toml:3:"), "{rendered}");
}

/// Draws every view (and every popup) of a briefing through a real crossterm
/// backend into memory, returning the bytes a terminal would receive.
fn terminal_bytes(text: &str) -> Vec<u8> {
    app_bytes(App::new(
        loaded(text),
        "hostile.toml",
        Theme::builtin("dark").unwrap(),
    ))
}

fn loaded(text: &str) -> parley::briefing::Briefing {
    load(&common::document(text))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics))
        .briefing
}

/// Every view and popup of `app`, drawn as [`terminal_bytes`] draws them.
fn app_bytes(mut app: App) -> Vec<u8> {
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    let written = Recorder::default();
    // A fixed viewport: the test's own terminal (if any) must not decide the size.
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 100, 40));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        ratatui::TerminalOptions { viewport },
    )
    .unwrap();
    for view in View::ALL {
        app.update(Action::Show(view));
        app.update(Action::Top);
        for _ in 0..app.items(view).len().max(1) {
            terminal.draw(|f| parley::ui::draw(f, &app)).unwrap();
            app.update(Action::Open);
            terminal.draw(|f| parley::ui::draw(f, &app)).unwrap();
            app.update(Action::Back);
            app.update(Action::Down);
        }
    }
    drop(terminal);
    written.0.borrow().clone()
}

/// A writer that keeps what is written, shared with the test.
#[derive(Clone, Default)]
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every escape in the output starts a CSI sequence crossterm wrote itself
/// (cursor moves, colours); no other control character appears.
fn assert_only_drawing_sequences(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if c == '\u{1b}' {
            assert_eq!(
                text[i + 1..].chars().next(),
                Some('['),
                "a non-CSI escape at byte {i}"
            );
        } else {
            assert!(
                !c.is_control() || c == '\r' || c == '\n',
                "control character {c:?} at byte {i}"
            );
            assert!(
                !parley::text::is_bidi_control(c),
                "bidi control {c:?} reached the terminal"
            );
        }
    }
}

#[test]
fn bidi_overrides_show_as_visible_escapes_and_never_reach_the_terminal() {
    for (table, key) in TEXT_FIELDS {
        let text = briefing_with(table, key, "\"abc\u{202e}txt.exe\u{2066}\"");
        let found = common::findings(&text);
        assert!(
            found
                .iter()
                .any(|f| f.contains("warning: bidirectional control character U+202E")),
            "{key}: {found:?}"
        );
        let bytes = terminal_bytes(&text);
        assert_only_drawing_sequences(&bytes);
        let shown = String::from_utf8_lossy(&bytes);
        assert!(
            shown.contains("<U+202E>"),
            "{table} {key}: the escape is not shown"
        );
    }
}

/// `--since`: what moved is drawn from both rounds' text (the Diff view,
/// both versions of each change, the marks) and from the name OLD was
/// given on the command line; none of it reaches the terminal raw.
#[test]
fn a_comparison_with_a_hostile_round_draws_only_drawing_sequences() {
    let harmless = loaded(&briefing_with("", "", ""));
    for (table, key) in TEXT_FIELDS {
        let hostile = loaded(&briefing_with(table, key, "\"abc\u{202e}txt.exe\u{2066}\""));
        for (old, new) in [(&harmless, &hostile), (&hostile, &harmless)] {
            let mut app = App::new(new.clone(), "new.toml", Theme::builtin("dark").unwrap());
            app.compare_with(old.clone(), "old\u{202e}\u{1b}]0;pwned\u{7}.toml");
            let bytes = app_bytes(app);
            assert_only_drawing_sequences(&bytes);
            let shown = String::from_utf8_lossy(&bytes);
            assert!(shown.contains("old<U+202E>"), "{table} {key}: the name's");
        }
    }
    // The old round's own text reaches the screen through what moved: a
    // delegate who left, in the Diff view and in both versions.
    let left = loaded(&briefing_with(
        "[[parties.delegation]]",
        "name",
        "\"abc\u{202e}txt.exe\"",
    ));
    let mut app = App::new(harmless, "new.toml", Theme::builtin("dark").unwrap());
    app.compare_with(left, "old\u{202e}.toml");
    let bytes = app_bytes(app);
    assert_only_drawing_sequences(&bytes);
    let shown = String::from_utf8_lossy(&bytes);
    assert!(shown.contains("abc<U+202E>txt"), "{shown}");
    assert!(shown.contains("left since old<U+202E>.toml: "), "{shown}");
}

#[test]
fn tabs_are_expanded_and_joiners_kept() {
    let text = briefing_with("[[quotes]]", "text", "\"a\\tb 👨\u{200d}👩\u{200d}👧\"");
    let bytes = terminal_bytes(&text);
    assert_only_drawing_sequences(&bytes);
    let shown = String::from_utf8_lossy(&bytes);
    assert!(!shown.contains('\t'));
    assert!(
        shown.contains("👨\u{200d}👩\u{200d}👧"),
        "the family emoji is kept whole"
    );
}

#[test]
fn the_shipped_and_foreign_briefings_draw_only_drawing_sequences() {
    // Its text_files are not beside an inline document; only the drawing matters here.
    let shipped: String = parley::briefing::EMBEDDED_TEXT
        .lines()
        .filter(|line| !line.starts_with("text_file = "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_only_drawing_sequences(&terminal_bytes(&shipped));
    let foreign = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/briefings/harbour-talks.toml"
    ))
    .unwrap();
    // Its text_file is not beside an inline document; only the drawing matters here.
    let foreign = foreign.replace("text_file = \"harbour-talks.txt\"\n", "");
    assert_only_drawing_sequences(&terminal_bytes(&foreign));
}

#[test]
fn nothing_the_loader_does_writes_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    let text = briefing_with("", "", "");
    std::fs::write(&path, &text).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let document = Document::read(&path, u64::MAX).unwrap();
    load(&document).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

// Paths, sizes and special files (issue 14). Each test must terminate: a
// read that blocked on a FIFO or streamed /dev/zero would hang it.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The real binary, run in `dir`.
fn parley_in(dir: &Path, args: &[&str]) -> Output {
    common::parley_command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the harbour-talks fixture and its article in a fresh folder.
fn harbour_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefings");
    for name in ["harbour-talks.toml", "harbour-talks.txt"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let briefing = dir.path().join("harbour-talks.toml");
    (dir, briefing)
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_fifo_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, briefing) = harbour_copy();
    let fifo = dir.path().join("memo.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let output = parley_in(
        dir.path(),
        &[
            "export",
            briefing.to_str().unwrap(),
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // Before joining: were the FIFO replaced, its reader would wait forever.
    assert!(file_type(&fifo).is_fifo());
    let memo = reader.join().unwrap();
    assert!(memo.starts_with("# "), "{memo}");
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_character_device_and_leaves_it_a_device() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let (dir, briefing) = harbour_copy();
    let null = dir.path().join("null");
    // A copy of /dev/null (major 1, minor 3), made where it can do no harm.
    let made = Command::new("mknod")
        .args([null.to_str().unwrap(), "c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    if !made.success() {
        eprintln!("skipped: mknod is not permitted here (the test runs as root in CI)");
        return;
    }
    let output = parley_in(
        dir.path(),
        &[
            "export",
            briefing.to_str().unwrap(),
            "-o",
            null.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(file_type(&null).is_char_device());
    assert_eq!(std::fs::metadata(&null).unwrap().rdev(), libc_makedev(1, 3));
}

/// Linux's device number for a major and minor number below 256.
fn libc_makedev(major: u64, minor: u64) -> u64 {
    (major << 8) | minor
}

#[cfg(unix)]
#[test]
fn export_refuses_a_dangling_symlink_and_creates_nothing() {
    let (dir, briefing) = harbour_copy();
    let link = dir.path().join("memo.md");
    let missing = dir.path().join("gone").join("memo.md");
    std::os::unix::fs::symlink(&missing, &link).unwrap();
    let output = parley_in(
        dir.path(),
        &[
            "export",
            briefing.to_str().unwrap(),
            "-o",
            link.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        format!(
            "{}: cannot write: is a symbolic link to a file that does not exist; parley does not create files through a dangling link (remove the link, or point it at a file)\n",
            link.display()
        )
    );
    assert!(file_type(&link).is_symlink());
    assert!(!missing.exists());
}

#[cfg(unix)]
#[test]
fn export_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let (dir, briefing) = harbour_copy();
    let target = dir.path().join("memo.md");
    std::fs::write(&target, "old memo").unwrap();
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink("memo.md", &link).unwrap();
    let output = parley_in(
        dir.path(),
        &[
            "export",
            briefing.to_str().unwrap(),
            "-o",
            link.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(file_type(&link).is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("# "));
}

#[test]
fn export_to_dash_writes_standard_output_and_no_file() {
    let (dir, briefing) = harbour_copy();
    let output = parley_in(
        dir.path(),
        &["export", briefing.to_str().unwrap(), "-o", "-"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("# "));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn export_never_writes_over_a_text_file_the_briefing_reads() {
    let (dir, briefing) = harbour_copy();
    let article = dir.path().join("harbour-talks.txt");
    let before = std::fs::read(&article).unwrap();
    let output = parley_in(
        dir.path(),
        &[
            "export",
            briefing.to_str().unwrap(),
            "-o",
            article.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("cannot write: that is one of the briefing's text files"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read(&article).unwrap(), before);
}

/// A briefing in `dir/briefing/` whose source's `text_file` is `path`, and a
/// quote that is not in it (so that a leaky check would show the text).
fn briefing_citing(dir: &Path, path: &str) -> PathBuf {
    let folder = dir.join("briefing");
    std::fs::create_dir_all(&folder).unwrap();
    let text = format!(
        "format = 1\n[briefing]\ntitle = \"T\"\nas_of = 2026-01-01\n\
         [[sources]]\nid = \"s\"\noutlet = \"O\"\ntext_file = \"{path}\"\n\
         [[quotes]]\nspeaker = \"A\"\ntext = \"the talks were fruitful\"\nsource = \"s\"\n"
    );
    let briefing = folder.join("b.toml");
    std::fs::write(&briefing, text).unwrap();
    briefing
}

const SECRET: &str = "SECRET-MARKER-4e1f";

#[cfg(unix)]
#[test]
fn a_text_file_outside_the_folder_is_refused_and_nothing_of_it_printed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, format!("{SECRET} the talks were productive\n")).unwrap();
    std::fs::create_dir(dir.path().join("briefing")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("briefing/link.txt")).unwrap();
    for path in [secret.to_str().unwrap(), "../secret.txt", "link.txt"] {
        let briefing = briefing_citing(dir.path(), path);
        let file = briefing.to_str().unwrap();
        for args in [
            vec!["check", file],
            vec!["search", "talks", file],
            vec!["export", file],
        ] {
            let output = parley_in(dir.path(), &args);
            // Search's 1 means "nothing matched"; a briefing it cannot load is 2.
            let expected = if args[0] == "search" { 2 } else { 1 };
            assert_eq!(output.status.code(), Some(expected), "{args:?}");
            let (out, err) = (text(&output.stdout), text(&output.stderr));
            assert!(
                err.contains("b.toml:8:13: error: cannot read text_file"),
                "{args:?}: {err}"
            );
            assert!(
                !out.contains(SECRET) && !err.contains(SECRET),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn dev_zero_as_a_briefing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = parley_in(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "/dev/zero: cannot read: is a character device, not a regular file\n"
    );
}

#[test]
fn a_10_mb_pipe_is_cut_off_at_max_size() {
    for name in ["-", "/dev/stdin"] {
        let mut child = common::parley_command()
            .args(["check", "--max-size", "1000", name])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let chunk = vec![b'#'; 64 * 1024];
            let mut written = 0;
            // parley stops reading at 1001 bytes: the rest fails to write.
            while written < 10_000_000 && stdin.write_all(&chunk).is_ok() {
                written += chunk.len();
            }
            written
        });
        let output = child.wait_with_output().unwrap();
        assert!(writer.join().unwrap() < 10_000_000);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            text(&output.stderr),
            "<stdin>: more than the limit of 1000 bytes; raise it with --max-size\n"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_text_file_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let briefing = briefing_citing(dir.path(), "article.txt");
    mkfifo(&dir.path().join("briefing/article.txt"));
    let output = parley_in(dir.path(), &["check", briefing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains(
            "b.toml:8:13: error: cannot read text_file `article.txt`: is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_theme_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("theme.toml");
    mkfifo(&theme);
    let output = parley_in(dir.path(), &["--theme", theme.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr)
            .contains("cannot read theme file: is a FIFO (named pipe), not a regular file"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn at_most_200_findings_are_printed_then_a_count_of_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut briefing = String::from("format = 1\n[briefing]\ntitle = \"T\"\nas_of = 2026-01-01\n");
    for i in 0..300 {
        briefing.push_str(&format!("unknown{i} = 1\n"));
    }
    let path = dir.path().join("b.toml");
    std::fs::write(&path, briefing).unwrap();
    let output = parley_in(dir.path(), &["check", "b.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert_eq!(err.matches(": error: ").count(), 200, "{err}");
    assert!(
        err.ends_with(
            "and 100 more (only the first 200 findings are shown)\nb.toml: invalid: 300 errors, 0 warnings\n"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn export_to_dev_stdout_writes_into_the_file_the_shell_opened() {
    use std::os::unix::fs::MetadataExt;
    let (dir, briefing) = harbour_copy();
    let memo = dir.path().join("memo.md");
    std::fs::write(&memo, "old").unwrap();
    let inode = std::fs::metadata(&memo).unwrap().ino();
    let status = common::isolated(Command::new("sh"))
        .args([
            "-c",
            "exec \"$0\" export \"$1\" -o /dev/stdout >> \"$2\"",
            env!("CARGO_BIN_EXE_parley"),
            briefing.to_str().unwrap(),
            memo.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    // Appended to the same file, not a new file renamed over it.
    assert_eq!(std::fs::metadata(&memo).unwrap().ino(), inode);
    assert!(std::fs::read_to_string(&memo).unwrap().starts_with("old# "));
}

#[cfg(unix)]
#[test]
fn a_briefing_opened_through_a_link_reads_its_texts_beside_the_target() {
    let (dir, briefing) = harbour_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("talks.toml");
    std::os::unix::fs::symlink(&briefing, &link).unwrap();
    let output = parley_in(dir.path(), &["check", link.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).ends_with("; 3 quotes verified against 1 text\n"),
        "{}",
        text(&output.stdout)
    );
}
