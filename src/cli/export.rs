//! `parley export [FILE] --format markdown|json|html [--output PATH]`: the
//! briefing as a memo, as JSON or as a web page, on standard output or in a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::read_and_load;
use super::exit;
use crate::export::{html, json, markdown};
use crate::text::sanitize_inline;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A briefing memo to paste into a report.
    #[default]
    #[value(alias = "md")]
    Markdown,
    /// The whole loaded briefing as one JSON document.
    Json,
    /// One self-contained HTML page, for a browser, email or print.
    Html,
}

/// Exports `file` (the embedded briefing when `None`) to `output`, or to
/// `out` when there is none; problems go to `err`. Returns the exit status:
/// 1 for an invalid briefing, 2 for a file that cannot be read or written.
pub fn run(
    file: Option<&Path>,
    format: Format,
    output: Option<&Path>,
    max_bytes: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let briefing = match read_and_load(file, max_bytes, err) {
        Ok((_, briefing)) => briefing,
        Err(status) => return status,
    };
    let text = match format {
        Format::Markdown => markdown::render(&briefing),
        Format::Json => json::render(&briefing),
        Format::Html => html::render(
            &briefing,
            &html::source_texts(&briefing, file.and_then(Path::parent)),
        ),
    };
    let written = match output {
        None => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // A reader that stopped early (`| head`) is not an error.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            result => result.map_err(|e| format!("cannot write to standard output: {e}")),
        },
        Some(path) => write_output(path, file, text.as_bytes())
            .map_err(|reason| format!("{}: cannot write: {reason}", path.display())),
    };
    match written {
        Ok(()) => exit::OK,
        Err(message) => {
            let _ = writeln!(err, "{}", sanitize_inline(&message));
            exit::USAGE
        }
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// and an atomic rename: `path` holds either its old contents or the new
/// ones, never a part. Refuses to write over the briefing being exported.
fn write_output(path: &Path, input: Option<&Path>, contents: &[u8]) -> Result<(), String> {
    if input.is_some_and(|input| same_file(input, path)) {
        return Err(
            "that is the briefing being exported; parley never writes to a briefing file".into(),
        );
    }
    // Through a symlink to the file it names, so the link stays a link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if target.is_dir() {
        return Err("is a directory".into());
    }
    replace_file(&target, |file| file.write_all(contents)).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => {
            format!("the folder {} does not exist", folder(&target).display())
        }
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    })
}

/// Replaces `target` with what `write` puts in a new temporary file beside
/// it. On any failure the temporary file is removed and `target` untouched.
/// A new file gets the usual permissions (0666 less the umask), a replaced
/// one keeps its own.
fn replace_file(
    target: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let existing = std::fs::metadata(target).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".parley-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder(target))?;
    write(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether two paths name one file (through symlinks, `..` or hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(a), Ok(b)) = (std::fs::canonicalize(a), std::fs::canonicalize(b)) else {
        return false;
    };
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(&a), std::fs::metadata(&b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("memo.md");
        std::fs::write(&target, "old memo").unwrap();
        let result = replace_file(&target, |file| {
            file.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old memo");
        assert_eq!(files_in(dir.path()), ["memo.md"]);
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("memo.md");
        std::fs::write(&target, "old").unwrap();
        let mut readonly = std::fs::metadata(&target).unwrap().permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&target, readonly.clone()).unwrap();
        replace_file(&target, |file| file.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::metadata(&target).unwrap().permissions(), readonly);
    }

    #[cfg(unix)]
    #[test]
    fn the_briefing_is_never_the_output_even_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let briefing = dir.path().join("b.toml");
        std::fs::write(&briefing, "format = 1").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&briefing, &link).unwrap();
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&briefing, &hard).unwrap();
        let dotted = dir.path().join(".").join("b.toml");
        for output in [&briefing, &link, &hard, &dotted] {
            let error = write_output(output, Some(&briefing), b"memo").unwrap_err();
            assert!(error.contains("never writes to a briefing file"), "{error}");
        }
        assert_eq!(std::fs::read_to_string(&briefing).unwrap(), "format = 1");
    }
}
