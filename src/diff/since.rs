//! The changes since an earlier round, arranged for marking the new round
//! in place: which of its red lines are new, reworded or lifted, who joined
//! or left a delegation, which sticking-point cells and statuses moved, and
//! every change in the order `parley diff` reads them. Computed once per
//! pair of briefings; whoever shows it only reads it.

use std::collections::{HashMap, HashSet};

use super::{Change, ChangeKind, Entity, Group, Kind, diff, grouped_indices};
use crate::briefing::Briefing;

/// How one of the new round's red lines moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A red line that was not one before: a new position, or a flag set.
    New,
    /// A red line reworded (or moved to another sticking point); the old wording.
    Changed { before: String },
    /// Was a red line; the position stays, no longer one.
    Lifted,
}

/// One change in reading order, with the headings that start before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into [`Since::changes`].
    pub change: usize,
    /// The group's heading (a party, "Sticking points", ...) when this row
    /// is its first.
    pub heading: Option<String>,
    /// The sticking point's title when this row is the first on it.
    pub topic: Option<String>,
    /// Whether it sits under a sticking point's title.
    pub in_topic: bool,
}

/// The new round against the old one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Since {
    /// Every change, in [`diff`]'s order.
    pub changes: Vec<Change>,
    /// The changes in the order `parley diff` prints them, one a row.
    pub rows: Vec<Row>,
    /// By (party, position) index in the new round.
    marks: HashMap<(usize, usize), Mark>,
    /// Delegates who joined, by (party, delegate) index in the new round.
    joined: HashSet<(usize, usize)>,
    /// By party id: the names of delegates who left.
    departed: HashMap<String, Vec<String>>,
    /// By party id: how many red lines went with their position.
    red_lines_gone: HashMap<String, usize>,
    /// (party id, sticking point id) cells where a position moved: came,
    /// went, was reworded, its red line drawn or lifted, its basis changed.
    moved_cells: HashSet<(String, String)>,
    /// Ids of sticking points whose status moved.
    moved_status: HashSet<String>,
}

impl Since {
    pub fn new(old: &Briefing, new: &Briefing) -> Since {
        let changes = diff(old, new);
        let mut since = Since {
            rows: rows(grouped_indices(&changes, old, new)),
            ..Since::default()
        };
        for change in &changes {
            since.note(change, old, new);
        }
        since.changes = changes;
        since
    }

    fn note(&mut self, change: &Change, old: &Briefing, new: &Briefing) {
        match (change.kind, change.change, change.new_at) {
            (Kind::RedLine, ChangeKind::Added, Some(Entity::Position { party, index })) => {
                self.marks.insert((party, index), Mark::New);
            }
            (Kind::RedLine, ChangeKind::Removed, Some(Entity::Position { party, index })) => {
                self.marks.insert((party, index), Mark::Lifted);
            }
            (Kind::RedLine, ChangeKind::Removed, None) => {
                if let Some(party) = &change.party {
                    *self.red_lines_gone.entry(party.clone()).or_default() += 1;
                }
            }
            (Kind::RedLine, ChangeKind::Changed, Some(Entity::Position { party, index })) => {
                let before = change.before.clone().unwrap_or_default();
                self.marks.insert((party, index), Mark::Changed { before });
            }
            (Kind::Delegate, ChangeKind::Added, Some(Entity::Delegate { party, index })) => {
                self.joined.insert((party, index));
            }
            (Kind::Delegate, ChangeKind::Removed, _) => {
                if let Some(party) = &change.party {
                    let names = self.departed.entry(party.clone()).or_default();
                    names.push(change.subject.clone());
                }
            }
            (Kind::StickingPoint, ChangeKind::Status, _) => {
                self.moved_status.extend(change.id.clone());
            }
            _ => {}
        }
        if matches!(change.kind, Kind::RedLine | Kind::Position) {
            let topic = |briefing: &Briefing, at: Option<Entity>| match at {
                Some(Entity::Position { party, index }) => {
                    briefing.parties[party].positions[index].topic.clone()
                }
                _ => None,
            };
            // A position moved between sticking points moved both cells.
            for topic in [topic(old, change.old_at), topic(new, change.new_at)] {
                if let (Some(party), Some(topic)) = (&change.party, topic) {
                    self.moved_cells.insert((party.clone(), topic));
                }
            }
        }
    }

    /// The changes in reading order.
    pub fn in_order(&self) -> impl Iterator<Item = &Change> {
        self.rows.iter().map(|row| &self.changes[row.change])
    }

    /// How the new round's position `index` of party `party` moved, if it did.
    pub fn mark(&self, party: usize, index: usize) -> Option<&Mark> {
        self.marks.get(&(party, index))
    }

    /// Whether delegate `index` of party `party` (the new round's) joined.
    pub fn joined(&self, party: usize, index: usize) -> bool {
        self.joined.contains(&(party, index))
    }

    /// The names of the delegates of party `party_id` who left.
    pub fn departed(&self, party_id: &str) -> &[String] {
        self.departed.get(party_id).map_or(&[], Vec::as_slice)
    }

    /// How many red lines of party `party_id` are gone with their position:
    /// lifted, with no place left to mark them in.
    pub fn red_lines_gone(&self, party_id: &str) -> usize {
        self.red_lines_gone.get(party_id).copied().unwrap_or(0)
    }

    /// Whether a party's stance on a sticking point moved.
    pub fn cell_moved(&self, party_id: &str, topic_id: &str) -> bool {
        self.moved_cells
            .contains(&(party_id.to_string(), topic_id.to_string()))
    }

    /// Whether a sticking point's status moved.
    pub fn status_moved(&self, topic_id: &str) -> bool {
        self.moved_status.contains(topic_id)
    }
}

/// The groups flattened into rows, each heading on the row it starts.
fn rows(groups: Vec<Group<usize>>) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in groups {
        let mut heading = Some(group.heading);
        for (topic, list) in group.parts {
            let in_topic = topic.is_some();
            let mut topic = topic;
            for change in list {
                rows.push(Row {
                    change,
                    heading: heading.take(),
                    topic: topic.take(),
                    in_topic,
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::{Document, load};

    fn round(n: u8) -> Briefing {
        let path = format!(
            "{}/tests/fixtures/rounds/round{n}.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let document = Document::read(std::path::Path::new(&path), 1 << 20).unwrap();
        load(&document).unwrap().briefing
    }

    /// Every marked position of `new`: (party id, its text, the mark).
    fn marked<'a>(since: &'a Since, new: &'a Briefing) -> Vec<(&'a str, &'a str, &'a Mark)> {
        let mut marks = Vec::new();
        for (p, party) in new.parties.iter().enumerate() {
            for (i, position) in party.positions.iter().enumerate() {
                if let Some(mark) = since.mark(p, i) {
                    marks.push((party.id.as_str(), position.text.as_str(), mark));
                }
            }
        }
        marks
    }

    #[test]
    fn round_two_marks_a_new_a_reworded_and_a_lifted_red_line_in_place() {
        let (old, new) = (round(1), round(2));
        let since = Since::new(&old, &new);
        let changed = Mark::Changed {
            before: "Will not allow trawling inside the twelve-mile zone.".into(),
        };
        assert_eq!(
            marked(&since, &new),
            [
                (
                    "coast",
                    "Will not allow trawling inside the twelve-mile zone or near spawning grounds.",
                    &changed
                ),
                (
                    "coast",
                    "Will not accept any quota below its 2030 catch.",
                    &Mark::New
                ),
                (
                    "isle",
                    "Demands access to the northern banks for its fleet.",
                    &Mark::Lifted
                ),
            ]
        );
    }

    #[test]
    fn delegates_who_joined_and_left_are_marked_by_party() {
        let (one, two, three) = (round(1), round(2), round(3));
        let since = Since::new(&one, &two);
        let isle = two.parties.iter().position(|p| p.id == "isle").unwrap();
        let joined: Vec<&str> = (0..two.parties[isle].delegation.len())
            .filter(|&d| since.joined(isle, d))
            .map(|d| two.parties[isle].delegation[d].name.as_str())
            .collect();
        assert_eq!(joined, ["Oskar Brenn"]);
        assert!(since.departed("coast").is_empty());

        let since = Since::new(&two, &three);
        assert_eq!(since.departed("coast"), ["Tobin Ash"]);
        assert!(since.departed("isle").is_empty());
        assert!(
            (0..three.parties.len())
                .all(|p| (0..three.parties[p].delegation.len()).all(|d| !since.joined(p, d)))
        );
    }

    #[test]
    fn the_matrix_cells_and_statuses_that_moved() {
        let since = Since::new(&round(1), &round(2));
        for (party, topic) in [("coast", "zone"), ("coast", "quota"), ("isle", "zone")] {
            assert!(since.cell_moved(party, topic), "{party} {topic}");
        }
        assert!(!since.cell_moved("isle", "monitoring"));
        assert!(!since.cell_moved("coast", "monitoring"));
        assert!(since.status_moved("monitoring"));
        assert!(!since.status_moved("zone"));

        let since = Since::new(&round(2), &round(3));
        assert!(since.status_moved("quota"), "open, then narrowing");
        assert!(!since.status_moved("monitoring"));
        assert!(!since.cell_moved("coast", "zone"));
    }

    #[test]
    fn a_position_moved_between_sticking_points_moves_both_cells() {
        let old = round(1);
        let mut new = old.clone();
        let coast = new.parties.iter().position(|p| p.id == "coast").unwrap();
        let quota = (new.parties[coast].positions.iter())
            .position(|p| p.topic.as_deref() == Some("quota"))
            .unwrap();
        new.parties[coast].positions[quota].topic = Some("monitoring".into());
        let since = Since::new(&old, &new);
        assert!(since.cell_moved("coast", "quota"));
        assert!(since.cell_moved("coast", "monitoring"));
        assert!(!since.cell_moved("coast", "zone"));
    }

    #[test]
    fn the_reading_order_lists_every_change_once_grouped_as_diff_prints_them() {
        let (old, new) = (round(1), round(2));
        let since = Since::new(&old, &new);
        let mut sorted: Vec<usize> = since.rows.iter().map(|row| row.change).collect();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..since.changes.len()).collect::<Vec<_>>());
        let headings: Vec<&str> = (since.rows.iter())
            .filter_map(|row| row.heading.as_deref())
            .collect();
        assert_eq!(
            headings,
            [
                "Briefing",
                "Coastal League (coast)",
                "Isle Federation (isle)",
                "Sticking points",
                "Quotes",
                "Events"
            ]
        );
        // In the order `parley diff` prints them.
        let printed: Vec<&Change> = super::super::grouped(&since.changes, &old, &new)
            .into_iter()
            .flat_map(|group| group.parts.into_iter().flat_map(|(_, list)| list))
            .collect();
        assert_eq!(since.in_order().collect::<Vec<_>>(), printed);
        let topics: Vec<&str> = (since.rows.iter())
            .filter_map(|row| row.topic.as_deref())
            .collect();
        assert_eq!(
            topics,
            [
                "The twelve-mile zone",
                "Quota split",
                "The twelve-mile zone"
            ]
        );
    }

    #[test]
    fn a_red_line_gone_with_its_position_is_counted_for_its_party() {
        let old = round(1);
        let mut new = old.clone();
        let isle = new.parties.iter().position(|p| p.id == "isle").unwrap();
        new.parties[isle].positions.retain(|p| !p.red_line);
        let since = Since::new(&old, &new);
        assert_eq!(since.red_lines_gone("isle"), 1);
        assert_eq!(since.red_lines_gone("coast"), 0);
        // Lifted but still a position: marked in place, not gone.
        assert_eq!(Since::new(&round(1), &round(2)).red_lines_gone("isle"), 0);
    }

    #[test]
    fn a_round_against_itself_marks_nothing() {
        let round = round(2);
        let since = Since::new(&round, &round);
        assert_eq!(since, Since::default());
    }
}
