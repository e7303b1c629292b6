//! The JSON Schema of the format: in step with `parley schema` and with the
//! keys the loader reads, accepting what `check` accepts and rejecting, as
//! `check` does, what a schema can express.

mod common;
use common::{BASE, findings, with};

use serde_json::Value;

/// A TOML document as the JSON an editor's schema validator sees: dates
/// become strings.
fn as_json(text: &str) -> Value {
    fn convert(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            toml::Value::Table(table) => {
                Value::Object(table.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(toml::from_str(text).expect("valid TOML"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&parley::schema::text()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn schema_accepts(text: &str) -> bool {
    validator().is_valid(&as_json(text))
}

#[test]
fn the_shipped_file_is_the_schema_parley_prints() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/parley.schema.json"
    ))
    .unwrap();
    assert!(
        file == parley::schema::text(),
        "docs/parley.schema.json is stale: run `parley schema > docs/parley.schema.json`"
    );
}

#[test]
fn every_table_lists_exactly_the_keys_the_loader_reads() {
    // The loader names a table's keys when an unknown one has no near match.
    let keys_read = |table_text: &str, table: &str| -> Vec<String> {
        let found = findings(table_text);
        let message = found
            .iter()
            .find(|f| f.contains(&format!("in {table}; {table} takes")))
            .unwrap_or_else(|| panic!("{found:?}"));
        let mut keys: Vec<String> = message
            .split(" takes ")
            .nth(1)
            .unwrap()
            .split(", ")
            .map(|k| k.trim_matches('`').to_string())
            .collect();
        keys.sort();
        keys
    };
    let schema: Value = serde_json::from_str(&parley::schema::text()).unwrap();
    let properties = |pointer: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("{pointer}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    let unknown = "zzzqqq = 1\n";
    let cases = [
        (
            BASE.replacen(
                "title = \"Talks\"\n",
                &format!("title = \"Talks\"\n{unknown}"),
                1,
            ),
            "[briefing]",
            "/properties/briefing/properties",
        ),
        (
            BASE.replacen(
                "outlet = \"Example Wire\"\n",
                &format!("outlet = \"Example Wire\"\n{unknown}"),
                1,
            ),
            "[[sources]]",
            "/$defs/source/properties",
        ),
        (
            BASE.replacen(
                "name = \"Ukraine\"\n",
                &format!("name = \"Ukraine\"\n{unknown}"),
                1,
            ),
            "[[parties]]",
            "/$defs/party/properties",
        ),
        (
            with(&format!("[[parties.delegation]]\nname = \"A\"\n{unknown}")),
            "[[parties.delegation]]",
            "/$defs/delegate/properties",
        ),
        (
            with(unknown),
            "[[parties.positions]]",
            "/$defs/position/properties",
        ),
        (
            with(&format!(
                "[[sticking_points]]\nid = \"x\"\ntitle = \"X\"\n{unknown}"
            )),
            "[[sticking_points]]",
            "/$defs/sticking_point/properties",
        ),
        (
            with(&format!(
                "[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\n{unknown}"
            )),
            "[[quotes]]",
            "/$defs/quote/properties",
        ),
        (
            with(&format!(
                "[[events]]\ndate = 2026-01-01\ntitle = \"E\"\n{unknown}"
            )),
            "[[events]]",
            "/$defs/event/properties",
        ),
        (
            with(&format!("[[discrepancies]]\nsubject = \"S\"\n{unknown}")),
            "[[discrepancies]]",
            "/$defs/discrepancy/properties",
        ),
        (
            with(&format!(
                "[[discrepancies]]\nsubject = \"S\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"a\"\n{unknown}"
            )),
            "[[discrepancies.accounts]]",
            "/$defs/discrepancy/properties/accounts/items/properties",
        ),
        (format!("{unknown}{BASE}"), "the top level", "/properties"),
    ];
    for (text, table, pointer) in cases {
        assert_eq!(keys_read(&text, table), properties(pointer), "{table}");
    }
}

#[test]
fn it_accepts_the_shipped_briefing_and_the_fixtures() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files = vec![parley::briefing::EMBEDDED_TEXT.to_string()];
    for folder in ["briefings", "rounds"] {
        for entry in std::fs::read_dir(format!("{fixtures}/{folder}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    files.push(parley::cli::new::STARTER.to_string());
    let validator = validator();
    for text in &files {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{errors:?}\n{}",
            &text[..200.min(text.len())]
        );
    }
    assert!(files.len() >= 6);
}

#[test]
fn it_rejects_what_check_rejects_where_a_schema_can_say_so() {
    assert!(schema_accepts(BASE));
    assert!(findings(BASE).is_empty());
    let broken = [
        BASE.replacen("red_line = true", "redline = true", 1),
        BASE.replacen("format = 1", "format = 2", 1),
        BASE.replacen("red_line = true", "red_line = \"yes\"", 1),
        BASE.replacen("basis = \"reported\"", "basis = \"said\"", 1),
        BASE.replacen("id = \"s1\"", "id = \"S 1\"", 1),
        BASE.replacen("title = \"Talks\"", "title = \"\"", 1),
        BASE.replacen("title = \"Talks\"\n", "", 1),
        with("[[sticking_points]]\nid = \"x\"\ntitle = \"X\"\nstatus = \"closed\"\n"),
        with("[[events]]\ndate = \"2025-8\"\ntitle = \"E\"\nsources = [\"s1\"]\n"),
        with("[[events]]\ndate = \"Aug 2025\"\ntitle = \"E\"\nsources = [\"s1\"]\n"),
        with("[[quotes]]\nspeaker = \"A\"\ntext = \"x\"\nsource = \"s1\"\nkind = \"caption\"\n"),
        with(
            "[[discrepancies]]\nsubject = \"S\"\n[[discrepancies.accounts]]\nsource = \"s1\"\nsays = \"a\"\n",
        ),
        BASE.replacen(
            "name = \"Ukraine\"",
            "name = \"Ukraine\"\ncolor = \"#12345\"",
            1,
        ),
    ];
    for text in &broken {
        let check = findings(text);
        assert!(
            check.iter().any(|f| f.contains(": error: ")),
            "check accepts:\n{text}"
        );
        assert!(
            !schema_accepts(text),
            "the schema accepts what check rejects ({check:?}):\n{text}"
        );
    }
    // And what both accept.
    for text in [
        BASE.replacen(
            "name = \"Ukraine\"",
            "name = \"Ukraine\"\ncolor = \"LightBlue\"",
            1,
        ),
        with("[[events]]\ndate = \"2014\"\ntitle = \"E\"\nsources = [\"s1\"]\n"),
        BASE.replacen(
            "outlet = \"Example Wire\"",
            "outlet = \"Example Wire\"\nurl = \"HTTPS://example.org\"",
            1,
        ),
    ] {
        assert!(
            findings(&text).iter().all(|f| !f.contains(": error: ")),
            "{text}"
        );
        assert!(schema_accepts(&text), "{text}");
    }
}
