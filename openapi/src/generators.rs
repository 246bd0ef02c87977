//! What makes the document good input for client generators (progenitor, openapi-python-client,
//! openapi-typescript), applied to the document utoipa derives from the routes:
//!
//! - An optional parameter is absent, never `null`: its type loses `"null"` (a nullable header
//!   makes generators emit `Option<Option<_>>` or `Unset | None | str`).
//! - An optional request body is the schema itself with `required: false`, not `oneOf` with
//!   `null`.
//! - A text body (CSV, fixed-width) is `format: binary`, so generators take a file or bytes.
//! - A free-form JSON object says so (`additionalProperties: true`): a stored record is any
//!   object, and no generator invents an empty class for it.
//! - Every operation declares the 429 (rate limit), 503 (database unavailable) and 500 problem
//!   bodies beside its own errors, and every write the 507 of a full database.
//! - Every request and response body carries an example: the schema's own where it has one,
//!   otherwise one put together from its properties' examples, so the interactive docs and the
//!   generated clients' docs always show a realistic body.

use serde_json::{Map, Value, json};

/// Prepares a derived document (as JSON) for generators.
pub(crate) fn prepare(document: &mut Value) {
    let schemas = document
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_default();
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            mark_free_form_objects(schema);
        }
    }
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in operations.iter_mut() {
            let writes = matches!(method.as_str(), "post" | "put" | "patch" | "delete");
            prepare_operation(operation, writes, &schemas);
        }
    }
}

fn prepare_operation(operation: &mut Value, writes: bool, schemas: &Value) {
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for parameter in parameters {
            if parameter.get("required") != Some(&json!(true))
                && let Some(schema) = parameter.get_mut("schema")
            {
                drop_null_type(schema);
            }
        }
    }
    if let Some(body) = operation.get_mut("requestBody") {
        let mut optional = false;
        if let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) {
            for (media_type, entry) in content.iter_mut() {
                if let Some(schema) = non_null_alternative(&entry["schema"]) {
                    entry["schema"] = schema;
                    optional = true;
                }
                if is_text(media_type) {
                    entry["schema"]["format"] = json!("binary");
                }
                add_example(entry, schemas);
            }
        }
        if optional {
            body["required"] = json!(false);
        }
    }
    if let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    {
        responses.entry("429").or_insert_with(|| {
            problem_response(
                "Too many requests from this client: wait the `Retry-After` seconds and pace the requests",
                true,
            )
        });
        responses.entry("503").or_insert_with(|| {
            problem_response(
                "The database is unavailable (restarting, unreachable): nothing was changed; retry after the `Retry-After` seconds",
                true,
            )
        });
        if writes {
            responses.entry("507").or_insert_with(|| {
                problem_response(
                    "The database has no room to store this (its disk is full): nothing was stored; reads still work",
                    true,
                )
            });
        }
        responses.entry("500").or_insert_with(|| {
            problem_response(
                "The service failed; nothing was changed. The problem's `instance` names the request in the service's logs",
                false,
            )
        });
        for response in responses.values_mut() {
            if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
                for (media_type, entry) in content.iter_mut() {
                    if !is_text(media_type) {
                        add_example(entry, schemas);
                    }
                }
            }
        }
    }
}

/// A response with a problem body, and a `Retry-After` header when the client should retry.
fn problem_response(description: &str, retry_after: bool) -> Value {
    let mut response = json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    });
    if retry_after {
        response["headers"] = json!({"Retry-After": {
            "description": "Seconds to wait before retrying",
            "schema": {"type": "integer"}
        }});
    }
    response
}

fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/")
}

/// `type: [T, "null"]` → `type: T`.
fn drop_null_type(schema: &mut Value) {
    if let Some(types) = schema.get("type").and_then(Value::as_array) {
        let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        schema["type"] = match kept.as_slice() {
            [single] => single.clone(),
            _ => Value::Array(kept),
        };
    }
}

/// The schema `X` of `oneOf: [X, {type: null}]`, if the schema is that.
fn non_null_alternative(schema: &Value) -> Option<Value> {
    let alternatives = schema["oneOf"].as_array()?;
    let [first, second] = alternatives.as_slice() else {
        return None;
    };
    match (first["type"] == "null", second["type"] == "null") {
        (false, true) => Some(first.clone()),
        (true, false) => Some(second.clone()),
        _ => None,
    }
}

/// `{type: object}` with no properties → any object.
fn mark_free_form_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let free_form = map.get("type") == Some(&json!("object"))
                && !map.contains_key("properties")
                && !map.contains_key("additionalProperties")
                && !map.contains_key("$ref");
            if free_form {
                map.insert("additionalProperties".to_owned(), json!(true));
            }
            for value in map.values_mut() {
                mark_free_form_objects(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mark_free_form_objects),
        _ => {}
    }
}

fn add_example(entry: &mut Value, schemas: &Value) {
    if entry.get("example").is_some() || entry.get("examples").is_some() {
        return;
    }
    if let Some(example) = example_of(&entry["schema"], schemas, 0) {
        entry["example"] = example;
    }
}

/// How deep an example is built before it stops (schemas may refer to themselves).
const MAX_DEPTH: usize = 8;

/// An example of `schema`: its own, else one built from its parts.
fn example_of(schema: &Value, schemas: &Value, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    if let Some(first) = schema["examples"].as_array().and_then(|e| e.first()) {
        return Some(first.clone());
    }
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next()?;
        return example_of(&schemas[name], schemas, depth + 1);
    }
    if let Some(alternatives) = schema["oneOf"].as_array().or(schema["allOf"].as_array()) {
        return alternatives
            .iter()
            .filter(|alternative| alternative["type"] != "null")
            .find_map(|alternative| example_of(alternative, schemas, depth + 1));
    }
    if let Some(value) = schema["enum"].as_array().and_then(|values| values.first()) {
        return Some(value.clone());
    }
    let kind = match &schema["type"] {
        Value::String(kind) => kind.as_str(),
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|kind| *kind != "null")?,
        _ => return None,
    };
    match kind {
        "object" => {
            let mut object = Map::new();
            if let Some(properties) = schema["properties"].as_object() {
                for (name, property) in properties {
                    if let Some(value) = example_of(property, schemas, depth + 1) {
                        object.insert(name.clone(), value);
                    }
                }
            }
            Some(Value::Object(object))
        }
        "array" => Some(Value::Array(
            example_of(&schema["items"], schemas, depth + 1)
                .into_iter()
                .collect(),
        )),
        "string" => Some(match schema["format"].as_str() {
            Some("date-time") => json!("2026-04-20T00:00:00Z"),
            Some("date") => json!("2026-04-20"),
            _ => json!("text"),
        }),
        "integer" => Some(schema.get("minimum").cloned().unwrap_or(json!(0))),
        "number" => Some(schema.get("minimum").cloned().unwrap_or(json!(0.0))),
        "boolean" => Some(json!(false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_parameters_and_bodies_lose_null() {
        let mut document = json!({
            "components": {"schemas": {"Why": {"type": "object", "properties": {"reason": {"type": "string", "example": "duplicate"}}}}},
            "paths": {"/x": {"post": {
                "parameters": [
                    {"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": ["string", "null"]}},
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
                ],
                "requestBody": {"content": {"application/json": {"schema": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Why"}]}}}},
                "responses": {"200": {"description": "ok", "content": {"text/csv": {"schema": {"type": "string"}}}}}
            }}}
        });
        prepare(&mut document);
        let operation = &document["paths"]["/x"]["post"];
        assert_eq!(operation["parameters"][0]["schema"]["type"], "string");
        let body = &operation["requestBody"];
        assert_eq!(body["required"], false);
        assert_eq!(
            body["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Why"
        );
        assert_eq!(
            body["content"]["application/json"]["example"],
            json!({"reason": "duplicate"})
        );
        assert!(operation["responses"]["500"].is_object());
        assert!(
            operation["responses"]["200"]["content"]["text/csv"]
                .get("example")
                .is_none()
        );
    }

    #[test]
    fn text_bodies_are_binary_and_free_form_objects_say_so() {
        let mut document = json!({
            "components": {"schemas": {"Page": {"type": "object", "properties": {"results": {"type": "array", "items": {"type": "object"}}}}}},
            "paths": {"/y": {"post": {
                "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": true},
                "responses": {}
            }}}
        });
        prepare(&mut document);
        assert_eq!(
            document["paths"]["/y"]["post"]["requestBody"]["content"]["text/csv"]["schema"]["format"],
            "binary"
        );
        assert_eq!(
            document["components"]["schemas"]["Page"]["properties"]["results"]["items"]["additionalProperties"],
            true
        );
    }

    #[test]
    fn examples_are_built_from_the_parts_when_a_schema_has_none() {
        let schemas = json!({
            "Item": {"type": "object", "properties": {"code": {"type": "string", "example": "CE-021"}, "n": {"type": "integer", "minimum": 1}}},
            "List": {"type": "object", "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}, "next": {"type": ["string", "null"]}, "state": {"type": "string", "enum": ["Open", "Lodged"]}}}
        });
        let example = example_of(&json!({"$ref": "#/components/schemas/List"}), &schemas, 0);
        assert_eq!(
            example,
            Some(json!({"results": [{"code": "CE-021", "n": 1}], "next": "text", "state": "Open"}))
        );
    }
}
