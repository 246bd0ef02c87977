//! The provider-based API's document as OpenAPI 3.0, the version the funder publishes its own
//! in, so a vendor's generator configured for the funder's document reads DXP's the same way.
//! utoipa writes 3.1; the differences it uses are few and mechanical: a nullable value is
//! `type: [T, "null"]` or a `oneOf` with `{type: null}` in 3.1 and `nullable: true` in 3.0,
//! schema `examples` are an array in 3.1 and one `example` in 3.0, and a 3.0 license has no
//! SPDX `identifier`.

use serde_json::{Value, json};

/// The version written.
pub const VERSION: &str = "3.0.3";

/// Rewrites a 3.1 document utoipa made as 3.0.
pub(crate) fn downgrade(document: &mut Value) {
    if let Some(root) = document.as_object_mut() {
        root.insert("openapi".to_owned(), json!(VERSION));
        if let Some(license) = root
            .get_mut("info")
            .and_then(|info| info.get_mut("license"))
            .and_then(Value::as_object_mut)
            && let Some(identifier) = license.remove("identifier")
            && let Some(spdx) = identifier.as_str()
        {
            license.insert(
                "url".to_owned(),
                json!(format!("https://spdx.org/licenses/{spdx}.html")),
            );
        }
    }
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            downgrade_schema(schema);
        }
    }
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            walk_schemas_of_operations(item);
        }
    }
}

/// The schemas of parameters and bodies sit at known keys under each operation.
fn walk_schemas_of_operations(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "schema" {
                    downgrade_schema(child);
                } else {
                    walk_schemas_of_operations(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk_schemas_of_operations),
        _ => {}
    }
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type") == Some(&json!("null"))
}

/// Rewrites one schema and every schema inside it.
fn downgrade_schema(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = map.get("type") {
        let nullable = types.iter().any(|name| name == "null");
        let rest: Vec<Value> = types
            .iter()
            .filter(|name| *name != "null")
            .cloned()
            .collect();
        if let Some(first) = rest.first() {
            map.insert("type".to_owned(), first.clone());
        } else {
            map.remove("type");
        }
        if nullable {
            map.insert("nullable".to_owned(), json!(true));
        }
    }
    for combinator in ["oneOf", "anyOf"] {
        let Some(Value::Array(options)) = map.get_mut(combinator) else {
            continue;
        };
        let before = options.len();
        options.retain(|option| !is_null_schema(option));
        if options.len() == before {
            continue;
        }
        let options = std::mem::take(options);
        map.remove(combinator);
        map.insert("nullable".to_owned(), json!(true));
        if let [only] = options.as_slice() {
            // In 3.0 a `$ref` takes no sibling keywords, so the one option goes under allOf.
            map.insert("allOf".to_owned(), json!([only]));
        } else {
            map.insert(combinator.to_owned(), Value::Array(options));
        }
    }
    if let Some(Value::Array(examples)) = map.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        map.insert("example".to_owned(), first);
    }
    if let Some(constant) = map.remove("const") {
        map.insert("enum".to_owned(), json!([constant]));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = map.get_mut(key) {
            downgrade_schema(child);
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(downgrade_schema);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(options)) = map.get_mut(key) {
            options.iter_mut().for_each(downgrade_schema);
        }
    }
}

/// Every `type` of a document, to check none is an array (a 3.1 form) after [`downgrade`].
#[cfg(test)]
fn array_types(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(_)) = map.get("type") {
                found.push(Value::Object(map.clone()).to_string());
            }
            map.values().for_each(|child| array_types(child, found));
        }
        Value::Array(items) => items.iter().for_each(|child| array_types(child, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_values_examples_and_the_license_take_their_3_0_forms() {
        let mut document = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1", "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
            "paths": {"/x": {"get": {"parameters": [{"name": "p", "in": "query", "schema": {"type": ["integer", "null"]}}]}}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {
                    "when": {"type": ["string", "null"], "format": "date-time"},
                    "b": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/B"}]},
                    "list": {"type": "array", "items": {"type": ["string", "null"]}},
                    "fixed": {"const": "x", "examples": ["x"]}
                }},
                "B": {"type": "string"}
            }}
        });
        downgrade(&mut document);
        assert_eq!(document["openapi"], "3.0.3");
        assert_eq!(
            document["info"]["license"],
            json!({"name": "Apache-2.0", "url": "https://spdx.org/licenses/Apache-2.0.html"})
        );
        let a = &document["components"]["schemas"]["A"]["properties"];
        assert_eq!(
            a["when"],
            json!({"type": "string", "format": "date-time", "nullable": true})
        );
        assert_eq!(
            a["b"],
            json!({"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true})
        );
        assert_eq!(
            a["list"]["items"],
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(a["fixed"], json!({"enum": ["x"], "example": "x"}));
        assert_eq!(
            document["paths"]["/x"]["get"]["parameters"][0]["schema"],
            json!({"type": "integer", "nullable": true})
        );
        let mut left = Vec::new();
        array_types(&document, &mut left);
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn the_provider_based_document_has_no_3_1_form_left() {
        let document = crate::provider_based_document().expect("document");
        assert_eq!(document["openapi"], VERSION);
        let mut left = Vec::new();
        array_types(&document, &mut left);
        assert!(left.is_empty(), "{left:?}");
        assert!(
            !document.to_string().contains(r#""type":"null""#),
            "no null type is left"
        );
    }
}
