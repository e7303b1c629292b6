//! Standard output that tells when it was closed. Rust's own `stdout()`
//! cannot: the runtime puts `/dev/null` on a closed descriptor before
//! `main`, so every write succeeds and a pipeline's missing output goes
//! unnoticed. `check` and `export` must fail instead.

use std::io::{self, Write};

/// Standard output, or, when it was closed, a writer whose every write
/// fails.
pub fn checked() -> Box<dyn Write> {
    if was_closed() {
        Box::new(Closed)
    } else {
        Box::new(io::stdout())
    }
}

/// Whether standard output was closed when parley started. Rust's runtime
/// puts `/dev/null`, opened for reading and writing, on a closed standard
/// descriptor before `main`; a shell's `>/dev/null` opens it for writing
/// only, so the two can be told apart.
#[cfg(unix)]
fn was_closed() -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(null) = std::fs::metadata("/dev/null") else {
        return false;
    };
    // SAFETY: both calls only read descriptor 1's flags and status, into
    // `status`, which they fully initialise when they succeed.
    unsafe {
        let flags = libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL);
        if flags == -1 {
            return true;
        }
        let mut status: libc::stat = std::mem::zeroed();
        if libc::fstat(libc::STDOUT_FILENO, &mut status) != 0 {
            return true;
        }
        flags & libc::O_ACCMODE == libc::O_RDWR
            && status.st_mode & libc::S_IFMT == libc::S_IFCHR
            && status.st_rdev == null.rdev()
    }
}

#[cfg(not(unix))]
fn was_closed() -> bool {
    false
}

/// Where standard output would be, were it open.
struct Closed;

impl Write for Closed {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("standard output is closed"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
