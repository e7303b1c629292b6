//! A JSON Schema (draft 2020-12) of briefing format 1, for editors that
//! check TOML against one as you type (taplo: VS Code's Even Better TOML,
//! Helix, Neovim). `parley schema` prints it; `docs/parley.schema.json` is
//! the same text, kept in step by a test, and a second test checks that
//! each table's properties are exactly the keys the loader reads.
//!
//! A schema sees TOML dates as strings, so it cannot tell a day written
//! unquoted from one in quotes, nor check references between tables or
//! the verbatim rule: `parley check` remains the judge.

use serde_json::{Value, json};

use crate::briefing::NAMED_COLORS;

/// The schema as pretty-printed JSON, ending in a newline.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("the schema serialises");
    text.push('\n');
    text
}

/// A pattern matching `word` in any case (`[hH][tT]...`): inline flags
/// such as `(?i)` are not in the regular expressions JSON Schema uses.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
        .collect()
}

fn schema() -> Value {
    let id_list = |what: &str| json!({ "type": "array", "items": { "$ref": "#/$defs/id" }, "description": what });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://parley.invalid/schema/briefing-format-1.json",
        "title": "parley briefing, format 1",
        "description": "A negotiation briefing: parties, delegations, positions and red lines, sticking points, verbatim quotes and their sources. Reference: docs/format.md.",
        "type": "object",
        "required": ["format", "briefing"],
        "additionalProperties": false,
        "properties": {
            "format": { "const": 1, "description": "The format's version: 1." },
            "briefing": {
                "type": "object",
                "description": "What the header shows.",
                "required": ["title", "as_of"],
                "additionalProperties": false,
                "properties": {
                    "title": { "$ref": "#/$defs/text" },
                    "summary": { "type": "string" },
                    "location": { "type": "string" },
                    "as_of": { "$ref": "#/$defs/date", "description": "What the briefing knows up to; anything later is shown as expected." },
                    "starts": { "$ref": "#/$defs/date" },
                    "ends": { "$ref": "#/$defs/date" }
                }
            },
            "sources": { "type": "array", "items": { "$ref": "#/$defs/source" } },
            "parties": { "type": "array", "items": { "$ref": "#/$defs/party" } },
            "sticking_points": { "type": "array", "items": { "$ref": "#/$defs/sticking_point" } },
            "quotes": { "type": "array", "items": { "$ref": "#/$defs/quote" } },
            "events": { "type": "array", "items": { "$ref": "#/$defs/event" } },
            "discrepancies": { "type": "array", "items": { "$ref": "#/$defs/discrepancy" } }
        },
        "$defs": {
            "id": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9_-]*$",
                "description": "A short slug: lower-case letters, digits, - and _."
            },
            "text": { "type": "string", "minLength": 1, "pattern": "\\S" },
            "date": {
                "type": "string",
                "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
                "description": "A day written unquoted (2026-01-23), a month \"2026-01\" or a year \"2026\"."
            },
            "source": {
                "type": "object",
                "required": ["id", "outlet"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "outlet": { "$ref": "#/$defs/text" },
                    "title": { "type": "string" },
                    "url": { "type": "string", "pattern": format!("^\\s*({}[sS]?://|{}:)", any_case("http"), any_case("mailto")) },
                    "published": { "$ref": "#/$defs/date" },
                    "framing": { "type": "string" },
                    "text_file": { "type": "string", "description": "The full text, relative to the briefing's folder and inside it." }
                }
            },
            "party": {
                "type": "object",
                "required": ["id", "name"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "name": { "$ref": "#/$defs/text" },
                    "short": { "type": "string" },
                    "role": { "enum": ["party", "mediator", "host", "observer"], "default": "party" },
                    "color": {
                        "type": "string",
                        "pattern": format!(
                            "^(#[0-9a-fA-F]{{6}}|{})$",
                            NAMED_COLORS.map(any_case).join("|")
                        )
                    },
                    "summary": { "type": "string" },
                    "delegation": { "type": "array", "items": { "$ref": "#/$defs/delegate" } },
                    "positions": { "type": "array", "items": { "$ref": "#/$defs/position" } }
                }
            },
            "delegate": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": false,
                "properties": {
                    "name": { "$ref": "#/$defs/text" },
                    "title": { "type": "string" },
                    "lead": { "type": "boolean", "default": false },
                    "sources": id_list("Source ids."),
                    "discrepancies": id_list("Ids of discrepancies that contest this member.")
                }
            },
            "position": {
                "type": "object",
                "required": ["text"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "text": { "$ref": "#/$defs/text" },
                    "red_line": { "type": "boolean", "default": false },
                    "basis": { "enum": ["stated", "reported", "inferred"] },
                    "quotes": id_list("Quote ids: the party's own words behind it."),
                    "topic": { "$ref": "#/$defs/id" },
                    "sources": id_list("Source ids."),
                    "discrepancies": id_list("Ids of discrepancies that contest it.")
                }
            },
            "sticking_point": {
                "type": "object",
                "required": ["id", "title"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "title": { "$ref": "#/$defs/text" },
                    "summary": { "type": "string" },
                    "status": { "enum": ["open", "narrowing", "agreed", "parked"], "default": "open" }
                }
            },
            "quote": {
                "type": "object",
                "required": ["speaker", "text", "source"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "speaker": { "$ref": "#/$defs/text" },
                    "party": { "$ref": "#/$defs/id" },
                    "text": { "$ref": "#/$defs/text", "description": "Verbatim, without the surrounding quotation marks." },
                    "source": { "$ref": "#/$defs/id" },
                    "said_on": { "$ref": "#/$defs/date" },
                    "context": { "type": "string" },
                    "topics": id_list("Sticking-point ids."),
                    "kind": { "enum": ["direct", "headline"], "default": "direct" },
                    "discrepancies": id_list("Ids of discrepancies that contest it.")
                }
            },
            "event": {
                "type": "object",
                "required": ["date", "title"],
                "additionalProperties": false,
                "properties": {
                    "date": { "$ref": "#/$defs/date" },
                    "title": { "$ref": "#/$defs/text" },
                    "detail": { "type": "string" },
                    "sources": id_list("Source ids."),
                    "discrepancies": id_list("Ids of discrepancies that contest it.")
                }
            },
            "discrepancy": {
                "type": "object",
                "required": ["subject", "accounts"],
                "additionalProperties": false,
                "properties": {
                    "id": { "$ref": "#/$defs/id" },
                    "subject": { "$ref": "#/$defs/text" },
                    "note": { "type": "string" },
                    "accounts": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "required": ["source", "says"],
                            "additionalProperties": false,
                            "properties": {
                                "source": { "$ref": "#/$defs/id" },
                                "says": { "$ref": "#/$defs/text" }
                            }
                        }
                    }
                }
            }
        }
    })
}
