//! Drives the real `parley` binary inside tmux, as a person at a terminal.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

/// Generous: this bounds how long a broken test hangs, it measures nothing.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
}

/// The parley binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_parley")
}

/// Whether tmux is there. CI installs it (`.ci/run`) and must not skip; a
/// developer without it sees the tests skipped, loudly.
pub fn available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI: .ci/run installs it"
        );
        eprintln!("skipped: tmux is not installed (apt-get install -y tmux)");
    }
    found
}

impl Tmux {
    /// Starts `parley ARGS` in a `width` x `height` terminal. When parley
    /// exits, the shell prints its exit status and the terminal modes.
    pub fn start(args: &str, width: u16, height: u16) -> Tmux {
        Self::start_with_env("", args, width, height)
    }

    /// Like [`Tmux::start`], with `NAME=value` settings for parley's environment.
    pub fn start_with_env(env: &str, args: &str, width: u16, height: u16) -> Tmux {
        Self::start_command(&format!("{env} {} {args}", binary()), width, height)
    }

    /// Runs a shell command line that starts parley (under another user,
    /// say), as [`Tmux::start`] does.
    pub fn start_command(command: &str, width: u16, height: u16) -> Tmux {
        let tmux = Self::new();
        // The tests' search history goes to a folder of their own.
        let state = std::env::temp_dir().join(&tmux.socket);
        let state = state.display();
        let config = super::no_config_home();
        let config = config.display();
        let script = format!(
            "export XDG_STATE_HOME={state} XDG_CONFIG_HOME={config}; unset PARLEY_CONFIG; {command}; echo \"EXITED $?\"; echo MODES $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$') END; sleep 60"
        );
        tmux.session(width, height, &["sh", "-c", &script]);
        tmux
    }

    /// An interactive shell with job control, its prompt `SHELL> `, for
    /// typing commands as a person does.
    pub fn shell(width: u16, height: u16) -> Tmux {
        let tmux = Self::new();
        let state = std::env::temp_dir().join(&tmux.socket);
        let script = format!(
            "unset PARLEY_CONFIG; XDG_STATE_HOME={} XDG_CONFIG_HOME={} PS1='SHELL> ' exec bash --norc --noprofile -i",
            state.display(),
            super::no_config_home().display()
        );
        tmux.session(width, height, &["sh", "-c", &script]);
        tmux
    }

    fn new() -> Tmux {
        let n = SESSIONS.fetch_add(1, Ordering::SeqCst);
        Tmux {
            socket: format!("parley-test-{}-{n}", std::process::id()),
        }
    }

    fn session(&self, width: u16, height: u16, command: &[&str]) {
        let (width, height) = (width.to_string(), height.to_string());
        let mut args = vec![
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "-s",
            "main",
        ];
        args.extend_from_slice(command);
        self.run(&args);
    }

    pub fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Types keys as tmux names them (`q`, `Enter`, `Escape`, `C-c`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    /// Pastes `text` as a terminal does: bracketed, when parley asked for it.
    pub fn paste(&self, text: &str) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        self.run(&["load-buffer", &file.path().display().to_string()]);
        self.run(&["paste-buffer", "-p", "-t", "main"]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "main"])
    }

    /// Waits until the screen shows `text` and has stopped changing, and
    /// returns it: a frame reaches the pane in pieces, and a capture taken
    /// mid-frame holds only its top.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_screen(text, true)
    }

    /// Waits until `text` shows on a screen that keeps changing (a
    /// progress line), and returns that screen.
    pub fn wait_for_passing(&self, text: &str) -> String {
        self.wait_for_screen(text, false)
    }

    fn wait_for_screen(&self, text: &str, settled: bool) -> String {
        let start = Instant::now();
        let mut previous = String::new();
        loop {
            let screen = self.screen();
            if screen.contains(text) && (!settled || screen == previous) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never saw {text:?}; the screen:\n{screen}"
            );
            previous = screen;
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows one of `texts`, and returns it.
    pub fn wait_for_any(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().any(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never saw any of {texts:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_until_gone(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{text:?} never went away; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for parley to have exited, then checks its exit line and that
    /// the terminal is out of the alternate screen and back in cooked mode.
    pub fn assert_given_back(&self, exit_line: &str) -> String {
        let screen = self.wait_for("END");
        assert!(screen.contains(exit_line), "{screen}");
        assert!(
            !self.alternate_screen(),
            "still in the alternate screen:\n{screen}"
        );
        assert!(
            screen.contains("MODES icanon echo END"),
            "still in raw mode:\n{screen}"
        );
        screen
    }

    /// Whether the pane is in the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.run(&["display-message", "-p", "-t", "main", "#{alternate_on}"])
            .trim()
            == "1"
    }

    pub fn pid(&self) -> u32 {
        self.run(&["display-message", "-p", "-t", "main", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap()
    }

    /// parley's process id: the pane runs `sh -c`, whose child is parley.
    pub fn child_pid(&self) -> u32 {
        let shell = self.pid();
        let output = Command::new("pgrep")
            .args(["-P", &shell.to_string()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .split_whitespace()
            .next()
            .and_then(|pid| pid.parse().ok())
            .expect("parley runs in the pane")
    }

    /// Waits for process `pid` to have ended (or be a zombie its parent
    /// has not reaped yet).
    pub fn wait_for_exit(pid: u32) {
        let start = Instant::now();
        let stat = format!("/proc/{pid}/stat");
        while std::fs::read_to_string(&stat).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .is_some_and(|rest| rest.trim_start().starts_with('Z'))
        }) {
            assert!(start.elapsed() < PATIENCE, "process {pid} did not end");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// CPU time process `pid` has used, in clock ticks (user + system).
    pub fn cpu_ticks(pid: u32) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        // After the name: state is field 3, utime 14 and stime 15.
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
