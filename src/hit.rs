//! Click hit-testing: drawing records which rows show which item, and a
//! click asks what is under it. Kept apart from the model and the views so
//! that both can use it without importing each other.

use std::cell::RefCell;

use ratatui::layout::{Position, Rect};

use crate::view::View;

/// A place on screen that a click selects: the rows `area` covers show
/// `item_index` of `view`'s items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClickTarget {
    pub view: View,
    pub area: Rect,
    pub item_index: usize,
    /// For the red-lines view: the column (party) the item is in.
    pub column: Option<usize>,
}

/// What the last frame showed where. Drawing takes `&App`, so the map is
/// filled through a `RefCell`: it is a record of the frame, not state that
/// `update` depends on for anything but clicks.
#[derive(Debug, Default)]
pub struct HitMap(RefCell<Vec<ClickTarget>>);

impl HitMap {
    /// Forgets the last frame, before a new one is drawn.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn record(&self, target: ClickTarget) {
        self.0.borrow_mut().push(target);
    }

    /// The target under a click at (`column`, `row`) in `view`.
    pub fn at(&self, view: View, column: u16, row: u16) -> Option<ClickTarget> {
        self.0
            .borrow()
            .iter()
            .find(|t| t.view == view && t.area.contains(Position::new(column, row)))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_finds_the_target_of_its_view_under_it() {
        let hits = HitMap::default();
        let target = |view, y, item_index| ClickTarget {
            view,
            area: Rect::new(2, y, 10, 2),
            item_index,
            column: None,
        };
        hits.record(target(View::Quotes, 5, 7));
        hits.record(target(View::Sources, 5, 1));
        assert_eq!(hits.at(View::Quotes, 3, 6).map(|t| t.item_index), Some(7));
        assert_eq!(hits.at(View::Sources, 3, 6).map(|t| t.item_index), Some(1));
        assert_eq!(hits.at(View::Quotes, 3, 7), None, "below the rows");
        assert_eq!(hits.at(View::Quotes, 1, 6), None, "left of the area");
        hits.clear();
        assert_eq!(hits.at(View::Quotes, 3, 6), None);
    }
}
