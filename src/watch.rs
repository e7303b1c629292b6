//! Following saves to the briefing file. File system events where they can
//! be had, polling where they cannot (`--poll`, a file system without
//! events, the watch limit reached, a folder that cannot be read).
//!
//! Only events that can change the file's content count: a program that
//! merely opens or reads the file (`cat`, `parley check`, parley's own
//! reload) must not look like a save, or each reload would set off the next.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Duration;

use std::os::unix::fs::MetadataExt;

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file must be quiet before a change is reported: editors
/// write a file in several steps.
pub const SETTLE: Duration = Duration::from_millis(200);

/// How often polling looks at the file.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// A running watch; dropping it stops it.
pub struct Watch {
    _running: Running,
    /// Said in the status bar when the watch is not the usual kind.
    pub note: Option<String>,
}

/// Held for what dropping it does: the watch ends.
enum Running {
    Events {
        _watcher: RecommendedWatcher,
    },
    /// Dropping the sender stops the polling thread.
    Polling {
        _stop: Sender<()>,
    },
}

/// Follows `path` (through a symbolic link, to its target too) and calls
/// `changed` once a change has settled. With `poll`, or when events cannot
/// be had, looks at the file every [`POLL_EVERY`] instead.
pub fn start(
    path: &Path,
    poll: bool,
    changed: impl Fn() + Send + 'static,
) -> Result<Watch, notify::Error> {
    let (raw, settled) = channel::<()>();
    std::thread::spawn(move || {
        // One report per burst: wait for the first event, then for quiet.
        while settled.recv().is_ok() {
            loop {
                match settled.recv_timeout(SETTLE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            changed();
        }
    });
    if poll {
        return Ok(Watch {
            _running: polling(path, raw),
            note: Some(format!(
                "following the file by polling every {} s (--poll)",
                POLL_EVERY.as_secs()
            )),
        });
    }
    match Interesting::of(path).and_then(|interesting| with_events(&interesting, raw.clone())) {
        Ok(watcher) => Ok(Watch {
            _running: Running::Events { _watcher: watcher },
            note: None,
        }),
        Err(error) => Ok(Watch {
            _running: polling(path, raw),
            note: Some(format!(
                "following the file by polling every {} s: its folder cannot be watched ({})",
                POLL_EVERY.as_secs(),
                reason(&error)
            )),
        }),
    }
}

/// The paths whose changes count: the file as named and, when that is a
/// symbolic link, the file it points to.
struct Interesting {
    files: Vec<PathBuf>,
}

impl Interesting {
    fn of(path: &Path) -> Result<Interesting, notify::Error> {
        let named = std::path::absolute(path).map_err(notify::Error::io)?;
        let mut files = vec![named.clone()];
        if let Ok(target) = std::fs::canonicalize(&named)
            && target != named
        {
            files.push(target);
        }
        Ok(Interesting { files })
    }

    /// The folders to watch: a save by rename (as vim does) replaces the
    /// file, which a watch on the file itself would lose.
    fn folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        for file in &self.files {
            let folder = file.parent().unwrap_or(Path::new("/")).to_path_buf();
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        folders
    }

    fn touches(&self, event: &notify::Event) -> bool {
        event.paths.iter().any(|p| self.files.contains(p))
    }
}

fn with_events(
    interesting: &Interesting,
    raw: Sender<()>,
) -> Result<RecommendedWatcher, notify::Error> {
    let files = Interesting {
        files: interesting.files.clone(),
    };
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result
            && changes_content(&event.kind)
            && files.touches(&event)
        {
            let _ = raw.send(());
        }
    })?;
    for folder in interesting.folders() {
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
    }
    Ok(watcher)
}

/// Polling looks at the file itself (through a link, at its target): that
/// needs only the right to look it up, not to read its folder. It compares
/// size, inode and the modification time to the nanosecond (notify's
/// `PollWatcher` keeps whole seconds, and misses a save in the same second
/// as the one before).
fn polling(path: &Path, raw: Sender<()>) -> Running {
    let (stop, stopped) = channel::<()>();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let stamp = || {
            std::fs::metadata(&path)
                .ok()
                .map(|m| (m.len(), m.ino(), m.dev(), m.modified().ok()))
        };
        let mut last = stamp();
        while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(POLL_EVERY) {
            let now = stamp();
            if now != last {
                last = now;
                if raw.send(()).is_err() {
                    return;
                }
            }
        }
    });
    Running::Polling { _stop: stop }
}

/// Whether an event can mean new content: written, created, removed,
/// renamed. Opening, reading and closing after a read cannot; nor can a
/// change of permissions.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(metadata)) => *metadata == MetadataKind::WriteTime,
        EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_) => true,
        // Unknown, or events were lost (a queue overflow): look again.
        EventKind::Any | EventKind::Other => true,
    }
}

fn reason(error: &notify::Error) -> String {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => "the system's limit of watches is reached".into(),
        notify::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied".into()
        }
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::Receiver;

    use super::*;

    /// Long enough for a change to settle and be reported; bounds a wait,
    /// measures nothing.
    const PATIENCE: Duration = Duration::from_secs(10);
    /// How long to listen for a report that must not come.
    const QUIET: Duration = Duration::from_millis(1_000);

    fn watching(path: &Path, poll: bool) -> (Watch, Receiver<()>) {
        let (changed, reports) = channel();
        let watch = start(path, poll, move || {
            let _ = changed.send(());
        })
        .unwrap();
        (watch, reports)
    }

    #[test]
    fn reading_the_file_is_not_a_change_writing_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, "one").unwrap();
        let (watch, reports) = watching(&path, false);
        assert_eq!(watch.note, None, "events, not polling");

        for _ in 0..5 {
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        }
        assert!(
            reports.recv_timeout(QUIET).is_err(),
            "a read was taken for a save"
        );

        std::fs::write(&path, "two").unwrap();
        reports.recv_timeout(PATIENCE).expect("a save is reported");
        assert!(reports.recv_timeout(QUIET).is_err(), "one save, one report");

        // A save by rename, and another file in the folder, which is not ours.
        std::fs::write(dir.path().join("other.toml"), "x").unwrap();
        assert!(reports.recv_timeout(QUIET).is_err(), "another file changed");
        std::fs::write(dir.path().join(".b.toml.swp"), "three").unwrap();
        std::fs::rename(dir.path().join(".b.toml.swp"), &path).unwrap();
        reports
            .recv_timeout(PATIENCE)
            .expect("a rename save is reported");
    }

    #[test]
    fn a_symlinked_briefing_follows_edits_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("articles");
        std::fs::create_dir(&elsewhere).unwrap();
        let target = elsewhere.join("b.toml");
        std::fs::write(&target, "one").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (_watch, reports) = watching(&link, false);
        std::fs::write(&target, "two").unwrap();
        reports
            .recv_timeout(PATIENCE)
            .expect("an edit to the target is reported");
    }

    #[test]
    fn polling_reports_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, "one").unwrap();
        let (watch, reports) = watching(&path, true);
        assert!(watch.note.unwrap().contains("polling"));
        let _ = std::fs::read(&path).unwrap();
        assert!(
            reports.recv_timeout(POLL_EVERY * 2).is_err(),
            "a read is not a save"
        );
        // Within the same second as the file was made.
        std::fs::write(&path, "two").unwrap();
        reports.recv_timeout(PATIENCE).expect("a save is reported");
    }
}
