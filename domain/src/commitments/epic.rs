//! The EPIC's pre-populated rows (§5): for each EPIC type, learner ethnicity and NZQCF level
//! band, a row whose Year 1–3 values the organisation enters. The funder's own list of
//! measures is longer and not public; DXP provisions the two §5 names as examples (expected
//! graduates, a number; participation, a percentage) for the four level bands of §6.1 and the
//! three ethnicity groups, with learner age "All".

use super::RowValues;

/// A row measured as a count of learners.
pub const NUMBER: &str = "number";
/// A row measured as a share of EFTS, in percent.
pub const PERCENTAGE: &str = "percentage";

/// The EPIC types provisioned, with their measure and how a row's description reads.
const TYPES: [(&str, &str, &str); 2] = [
    (
        "Expected Graduates",
        NUMBER,
        "Expected number of {group} graduates at level {band}",
    ),
    (
        "Participation",
        PERCENTAGE,
        "Proportion of level {band} DQ EFTS enrolled at the TEO who are {group}",
    ),
];

/// The learner ethnicity groups.
pub const ETHNICITIES: [&str; 3] = ["Māori", "Pasifika", "non-Māori non-Pasifika"];

/// The NZQCF level bands of the provider-based EPIs (§6.1).
pub const LEVEL_BANDS: [&str; 4] = ["1-3", "4-7 non-degree", "7 degree", "8-10"];

/// The rows an EPIC is provisioned with, numbered from 1.
pub fn prepopulated_rows() -> Vec<(i64, RowValues)> {
    let mut rows = Vec::new();
    for (epic_type, measure, pattern) in TYPES {
        for ethnicity in ETHNICITIES {
            for band in LEVEL_BANDS {
                let description = pattern
                    .replace("{group}", ethnicity)
                    .replace("{band}", band);
                let values: RowValues = [
                    ("epicType", epic_type),
                    ("description", description.as_str()),
                    ("learnerAge", "All"),
                    ("learnerEthnicity", ethnicity),
                    ("levelBand", band),
                    ("measure", measure),
                ]
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect();
                rows.push((i64::try_from(rows.len()).unwrap_or(i64::MAX) + 1, values));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitments::Template;

    #[test]
    fn every_row_has_each_pre_populated_column_and_no_year_values() {
        let rows = prepopulated_rows();
        assert_eq!(
            rows.len(),
            TYPES.len() * ETHNICITIES.len() * LEVEL_BANDS.len()
        );
        for (number, values) in &rows {
            assert!(*number >= 1);
            for column in Template::Epic.columns() {
                let fixed = column.kind == crate::commitments::ColumnKind::Fixed;
                assert_eq!(values.contains_key(column.name), fixed, "{}", column.name);
            }
        }
        assert_eq!(
            rows[0].1["description"],
            "Expected number of Māori graduates at level 1-3"
        );
    }
}
