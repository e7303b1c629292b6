//! The rules that need the whole file: ids unique within their kind (rule 4),
//! references that resolve (rule 5), and the warning for a source nothing
//! cites.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, LineIndex};
use super::read::{IdKind, Located, Notes, did_you_mean};

pub fn cross_references(text: &str, notes: &Notes, diagnostics: &mut Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let mut first: HashMap<(IdKind, &str), &Located> = HashMap::new();
    for (kind, declared) in &notes.declared {
        match first.get(&(*kind, declared.id.as_str())) {
            Some(earlier) => diagnostics.push(Diagnostic::error(
                declared.span.clone(),
                format!(
                    "duplicate {} id `{}` (first declared at line {}): ids must be unique among {}s",
                    kind.noun(),
                    declared.id,
                    lines.location(earlier.span.start).line,
                    kind.noun(),
                ),
            )),
            None => {
                first.insert((*kind, declared.id.as_str()), declared);
            }
        }
    }

    for (kind, reference) in &notes.references {
        if first.contains_key(&(*kind, reference.id.as_str())) {
            continue;
        }
        let known: Vec<&str> = notes
            .declared
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, d)| d.id.as_str())
            .collect();
        let hint = match did_you_mean(&reference.id, &known) {
            Some(near) => format!("; did you mean `{near}`?"),
            None if known.is_empty() => format!("; the file declares no {}s", kind.noun()),
            None => String::new(),
        };
        diagnostics.push(Diagnostic::error(
            reference.span.clone(),
            format!("no {} has the id `{}`{hint}", kind.noun(), reference.id),
        ));
    }

    // A set, not a scan per id: an archive of 100,000 quotes has as many ids
    // and more references.
    let cited: HashSet<(IdKind, &str)> = notes
        .references
        .iter()
        .map(|(kind, reference)| (*kind, reference.id.as_str()))
        .collect();
    for (kind, declared) in &notes.declared {
        if *kind == IdKind::Source && !cited.contains(&(*kind, declared.id.as_str())) {
            diagnostics.push(Diagnostic::warning(
                declared.span.clone(),
                format!("source `{}` is not cited by anything", declared.id),
            ));
        }
    }
}
