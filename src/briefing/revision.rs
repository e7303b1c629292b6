//! A briefing as a git revision holds it: `REV:PATH`, as `git show` names
//! it (`HEAD~1:briefings/x.toml`), for comparing rounds kept in git.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use super::load::{Document, FileError};

/// `REV:PATH` names a file at a revision when it is not itself a file on
/// disk and both sides of the first `:` are non-empty.
pub fn is_revision(arg: &str) -> bool {
    !Path::new(arg).exists()
        && arg
            .split_once(':')
            .is_some_and(|(rev, path)| !rev.is_empty() && !path.is_empty())
}

/// Reads `REV:PATH` through `git show`, at most `max_bytes`. Its
/// `text_file`s cannot be read (the revision has no folder on disk).
pub fn read_revision(spec: &str, max_bytes: u64) -> Result<Document, FileError> {
    let name = spec.to_string();
    let unreadable = |reason: String| FileError::Unreadable {
        name: name.clone(),
        reason,
    };
    let mut child = Command::new("git")
        .args(["show", "--no-textconv", spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => unreadable(
                "git is not installed; REV:PATH needs git to read a briefing at a revision".into(),
            ),
            _ => unreadable(format!("cannot run git: {error}")),
        })?;
    let mut bytes = Vec::new();
    let limit = max_bytes.saturating_add(1);
    let stdout = child.stdout.take().expect("stdout is piped");
    let read = stdout.take(limit).read_to_end(&mut bytes);
    if bytes.len() as u64 > max_bytes {
        let _ = child.kill();
        let _ = child.wait();
        return Err(FileError::TooLarge {
            name,
            max: max_bytes,
        });
    }
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.by_ref().take(4096).read_to_string(&mut stderr);
    }
    let status = child
        .wait()
        .map_err(|error| unreadable(format!("git failed: {error}")))?;
    read.map_err(|error| unreadable(format!("reading from git: {error}")))?;
    if !status.success() {
        let reason = stderr.lines().next().unwrap_or("git show failed").trim();
        return Err(unreadable(format!("git: {reason}")));
    }
    Document::from_bytes(name, bytes, None)
}
