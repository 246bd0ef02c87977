//! Two versions of a commitment compared row by row: rows are matched by their number (the
//! order they were added in, or their line in an uploaded CSV), and each value that differs is
//! named, computed columns included.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::RowValues;

/// How a row differs between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RowDifference {
    /// In the later version only.
    Added,
    /// In the earlier version only.
    Removed,
    /// In both, with different values.
    Changed,
}

/// One value that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValueChange {
    pub column: String,
    /// The earlier value; `null` when it had none.
    #[schema(required = true)]
    pub from: Option<String>,
    /// The later value; `null` when it has none.
    #[schema(required = true)]
    pub to: Option<String>,
}

/// One row that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RowComparison {
    pub row: i64,
    pub difference: RowDifference,
    pub changes: Vec<ValueChange>,
}

/// The rows that differ from `earlier` to `later`, by row number; rows equal in both are left
/// out.
pub fn compare(earlier: &[(i64, RowValues)], later: &[(i64, RowValues)]) -> Vec<RowComparison> {
    let numbers: BTreeSet<i64> = earlier
        .iter()
        .chain(later)
        .map(|(number, _)| *number)
        .collect();
    let find = |rows: &[(i64, RowValues)], number: i64| {
        rows.iter()
            .find(|(n, _)| *n == number)
            .map(|(_, values)| values.clone())
    };
    numbers
        .into_iter()
        .filter_map(|number| {
            let before = find(earlier, number);
            let after = find(later, number);
            let difference = match (&before, &after) {
                (None, Some(_)) => RowDifference::Added,
                (Some(_), None) => RowDifference::Removed,
                (Some(a), Some(b)) if a != b => RowDifference::Changed,
                _ => return None,
            };
            let before = before.unwrap_or_default();
            let after = after.unwrap_or_default();
            let columns: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
            let changes = columns
                .into_iter()
                .filter(|column| before.get(*column) != after.get(*column))
                .map(|column| ValueChange {
                    column: column.clone(),
                    from: before.get(column).cloned(),
                    to: after.get(column).cloned(),
                })
                .collect();
            Some(RowComparison {
                row: number,
                difference,
                changes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: i64, pairs: &[(&str, &str)]) -> (i64, RowValues) {
        (
            number,
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn added_removed_and_changed_rows_are_named_with_their_values() {
        let earlier = [
            row(1, &[("a", "1")]),
            row(2, &[("a", "2")]),
            row(3, &[("a", "3")]),
        ];
        let later = [
            row(1, &[("a", "1")]),
            row(2, &[("a", "5"), ("b", "x")]),
            row(4, &[("a", "4")]),
        ];
        let compared = compare(&earlier, &later);
        assert_eq!(compared.len(), 3);
        assert_eq!(compared[0].row, 2);
        assert_eq!(compared[0].difference, RowDifference::Changed);
        assert_eq!(
            compared[0].changes,
            [
                ValueChange {
                    column: "a".into(),
                    from: Some("2".into()),
                    to: Some("5".into())
                },
                ValueChange {
                    column: "b".into(),
                    from: None,
                    to: Some("x".into())
                },
            ]
        );
        assert_eq!(compared[1].difference, RowDifference::Removed);
        assert_eq!(compared[2].difference, RowDifference::Added);
        assert!(compare(&earlier, &earlier).is_empty());
    }
}
