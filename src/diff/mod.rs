//! What moved between two rounds of a negotiation: two briefings compared
//! by meaning, not by line. Knows nothing of terminals or the command line.
//!
//! The matching rule (also in the README): things with ids are matched by
//! id (parties, sources, sticking points, quotes, discrepancies with an
//! `id`, positions with an `id` within their party). A position without an
//! id on either side is matched within its party, first among positions on
//! the same sticking point, then among all the party's positions, to the
//! unmatched position whose wording is most alike (normalised Levenshtein
//! similarity of the folded words, at least [`SAME_TOPIC_SIMILARITY`] on
//! the same sticking point and [`MOVED_SIMILARITY`] across sticking
//! points), best pairs first; what stays unmatched was added or removed.
//! Delegates are matched by name within their party, events by title (then
//! by date and similar title), discrepancies without ids by subject.

mod since;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::briefing::{Basis, Briefing, Delegate, Event, Party, Position};

pub use since::{Mark, Row, Since};

/// How alike two wordings on the same sticking point must be to count as
/// one position reworded.
pub const SAME_TOPIC_SIMILARITY: f64 = 0.5;
/// How alike two wordings on different sticking points must be to count as
/// one position moved (and perhaps reworded).
pub const MOVED_SIMILARITY: f64 = 0.7;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    RedLine,
    Position,
    Delegate,
    StickingPoint,
    Quote,
    Event,
    Source,
    Discrepancy,
    Party,
    Briefing,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::RedLine => "red line",
            Kind::Position => "position",
            Kind::Delegate => "delegate",
            Kind::StickingPoint => "sticking point",
            Kind::Quote => "quote",
            Kind::Event => "event",
            Kind::Source => "source",
            Kind::Discrepancy => "discrepancy",
            Kind::Party => "party",
            Kind::Briefing => "briefing",
        }
    }
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    /// A sticking point's status moved.
    Status,
    /// A position's basis moved (see [`Change::strengthened`]).
    Basis,
}

impl ChangeKind {
    /// `+`, `-` or `~`.
    pub fn marker(self) -> char {
        match self {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            _ => '~',
        }
    }
}

/// Where a thing that changed is, by index into its own briefing (the old
/// one or the new): what a reader opens to see both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Briefing,
    Party(usize),
    Delegate { party: usize, index: usize },
    Position { party: usize, index: usize },
    StickingPoint(usize),
    Quote(usize),
    Event(usize),
    Source(usize),
    Discrepancy(usize),
}

/// One change between the old briefing and the new.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub change: ChangeKind,
    /// The party it belongs to (an id), if any.
    pub party: Option<String>,
    /// Its id where it has one (a position's, a quote's, a source's ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The sticking point it sits under (new side, else old), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// What it was, where something changed or went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// What it is, where something changed or came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// What the change is about, for a reader: a position's wording, a
    /// delegate's name, a field's name.
    pub subject: String,
    /// For a basis change: true when it moved towards the party's own
    /// words (inferred -> reported -> stated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strengthened: Option<bool>,
    /// Where it was in the old briefing, if it was there.
    #[serde(skip)]
    pub old_at: Option<Entity>,
    /// Where it is in the new briefing, if it is there.
    #[serde(skip)]
    pub new_at: Option<Entity>,
}

impl Change {
    fn new(kind: Kind, change: ChangeKind, subject: impl Into<String>) -> Self {
        Self {
            kind,
            change,
            party: None,
            id: None,
            topic: None,
            before: None,
            after: None,
            subject: subject.into(),
            strengthened: None,
            old_at: None,
            new_at: None,
        }
    }

    fn at(mut self, old: Option<Entity>, new: Option<Entity>) -> Self {
        self.old_at = old;
        self.new_at = new;
        self
    }

    fn party(mut self, party: &str) -> Self {
        self.party = Some(party.to_string());
        self
    }

    fn id(mut self, id: Option<&str>) -> Self {
        self.id = id.map(str::to_string);
        self
    }

    fn topic(mut self, topic: Option<&str>) -> Self {
        self.topic = topic.map(str::to_string);
        self
    }

    fn before_after(mut self, before: impl Into<String>, after: impl Into<String>) -> Self {
        self.before = Some(before.into());
        self.after = Some(after.into());
        self
    }
}

/// Every change from `old` to `new`, grouped: the briefing first, then each
/// party's (in the new file's order, departed parties last), then sticking
/// points, quotes, events, sources and discrepancies.
pub fn diff(old: &Briefing, new: &Briefing) -> Vec<Change> {
    let mut changes = Vec::new();
    briefing_changes(old, new, &mut changes);
    let old_parties: HashMap<&str, usize> = old
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let new_ids: HashSet<&str> = new.parties.iter().map(|p| p.id.as_str()).collect();
    for (n, party) in new.parties.iter().enumerate() {
        match old_parties.get(party.id.as_str()) {
            Some(&o) => party_changes((Some(o), &old.parties[o]), (Some(n), party), &mut changes),
            None => {
                changes.push(
                    Change::new(Kind::Party, ChangeKind::Added, &party.name)
                        .party(&party.id)
                        .at(None, Some(Entity::Party(n))),
                );
                party_changes((None, &empty_party(party)), (Some(n), party), &mut changes);
            }
        }
    }
    for (o, party) in old
        .parties
        .iter()
        .enumerate()
        .filter(|(_, p)| !new_ids.contains(p.id.as_str()))
    {
        changes.push(
            Change::new(Kind::Party, ChangeKind::Removed, &party.name)
                .party(&party.id)
                .at(Some(Entity::Party(o)), None),
        );
        party_changes((Some(o), party), (None, &empty_party(party)), &mut changes);
    }
    sticking_point_changes(old, new, &mut changes);
    quote_changes(old, new, &mut changes);
    event_changes(&old.events, &new.events, &mut changes);
    source_changes(old, new, &mut changes);
    discrepancy_changes(old, new, &mut changes);
    changes
}

fn empty_party(like: &Party) -> Party {
    Party {
        delegation: Vec::new(),
        positions: Vec::new(),
        ..like.clone()
    }
}

fn briefing_changes(old: &Briefing, new: &Briefing, changes: &mut Vec<Change>) {
    let (a, b) = (&old.meta, &new.meta);
    let both = |change: Change| change.at(Some(Entity::Briefing), Some(Entity::Briefing));
    if a.title != b.title {
        changes.push(both(
            Change::new(Kind::Briefing, ChangeKind::Changed, "title")
                .before_after(&a.title, &b.title),
        ));
    }
    if a.as_of != b.as_of {
        changes.push(both(
            Change::new(Kind::Briefing, ChangeKind::Changed, "as_of")
                .before_after(a.as_of.to_string(), b.as_of.to_string()),
        ));
    }
}

/// A party with its index in its briefing; `None` for the empty stand-in
/// of a party that is on one side only.
type Indexed<'a, T> = (Option<usize>, &'a T);

fn party_changes(old: Indexed<Party>, new: Indexed<Party>, changes: &mut Vec<Change>) {
    let party = new.1.id.as_str();
    if old.1.name != new.1.name {
        changes.push(
            Change::new(Kind::Party, ChangeKind::Changed, "name")
                .party(party)
                .before_after(&old.1.name, &new.1.name)
                .at(old.0.map(Entity::Party), new.0.map(Entity::Party)),
        );
    }
    delegate_changes(party, old, new, changes);
    for pair in match_positions(&old.1.positions, &new.1.positions) {
        position_changes(party, old, new, pair, changes);
    }
}

fn delegate_changes(
    party: &str,
    (old_party, old): Indexed<Party>,
    (new_party, new): Indexed<Party>,
    changes: &mut Vec<Change>,
) {
    let (old, new) = (&old.delegation, &new.delegation);
    let key = |d: &Delegate| fold(&d.name);
    let old_by_name: HashMap<String, usize> =
        old.iter().enumerate().map(|(i, d)| (key(d), i)).collect();
    let new_names: HashSet<String> = new.iter().map(key).collect();
    let describe = |d: &Delegate| match &d.title {
        Some(title) => format!("{} ({title})", d.name),
        None => d.name.clone(),
    };
    let old_at = |index: usize| old_party.map(|party| Entity::Delegate { party, index });
    let new_at = |index: usize| new_party.map(|party| Entity::Delegate { party, index });
    for (n, delegate) in new.iter().enumerate() {
        let Some(&o) = old_by_name.get(&key(delegate)) else {
            changes.push(
                Change::new(Kind::Delegate, ChangeKind::Added, &delegate.name)
                    .party(party)
                    .before_after_opt(None, Some(describe(delegate)))
                    .at(None, new_at(n)),
            );
            continue;
        };
        let before = &old[o];
        if before.title != delegate.title {
            changes.push(
                Change::new(Kind::Delegate, ChangeKind::Changed, &delegate.name)
                    .party(party)
                    .before_after(
                        before.title.clone().unwrap_or_else(|| "no title".into()),
                        delegate.title.clone().unwrap_or_else(|| "no title".into()),
                    )
                    .at(old_at(o), new_at(n)),
            );
        }
        if before.lead != delegate.lead {
            let role = |lead: bool| if lead { "lead" } else { "member" };
            changes.push(
                Change::new(Kind::Delegate, ChangeKind::Changed, &delegate.name)
                    .party(party)
                    .before_after(role(before.lead), role(delegate.lead))
                    .at(old_at(o), new_at(n)),
            );
        }
    }
    for (o, delegate) in old
        .iter()
        .enumerate()
        .filter(|(_, d)| !new_names.contains(&key(d)))
    {
        changes.push(
            Change::new(Kind::Delegate, ChangeKind::Removed, &delegate.name)
                .party(party)
                .before_after_opt(Some(describe(delegate)), None)
                .at(old_at(o), None),
        );
    }
}

impl Change {
    fn before_after_opt(mut self, before: Option<String>, after: Option<String>) -> Self {
        self.before = before;
        self.after = after;
        self
    }
}

/// A matched position: its index among the old positions, among the new,
/// or both.
pub type Pair = (Option<usize>, Option<usize>);

/// Pairs one party's old and new positions by the matching rule (see the
/// module's documentation), in the new file's order, gone positions last.
pub fn match_positions(old: &[Position], new: &[Position]) -> Vec<Pair> {
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // By id, where both sides have one.
    let old_ids: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.id.as_deref()?, i)))
        .collect();
    for (j, position) in new.iter().enumerate() {
        if let Some(&i) = position.id.as_deref().and_then(|id| old_ids.get(id)) {
            partner[j] = Some(i);
            taken[i] = true;
        }
    }
    // Then by wording: on the same sticking point, then across them.
    let words_old: Vec<String> = old.iter().map(|p| fold(&p.text)).collect();
    let words_new: Vec<String> = new.iter().map(|p| fold(&p.text)).collect();
    for same_topic in [true, false] {
        let threshold = if same_topic {
            SAME_TOPIC_SIMILARITY
        } else {
            MOVED_SIMILARITY
        };
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (j, after) in new
            .iter()
            .enumerate()
            .filter(|(j, _)| partner[*j].is_none())
        {
            for (i, before) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
                // Two positions that both have ids and differ are different positions.
                if before.id.is_some() && after.id.is_some() {
                    continue;
                }
                if same_topic && before.topic != after.topic {
                    continue;
                }
                let similarity = strsim::normalized_levenshtein(&words_old[i], &words_new[j]);
                if similarity >= threshold {
                    candidates.push((similarity, i, j));
                }
            }
        }
        // Best pairs first; ties in file order, so the result is stable.
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        for (_, i, j) in candidates {
            if !taken[i] && partner[j].is_none() {
                taken[i] = true;
                partner[j] = Some(i);
            }
        }
    }
    let mut pairs: Vec<Pair> = partner
        .iter()
        .enumerate()
        .map(|(j, &i)| (i, Some(j)))
        .collect();
    pairs.extend(
        taken
            .iter()
            .enumerate()
            .filter(|(_, taken)| !**taken)
            .map(|(i, _)| (Some(i), None)),
    );
    pairs
}

fn position_changes(
    party: &str,
    (old_party, old): Indexed<Party>,
    (new_party, new): Indexed<Party>,
    (before_at, after_at): Pair,
    changes: &mut Vec<Change>,
) {
    let before = before_at.map(|i| &old.positions[i]);
    let after = after_at.map(|i| &new.positions[i]);
    let old_at = before_at
        .zip(old_party)
        .map(|(index, party)| Entity::Position { party, index });
    let new_at = after_at
        .zip(new_party)
        .map(|(index, party)| Entity::Position { party, index });
    let kind = |p: &Position| {
        if p.red_line {
            Kind::RedLine
        } else {
            Kind::Position
        }
    };
    let start = |kind: Kind, change: ChangeKind, p: &Position| {
        Change::new(kind, change, &p.text)
            .party(party)
            .id(p.id.as_deref())
            .topic(p.topic.as_deref())
            .at(old_at, new_at)
    };
    match (before, after) {
        (None, Some(p)) => changes.push(
            start(kind(p), ChangeKind::Added, p).before_after_opt(None, Some(p.text.clone())),
        ),
        (Some(p), None) => changes.push(
            start(kind(p), ChangeKind::Removed, p).before_after_opt(Some(p.text.clone()), None),
        ),
        (Some(old), Some(new)) => {
            match (old.red_line, new.red_line) {
                // Lifted: the position stays, no longer a line not to cross.
                (true, false) => changes.push(
                    start(Kind::RedLine, ChangeKind::Removed, new)
                        .before_after(&old.text, &new.text),
                ),
                (false, true) => changes.push(
                    start(Kind::RedLine, ChangeKind::Added, new).before_after(&old.text, &new.text),
                ),
                _ if old.text != new.text || old.topic != new.topic => {
                    let mut change = start(kind(new), ChangeKind::Changed, new)
                        .before_after(&old.text, &new.text);
                    if old.topic != new.topic {
                        change.subject = format!(
                            "{} (moved from {} to {})",
                            new.text,
                            old.topic.as_deref().unwrap_or("no sticking point"),
                            new.topic.as_deref().unwrap_or("no sticking point")
                        );
                    }
                    changes.push(change);
                }
                _ => {}
            }
            if old.basis != new.basis {
                let name = |b: Option<Basis>| b.map_or("unstated", Basis::as_str);
                let strength = |b: Option<Basis>| b.map_or(0, |b| b.strength() + 1);
                let mut change = start(kind(new), ChangeKind::Basis, new)
                    .before_after(name(old.basis), name(new.basis));
                change.strengthened = Some(strength(new.basis) > strength(old.basis));
                changes.push(change);
            }
        }
        (None, None) => {}
    }
}

fn sticking_point_changes(old: &Briefing, new: &Briefing, changes: &mut Vec<Change>) {
    by_id(
        &old.sticking_points,
        &new.sticking_points,
        |s| Some(s.id.as_str()),
        |before, after| {
            let (old_at, new_at) = sides(before, after, Entity::StickingPoint);
            let point = |change: ChangeKind, s: &crate::briefing::StickingPoint| {
                Change::new(Kind::StickingPoint, change, &s.title)
                    .id(Some(&s.id))
                    .at(old_at, new_at)
            };
            match (before, after) {
                (None, Some((_, s))) => changes.push(point(ChangeKind::Added, s)),
                (Some((_, s)), None) => changes.push(point(ChangeKind::Removed, s)),
                (Some((_, a)), Some((_, b))) => {
                    if a.status != b.status {
                        changes.push(
                            point(ChangeKind::Status, b)
                                .before_after(a.status.as_str(), b.status.as_str()),
                        );
                    }
                    if a.title != b.title {
                        changes
                            .push(point(ChangeKind::Changed, b).before_after(&a.title, &b.title));
                    }
                }
                (None, None) => {}
            }
        },
    );
}

fn quote_changes(old: &Briefing, new: &Briefing, changes: &mut Vec<Change>) {
    by_id(
        &old.quotes,
        &new.quotes,
        |q| Some(q.id.as_str()),
        |before, after| {
            let (old_at, new_at) = sides(before, after, Entity::Quote);
            let quote = |change: ChangeKind, q: &crate::briefing::Quote| {
                let mut c = Change::new(Kind::Quote, change, format!("{}: {}", q.speaker, q.text))
                    .id(Some(&q.id))
                    .at(old_at, new_at);
                c.party = q.party.as_ref().map(|p| p.to_string());
                c
            };
            match (before, after) {
                (None, Some((_, q))) => changes.push(quote(ChangeKind::Added, q)),
                (Some((_, q)), None) => changes.push(quote(ChangeKind::Removed, q)),
                (Some((_, a)), Some((_, b))) if a.text != b.text => {
                    changes.push(
                        quote(ChangeKind::Changed, b).before_after(a.text.clone(), b.text.clone()),
                    );
                }
                _ => {}
            }
        },
    );
}

fn event_changes(old: &[Event], new: &[Event], changes: &mut Vec<Change>) {
    let key = |e: &Event| fold(&e.title);
    let new_titles: HashSet<String> = new.iter().map(key).collect();
    let old_by_title: HashMap<String, usize> =
        old.iter().enumerate().map(|(i, e)| (key(e), i)).collect();
    let mut unmatched_old: Vec<usize> = (0..old.len())
        .filter(|&i| !new_titles.contains(&key(&old[i])))
        .collect();
    let event = |change: ChangeKind, e: &Event, old_at: Option<usize>, new_at: Option<usize>| {
        Change::new(Kind::Event, change, format!("{} {}", e.date, e.title))
            .at(old_at.map(Entity::Event), new_at.map(Entity::Event))
    };
    for (n, after) in new.iter().enumerate() {
        if let Some(&o) = old_by_title.get(&key(after)) {
            let before = &old[o];
            if before.date != after.date {
                changes.push(
                    event(ChangeKind::Changed, after, Some(o), Some(n))
                        .before_after(before.date.to_string(), after.date.to_string()),
                );
            }
            continue;
        }
        // Same date and a similar title: the event reworded.
        let similar = unmatched_old.iter().position(|&o| {
            let before = &old[o];
            before.date == after.date
                && strsim::normalized_levenshtein(&key(before), &key(after))
                    >= SAME_TOPIC_SIMILARITY
        });
        match similar {
            Some(i) => {
                let o = unmatched_old.remove(i);
                changes.push(
                    event(ChangeKind::Changed, after, Some(o), Some(n))
                        .before_after(old[o].title.clone(), after.title.clone()),
                );
            }
            None => changes.push(event(ChangeKind::Added, after, None, Some(n))),
        }
    }
    for o in unmatched_old {
        changes.push(event(ChangeKind::Removed, &old[o], Some(o), None));
    }
}

fn source_changes(old: &Briefing, new: &Briefing, changes: &mut Vec<Change>) {
    by_id(
        &old.sources,
        &new.sources,
        |s| Some(s.id.as_str()),
        |before, after| {
            let (old_at, new_at) = sides(before, after, Entity::Source);
            let name = |s: &crate::briefing::Source| match &s.title {
                Some(title) => format!("{}: {title}", s.outlet),
                None => s.outlet.clone(),
            };
            let source = |change: ChangeKind, s: &crate::briefing::Source| {
                Change::new(Kind::Source, change, name(s))
                    .id(Some(&s.id))
                    .at(old_at, new_at)
            };
            match (before, after) {
                (None, Some((_, s))) => changes.push(source(ChangeKind::Added, s)),
                (Some((_, s)), None) => changes.push(source(ChangeKind::Removed, s)),
                (Some((_, a)), Some((_, b)))
                    if name(a) != name(b) || a.url != b.url || a.published != b.published =>
                {
                    changes.push(source(ChangeKind::Changed, b).before_after(name(a), name(b)));
                }
                _ => {}
            }
        },
    );
}

fn discrepancy_changes(old: &Briefing, new: &Briefing, changes: &mut Vec<Change>) {
    let accounts = |d: &crate::briefing::Discrepancy| {
        d.accounts
            .iter()
            .map(|a| format!("{}: {}", a.source, a.says))
            .collect::<Vec<_>>()
            .join("; ")
    };
    // By id where there is one, else by subject.
    let key = |d: &crate::briefing::Discrepancy| match &d.id {
        Some(id) => format!("id:{id}"),
        None => format!("subject:{}", fold(&d.subject)),
    };
    let old_keys: Vec<String> = old.discrepancies.iter().map(key).collect();
    let new_keys: Vec<String> = new.discrepancies.iter().map(key).collect();
    by_id(
        &old.discrepancies.iter().zip(&old_keys).collect::<Vec<_>>(),
        &new.discrepancies.iter().zip(&new_keys).collect::<Vec<_>>(),
        |(_, k)| Some(k.as_str()),
        |before, after| {
            let (old_at, new_at) = sides(before, after, Entity::Discrepancy);
            let item = |change: ChangeKind, d: &crate::briefing::Discrepancy| {
                Change::new(Kind::Discrepancy, change, &d.subject)
                    .id(d.id.as_deref())
                    .at(old_at, new_at)
            };
            match (before, after) {
                (None, Some((_, (d, _)))) => changes.push(item(ChangeKind::Added, d)),
                (Some((_, (d, _))), None) => changes.push(item(ChangeKind::Removed, d)),
                (Some((_, (a, _))), Some((_, (b, _))))
                    if accounts(a) != accounts(b) || a.subject != b.subject =>
                {
                    changes
                        .push(item(ChangeKind::Changed, b).before_after(accounts(a), accounts(b)));
                }
                _ => {}
            }
        },
    );
}

/// Calls `visit` for each pair matched by key, in the new order, then for
/// each old item whose key is gone; each item with its index.
fn by_id<'a, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> Option<&'a str>,
    mut visit: impl FnMut(Option<(usize, &'a T)>, Option<(usize, &'a T)>),
) {
    let old_by_key: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((key(t)?, i)))
        .collect();
    let new_keys: HashSet<&str> = new.iter().filter_map(&key).collect();
    for (n, item) in new.iter().enumerate() {
        let before = key(item).and_then(|k| old_by_key.get(k).copied());
        visit(before.map(|o| (o, &old[o])), Some((n, item)));
    }
    for (o, item) in old.iter().enumerate() {
        if key(item).is_none_or(|k| !new_keys.contains(k)) {
            visit(Some((o, item)), None);
        }
    }
}

/// The entities of a pair matched by [`by_id`].
fn sides<T>(
    before: Option<(usize, T)>,
    after: Option<(usize, T)>,
    entity: fn(usize) -> Entity,
) -> (Option<Entity>, Option<Entity>) {
    (before.map(|b| entity(b.0)), after.map(|a| entity(a.0)))
}

/// Changes grouped for reading: the briefing, each party (by sticking
/// point within it), then the rest by kind. What plain output, the memo and
/// the dashboard's diff view all show.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<C> {
    pub heading: String,
    /// Sub-groups: a sticking point's title (or `None` for what belongs to
    /// no sticking point), and its changes.
    pub parts: Vec<(Option<String>, Vec<C>)>,
}

/// [`grouped_indices`], each change by reference.
pub fn grouped<'c>(
    changes: &'c [Change],
    old: &Briefing,
    new: &Briefing,
) -> Vec<Group<&'c Change>> {
    grouped_indices(changes, old, new)
        .into_iter()
        .map(|group| Group {
            heading: group.heading,
            parts: group
                .parts
                .into_iter()
                .map(|(topic, list)| (topic, list.into_iter().map(|i| &changes[i]).collect()))
                .collect(),
        })
        .collect()
}

/// The changes grouped (see [`Group`]), each by its index in `changes`.
pub fn grouped_indices(changes: &[Change], old: &Briefing, new: &Briefing) -> Vec<Group<usize>> {
    let party_name = |id: &str| {
        new.party(id)
            .or_else(|| old.party(id))
            .map_or_else(|| id.to_string(), |p| format!("{} ({id})", p.name))
    };
    let topic_title = |id: &str| {
        new.sticking_point(id)
            .or_else(|| old.sticking_point(id))
            .map_or_else(|| id.to_string(), |s| s.title.clone())
    };
    let in_party = |c: &Change| {
        matches!(
            c.kind,
            Kind::RedLine | Kind::Position | Kind::Delegate | Kind::Party
        ) && c.party.is_some()
    };
    let indexed = || changes.iter().enumerate();
    let mut groups: Vec<Group<usize>> = Vec::new();
    let briefing: Vec<usize> = indexed()
        .filter(|(_, c)| c.kind == Kind::Briefing)
        .map(|(i, _)| i)
        .collect();
    if !briefing.is_empty() {
        groups.push(Group {
            heading: "Briefing".into(),
            parts: vec![(None, briefing)],
        });
    }
    let mut parties: Vec<&str> = Vec::new();
    for change in changes.iter().filter(|c| in_party(c)) {
        let party = change.party.as_deref().unwrap_or_default();
        if !parties.contains(&party) {
            parties.push(party);
        }
    }
    for party in parties {
        let mut parts: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        for (i, change) in
            indexed().filter(|(_, c)| in_party(c) && c.party.as_deref() == Some(party))
        {
            let topic = match change.kind {
                Kind::RedLine | Kind::Position => change.topic.as_deref().map(topic_title),
                _ => None,
            };
            match parts.iter_mut().find(|(t, _)| *t == topic) {
                Some((_, list)) => list.push(i),
                None => parts.push((topic, vec![i])),
            }
        }
        // What belongs to no sticking point (delegates, the party) first.
        parts.sort_by_key(|(topic, _)| topic.is_some());
        groups.push(Group {
            heading: party_name(party),
            parts,
        });
    }
    for (kind, heading) in [
        (Kind::StickingPoint, "Sticking points"),
        (Kind::Quote, "Quotes"),
        (Kind::Event, "Events"),
        (Kind::Source, "Sources"),
        (Kind::Discrepancy, "Discrepancies"),
    ] {
        let list: Vec<usize> = indexed()
            .filter(|(_, c)| c.kind == kind && !in_party(c))
            .map(|(i, _)| i)
            .collect();
        if !list.is_empty() {
            groups.push(Group {
                heading: heading.into(),
                parts: vec![(None, list)],
            });
        }
    }
    groups
}

/// One change in a line of words (raw file text: sanitise before printing):
/// `red line lifted: Keeps the valley.`, `basis strengthened: reported → stated: …`.
pub fn describe(change: &Change) -> String {
    let noun = change.kind.noun();
    let quoted = |s: &Option<String>| s.as_deref().map_or(String::new(), |s| format!("\"{s}\""));
    match (change.kind, change.change) {
        (Kind::RedLine, ChangeKind::Removed) if change.after.is_some() => {
            format!("red line lifted (still a position): {}", change.subject)
        }
        (Kind::RedLine, ChangeKind::Removed) => {
            format!("red line lifted (position gone): {}", change.subject)
        }
        (Kind::RedLine, ChangeKind::Added) if change.before.is_some() => {
            format!("red line drawn on an existing position: {}", change.subject)
        }
        (_, ChangeKind::Added) => format!(
            "{noun} added: {}",
            change.after.as_deref().unwrap_or(&change.subject)
        ),
        (_, ChangeKind::Removed) => format!(
            "{noun} removed: {}",
            change.before.as_deref().unwrap_or(&change.subject)
        ),
        (_, ChangeKind::Basis) => format!(
            "basis {}: {} → {}: {}",
            if change.strengthened == Some(true) {
                "strengthened"
            } else {
                "weakened"
            },
            change.before.as_deref().unwrap_or_default(),
            change.after.as_deref().unwrap_or_default(),
            change.subject
        ),
        (_, ChangeKind::Status) => format!(
            "{noun} {}: {} → {}",
            change.subject,
            change.before.as_deref().unwrap_or_default(),
            change.after.as_deref().unwrap_or_default()
        ),
        (Kind::RedLine | Kind::Position, ChangeKind::Changed)
            if change.subject.contains("(moved from") =>
        {
            format!(
                "{noun} moved: {} → {}",
                quoted(&change.before),
                change.subject
            )
        }
        (Kind::Delegate | Kind::Party | Kind::Briefing, ChangeKind::Changed) => format!(
            "{noun} {}: {} → {}",
            change.subject,
            quoted(&change.before),
            quoted(&change.after)
        ),
        (_, ChangeKind::Changed) => format!(
            "{noun} changed: {} → {}",
            quoted(&change.before),
            quoted(&change.after)
        ),
    }
}

/// Lower case, words separated by one space: what wording similarity and
/// name matching compare.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
