//! The query language: space-separated terms, all of which must match, with
//! fzf's syntax and a few filters.
//!
//! | typed | means |
//! | --- | --- |
//! | `word` | the word, a word starting with it, or text containing it; fuzzy when none of those match |
//! | `'word` | exact: contains it, never fuzzy |
//! | `^word` / `word$` | the field starts / ends with it (punctuation and spaces aside) |
//! | `!word` | excludes quotes containing it (also `!^word`, `!"a phrase"`, `!@ru`, ...) |
//! | `a \| b` | either |
//! | `"a phrase"` | the words together, in that order (an unclosed `"` runs to the end) |
//! | `@ru` `#territory` `src:s004` `by:ushakov` | party id, topic id, source id, speaker (folded, any part of the name) |
//!
//! Smart case: a term with a capital letter matches case-sensitively (accents
//! are still folded). A marker typed alone (`!`, `^`, `@`, ...) is ignored,
//! so a query being typed never means something surprising. A query of more
//! than [`MAX_TERMS`] terms is refused: each costs a pass over the text, and
//! nobody types that many (a paste does).

use super::fold::{Case, fold};

/// The most terms a query may hold: words, phrases, `|` alternatives,
/// exclusions and filters together.
pub const MAX_TERMS: usize = 64;

/// Why a query cannot be searched for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "the query has {count} terms, more than the {MAX_TERMS} a search takes: \
         search for fewer words, alternatives or filters"
    )]
    TooManyTerms { count: usize },
}

/// One term to find, folded the way the text it is matched against is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub needle: String,
    /// Typed with a capital letter: matched against text folded with [`Case::Keep`].
    pub case_sensitive: bool,
    /// For a case-sensitive term, the needle with case folded too.
    folded: Option<String>,
    /// `^term`: the field starts with it.
    pub at_start: bool,
    /// `term$`: the field ends with it.
    pub at_end: bool,
    /// May fall back to fuzzy matching (a bare positive term).
    pub fuzzy: bool,
}

impl Term {
    fn new(body: &str, at_start: bool, at_end: bool, fuzzy: bool) -> Option<Term> {
        let case_sensitive = body.chars().any(char::is_uppercase);
        let case = if case_sensitive {
            Case::Keep
        } else {
            Case::Fold
        };
        let needle = fold(body, case).trim().to_string();
        (!needle.is_empty()).then(|| Term {
            folded: case_sensitive.then(|| fold(&needle, Case::Fold)),
            needle,
            case_sensitive,
            at_start,
            at_end,
            fuzzy,
        })
    }

    /// The needle with case folded (the needle itself unless case-sensitive).
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.needle)
    }

    /// Every plain match of `self` is a plain match of `other`.
    fn implies(&self, other: &Term) -> bool {
        if other.case_sensitive && !self.case_sensitive {
            return false;
        }
        let needle = match other.case_sensitive {
            true => self.needle.as_str(),
            false => self.folded(),
        };
        match (other.at_start, other.at_end) {
            (true, true) => self.at_start && self.at_end && needle == other.needle,
            (true, false) => self.at_start && needle.starts_with(&other.needle),
            (false, true) => self.at_end && needle.ends_with(&other.needle),
            (false, false) => needle.contains(&other.needle),
        }
    }
}

/// A filter on a quote's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    Party(String),
    Topic(String),
    Source(String),
    /// Folded; matches any speaker whose folded name contains it.
    Speaker(String),
}

impl Filter {
    /// How many kinds of filter there are; see [`Filter::kind`].
    const KINDS: usize = 4;

    fn kind(&self) -> usize {
        match self {
            Filter::Party(_) => 0,
            Filter::Topic(_) => 1,
            Filter::Source(_) => 2,
            Filter::Speaker(_) => 3,
        }
    }

    /// Every quote `self` accepts, `other` accepts too.
    fn implies(&self, other: &Filter) -> bool {
        match (self, other) {
            (Filter::Speaker(a), Filter::Speaker(b)) => a.contains(b.as_str()),
            (a, b) => a == b,
        }
    }
}

/// A parsed query. Positive terms form groups (alternatives joined by `|`);
/// every group must match. Filters of one kind accept any of their values;
/// filters of different kinds must all accept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub(crate) groups: Vec<Vec<Term>>,
    pub(crate) exclusions: Vec<Term>,
    pub(crate) filters: Vec<Filter>,
    pub(crate) excluded_filters: Vec<Filter>,
}

enum Item {
    Term(Term),
    Filter(Filter),
}

struct Token {
    negated: bool,
    item: Item,
}

impl Query {
    /// Reads a query as typed; refuses one of more than [`MAX_TERMS`] terms.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut query = Query::default();
        let mut or_pending = false;
        let mut last_was_positive_term = false;
        for raw in split(input) {
            if raw.text == "|" && !raw.quoted && !raw.negated {
                or_pending = last_was_positive_term;
                continue;
            }
            let Some(token) = interpret(&raw) else {
                continue;
            };
            let positive_term = !token.negated && matches!(token.item, Item::Term(_));
            match (token.negated, token.item) {
                (false, Item::Term(term)) => match query.groups.last_mut() {
                    Some(group) if or_pending => group.push(term),
                    _ => query.groups.push(vec![term]),
                },
                (true, Item::Term(term)) => query.exclusions.push(term),
                (false, Item::Filter(filter)) => query.filters.push(filter),
                (true, Item::Filter(filter)) => query.excluded_filters.push(filter),
            }
            or_pending = false;
            last_was_positive_term = positive_term;
        }
        let count = query.groups.iter().map(Vec::len).sum::<usize>()
            + query.exclusions.len()
            + query.filters.len()
            + query.excluded_filters.len();
        match count {
            0..=MAX_TERMS => Ok(query),
            _ => Err(QueryError::TooManyTerms { count }),
        }
    }

    /// Only quotes of this party (the `--party` option; same as `@ID`).
    pub fn with_party(mut self, id: &str) -> Query {
        self.filters.push(Filter::Party(id.to_lowercase()));
        self
    }

    /// Only quotes on this sticking point (the `--topic` option; same as `#ID`).
    pub fn with_topic(mut self, id: &str) -> Query {
        self.filters.push(Filter::Topic(id.to_lowercase()));
        self
    }

    /// Nothing to match or filter on: every quote is a result.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.exclusions.is_empty()
            && self.filters.is_empty()
            && self.excluded_filters.is_empty()
    }

    /// True when every result of `self` must also be a result of `previous`
    /// (so `Index::search_within` the previous hits is valid): each group of
    /// `previous` is implied by one of `self`'s, each of its exclusions and
    /// filters still holds. Typing more letters of a term narrows; deleting
    /// one, or starting a `|` alternative, does not.
    ///
    /// Terms are paired in the order typed (see [`in_order`]), so the check
    /// is one walk over both queries: a query whose terms were reordered
    /// is not seen to narrow, and is searched afresh.
    pub fn narrows(&self, previous: &Query) -> bool {
        let groups = in_order(&previous.groups, &self.groups, |old, new| {
            in_order(new, old, |term, alternative| term.implies(alternative))
        });
        let exclusions = in_order(&previous.exclusions, &self.exclusions, |old, new| {
            old.implies(new)
        });
        let excluded_filters = in_order(
            &previous.excluded_filters,
            &self.excluded_filters,
            |old, new| old.implies(new),
        );
        let filters = (0..Filter::KINDS).all(|kind| {
            let mut old = of_kind(&previous.filters, kind).peekable();
            let mut new = of_kind(&self.filters, kind).peekable();
            old.peek().is_none()
                || (new.peek().is_some() && in_order(new, old, |new, old| new.implies(old)))
        });
        groups && exclusions && excluded_filters && filters
    }
}

fn of_kind(filters: &[Filter], kind: usize) -> impl Iterator<Item = &Filter> {
    filters.iter().filter(move |filter| filter.kind() == kind)
}

/// Each of `wanted` matches one of `offered`, in order: each is paired with
/// the first match at or after the previous one's (one may serve several).
/// Linear: the walk through `offered` never turns back.
fn in_order<'w, 'o, W: 'w, O: 'o>(
    wanted: impl IntoIterator<Item = &'w W>,
    offered: impl IntoIterator<Item = &'o O>,
    matches: impl Fn(&W, &O) -> bool,
) -> bool {
    let mut offered = offered.into_iter().peekable();
    wanted.into_iter().all(|wanted| {
        while offered.next_if(|offer| !matches(wanted, offer)).is_some() {}
        offered.peek().is_some()
    })
}

/// A piece of the query between spaces (or a `"..."` phrase).
struct Raw {
    text: String,
    negated: bool,
    quoted: bool,
}

fn split(input: &str) -> Vec<Raw> {
    let mut raws = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return raws;
        }
        let negated = chars.next_if_eq(&'!').is_some();
        let mut text = String::new();
        let quoted = chars.next_if_eq(&'"').is_some();
        if quoted {
            text.extend(chars.by_ref().take_while(|&c| c != '"'));
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                text.push(c);
            }
        }
        raws.push(Raw {
            text,
            negated,
            quoted,
        });
    }
}

fn interpret(raw: &Raw) -> Option<Token> {
    let negated = raw.negated;
    let item = if raw.quoted {
        Item::Term(Term::new(&raw.text, false, false, false)?)
    } else if let Some(filter) = filter(&raw.text) {
        Item::Filter(filter?)
    } else {
        let text = raw.text.as_str();
        let (body, exact, at_start) = if let Some(rest) = text.strip_prefix('\'') {
            (rest, true, false)
        } else if let Some(rest) = text.strip_prefix('^') {
            (rest, false, true)
        } else {
            (text, false, false)
        };
        let (body, at_end) = match body.strip_suffix('$') {
            Some(rest) if !rest.is_empty() => (rest, true),
            _ => (body, false),
        };
        let fuzzy = !(negated || exact || at_start || at_end);
        Item::Term(Term::new(body, at_start, at_end, fuzzy)?)
    };
    Some(Token { negated, item })
}

/// `Some(None)` for a filter marker with nothing after it yet.
fn filter(text: &str) -> Option<Option<Filter>> {
    let id = |rest: &str| (!rest.is_empty()).then(|| rest.to_lowercase());
    if let Some(rest) = text.strip_prefix('@') {
        Some(id(rest).map(Filter::Party))
    } else if let Some(rest) = text.strip_prefix('#') {
        Some(id(rest).map(Filter::Topic))
    } else if let Some(rest) = text.strip_prefix("src:") {
        Some(id(rest).map(Filter::Source))
    } else if let Some(rest) = text.strip_prefix("by:") {
        let name = fold(rest, Case::Fold);
        Some((!name.is_empty()).then_some(Filter::Speaker(name)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(needle: &str) -> Term {
        Term {
            needle: needle.into(),
            case_sensitive: false,
            folded: None,
            at_start: false,
            at_end: false,
            fuzzy: true,
        }
    }

    fn needles(query: &Query) -> Vec<Vec<&str>> {
        query
            .groups
            .iter()
            .map(|g| g.iter().map(|t| t.needle.as_str()).collect())
            .collect()
    }

    #[test]
    fn terms_are_folded_and_anded() {
        let query = Query::parse("  Réduction   ångström ").unwrap();
        assert_eq!(needles(&query), [["Reduction"], ["angstrom"]]);
        assert!(query.groups[0][0].case_sensitive);
        assert!(!query.groups[1][0].case_sensitive);
    }

    #[test]
    fn fzf_markers() {
        let query = Query::parse("'exact ^start end$ ^both$ plain").unwrap();
        let t = |i: usize| &query.groups[i][0];
        assert_eq!(
            (t(0).needle.as_str(), t(0).fuzzy, t(0).at_start),
            ("exact", false, false)
        );
        assert_eq!(
            (t(1).needle.as_str(), t(1).at_start, t(1).at_end),
            ("start", true, false)
        );
        assert_eq!(
            (t(2).needle.as_str(), t(2).at_start, t(2).at_end),
            ("end", false, true)
        );
        assert_eq!(
            (t(3).needle.as_str(), t(3).at_start, t(3).at_end),
            ("both", true, true)
        );
        assert_eq!(t(4), &term("plain"));
    }

    #[test]
    fn exclusions_alternatives_and_phrases() {
        let query = Query::parse("a | b | c !d \"nearly ready\" !\"not this\" e").unwrap();
        assert_eq!(
            needles(&query),
            vec![vec!["a", "b", "c"], vec!["nearly ready"], vec!["e"]]
        );
        let excluded: Vec<_> = query.exclusions.iter().map(|t| t.needle.as_str()).collect();
        assert_eq!(excluded, ["d", "not this"]);
        assert!(!query.groups[1][0].fuzzy, "a phrase is matched exactly");
    }

    #[test]
    fn an_unclosed_phrase_runs_to_the_end() {
        assert_eq!(
            needles(&Query::parse("x \"all about th").unwrap()),
            vec![vec!["x"], vec!["all about th"]]
        );
    }

    #[test]
    fn filters() {
        let query = Query::parse("@RU #territory src:s004 by:Ushakóv !@us land").unwrap();
        assert_eq!(
            query.filters,
            [
                Filter::Party("ru".into()),
                Filter::Topic("territory".into()),
                Filter::Source("s004".into()),
                Filter::Speaker("ushakov".into()),
            ]
        );
        assert_eq!(query.excluded_filters, [Filter::Party("us".into())]);
        assert_eq!(needles(&query), [["land"]]);
    }

    #[test]
    fn lone_markers_are_ignored_while_typing() {
        for input in [
            "", " ", "!", "^", "'", "@", "#", "src:", "by:", "|", "\"", "a |", "$",
        ] {
            let query = Query::parse(input).unwrap();
            assert!(
                query.exclusions.is_empty() && query.filters.is_empty(),
                "{input:?}"
            );
            assert!(query.groups.len() <= 1, "{input:?}");
        }
        assert!(Query::parse("  ").unwrap().is_empty());
        assert!(Query::parse("! ^ @").unwrap().is_empty());
        assert_eq!(needles(&Query::parse("a |").unwrap()), [["a"]]);
        assert_eq!(needles(&Query::parse("$").unwrap()), [["$"]]);
    }

    #[test]
    fn typing_more_letters_narrows() {
        let narrows = |new: &str, old: &str| {
            Query::parse(new)
                .unwrap()
                .narrows(&Query::parse(old).unwrap())
        };
        assert!(narrows("anchorage", "anch"));
        assert!(narrows("anch formula", "anch"));
        assert!(narrows("formula anch", "anch"));
        assert!(narrows("Anchorage", "anch"));
        assert!(narrows("^anchorage", "^anch"));
        assert!(narrows("^anchorage", "anch"));
        assert!(narrows("anch @ru", "anch"));
        assert!(narrows("x by:ushakov", "x by:ush"));
        assert!(narrows("x !foo", "x"));
        assert!(narrows("x !fo", "x !foo"));
        assert!(narrows("a", ""));
        assert!(narrows("", ""));
    }

    #[test]
    fn deleting_or_widening_does_not_narrow() {
        let narrows = |new: &str, old: &str| {
            Query::parse(new)
                .unwrap()
                .narrows(&Query::parse(old).unwrap())
        };
        assert!(!narrows("anch", "anchorage"));
        assert!(!narrows("anch", "Anch"));
        assert!(!narrows("anch", "^anch"));
        assert!(!narrows("a | b", "a"));
        assert!(!narrows("x !foob", "x !foo"));
        assert!(!narrows("x", "x !foo"));
        assert!(!narrows("x @ru @ua", "x @ru"));
        assert!(!narrows("x @ru", "x @r"));
        assert!(!narrows("", "a"));
    }

    /// The definition `narrows` implements, with every pair compared.
    fn narrows_by_definition(new: &Query, previous: &Query) -> bool {
        let groups = previous.groups.iter().all(|old| {
            new.groups.iter().any(|group| {
                group
                    .iter()
                    .all(|term| old.iter().any(|alternative| term.implies(alternative)))
            })
        });
        let exclusions = previous
            .exclusions
            .iter()
            .all(|old| new.exclusions.iter().any(|n| old.implies(n)));
        let excluded_filters = previous
            .excluded_filters
            .iter()
            .all(|old| new.excluded_filters.iter().any(|n| old.implies(n)));
        let filters = previous.filters.iter().all(|kind| {
            let mut mine = of_kind(&new.filters, kind.kind()).peekable();
            mine.peek().is_some()
                && mine.all(|n| of_kind(&previous.filters, kind.kind()).any(|old| n.implies(old)))
        });
        groups && exclusions && excluded_filters && filters
    }

    fn words(count: usize, between: &str) -> String {
        let words: Vec<String> = (0..count).map(|i| format!("w{i}")).collect();
        words.join(between)
    }

    #[test]
    fn narrowing_pairs_terms_in_the_order_typed() {
        let narrows = |new: &str, old: &str| {
            Query::parse(new)
                .unwrap()
                .narrows(&Query::parse(old).unwrap())
        };
        let many = words(MAX_TERMS, " ");
        assert!(
            narrows(&format!("{many}x"), &many),
            "a letter typed at the end"
        );
        assert!(
            narrows(&many.replacen("w1 ", "w1x ", 1), &many),
            "a letter typed inside"
        );
        assert!(!narrows(&many[..many.len() - 1], &many), "a letter deleted");
        let reordered = many.replacen("w0 w1 ", "w1 w0 ", 1);
        assert!(!narrows(&reordered, &many), "reordered: searched afresh");
        assert!(narrows("ab | c", "a | c"));
        assert!(narrows("ab | ac", "a"), "one old alternative for both");
        assert!(narrows("anch", "an ch"), "one new term for both");
        assert!(narrows("x !fo !bar", "x !foo"));
        assert!(narrows("x by:ushakov @ru", "x @ru by:ush"));
        assert!(!narrows("x @ua @ru", "x @ru"));
    }

    #[test]
    fn more_than_64_terms_are_refused() {
        assert!(Query::parse(&words(MAX_TERMS, " ")).is_ok());
        let refused = |input: &str| Query::parse(input).err();
        let too_many = |count| Some(QueryError::TooManyTerms { count });
        assert_eq!(refused(&words(MAX_TERMS + 1, " ")), too_many(65));
        assert_eq!(refused(&words(2000, " | ")), too_many(2000), "alternatives");
        let mixed = format!("{} !x @ru", words(MAX_TERMS - 1, " "));
        assert_eq!(refused(&mixed), too_many(65), "exclusions and filters");
        let lone_markers = format!("{} ! ^ @ | by:", words(MAX_TERMS, " "));
        assert!(
            refused(&lone_markers).is_none(),
            "markers alone are no terms"
        );
        assert_eq!(
            too_many(65).unwrap().to_string(),
            "the query has 65 terms, more than the 64 a search takes: \
             search for fewer words, alternatives or filters"
        );
    }

    proptest::proptest! {
        /// Whatever `narrows` says is so by the definition, and typing one
        /// more character is seen to narrow whenever it does.
        #[test]
        fn narrows_agrees_with_its_definition(
            old in "[ab |!^$@'\"A]{0,10}",
            new in "[ab |!^$@'\"A]{0,10}",
            typed in "[ab |!^$@'\"A]",
        ) {
            let (old_query, new_query) = (Query::parse(&old).unwrap(), Query::parse(&new).unwrap());
            if new_query.narrows(&old_query) {
                proptest::prop_assert!(narrows_by_definition(&new_query, &old_query));
            }
            let longer = Query::parse(&format!("{old}{typed}")).unwrap();
            proptest::prop_assert_eq!(
                longer.narrows(&old_query),
                narrows_by_definition(&longer, &old_query)
            );
        }
    }
}
