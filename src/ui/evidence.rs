//! How strongly a line is supported, drawn the same way in every view: a
//! marker for a position's basis, `≠` for anything a discrepancy contests,
//! and a label for headline quotes.
//!
//! The glyphs carry the meaning on their own (filled, hollow, dotted), so
//! they stay distinct in monochrome and under `NO_COLOR`; colour only
//! repeats what the shape says.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;
use crate::action::Action;
use crate::keymap::Keymap;
use crate::view::Mode;

use crate::briefing::{Basis, Position, Quote, QuoteKind};
use crate::theme::Theme;

/// Marks an item that a discrepancy contests.
pub const CONTESTED: &str = "≠";

/// What marks a headline quote: its words are a headline's, not the speaker's.
pub const HEADLINE: &str = "headline";

/// The marker of a red line (squares and a diamond) or another position
/// (circles), by basis. A position whose basis the file does not give gets
/// a question mark or a dot: never a stated position's marker.
pub fn glyph(red_line: bool, basis: Option<Basis>) -> &'static str {
    match (red_line, basis) {
        (true, Some(Basis::Stated)) => "■",
        (true, Some(Basis::Reported)) => "□",
        (true, Some(Basis::Inferred)) => "◇",
        (true, None) => "?",
        (false, Some(Basis::Stated)) => "●",
        (false, Some(Basis::Reported)) => "○",
        (false, Some(Basis::Inferred)) => "◌",
        (false, None) => "·",
    }
}

/// A position's marker, styled: red lines in the red-line style.
pub fn marker(position: &Position, theme: &Theme) -> Span<'static> {
    Span::styled(
        glyph(position.red_line, position.basis),
        if position.red_line {
            theme.styles.red_line
        } else {
            theme.styles.muted
        },
    )
}

/// A position's text wrapped to `width`, its marker (and `≠` when
/// contested) before the first line, the rest indented under the text.
pub fn position_lines(position: &Position, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let contested = contested(&position.discrepancies, theme);
    let lead = 2 + contested.as_ref().map_or(0, Span::width);
    let mut lines = text::paragraph(
        &position.text,
        width.saturating_sub(lead).max(1),
        theme.styles.text,
    );
    for (i, line) in lines.iter_mut().enumerate() {
        let mut prefix = vec![Span::raw(" ".repeat(lead))];
        if i == 0 {
            prefix = vec![marker(position, theme), Span::raw(" ")];
            prefix.extend(contested.clone());
        }
        line.spans.splice(0..0, prefix);
    }
    lines
}

/// `≠ ` when `discrepancies` links the item to any, else nothing.
pub fn contested<T>(discrepancies: &[T], theme: &Theme) -> Option<Span<'static>> {
    (!discrepancies.is_empty()).then(|| Span::styled(format!("{CONTESTED} "), theme.styles.warning))
}

/// A headline quote's label, `[headline] `; nothing for a direct quote.
pub fn headline(quote: &Quote, theme: &Theme) -> Option<Span<'static>> {
    (quote.kind == QuoteKind::Headline)
        .then(|| Span::styled(format!("[{HEADLINE}] "), theme.styles.title))
}

/// The basis in words, for a position's details.
pub fn basis_words(basis: Option<Basis>) -> &'static str {
    match basis {
        Some(Basis::Stated) => "stated: the party says it in its own words",
        Some(Basis::Reported) => {
            "reported: a source reports it as the party's position, in its own narration"
        }
        Some(Basis::Inferred) => {
            "inferred: the briefing's author reads it from what is reported; not the party's word"
        }
        None => "not given: the briefing does not say how this is known",
    }
}

/// The legend's entries, in the order the red-lines view shows them:
/// (glyph, what it means).
pub fn legend_entries() -> [(&'static str, &'static str); 5] {
    [
        (glyph(true, Some(Basis::Stated)), "stated"),
        (glyph(true, Some(Basis::Reported)), "reported"),
        (glyph(true, Some(Basis::Inferred)), "inferred"),
        (glyph(true, None), "no basis"),
        (CONTESTED, "contested"),
    ]
}

/// The one-line legend above the red-line columns.
pub fn legend(theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (glyph, meaning)) in legend_entries().into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" ", theme.styles.muted));
        }
        let style: Style = if glyph == CONTESTED {
            theme.styles.warning
        } else {
            theme.styles.red_line
        };
        spans.push(Span::styled(glyph, style));
        spans.push(Span::styled(format!(" {meaning}"), theme.styles.muted));
    }
    spans
}

/// Every marker with its meaning, for the help overlay.
pub fn help_rows(keymap: &Keymap) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for (basis, words) in [
        (
            Some(Basis::Stated),
            "stated: in the party's own words (a linked quote)",
        ),
        (Some(Basis::Reported), "reported: in a source's narration"),
        (
            Some(Basis::Inferred),
            "inferred: the briefing author's reading",
        ),
        (None, "basis not given"),
    ] {
        rows.push((
            format!("{} {}", glyph(true, basis), glyph(false, basis)),
            words.to_string(),
        ));
    }
    rows.push((
        CONTESTED.to_string(),
        format!(
            "contested: a discrepancy gives other accounts ({} shows them)",
            keymap.key_for(Mode::Normal, Action::Open)
        ),
    ));
    rows.push((
        format!("[{HEADLINE}]"),
        "a headline's words, not the speaker's own".to_string(),
    ));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_basis_has_its_own_glyph_and_no_basis_never_looks_stated() {
        let bases = [
            Some(Basis::Stated),
            Some(Basis::Reported),
            Some(Basis::Inferred),
            None,
        ];
        let mut seen: Vec<&str> = Vec::new();
        for red_line in [true, false] {
            for basis in bases {
                let g = glyph(red_line, basis);
                assert!(!seen.contains(&g), "{g} used twice");
                assert_eq!(crate::text::width(g), 1, "{g}");
                seen.push(g);
            }
        }
        assert_ne!(glyph(true, None), glyph(true, Some(Basis::Stated)));
    }
}
