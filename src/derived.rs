//! What the views and `update` need from a briefing beyond the briefing
//! itself: counts, groupings and orders, computed once when a briefing is
//! loaded (or reloaded) rather than on every key or frame. A 100,000-quote
//! archive made each of these cost a scan of every quote per frame.

use std::collections::HashMap;

use crate::briefing::{Briefing, Role};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// Per source (index into `sources`): how many claims cite it.
    pub citations: Vec<usize>,
    /// Parties shown as red-line columns: those at the table (role party or
    /// mediator); when no party is at the table, every party.
    pub columns: Vec<usize>,
    /// Per party: its positions, red lines first, then file order.
    pub red_lines_first: Vec<Vec<usize>>,
    /// Per party: its positions grouped by sticking point (in the file's
    /// order of sticking points, positions without one last), red lines
    /// first in each group.
    pub positions_by_topic: Vec<Vec<usize>>,
    /// Per party: its quotes, in file order.
    pub party_quotes: Vec<Vec<usize>>,
    /// Per sticking point, per party: the party's positions on it.
    pub stances: Vec<Vec<Vec<usize>>>,
    /// Per sticking point: the quotes on it, in file order.
    pub topic_quotes: Vec<Vec<usize>>,
    /// Events by date (file order within a day).
    pub events_by_date: Vec<usize>,
}

impl Derived {
    pub fn new(b: &Briefing) -> Self {
        let party_index: HashMap<&str, usize> = index_by(b.parties.iter().map(|p| p.id.as_str()));
        let topic_index: HashMap<&str, usize> =
            index_by(b.sticking_points.iter().map(|s| s.id.as_str()));
        let topic_of =
            |topic: &Option<String>| topic.as_deref().and_then(|t| topic_index.get(t).copied());

        let at_table: Vec<usize> = (0..b.parties.len())
            .filter(|&i| matches!(b.parties[i].role, Role::Party | Role::Mediator))
            .collect();
        let columns = if at_table.is_empty() {
            (0..b.parties.len()).collect()
        } else {
            at_table
        };

        let mut red_lines_first = Vec::with_capacity(b.parties.len());
        let mut positions_by_topic = Vec::with_capacity(b.parties.len());
        let mut stances = vec![vec![Vec::new(); b.parties.len()]; b.sticking_points.len()];
        for (party, p) in b.parties.iter().enumerate() {
            let mut order: Vec<usize> = (0..p.positions.len()).collect();
            order.sort_by_key(|&i| !p.positions[i].red_line);
            red_lines_first.push(order.clone());
            order.sort_by_key(|&i| {
                let position = &p.positions[i];
                (
                    topic_of(&position.topic).unwrap_or(usize::MAX),
                    !position.red_line,
                )
            });
            positions_by_topic.push(order);
            for (i, position) in p.positions.iter().enumerate() {
                if let Some(topic) = topic_of(&position.topic) {
                    stances[topic][party].push(i);
                }
            }
        }

        let mut party_quotes = vec![Vec::new(); b.parties.len()];
        let mut topic_quotes = vec![Vec::new(); b.sticking_points.len()];
        for (q, quote) in b.quotes.iter().enumerate() {
            if let Some(&party) = quote.party.as_deref().and_then(|id| party_index.get(id)) {
                party_quotes[party].push(q);
            }
            let mut topics: Vec<usize> = quote
                .topics
                .iter()
                .filter_map(|t| topic_index.get(t.as_str()).copied())
                .collect();
            topics.dedup();
            for topic in topics {
                topic_quotes[topic].push(q);
            }
        }

        let mut events_by_date: Vec<usize> = (0..b.events.len()).collect();
        events_by_date.sort_by_key(|&i| b.events[i].date);

        Self {
            citations: citation_counts(b),
            columns,
            red_lines_first,
            positions_by_topic,
            party_quotes,
            stances,
            topic_quotes,
            events_by_date,
        }
    }
}

/// The first index of each id (ids are unique in a valid briefing).
fn index_by<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        index.entry(id).or_insert(i);
    }
    index
}

/// Per source: how many claims (delegates, positions, quotes, events,
/// discrepancy accounts) cite it, each claim counted once; one pass over
/// the briefing, the same counts as `Briefing::citations` gives one by one.
fn citation_counts(b: &Briefing) -> Vec<usize> {
    let source_index = index_by(b.sources.iter().map(|s| s.id.as_str()));
    let mut counts = vec![0; b.sources.len()];
    let mut cite = |ids: &mut dyn Iterator<Item = &str>| {
        let mut cited: Vec<usize> = ids.filter_map(|id| source_index.get(id).copied()).collect();
        cited.sort_unstable();
        cited.dedup();
        for s in cited {
            counts[s] += 1;
        }
    };
    for p in &b.parties {
        for d in &p.delegation {
            cite(&mut d.sources.iter().map(String::as_str));
        }
        for position in &p.positions {
            cite(&mut position.sources.iter().map(String::as_str));
        }
    }
    for quote in &b.quotes {
        cite(&mut std::iter::once(quote.source.as_str()));
    }
    for event in &b.events {
        cite(&mut event.sources.iter().map(String::as_str));
    }
    for account in b.discrepancies.iter().flat_map(|d| &d.accounts) {
        cite(&mut std::iter::once(account.source.as_str()));
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::{Document, load};

    fn shipped() -> Briefing {
        load(&Document::embedded()).unwrap().briefing
    }

    #[test]
    fn citation_counts_agree_with_counting_each_source_alone() {
        let b = shipped();
        let derived = Derived::new(&b);
        let one_by_one: Vec<usize> = b.sources.iter().map(|s| b.citations(&s.id)).collect();
        assert_eq!(derived.citations, one_by_one);
        assert!(derived.citations.iter().any(|&n| n > 1), "{one_by_one:?}");
    }

    #[test]
    fn stances_and_topic_quotes_group_by_sticking_point() {
        let b = shipped();
        let derived = Derived::new(&b);
        for (s, point) in b.sticking_points.iter().enumerate() {
            for (party, p) in b.parties.iter().enumerate() {
                let expected: Vec<usize> = (0..p.positions.len())
                    .filter(|&i| p.positions[i].topic.as_deref() == Some(point.id.as_str()))
                    .collect();
                assert_eq!(derived.stances[s][party], expected, "{} {}", point.id, p.id);
            }
            let quotes: Vec<usize> = (0..b.quotes.len())
                .filter(|&q| b.quotes[q].topics.iter().any(|t| *t == point.id))
                .collect();
            assert_eq!(derived.topic_quotes[s], quotes, "{}", point.id);
        }
        assert!(derived.topic_quotes.iter().any(|q| !q.is_empty()));
        assert!(derived.stances.iter().flatten().any(|p| !p.is_empty()));
    }

    #[test]
    fn party_quotes_are_the_party_s_quotes_in_file_order() {
        let b = shipped();
        let derived = Derived::new(&b);
        for (party, p) in b.parties.iter().enumerate() {
            let expected: Vec<usize> = b.quotes_of(&p.id).collect();
            assert_eq!(derived.party_quotes[party], expected, "{}", p.id);
        }
        assert!(derived.party_quotes.iter().any(|q| !q.is_empty()));
    }

    /// Positions and events written out of order.
    const UNORDERED: &str = r#"format = 1
[briefing]
title = "T"
as_of = 2026-01-23
[[sources]]
id = "s1"
outlet = "Wire"
[[sticking_points]]
id = "land"
title = "Land"
[[sticking_points]]
id = "power"
title = "Power"
[[parties]]
id = "ua"
name = "Ukraine"
[[parties.positions]]
text = "no topic"
sources = ["s1"]
[[parties.positions]]
text = "power, not a red line"
topic = "power"
sources = ["s1"]
[[parties.positions]]
text = "land, not a red line"
topic = "land"
sources = ["s1"]
[[parties.positions]]
text = "power, a red line"
topic = "power"
red_line = true
sources = ["s1"]
[[parties]]
id = "tr"
name = "Türkiye"
role = "host"
[[events]]
date = 2026-01-22
title = "later"
sources = ["s1"]
[[events]]
date = 2026-01-20
title = "earlier"
sources = ["s1"]
[[events]]
date = 2026-01-22
title = "later, second in the file"
sources = ["s1"]
"#;

    #[test]
    fn orders_red_lines_first_by_topic_and_events_by_date() {
        let document = Document {
            name: "unordered.toml".into(),
            text: UNORDERED.into(),
            dir: None,
        };
        let b = load(&document).unwrap().briefing;
        let derived = Derived::new(&b);
        assert_eq!(derived.red_lines_first[0], [3, 0, 1, 2]);
        assert_eq!(derived.positions_by_topic[0], [2, 3, 1, 0]);
        assert_eq!(derived.stances[1][0], [1, 3]);
        assert_eq!(derived.events_by_date, [1, 0, 2]);
        assert_eq!(derived.columns, [0], "the host is not a column");
        assert_eq!(derived.citations, [7]);
    }
}
