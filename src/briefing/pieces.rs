//! Large archives are parsed piece by piece. The TOML parser holds a whole
//! document's tokens and tables at once, about twelve times the file's size;
//! a 100,000-quote archive is mostly `[[quotes]]` tables at the end of the
//! file, and those can be parsed a thousand at a time and read into the
//! model as they come, so only one piece is ever held as tables.

use std::ops::Range;

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

/// Files smaller than this are parsed whole: splitting would save nothing.
pub const SPLIT_ABOVE: usize = 2 * 1024 * 1024;

/// How many quotes one piece holds.
const QUOTES_PER_PIECE: usize = 1_000;

/// Where to cut `text`: the head (everything before the first `[[quotes]]`),
/// pieces of quotes after it, and how many quotes they hold. `None` when
/// the file cannot be cut safely, which is when any other table header
/// follows the first `[[quotes]]`: such a file is parsed whole.
pub fn split(text: &str) -> Option<Split> {
    let headers = table_headers(text);
    let first = headers.iter().position(|(_, quotes)| *quotes)?;
    if headers[first..].iter().any(|(_, quotes)| !quotes) {
        return None;
    }
    let starts: Vec<usize> = headers[first..].iter().map(|(at, _)| *at).collect();
    let pieces = starts
        .chunks(QUOTES_PER_PIECE)
        .enumerate()
        .map(|(i, chunk)| {
            let end = starts
                .get((i + 1) * QUOTES_PER_PIECE)
                .copied()
                .unwrap_or(text.len());
            chunk[0]..end
        })
        .collect();
    Some(Split {
        head: 0..starts[0],
        pieces,
        quotes: starts.len(),
    })
}

/// A file cut for reading in pieces (see [`split`]).
#[derive(Debug, PartialEq)]
pub struct Split {
    pub head: Range<usize>,
    pub pieces: Vec<Range<usize>>,
    pub quotes: usize,
}

/// The offset of every table header (`[name]` or `[[name]]` at the start of
/// a line, outside any value or string), and whether it is `[[quotes]]`.
fn table_headers(text: &str) -> Vec<(usize, bool)> {
    let mut headers = Vec::new();
    let mut line_start = true;
    // Brackets open in a value (arrays and inline tables may span lines).
    let mut depth = 0usize;
    let mut in_value = false;
    let mut header: Option<usize> = None;
    for token in Source::new(text).lex() {
        let span = token.span();
        match token.kind() {
            TokenKind::Newline => {
                if let Some(start) = header.take() {
                    headers.push((start, is_quotes(&text[start..span.start()])));
                }
                if depth == 0 {
                    in_value = false;
                    line_start = true;
                }
            }
            TokenKind::Whitespace | TokenKind::Comment => {}
            _ if header.is_some() => {}
            TokenKind::LeftSquareBracket if line_start && !in_value => {
                header = Some(span.start());
                line_start = false;
            }
            kind => {
                line_start = false;
                match kind {
                    TokenKind::Equals if depth == 0 => in_value = true,
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket if in_value => {
                        depth += 1
                    }
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket if in_value => {
                        depth = depth.saturating_sub(1)
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(start) = header {
        headers.push((start, is_quotes(&text[start..])));
    }
    headers
}

/// A header line is `[[quotes]]`, give or take spaces and a comment.
fn is_quotes(line: &str) -> bool {
    let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    line.split('#').next() == Some("[[quotes]]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headers_but_not_brackets_in_values_or_strings() {
        let text = "format = 1\n[briefing]\nx = [\n  [1],\n]\ns = \"\"\"\n[[quotes]]\n\"\"\"\n[[ quotes ]] # c\nspeaker = \"a\"\n[[quotes]]\n";
        let headers = table_headers(text);
        let at = |needle: &str, from: usize| text[from..].find(needle).unwrap() + from;
        assert_eq!(
            headers,
            [
                (at("[briefing]", 0), false),
                (at("[[ quotes ]]", 0), true),
                (text.rfind("[[quotes]]").unwrap(), true)
            ]
        );
    }

    #[test]
    fn splits_quotes_at_the_end_into_pieces() {
        let mut text = String::from("format = 1\n[briefing]\ntitle = \"t\"\n");
        let head = text.len();
        for i in 0..2_500 {
            text.push_str(&format!("[[quotes]]\nspeaker = \"s{i}\"\n"));
        }
        let Split {
            head: head_range,
            pieces,
            quotes,
        } = split(&text).unwrap();
        assert_eq!(head_range, 0..head);
        assert_eq!(quotes, 2_500);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0].start, head);
        assert_eq!(pieces[2].end, text.len());
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        assert!(text[pieces[1].clone()].starts_with("[[quotes]]\nspeaker = \"s1000\""));
    }

    #[test]
    fn another_table_after_the_quotes_means_no_split() {
        let text = "format = 1\n[[quotes]]\nspeaker = \"a\"\n[[events]]\ntitle = \"e\"\n";
        assert_eq!(split(text), None);
        assert_eq!(split("format = 1\n[briefing]\n"), None);
    }
}
