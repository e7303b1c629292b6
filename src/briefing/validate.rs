//! The rules that need the whole file once read: references that resolve
//! (rule 5), a `stated` position backed by its party's own words (rule 11)
//! and the warning for a source nothing cites. Ids unique within their kind
//! (rule 4) are checked by the reader as it declares them.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Rule, Severity};
use super::model::Briefing;
use super::read::{IdKind, Located, Name, Notes, did_you_mean};

/// Checks the references the reader could not resolve as it read, and warns
/// about sources nothing cites. (Duplicate ids are found as they are read.)
/// Quote references (a position's `quotes`) are resolved against the
/// `briefing`'s quotes, whose ids may be derived; without a briefing (the
/// file could not be read whole) they are not checked.
pub fn cross_references(
    notes: &Notes,
    briefing: Option<&Briefing>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = |located: &Located| notes.names.text(located.id);
    let declared: HashSet<(IdKind, Name)> = notes
        .declared
        .iter()
        .map(|(kind, d)| (*kind, d.id))
        .collect();
    // Only when something refers to a quote: an archive has a great many.
    let quote_ids: HashSet<&str> = match briefing {
        Some(b) if notes.references.iter().any(|(k, _)| *k == IdKind::Quote) => {
            b.quotes.iter().map(|q| q.id.as_str()).collect()
        }
        _ => HashSet::new(),
    };

    for (kind, reference) in &notes.references {
        if declared.contains(&(*kind, reference.id)) {
            continue;
        }
        if *kind == IdKind::Quote {
            if briefing.is_none() || quote_ids.contains(name(reference)) {
                continue;
            }
            let known: Vec<&str> = quote_ids.iter().copied().collect();
            let help = match did_you_mean(name(reference), &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "a quote's id is its `id`, or the one `parley export --format json` shows"
                    .into(),
            };
            let message = format!("no quote has the id `{}`", name(reference));
            diagnostics.push(
                Diagnostic::error(Rule::REFERENCES, reference.span(), message)
                    .with_help(Some(help)),
            );
            continue;
        }
        let known: Vec<&str> = notes
            .declared
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, d)| name(d))
            .collect();
        let help = id_hint(*kind, name(reference), &known, briefing);
        let message = format!("no {} has the id `{}`", kind.noun(), name(reference));
        diagnostics
            .push(Diagnostic::error(Rule::REFERENCES, reference.span(), message).with_help(help));
    }

    // A reference that does not resolve may have been meant for a source
    // that then looks uncited: no follow-on warning while one is unresolved.
    let unresolved_source = notes
        .references
        .iter()
        .any(|(kind, r)| *kind == IdKind::Source && !declared.contains(&(*kind, r.id)));
    // Filled by inserts: `collect` would size the set for every reference,
    // not for the few distinct ones.
    let mut cited: HashSet<(IdKind, Name)> = notes.cited.clone();
    for (kind, reference) in &notes.references {
        cited.insert((*kind, reference.id));
    }
    for (kind, declared) in &notes.declared {
        if *kind == IdKind::Source && !unresolved_source && !cited.contains(&(*kind, declared.id)) {
            diagnostics.push(Diagnostic::warning(
                Rule::UNCITED_SOURCE,
                declared.span(),
                format!("source `{}` is not cited by anything", name(declared)),
            ));
        }
    }
}

/// Lists at most this many declared ids when nothing near is found.
const LIST_AT_MOST: usize = 8;

/// What to suggest for an id that resolves to nothing: the nearest id by
/// spelling, an id the typed one begins (`gazette` -> `gazette-0313`), the
/// id of a thing whose title or name was typed (`Split shifts` ->
/// `shifts`), or else the ids there are, when there are few.
fn id_hint(
    kind: IdKind,
    typed: &str,
    known: &[&str],
    briefing: Option<&Briefing>,
) -> Option<String> {
    if let Some(near) = did_you_mean(typed, known) {
        return Some(format!("did you mean `{near}`?"));
    }
    let folded = typed.trim().to_lowercase();
    let prefixed: Vec<&&str> = known
        .iter()
        .filter(|k| !folded.is_empty() && k.starts_with(folded.as_str()))
        .collect();
    if let [only] = prefixed.as_slice() {
        return Some(format!("did you mean `{only}`?"));
    }
    let titled = briefing.and_then(|b| id_by_title(kind, &folded, b));
    if let Some(id) = titled {
        return Some(format!(
            "`{typed}` is the title of `{id}`: refer to it by its id, `{id}`"
        ));
    }
    match known.len() {
        0 => Some(format!("the file declares no {}", kind.plural())),
        n if n <= LIST_AT_MOST => {
            let ids: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            Some(format!("the {} are {}", kind.plural(), ids.join(", ")))
        }
        _ => None,
    }
}

/// The id of the thing of `kind` whose title (or name, outlet, subject)
/// is `folded`, ignoring case.
fn id_by_title(kind: IdKind, folded: &str, briefing: &Briefing) -> Option<String> {
    let same = |title: &str| title.trim().to_lowercase() == folded;
    match kind {
        IdKind::StickingPoint => briefing
            .sticking_points
            .iter()
            .find(|s| same(&s.title))
            .map(|s| s.id.clone()),
        IdKind::Party => briefing
            .parties
            .iter()
            .find(|p| same(&p.name) || same(&p.short))
            .map(|p| p.id.clone()),
        IdKind::Source => briefing
            .sources
            .iter()
            .find(|s| same(&s.outlet) || s.title.as_deref().is_some_and(same))
            .map(|s| s.id.clone()),
        IdKind::Discrepancy => briefing
            .discrepancies
            .iter()
            .find(|d| same(&d.subject))
            .and_then(|d| d.id.clone()),
        IdKind::Quote => None,
    }
}

/// Rule 11: a `stated` position cites at least one quote of its own party.
pub fn stated_positions(notes: &Notes, briefing: &Briefing, diagnostics: &mut Vec<Diagnostic>) {
    if notes.stated.is_empty() {
        return;
    }
    let linked: HashSet<&str> = notes
        .stated
        .iter()
        .flat_map(|claim| claim.quotes.iter().map(String::as_str))
        .collect();
    let party_of: HashMap<&str, Option<&str>> = briefing
        .quotes
        .iter()
        .filter(|q| linked.contains(q.id.as_str()))
        .map(|q| (q.id.as_str(), q.party.as_deref()))
        .collect();
    for claim in &notes.stated {
        if claim.quotes.is_empty() {
            diagnostics.push(Diagnostic::error(
                Rule::STATED,
                claim.span.clone(),
                format!(
                    "a `stated` position must cite the party's own words: add `quotes = [\"...\"]` with a quote of `{}`, or say \"reported\" or \"inferred\"",
                    claim.party
                ),
            ));
            continue;
        }
        let resolved: Vec<(&str, Option<&str>)> = claim
            .quotes
            .iter()
            .filter_map(|id| party_of.get(id.as_str()).map(|party| (id.as_str(), *party)))
            .collect();
        // An unresolved id is reported by rule 5; judge only what resolves.
        if resolved.is_empty()
            || resolved
                .iter()
                .any(|(_, p)| *p == Some(claim.party.as_str()))
        {
            continue;
        }
        let others: Vec<String> = resolved
            .iter()
            .map(|(id, party)| match party {
                Some(party) => format!("`{id}` is {party}'s"),
                None => format!("`{id}` has no party"),
            })
            .collect();
        diagnostics.push(Diagnostic::error(
            Rule::STATED,
            claim.span.clone(),
            format!(
                "a `stated` position must cite a quote of its own party `{}`: {}; cite the party's own words, or say \"reported\" or \"inferred\"",
                claim.party,
                others.join(", ")
            ),
        ));
    }
}

/// The schemes a `url` may have: those an export can link to safely.
const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Why a source's `url` may not become a link, if it may not: only
/// `http`, `https` and `mailto` URLs are allowed (`javascript:` or `file:`
/// would run or open something when the exported memo is clicked).
pub fn url_problem(url: &str) -> Option<String> {
    // As a browser reads it: tabs and line breaks inside are dropped, and
    // spaces and control characters at the start are skipped.
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .skip_while(|c| c.is_whitespace() || c.is_control())
        .collect();
    let scheme = url.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme {
        Some(scheme) if URL_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => None,
        Some(scheme) => Some(format!(
            "`url` must be an http, https or mailto link, not a `{scheme}:` one"
        )),
        None => {
            Some("`url` must be a whole link starting with https://, http:// or mailto:".into())
        }
    }
}

/// Whether text shows nothing at all: only whitespace and characters that
/// take no room (zero-width spaces and joiners, direction marks, the byte
/// order mark, soft hyphens, variation selectors, tags, blank fillers).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{e0000}'..='\u{e0fff}'
    ) || c.is_control()
}

/// Quotation marks a quote's `text` may be wrapped in by mistake: opening
/// and closing as typed.
const QUOTE_MARKS: [(char, char); 6] = [
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('«', '»'),
    ('\'', '\''),
    ('‘', '’'),
];

/// What is wrong with a quote's `text`, as an error or a warning: words
/// that are only an elision cannot be checked or cited, and a quote wrapped
/// in its own quotation marks would be printed with two pairs.
pub fn quote_text_problem(text: &str) -> Option<(Severity, String)> {
    let words = text.replace("...", "").replace('…', "");
    if !is_blank(text) && is_blank(&words) {
        return Some((
            Severity::Error,
            "a quote's `text` must hold the words said, not only an elision (`...`)".into(),
        ));
    }
    let trimmed = text.trim();
    let mut chars = trimmed.chars();
    let (first, last) = (chars.next()?, chars.next_back()?);
    QUOTE_MARKS
        .iter()
        .any(|&(open, close)| first == open && last == close)
        .then(|| {
            (
                Severity::Warning,
                format!(
                    "the quote is wrapped in its own quotation marks ({first}…{last}); `text` holds the words without them, and parley adds its own"
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_allowed() {
        for allowed in ["https://example.com/a", "HTTP://x", "mailto:a@b.c"] {
            assert_eq!(url_problem(allowed), None, "{allowed}");
        }
        for refused in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "example.com/page",
        ] {
            assert!(url_problem(refused).is_some(), "{refused:?}");
        }
    }

    #[test]
    fn invisible_characters_alone_are_blank() {
        assert!(is_blank("\u{200b}\u{200d} \u{feff}\u{2060}"));
        assert!(!is_blank("a\u{200b}"));
        // A zero-width joiner inside an emoji is part of something visible.
        assert!(!is_blank("👩\u{200d}🔬"));
    }

    #[test]
    fn a_quote_of_only_an_elision_is_an_error_and_wrapped_quotes_a_warning() {
        assert_eq!(
            quote_text_problem(" ... ").map(|(s, _)| s),
            Some(Severity::Error)
        );
        assert_eq!(
            quote_text_problem("…").map(|(s, _)| s),
            Some(Severity::Error)
        );
        assert_eq!(
            quote_text_problem("“It’s all about the land”").map(|(s, _)| s),
            Some(Severity::Warning)
        );
        assert_eq!(quote_text_problem("It's \"all\" about the land"), None);
        assert_eq!(quote_text_problem("... about the land"), None);
    }
}
