//! A folder of briefings: one per round, or one per negotiation.

use std::path::{Path, PathBuf};

/// The briefings under a folder, and the `.toml` files passed over.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Folder {
    /// Files that hold a `[briefing]` table, in path order.
    pub briefings: Vec<PathBuf>,
    /// `.toml` files with no `[briefing]` table (a `Cargo.toml`, a theme).
    pub skipped: Vec<PathBuf>,
}

/// How much of a file is read to tell whether it is a briefing.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Every `*.toml` briefing under `dir`, recursively, passing over hidden
/// folders and `target/` (build output), and links to folders (so a link
/// cannot lead the walk outside `dir` or round in a circle).
pub fn briefings_in(dir: &Path) -> std::io::Result<Folder> {
    let mut folder = Folder::default();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0
                || !(entry.file_type().is_dir() && (name.starts_with('.') || name == "target"))
        });
    for entry in walk {
        let entry = entry.map_err(std::io::Error::other)?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        if is_briefing(path) {
            folder.briefings.push(path.to_path_buf());
        } else {
            folder.skipped.push(path.to_path_buf());
        }
    }
    Ok(folder)
}

/// A briefing has a `[briefing]` table near its top; reading the first
/// 64 KiB tells, without reading an archive whole.
fn is_briefing(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        // Unreadable: let the reader report why.
        return true;
    };
    let mut head = Vec::new();
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return true;
    }
    String::from_utf8_lossy(&head)
        .lines()
        .any(|line| line.trim() == "[briefing]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_briefings_recursively_and_passes_over_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let briefing = "format = 1\n[briefing]\ntitle = \"t\"\n";
        write("b.toml", briefing);
        write("rounds/a.toml", briefing);
        write("rounds/notes.md", briefing);
        write("Cargo.toml", "[package]\nname = \"x\"\n");
        write(".git/c.toml", briefing);
        write("target/d.toml", briefing);
        let folder = briefings_in(root).unwrap();
        assert_eq!(
            folder.briefings,
            [root.join("b.toml"), root.join("rounds/a.toml")]
        );
        assert_eq!(folder.skipped, [root.join("Cargo.toml")]);
    }
}
