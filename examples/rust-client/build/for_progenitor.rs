//! Converts DXP's OpenAPI 3.1 document into the OpenAPI 3.0 that progenitor 0.15 reads.
//!
//! DXP publishes OpenAPI 3.1 (what utoipa generates). progenitor parses documents with the
//! `openapiv3` crate, which models 3.0 only, and it refuses any version but `3.0.x`. The
//! conversion works on the JSON value, in memory, and changes only what progenitor cannot
//! read; each step says why it is there. The schema steps visit every object of the document;
//! they change only the exact 3.1 shapes they name, which nothing else in it has.
//!
//! Not needed (each checked against progenitor 0.15.1 and openapiv3 2.2.0): `$ref` with a
//! sibling `description` (read as the bare reference), schema `examples` and the licence's
//! `identifier` (ignored), and removing `nullable` from parameters (the document's optional
//! parameters are never nullable).

use serde_json::{Map, Value, json};

/// Applies every step, in place.
pub fn convert(document: &mut Value) {
    // progenitor checks the version and accepts only 3.0.x.
    document["openapi"] = json!("3.0.3");

    for_each_object(document, &mut |object| {
        nullable_type(object);
        nullable_one_of(object);
    });

    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    without_oauth_token_endpoint(paths);
    without_multipart_operations(paths);
    for operation in paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
    {
        json_request_body_only(operation);
        plain_text_body(operation);
        problem_json_as_json(operation);
    }
}

/// The token endpoint (`POST /oauth2/access_token`) refuses in OAuth's own JSON (RFC 6749 §5.2)
/// and fails otherwise with problems: two error types, where progenitor takes one per operation
/// (it stops at `response_types.len() <= 1`). A Rust system gets its token from that endpoint
/// with an OAuth 2.0 client such as the `oauth2` crate, which reads those refusals; the
/// generated client leaves it out.
fn without_oauth_token_endpoint(paths: &mut Map<String, Value>) {
    paths.remove("/oauth2/access_token");
}

/// Documents and their files are sent as `multipart/form-data`, which progenitor 0.15 does not
/// generate (it stops at "unexpected content type"). Those operations are left out of the
/// generated client; a Rust system sends them with `reqwest::multipart` beside it, and reads
/// the documents with the generated client.
fn without_multipart_operations(paths: &mut Map<String, Value>) {
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        item.retain(|_, operation| {
            operation
                .pointer("/requestBody/content/multipart~1form-data")
                .is_none()
        });
    }
}

/// Calls `f` on every JSON object in `value`, outermost first.
fn for_each_object(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            f(object);
            object.values_mut().for_each(|v| for_each_object(v, f));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| for_each_object(v, f)),
        _ => {}
    }
}

/// `"type": ["string", "null"]` (3.1) becomes `"type": "string", "nullable": true` (3.0):
/// `openapiv3` reads `type` as a single name only.
fn nullable_type(schema: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = schema.get("type") else {
        return;
    };
    let (nulls, others): (Vec<&Value>, Vec<&Value>) = types.iter().partition(|t| *t == "null");
    let [only] = others[..] else { return };
    let only = only.clone();
    let nullable = !nulls.is_empty();
    schema.insert("type".into(), only);
    if nullable {
        schema.insert("nullable".into(), json!(true));
    }
}

/// `"oneOf": [X, {"type": "null"}]` (how 3.1 says "X or null") becomes
/// `"allOf": [X], "nullable": true`, which progenitor turns into `Option<X>`. Left alone, the
/// `null` alternative has no 3.0 meaning.
fn nullable_one_of(schema: &mut Map<String, Value>) {
    let Some(Value::Array(alternatives)) = schema.get("oneOf") else {
        return;
    };
    let is_null = |s: &Value| s.get("type") == Some(&json!("null"));
    let [a, b] = &alternatives[..] else { return };
    let other = match (is_null(a), is_null(b)) {
        (false, true) => a.clone(),
        (true, false) => b.clone(),
        _ => return,
    };
    schema.remove("oneOf");
    schema.insert("allOf".into(), json!([other]));
    schema.insert("nullable".into(), json!(true));
}

/// Record uploads accept `application/json` and `text/csv`; progenitor generates one body per
/// operation and stops (`todo!`) at a second media type. Keep the JSON one.
fn json_request_body_only(operation: &mut Value) {
    let Some(content) = operation
        .pointer_mut("/requestBody/content")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if content.len() > 1 && content.contains_key("application/json") {
        content.retain(|media_type, _| media_type == "application/json");
    }
}

/// A `text/plain` body is `{"type": "string", "format": "binary"}` in the document (bytes, as
/// 3.1 generators expect); progenitor takes a text body only as a string with no format.
/// Dropping the format keeps the meaning (raw text) and gives a method that takes the body as
/// is, sent as `text/plain`.
///
/// A `text/csv` body (the learner fees file) is offered the same way, as `text/plain`:
/// progenitor knows no other text type, and DXP reads the file whatever the body's type.
fn plain_text_body(operation: &mut Value) {
    if let Some(content) = operation
        .pointer_mut("/requestBody/content")
        .and_then(Value::as_object_mut)
        && let Some(csv) = content.remove("text/csv")
    {
        content.entry("text/plain").or_insert(csv);
    }
    if let Some(schema) = operation
        .pointer_mut("/requestBody/content/text~1plain/schema")
        .and_then(Value::as_object_mut)
    {
        schema.remove("format");
    }
}

/// Errors are `application/problem+json`; progenitor types only `application/json` responses
/// and hands anything else back as raw bytes. Naming the error body `application/json` makes
/// every error decode to `types::Problem` (the JSON is the same).
fn problem_json_as_json(operation: &mut Value) {
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for response in responses.values_mut() {
        if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut)
            && let Some(problem) = content.remove("application/problem+json")
        {
            content.entry("application/json").or_insert(problem);
        }
    }
}
