//! Loading a briefing off the UI thread: the first load and every reload go
//! through [`load`], run on a thread of its own by [`spawn`], so a large
//! archive, a slow `text_file` check or a file that never ends can hold up
//! only that thread, never the keyboard.
//!
//! A reload first asks whether the file's content changed since the
//! version on screen ([`Fingerprint`]): size, modification time and a hash
//! of the bytes, so that a program that only reads the file, or a save
//! that writes the same bytes, costs no reload.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::briefing::articles::Articles;
use crate::briefing::diagnostic::render;
use crate::briefing::{Briefing, Document, FileError, Invalid, load as check};
use crate::diff::Since;
use crate::search::Index;

/// What a briefing file's content was when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

/// A file modified this recently may be written again within the same
/// tick of the file system's clock, leaving size and time as they were:
/// its bytes are compared even when both match (git's "racily clean" rule).
const RACY: Duration = Duration::from_secs(2);

impl Fingerprint {
    fn of(metadata: &std::fs::Metadata, text: &str) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        Fingerprint {
            size: metadata.len(),
            modified: metadata.modified().ok(),
            hash: hasher.finish(),
        }
    }

    /// Whether the file's size and time alone show it is unchanged.
    fn same_stamp(&self, metadata: &std::fs::Metadata, now: SystemTime) -> bool {
        let modified = metadata.modified().ok();
        let settled = modified
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > RACY);
        settled && self.size == metadata.len() && self.modified == modified
    }
}

/// What to load: a file, or the briefing built into parley.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRequest {
    /// Which request this is: the answer to an older one is dropped.
    pub generation: u64,
    /// `None`: the embedded briefing.
    pub path: Option<PathBuf>,
    pub max_bytes: u64,
    /// The content on screen: when the file still holds it, nothing is
    /// loaded. `None` loads whatever the file holds.
    pub known: Option<Fingerprint>,
}

/// A briefing ready to show: checked, indexed for search.
pub struct Fresh {
    /// How messages and the status bar name the file.
    pub name: String,
    pub briefing: Arc<Briefing>,
    pub index: Arc<Index>,
    /// The sources' texts, read from the briefing's folder.
    pub articles: Arc<Articles>,
    /// `None` for the embedded briefing.
    pub fingerprint: Option<Fingerprint>,
    /// What moved since an earlier round (`--since`), when asked for with
    /// the load: computed on the loader's thread, as the index is.
    pub compared: Option<Box<Compared>>,
    /// What moved since this briefing, when it was loaded as the earlier
    /// round of another (`D` in a folder): computed here too, so the key
    /// press that asked costs the screen nothing.
    pub compared_as_earlier: Option<Box<Compared>>,
}

/// A briefing compared with another round.
pub struct Compared {
    /// The other round: the comparison holds only with this very one.
    pub against: Arc<Briefing>,
    pub since: Since,
}

impl Fresh {
    /// Compares the fresh briefing with `old` (on the thread that loaded it).
    pub fn compare_with(&mut self, old: Arc<Briefing>) {
        let since = Since::new(&old, &self.briefing);
        self.compared = Some(Box::new(Compared {
            against: old,
            since,
        }));
    }

    /// Compares `newer` with the fresh briefing as its earlier round (on
    /// the thread that loaded it).
    pub fn compare_as_earlier_round_of(&mut self, newer: Arc<Briefing>) {
        let since = Since::new(&self.briefing, &newer);
        self.compared_as_earlier = Some(Box::new(Compared {
            against: newer,
            since,
        }));
    }
}

/// Why a briefing could not be loaded.
pub enum LoadError {
    /// The file could not be taken in as text.
    File(FileError),
    /// The text broke the format's rules.
    Invalid(Box<(Document, Invalid)>),
}

impl LoadError {
    /// The first problem, as one `file:line:column: message` line.
    pub fn first_line(&self) -> String {
        match self {
            LoadError::File(error) => error.to_string(),
            LoadError::Invalid(failed) => {
                let (document, invalid) = &**failed;
                let Some(first) = invalid.errors().next() else {
                    return format!("{}: invalid briefing", document.name);
                };
                let rendered = render(&document.name, &document.text, std::slice::from_ref(first));
                rendered
                    .lines()
                    .next()
                    .unwrap_or("invalid briefing")
                    .to_string()
            }
        }
    }
}

/// What a load came to.
pub enum Outcome {
    Loaded(Fresh),
    /// The file holds what is on screen; this is its fingerprint now.
    Unchanged(Fingerprint),
    Failed(LoadError),
}

/// Reads, checks and indexes a briefing; a file whose content matches
/// `request.known` is only looked at.
pub fn load(request: &LoadRequest) -> Outcome {
    let Some(path) = &request.path else {
        return match check(&Document::embedded()) {
            Ok(loaded) => fresh(&Document::embedded(), loaded.briefing, None),
            Err(invalid) => Outcome::Failed(LoadError::Invalid(Box::new((
                Document::embedded(),
                invalid,
            )))),
        };
    };
    // Taken before reading, so a write during the read leaves a newer time
    // for the next look.
    let metadata = std::fs::metadata(path).ok();
    if let (Some(known), Some(metadata)) = (&request.known, &metadata)
        && known.same_stamp(metadata, SystemTime::now())
    {
        return Outcome::Unchanged(*known);
    }
    let mut document = match Document::read(path, request.max_bytes) {
        Ok(document) => document,
        Err(error) => return Outcome::Failed(LoadError::File(error)),
    };
    let fingerprint = metadata.map(|metadata| Fingerprint::of(&metadata, &document.text));
    if let (Some(known), Some(now)) = (&request.known, fingerprint)
        && known.hash == now.hash
        && known.size == now.size
    {
        return Outcome::Unchanged(now);
    }
    // A briefing opened through a symbolic link reads its `text_file`s
    // beside the file the link points to, where the articles are.
    if let Some(folder) = target_folder(path).filter(|_| !crate::briefing::bounded::is_stdin(path))
    {
        document.dir = Some(folder.into());
    }
    match check(&document) {
        Ok(loaded) => fresh(&document, loaded.briefing, fingerprint),
        Err(invalid) => Outcome::Failed(LoadError::Invalid(Box::new((document, invalid)))),
    }
}

/// The folder of the file `path` names, after following symbolic links.
pub fn target_folder(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path)
        .ok()?
        .parent()
        .map(Path::to_path_buf)
}

/// A loaded briefing indexed, and its sources' texts read from beside it.
fn fresh(document: &Document, briefing: Briefing, fingerprint: Option<Fingerprint>) -> Outcome {
    let articles = Arc::new(Articles::read(&briefing, document.dir.as_ref()));
    let briefing = Arc::new(briefing);
    let index = Arc::new(Index::new(Arc::clone(&briefing)));
    Outcome::Loaded(Fresh {
        name: document.name.clone(),
        briefing,
        index,
        articles,
        fingerprint,
        compared: None,
        compared_as_earlier: None,
    })
}

/// Runs [`load`] on a thread of its own and hands the outcome to `done`;
/// with `old`, a loaded briefing comes compared with it. A load that never
/// finishes (a file that never ends) holds only its thread; the answer of
/// a newer request makes its answer stale anyway.
pub fn spawn(
    request: LoadRequest,
    old: Option<Arc<Briefing>>,
    done: impl FnOnce(u64, Outcome) + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut outcome = load(&request);
        if let (Outcome::Loaded(fresh), Some(old)) = (&mut outcome, old) {
            fresh.compare_with(old);
        }
        done(request.generation, outcome);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const BRIEFING: &str = "format = 1\n[briefing]\ntitle = \"Talks\"\nas_of = 2026-01-23\n\n[[sources]]\nid = \"s1\"\noutlet = \"Wire\"\n\n[[parties]]\nid = \"ua\"\nname = \"Ukraine\"\n\n[[parties.positions]]\ntext = \"No.\"\nred_line = true\nsources = [\"s1\"]\n";

    fn request(path: &Path, known: Option<Fingerprint>) -> LoadRequest {
        LoadRequest {
            generation: 1,
            path: Some(path.to_path_buf()),
            max_bytes: 1 << 20,
            known,
        }
    }

    fn loaded(outcome: Outcome) -> Fresh {
        match outcome {
            Outcome::Loaded(fresh) => fresh,
            Outcome::Unchanged(_) => panic!("expected a load, got unchanged"),
            Outcome::Failed(error) => panic!("expected a load, got {}", error.first_line()),
        }
    }

    /// Sets a file's modification time, as if written `age` ago.
    fn age(path: &Path, age: Duration) {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn an_unchanged_file_is_not_loaded_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, BRIEFING).unwrap();
        age(&path, Duration::from_secs(60));
        let first = loaded(load(&request(&path, None)));
        let known = first.fingerprint.unwrap();
        assert_eq!(known.size, BRIEFING.len() as u64);

        // Read by another program: size and time are as they were.
        let _ = std::fs::read(&path).unwrap();
        assert!(matches!(
            load(&request(&path, Some(known))),
            Outcome::Unchanged(now) if now == known
        ));

        // Saved again with the same bytes: a new time, the same content.
        std::fs::write(&path, BRIEFING).unwrap();
        let Outcome::Unchanged(now) = load(&request(&path, Some(known))) else {
            panic!("the same bytes are not a change")
        };
        assert_eq!(now.hash, known.hash);
        assert_ne!(now.modified, known.modified, "the new time is kept");
    }

    #[test]
    fn a_change_is_loaded_even_with_the_same_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, BRIEFING).unwrap();
        let known = loaded(load(&request(&path, None))).fingerprint.unwrap();
        // Same length, same time: only the bytes tell (a save within one
        // tick of the clock).
        std::fs::write(&path, BRIEFING.replace("Talks", "Tolks")).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(known.modified.unwrap()).unwrap();
        let fresh = loaded(load(&request(&path, Some(known))));
        assert_eq!(fresh.briefing.meta.title, "Tolks");
        assert_ne!(fresh.fingerprint.unwrap().hash, known.hash);
    }

    #[test]
    fn a_broken_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.toml");
        std::fs::write(&path, BRIEFING.replace("red_line = true", "red_line = 3")).unwrap();
        let Outcome::Failed(error) = load(&request(&path, None)) else {
            panic!("an invalid file loaded")
        };
        let line = error.first_line();
        assert!(line.contains("b.toml:16:"), "{line}");
        let Outcome::Failed(error) = load(&request(&dir.path().join("gone.toml"), None)) else {
            panic!("a missing file loaded")
        };
        assert!(error.first_line().contains("no such file"));
    }

    #[test]
    fn a_symlinked_briefing_reads_its_text_files_beside_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir(&articles).unwrap();
        let with_text = BRIEFING.replace(
            "outlet = \"Wire\"",
            "outlet = \"Wire\"\ntext_file = \"s1.txt\"",
        ) + "\n[[quotes]]\nspeaker = \"A\"\nparty = \"ua\"\ntext = \"No deal today\"\nsource = \"s1\"\n";
        std::fs::write(articles.join("b.toml"), with_text).unwrap();
        std::fs::write(articles.join("s1.txt"), "He said: No deal today.").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(articles.join("b.toml"), &link).unwrap();
        let fresh = loaded(load(&request(&link, None)));
        assert_eq!(fresh.briefing.quotes.len(), 1);
        assert_eq!(fresh.name, link.display().to_string(), "named as opened");
    }
}
