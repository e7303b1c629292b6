//! Properties of `diff`: a briefing compared with itself has no changes,
//! and flipping one red-line flag is always seen.

use parley::briefing::*;
use parley::diff::{Kind, diff};
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "land", "sea", "never", "the", "valley", "quota", "fleet", "north",
        ]),
        1..8,
    )
    .prop_map(|w| w.join(" "))
}

/// Briefings of one to three parties with random positions: ids or not,
/// red lines or not, on random sticking points.
fn briefing() -> impl Strategy<Value = Briefing> {
    prop::collection::vec(
        prop::collection::vec((words(), any::<bool>(), 0usize..3, any::<bool>()), 0..6),
        1..4,
    )
    .prop_map(|parties| {
        let text = |mut t: String| {
            t.push_str(" source text");
            t
        };
        let mut toml = String::from(
            "format = 1\n[briefing]\ntitle = \"T\"\nas_of = 2031-01-01\n[[sources]]\nid = \"s\"\noutlet = \"W\"\n",
        );
        for topic in ["a", "b", "c"] {
            toml.push_str(&format!("[[sticking_points]]\nid = \"{topic}\"\ntitle = \"{topic}\"\n"));
        }
        for (p, positions) in parties.iter().enumerate() {
            toml.push_str(&format!("[[parties]]\nid = \"p{p}\"\nname = \"P{p}\"\nrole = \"mediator\"\n"));
            for (i, (words, red_line, topic, with_id)) in positions.iter().enumerate() {
                if *with_id {
                    toml.push_str(&format!("[[parties.positions]]\nid = \"x{i}\"\n"));
                } else {
                    toml.push_str("[[parties.positions]]\n");
                }
                toml.push_str(&format!(
                    "text = \"{}\"\nred_line = {red_line}\nbasis = \"reported\"\ntopic = \"{}\"\nsources = [\"s\"]\n",
                    text(words.clone()),
                    ["a", "b", "c"][*topic]
                ));
            }
        }
        let document = Document {
            name: "p.toml".into(),
            text: toml,
            dir: None,
        };
        load(&document).expect("generated briefings are valid").briefing
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_briefing_compared_with_itself_has_no_changes(b in briefing()) {
        prop_assert_eq!(diff(&b, &b), Vec::new());
    }

    #[test]
    fn flipping_one_red_line_flag_is_always_seen(b in briefing(), pick in any::<prop::sample::Index>()) {
        let positions: Vec<(usize, usize)> = b
            .parties
            .iter()
            .enumerate()
            .flat_map(|(p, party)| (0..party.positions.len()).map(move |i| (p, i)))
            .collect();
        prop_assume!(!positions.is_empty());
        let (p, i) = positions[pick.index(positions.len())];
        let mut flipped = b.clone();
        let position = &mut flipped.parties[p].positions[i];
        position.red_line = !position.red_line;
        let changes = diff(&b, &flipped);
        prop_assert!(!changes.is_empty());
        prop_assert!(changes.iter().any(|c| c.kind == Kind::RedLine), "{:?}", changes);
    }
}
