//! Where `y` puts a copied quote, and an honest word on where it went.
//!
//! The policy: the system clipboard when there is one (through `arboard`:
//! an X11 display, macOS, Windows); otherwise the text is written to a file
//! in parley's state folder, which the status line names, and is also sent
//! to the terminal as an OSC 52 sequence. OSC 52 cannot be confirmed (many
//! terminals ignore it, and tmux passes it on only with `set-clipboard on`),
//! so parley never says "copied" on its strength alone: the file is the
//! place the text surely is.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
/// The text is base64-encoded, so nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// Where copied text went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// On the system clipboard.
    System,
    /// Saved to this file, and sent to the terminal by OSC 52.
    File { path: PathBuf, in_tmux: bool },
    /// Only sent to the terminal by OSC 52: the file could not be written.
    TerminalOnly { reason: String, in_tmux: bool },
}

impl Copied {
    /// The status line's account of it.
    pub fn message(&self) -> String {
        let tmux = |in_tmux: bool| {
            if in_tmux {
                " (tmux passes it on only with `set -g set-clipboard on`)"
            } else {
                " (if the terminal allows it)"
            }
        };
        match self {
            Copied::System => "copied to the system clipboard".to_string(),
            Copied::File { path, in_tmux } => format!(
                "no system clipboard: saved to {}; also sent to the terminal's clipboard{}",
                path.display(),
                tmux(*in_tmux)
            ),
            Copied::TerminalOnly { reason, in_tmux } => format!(
                "not copied for certain: no system clipboard and no file ({reason}); sent to the terminal's clipboard{}",
                tmux(*in_tmux)
            ),
        }
    }
}

/// A place that takes text as the system clipboard.
pub trait SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
}

impl SystemClipboard for arboard::Clipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        arboard::Clipboard::set_text(self, text).map_err(|e| e.to_string())
    }
}

/// The system clipboard if there is one, and the fallback file. Kept for
/// the dashboard's life: on X11 the copied text is served by the program
/// that copied it, and goes when the clipboard object is dropped.
pub struct Clipboard {
    system: Option<Box<dyn SystemClipboard>>,
    file: Option<PathBuf>,
    in_tmux: bool,
}

impl Clipboard {
    /// The system clipboard (if one can be reached), `file` as the fallback
    /// (`$XDG_STATE_HOME/parley/copied.txt` by default).
    pub fn new(file: Option<PathBuf>) -> Self {
        let system = arboard::Clipboard::new()
            .ok()
            .map(|c| Box::new(c) as Box<dyn SystemClipboard>);
        Self::with(system, file, std::env::var_os("TMUX").is_some())
    }

    pub fn with(
        system: Option<Box<dyn SystemClipboard>>,
        file: Option<PathBuf>,
        in_tmux: bool,
    ) -> Self {
        Self {
            system,
            file,
            in_tmux,
        }
    }

    /// Copies `text`; `terminal` receives the OSC 52 sequence when there is
    /// no system clipboard.
    pub fn copy(&mut self, text: &str, terminal: &mut dyn Write) -> Copied {
        if let Some(system) = &mut self.system
            && system.set_text(text).is_ok()
        {
            return Copied::System;
        }
        let _ = terminal
            .write_all(osc52(text).as_bytes())
            .and_then(|()| terminal.flush());
        let in_tmux = self.in_tmux;
        match &self.file {
            Some(path) => match save(path, text) {
                Ok(()) => Copied::File {
                    path: path.clone(),
                    in_tmux,
                },
                Err(error) => Copied::TerminalOnly {
                    reason: format!("{}: {error}", path.display()),
                    in_tmux,
                },
            },
            None => Copied::TerminalOnly {
                reason: "no state folder: set HOME or XDG_STATE_HOME".into(),
                in_tmux,
            },
        }
    }
}

/// The fallback file's usual place, beside the search history.
pub fn default_file() -> Option<PathBuf> {
    crate::history::default_path().map(|history| history.with_file_name("copied.txt"))
}

/// Writes `text` to `path` whole: into a temporary file beside it, then
/// renamed over it, so a reader never sees half a quote.
fn save(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(text.as_bytes())?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Working(Vec<String>);
    impl SystemClipboard for Working {
        fn set_text(&mut self, text: &str) -> Result<(), String> {
            self.0.push(text.to_string());
            Ok(())
        }
    }

    struct Refusing;
    impl SystemClipboard for Refusing {
        fn set_text(&mut self, _: &str) -> Result<(), String> {
            Err("no display".into())
        }
    }

    #[test]
    fn osc52_wraps_base64_of_the_text() {
        assert_eq!(osc52("“hi” — A"), "\x1b]52;c;4oCcaGnigJ0g4oCUIEE=\x07");
        // Whatever the text holds, only the sequence's own escape and bell appear.
        let sequence = osc52("evil\x1b]0;title\x07");
        assert_eq!(sequence.chars().filter(|c| c.is_control()).count(), 2);
    }

    #[test]
    fn a_system_clipboard_takes_the_text_and_the_terminal_gets_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("copied.txt");
        let mut clipboard = Clipboard::with(
            Some(Box::new(Working(Vec::new()))),
            Some(file.clone()),
            false,
        );
        let mut terminal = Vec::new();
        let copied = clipboard.copy("“words” — A", &mut terminal);
        assert_eq!(copied, Copied::System);
        assert_eq!(copied.message(), "copied to the system clipboard");
        assert!(terminal.is_empty());
        assert!(!file.exists());
    }

    #[test]
    fn without_one_the_text_goes_to_a_named_file_and_to_the_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state").join("copied.txt");
        for system in [None, Some(Box::new(Refusing) as Box<dyn SystemClipboard>)] {
            let mut clipboard = Clipboard::with(system, Some(file.clone()), true);
            let mut terminal = Vec::new();
            let copied = clipboard.copy("“words” — A", &mut terminal);
            assert_eq!(std::fs::read_to_string(&file).unwrap(), "“words” — A");
            assert_eq!(String::from_utf8(terminal).unwrap(), osc52("“words” — A"));
            let message = copied.message();
            assert!(message.contains(&file.display().to_string()), "{message}");
            assert!(message.contains("set-clipboard on"), "{message}");
            assert!(!message.starts_with("copied"), "{message}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_is_said_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        let mut clipboard = Clipboard::with(None, Some(blocker.join("copied.txt")), false);
        let mut terminal = Vec::new();
        let copied = clipboard.copy("x", &mut terminal);
        assert!(matches!(copied, Copied::TerminalOnly { .. }), "{copied:?}");
        assert!(
            copied.message().starts_with("not copied for certain"),
            "{}",
            copied.message()
        );
        assert!(!terminal.is_empty());
    }
}
