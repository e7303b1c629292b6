//! The one way parley reads a file a user or a briefing named: a briefing,
//! a `text_file`, a theme, the search history, the config file.
//!
//! A file's reported size proves nothing (pipes, `/proc` files and files
//! that grow while read report 0 or less than they hold), so the reader
//! takes at most the limit plus one byte and refuses the file when that
//! byte arrives. Only regular files are read: a FIFO, a device or a
//! directory is refused before a byte is read, and the file is opened
//! non-blocking so that a FIFO swapped in after the check cannot hang the
//! open. Standard input (a briefing given as `-` or `/dev/stdin`) is read
//! through the same limit.

use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// Default limits, by kind of file. A briefing's limit is `--max-size`.
pub mod limit {
    /// A briefing (`--max-size` changes it): room for archives of a million quotes.
    pub const BRIEFING: u64 = 256 * 1024 * 1024;
    /// A source's `text_file`: an article, or a long transcript.
    pub const TEXT_FILE: u64 = 64 * 1024 * 1024;
    /// A theme file: a few dozen colours.
    pub const THEME: u64 = 1024 * 1024;
    /// The search history: a thousand queries.
    pub const HISTORY: u64 = 4 * 1024 * 1024;
    /// The config file: settings and key bindings.
    pub const CONFIG: u64 = 1024 * 1024;
}

/// Whether `path` names standard input: `-`, or `/dev/stdin` (which is a
/// pipe or a terminal, never a regular file, so it could not be read as one).
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new("/dev/stdin")
}

/// Reads the regular file at `path` (following symbolic links), at most
/// `limit` bytes. Errors keep [`io::ErrorKind`]s callers can tell apart:
/// `NotFound`, `PermissionDenied`, `IsADirectory`, `FileTooLarge`, and
/// `InvalidInput` for a FIFO, device or socket.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    // Checked before opening: opening a device can have effects of its own.
    refuse_unless_regular(&std::fs::metadata(path)?.file_type())?;
    let file = open_nonblocking(path)?;
    // Checked again on what was opened: the path may have been swapped.
    refuse_unless_regular(&file.metadata()?.file_type())?;
    read_at_most(file, limit)
}

/// [`read`], as UTF-8 text (`InvalidData` when it is not).
pub fn read_to_string(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not valid UTF-8"))
}

/// Standard input, at most `limit` bytes.
pub fn read_stdin(limit: u64) -> io::Result<Vec<u8>> {
    read_at_most(io::stdin().lock(), limit)
}

/// Everything `reader` holds, or `FileTooLarge` as soon as it holds more
/// than `limit` bytes: never more than `limit + 1` bytes are kept.
pub fn read_at_most(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("more than the limit of {limit} bytes"),
        ));
    }
    Ok(bytes)
}

fn refuse_unless_regular(kind: &FileType) -> io::Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory, not a file",
        ));
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("is {}, not a regular file", special_kind(kind)),
    ))
}

/// "a FIFO", "a character device", ...: what a special file is, in words.
pub fn special_kind(kind: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    "a special file"
}

fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reading a regular file ignores the flag; opening a FIFO with it
        // returns at once instead of waiting for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_whatever_the_reader_holds() {
        let endless = io::repeat(b'x');
        let error = read_at_most(endless, 1000).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read_at_most(&b"12345"[..], 5).unwrap(), b"12345");
        assert!(read_at_most(&b"123456"[..], 5).is_err());
    }

    #[test]
    fn a_regular_file_is_read_and_a_folder_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, "words").unwrap();
        assert_eq!(read_to_string(&path, 100).unwrap(), "words");
        let error = read(&path, 4).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(
            read(dir.path(), 100).unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
        assert_eq!(
            read(&dir.path().join("none"), 100).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let error = read(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(
            error.to_string(),
            "is a character device, not a regular file"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // No writer: a blocking open would never return.
        let error = read(&fifo, 100).unwrap_err();
        assert_eq!(
            error.to_string(),
            "is a FIFO (named pipe), not a regular file"
        );
    }

    #[test]
    fn stdin_is_named_by_a_dash_or_dev_stdin() {
        assert!(is_stdin(Path::new("-")));
        assert!(is_stdin(Path::new("/dev/stdin")));
        assert!(!is_stdin(Path::new("./-")));
    }
}
