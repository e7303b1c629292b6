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
        let help = match did_you_mean(name(reference), &known) {
            Some(near) => Some(format!("did you mean `{near}`?")),
            None if known.is_empty() => Some(format!("the file declares no {}", kind.plural())),
            None => None,
        };
        let message = format!("no {} has the id `{}`", kind.noun(), name(reference));
        diagnostics
            .push(Diagnostic::error(Rule::REFERENCES, reference.span(), message).with_help(help));
    }

    // Filled by inserts: `collect` would size the set for every reference,
    // not for the few distinct ones.
    let mut cited: HashSet<(IdKind, Name)> = notes.cited.clone();
    for (kind, reference) in &notes.references {
        cited.insert((*kind, reference.id));
    }
    for (kind, declared) in &notes.declared {
        if *kind == IdKind::Source && !cited.contains(&(*kind, declared.id)) {
            diagnostics.push(Diagnostic::warning(
                Rule::UNCITED_SOURCE,
                declared.span(),
                format!("source `{}` is not cited by anything", name(declared)),
            ));
        }
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
