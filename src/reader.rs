//! The source reader's state: which source is open, where it is scrolled
//! to, which highlighted quote `n`/`N` last went to, and the text laid out
//! for the width it was last drawn at (so a long article is wrapped once
//! per width, not once per frame).

use std::cell::RefCell;

use ratatui::text::Line;

/// Lines kept above a passage the reader jumps to, so it is read in context.
pub const CONTEXT_LINES: usize = 2;

/// Where the reader's first shown line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    /// A line of the laid-out text.
    Line(usize),
    /// A few lines above the passage with this index: where that is
    /// depends on the width, so it is found when the text is laid out.
    Passage(usize),
}

/// The open reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// Index into the briefing's sources.
    pub source: usize,
    pub top: Top,
    /// The passage `n`/`N` went to last (index into the text's passages).
    pub current: Option<usize>,
}

impl Reader {
    pub fn new(source: usize, passage: Option<usize>) -> Self {
        Self {
            source,
            top: passage.map_or(Top::Line(0), Top::Passage),
            current: passage,
        }
    }

    /// The first line shown, given the laid-out text.
    pub fn top_line(&self, layout: Option<&Layout>) -> usize {
        let Some(layout) = layout else { return 0 };
        let line = match self.top {
            Top::Line(line) => line,
            Top::Passage(p) => layout
                .passage_lines
                .get(p)
                .map_or(0, |&line| line.saturating_sub(CONTEXT_LINES)),
        };
        line.min(layout.last_top())
    }
}

/// A source's text laid out for one width: what the reader view draws, and
/// where each highlighted passage starts, for `n`/`N` to scroll to.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// What the lines were made for: source, width, theme name.
    pub key: (usize, u16, String),
    pub lines: Vec<Line<'static>>,
    /// The line each passage (in text order) starts on.
    pub passage_lines: Vec<usize>,
    /// How many lines the reader showed when last drawn.
    pub height: usize,
}

impl Layout {
    /// The last first line that still fills the reader.
    pub fn last_top(&self) -> usize {
        self.lines.len().saturating_sub(self.height.max(1))
    }
}

/// The layout, built by drawing and kept for the next frame and for
/// `update` to scroll by.
pub type LayoutCache = RefCell<Option<Layout>>;
