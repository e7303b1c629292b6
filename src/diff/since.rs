//! The changes since a round, arranged for marking a briefing in place:
//! which of the new round's positions are new, reworded or lifted, which
//! red lines are gone altogether, who joined or left a delegation, and
//! which sticking-point cells moved. Computed once per pair of briefings.

use std::collections::{HashMap, HashSet};

use super::{Change, ChangeKind, Kind, diff, match_positions};
use crate::briefing::{Briefing, Position};

/// How one of the new round's positions moved.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A red line that was not one before (a new position, or a flag set).
    New,
    /// A red line reworded or moved; the old wording.
    Changed { before: String },
    /// Was a red line, stays as a position that is not one.
    Lifted,
}

/// One party's marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyMarks {
    /// By index into the new round's positions.
    pub positions: HashMap<usize, Mark>,
    /// Red lines of the old round whose position is gone, with their index
    /// among the old round's positions (to show them where they stood).
    pub gone: Vec<(usize, Position)>,
    /// Delegates who joined: indices into the new round's delegation.
    pub joined: HashSet<usize>,
    /// Names of delegates who left.
    pub departed: Vec<String>,
}

/// The new round against the old one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Since {
    /// Every change, in [`diff`]'s order.
    pub changes: Vec<Change>,
    /// By party id (the new round's parties, and departed ones).
    pub parties: HashMap<String, PartyMarks>,
    /// (party id, sticking point id) cells where a position moved.
    pub moved_cells: HashSet<(String, String)>,
    /// Sticking points whose status moved.
    pub moved_status: HashSet<String>,
}

impl Since {
    pub fn new(old: &Briefing, new: &Briefing) -> Since {
        let changes = diff(old, new);
        let mut parties: HashMap<String, PartyMarks> = HashMap::new();
        for party in &new.parties {
            let marks = parties.entry(party.id.clone()).or_default();
            let old_party = old.party(&party.id);
            let old_positions = old_party.map_or(&[][..], |p| &p.positions[..]);
            for (before, after) in match_positions(old_positions, &party.positions) {
                let Some(after) = after else {
                    if let Some(before) = before.filter(|p| p.red_line) {
                        let at = old_positions
                            .iter()
                            .position(|p| std::ptr::eq(p, before))
                            .unwrap_or_default();
                        marks.gone.push((at, before.clone()));
                    }
                    continue;
                };
                let index = party
                    .positions
                    .iter()
                    .position(|p| std::ptr::eq(p, after))
                    .expect("a pair's new side is one of the new positions");
                let mark = match before {
                    None if after.red_line => Some(Mark::New),
                    Some(b) if after.red_line && !b.red_line => Some(Mark::New),
                    Some(b) if b.red_line && !after.red_line => Some(Mark::Lifted),
                    Some(b)
                        if after.red_line && (b.text != after.text || b.topic != after.topic) =>
                    {
                        Some(Mark::Changed {
                            before: b.text.clone(),
                        })
                    }
                    _ => None,
                };
                if let Some(mark) = mark {
                    marks.positions.insert(index, mark);
                }
            }
            let old_names: HashSet<String> = old_party
                .map(|p| p.delegation.iter().map(|d| d.name.to_lowercase()).collect())
                .unwrap_or_default();
            let new_names: HashSet<String> = party
                .delegation
                .iter()
                .map(|d| d.name.to_lowercase())
                .collect();
            marks.joined = (party.delegation.iter().enumerate())
                .filter(|(_, d)| !old_names.contains(&d.name.to_lowercase()))
                .map(|(i, _)| i)
                .collect();
            marks.departed = old_party
                .map(|p| {
                    (p.delegation.iter())
                        .filter(|d| !new_names.contains(&d.name.to_lowercase()))
                        .map(|d| d.name.clone())
                        .collect()
                })
                .unwrap_or_default();
        }
        for party in old.parties.iter().filter(|p| new.party(&p.id).is_none()) {
            let marks = parties.entry(party.id.clone()).or_default();
            marks.gone = (party.positions.iter().enumerate())
                .filter(|(_, p)| p.red_line)
                .map(|(i, p)| (i, p.clone()))
                .collect();
            marks.departed = party.delegation.iter().map(|d| d.name.clone()).collect();
        }
        let moved_cells = (changes.iter())
            .filter(|c| matches!(c.kind, Kind::RedLine | Kind::Position))
            .filter_map(|c| Some((c.party.clone()?, c.topic.clone()?)))
            .collect();
        let moved_status = (changes.iter())
            .filter(|c| c.kind == Kind::StickingPoint && c.change == ChangeKind::Status)
            .filter_map(|c| c.id.clone())
            .collect();
        Since {
            changes,
            parties,
            moved_cells,
            moved_status,
        }
    }

    /// How a party's position (by index in the new round) moved, if it did.
    pub fn mark(&self, party: &str, position: usize) -> Option<&Mark> {
        self.parties.get(party)?.positions.get(&position)
    }
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

    #[test]
    fn round_one_to_two_marks_each_move_in_place() {
        let (old, new) = (round(1), round(2));
        let since = Since::new(&old, &new);
        let marks: Vec<(String, String, Mark)> = new
            .parties
            .iter()
            .flat_map(|party| {
                let since = &since;
                party
                    .positions
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, p)| {
                        Some((
                            party.id.clone(),
                            p.text.clone(),
                            since.mark(&party.id, i)?.clone(),
                        ))
                    })
            })
            .collect();
        let text = |party: &str, text: &str| (party.to_string(), text.to_string());
        let expected = [
            (
                text("coast", "Will not accept any quota below its 2030 catch."),
                Mark::New,
            ),
            (
                text(
                    "coast",
                    "Will not allow trawling inside the twelve-mile zone or near spawning grounds.",
                ),
                Mark::Changed {
                    before: "Will not allow trawling inside the twelve-mile zone.".into(),
                },
            ),
            (
                text(
                    "isle",
                    "Demands access to the northern banks for its fleet.",
                ),
                Mark::Lifted,
            ),
        ];
        let mut marks = marks;
        marks.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let expected: Vec<(String, String, Mark)> =
            expected.into_iter().map(|((p, t), m)| (p, t, m)).collect();
        assert_eq!(marks, expected);
        let isle = &since.parties["isle"];
        let joined: Vec<&str> = (isle.joined.iter())
            .map(|&i| new.party("isle").unwrap().delegation[i].name.as_str())
            .collect();
        assert_eq!(joined, ["Oskar Brenn"]);
        assert!(
            since
                .parties
                .values()
                .all(|p| p.gone.is_empty() && p.departed.is_empty())
        );
        let cell = |p: &str, t: &str| (p.to_string(), t.to_string());
        assert_eq!(
            since.moved_cells,
            HashSet::from([
                cell("coast", "zone"),
                cell("coast", "quota"),
                cell("isle", "zone")
            ])
        );
        assert_eq!(
            since.moved_status,
            HashSet::from(["monitoring".to_string()])
        );
    }

    #[test]
    fn a_round_against_itself_marks_nothing() {
        let round = round(2);
        let since = Since::new(&round, &round);
        assert!(since.changes.is_empty());
        assert!(since.parties.values().all(|p| p.positions.is_empty()
            && p.gone.is_empty()
            && p.joined.is_empty()
            && p.departed.is_empty()));
        assert!(since.moved_cells.is_empty() && since.moved_status.is_empty());
    }
}
