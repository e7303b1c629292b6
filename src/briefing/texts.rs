//! Where a briefing's `text_file`s are read from: the folder the briefing
//! sits in, or, for the shipped briefing, the article texts built into the
//! binary. Either way a `text_file` is a relative path that stays inside
//! that folder: a briefing from someone else cannot make parley read (and
//! quote in its messages) `/etc/shadow` or `../../.ssh/id_ed25519`.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use super::bounded;

/// The shipped briefing's article texts, by the `text_file` path that names them.
const EMBEDDED_TEXTS: [(&str, &str); 5] = [
    (
        "abu-dhabi-2026-01/s000.txt",
        include_str!("../../briefings/abu-dhabi-2026-01/s000.txt"),
    ),
    (
        "abu-dhabi-2026-01/s001.txt",
        include_str!("../../briefings/abu-dhabi-2026-01/s001.txt"),
    ),
    (
        "abu-dhabi-2026-01/s002.txt",
        include_str!("../../briefings/abu-dhabi-2026-01/s002.txt"),
    ),
    (
        "abu-dhabi-2026-01/s003.txt",
        include_str!("../../briefings/abu-dhabi-2026-01/s003.txt"),
    ),
    (
        "abu-dhabi-2026-01/s004.txt",
        include_str!("../../briefings/abu-dhabi-2026-01/s004.txt"),
    ),
];

/// The folder a briefing's `text_file` paths are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextFolder {
    /// A folder on disk: the briefing file's own.
    Disk(PathBuf),
    /// The texts built into the binary with the shipped briefing.
    Embedded,
}

impl From<PathBuf> for TextFolder {
    fn from(path: PathBuf) -> Self {
        TextFolder::Disk(path)
    }
}

impl From<&Path> for TextFolder {
    fn from(path: &Path) -> Self {
        TextFolder::Disk(path.to_path_buf())
    }
}

impl From<&str> for TextFolder {
    fn from(path: &str) -> Self {
        TextFolder::Disk(path.into())
    }
}

impl TextFolder {
    /// The text `relative` names, at most `limit` bytes. The error says why
    /// it cannot be read and never holds anything of the file's contents.
    pub fn read(&self, relative: &str, limit: u64) -> Result<Cow<'static, str>, String> {
        let parts = relative_parts(relative)?;
        match self {
            TextFolder::Embedded => EMBEDDED_TEXTS
                .iter()
                .find(|(path, _)| Path::new(path).components().eq(parts.components()))
                .map(|(_, text)| Cow::Borrowed(*text))
                .ok_or_else(|| "no such text is built into parley".to_string()),
            TextFolder::Disk(folder) => read_inside(folder, &parts, limit).map(Cow::Owned),
        }
    }

    /// Where `relative` is on disk, if it is a path that may be read.
    pub fn path_of(&self, relative: &str) -> Option<PathBuf> {
        match self {
            TextFolder::Disk(folder) => Some(folder.join(relative_parts(relative).ok()?)),
            TextFolder::Embedded => None,
        }
    }
}

/// `relative` as a path of plain names (`.` dropped), or why it cannot
/// name a file inside the folder. `..` is refused outright: a path that
/// climbs out and back in is no path a person would write.
fn relative_parts(relative: &str) -> Result<PathBuf, String> {
    let path = Path::new(relative);
    if relative.is_empty() {
        return Err("the path is empty".into());
    }
    if path.is_absolute() || relative.starts_with(['/', '\\']) || path.has_root() {
        return Err(
            "an absolute path; a text_file is a path relative to the briefing's folder".into(),
        );
    }
    let mut parts = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                return Err(
                    "the path leaves the briefing's folder (`..`); a text_file must be inside it"
                        .into(),
                );
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(
                    "an absolute path; a text_file is a path relative to the briefing's folder"
                        .into(),
                );
            }
        }
    }
    if parts.as_os_str().is_empty() {
        return Err("the path names the briefing's folder, not a file".into());
    }
    Ok(parts)
}

/// Reads `folder/parts` after resolving symbolic links, refusing a file
/// that is not inside `folder` once they are resolved.
fn read_inside(folder: &Path, parts: &Path, limit: u64) -> Result<String, String> {
    let reason = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    };
    let root = std::fs::canonicalize(folder).map_err(reason)?;
    let target = std::fs::canonicalize(folder.join(parts)).map_err(reason)?;
    if !target.starts_with(&root) {
        return Err(
            "it is a symbolic link that leads out of the briefing's folder; a text_file must be inside it"
                .into(),
        );
    }
    bounded::read_to_string(&target, limit).map_err(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_name_a_text() {
        assert_eq!(
            relative_parts("./a/b.txt").unwrap(),
            PathBuf::from("a/b.txt")
        );
        for refused in ["", "/etc/passwd", "a/../../b", "..", ".", "\\x"] {
            assert!(relative_parts(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn the_embedded_texts_are_found_by_their_relative_path() {
        let text = TextFolder::Embedded
            .read("./abu-dhabi-2026-01/s000.txt", 1)
            .unwrap();
        assert_eq!(text, EMBEDDED_TEXTS[0].1);
        assert!(TextFolder::Embedded.read("s000.txt", 1).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "SECRET").unwrap();
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("article.txt"), "words").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), folder.path().join("out"))
            .unwrap();
        std::os::unix::fs::symlink("article.txt", folder.path().join("in")).unwrap();
        let texts = TextFolder::from(folder.path());
        let error = texts.read("out", 100).unwrap_err();
        assert!(
            error.contains("leads out of the briefing's folder"),
            "{error}"
        );
        assert_eq!(texts.read("in", 100).unwrap(), "words");
    }
}
