//! Random mutations of valid briefings never panic the loader: each is either
//! accepted or rejected with errors located inside the file, rendered without
//! a control character.

use parley::briefing::{Document, EMBEDDED_TEXT, load};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    DropLine { line: usize },
}

/// Characters that matter to TOML, to the rules, and to terminals.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("[".to_string()),
        Just("]]".to_string()),
        Just("[[quotes]]\n".to_string()),
        Just("=".to_string()),
        Just("\n".to_string()),
        Just("\\u001b".to_string()),
        Just("\\e".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("lead = true\n".to_string()),
        Just("2026-02-30".to_string()),
        Just("id = \"s000\"\n".to_string()),
        "[a-z_]{1,8}",
        any::<char>().prop_map(String::from),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), fragment()).prop_map(|(at, text)| Mutation::Insert { at, text }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<usize>().prop_map(|line| Mutation::DropLine { line }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match mutation {
        Mutation::Delete { at, len } => {
            let at = at % (chars.len() + 1);
            let end = (at + len).min(chars.len());
            chars.drain(at..end);
            chars.into_iter().collect()
        }
        Mutation::Insert { at, text } => {
            let at = at % (chars.len() + 1);
            chars.splice(at..at, text.chars());
            chars.into_iter().collect()
        }
        Mutation::DuplicateLine { line } => {
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            lines.concat()
        }
        Mutation::SwapLines { a, b } => {
            let (a, b) = (a % lines.len(), b % lines.len());
            lines.swap(a, b);
            lines.concat()
        }
        Mutation::DropLine { line } => {
            lines.remove(line % lines.len());
            lines.concat()
        }
    }
}

fn assert_accepted_or_located(text: &str) -> Result<(), TestCaseError> {
    let document = Document {
        name: "mutant.toml".into(),
        text: text.into(),
        dir: None,
    };
    match load(&document) {
        Ok(loaded) => {
            let counts = loaded.briefing.counts();
            prop_assert!(counts.red_lines <= counts.positions);
        }
        Err(invalid) => {
            prop_assert!(invalid.errors().count() > 0, "rejected without an error");
            for d in &invalid.diagnostics {
                prop_assert!(d.span.start <= d.span.end || d.span.end == 0);
                prop_assert!(
                    d.span.start <= text.len(),
                    "span {:?} outside {} bytes",
                    d.span,
                    text.len()
                );
            }
            let rendered = invalid.render(&document);
            prop_assert!(
                !rendered.chars().any(|c| c.is_control() && c != '\n'),
                "{rendered:?}"
            );
            for line in rendered.lines().filter(|l| l.starts_with("mutant.toml")) {
                let mut parts = line.splitn(4, ':');
                parts.next();
                let line_no: usize = parts
                    .next()
                    .unwrap()
                    .parse()
                    .map_err(|_| TestCaseError::fail(line.to_string()))?;
                let column: usize = parts
                    .next()
                    .unwrap()
                    .parse()
                    .map_err(|_| TestCaseError::fail(line.to_string()))?;
                prop_assert!(line_no >= 1 && column >= 1);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutated_shipped_briefing_is_accepted_or_rejected_with_locations(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let text = mutations.iter().fold(EMBEDDED_TEXT.to_string(), |text, m| apply(&text, m));
        assert_accepted_or_located(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in any::<String>()) {
        assert_accepted_or_located(&format!("format = 1\n{text}"))?;
    }
}
