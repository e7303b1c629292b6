//! A scrolling list of multi-line entries with one selected: every view's
//! list is drawn by this one piece, which also records where each entry is
//! so a click can select it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{App, ClickTarget, View};

/// One selectable entry: its lines, already wrapped to the list's width,
/// after any lines that introduce it (a group heading) and are not selected
/// with it.
pub struct Entry {
    pub lead_in: Vec<Line<'static>>,
    pub lines: Vec<Line<'static>>,
}

impl Entry {
    pub fn new(lines: Vec<Line<'static>>) -> Self {
        Self {
            lead_in: Vec::new(),
            lines,
        }
    }

    pub fn with_lead_in(mut self, lead_in: Vec<Line<'static>>) -> Self {
        self.lead_in = lead_in;
        self
    }
}

/// The first line to show so that the selected entry is in view: the list
/// scrolls only once the selection would leave the bottom.
pub fn scroll_offset(heights: &[usize], selected: usize, visible: usize) -> usize {
    let start: usize = heights.iter().take(selected).sum();
    let end = start + heights.get(selected).copied().unwrap_or(0);
    if end <= visible {
        0
    } else {
        (end - visible).min(start)
    }
}

/// Draws `entries` into `area`, the `selected` one (if any) in the theme's
/// selection style, separated by `gap` blank lines. A click on an entry
/// selects it in `view` (and, for red lines, focuses `column`).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (view, column): (View, Option<usize>),
    entries: Vec<Entry>,
    selected: Option<usize>,
    gap: usize,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    // An entry's lead-in counts as part of the entry before it, so that
    // scrolling to an entry shows its heading too.
    let heights: Vec<usize> = entries
        .iter()
        .map(|e| e.lead_in.len() + e.lines.len() + gap)
        .collect();
    let offset = selected.map_or(0, |s| scroll_offset(&heights, s, area.height as usize));
    let mut lines: Vec<Line> = Vec::new();
    let mut targets = app.click_targets.borrow_mut();
    for (i, entry) in entries.into_iter().enumerate() {
        lines.extend(entry.lead_in);
        let first = lines.len();
        let is_selected = selected == Some(i);
        for line in entry.lines {
            lines.push(if is_selected {
                line.patch_style(app.theme.selection)
            } else {
                line
            });
        }
        let rows_from = first.saturating_sub(offset);
        let rows_to = lines.len().saturating_sub(offset);
        if rows_to > rows_from && rows_from < area.height as usize {
            let height = (rows_to.min(area.height as usize) - rows_from) as u16;
            targets.push(ClickTarget {
                view,
                area: Rect::new(area.x, area.y + rows_from as u16, area.width, height),
                item_index: i,
                column,
            });
        }
        lines.extend(std::iter::repeat_n(Line::default(), gap));
    }
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(area.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn does_not_scroll_while_the_selection_fits() {
        assert_eq!(scroll_offset(&[2, 2, 2], 1, 10), 0);
    }

    #[test]
    fn scrolls_just_enough_to_show_the_selection() {
        assert_eq!(scroll_offset(&[2, 2, 2, 2], 3, 5), 3);
    }

    #[test]
    fn shows_the_top_of_an_entry_taller_than_the_list() {
        assert_eq!(scroll_offset(&[2, 10], 1, 4), 2);
    }

    #[test]
    fn an_empty_list_does_not_scroll() {
        assert_eq!(scroll_offset(&[], 0, 5), 0);
    }
}
