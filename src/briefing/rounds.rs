//! A folder of briefings as rounds of negotiations: what a list of them shows
//! of each file, in what order, and which file is a briefing's previous
//! round. Knows nothing of terminals.
//!
//! **The previous round** of a briefing is, among the other valid briefings
//! of the folder that belong to the same negotiation, the one with the
//! newest `as_of` strictly older than its own (ties: by title, then path,
//! as the list orders them). Two briefings belong to the same negotiation
//! when their titles have the same [stem](title_stem), or when they name
//! the same set of party ids.

use std::path::{Path, PathBuf};

use super::date::PartialDate;
use super::model::Briefing;
use super::open::{Unopened, read_and_load_all};

/// One file of a folder, as a list of briefings shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The file, as found under the folder.
    pub path: PathBuf,
    /// Its path inside the folder (`rounds/round1.toml`).
    pub relative: String,
    pub state: State,
}

/// Whether a file could be loaded, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    Valid(Facts),
    /// It could not be read, or broke the format's rules: its first error,
    /// as `file:line:column: error: message` (as `parley check` says it).
    Invalid(String),
}

/// What a list shows of a valid briefing, and what tells its rounds apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub title: String,
    pub location: Option<String>,
    pub as_of: PartialDate,
    pub parties: usize,
    pub red_lines: usize,
    /// The parties' ids, sorted: the same negotiation under another title.
    pub party_ids: Vec<String>,
}

impl Facts {
    pub fn of(briefing: &Briefing) -> Facts {
        let counts = briefing.counts();
        let mut party_ids: Vec<String> = briefing.parties.iter().map(|p| p.id.clone()).collect();
        party_ids.sort();
        party_ids.dedup();
        Facts {
            title: briefing.meta.title.clone(),
            location: briefing.meta.location.clone(),
            as_of: briefing.meta.as_of,
            parties: counts.parties,
            red_lines: counts.red_lines,
            party_ids,
        }
    }
}

impl Summary {
    pub fn facts(&self) -> Option<&Facts> {
        match &self.state {
            State::Valid(facts) => Some(facts),
            State::Invalid(_) => None,
        }
    }

    /// The file's name, without its folders.
    pub fn file_name(&self) -> &str {
        self.relative
            .rsplit(['/', std::path::MAIN_SEPARATOR])
            .next()
            .unwrap_or(&self.relative)
    }
}

/// What a list shows of one briefing file of the folder `root`, as
/// [`read_and_load`](super::read_and_load) came to for it.
pub fn summary(root: &Path, path: &Path, loaded: Result<(String, Briefing), Unopened>) -> Summary {
    let relative = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let state = match loaded {
        Ok((_, briefing)) => State::Valid(Facts::of(&briefing)),
        Err(unopened) => State::Invalid(first_error(&unopened, path, &relative)),
    };
    Summary {
        path: path.to_path_buf(),
        relative,
        state,
    }
}

/// The first error of a report, as `file:line:column: error: message`
/// with the file named by its path inside the folder (an unreadable file's
/// report is its one line).
fn first_error(unopened: &Unopened, path: &Path, relative: &str) -> String {
    let name = path.display().to_string();
    let report = unopened.report();
    let line = report
        .lines()
        .find(|line| line.starts_with(&name) && line.contains(": error: "))
        .or_else(|| report.lines().next())
        .unwrap_or("invalid briefing");
    match line.strip_prefix(&name) {
        Some(rest) => format!("{relative}{rest}"),
        None => line.to_string(),
    }
}

/// Every briefing under `dir` (found as `parley check DIR` finds them),
/// read and checked on every core, in [list order](order).
pub fn list(dir: &Path, max_bytes: u64) -> std::io::Result<Vec<Summary>> {
    let files = super::folder::briefings_in(dir)?.briefings;
    let loaded = read_and_load_all(&files, max_bytes);
    let mut summaries: Vec<Summary> = files
        .iter()
        .zip(loaded)
        .map(|(path, loaded)| summary(dir, path, loaded))
        .collect();
    summaries.sort_by(order);
    Ok(summaries)
}

/// The list's order: valid briefings newest `as_of` first (the same
/// `as_of`: by title, then by path), then the files that failed, by path.
pub fn order(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    match (a.facts(), b.facts()) {
        (Some(x), Some(y)) => y
            .as_of
            .cmp(&x.as_of)
            .then_with(|| x.title.cmp(&y.title))
            .then_with(|| a.relative.cmp(&b.relative)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.relative.cmp(&b.relative),
    }
}

/// Words that number or date a round rather than name the negotiation.
const ROUND_WORDS: &[&str] = &[
    "round", "rounds", "session", "sessions", "meeting", "part", "phase",
];

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "final", "last", "next",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whether a word (lower case) numbers or dates a round: a number (`3`,
/// `2026`), a numbered ordinal (`2nd`, `3rd`), a short round number
/// (`r2`), a Roman numeral (`ii`, `iv`; not a lone `i`, `v` or `x`), or one
/// of [`ROUND_WORDS`], the ordinals `first`…`twelfth`, `final`, `last`,
/// `next`, and the months and their abbreviations.
fn is_round_word(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let numbered = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&word[digits.len()..], "" | "st" | "nd" | "rd" | "th");
    let short_round =
        word.len() > 1 && word.starts_with('r') && word[1..].bytes().all(|b| b.is_ascii_digit());
    let roman = word.len() > 1 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    numbered
        || short_round
        || roman
        || ROUND_WORDS.contains(&word)
        || ORDINALS.contains(&word)
        || MONTHS.contains(&word)
}

/// A title with what numbers or dates the round taken out: its words
/// (runs of letters and digits, in lower case) without the
/// [round words](is_round_word), joined by single spaces. "Kelmar Strait
/// fisheries talks, round 2" and "Kelmar Strait Fisheries Talks — Round
/// III (June 2031)" have the stem "kelmar strait fisheries talks".
pub fn title_stem(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !is_round_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two briefings are rounds of one negotiation: the same title
/// stem (not empty), or the same parties (at least one).
pub fn same_negotiation(a: &Facts, b: &Facts) -> bool {
    let stem = title_stem(&a.title);
    (!stem.is_empty() && stem == title_stem(&b.title))
        || (!a.party_ids.is_empty() && a.party_ids == b.party_ids)
}

/// The previous round of `summaries[of]` (see the module's doc): an index
/// into `summaries`, which is in [list order](order). `None` for an invalid
/// file, and for the oldest round.
pub fn previous_round(summaries: &[Summary], of: usize) -> Option<usize> {
    let current = summaries.get(of)?.facts()?;
    // Newest first: the first older round of the same negotiation is the
    // newest of them.
    summaries.iter().enumerate().find_map(|(i, summary)| {
        let facts = summary.facts()?;
        (i != of && facts.as_of < current.as_of && same_negotiation(current, facts)).then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn valid(relative: &str, title: &str, as_of: &str, parties: &[&str]) -> Summary {
        Summary {
            path: PathBuf::from("dir").join(relative),
            relative: relative.into(),
            state: State::Valid(Facts {
                title: title.into(),
                location: None,
                as_of: day(as_of),
                parties: parties.len(),
                red_lines: 0,
                party_ids: {
                    let mut ids: Vec<String> = parties.iter().map(|p| p.to_string()).collect();
                    ids.sort();
                    ids
                },
            }),
        }
    }

    fn invalid(relative: &str) -> Summary {
        Summary {
            path: PathBuf::from("dir").join(relative),
            relative: relative.into(),
            state: State::Invalid(format!("dir/{relative}:1:1: error: broken")),
        }
    }

    fn sorted(mut summaries: Vec<Summary>) -> Vec<String> {
        summaries.sort_by(order);
        summaries.into_iter().map(|s| s.relative).collect()
    }

    #[test]
    fn newest_first_then_title_then_path_and_invalid_files_last() {
        let order = sorted(vec![
            invalid("a-broken.toml"),
            valid("old.toml", "Talks", "2031-05-10", &["a"]),
            valid("z-new.toml", "Beta talks", "2031-06-21", &["a"]),
            valid("y-new.toml", "Alpha talks", "2031-06-21", &["a"]),
            valid("x-new.toml", "Alpha talks", "2031-06-21", &["a"]),
            valid("month.toml", "Talks", "2031-06", &["a"]),
            invalid("0-broken.toml"),
        ]);
        assert_eq!(
            order,
            [
                "x-new.toml",
                "y-new.toml",
                "z-new.toml",
                "month.toml",
                "old.toml",
                "0-broken.toml",
                "a-broken.toml"
            ]
        );
    }

    #[test]
    fn a_title_stem_leaves_out_what_numbers_or_dates_the_round() {
        let stem = "kelmar strait fisheries talks";
        for title in [
            "Kelmar Strait fisheries talks, round 1",
            "Kelmar Strait Fisheries Talks — Round III (June 2031)",
            "Kelmar Strait fisheries talks: second round, 2031-06-03",
            "Kelmar Strait fisheries talks R2",
            "3rd session: Kelmar Strait fisheries talks",
        ] {
            assert_eq!(title_stem(title), stem, "{title}");
        }
        assert_eq!(title_stem("Round 2"), "");
        assert_eq!(title_stem("Talks in Vienna"), "talks in vienna");
        // A lone letter that looks like a numeral is a word.
        assert_eq!(title_stem("Plan V talks"), "plan v talks");
    }

    fn previous(summaries: &[Summary], of: &str) -> Option<String> {
        let at = summaries.iter().position(|s| s.relative == of).unwrap();
        previous_round(summaries, at).map(|i| summaries[i].relative.clone())
    }

    fn listed(summaries: Vec<Summary>) -> Vec<Summary> {
        let mut summaries = summaries;
        summaries.sort_by(order);
        summaries
    }

    #[test]
    fn the_previous_round_has_the_same_stem_and_the_next_older_as_of() {
        let summaries = listed(vec![
            valid(
                "r1.toml",
                "Strait talks, round 1",
                "2031-05-10",
                &["a", "b"],
            ),
            valid(
                "r3.toml",
                "Strait talks, round 3",
                "2031-06-21",
                &["a", "c"],
            ),
            valid(
                "r2.toml",
                "Strait talks, round 2",
                "2031-06-03",
                &["a", "b"],
            ),
            valid("other.toml", "Harbour talks", "2031-06-10", &["x", "y"]),
        ]);
        assert_eq!(previous(&summaries, "r3.toml").as_deref(), Some("r2.toml"));
        assert_eq!(previous(&summaries, "r2.toml").as_deref(), Some("r1.toml"));
        assert_eq!(previous(&summaries, "r1.toml"), None, "the oldest round");
        assert_eq!(previous(&summaries, "other.toml"), None);
    }

    #[test]
    fn the_same_parties_make_a_round_under_another_title() {
        let summaries = listed(vec![
            valid("june.toml", "Ceasefire memo", "2031-06-21", &["b", "a"]),
            valid(
                "may.toml",
                "Notes from Port Avel",
                "2031-05-10",
                &["b", "a"],
            ),
            valid("april.toml", "Notes from elsewhere", "2031-04-01", &["a"]),
        ]);
        assert_eq!(
            previous(&summaries, "june.toml").as_deref(),
            Some("may.toml")
        );
        assert_eq!(previous(&summaries, "may.toml"), None);
    }

    #[test]
    fn titles_that_are_only_a_round_number_share_no_stem() {
        let summaries = listed(vec![
            valid("b.toml", "Round 2", "2031-06-03", &["a"]),
            valid("a.toml", "Round 1", "2031-05-03", &["x"]),
        ]);
        assert_eq!(previous(&summaries, "b.toml"), None);
    }

    #[test]
    fn an_invalid_file_and_the_same_day_are_no_previous_round() {
        let summaries = listed(vec![
            valid("b.toml", "Talks, round 2", "2031-06-03", &["a"]),
            valid("a.toml", "Talks, round 2 (copy)", "2031-06-03", &["a"]),
            invalid("talks-round-1.toml"),
        ]);
        assert_eq!(previous(&summaries, "b.toml"), None);
        assert_eq!(previous(&summaries, "a.toml"), None);
        let broken = summaries
            .iter()
            .position(|s| s.relative == "talks-round-1.toml")
            .unwrap();
        assert_eq!(previous_round(&summaries, broken), None);
    }

    #[test]
    fn a_folder_lists_valid_and_broken_files_with_the_first_error() {
        let dir = tempfile::tempdir().unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rounds");
        for n in 1..=3 {
            let name = format!("round{n}.toml");
            std::fs::copy(fixtures.join(&name), dir.path().join(&name)).unwrap();
        }
        std::fs::write(
            dir.path().join("broken.toml"),
            "format = 1\n[briefing]\ntitle = 3\n",
        )
        .unwrap();
        let summaries = list(dir.path(), u64::MAX).unwrap();
        let names: Vec<&str> = summaries.iter().map(|s| s.relative.as_str()).collect();
        assert_eq!(
            names,
            ["round3.toml", "round2.toml", "round1.toml", "broken.toml"]
        );
        let round3 = summaries[0].facts().unwrap();
        assert_eq!(round3.title, "Kelmar Strait fisheries talks, round 3");
        assert_eq!(round3.parties, 2);
        match &summaries[3].state {
            State::Invalid(error) => {
                assert!(error.starts_with("broken.toml:2:1: error:"), "{error}")
            }
            State::Valid(_) => panic!("broken.toml is not a valid briefing"),
        }
        assert_eq!(previous_round(&summaries, 0), Some(1));
    }

    #[test]
    fn an_invalid_files_row_shows_its_first_error_not_a_warning_before_it() {
        let dir = tempfile::tempdir().unwrap();
        // The red line without a basis is a warning; the unknown source an error.
        let text = "format = 1\n[briefing]\ntitle = \"T\"\nas_of = 2031-01-01\n\n\
                    [[sources]]\nid = \"s\"\noutlet = \"O\"\n\n\
                    [[parties]]\nid = \"a\"\nname = \"A\"\n\
                    [[parties.positions]]\ntext = \"No.\"\nred_line = true\nsources = [\"s\"]\n\
                    [[parties.positions]]\ntext = \"Yes.\"\nsources = [\"nowhere\"]\n";
        std::fs::write(dir.path().join("one.toml"), text).unwrap();
        let summaries = list(dir.path(), u64::MAX).unwrap();
        match &summaries[0].state {
            State::Invalid(error) => {
                assert_eq!(
                    error,
                    "one.toml:19:12: error: no source has the id `nowhere`; the sources are `s`"
                );
            }
            State::Valid(_) => panic!("an unknown source is an error"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_and_fifos_in_the_folder_are_passed_over() {
        let outside = tempfile::tempdir().unwrap();
        let briefing = outside.path().join("secret.toml");
        std::fs::write(&briefing, crate::briefing::EMBEDDED_TEXT).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&briefing, dir.path().join("link.toml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked-folder")).unwrap();
        let fifo = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // A FIFO with no writer would block a plain read for good.
        assert_eq!(list(dir.path(), u64::MAX).unwrap(), []);
    }
}
