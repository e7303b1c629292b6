//! `parley diff OLD NEW`: what moved between two rounds. OLD and NEW are
//! files or `REV:PATH` at a git revision. Exit 0 when nothing changed, 1
//! when something did, 2 on an error, as diff(1) does.

use std::io::Write;

use serde::Serialize;

use super::exit;
use crate::briefing::Briefing;
use crate::diff::{Change, describe, diff, grouped};
use crate::text::sanitize_inline;

/// How the changes are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// One line a change, grouped by party and sticking point.
    #[default]
    Plain,
    /// A "since last round" memo section.
    Markdown,
    /// A JSON object: `old`, `new` and `changes`.
    Json,
}

/// Reads and loads one side, reporting to `err` as `check` does.
pub fn load_side(arg: &str, max_bytes: u64, err: &mut dyn Write) -> Option<(String, Briefing)> {
    crate::briefing::open::load_side(arg, max_bytes)
        .map_err(|unopened| {
            let _ = write!(err, "{}", unopened.report());
        })
        .ok()
}

pub fn run(
    old: &str,
    new: &str,
    format: DiffFormat,
    max_bytes: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (Some((old_name, old)), Some((new_name, new))) = (
        load_side(old, max_bytes, err),
        load_side(new, max_bytes, err),
    ) else {
        return exit::USAGE;
    };
    let changes = diff(&old, &new);
    let text = match format {
        DiffFormat::Plain => plain(&changes, &old, &new),
        DiffFormat::Markdown => markdown(&changes, (&old_name, &old), &new),
        DiffFormat::Json => json(&changes, (&old_name, &old), (&new_name, &new)),
    };
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return exit::USAGE;
    }
    if changes.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    }
}

/// Grouped by party and then sticking point, one change a line with its
/// `+` / `-` / `~` marker.
pub fn plain(changes: &[Change], old: &Briefing, new: &Briefing) -> String {
    let mut text = String::new();
    for group in grouped(changes, old, new) {
        text.push_str(&sanitize_inline(&group.heading));
        text.push('\n');
        for (topic, list) in &group.parts {
            let indent = if topic.is_some() { "    " } else { "  " };
            if let Some(topic) = topic {
                text.push_str(&format!("  [{}]\n", sanitize_inline(topic)));
            }
            for change in list {
                let marker = change.change.marker();
                text.push_str(&format!(
                    "{indent}{marker} {}\n",
                    sanitize_inline(&describe(change))
                ));
            }
        }
    }
    text
}

/// A memo section: "Since last round".
pub fn markdown(changes: &[Change], old: (&str, &Briefing), new: &Briefing) -> String {
    let escape = crate::export::markdown::inline;
    let mut text = format!(
        "## Since last round\n\nCompared with {} (as of {}).\n\n",
        escape(old.0),
        old.1.meta.as_of
    );
    if changes.is_empty() {
        text.push_str("Nothing moved.\n");
        return text;
    }
    for group in grouped(changes, old.1, new) {
        text.push_str(&format!("### {}\n\n", escape(&group.heading)));
        for (topic, list) in &group.parts {
            if let Some(topic) = topic {
                text.push_str(&format!("**{}**\n\n", escape(topic)));
            }
            for change in list {
                text.push_str(&format!(
                    "- `{}` {}\n",
                    change.change.marker(),
                    escape(&describe(change))
                ));
            }
            text.push('\n');
        }
    }
    text
}

#[derive(Serialize)]
struct Side<'a> {
    file: &'a str,
    title: &'a str,
    as_of: String,
}

#[derive(Serialize)]
struct Report<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: &'a [Change],
}

pub fn json(changes: &[Change], old: (&str, &Briefing), new: (&str, &Briefing)) -> String {
    fn side<'a>((file, briefing): (&'a str, &'a Briefing)) -> Side<'a> {
        Side {
            file,
            title: &briefing.meta.title,
            as_of: briefing.meta.as_of.to_string(),
        }
    }
    let report = Report {
        old: side(old),
        new: side(new),
        changes,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("a diff serialises");
    text.push('\n');
    text
}
