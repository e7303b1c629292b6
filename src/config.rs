//! The config file: `$XDG_CONFIG_HOME/parley/config.toml` (or the platform's
//! equivalent), read before the terminal is taken. Its settings sit between
//! parley's defaults and the command line: a flag overrides the file, which
//! overrides the default.
//!
//! Every problem is a [`Diagnostic`] at its line and column, all of them at
//! once, rendered as the briefing loader renders its own.

use std::ops::Range;
use std::path::{Path, PathBuf};

use strum::IntoEnumIterator;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::action::Action;
use crate::briefing::bounded::{self, limit};
use crate::briefing::diagnostic::{Palette, Rule};
use crate::briefing::load::render_some_in;
use crate::briefing::{Diagnostic, Document, did_you_mean};
use crate::keymap::{BINDINGS, Key, KeyNameError, Keymap, Mode, config_key_name, parse_key};
use crate::theme::{Theme, ThemeError};

/// The config file's name in parley's config folder.
pub const FILE_NAME: &str = "config.toml";

/// The environment variable that names a config file, as `--config` does.
pub const ENV: &str = "PARLEY_CONFIG";

/// A key of the file that parley does not take, or an unknown action.
const UNKNOWN: Rule = Rule::Named("config-unknown");
/// A value of the wrong type.
const TYPE: Rule = Rule::Named("config-type");
/// A key name that names no key.
const KEY_NAME: Rule = Rule::Named("config-key-name");
/// Two actions on one key in one mode.
const CONFLICT: Rule = Rule::Named("config-conflict");
/// A theme that cannot be used.
const THEME: Rule = Rule::Named("config-theme");

/// The settings the top level takes.
const SETTINGS: [&str; 4] = ["theme", "watch", "open", "keys"];

/// Where the config file goes by the platform's convention:
/// `$XDG_CONFIG_HOME/parley/config.toml`, else `~/.config/parley/config.toml`
/// (`%APPDATA%\parley\config.toml` on Windows). `None` with no home folder.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("parley").join(FILE_NAME))
}

/// Which config file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named by `--config` or `PARLEY_CONFIG`: it must exist.
    Given(PathBuf),
    /// The default place: no file there means the defaults.
    Default(PathBuf),
    /// No home folder to look in: the defaults.
    Nowhere,
}

impl Location {
    /// The file named on the command line, else by `PARLEY_CONFIG` (when
    /// set and not empty), else the default place.
    pub fn new(given: Option<PathBuf>) -> Self {
        let named = std::env::var_os(ENV).filter(|value| !value.is_empty());
        match given.or_else(|| named.map(PathBuf::from)) {
            Some(path) => Location::Given(path),
            None => default_path().map_or(Location::Nowhere, Location::Default),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::Given(path) | Location::Default(path) => Some(path),
            Location::Nowhere => None,
        }
    }
}

/// What the config file asks for; `None` where it says nothing.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `theme`, loaded.
    pub theme: Option<Theme>,
    /// `watch`: follow saves to the briefing.
    pub watch: Option<bool>,
    /// `open`: what to open when no FILE is given, as FILE would be.
    pub open: Option<PathBuf>,
    /// The defaults with `[keys]` over them.
    pub keymap: Keymap,
}

impl Config {
    /// `--watch` or `--no-watch` (`Some`), else the file's `watch`, else on.
    pub fn watch(&self, flag: Option<bool>) -> bool {
        flag.or(self.watch).unwrap_or(true)
    }

    /// FILE, else the file's `open`; `None` is the shipped briefing.
    pub fn briefing(&self, file: Option<PathBuf>) -> Option<PathBuf> {
        file.or_else(|| self.open.clone())
    }

    /// `--theme`, else the file's `theme`, else the default theme.
    pub fn theme(&self, flag: Option<&str>) -> Result<Theme, ThemeError> {
        match flag {
            Some(name_or_path) => Theme::load(name_or_path),
            None => Ok(self.theme.clone().unwrap_or_default()),
        }
    }
}

/// Why the config file cannot be used.
#[derive(Debug, Clone)]
pub enum ConfigError {
    /// It cannot be read at all (or, named on the command line, is missing).
    Unreadable { path: PathBuf, reason: String },
    /// It breaks the rules below: every finding, sorted by place.
    Invalid {
        document: Document,
        diagnostics: Vec<Diagnostic>,
    },
}

impl ConfigError {
    /// The messages for standard error, in `palette`'s colours.
    pub fn render(&self, palette: Palette) -> String {
        match self {
            ConfigError::Unreadable { path, reason } => {
                let path = crate::text::sanitize_inline(&path.display().to_string()).into_owned();
                format!("{path}: cannot read the config file: {reason}\n")
            }
            ConfigError::Invalid {
                document,
                diagnostics,
            } => {
                let name = crate::text::sanitize_inline(&document.name).into_owned();
                let count = diagnostics.len();
                let plural = if count == 1 { "" } else { "s" };
                render_some_in(palette, document, diagnostics)
                    + &format!("{name}: invalid config file: {count} error{plural}\n")
            }
        }
    }
}

/// Reads the config file at `location`: the defaults when there is none at
/// the default place.
pub fn read(location: &Location) -> Result<Config, ConfigError> {
    let (path, must_exist) = match location {
        Location::Given(path) => (path, true),
        Location::Default(path) => (path, false),
        Location::Nowhere => return Ok(Config::default()),
    };
    let text = match bounded::read_to_string(path, limit::CONFIG) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return Ok(Config::default());
        }
        Err(error) => {
            let reason = match error.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                std::io::ErrorKind::InvalidData => "not valid UTF-8".to_string(),
                _ => error.to_string(),
            };
            return Err(ConfigError::Unreadable {
                path: path.clone(),
                reason,
            });
        }
    };
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    parse(&text, folder).map_err(|diagnostics| ConfigError::Invalid {
        document: Document {
            name: path.display().to_string(),
            text,
            dir: None,
        },
        diagnostics,
    })
}

/// One action's keys as the file gives them, with where each is written.
struct Entry {
    mode: Mode,
    action: Action,
    keys: Vec<(Key, Range<usize>)>,
}

/// Reads a config file's text; relative paths in it are relative to
/// `folder`. Every finding, sorted by place, when it breaks a rule.
pub fn parse(text: &str, folder: &Path) -> Result<Config, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader {
        folder,
        diagnostics: errors
            .iter()
            .map(|e| {
                Diagnostic::error(Rule::TOML, e.span().unwrap_or(0..0), e.message().trim_end())
            })
            .collect(),
        entries: Vec::new(),
    };
    let mut config = Config::default();
    for (key, value) in root.get_ref().iter() {
        match key.get_ref().as_ref() {
            "theme" => config.theme = reader.theme(value),
            "watch" => config.watch = reader.bool("watch", value),
            "open" => {
                config.open = reader.string("open", value).map(|path| folder.join(path));
            }
            "keys" => reader.keys(Mode::Normal, "keys", value),
            other => {
                let help = did_you_mean(other, &SETTINGS)
                    .map(|near| format!("did you mean `{near}`?"))
                    .unwrap_or_else(|| format!("the config file takes {}", listed(&SETTINGS)));
                reader.diagnostics.push(
                    Diagnostic::error(UNKNOWN, key.span(), format!("unknown key `{other}`"))
                        .with_help(Some(help)),
                );
            }
        }
    }
    for entry in &reader.entries {
        let keys = entry.keys.iter().map(|(key, _)| *key).collect();
        config.keymap.remap(entry.mode, entry.action, keys);
    }
    reader.conflicts(&config.keymap);
    let mut diagnostics = reader.diagnostics;
    if diagnostics.is_empty() {
        return Ok(config);
    }
    diagnostics.sort_by_key(|d| d.span.start);
    Err(diagnostics)
}

struct Reader<'f> {
    folder: &'f Path,
    diagnostics: Vec<Diagnostic>,
    entries: Vec<Entry>,
}

impl Reader<'_> {
    fn wrong_type(&mut self, key: &str, expected: &str, found: &Spanned<DeValue>) {
        let message = format!(
            "`{key}` must be {expected}, found {}",
            found.get_ref().type_str()
        );
        self.diagnostics
            .push(Diagnostic::error(TYPE, found.span(), message));
    }

    fn string(&mut self, key: &str, value: &Spanned<DeValue>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(text) if !text.trim().is_empty() => Some(text.to_string()),
            DeValue::String(_) => {
                let message = format!("`{key}` must not be empty");
                self.diagnostics
                    .push(Diagnostic::error(TYPE, value.span(), message));
                None
            }
            _ => {
                self.wrong_type(key, "a string", value);
                None
            }
        }
    }

    fn bool(&mut self, key: &str, value: &Spanned<DeValue>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, "true or false", value);
                None
            }
        }
    }

    /// A built-in theme's name, or a theme file's path (relative to the
    /// config file's folder), loaded now so that a bad one is reported here.
    fn theme(&mut self, value: &Spanned<DeValue>) -> Option<Theme> {
        let name = self.string("theme", value)?;
        let beside = self.folder.join(&name);
        let looks_like_path = name.contains(['/', std::path::MAIN_SEPARATOR])
            || Path::new(&name).extension().is_some()
            || beside.is_file();
        let theme = match Theme::builtin(&name) {
            Some(theme) => Ok(theme),
            None if looks_like_path => Theme::load(&beside.to_string_lossy()),
            None => Theme::load(&name),
        };
        match theme {
            Ok(theme) => Some(theme),
            Err(error) => {
                self.diagnostics.push(Diagnostic::error(
                    THEME,
                    value.span(),
                    format!("cannot use this theme: {error}"),
                ));
                None
            }
        }
    }

    /// `[keys]` (the views' keys), or one of its tables for another mode.
    fn keys(&mut self, mode: Mode, name: &str, value: &Spanned<DeValue>) {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(name, &format!("a table `[{}]`", mode.config_table()), value);
            return;
        };
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let other_mode =
                Mode::iter().find(|m| mode == Mode::Normal && m.config_key() == Some(name));
            match (other_mode, action_named(mode, name)) {
                (Some(other), _) => self.keys(other, name, value),
                (None, Some(action)) => self.action_keys(mode, action, name, value),
                (None, None) => self.unknown_action(mode, key),
            }
        }
    }

    fn unknown_action(&mut self, mode: Mode, key: &Spanned<std::borrow::Cow<str>>) {
        let name = key.get_ref().as_ref();
        let table = mode.config_table();
        let mut known = action_names(mode);
        if mode == Mode::Normal {
            known.extend(Mode::iter().filter_map(|m| m.config_key()));
        }
        let elsewhere = Mode::iter().find(|&m| action_named(m, name).is_some());
        let help = match (elsewhere, did_you_mean(name, &known)) {
            (_, Some(near)) => format!("did you mean `{near}`?"),
            (Some(other), None) => format!(
                "`{name}` has keys in [{}], not in [{table}]",
                other.config_table()
            ),
            (None, None) => {
                "`parley config --default` lists every action with its keys".to_string()
            }
        };
        self.diagnostics.push(
            Diagnostic::error(
                UNKNOWN,
                key.span(),
                format!("unknown action `{name}` in [{table}]"),
            )
            .with_help(Some(help)),
        );
    }

    /// An action's list of key names.
    fn action_keys(&mut self, mode: Mode, action: Action, name: &str, value: &Spanned<DeValue>) {
        let DeValue::Array(items) = value.get_ref() else {
            let example = match value.get_ref() {
                DeValue::String(key) => format!("{name} = [{:?}]", key.as_ref() as &str),
                _ => format!("{name} = [\"x\"]"),
            };
            self.wrong_type(name, "an array of key names", value);
            if let Some(last) = self.diagnostics.last_mut() {
                last.help = Some(format!("write `{example}`"));
            }
            return;
        };
        let mut keys = Vec::new();
        for item in items.iter() {
            let DeValue::String(text) = item.get_ref() else {
                self.wrong_type(name, "an array of key names (strings)", item);
                continue;
            };
            match parse_key(text) {
                Ok(key) => keys.push((key, item.span())),
                Err(error) => self.bad_key_name(text, &error, item.span()),
            }
        }
        self.entries.push(Entry { mode, action, keys });
    }

    fn bad_key_name(&mut self, text: &str, error: &KeyNameError, span: Range<usize>) {
        let suggestion = match error {
            KeyNameError::UnknownModifier {
                modifier,
                near: Some(near),
            } => Some(text.replacen(modifier.as_str(), near, 1)),
            KeyNameError::UnknownKey {
                name,
                near: Some(near),
            } => Some(format!("{}{near}", &text[..text.len() - name.len()])),
            _ => None,
        };
        let help = match suggestion {
            Some(near) => format!("did you mean `{near}`?"),
            None => "a key is one character (x, X, ?) or a name (enter, esc, tab, space, backspace, up, down, left, right, pgup, pgdn, home, end, f1…f12), after any of ctrl-, alt- and shift-".to_string(),
        };
        self.diagnostics.push(
            Diagnostic::error(
                KEY_NAME,
                span,
                format!("`{}` is not a key name: {error}", text.escape_debug()),
            )
            .with_help(Some(help)),
        );
    }

    /// Each key two actions claim in one mode, once the file's keys are
    /// over the defaults: an error at the file's entry for it (the later
    /// one when the file gives both).
    fn conflicts(&mut self, keymap: &Keymap) {
        for conflict in keymap.conflicts() {
            let written = |action: Action| {
                self.entries
                    .iter()
                    .filter(|e| e.mode == conflict.mode && e.action == action)
                    .flat_map(|e| &e.keys)
                    .find(|(key, _)| *key == conflict.key)
                    .map(|(_, span)| span.clone())
            };
            let [a, b] = conflict.actions;
            let (mine, other, span, both_written) = match (written(a), written(b)) {
                (Some(sa), Some(sb)) if sa.start > sb.start => (a, b, sa, true),
                (_, Some(sb)) if written(a).is_some() => (b, a, sb, true),
                (Some(sa), None) => (a, b, sa, false),
                (None, Some(sb)) => (b, a, sb, false),
                // The defaults have no conflict (a test says so).
                _ => continue,
            };
            let name = |action: Action| action.name().unwrap_or_default();
            let key = config_key_name(&conflict.key);
            let table = conflict.mode.config_table();
            let help = if both_written {
                "give one of them another key".to_string()
            } else {
                format!(
                    "`{}` has `{key}` by default: choose another key, or give `{}` other keys too",
                    name(other),
                    name(other)
                )
            };
            self.diagnostics.push(
                Diagnostic::error(
                    CONFLICT,
                    span,
                    format!(
                        "`{key}` is bound to both `{}` and `{}` in [{table}]",
                        name(mine),
                        name(other)
                    ),
                )
                .with_help(Some(help)),
            );
        }
    }
}

/// The action called `name` among those with keys in `mode`.
fn action_named(mode: Mode, name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.mode == mode && b.action.name() == Some(name))
        .map(|b| b.action)
}

/// The names of the actions with keys in `mode`, in the help's order.
fn action_names(mode: Mode) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for name in BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .filter_map(|b| b.action.name())
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn listed(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A config file with every setting at its default and every action with
/// its default keys, commented: `parley config --default`. Generated from
/// the keymap, so it lists what this parley binds.
pub fn default_text() -> String {
    let mut out = String::from(
        "# parley's config file (`parley config --path` says where it goes).\n\
         # Every setting is optional; the values below are the defaults, and\n\
         # docs/config.md describes each. The command line overrides this file.\n\
         \n\
         # A built-in theme (dark, light, high-contrast) or a theme file's path,\n\
         # relative to this file's folder. --theme overrides it.\n\
         theme = \"dark\"\n\
         \n\
         # Follow saves to the briefing and show them at once. --no-watch and\n\
         # --watch override it.\n\
         watch = true\n\
         \n\
         # What `parley` opens with no FILE, as `parley PATH` would; relative to\n\
         # this file's folder.\n\
         # open = \"briefings/talks.toml\"\n\
         \n\
         # Keys: an action's list replaces its default keys; [] leaves it with none.\n\
         # A key is one character (x, X, ?) or a name (enter, esc, tab, space,\n\
         # backspace, up, down, left, right, pgup, pgdn, home, end, f1 … f12),\n\
         # after any of ctrl-, alt- and shift-: \"ctrl-f\", \"alt-x\", \"shift-tab\".\n",
    );
    let keymap = Keymap::default();
    for mode in Mode::iter() {
        out.push_str(&format!(
            "\n# {}\n[{}]\n",
            mode.title(),
            mode.config_table()
        ));
        // An action's rows in one line: its keys, and what each row says.
        let mut actions: Vec<(&str, Vec<String>, Vec<&str>)> = Vec::new();
        for binding in keymap.bindings().iter().filter(|b| b.mode == mode) {
            let Some(name) = binding.action.name() else {
                continue;
            };
            let keys = binding
                .keys
                .iter()
                .map(|k| format!("{:?}", config_key_name(k)));
            match actions.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, all, helps)) => {
                    all.extend(keys);
                    helps.push(binding.help);
                }
                None => actions.push((name, keys.collect(), vec![binding.help])),
            }
        }
        let lines: Vec<(String, String)> = actions
            .into_iter()
            .map(|(name, keys, helps)| {
                (format!("{name} = [{}]", keys.join(", ")), helps.join("; "))
            })
            .collect();
        let width = lines.iter().map(|(line, _)| line.len()).max().unwrap_or(0);
        for (line, help) in lines {
            out.push_str(&format!("{line:width$}  # {help}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::briefing::diagnostic::render;

    /// The file's findings as `parley` prints them.
    fn errors(text: &str) -> String {
        let diagnostics = parse(text, Path::new("/nowhere")).unwrap_err();
        render("config.toml", text, &diagnostics)
    }

    fn config(text: &str) -> Config {
        parse(text, Path::new("/nowhere")).unwrap_or_else(|d| {
            panic!("{}", render("config.toml", text, &d));
        })
    }

    fn press(keymap: &Keymap, mode: Mode, code: KeyCode) -> Option<Action> {
        keymap.action_for(mode, KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = config("");
        assert_eq!(config.keymap, Keymap::default());
        assert_eq!(
            (config.watch, config.open, config.theme),
            (None, None, None)
        );
    }

    #[test]
    fn settings_are_read_and_paths_are_beside_the_file() {
        let config = parse(
            "theme = \"light\"\nwatch = false\nopen = \"talks/round.toml\"\n",
            Path::new("/home/me/.config/parley"),
        )
        .unwrap();
        assert_eq!(config.theme.map(|t| t.name), Some("light".to_string()));
        assert_eq!(config.watch, Some(false));
        assert_eq!(
            config.open,
            Some(PathBuf::from("/home/me/.config/parley/talks/round.toml"))
        );
    }

    #[test]
    fn a_theme_file_is_found_beside_the_config_file() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(
            folder.path().join("mine.toml"),
            "name = \"mine\"\nextends = \"light\"\n",
        )
        .unwrap();
        let config = parse("theme = \"mine.toml\"\n", folder.path()).unwrap();
        assert_eq!(config.theme.map(|t| t.name), Some("mine".to_string()));
    }

    #[test]
    fn keys_replace_an_actions_default_keys_in_their_mode() {
        let config = config(
            "[keys]\nquit = [\"x\"]\nsearch = [\"/\", \"ctrl-f\"]\npage-down = [\"pgdn\"]\n\
             [keys.popup]\nback = [\"backspace\"]\n\
             [keys.search-line]\nopen = [\"tab\"]\n",
        );
        let keymap = &config.keymap;
        assert_eq!(
            press(keymap, Mode::Normal, KeyCode::Char('x')),
            Some(Action::Quit)
        );
        assert_eq!(press(keymap, Mode::Normal, KeyCode::Char('q')), None);
        assert_eq!(
            keymap.action_for(
                Mode::Normal,
                KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL)
            ),
            Some(Action::StartSearch)
        );
        assert_eq!(
            press(keymap, Mode::Popup, KeyCode::Backspace),
            Some(Action::Back)
        );
        assert_eq!(press(keymap, Mode::Popup, KeyCode::Esc), None);
        assert_eq!(
            press(keymap, Mode::Search, KeyCode::Tab),
            Some(Action::Open)
        );
        // `x` is still typed into the search line.
        assert_eq!(
            press(keymap, Mode::Search, KeyCode::Char('x')),
            Some(Action::SearchInput('x'))
        );
    }

    #[test]
    fn an_unknown_setting_is_an_error_at_its_key() {
        assert_eq!(
            errors("watch = true\nthem = \"light\"\n"),
            "config.toml:2:1: error: unknown key `them`; did you mean `theme`?\n  |\n2 | them = \"light\"\n  | ^^^^\n"
        );
    }

    #[test]
    fn an_unknown_action_is_an_error_at_its_name() {
        let shown = errors("[keys]\nquit = [\"x\"]\n  qiut = [\"y\"]\n");
        assert!(
            shown.starts_with(
                "config.toml:3:3: error: unknown action `qiut` in [keys]; did you mean `quit`?"
            ),
            "{shown}"
        );
        let shown = errors("[keys.search-line]\nreload = [\"ctrl-r\"]\n");
        assert!(
            shown.starts_with("config.toml:2:1: error: unknown action `reload` in [keys.search-line]; `reload` has keys in [keys], not in [keys.search-line]"),
            "{shown}"
        );
    }

    #[test]
    fn an_unreadable_key_name_is_an_error_at_the_name() {
        let shown = errors("[keys]\nsearch = [\"/\", \"ctlr-f\"]\n");
        assert!(
            shown.starts_with(
                "config.toml:2:16: error: `ctlr-f` is not a key name: unknown modifier `ctlr`; did you mean `ctrl-f`?"
            ),
            "{shown}"
        );
        assert!(shown.ends_with("  |                ^^^^^^^^\n"), "{shown}");
        let shown = errors("[keys]\ndown = [\"pgdwn\"]\n");
        assert!(
            shown.starts_with("config.toml:2:9: error: `pgdwn` is not a key name: unknown key `pgdwn`; did you mean `pgdn`?"),
            "{shown}"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_at_the_value() {
        let shown = errors("watch = \"yes\"\n[keys]\nquit = \"x\"\nup = [1]\n");
        let firsts: Vec<&str> = shown
            .lines()
            .filter(|l| l.starts_with("config.toml:"))
            .collect();
        assert_eq!(
            firsts,
            [
                "config.toml:1:9: error: `watch` must be true or false, found string",
                "config.toml:3:8: error: `quit` must be an array of key names, found string; write `quit = [\"x\"]`",
                "config.toml:4:7: error: `up` must be an array of key names (strings), found integer",
            ]
        );
    }

    #[test]
    fn a_key_two_actions_claim_is_an_error_naming_both() {
        let shown = errors("[keys]\nquit = [\"x\", \"j\"]\n");
        assert!(
            shown.starts_with(
                "config.toml:2:14: error: `j` is bound to both `quit` and `down` in [keys]; `down` has `j` by default: choose another key, or give `down` other keys too"
            ),
            "{shown}"
        );
        // Both written in the file: the later entry is the one pointed at.
        let shown = errors("[keys]\nquit = [\"x\"]\nreload = [\"x\"]\n");
        assert!(
            shown.starts_with(
                "config.toml:3:11: error: `x` is bound to both `reload` and `quit` in [keys]; give one of them another key"
            ),
            "{shown}"
        );
        // Moving the default away as well resolves it.
        config("[keys]\nquit = [\"j\"]\ndown = [\"down\"]\n");
    }

    #[test]
    fn every_error_in_the_file_is_reported_at_once() {
        let shown = errors(
            "them = 1\nwatch = 3\n[keys]\nqiut = [\"x\"]\nup = [\"ctlr-k\"]\nhelp = [\"j\"]\n",
        );
        let places: Vec<&str> = shown
            .lines()
            .filter(|l| l.starts_with("config.toml:"))
            .map(|l| l.split(": error").next().unwrap())
            .collect();
        assert_eq!(
            places,
            [
                "config.toml:1:1",
                "config.toml:2:9",
                "config.toml:4:1",
                "config.toml:5:7",
                "config.toml:6:9"
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_reported_with_the_rest() {
        let shown = errors("watch = \n[keys]\nqiut = [\"x\"]\n");
        assert!(shown.starts_with("config.toml:1:"), "{shown}");
        assert!(
            shown.contains("config.toml:3:1: error: unknown action `qiut`"),
            "{shown}"
        );
    }

    #[test]
    fn the_default_config_reads_back_as_the_defaults() {
        let text = default_text();
        let config = config(&text);
        assert_eq!(config.keymap, Keymap::default());
        assert_eq!(config.watch, Some(true));
        assert_eq!(config.theme.map(|t| t.name), Some("dark".to_string()));
        for binding in BINDINGS {
            let name = binding.action.name().unwrap();
            assert!(text.contains(&format!("\n{name} = [")), "{name} missing");
        }
    }

    #[test]
    fn the_command_line_overrides_the_file_which_overrides_the_defaults() {
        let defaults = Config::default();
        assert!(defaults.watch(None));
        assert_eq!(defaults.briefing(None), None);
        assert_eq!(defaults.theme(None).unwrap().name, "dark");

        let file = config("theme = \"light\"\nwatch = false\nopen = \"/talks/a.toml\"\n");
        assert!(!file.watch(None));
        assert!(file.watch(Some(true)));
        assert_eq!(file.briefing(None), Some(PathBuf::from("/talks/a.toml")));
        assert_eq!(
            file.briefing(Some("b.toml".into())),
            Some(PathBuf::from("b.toml"))
        );
        assert_eq!(file.theme(None).unwrap().name, "light");
        assert_eq!(
            file.theme(Some("high-contrast")).unwrap().name,
            "high-contrast"
        );

        let watching = config("watch = true\n");
        assert!(!watching.watch(Some(false)));
    }

    #[test]
    fn a_missing_file_is_the_defaults_only_at_the_default_place() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("config.toml");
        assert!(read(&Location::Default(missing.clone())).is_ok());
        let Err(ConfigError::Unreadable { reason, .. }) = read(&Location::Given(missing)) else {
            panic!("a missing --config file must be an error");
        };
        assert_eq!(reason, "no such file");
    }
}
