//! The sources' full texts, read once per briefing for the dashboard's
//! reader, with where each quote that cites a source sits in its text
//! (found by rule 10's matcher, [`super::verbatim::locate`]).

use std::collections::HashMap;
use std::ops::Range;

use super::bounded;
use super::model::Briefing;
use super::texts::TextFolder;

/// Every source's text, by source index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Articles {
    articles: Vec<Article>,
    /// For each quote found in its source's text: (source, passage index).
    places: HashMap<usize, (usize, usize)>,
}

/// One source's text, or why there is none to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Article {
    /// The briefing gives no `text_file` for the source.
    NoText,
    /// The `text_file` could not be read.
    Unreadable {
        file: String,
        reason: String,
    },
    Text(Text),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// As the file holds it, line ends made `\n`.
    pub text: String,
    /// The quotes citing the source that its text holds, in text order.
    pub passages: Vec<Passage>,
    /// The quotes citing the source that its text does not hold (indices
    /// into the briefing's quotes).
    pub missing: Vec<usize>,
}

/// Where one quote's words are in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Index into the briefing's quotes.
    pub quote: usize,
    /// Byte ranges in the text: one, or one per stretch between elisions.
    pub ranges: Vec<Range<usize>>,
}

impl Articles {
    /// Reads the text of every source that names one, through `folder`
    /// (the briefing's own, or the built-in texts; `None` when the briefing
    /// has no folder), and finds each quote in the text of the source it
    /// cites.
    pub fn read(briefing: &Briefing, folder: Option<&TextFolder>) -> Self {
        let articles: Vec<Article> = briefing
            .sources
            .iter()
            .map(|source| match &source.text_file {
                None => Article::NoText,
                Some(file) => match read_text(folder, file) {
                    Ok(text) => Article::Text(Text {
                        text,
                        passages: Vec::new(),
                        missing: Vec::new(),
                    }),
                    Err(reason) => Article::Unreadable {
                        file: file.clone(),
                        reason,
                    },
                },
            })
            .collect();
        Self::placing_quotes(briefing, articles)
    }

    /// Sources with texts given as they are (for tests, and for texts
    /// read by whoever holds them).
    pub fn from_texts(briefing: &Briefing, texts: Vec<Option<String>>) -> Self {
        let articles = texts
            .into_iter()
            .map(|text| match text {
                Some(text) => Article::Text(Text {
                    text: text.replace("\r\n", "\n"),
                    passages: Vec::new(),
                    missing: Vec::new(),
                }),
                None => Article::NoText,
            })
            .collect();
        Self::placing_quotes(briefing, articles)
    }

    fn placing_quotes(briefing: &Briefing, mut articles: Vec<Article>) -> Self {
        let with_text: HashMap<&str, usize> = briefing
            .sources
            .iter()
            .enumerate()
            .filter(|(s, _)| matches!(articles.get(*s), Some(Article::Text(_))))
            .map(|(s, source)| (source.id.as_str(), s))
            .collect();
        for (q, quote) in briefing.quotes.iter().enumerate() {
            let Some(&s) = with_text.get(quote.source.as_str()) else {
                continue;
            };
            let Some(Article::Text(text)) = articles.get_mut(s) else {
                continue;
            };
            match super::verbatim::locate(&quote.text, &text.text) {
                Ok(ranges) if !ranges.is_empty() => {
                    text.passages.push(Passage { quote: q, ranges })
                }
                _ => text.missing.push(q),
            }
        }
        let mut places = HashMap::new();
        for (s, article) in articles.iter_mut().enumerate() {
            if let Article::Text(text) = article {
                text.passages.sort_by_key(|p| p.ranges[0].start);
                for (i, passage) in text.passages.iter().enumerate() {
                    places.insert(passage.quote, (s, i));
                }
            }
        }
        Self { articles, places }
    }

    /// The source's text, or why there is none.
    pub fn get(&self, source: usize) -> &Article {
        self.articles.get(source).unwrap_or(&Article::NoText)
    }

    /// Where the quote's words are: its source and the passage's index.
    pub fn place_of(&self, quote: usize) -> Option<(usize, usize)> {
        self.places.get(&quote).copied()
    }

    /// The quote's source has a text, and the quote is not in it.
    pub fn is_missing(&self, source: usize, quote: usize) -> bool {
        matches!(self.get(source), Article::Text(text) if text.missing.contains(&quote))
    }
}

/// The text `relative` names inside `folder` (confined and bounded by
/// [`TextFolder::read`]; the shipped briefing's texts are built in), line
/// ends made `\n`.
fn read_text(folder: Option<&TextFolder>, relative: &str) -> Result<String, String> {
    let Some(folder) = folder else {
        return Err("the briefing has no folder to read its texts from".into());
    };
    let text = folder.read(relative, bounded::limit::TEXT_FILE)?;
    Ok(text.replace("\r\n", "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::{Document, load};

    fn briefing() -> Briefing {
        let text = r#"format = 1
[briefing]
title = "T"
as_of = 2026-01-23
[[sources]]
id = "a"
outlet = "A"
text_file = "a.txt"
[[sources]]
id = "b"
outlet = "B"
[[quotes]]
speaker = "X"
text = "second words"
source = "a"
[[quotes]]
speaker = "Y"
text = "first words"
source = "a"
[[quotes]]
speaker = "Z"
text = "elsewhere"
source = "b"
"#;
        let document = Document {
            name: "t.toml".into(),
            text: text.into(),
            dir: None,
        };
        load(&document).unwrap().briefing
    }

    #[test]
    fn quotes_are_placed_in_text_order_and_the_missing_flagged() {
        let mut b = briefing();
        b.quotes[0].text = "second word".into();
        let articles = Articles::from_texts(
            &b,
            vec![Some("The first words, then the second words.".into()), None],
        );
        let Article::Text(text) = articles.get(0) else {
            panic!("a text");
        };
        assert_eq!(text.passages.len(), 2);
        assert_eq!(text.passages[0].quote, 1);
        assert_eq!(
            &text.text[text.passages[0].ranges[0].clone()],
            "first words"
        );
        assert_eq!(articles.place_of(1), Some((0, 0)));
        assert_eq!(articles.get(1), &Article::NoText);
        assert_eq!(articles.place_of(2), None);
        // "second word" is in the text, as part of "second words".
        assert_eq!(articles.place_of(0), Some((0, 1)));

        b.quotes[0].text = "third words".into();
        let articles = Articles::from_texts(&b, vec![Some("first words".into()), None]);
        assert!(articles.is_missing(0, 0));
        assert!(!articles.is_missing(0, 1));
    }

    #[test]
    fn texts_are_read_only_from_inside_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("a.txt"), "first words\r\nsecond words").unwrap();
        let texts = TextFolder::from(folder.path());
        let read = |relative: &str| read_text(Some(&texts), relative);
        assert_eq!(read("a.txt").unwrap(), "first words\nsecond words");
        assert_eq!(read("./a.txt").unwrap(), "first words\nsecond words");
        let secret = outside.path().join("secret.txt");
        for refused in [secret.to_str().unwrap(), "../secret.txt", "", "."] {
            assert!(read(refused).is_err(), "{refused:?} was read");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, folder.path().join("link.txt")).unwrap();
            assert!(read("link.txt").is_err(), "a link out was followed");
        }
        let mut b = briefing();
        b.sources[0].text_file = Some("../secret.txt".into());
        assert!(matches!(
            Articles::read(&b, Some(&texts)).get(0),
            Article::Unreadable { .. }
        ));
        assert!(matches!(
            Articles::read(&briefing(), Some(&texts)).get(0),
            Article::Text(_)
        ));
    }
}
