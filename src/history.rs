//! Search query history: what a person searched for, oldest first, walked
//! with Up and Down and kept across sessions in the user's state folder.
//!
//! The file is plain text, one query per line, newest last. Saving reads
//! the file again and adds this session's queries to what is there, so two
//! parley windows keep each other's queries; it holds a lock beside the
//! file meanwhile, and writes whole to a temporary file renamed over the
//! old one, so a crash mid-write never leaves half a history. A missing
//! file is an empty history; bytes that are not UTF-8 are read lossily;
//! anything but a regular file, or a file far larger than a history can
//! grow, is refused; nothing here panics.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Queries kept at most; the oldest go first.
pub const CAP: usize = 500;

/// A history file larger than this is not one parley wrote: the cap of
/// queries at the longest query the search line holds, with room to spare.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Where [`History::save`] writes; `None` keeps the history in memory only.
    path: Option<PathBuf>,
    entries: Vec<String>,
    /// While walking: the entry shown.
    walk: Option<usize>,
    /// What was typed before the walk began.
    typed: String,
    /// The queries recorded since the file was read: what saving adds to it.
    added: Vec<String>,
}

/// `$XDG_STATE_HOME/parley/history`, or `~/.local/state/parley/history`;
/// `None` when neither variable gives an absolute folder.
pub fn default_path() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let state = absolute("XDG_STATE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".local").join("state")))?;
    Some(state.join("parley").join("history"))
}

impl History {
    /// An empty history that is never written anywhere.
    pub fn in_memory() -> History {
        History::default()
    }

    /// Reads the history at `path`; a file that does not exist yet is an
    /// empty history. Any other read error is returned: the caller can go
    /// on with [`History::in_memory`].
    pub fn load(path: impl Into<PathBuf>) -> std::io::Result<History> {
        let path = path.into();
        let entries = read_entries(&path)?;
        let mut history = History {
            path: Some(path),
            entries,
            ..History::default()
        };
        history.trim_to_cap();
        Ok(history)
    }

    /// The file this history is saved to, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Every query, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Records a query that was run. Blank queries and a repeat of the
    /// latest one are not recorded; line breaks become spaces. Ends a walk.
    pub fn push(&mut self, query: &str) {
        self.walk = None;
        let query = query.replace(['\n', '\r'], " ");
        if query.trim().is_empty() || self.entries.last() == Some(&query) {
            return;
        }
        self.entries.push(query.clone());
        self.added.push(query);
        self.trim_to_cap();
    }

    fn trim_to_cap(&mut self) {
        let excess = self.entries.len().saturating_sub(CAP);
        self.entries.drain(..excess);
    }

    /// One step back (Up): the query before the one shown, staying at the
    /// oldest. `typed` is the search line's text, given back by
    /// [`History::next`] after the newest entry. `None` when the history is empty.
    pub fn previous(&mut self, typed: &str) -> Option<&str> {
        let at = match self.walk {
            None => {
                let newest = self.entries.len().checked_sub(1)?;
                self.typed = typed.to_string();
                newest
            }
            Some(at) => at.saturating_sub(1),
        };
        self.walk = Some(at);
        Some(&self.entries[at])
    }

    /// One step forward (Down): the next newer query, or, past the newest,
    /// what was typed before walking began (and the walk ends). `None` when
    /// not walking.
    #[allow(
        clippy::should_implement_trait,
        reason = "the pair of previous, not an iterator"
    )]
    pub fn next(&mut self) -> Option<&str> {
        let at = self.walk? + 1;
        if at < self.entries.len() {
            self.walk = Some(at);
            return Some(&self.entries[at]);
        }
        self.walk = None;
        Some(&self.typed)
    }

    /// Ends a walk without changing anything (the line was edited or left).
    pub fn stop_walking(&mut self) {
        self.walk = None;
    }

    /// Adds the queries recorded since the file was read to what the file
    /// holds now (another window may have saved meanwhile) and writes the
    /// result, creating the folder if needed: to a temporary file in the
    /// same folder first, then renamed over the old one, under a lock so
    /// two windows saving at once both count. Does nothing for an in-memory
    /// history.
    pub fn save(&mut self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder)?;
        let mut lock_name = path.file_name().unwrap_or_default().to_os_string();
        lock_name.push(".lock");
        let lock = std::fs::File::create(folder.join(lock_name))?;
        lock.lock()?;
        let mut merged = read_entries(path)?;
        for query in &self.added {
            if merged.last() != Some(query) {
                merged.push(query.clone());
            }
        }
        let excess = merged.len().saturating_sub(CAP);
        merged.drain(..excess);
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        for entry in &merged {
            writeln!(file, "{entry}")?;
        }
        file.as_file().sync_all()?;
        file.persist(path).map_err(|e| e.error)?;
        self.entries = merged;
        self.added.clear();
        self.walk = None;
        Ok(())
    }
}

/// The queries in the file at `path`, oldest first; none when it does not
/// exist. Only a regular file is read (a FIFO would block), and at most
/// [`MAX_BYTES`].
fn read_entries(path: &Path) -> std::io::Result<Vec<String>> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{} is larger than {MAX_BYTES} bytes: not a search history",
                path.display()
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::FileTypeExt;

    use super::*;

    fn with(queries: &[&str]) -> History {
        let mut history = History::in_memory();
        queries.iter().for_each(|q| history.push(q));
        history
    }

    #[test]
    fn push_skips_blanks_and_consecutive_repeats() {
        let history = with(&["land", "land", "  ", "", "ushakov", "land", "a\nb"]);
        assert_eq!(history.entries(), ["land", "ushakov", "land", "a b"]);
    }

    #[test]
    fn keeps_the_newest_500() {
        let queries: Vec<String> = (0..600).map(|i| format!("q{i}")).collect();
        let mut history = History::in_memory();
        queries.iter().for_each(|q| history.push(q));
        assert_eq!(history.entries().len(), CAP);
        assert_eq!(history.entries()[0], "q100");
        assert_eq!(history.entries()[CAP - 1], "q599");
    }

    #[test]
    fn walks_back_and_forth_and_gives_back_what_was_typed() {
        let mut history = with(&["one", "two", "three"]);
        assert_eq!(history.next(), None, "not walking yet");
        assert_eq!(history.previous("dra"), Some("three"));
        assert_eq!(history.previous("ignored"), Some("two"));
        assert_eq!(history.previous(""), Some("one"));
        assert_eq!(history.previous(""), Some("one"), "stays at the oldest");
        assert_eq!(history.next(), Some("two"));
        assert_eq!(history.next(), Some("three"));
        assert_eq!(history.next(), Some("dra"));
        assert_eq!(history.next(), None);
        assert_eq!(History::in_memory().previous("x"), None);
    }

    #[test]
    fn saves_atomically_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("parley").join("history");
        let mut history = History::load(&path).unwrap();
        assert!(
            history.entries().is_empty(),
            "a missing file is an empty history"
        );
        history.push("anchorage formula");
        history.push("by:ushakov");
        history.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "anchorage formula\nby:ushakov\n"
        );
        let mut files: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|f| f.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        assert_eq!(
            files,
            ["history", "history.lock"],
            "no temporary file left behind"
        );
        let again = History::load(&path).unwrap();
        assert_eq!(again.entries(), ["anchorage formula", "by:ushakov"]);
    }

    #[test]
    fn two_windows_keep_each_others_queries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history");
        std::fs::write(&path, "older\n").unwrap();
        let mut first = History::load(&path).unwrap();
        let mut second = History::load(&path).unwrap();
        first.push("from the first");
        second.push("from the second");
        second.push("older");
        first.save().unwrap();
        second.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "older\nfrom the first\nfrom the second\nolder\n"
        );
        assert_eq!(second.entries().len(), 4, "the window sees what it saved");

        // Saving again adds nothing twice.
        second.save().unwrap();
        first.push("later");
        first.save().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "older\nfrom the first\nfrom the second\nolder\nlater\n"
        );
    }

    #[test]
    fn a_fifo_or_a_huge_file_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("history");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(History::load(&fifo).is_err(), "a FIFO is not read");
        let mut history = History::in_memory();
        history.path = Some(fifo.clone());
        history.push("q");
        assert!(history.save().is_err(), "nor replaced");
        assert!(fifo.metadata().unwrap().file_type().is_fifo());

        let huge = dir.path().join("huge");
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(MAX_BYTES + 1)
            .unwrap();
        assert!(History::load(&huge).is_err());
    }

    #[test]
    fn survives_corrupt_and_unreadable_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history");
        std::fs::write(&path, b"good\n\xff\xfe bad\n\n").unwrap();
        let history = History::load(&path).unwrap();
        assert_eq!(history.entries(), ["good", "\u{fffd}\u{fffd} bad"]);

        assert!(
            History::load(dir.path()).is_err(),
            "a folder is not a history file"
        );
        let mut unwritable = History::load(dir.path().join("sub").join("history")).unwrap();
        std::fs::write(dir.path().join("sub"), "a file where the folder should be").unwrap();
        unwritable.push("q");
        assert!(unwritable.save().is_err());
        assert_eq!(unwritable.entries(), ["q"], "still works in memory");
    }

    #[test]
    fn default_path_follows_xdg_state_home() {
        let path = default_path();
        if let Some(path) = path {
            assert!(path.ends_with("parley/history"));
        }
    }
}
