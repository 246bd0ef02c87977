//! The rules of reading a file into records, each with a stable code: what a file can get wrong
//! that JSON cannot, such as a date not written DD/MM/YYYY or a line of the wrong length.
//! `CSV-…` rules are the DXP CSV reader's, `TXT-…` the legacy STEO fixed-width reader's (both in
//! the `dxp-formats` crate, which names these rules in its problems). The records a file gives
//! are then checked by the rules of their file like any others.

use super::Severity;
use super::rule::{Rule, Scope};

pub const CSV_001: Rule = Rule::of_process(
    "CSV-001",
    Scope::CsvFile,
    "*",
    Severity::Error,
    "Each value is in its column's format: numbers as plain decimals (no thousands \
     separators or currency signs, e.g. 0.1167), whole numbers as digits, dates as \
     DD/MM/YYYY and a real calendar date, flags as Y or N; a column of several \
     values separates them with ';', each in that format. A value that is not is \
     left out of the record.",
);

pub const CSV_002: Rule = Rule::of_process(
    "CSV-002",
    Scope::CsvFile,
    "*",
    Severity::Error,
    "The header row (the first row of column titles) has a column for every field \
     the record requires. A column is found by its Data Specification title (e.g. \
     'Course Start Date') or its API name ('courseStartDate'), whatever the case. \
     A missing column stops the whole file from being read. Local ID is not \
     required: rows without one get row-<line number>.",
);

pub const CSV_003: Rule = Rule::of_process(
    "CSV-003",
    Scope::CsvFile,
    "",
    Severity::Warning,
    "Every column of the header row is a field of the file (or Provider Code). A \
     column that is not is ignored, and reported once for the file.",
);

pub const CSV_004: Rule = Rule::of_process(
    "CSV-004",
    Scope::CsvFile,
    "",
    Severity::Error,
    "Each row has as many values as the header row has columns. A different count \
     usually means a value containing a comma was not enclosed in double quotes, \
     which shifts every later value into the wrong column.",
);

pub const CSV_005: Rule = Rule::of_process(
    "CSV-005",
    Scope::CsvFile,
    "*",
    Severity::Error,
    "The file is UTF-8 text (in Excel, save as 'CSV UTF-8'), so that macrons \
     (Māori) survive. A value that is not UTF-8 is left out of the record.",
);

pub const CSV_006: Rule = Rule::of_process(
    "CSV-006",
    Scope::CsvFile,
    "*",
    Severity::Error,
    "Each field has at most one column in the header row. Two columns for the same \
     field stop the whole file from being read.",
);

pub const CSV_007: Rule = Rule::of_process(
    "CSV-007",
    Scope::CsvFile,
    "",
    Severity::Error,
    "The file starts with a header row of column titles. An empty file cannot be \
     read.",
);

pub const CSV_008: Rule = Rule::of_process(
    "CSV-008",
    Scope::CsvFile,
    "",
    Severity::Error,
    "When the file has a Provider Code column, every row's Provider Code is the \
     EDUMIS number of the organisation submitting the file.",
);

pub const TXT_001: Rule = Rule::of_process(
    "TXT-001",
    Scope::LegacyFile,
    "",
    Severity::Error,
    "Each line of a legacy STEO file has its layout's length: STUD 116, COUR 186, \
     CREG 148, QUAL 50, COMP 65 characters. Fields are still read from their \
     positions; a short line is read as if padded with blanks.",
);

pub const TXT_002: Rule = Rule::of_process(
    "TXT-002",
    Scope::LegacyFile,
    "",
    Severity::Error,
    "Each line of a legacy STEO file starts with the Provider Code (positions 1–4) \
     of the organisation submitting the file.",
);

pub const TXT_003: Rule = Rule::of_process(
    "TXT-003",
    Scope::LegacyFile,
    "*",
    Severity::Error,
    "Each value of a legacy STEO line is in its slot's format: dates DDMMYYYY, \
     numbers as digits (right-justified, blank-padded), flags Y or N (1 or 2 for \
     yes or no). A value that is not is left out of the record.",
);

/// The rules of reading a DXP CSV file, in code order.
pub static CSV_RULES: [&Rule; 8] = [
    &CSV_001, &CSV_002, &CSV_003, &CSV_004, &CSV_005, &CSV_006, &CSV_007, &CSV_008,
];

/// The rules of reading a legacy STEO file, in code order.
pub static LEGACY_RULES: [&Rule; 3] = [&TXT_001, &TXT_002, &TXT_003];
