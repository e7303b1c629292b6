//! What is on screen and what has the keyboard: small types that the
//! actions, the keymap, the model and the views all use, kept here so that
//! none of those has to import another for them.

use std::ops::{Index, IndexMut};

use strum::{EnumCount, EnumIter};

/// The dashboard's views, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumCount, EnumIter)]
pub enum View {
    RedLines,
    Party,
    StickingPoints,
    Quotes,
    Sources,
    Timeline,
    /// What moved since an earlier round (`--since`).
    Diff,
}

impl View {
    /// Every view in `Tab` order. The length is `View::COUNT`, which strum
    /// derives from the enum, so a new view that is not listed here does
    /// not compile; a test checks the order against the declaration.
    pub const ALL: [View; View::COUNT] = [
        View::RedLines,
        View::Party,
        View::StickingPoints,
        View::Quotes,
        View::Sources,
        View::Timeline,
        View::Diff,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::RedLines => "Red lines",
            View::Party => "Party",
            View::StickingPoints => "Sticking points",
            View::Quotes => "Quotes",
            View::Sources => "Sources",
            View::Timeline => "Timeline",
            View::Diff => "Diff",
        }
    }

    /// The view `by` steps along in `Tab` order, wrapping.
    pub fn offset(self, by: isize) -> View {
        let n = View::COUNT as isize;
        View::ALL[(self as isize + by).rem_euclid(n) as usize]
    }
}

/// One `T` per view, indexed by the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PerView<T>([T; View::COUNT]);

impl<T> Index<View> for PerView<T> {
    type Output = T;

    fn index(&self, view: View) -> &T {
        &self.0[view as usize]
    }
}

impl<T> IndexMut<View> for PerView<T> {
    fn index_mut(&mut self, view: View) -> &mut T {
        &mut self.0[view as usize]
    }
}

/// Which keys apply: what has the keyboard decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumCount, EnumIter)]
pub enum Mode {
    /// Browsing the views.
    Normal,
    /// Typing into the search line.
    Search,
    /// A popup (details or help) is open.
    Popup,
    /// The picker of a folder's briefings (`parley DIR`).
    Picker,
    /// Typing into the picker's filter line.
    PickerFilter,
    /// A briefing opened from the picker: its keys apply in `Normal` too.
    Folder,
}

impl Mode {
    /// The config file's table for this mode's keys.
    pub fn config_table(self) -> &'static str {
        match self {
            Mode::Normal => "keys",
            Mode::Search => "keys.search-line",
            Mode::Popup => "keys.popup",
            Mode::Picker => "keys.picker",
            Mode::PickerFilter => "keys.picker-filter",
            Mode::Folder => "keys.folder",
        }
    }

    /// The name of this mode's table inside `[keys]`; `None` for `[keys]`
    /// itself.
    pub fn config_key(self) -> Option<&'static str> {
        match self {
            Mode::Normal => None,
            Mode::Search => Some("search-line"),
            Mode::Popup => Some("popup"),
            Mode::Picker => Some("picker"),
            Mode::PickerFilter => Some("picker-filter"),
            Mode::Folder => Some("folder"),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Everywhere",
            Mode::Search => "Search line",
            Mode::Popup => "Popups",
            Mode::Picker => "Folder of briefings",
            Mode::PickerFilter => "Folder: filter line",
            Mode::Folder => "A briefing opened from a folder",
        }
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn all_lists_every_view_once_in_declaration_order() {
        assert_eq!(View::ALL.to_vec(), View::iter().collect::<Vec<_>>());
        for (i, view) in View::ALL.into_iter().enumerate() {
            assert_eq!(view as usize, i, "PerView indexes by declaration order");
        }
    }

    #[test]
    fn offset_wraps_both_ways() {
        assert_eq!(View::RedLines.offset(-1), View::Diff);
        assert_eq!(View::Diff.offset(1), View::RedLines);
        assert_eq!(View::Party.offset(2), View::Quotes);
    }

    #[test]
    fn per_view_keeps_one_value_per_view() {
        let mut selected = PerView::<usize>::default();
        for (i, view) in View::iter().enumerate() {
            selected[view] = i * 10;
        }
        for (i, view) in View::iter().enumerate() {
            assert_eq!(selected[view], i * 10);
        }
    }
}
