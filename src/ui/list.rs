//! A scrolling list of multi-line entries with one selected: every view's
//! list is drawn by this one piece, which also records where each entry is
//! so a click can select it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::text::fit;
use crate::app::App;
use crate::hit::ClickTarget;
use crate::view::View;

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

/// Which list is drawn: the view (and, for red lines, the column) a click
/// on an entry selects in, and the blank lines between entries.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub view: View,
    pub column: Option<usize>,
    pub gap: usize,
}

impl Place {
    pub fn new(view: View) -> Self {
        Self {
            view,
            column: None,
            gap: 0,
        }
    }

    pub fn gap(mut self, gap: usize) -> Self {
        self.gap = gap;
        self
    }
}

/// Draws a list of `count` entries into `area`, the `selected` one (if any)
/// in the theme's selection style. Only the entries around the selection
/// are built (by `entry`), so a list of 100,000 quotes costs no more than
/// a screenful: every entry is at least one line high, so the screenful
/// before the selection is enough to fill the view.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    place: Place,
    count: usize,
    mut entry: impl FnMut(usize) -> Entry,
    selected: Option<usize>,
) {
    if area.height == 0 || area.width == 0 || count == 0 {
        return;
    }
    let visible = area.height as usize;
    let anchor = selected.unwrap_or(0).min(count - 1);
    let first = anchor.saturating_sub(visible);
    let last = (anchor + visible + 1).min(count);
    let entries: Vec<Entry> = (first..last).map(&mut entry).collect();
    // An entry's lead-in counts as part of the entry before it, so that
    // scrolling to an entry shows its heading too.
    let heights: Vec<usize> = entries
        .iter()
        .map(|e| e.lead_in.len() + e.lines.len() + place.gap)
        .collect();
    let offset = selected.map_or(0, |s| scroll_offset(&heights, s - first, visible));
    let mut lines: Vec<Line> = Vec::new();
    let width = area.width as usize;
    for (i, entry) in (first..).zip(entries) {
        lines.extend(entry.lead_in.into_iter().map(|line| fit(line, width)));
        let top = lines.len();
        let is_selected = selected == Some(i);
        for line in entry.lines {
            let line = fit(line, width);
            lines.push(if is_selected {
                in_selection(line, &app.theme)
            } else {
                line
            });
        }
        let rows_from = top.saturating_sub(offset);
        let rows_to = lines.len().saturating_sub(offset);
        if rows_to > rows_from && rows_from < visible {
            let height = (rows_to.min(visible) - rows_from) as u16;
            app.click_targets.record(ClickTarget {
                view: place.view,
                area: Rect::new(area.x, area.y + rows_from as u16, area.width, height),
                item_index: i,
                column: place.column,
            });
        }
        if lines.len() > offset + visible {
            break;
        }
        lines.extend(std::iter::repeat_n(Line::default(), place.gap));
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// A line of the selected entry: every span in the theme's selected form of
/// its style, and the rest of the row in the selection's background.
fn in_selection(line: Line<'static>, theme: &crate::theme::Theme) -> Line<'static> {
    let base = line.style;
    let spans = line
        .spans
        .into_iter()
        .map(|span| {
            let style = theme.selected(base.patch(span.style));
            span.style(style)
        })
        .collect::<Vec<_>>();
    Line::from(spans).style(theme.selected(base))
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
