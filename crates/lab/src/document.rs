//! Versioned JSON documents: every JSON file or output of the lab is one object carrying
//! `"schema"` ([`JSON_SCHEMA`]) and `"kind"` beside its body's fields (docs/output.md).

use serde::Serialize;

/// Version of the JSON output schema; bumped on any incompatible change (see docs/output.md).
pub const JSON_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    schema: u32,
    kind: &'a str,
    #[serde(flatten)]
    body: &'a T,
}

/// Renders `body` as a pretty JSON document of `kind`, with a final newline.
pub fn render<T: Serialize>(kind: &str, body: &T) -> String {
    let mut s = serde_json::to_string_pretty(&Envelope { schema: JSON_SCHEMA, kind, body })
        .unwrap_or_else(|e| format!("{{\"schema\":{JSON_SCHEMA},\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_envelope_comes_first_and_the_body_is_flattened() {
        #[derive(serde::Serialize)]
        struct Body {
            x: u32,
        }
        assert_eq!(super::render("k", &Body { x: 3 }), "{\n  \"schema\": 1,\n  \"kind\": \"k\",\n  \"x\": 3\n}\n");
    }
}
