//! The rules that need the whole file: ids unique within their kind (rule 4),
//! references that resolve (rule 5), and the warning for a source nothing
//! cites.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, LineIndex};
use super::read::{IdKind, Located, Name, Notes, did_you_mean};

pub fn cross_references(text: &str, notes: &Notes, diagnostics: &mut Vec<Diagnostic>) {
    // Line numbers only for a duplicate's message: the index of a large
    // file's lines is megabytes, not worth building for a valid file.
    let mut lines: Option<LineIndex> = None;
    let name = |located: &Located| notes.names.text(located.id);
    let mut first: HashMap<(IdKind, Name), &Located> = HashMap::new();
    for (kind, declared) in &notes.declared {
        match first.get(&(*kind, declared.id)) {
            Some(earlier) => diagnostics.push(Diagnostic::error(
                declared.span(),
                format!(
                    "duplicate {} id `{}` (first declared at line {}): ids must be unique among {}s",
                    kind.noun(),
                    name(declared),
                    lines
                        .get_or_insert_with(|| LineIndex::new(text))
                        .location(earlier.span().start)
                        .line,
                    kind.noun(),
                ),
            )),
            None => {
                first.insert((*kind, declared.id), declared);
            }
        }
    }

    for (kind, reference) in &notes.references {
        if first.contains_key(&(*kind, reference.id)) {
            continue;
        }
        let known: Vec<&str> = notes
            .declared
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, d)| name(d))
            .collect();
        let hint = match did_you_mean(name(reference), &known) {
            Some(near) => format!("; did you mean `{near}`?"),
            None if known.is_empty() => format!("; the file declares no {}s", kind.noun()),
            None => String::new(),
        };
        diagnostics.push(Diagnostic::error(
            reference.span(),
            format!("no {} has the id `{}`{hint}", kind.noun(), name(reference)),
        ));
    }

    // A set, not a scan per id: an archive of 100,000 quotes has as many ids
    // and more references. Filled by inserts: `collect` would size it for
    // every reference, not for the few distinct ones.
    let mut cited: HashSet<(IdKind, Name)> = notes.cited.clone();
    for (kind, reference) in &notes.references {
        cited.insert((*kind, reference.id));
    }
    for (kind, declared) in &notes.declared {
        if *kind == IdKind::Source && !cited.contains(&(*kind, declared.id)) {
            diagnostics.push(Diagnostic::warning(
                declared.span(),
                format!("source `{}` is not cited by anything", name(declared)),
            ));
        }
    }
}
