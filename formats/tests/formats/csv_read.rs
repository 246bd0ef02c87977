//! Reading DXP CSV files: header mapping, value conversion, problems with row and column.

use dxp_domain::{SdrFile, Severity, check_file};
use dxp_formats::csv::CsvError;
use dxp_formats::{CsvRecords, merge_problems};
use serde_json::json;

use crate::support::{edumis, json, read_rows, summary};

/// The header an SMS writes for a Course Enrolment file: Provider Code first, no Local ID, the
/// vendor's "Apprenticeship" title.
const ENRL_HEADER: &str = "Provider Code,Student Identification Code,Qualification Code,\
Course Code,Course Start Date,Course End Date,Student Course Withdrawal Date,\
Category of Fees Assessment for International Students for each enrolment,\
Intramural or Extramural Attendance,Course Delivery Site,Source of Funding,Residential Status,\
Australian Residential Status,Funding Category,Course Classification,NZSCED Field of Study,\
Course EFTS Factor,EFTS by Month,National Student Number,Consortium,ITE Sector,ITE Subject,\
Apprenticeship,Secondary School Programme Indicator,Actual Course Fee";

/// A Course Enrolment file as an SMS exports it: byte-order mark, CRLF line ends, a quoted ITE
/// subject with a comma and a macron.
fn enrl_sample() -> String {
    [
        format!("\u{feff}{ENRL_HEADER}"),
        "6004,S2601234,PC4001,ECON112,23/02/2026,26/06/2026,,00,1,01,01,N,N,A2,13.1,091901,\
         0.125,0.025;0.025;0.025;0.025;0.025,123456789,,,,N,N,1043.50"
            .to_owned(),
        "6004,S2605678,ED7001,TEPS301,2/3/2026,30/10/2026,,00,1,01,01,N,N,B1,13.1,070105,\
         0.1167,0.0145;0.0145;0.0145;0.0145;0.0145;0.0145;0.0145;0.0152,987654321,,3,\
         \"Te Reo Māori; Mathematics, Statistics\",N,N,850"
            .to_owned(),
    ]
    .join("\r\n")
        + "\r\n"
}

#[test]
fn a_dxp_file_becomes_api_records() {
    let rows = read_rows(SdrFile::CourseEnrolments, &enrl_sample());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].local_id, "row-2");
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-2",
            "studentIdentificationCode": "S2601234",
            "qualificationCode": "PC4001",
            "courseCode": "ECON112",
            "courseStartDate": "2026-02-23",
            "courseEndDate": "2026-06-26",
            "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment": "00",
            "intramuralExtramuralAttendance": 1,
            "courseDeliverySite": "01",
            "sourceOfFunding": "01",
            "residentialStatus": "N",
            "australianResidentialStatus": false,
            "fundingCategory": "A2",
            "courseClassification": 13.1,
            "nzscedFieldOfStudy": "091901",
            "courseEftsFactor": 0.125,
            "eftsByMonth": [0.025, 0.025, 0.025, 0.025, 0.025],
            "nationalStudentNumber": 123456789,
            "apprenticeships": false,
            "secondarySchoolProgrammeIndicator": "N",
            "actualCourseFee": 1043.5
        })
    );
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);

    let second = json(&rows[1]);
    assert_eq!(second["courseStartDate"], "2026-03-02");
    assert_eq!(
        second["iteSubject"],
        json!(["Te Reo Māori", "Mathematics, Statistics"])
    );
    assert_eq!(second["iteSector"], 3);
    // The text's digits are kept: 0.1167 is not 0.11670000000000001.
    assert!(rows[1].json.contains("\"courseEftsFactor\":0.1167"));
    assert!(rows[1].problems.is_empty(), "{:?}", rows[1].problems);
}

#[test]
fn converted_rows_are_validated_by_the_domain_like_api_records() {
    let rows = read_rows(SdrFile::CourseEnrolments, &enrl_sample());
    let report = check_file(
        SdrFile::CourseEnrolments,
        rows.iter().map(|row| row.json.as_str()),
    );
    let errors: Vec<_> = report
        .problems()
        .filter(|problem| problem.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn each_bad_cell_is_one_problem_naming_row_column_and_value() {
    let text = [
        ENRL_HEADER,
        // Line 2: a date that is not a real date, an NSN with a letter.
        "6004,S2601234,PC4001,ECON112,31/02/2026,26/06/2026,,00,1,01,01,N,N,A2,13.1,091901,\
         0.125,0.025;0.025;0.025;0.025;0.025,12345678X,,,,N,N,1043.50",
        // Line 3: a month value that is not a number, a flag that is not Y/N, a fee with a
        // thousands separator (quoted, so the row keeps its columns).
        "6004,S2601235,PC4001,ECON112,23/02/2026,26/06/2026,,00,1,01,01,N,Maybe,A2,13.1,091901,\
         0.125,0.025;abc;0.025;0.025;0.025,123456780,,,,N,N,\"1,043.50\"",
    ]
    .join("\n");
    let rows = read_rows(SdrFile::CourseEnrolments, &text);
    assert_eq!(
        summary(&rows[0].problems),
        [
            (2, "courseStartDate".into(), "CSV-001".into()),
            (2, "nationalStudentNumber".into(), "CSV-001".into()),
        ]
    );
    assert_eq!(
        rows[0].problems[0].message,
        "row 2, column 'Course Start Date': '31/02/2026' is not a real calendar date; expected \
         DD/MM/YYYY, such as 23/02/2026"
    );
    assert_eq!(
        rows[0].problems[1].message,
        "row 2, column 'National Student Number': '12345678X' is not a number; expected a whole \
         number written in digits, such as 12"
    );
    assert_eq!(rows[0].problems[0].local_id.as_deref(), Some("row-2"));
    assert_eq!(
        summary(&rows[1].problems),
        [
            (3, "australianResidentialStatus".into(), "CSV-001".into()),
            (3, "eftsByMonth".into(), "CSV-001".into()),
            (3, "actualCourseFee".into(), "CSV-001".into()),
        ]
    );
    assert_eq!(
        rows[1].problems[1].message,
        "row 3, column 'EFTS by Month': '0.025;abc;0.025;0.025;0.025' has value 2, 'abc', that is \
         not a number; expected a plain decimal number, such as 0.1167 or 1043.50, without \
         thousands separators"
    );
    assert!(rows[1].problems[2].message.contains("'1,043.50'"));

    // The bad values are left out, so the domain sees those fields missing; merged, each bad
    // cell is still one problem, and the domain's problems carry the line number.
    let report = check_file(
        SdrFile::CourseEnrolments,
        rows.iter().map(|row| row.json.as_str()),
    );
    for (row, record) in rows.iter().zip(report.records) {
        let merged = merge_problems(row.row, row.problems.clone(), record.problems);
        for bad in &row.problems {
            let on_field: Vec<_> = merged
                .iter()
                .filter(|problem| problem.field == bad.field)
                .collect();
            assert_eq!(on_field.len(), 1, "{on_field:#?}");
        }
        assert!(merged.iter().all(|problem| problem.index == row.row));
    }
}

#[test]
fn a_local_id_column_is_used_and_blank_ids_are_generated() {
    let text = "Local ID,Course Code,Course Title,Qualification Code,Course Classification,\
                NZSCED Field of Study,Level on NZQCF,Credit,Funding Category,Course EFTS Factor\n\
                C-1,MAOR101,\"Te Reo Māori: Level 4, Part 1\",NC4001,13.1,091901,4,15,A2,0.125\n\
                \n\
                ,MAOR102,\"He kōrero\nmō te reo\",NC4001,13.1,091901,4,15,A2,0.125\n\
                ,MAOR103,Tikanga,NC4001,13.1,091901,4,15,A2,0.125\n\
                ,,,,,,,,,\n";
    let rows = read_rows(SdrFile::Courses, text);
    assert_eq!(
        rows.len(),
        3,
        "the blank line and the row of empty values are skipped"
    );
    assert_eq!(
        rows.iter()
            .map(|row| (row.row, row.local_id.as_str()))
            .collect::<Vec<_>>(),
        [(2, "C-1"), (4, "row-4"), (6, "row-6")],
        "a quoted line break makes the next row start two lines down"
    );
    assert_eq!(
        json(&rows[0])["courseTitle"],
        "Te Reo Māori: Level 4, Part 1"
    );
    assert_eq!(json(&rows[1])["courseTitle"], "He kōrero\nmō te reo");
    assert_eq!(json(&rows[0])["levelOnNzqcf"], 4);
    assert!(rows.iter().all(|row| row.problems.is_empty()));
}

#[test]
fn titles_may_be_api_names_in_any_case() {
    let text = "courseCode, COURSE TITLE ,qualificationcode,Course Classification,\
                NZSCED Field of Study,Level on NZQCF,Credit,Funding Category,courseEftsFactor\n\
                ECON112,Economics,BC7001,13.1,091901,7,15,A2,0.125\n";
    let rows = read_rows(SdrFile::Courses, text);
    assert_eq!(json(&rows[0])["courseTitle"], "Economics");
    assert_eq!(json(&rows[0])["qualificationCode"], "BC7001");
}

#[test]
fn a_missing_required_column_stops_the_file_naming_the_column() {
    let text = "Student Identification Code,Course Code,Course Start Date,\
                Student Course Completion Indicator,National Student Number\n\
                S1,ECON112,23/02/2026,2,123456789\n";
    let Err(error) = CsvRecords::new(SdrFile::CourseCompletions, text.as_bytes()) else {
        panic!("the file lacks Course End Date");
    };
    assert!(
        matches!(&error, CsvError::MissingColumns { titles, .. } if titles == &["Course End Date"])
    );
    assert_eq!(
        error.to_string(),
        "the header row (line 1) has no column for 'Course End Date'; a COURCOMP file needs a \
         column titled with each required field's title or API name"
    );
    let problems = error.problems();
    assert_eq!(
        summary(&problems),
        [(1, "courseEndDate".into(), "CSV-002".into())]
    );
}

#[test]
fn unknown_columns_are_noted_once_and_ignored() {
    let text = "Student Identification Code,National Student Number,Qualification Code,\
                Year Requirements Met,Main Subject 1,\n\
                S1,123456789,BC7001,2025,ECON,\n\
                S2,123456780,BC7001,2025,ACCT,\n";
    let records = CsvRecords::new(SdrFile::QualificationCompletions, text.as_bytes()).unwrap();
    let notes = records.notes().to_vec();
    assert_eq!(
        summary(&notes),
        [
            (1, "".into(), "CSV-003".into()),
            (1, "".into(), "CSV-003".into())
        ]
    );
    assert!(notes.iter().all(|note| note.severity == Severity::Warning));
    assert_eq!(
        notes[0].message,
        "column 5 of the header row, 'Main Subject 1', is not a field of the QUALCOMP file; its \
         values are ignored"
    );
    let rows: Vec<_> = records.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row.problems.is_empty()));
    assert!(!rows[0].json.contains("ECON"));
}

#[test]
fn file_level_errors() {
    assert!(matches!(
        CsvRecords::new(SdrFile::Learners, &b""[..]),
        Err(CsvError::NoHeader)
    ));
    let text = "Course Code,courseCode\n";
    let Err(error) = CsvRecords::new(SdrFile::Courses, text.as_bytes()) else {
        panic!("two columns for one field");
    };
    assert_eq!(
        error.to_string(),
        "columns 1 ('Course Code') and 2 ('courseCode') of the header row (line 1) are both \
         courseCode; keep one"
    );
    assert_eq!(error.problems()[0].rule, "CSV-006");
}

#[test]
fn rows_of_the_wrong_width_and_other_providers_are_reported() {
    let text = "Provider Code,Student Identification Code,National Student Number,\
                Qualification Code,Year Requirements Met\n\
                6004,S1,123456789,BC7001,2025\n\
                6004,S2,123456780,BC7001\n\
                6005,S3,123456781,BC7001,2025\n\
                6004,S4,123456782,BC7001,2025,,\n";
    let records = CsvRecords::new(SdrFile::QualificationCompletions, text.as_bytes())
        .unwrap()
        .expect_provider(edumis(6004));
    let rows: Vec<_> = records.map(Result::unwrap).collect();
    assert!(rows[0].problems.is_empty());
    assert_eq!(
        summary(&rows[1].problems),
        [(3, "".into(), "CSV-004".into())]
    );
    assert_eq!(
        rows[1].problems[0].message,
        "row 3 has 4 values but the header row has 5 columns; a value containing a comma must \
         be enclosed in double quotes"
    );
    assert_eq!(
        summary(&rows[2].problems),
        [(4, "".into(), "CSV-008".into())]
    );
    assert_eq!(
        rows[2].problems[0].message,
        "row 4, column 'Provider Code': the Provider Code is '6005'; expected 6004, the EDUMIS \
         number of the organisation submitting the file"
    );
    assert!(
        rows[3].problems.is_empty(),
        "trailing empty values are not a different width"
    );
}

#[test]
fn values_that_are_not_utf8_are_reported() {
    let mut text = b"Course Code,Course Title,Qualification Code,Course Classification,\
                     NZSCED Field of Study,Level on NZQCF,Credit,Funding Category,\
                     Course EFTS Factor\n"
        .to_vec();
    // "Māori" saved in a code page without macrons: a lone 0xE2 byte.
    text.extend_from_slice(b"MAOR101,M\xe2ori,NC4001,13.1,091901,4,15,A2,0.125\n");
    let rows = read_rows(SdrFile::Courses, &String::from_utf8_lossy(&text));
    assert!(rows[0].problems.is_empty(), "lossy text is UTF-8");
    let rows: Vec<_> = CsvRecords::new(SdrFile::Courses, text.as_slice())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        summary(&rows[0].problems),
        [(2, "courseTitle".into(), "CSV-005".into())]
    );
    assert!(!rows[0].json.contains("courseTitle"));
}
