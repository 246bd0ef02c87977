//! The methods each documented path takes, so that a request with another method on a known path
//! is answered 405 with `Allow` (RFC 9110 §15.5.6), and only an unknown path gets 404.

use serde_json::Value;

/// The paths of the OpenAPI document and their methods.
#[derive(Debug, Clone, Default)]
pub struct AllowedMethods {
    paths: Vec<(Vec<Segment>, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `{name}`: any one non-empty segment.
    Parameter,
}

/// The HTTP methods a path item of the document can hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl AllowedMethods {
    /// Reads the paths and methods of the OpenAPI documents a node serves side by side. Two
    /// templates that differ only in their parameters' names (the funder's
    /// `/token/{returnId}` and `/token/{submissionToken}`) name the same paths, so their
    /// methods are taken together.
    pub fn from_documents(documents: &[&Value]) -> Self {
        let mut merged: Vec<(Vec<Segment>, [bool; METHODS.len()])> = Vec::new();
        for (path, item) in documents
            .iter()
            .filter_map(|document| document.get("paths").and_then(Value::as_object))
            .flatten()
        {
            let template = segments(path);
            let at = match merged.iter().position(|(known, _)| *known == template) {
                Some(at) => at,
                None => {
                    merged.push((template, [false; METHODS.len()]));
                    merged.len() - 1
                }
            };
            for (taken, method) in merged[at].1.iter_mut().zip(METHODS) {
                *taken |= item.get(method).is_some();
            }
        }
        let paths = merged
            .into_iter()
            .map(|(template, taken)| {
                let allow = METHODS
                    .iter()
                    .zip(taken)
                    .filter(|(_, taken)| *taken)
                    .map(|(method, _)| method.to_ascii_uppercase())
                    .collect::<Vec<_>>()
                    .join(", ");
                (template, allow)
            })
            .collect();
        Self { paths }
    }

    /// The methods `path` takes (`"GET, POST"`), if the document has it.
    pub fn of(&self, path: &str) -> Option<&str> {
        let requested: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.paths
            .iter()
            .find(|(template, _)| {
                template.len() == requested.len()
                    && template
                        .iter()
                        .zip(&requested)
                        .all(|(segment, part)| match segment {
                            Segment::Literal(literal) => literal == part,
                            Segment::Parameter => !part.is_empty(),
                        })
            })
            .map(|(_, allow)| allow.as_str())
    }
}

fn segments(template: &str) -> Vec<Segment> {
    template
        .trim_matches('/')
        .split('/')
        .map(|part| {
            if part.starts_with('{') && part.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(part.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn routes() -> AllowedMethods {
        AllowedMethods::from_documents(&[&json!({"paths": {
            "/api/v1/submissions": {"get": {}, "post": {}},
            "/api/v1/submissions/{id}": {"get": {}},
            "/api/v1/submissions/{id}/learners/{localId}": {"delete": {}},
            "/health": {"get": {}},
        }})])
    }

    #[test]
    fn a_documented_path_names_its_methods() {
        let routes = routes();
        assert_eq!(routes.of("/api/v1/submissions"), Some("GET, POST"));
        assert_eq!(routes.of("/api/v1/submissions/abc"), Some("GET"));
        assert_eq!(
            routes.of("/api/v1/submissions/abc/learners/L1"),
            Some("DELETE")
        );
        assert_eq!(routes.of("/health"), Some("GET"));
    }

    #[test]
    fn templates_differing_only_in_names_take_their_methods_together() {
        let routes = AllowedMethods::from_documents(&[&json!({"paths": {
            "/token/{returnId}": {"post": {}},
            "/token/{submissionToken}": {"delete": {}},
        }})]);
        assert_eq!(routes.of("/token/202604"), Some("POST, DELETE"));
    }

    #[test]
    fn an_undocumented_path_has_none() {
        let routes = routes();
        assert_eq!(routes.of("/api/v1/nothing"), None);
        assert_eq!(routes.of("/api/v1/submissions/abc/courses/L1"), None);
        assert_eq!(routes.of("/api/v1/submissions//learners/L1"), None);
        assert_eq!(routes.of("/"), None);
    }
}
