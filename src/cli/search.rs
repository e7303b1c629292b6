//! `parley search QUERY [FILE|DIR]`: the dashboard's quote search, for
//! scripts and quick look-ups. A folder's briefings are searched as one
//! archive ([`search_archive`]): each hit names its file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::check::read_and_load;
use super::exit;
use crate::briefing::folder::briefings_in;
use crate::briefing::{Briefing, Id, Quote, QuoteKind, read_and_load_all};
use crate::search::{ArchiveHit, Hit, Index, Order, Query, search_archive};
use crate::text::{json_safe, sanitize, sanitize_inline};

/// Result order, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl From<SortOrder> for Order {
    fn from(order: SortOrder) -> Order {
        match order {
            SortOrder::Relevance => Order::Relevance,
            SortOrder::Date => Order::Date,
        }
    }
}

/// What to search and how to show it.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    pub query: &'a str,
    /// A briefing, or a folder of them (see [`briefings_in`]); `None`: the
    /// embedded briefing.
    pub file: Option<&'a Path>,
    pub party: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub limit: Option<usize>,
    pub order: SortOrder,
    pub json: bool,
    pub stats: bool,
    pub max_bytes: u64,
    /// Mark matches in bold and file names in colour (colour is on for
    /// standard output: `--color`, NO_COLOR, a terminal).
    pub colour: bool,
}

/// Runs a search and prints the hits to `out`. Returns the exit status: 0
/// when something matched, 1 when nothing did, 2 when the query is refused,
/// no briefing could be loaded (a folder's unloadable ones are reported
/// and passed over) or the output not written.
pub fn run(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut query = match Query::parse(options.query) {
        Ok(query) => query,
        Err(refused) => {
            let _ = writeln!(err, "{refused}");
            return exit::USAGE;
        }
    };
    let started = Instant::now();
    let folder = options.file.filter(|path| path.is_dir());
    let archive = match folder {
        Some(dir) => load_folder(dir, options.max_bytes, err),
        None => read_and_load(options.file, options.max_bytes, err).map(|(_, briefing)| Archive {
            files: vec![None],
            briefings: vec![briefing],
            skipped: 0,
        }),
    };
    // 1 means "nothing matched" here.
    let Ok(archive) = archive else {
        return exit::USAGE;
    };
    if let Some(message) = unknown_id(&archive.briefings, options) {
        let _ = writeln!(err, "{}", sanitize_inline(&message));
        return exit::USAGE;
    }
    let Archive {
        files,
        briefings,
        skipped,
    } = archive;
    let indexes: Vec<Index> = briefings
        .into_iter()
        .map(|briefing| Index::new(Arc::new(briefing)))
        .collect();
    let loaded = started.elapsed();

    let started = Instant::now();
    if let Some(party) = options.party {
        query = query.with_party(party);
    }
    if let Some(topic) = options.topic {
        query = query.with_topic(topic);
    }
    let never = AtomicBool::new(false);
    let hits = search_archive(&indexes, &query, options.order.into(), &never)
        .expect("a search nobody cancels finishes");
    let shown = &hits[..hits.len().min(options.limit.unwrap_or(usize::MAX))];
    // Highlights are found for the printed hits only, as the dashboard does
    // for the hits on screen; unmarked plain output needs none.
    let highlighters: Vec<_> = indexes.iter().map(|i| i.highlighter(&query)).collect();
    let shown: Vec<Shown> = shown
        .iter()
        .map(|&ArchiveHit { file, hit }| Shown {
            briefing: &indexes[file].briefing,
            file: files[file].as_deref(),
            hit,
            matches: match options.json || options.colour {
                true => highlighters[file].positions(hit.quote),
                false => Vec::new(),
            },
        })
        .collect();
    let searched = started.elapsed();

    if options.stats {
        let quotes: usize = indexes.iter().map(Index::len).sum();
        let _ = match folder {
            Some(_) => writeln!(
                err,
                "load: {quotes} quotes from {} briefings ({skipped} skipped) in {} ms",
                indexes.len(),
                millis(loaded)
            ),
            None => writeln!(err, "load: {quotes} quotes in {} ms", millis(loaded)),
        };
        let _ = writeln!(
            err,
            "search: {} matches in {} ms",
            hits.len(),
            millis(searched)
        );
    }
    let text = if options.json {
        json(&shown)
    } else {
        plain(&shown, options.colour)
    };
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A reader that stopped early (`| head`) is not an error.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(err, "cannot write to standard output: {error}");
            exit::USAGE
        }
        _ if hits.is_empty() => exit::INVALID,
        _ => exit::OK,
    }
}

/// The briefings searched, each with its file when a folder was searched.
struct Archive {
    files: Vec<Option<PathBuf>>,
    briefings: Vec<Briefing>,
    /// Briefings of the folder that could not be read or loaded.
    skipped: usize,
}

/// Every briefing under `dir` (as `parley check DIR` finds them). One that
/// cannot be read or loaded is reported, as `check` reports it, and passed
/// over; a folder with none that loads is an error (exit 2, returned).
fn load_folder(dir: &Path, max_bytes: u64, err: &mut dyn Write) -> Result<Archive, i32> {
    let shown_dir = dir.display().to_string();
    let folder = briefings_in(dir).map_err(|error| {
        let error = error.to_string();
        let (dir, error) = (sanitize_inline(&shown_dir), sanitize_inline(&error));
        let _ = writeln!(err, "{dir}: cannot read the folder: {error}");
        exit::USAGE
    })?;
    let mut archive = Archive {
        files: Vec::new(),
        briefings: Vec::new(),
        skipped: 0,
    };
    let loaded = read_and_load_all(&folder.briefings, max_bytes);
    for (path, loaded) in folder.briefings.into_iter().zip(loaded) {
        match loaded {
            Ok((_, briefing)) => {
                archive.files.push(Some(path));
                archive.briefings.push(briefing);
            }
            Err(unopened) => {
                let shown = path.display().to_string();
                let _ = write!(err, "{}", unopened.report());
                let _ = writeln!(err, "{}: skipped, not searched", sanitize_inline(&shown));
                archive.skipped += 1;
            }
        }
    }
    if archive.briefings.is_empty() {
        let dir = sanitize_inline(&shown_dir);
        let _ = match archive.skipped {
            0 => writeln!(
                err,
                "{dir}: no briefing (a .toml file with a [briefing] table) in this folder"
            ),
            _ => writeln!(err, "{dir}: no briefing here could be loaded"),
        };
        return Err(exit::USAGE);
    }
    Ok(archive)
}

/// A `--party` or `--topic` no briefing searched has: a usage error, not
/// "no match". (One that some of a folder's briefings lack just matches
/// nothing in those.)
fn unknown_id(briefings: &[Briefing], options: &Options) -> Option<String> {
    let have = match briefings.len() {
        1 => "the briefing has",
        _ => "the briefings have",
    };
    let check = |what: &str, id: Option<&str>, ids: Vec<&str>| {
        let id = id?;
        (!ids.contains(&id.to_lowercase().as_str()))
            .then(|| format!("no {what} has the id `{id}`; {have}: {}", ids.join(", ")))
    };
    // Each id once, in the order the briefings first name it.
    let ids = |of: fn(&Briefing) -> Vec<&str>| {
        let mut ids: Vec<&str> = Vec::new();
        for id in briefings.iter().flat_map(of) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    };
    let parties = ids(|b| b.parties.iter().map(|p| p.id.as_str()).collect());
    let topics = ids(|b| b.sticking_points.iter().map(|s| s.id.as_str()).collect());
    check("party", options.party, parties)
        .or_else(|| check("sticking point", options.topic, topics))
}

/// A hit to print, with the characters to mark in its text.
struct Shown<'b> {
    briefing: &'b Briefing,
    /// The briefing's file, when a folder was searched.
    file: Option<&'b Path>,
    hit: Hit,
    matches: Vec<usize>,
}

fn millis(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

/// One block per hit: a line naming who, which party, when and where
/// (after `file: ` when a folder was searched, as grep names a file), then
/// the text, indented.
fn plain(hits: &[Shown], colour: bool) -> String {
    const FILE: anstyle::Style = anstyle::AnsiColor::Magenta.on_default();
    let mut out = String::new();
    for (n, shown) in hits.iter().enumerate() {
        let briefing = shown.briefing;
        let quote = &briefing.quotes[shown.hit.quote];
        let said_on = quote
            .said_on
            .map_or("undated".to_string(), |d| d.to_string());
        let header: Vec<&str> = [
            Some(quote.speaker.as_str()),
            party_name(briefing, quote),
            Some(said_on.as_str()),
            (quote.kind == QuoteKind::Headline).then_some("headline"),
            briefing.source(&quote.source).map(|s| s.outlet.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if n > 0 {
            out.push('\n');
        }
        if let Some(file) = shown.file {
            let file = sanitize_inline(&file.display().to_string()).into_owned();
            match colour {
                true => out.push_str(&format!("{FILE}{file}{FILE:#}: ")),
                false => out.push_str(&format!("{file}: ")),
            }
        }
        out.push_str(&sanitize_inline(&header.join(" · ")));
        out.push_str(&format!("  [{}]\n    ", sanitize_inline(&quote.id)));
        let text = if colour {
            emphasised(&quote.text, &shown.matches)
        } else {
            sanitize(&quote.text).into_owned()
        };
        out.push_str(&text.replace('\n', "\n    "));
        out.push('\n');
    }
    out
}

fn party_name<'b>(briefing: &'b Briefing, quote: &Quote) -> Option<&'b str> {
    let party = briefing.party(quote.party.as_deref()?)?;
    Some(party.name.as_str())
}

/// The text sanitised, with the characters at `matches` in bold.
fn emphasised(text: &str, matches: &[usize]) -> String {
    const MATCH: anstyle::Style = anstyle::Style::new().bold();
    let (bold, normal) = (MATCH.render().to_string(), MATCH.render_reset().to_string());
    let mut out = String::new();
    let mut run = String::new();
    let mut in_match = false;
    let mut next = matches.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let matched = next.next_if(|&&m| m == i).is_some();
        if matched != in_match {
            out.push_str(&sanitize(&run));
            out.push_str(if matched { &bold } else { &normal });
            run.clear();
            in_match = matched;
        }
        run.push(c);
    }
    out.push_str(&sanitize(&run));
    if in_match {
        out.push_str(&normal);
    }
    out
}

#[derive(Serialize)]
struct JsonHit<'b> {
    /// The briefing's file, when a folder was searched.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    id: &'b str,
    text: &'b str,
    speaker: &'b str,
    party: Option<&'b str>,
    party_name: Option<&'b str>,
    source: &'b str,
    outlet: Option<&'b str>,
    said_on: Option<String>,
    /// `direct`, or `headline`: a headline's words, not the speaker's own.
    kind: QuoteKind,
    context: Option<&'b str>,
    topics: &'b [Id],
    score: i64,
    /// Character positions in `text`.
    matches: &'b [usize],
}

/// A JSON array of the hits, best first: a stable contract for scripts.
fn json(hits: &[Shown]) -> String {
    let hits: Vec<JsonHit> = hits
        .iter()
        .map(|shown| {
            let (briefing, hit) = (shown.briefing, &shown.hit);
            let quote = &briefing.quotes[hit.quote];
            JsonHit {
                file: shown.file.map(|file| file.display().to_string()),
                id: &quote.id,
                text: &quote.text,
                speaker: &quote.speaker,
                party: quote.party.as_deref(),
                party_name: party_name(briefing, quote),
                source: &quote.source,
                outlet: briefing.source(&quote.source).map(|s| s.outlet.as_str()),
                said_on: quote.said_on.map(|d| d.to_string()),
                kind: quote.kind,
                context: quote.context.as_deref(),
                topics: &quote.topics,
                score: hit.score,
                matches: &shown.matches,
            }
        })
        .collect();
    let pretty = serde_json::to_string_pretty(&hits).expect("hits serialise to JSON");
    format!("{}\n", json_safe(&pretty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_wraps_runs_of_matches_and_sanitises_each() {
        assert_eq!(
            emphasised("a land\u{1b}x", &[2, 3, 4, 5, 6]),
            "a \u{1b}[1mland\\u{1b}\u{1b}[0mx"
        );
        assert_eq!(emphasised("ab", &[]), "ab");
        assert_eq!(emphasised("ab", &[0, 1]), "\u{1b}[1mab\u{1b}[0m");
    }
}
