//! `parley diff` on the three-round fixture: plain, JSON and markdown
//! output, exit statuses, and a round read from a git revision.

mod common;
use common::{parley, stderr, stdout};

fn round(n: u8) -> String {
    format!(
        "{}/tests/fixtures/rounds/round{n}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn plain_output_groups_each_kind_of_move_by_party_and_sticking_point() {
    let output = parley(&["diff", &round(1), &round(2)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "\
Briefing
  ~ briefing title: \"Kelmar Strait fisheries talks, round 1\" → \"Kelmar Strait fisheries talks, round 2\"
  ~ briefing as_of: \"2031-05-10\" → \"2031-06-03\"
Coastal League (coast)
  [The twelve-mile zone]
    ~ red line changed: \"Will not allow trawling inside the twelve-mile zone.\" → \"Will not allow trawling inside the twelve-mile zone or near spawning grounds.\"
    ~ basis strengthened: reported → stated: Will not allow trawling inside the twelve-mile zone or near spawning grounds.
  [Quota split]
    + red line added: Will not accept any quota below its 2030 catch.
Isle Federation (isle)
  + delegate added: Oskar Brenn (Fleet adviser)
  [The twelve-mile zone]
    - red line lifted (still a position): Demands access to the northern banks for its fleet.
Sticking points
  ~ sticking point Monitoring at sea: narrowing → agreed
Quotes
  - quote removed: Tobin Ash: The harbour will be ready for inspections.
Events
  + event added: 2031-06-01 Second round opens
"
    );
}

#[test]
fn nothing_changed_exits_zero_with_no_output() {
    let output = parley(&["diff", &round(2), &round(2)]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

#[test]
fn json_lists_every_change_with_kind_change_party_and_before_after() {
    let output = parley(&["diff", "--json", &round(1), &round(2)]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["old"]["as_of"], "2031-05-10");
    assert_eq!(
        value["new"]["title"],
        "Kelmar Strait fisheries talks, round 2"
    );
    assert!(
        value["new"]["file"]
            .as_str()
            .unwrap()
            .ends_with("round2.toml")
    );
    let changes = value["changes"].as_array().unwrap();
    let find = |kind: &str, change: &str| {
        changes
            .iter()
            .find(|c| c["kind"] == kind && c["change"] == change)
            .unwrap_or_else(|| panic!("no {kind} {change} in {changes:#?}"))
    };
    let lifted = find("red_line", "removed");
    assert_eq!(lifted["party"], "isle");
    assert_eq!(lifted["id"], "isle-access");
    let reworded = find("red_line", "changed");
    assert_eq!(
        reworded["before"],
        "Will not allow trawling inside the twelve-mile zone."
    );
    assert_eq!(find("red_line", "added")["id"], "quota-floor");
    let basis = find("red_line", "basis");
    assert_eq!(
        (&basis["before"], &basis["after"], &basis["strengthened"]),
        (&"reported".into(), &"stated".into(), &true.into())
    );
    let status = find("sticking_point", "status");
    assert_eq!(
        (&status["before"], &status["after"]),
        (&"narrowing".into(), &"agreed".into())
    );
    assert_eq!(find("delegate", "added")["party"], "isle");
    assert_eq!(find("quote", "removed")["party"], "coast");
    assert!(find("briefing", "changed")["party"].is_null());
    assert_eq!(changes.len(), 10);
}

#[test]
fn markdown_is_a_since_last_round_section() {
    let output = parley(&["diff", "--format", "markdown", &round(2), &round(3)]);
    assert_eq!(output.status.code(), Some(1));
    let memo = stdout(&output);
    assert!(
        memo.starts_with("## Since last round\n\nCompared with "),
        "{memo}"
    );
    assert!(memo.contains("(as of 2031-06-03)."), "{memo}");
    assert!(
        memo.contains(
            "### Coastal League (coast)\n\n- `-` delegate removed: Tobin Ash (Harbour master)\n"
        ),
        "{memo}"
    );
    assert!(
        memo.contains("- `~` sticking point Quota split: open → narrowing\n"),
        "{memo}"
    );
}

#[test]
fn errors_exit_two_and_say_which_side() {
    let missing = parley(&["diff", "/no/such/round.toml", &round(1)]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("/no/such/round.toml: cannot read: no such file"),
        "{}",
        stderr(&missing)
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[briefing]\ntitle = \"x\"\n").unwrap();
    let invalid = parley(&["diff", &round(1), bad.to_str().unwrap()]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(
        stderr(&invalid).contains("missing key `as_of`"),
        "{}",
        stderr(&invalid)
    );
}

#[test]
fn a_round_is_read_from_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    git(&["init", "-q"]);
    let file = dir.path().join("talks.toml");
    std::fs::copy(round(1), &file).unwrap();
    git(&["add", "talks.toml"]);
    git(&["commit", "-qm", "round 1"]);
    std::fs::copy(round(2), &file).unwrap();

    let run = |args: &[&str]| {
        common::parley_command()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let output = run(&["diff", "HEAD:talks.toml", "talks.toml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let plain = stdout(&output);
    assert!(
        plain.contains("+ red line added: Will not accept any quota below its 2030 catch."),
        "{plain}"
    );
    // Against itself at the same revision: nothing moved.
    git(&["add", "talks.toml"]);
    git(&["commit", "-qm", "round 2"]);
    assert_eq!(
        run(&["diff", "HEAD:talks.toml", "talks.toml"])
            .status
            .code(),
        Some(0)
    );
    let gone = run(&["diff", "HEAD~5:talks.toml", "talks.toml"]);
    assert_eq!(gone.status.code(), Some(2));
    assert!(
        stderr(&gone).starts_with("HEAD~5:talks.toml: cannot read: git: "),
        "{}",
        stderr(&gone)
    );
}
