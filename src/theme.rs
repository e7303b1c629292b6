//! Themes: `themes/*.toml` (embedded) or a user's file, turned into styles.
//!
//! The file format is documented at the top of `themes/dark.toml`. A user's
//! file may leave any key out: it is taken from the built-in theme named by
//! `extends` (default "dark"). Colours are parsed by ratatui's `Color: FromStr`.

use std::ffi::OsStr;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::briefing::diagnostic::LineIndex;
use crate::briefing::{Party, Role};
use crate::text::sanitize_inline;

const DARK: &str = include_str!("../themes/dark.toml");
const LIGHT: &str = include_str!("../themes/light.toml");
const HIGH_CONTRAST: &str = include_str!("../themes/high-contrast.toml");

/// Every style the screen uses, and the colours of parties by role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub styles: Styles<Style>,
    /// Colour per party role, used when a party has no `color` of its own or when the theme overrides party colours.
    pub role_colors: RoleColors,
    pub override_party_colors: bool,
    pub no_color: bool,
}

/// One `S` per part of the screen: the theme's styles (`S = Style`), a
/// theme file's `[styles]` table as serde fills it (`S = Option<..>`, every
/// key optional, an unknown key refused), or what NO_COLOR adds to each.
/// This is the one place the styles are declared; `combine` walks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(
    default,
    deny_unknown_fields,
    bound(deserialize = "S: Deserialize<'de> + Default")
)]
pub struct Styles<S> {
    /// Body text.
    pub text: S,
    /// Secondary text: dates, sources, hints.
    pub muted: S,
    /// Pane borders (unfocused).
    pub border: S,
    /// Border of the focused pane.
    pub focus: S,
    /// Pane titles and headings.
    pub title: S,
    /// The selected row.
    pub selection: S,
    /// The red-line marker and red-line text accent.
    pub red_line: S,
    /// Search-match highlight.
    pub highlight: S,
    /// Status bar.
    pub status: S,
    /// Key names in the status bar / help.
    pub key: S,
    /// Error banner.
    pub warning: S,
}

impl<S> Styles<S> {
    /// Each style of `self` with its key (as the theme file names it) and
    /// the same style of `other`, made into a `T`.
    pub fn combine<'a, U, T>(
        &'a self,
        other: &'a Styles<U>,
        mut f: impl FnMut(&'static str, &'a S, &'a U) -> T,
    ) -> Styles<T> {
        Styles {
            text: f("text", &self.text, &other.text),
            muted: f("muted", &self.muted, &other.muted),
            border: f("border", &self.border, &other.border),
            focus: f("focus", &self.focus, &other.focus),
            title: f("title", &self.title, &other.title),
            selection: f("selection", &self.selection, &other.selection),
            red_line: f("red_line", &self.red_line, &other.red_line),
            highlight: f("highlight", &self.highlight, &other.highlight),
            status: f("status", &self.status, &other.status),
            key: f("key", &self.key, &other.key),
            warning: f("warning", &self.warning, &other.warning),
        }
    }

    /// Every style with its key, in declaration order.
    pub fn each(&self) -> Vec<(&'static str, &S)> {
        let mut all = Vec::new();
        self.combine(self, |key, style, _| all.push((key, style)));
        all
    }
}

/// The colour of a party by its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleColors {
    pub party: Color,
    pub mediator: Color,
    pub host: Color,
    pub observer: Color,
}

impl RoleColors {
    pub fn get(&self, role: Role) -> Color {
        match role {
            Role::Party => self.party,
            Role::Mediator => self.mediator,
            Role::Host => self.host,
            Role::Observer => self.observer,
        }
    }
}

/// Why a theme could not be loaded. Each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ThemeError {
    #[error(
        "unknown theme `{name}`: the built-in themes are {builtins}; a theme file is given by its path (for example ./{name}.toml)",
        builtins = Theme::BUILTIN.join(", ")
    )]
    Unknown { name: String },
    #[error("{path}: cannot read theme file: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}:{line}:{column}: error: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: error: missing key `{key}`")]
    Missing { path: String, key: String },
}

impl Default for Theme {
    fn default() -> Self {
        Self::builtin("dark").expect("the dark theme is built in")
    }
}

impl Theme {
    pub const BUILTIN: [&'static str; 3] = ["dark", "light", "high-contrast"];

    /// A theme built into the binary, by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let text = match name {
            "dark" => DARK,
            "light" => LIGHT,
            "high-contrast" => HIGH_CONTRAST,
            _ => return None,
        };
        let label = format!("themes/{name}.toml (built in)");
        // The embedded files are tested; a broken one is a bug in the build.
        Some(parse(&label, name, text, None).unwrap_or_else(|e| panic!("{e}")))
    }

    /// A built-in name, or a path to a theme file. Unknown name: error listing the built-ins.
    pub fn load(name_or_path: &str) -> Result<Theme, ThemeError> {
        if let Some(theme) = Self::builtin(name_or_path) {
            return Ok(theme);
        }
        let path = Path::new(name_or_path);
        let looks_like_path = name_or_path.contains(['/', std::path::MAIN_SEPARATOR])
            || path.extension().is_some()
            || path.is_file();
        if !looks_like_path {
            return Err(ThemeError::Unknown {
                name: sanitize_inline(name_or_path).into_owned(),
            });
        }
        let label = sanitize_inline(&path.display().to_string()).into_owned();
        let text =
            crate::briefing::bounded::read_to_string(path, crate::briefing::bounded::limit::THEME)
                .map_err(|error| ThemeError::Unreadable {
                    path: label.clone(),
                    reason: match error.kind() {
                        std::io::ErrorKind::NotFound => "no such file".into(),
                        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                        std::io::ErrorKind::InvalidData => "not valid UTF-8".into(),
                        _ => sanitize_inline(&error.to_string()).into_owned(),
                    },
                })?;
        let stem = path.file_stem().map_or_else(
            || "custom".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        parse(&label, &stem, &text, Some(Self::default()))
    }

    /// Attributes only, no colour (NO_COLOR): every fg/bg removed, modifiers kept.
    /// What colour alone told apart gets an attribute, so the selection,
    /// matches, the focused border and the error banner stay visible.
    pub fn without_color(self) -> Theme {
        let strip = |_: &'static str, style: &Style, add: &Modifier| {
            Style::new()
                .add_modifier(style.add_modifier | *add)
                .remove_modifier(style.sub_modifier)
        };
        Theme {
            name: self.name,
            styles: self.styles.combine(&NO_COLOR_ATTRIBUTES, strip),
            role_colors: RoleColors {
                party: Color::Reset,
                mediator: Color::Reset,
                host: Color::Reset,
                observer: Color::Reset,
            },
            override_party_colors: self.override_party_colors,
            no_color: true,
        }
    }

    /// The style for a party's name/marker: its own `color` (parsed with
    /// `Color::from_str`) unless overridden or absent, else the role colour. Bold.
    pub fn party_style(&self, party: &Party) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.no_color {
            return style;
        }
        let own = party
            .color
            .as_deref()
            .filter(|_| !self.override_party_colors)
            .and_then(|c| Color::from_str(c).ok());
        style.fg(own.unwrap_or_else(|| self.role_colors.get(party.role)))
    }

    /// How text drawn in `style` looks in the selected row: on the
    /// selection's background, with its modifiers added, keeping its own
    /// colour only where that stays readable (at least [`MIN_CONTRAST`]
    /// against the background), else in the selection's colour. Without a
    /// selection background (NO_COLOR) the selection's attributes are added.
    pub fn selected(&self, style: Style) -> Style {
        let selection = self.styles.selection;
        let Some(background) = selection.bg else {
            return style.patch(selection);
        };
        let readable = style
            .fg
            .is_some_and(|fg| contrast(fg, background).is_some_and(|c| c >= MIN_CONTRAST));
        let fg = if readable { style.fg } else { selection.fg };
        Style {
            fg,
            bg: Some(background),
            ..style
        }
        .add_modifier(selection.add_modifier)
        .remove_modifier(selection.sub_modifier)
    }

    /// The next built-in after this one (for the `t` key), wrapping; the
    /// first built-in after a theme from a file. NO_COLOR stays in force.
    pub fn next_builtin(&self) -> Theme {
        let next = Self::BUILTIN
            .iter()
            .position(|&name| name == self.name)
            .map_or(0, |i| (i + 1) % Self::BUILTIN.len());
        let theme = Self::builtin(Self::BUILTIN[next]).expect("listed in BUILTIN");
        if self.no_color {
            theme.without_color()
        } else {
            theme
        }
    }
}

/// What each style gains without colour (NO_COLOR): what colour alone told
/// apart gets an attribute.
const NO_COLOR_ATTRIBUTES: Styles<Modifier> = Styles {
    text: Modifier::empty(),
    muted: Modifier::DIM,
    border: Modifier::empty(),
    focus: Modifier::BOLD,
    title: Modifier::BOLD,
    selection: Modifier::REVERSED,
    red_line: Modifier::BOLD,
    highlight: Modifier::BOLD.union(Modifier::UNDERLINED),
    status: Modifier::REVERSED,
    key: Modifier::BOLD,
    warning: Modifier::BOLD.union(Modifier::REVERSED),
};

/// The least contrast text may have against its background: WCAG 2's AA
/// level for body text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour as red, green and blue, for measuring contrast: named and
/// palette colours as xterm draws them by default (a terminal may change
/// its palette; this is the common case). `None` for the terminal's own
/// default colour, which cannot be known.
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    const ANSI: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    Some(match index {
        0..=15 => ANSI[index as usize],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = index - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let gray = 8 + 10 * (index - 232);
            (gray, gray, gray)
        }
    })
}

/// WCAG 2's contrast ratio of two colours, from 1 (none) to 21 (black on
/// white); `None` when either is the terminal's default.
pub fn contrast(a: Color, b: Color) -> Option<f64> {
    let luminance = |(r, g, b): (u8, u8, u8)| {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (la, lb) = (luminance(rgb(a)?), luminance(rgb(b)?));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    Some((light + 0.05) / (dark + 0.05))
}

/// The theme to use: `name_or_path` (default "dark"), without colour when
/// `NO_COLOR` is set and not empty (no-color.org).
pub fn from_env(name_or_path: Option<&str>) -> Result<Theme, ThemeError> {
    let theme = Theme::load(name_or_path.unwrap_or("dark"))?;
    Ok(apply_no_color(
        theme,
        std::env::var_os("NO_COLOR").as_deref(),
    ))
}

fn apply_no_color(theme: Theme, no_color: Option<&OsStr>) -> Theme {
    if no_color.is_some_and(|value| !value.is_empty()) {
        theme.without_color()
    } else {
        theme
    }
}

/// A theme file as written: every key optional, unknown keys refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    extends: Option<Spanned<String>>,
    override_party_colors: Option<bool>,
    #[serde(default)]
    styles: Styles<Option<StyleSpec>>,
    #[serde(default)]
    roles: RolesFile,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    party: Option<ColorSpec>,
    mediator: Option<ColorSpec>,
    host: Option<ColorSpec>,
    observer: Option<ColorSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    modifiers: Vec<ModifierName>,
}

impl From<&StyleSpec> for Style {
    fn from(spec: &StyleSpec) -> Style {
        let mut style = Style::new();
        if let Some(ColorSpec(fg)) = spec.fg {
            style = style.fg(fg);
        }
        if let Some(ColorSpec(bg)) = spec.bg {
            style = style.bg(bg);
        }
        spec.modifiers
            .iter()
            .fold(style, |style, &m| style.add_modifier(m.into()))
    }
}

/// A colour as ratatui parses it: a name, "#rrggbb" or a palette index.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
struct ColorSpec(Color);

impl TryFrom<String> for ColorSpec {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Color::from_str(&value).map(ColorSpec).map_err(|_| {
            format!(
                "{:?} is not a colour; use a name such as \"lightred\", \"#rrggbb\" or a palette index from 0 to 255",
                value
            )
        })
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ModifierName {
    Bold,
    Dim,
    Italic,
    Underlined,
    SlowBlink,
    RapidBlink,
    Reversed,
    Hidden,
    CrossedOut,
}

impl From<ModifierName> for Modifier {
    fn from(name: ModifierName) -> Modifier {
        match name {
            ModifierName::Bold => Modifier::BOLD,
            ModifierName::Dim => Modifier::DIM,
            ModifierName::Italic => Modifier::ITALIC,
            ModifierName::Underlined => Modifier::UNDERLINED,
            ModifierName::SlowBlink => Modifier::SLOW_BLINK,
            ModifierName::RapidBlink => Modifier::RAPID_BLINK,
            ModifierName::Reversed => Modifier::REVERSED,
            ModifierName::Hidden => Modifier::HIDDEN,
            ModifierName::CrossedOut => Modifier::CROSSED_OUT,
        }
    }
}

/// Parses a theme file's `text`; keys it leaves out come from `extends`,
/// else from `base` (built-ins have no base: they must set every key).
fn parse(label: &str, stem: &str, text: &str, base: Option<Theme>) -> Result<Theme, ThemeError> {
    let invalid = |span: Option<std::ops::Range<usize>>, message: &str| {
        let at = LineIndex::new(text).location(span.map_or(0, |s| s.start));
        ThemeError::Invalid {
            path: label.to_string(),
            line: at.line,
            column: at.column,
            message: sanitize_inline(message.trim()).into_owned(),
        }
    };
    let file: ThemeFile = toml::from_str(text).map_err(|e| invalid(e.span(), e.message()))?;
    let base = match file.extends {
        Some(extends) => Some(Theme::builtin(extends.get_ref()).ok_or_else(|| {
            invalid(
                Some(extends.span()),
                &format!(
                    "`extends` names no built-in theme: {:?}; the built-in themes are {}",
                    extends.get_ref(),
                    Theme::BUILTIN.join(", ")
                ),
            )
        })?),
        None => base,
    };
    let missing = |key: &str| ThemeError::Missing {
        path: label.to_string(),
        key: key.to_string(),
    };
    let inherited = base.as_ref().map(|b| b.styles);
    let styles = file.styles.combine(
        inherited.as_ref().unwrap_or(&Styles::default()),
        |key, spec, inherited| match spec {
            Some(spec) => Ok(Style::from(spec)),
            None if base.is_some() => Ok(*inherited),
            None => Err(missing(&format!("styles.{key}"))),
        },
    );
    if let Some((_, Err(error))) = styles.each().into_iter().find(|(_, s)| s.is_err()) {
        return Err(error.clone());
    }
    let styles = styles.combine(&styles, |_, style, _| style.clone().unwrap_or_default());
    let color = |spec: Option<ColorSpec>, key: &str, inherited: fn(&RoleColors) -> Color| match (
        spec, &base,
    ) {
        (Some(ColorSpec(color)), _) => Ok(color),
        (None, Some(base)) => Ok(inherited(&base.role_colors)),
        (None, None) => Err(missing(&format!("roles.{key}"))),
    };
    let r = file.roles;
    Ok(Theme {
        name: file
            .name
            .map_or_else(|| stem.to_string(), |n| sanitize_inline(&n).into_owned()),
        styles,
        role_colors: RoleColors {
            party: color(r.party, "party", |c| c.party)?,
            mediator: color(r.mediator, "mediator", |c| c.mediator)?,
            host: color(r.host, "host", |c| c.host)?,
            observer: color(r.observer, "observer", |c| c.observer)?,
        },
        override_party_colors: match (file.override_party_colors, &base) {
            (Some(value), _) => value,
            (None, Some(base)) => base.override_party_colors,
            (None, None) => return Err(missing("override_party_colors")),
        },
        no_color: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(role: Role, color: Option<&str>) -> Party {
        Party {
            id: "ua".into(),
            name: "Ukraine".into(),
            short: "UA".into(),
            role,
            color: color.map(String::from),
            summary: None,
            delegation: Vec::new(),
            positions: Vec::new(),
        }
    }

    fn theme_file(text: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path.display().to_string())
    }

    /// The error loading `text` as a theme file gives, and the file's path.
    fn file_error(text: &str) -> (String, String) {
        let (_dir, path) = theme_file(text);
        let message = Theme::load(&path).unwrap_err().to_string();
        (path, message)
    }

    fn styles(theme: &Theme) -> Vec<Style> {
        theme.styles.each().into_iter().map(|(_, &s)| s).collect()
    }

    #[test]
    fn every_builtin_loads_by_name_and_sets_every_key() {
        for name in Theme::BUILTIN {
            let theme = Theme::load(name).unwrap();
            assert_eq!(theme.name, name);
            assert!(!theme.no_color);
            assert!(styles(&theme).iter().all(|s| s.fg.is_some()), "{name}");
            assert!(
                theme.styles.selection.bg.is_some(),
                "{name}: selection needs a background"
            );
        }
        assert_eq!(Theme::default(), Theme::builtin("dark").unwrap());
    }

    #[test]
    fn an_unknown_name_lists_the_builtins() {
        let error = Theme::load("solarized").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown theme `solarized`: the built-in themes are dark, light, high-contrast; a theme file is given by its path (for example ./solarized.toml)"
        );
    }

    #[test]
    fn a_file_loads_and_takes_what_it_leaves_out_from_extends() {
        let (_dir, path) = theme_file(
            "extends = \"light\"\n[styles]\ntitle = { fg = \"#ff8800\", modifiers = [\"italic\"] }\n[roles]\nhost = \"42\"\n",
        );
        let theme = Theme::load(&path).unwrap();
        let light = Theme::builtin("light").unwrap();
        assert_eq!(theme.name, "mine");
        assert_eq!(
            theme.styles.title,
            Style::new()
                .fg(Color::Rgb(0xff, 0x88, 0))
                .add_modifier(Modifier::ITALIC)
        );
        assert_eq!(theme.role_colors.host, Color::Indexed(42));
        assert_eq!(theme.role_colors.party, light.role_colors.party);
        assert_eq!(theme.styles.text, light.styles.text);
    }

    #[test]
    fn a_file_without_extends_builds_on_dark() {
        let (_dir, path) = theme_file("name = \"Mine\"\noverride_party_colors = true\n");
        let theme = Theme::load(&path).unwrap();
        assert_eq!(theme.name, "Mine");
        assert!(theme.override_party_colors);
        assert_eq!(theme.styles.selection, Theme::default().styles.selection);
    }

    #[test]
    fn a_bad_colour_is_a_located_one_line_error() {
        let (path, message) = file_error("[styles]\ntext = { fg = \"purplish\" }\n");
        assert_eq!(
            message,
            format!(
                "{path}:2:15: error: \"purplish\" is not a colour; use a name such as \"lightred\", \"#rrggbb\" or a palette index from 0 to 255"
            )
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_it() {
        for (text, key) in [
            ("[styles]\nborders = { fg = \"red\" }\n", "borders"),
            ("[styles]\ntext = { colour = \"red\" }\n", "colour"),
            ("[roles]\nmediater = \"red\"\n", "mediater"),
            ("nmae = \"x\"\n", "nmae"),
        ] {
            let (path, message) = file_error(text);
            assert!(message.starts_with(&format!("{path}:")), "{message}");
            assert!(
                message.contains(&format!("unknown field `{key}`")),
                "{message}"
            );
            assert!(!message.contains('\n'), "{message}");
        }
    }

    #[test]
    fn other_file_errors_are_clear() {
        let (_, message) = file_error("[styles]\ntext = { modifiers = [\"blod\"] }\n");
        assert!(message.contains("unknown variant `blod`"), "{message}");

        let (path, message) = file_error("extends = \"solarized\"\n");
        assert_eq!(
            message,
            format!(
                "{path}:1:11: error: `extends` names no built-in theme: \"solarized\"; the built-in themes are dark, light, high-contrast"
            )
        );

        let message = Theme::load("./no-such-theme.toml").unwrap_err().to_string();
        assert_eq!(
            message,
            "./no-such-theme.toml: cannot read theme file: no such file"
        );
    }

    #[test]
    fn errors_never_echo_control_characters() {
        let error = Theme::load("evil\u{1b}[2J").unwrap_err().to_string();
        assert!(
            !error.chars().any(crate::text::is_forbidden_control),
            "{error:?}"
        );
        let (_, error) = file_error("[styles]\ntext = { fg = \"\\u001b[31m\" }\n");
        assert!(
            !error.chars().any(crate::text::is_forbidden_control),
            "{error:?}"
        );
    }

    #[test]
    fn without_color_leaves_no_colour_and_keeps_the_selection_visible() {
        for name in Theme::BUILTIN {
            let theme = Theme::builtin(name).unwrap().without_color();
            assert!(theme.no_color);
            for style in styles(&theme) {
                for color in [style.fg, style.bg, style.underline_color] {
                    assert!(
                        matches!(color, None | Some(Color::Reset)),
                        "{name}: {style:?}"
                    );
                }
            }
            let roles = theme.role_colors;
            for color in [roles.party, roles.mediator, roles.host, roles.observer] {
                assert_eq!(color, Color::Reset);
            }
            assert!(
                theme
                    .styles
                    .selection
                    .add_modifier
                    .contains(Modifier::REVERSED)
            );
            assert_eq!(
                theme.party_style(&party(Role::Party, Some("#0057b7"))).fg,
                None
            );
        }
        let dark = Theme::default();
        let kept = dark.styles.title.add_modifier;
        assert!(
            dark.without_color()
                .styles
                .title
                .add_modifier
                .contains(kept)
        );
    }

    #[test]
    fn no_color_applies_only_when_set_and_not_empty() {
        let dark = Theme::default();
        assert!(!apply_no_color(dark.clone(), None).no_color);
        assert!(!apply_no_color(dark.clone(), Some(OsStr::new(""))).no_color);
        assert!(apply_no_color(dark, Some(OsStr::new("1"))).no_color);
    }

    #[test]
    fn party_style_uses_the_party_colour_then_the_role_colour() {
        let dark = Theme::default();
        let own = dark.party_style(&party(Role::Party, Some("#0057b7")));
        assert_eq!(
            own,
            Style::new()
                .fg(Color::Rgb(0, 0x57, 0xb7))
                .add_modifier(Modifier::BOLD)
        );
        let named = dark.party_style(&party(Role::Party, Some("lightblue")));
        assert_eq!(named.fg, Some(Color::LightBlue));
        let by_role = dark.party_style(&party(Role::Mediator, None));
        assert_eq!(by_role.fg, Some(dark.role_colors.mediator));
        assert!(by_role.add_modifier.contains(Modifier::BOLD));

        let overriding = Theme::builtin("high-contrast").unwrap();
        assert!(overriding.override_party_colors);
        let host = overriding.party_style(&party(Role::Host, Some("#0057b7")));
        assert_eq!(host.fg, Some(overriding.role_colors.host));
    }

    #[test]
    fn contrast_is_wcag_s_ratio() {
        assert_eq!(
            contrast(Color::Black, Color::White).map(|c| c.round()),
            Some(21.0)
        );
        assert_eq!(contrast(Color::Gray, Color::Gray), Some(1.0));
        assert_eq!(contrast(Color::Reset, Color::White), None);
        assert_eq!(rgb(Color::Indexed(196)), Some((255, 0, 0)));
        assert_eq!(rgb(Color::Indexed(244)), Some((128, 128, 128)));
        assert_eq!(rgb(Color::Indexed(12)), rgb(Color::LightBlue));
    }

    /// Every style that can be drawn in a selected row (list text, titles,
    /// markers, search matches, party names by role and by their own
    /// colours), in every theme, keeps at least 4.5:1 against the selection.
    #[test]
    fn selected_text_stays_readable_in_every_theme() {
        let own_colours = [
            "#0057b7",
            "#ffd700",
            "#d52b1e",
            "#003399",
            "lightblue",
            "yellow",
        ];
        for name in Theme::BUILTIN {
            let theme = Theme::builtin(name).unwrap();
            let mut selectable = vec![
                ("text", theme.styles.text),
                ("muted", theme.styles.muted),
                ("title", theme.styles.title),
                ("red_line", theme.styles.red_line),
                ("highlight", theme.styles.highlight),
                ("selection", theme.styles.selection),
            ];
            for role in Role::ALL.map(|(_, role)| role) {
                selectable.push((role.as_str(), theme.party_style(&party(role, None))));
            }
            for colour in own_colours {
                selectable.push((colour, theme.party_style(&party(Role::Party, Some(colour)))));
            }
            for (what, style) in selectable {
                let shown = theme.selected(style);
                let (fg, bg) = (shown.fg.unwrap(), shown.bg.unwrap());
                let ratio = contrast(fg, bg).unwrap();
                assert!(
                    ratio >= MIN_CONTRAST,
                    "{name}: selected {what} is {fg:?} on {bg:?}, contrast {ratio:.2}"
                );
            }
        }
    }

    #[test]
    fn selected_keeps_a_readable_colour_and_replaces_an_unreadable_one() {
        let dark = Theme::builtin("dark").unwrap();
        // Light cyan on the light cyan selection: the invisible ★ lead.
        assert_eq!(
            dark.selected(dark.styles.title).fg,
            dark.styles.selection.fg
        );
        let readable = Style::new().fg(Color::Blue);
        assert_eq!(dark.selected(readable).fg, Some(Color::Blue));
        assert!(
            dark.selected(readable)
                .add_modifier
                .contains(Modifier::BOLD)
        );
        let plain = dark.clone().without_color();
        assert!(
            plain
                .selected(plain.styles.text)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn next_builtin_cycles_and_keeps_no_color() {
        let names: Vec<String> =
            std::iter::successors(Some(Theme::default()), |t| Some(t.next_builtin()))
                .take(4)
                .map(|t| t.name)
                .collect();
        assert_eq!(names, ["dark", "light", "high-contrast", "dark"]);
        assert!(Theme::default().without_color().next_builtin().no_color);
        let (_dir, path) = theme_file("name = \"Mine\"\n");
        assert_eq!(Theme::load(&path).unwrap().next_builtin().name, "dark");
    }
}
