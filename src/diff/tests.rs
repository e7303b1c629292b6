use super::*;
use crate::briefing::{Document, load};

fn briefing(text: &str) -> Briefing {
    let document = Document {
        name: "t.toml".into(),
        text: text.into(),
        dir: None,
    };
    match load(&document) {
        Ok(loaded) => loaded.briefing,
        Err(invalid) => panic!("{}", invalid.render(&document)),
    }
}

const HEAD: &str = r#"format = 1
[briefing]
title = "T"
as_of = 2031-03-01
[[sources]]
id = "s"
outlet = "Wire"
[[sticking_points]]
id = "land"
title = "Land"
[[sticking_points]]
id = "water"
title = "Water"
[[parties]]
id = "a"
name = "Alpha"
"#;

/// A briefing whose party `a` holds these positions, each
/// `(text, red_line, topic, basis)`.
fn with_positions(positions: &[(&str, bool, &str, &str)]) -> Briefing {
    let mut text = HEAD.to_string();
    for (words, red_line, topic, basis) in positions {
        text.push_str(&format!(
            "[[parties.positions]]\ntext = \"{words}\"\nred_line = {red_line}\ntopic = \"{topic}\"\nbasis = \"{basis}\"\nsources = [\"s\"]\n"
        ));
    }
    briefing(&text)
}

fn summary(changes: &[Change]) -> Vec<(Kind, ChangeKind)> {
    changes.iter().map(|c| (c.kind, c.change)).collect()
}

#[test]
fn the_same_briefing_has_no_changes() {
    let b = with_positions(&[("Keeps the valley.", true, "land", "reported")]);
    assert_eq!(diff(&b, &b), Vec::new());
}

#[test]
fn a_reworded_red_line_is_changed_not_removed_and_added() {
    let old = with_positions(&[(
        "Will not give up the northern valley.",
        true,
        "land",
        "reported",
    )]);
    let new = with_positions(&[(
        "Will never give up the northern valley or its farms.",
        true,
        "land",
        "reported",
    )]);
    let changes = diff(&old, &new);
    assert_eq!(summary(&changes), [(Kind::RedLine, ChangeKind::Changed)]);
    assert_eq!(
        changes[0].before.as_deref(),
        Some("Will not give up the northern valley.")
    );
    assert_eq!(
        changes[0].after.as_deref(),
        Some("Will never give up the northern valley or its farms.")
    );
    assert_eq!(changes[0].party.as_deref(), Some("a"));
}

#[test]
fn unrelated_wording_is_removed_and_added() {
    let old = with_positions(&[(
        "Will not give up the northern valley.",
        true,
        "land",
        "reported",
    )]);
    let new = with_positions(&[("Demands a share of the river.", true, "land", "reported")]);
    assert_eq!(
        summary(&diff(&old, &new)),
        [
            (Kind::RedLine, ChangeKind::Added),
            (Kind::RedLine, ChangeKind::Removed)
        ]
    );
}

#[test]
fn a_position_moved_between_sticking_points_is_matched() {
    let old = with_positions(&[(
        "Wants the dam shared by both sides.",
        false,
        "land",
        "reported",
    )]);
    let new = with_positions(&[(
        "Wants the dam shared by both sides.",
        false,
        "water",
        "reported",
    )]);
    let changes = diff(&old, &new);
    assert_eq!(summary(&changes), [(Kind::Position, ChangeKind::Changed)]);
    assert!(
        changes[0].subject.contains("moved from land to water"),
        "{:?}",
        changes[0]
    );
    assert_eq!(changes[0].topic.as_deref(), Some("water"));
}

#[test]
fn a_red_line_lifted_or_drawn_keeps_the_position() {
    let drawn = with_positions(&[("Keeps the valley.", true, "land", "reported")]);
    let plain = with_positions(&[("Keeps the valley.", false, "land", "reported")]);
    assert_eq!(
        summary(&diff(&drawn, &plain)),
        [(Kind::RedLine, ChangeKind::Removed)]
    );
    assert_eq!(
        summary(&diff(&plain, &drawn)),
        [(Kind::RedLine, ChangeKind::Added)]
    );
    let gone = with_positions(&[]);
    assert_eq!(
        summary(&diff(&drawn, &gone)),
        [(Kind::RedLine, ChangeKind::Removed)]
    );
    assert_eq!(
        summary(&diff(&plain, &gone)),
        [(Kind::Position, ChangeKind::Removed)]
    );
}

#[test]
fn a_basis_moving_towards_the_partys_words_is_a_strengthening() {
    let reported = with_positions(&[("Keeps the valley.", true, "land", "reported")]);
    let inferred = with_positions(&[("Keeps the valley.", true, "land", "inferred")]);
    let changes = diff(&inferred, &reported);
    assert_eq!(summary(&changes), [(Kind::RedLine, ChangeKind::Basis)]);
    assert_eq!(changes[0].strengthened, Some(true));
    assert_eq!(
        (changes[0].before.as_deref(), changes[0].after.as_deref()),
        (Some("inferred"), Some("reported"))
    );
    assert_eq!(diff(&reported, &inferred)[0].strengthened, Some(false));
}

#[test]
fn positions_with_different_ids_are_never_matched_by_wording() {
    let text = |id: &str| {
        briefing(&format!(
            "{HEAD}[[parties.positions]]\nid = \"{id}\"\ntext = \"Keeps the valley.\"\nsources = [\"s\"]\n"
        ))
    };
    assert_eq!(
        summary(&diff(&text("one"), &text("two"))),
        [
            (Kind::Position, ChangeKind::Added),
            (Kind::Position, ChangeKind::Removed)
        ]
    );
    // And the same id is matched however the wording changed.
    let old = text("one");
    let mut new = text("one");
    new.parties[0].positions[0].text = "Something else entirely.".into();
    assert_eq!(
        summary(&diff(&old, &new)),
        [(Kind::Position, ChangeKind::Changed)]
    );
}

#[test]
fn best_pairs_are_matched_first() {
    let old = with_positions(&[
        ("Wants the river shared.", false, "water", "reported"),
        (
            "Wants the river shared equally by season.",
            false,
            "water",
            "reported",
        ),
    ]);
    let new = with_positions(&[(
        "Wants the river shared equally by the season.",
        false,
        "water",
        "reported",
    )]);
    let changes = diff(&old, &new);
    assert_eq!(
        summary(&changes),
        [
            (Kind::Position, ChangeKind::Changed),
            (Kind::Position, ChangeKind::Removed)
        ]
    );
    assert_eq!(
        changes[0].before.as_deref(),
        Some("Wants the river shared equally by season.")
    );
    assert_eq!(
        changes[1].before.as_deref(),
        Some("Wants the river shared.")
    );
}

#[test]
fn delegates_statuses_quotes_and_the_briefing_are_compared() {
    let old = briefing(&format!(
        "{HEAD}[[parties.delegation]]\nname = \"Ann Ode\"\nlead = true\nsources = [\"s\"]\n\
         [[parties.delegation]]\nname = \"Bo Ray\"\nsources = [\"s\"]\n\
         [[quotes]]\nspeaker = \"Ann Ode\"\ntext = \"Never.\"\nsource = \"s\"\n"
    ));
    let new_text = format!(
        "{}[[parties.delegation]]\nname = \"Ann Ode\"\ntitle = \"Envoy\"\nsources = [\"s\"]\n\
         [[parties.delegation]]\nname = \"Cy Lund\"\nsources = [\"s\"]\n",
        HEAD.replace("as_of = 2031-03-01", "as_of = 2031-04-01")
            .replace(
                "id = \"water\"\ntitle = \"Water\"",
                "id = \"water\"\ntitle = \"Water\"\nstatus = \"agreed\""
            )
    );
    let changes = diff(&old, &briefing(&new_text));
    assert_eq!(
        summary(&changes),
        [
            (Kind::Briefing, ChangeKind::Changed),
            (Kind::Delegate, ChangeKind::Changed),
            (Kind::Delegate, ChangeKind::Changed),
            (Kind::Delegate, ChangeKind::Added),
            (Kind::Delegate, ChangeKind::Removed),
            (Kind::StickingPoint, ChangeKind::Status),
            (Kind::Quote, ChangeKind::Removed),
        ]
    );
    assert_eq!(changes[0].after.as_deref(), Some("2031-04-01"));
    assert_eq!(
        (changes[1].before.as_deref(), changes[1].after.as_deref()),
        (Some("no title"), Some("Envoy"))
    );
    assert_eq!(
        (changes[2].before.as_deref(), changes[2].after.as_deref()),
        (Some("lead"), Some("member"))
    );
    assert_eq!(changes[3].subject, "Cy Lund");
    assert_eq!(changes[4].subject, "Bo Ray");
    assert_eq!(
        (changes[5].before.as_deref(), changes[5].after.as_deref()),
        (Some("open"), Some("agreed"))
    );
}
