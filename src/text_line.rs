//! A line of typed text with a length cap: the dashboard's search line and
//! the picker's filter take keys and pastes the same way.

use tui_input::{Input, InputRequest};

use crate::action::Action;

/// The most characters a line holds: longer is a paste gone wrong, and
/// would only make every search slow.
pub const MAX_CHARS: usize = 1_000;

/// What an edit did to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Edited {
    /// The text changed (not only the cursor).
    pub changed: bool,
    /// Some of what was typed or pasted did not fit and was left out.
    pub cut: bool,
}

/// Applies an editing action (`Action::line_edit`) to `line`; a character
/// typed into a full line is left out. `None` for any other action.
pub fn edit(line: &mut Input, action: Action) -> Option<Edited> {
    let request = action.line_edit()?;
    if matches!(request, InputRequest::InsertChar(_)) && line.value().chars().count() >= MAX_CHARS {
        return Some(Edited {
            changed: false,
            cut: true,
        });
    }
    let changed = line.handle(request).is_some_and(|c| c.value);
    Some(Edited {
        changed,
        cut: false,
    })
}

/// Pastes `text` into `line` as one edit, at the cursor: line breaks and
/// other white space as spaces, other control characters dropped, up to
/// the line's length.
pub fn paste(line: &mut Input, text: &str) -> Edited {
    let room = MAX_CHARS.saturating_sub(line.value().chars().count());
    let mut clean = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control());
    let mut changed = false;
    for c in clean.by_ref().take(room) {
        line.handle(InputRequest::InsertChar(c));
        changed = true;
    }
    Edited {
        changed,
        cut: clean.next().is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_line_takes_no_more_characters_but_still_deletes() {
        let mut line = Input::new("x".repeat(MAX_CHARS));
        assert_eq!(
            edit(&mut line, Action::SearchInput('y')),
            Some(Edited {
                changed: false,
                cut: true
            })
        );
        assert_eq!(line.value().chars().count(), MAX_CHARS);
        assert_eq!(
            edit(&mut line, Action::SearchBackspace),
            Some(Edited {
                changed: true,
                cut: false
            })
        );
        assert_eq!(edit(&mut line, Action::Quit), None);
    }

    #[test]
    fn a_paste_is_cleaned_and_cut_at_the_cap() {
        let mut line = Input::new("x".repeat(MAX_CHARS - 3));
        let edited = paste(&mut line, "a\nb\u{1b}cd");
        assert_eq!(
            edited,
            Edited {
                changed: true,
                cut: true
            }
        );
        assert!(line.value().ends_with("a b"), "{}", line.value());

        let mut line = Input::default();
        assert_eq!(
            paste(&mut line, "two\twords"),
            Edited {
                changed: true,
                cut: false
            }
        );
        assert_eq!(line.value(), "two words");
    }
}
