//! The rules that need the whole file once read: references that resolve
//! (rule 5) and the warning for a source nothing cites. Ids unique within
//! their kind (rule 4) are checked by the reader as it declares them.

use std::collections::HashSet;

use super::diagnostic::{Diagnostic, Rule};
use super::read::{IdKind, Located, Name, Notes, did_you_mean};

/// Checks the references the reader could not resolve as it read, and warns
/// about sources nothing cites. (Duplicate ids are found as they are read.)
pub fn cross_references(notes: &Notes, diagnostics: &mut Vec<Diagnostic>) {
    let name = |located: &Located| notes.names.text(located.id);
    let declared: HashSet<(IdKind, Name)> = notes
        .declared
        .iter()
        .map(|(kind, d)| (*kind, d.id))
        .collect();

    for (kind, reference) in &notes.references {
        if declared.contains(&(*kind, reference.id)) {
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
            None if known.is_empty() => Some(format!("the file declares no {}s", kind.noun())),
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
