//! The rules that need the whole file once read: references that resolve
//! (rule 5), a `stated` position backed by its party's own words (rule 11)
//! and the warning for a source nothing cites. Ids unique within their kind
//! (rule 4) are checked by the reader as it declares them.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Rule};
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
