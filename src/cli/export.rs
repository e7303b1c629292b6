//! `parley export [FILE] --format markdown|json|html [--output PATH]`: the
//! briefing as a memo, as JSON or as a web page, on standard output or in a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::read_and_load;
use super::exit;
use crate::briefing::{Briefing, TextFolder, bounded};
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
/// `out` when there is none or it is `-`; problems go to `err`. Returns the
/// exit status: 1 for an invalid briefing, 2 for a file that cannot be read
/// or written.
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
    let written = match output.filter(|path| *path != Path::new("-")) {
        None => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // A reader that stopped early (`| head`) is not an error.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            result => result.map_err(|e| format!("cannot write to standard output: {e}")),
        },
        Some(path) => {
            let read = files_read(file, &briefing);
            write_output(path, &read, text.as_bytes())
                .map_err(|reason| format!("{}: cannot write: {reason}", path.display()))
        }
    };
    match written {
        Ok(()) => exit::OK,
        Err(message) => {
            let _ = writeln!(err, "{}", sanitize_inline(&message));
            exit::USAGE
        }
    }
}

/// The files an export of `file` read: the briefing and its sources'
/// texts. None of them may be the output.
fn files_read(file: Option<&Path>, briefing: &Briefing) -> Vec<PathBuf> {
    let Some(file) = file.filter(|f| !bounded::is_stdin(f)) else {
        return Vec::new();
    };
    // Text files sit beside the file a linked briefing points to.
    let resolved = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let texts = TextFolder::from(folder(&resolved));
    let text_files = briefing
        .sources
        .iter()
        .filter_map(|source| texts.path_of(source.text_file.as_deref()?));
    std::iter::once(file.to_path_buf())
        .chain(text_files)
        .collect()
}

/// Writes `contents` to `path` without ever destroying what is there:
/// - a regular file, or a new path, is replaced through a temporary file in
///   the same folder and an atomic rename (it holds either its old contents
///   or the new ones, never a part), keeping its permissions;
/// - a symbolic link to a regular file has its target replaced (the link
///   stays a link); a dangling link is refused;
/// - a character device (`/dev/null`, a terminal), a FIFO, or a file named
///   by its descriptor (`/dev/stdout`) is written through, as a shell's `>`
///   would;
/// - anything else (a folder, a socket, a block device) is refused.
///
/// Refuses to write over any file the export read (`read`).
fn write_output(path: &Path, read: &[PathBuf], contents: &[u8]) -> Result<(), String> {
    if read
        .first()
        .is_some_and(|briefing| same_file(briefing, path))
    {
        return Err(
            "that is the briefing being exported; parley never writes to a briefing file".into(),
        );
    }
    if read.iter().skip(1).any(|text| same_file(text, path)) {
        return Err(
            "that is one of the briefing's text files; parley never writes to a file it reads"
                .into(),
        );
    }
    if names_a_descriptor(path) {
        // `-o /dev/stdout` into a file the shell opened: write to that open
        // file, never rename over it.
        return write_through(path, contents).map_err(|error| reason(path, &error));
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let kind = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.file_type()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && is_link => {
            return Err("is a symbolic link to a file that does not exist; parley does not create files through a dangling link (remove the link, or point it at a file)".into());
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(reason(path, &error)),
    };
    match kind {
        None => replace_file(path, |file| file.write_all(contents))
            .map_err(|error| reason(path, &error)),
        Some(kind) if kind.is_file() => {
            // Through a symlink to the file it names, so the link stays a link.
            let target = match is_link {
                true => std::fs::canonicalize(path).map_err(|error| reason(path, &error))?,
                false => path.to_path_buf(),
            };
            replace_file(&target, |file| file.write_all(contents))
                .map_err(|error| reason(&target, &error))
        }
        Some(kind) if kind.is_dir() => Err("is a directory".into()),
        Some(kind) if is_stream(&kind) => {
            write_through(path, contents).map_err(|error| reason(path, &error))
        }
        Some(kind) => Err(format!(
            "is {}; parley writes only to regular files, character devices and FIFOs",
            bounded::special_kind(&kind)
        )),
    }
}

fn reason(target: &Path, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => {
            format!("the folder {} does not exist", folder(target).display())
        }
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`: a file
/// already open in parley, whatever it is.
fn names_a_descriptor(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
        || path == Path::new("/dev/stderr")
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc/self/fd")
}

/// A character device or a FIFO: written to, never replaced.
fn is_stream(kind: &std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        false
    }
}

/// Writes into an existing device, FIFO or open file as it is: no
/// temporary file, no truncation, no creation; appended, so a file the
/// shell opened with `>>` keeps what it held.
fn write_through(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut stream = std::fs::File::options().append(true).open(target)?;
    stream.write_all(contents)?;
    stream.flush()
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
            let error = write_output(output, std::slice::from_ref(&briefing), b"memo").unwrap_err();
            assert!(error.contains("never writes to a briefing file"), "{error}");
        }
        assert_eq!(std::fs::read_to_string(&briefing).unwrap(), "format = 1");
    }
}
