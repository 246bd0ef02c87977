//! Legacy STEO fixed-width lines of each layout. The lines are laid out from the positions the
//! SDR domain specification gives (§2.1, §2.3–2.5, §7), not from the field table the reader
//! uses, so these tests also check that table against the specification.

use dxp_domain::{SdrFile, check_file};
use dxp_formats::legacy::{LegacyKind, LegacyRecords, convert_legacy_to_csv};
use dxp_formats::{CsvRecords, Row};
use serde_json::{Value, json};

use crate::support::{edumis, json, summary};

/// The domain reads the converted record of `file` with every field in its JSON type and every
/// REQUIRED field present: none of its read rules (`XX-001` unreadable, `XX-002` wrong type,
/// `XX-003` missing) fires.
fn assert_domain_reads(file: SdrFile, row: &Row) {
    let report = dxp_domain::validation::check_file(file, [row.json.as_str()]);
    let read_problems: Vec<_> = report
        .problems()
        .filter(|problem| {
            ["-001", "-002", "-003"]
                .iter()
                .any(|suffix| problem.rule.ends_with(suffix))
        })
        .collect();
    assert!(read_problems.is_empty(), "{read_problems:#?}");
}

/// A line of `len` characters with each text placed at its 1-based position, blanks elsewhere.
fn fixed(len: usize, pieces: &[(usize, &str)]) -> String {
    let mut line = vec![' '; len];
    for (start, text) in pieces {
        for (offset, c) in text.chars().enumerate() {
            let at = start - 1 + offset;
            assert_eq!(line[at], ' ', "pieces overlap at {}", at + 1);
            line[at] = c;
        }
    }
    line.into_iter().collect()
}

fn read(kind: LegacyKind, text: &str) -> Vec<Row> {
    LegacyRecords::new(kind, text.as_bytes())
        .expect_provider(edumis(6004))
        .collect::<Result<Vec<_>, _>>()
        .expect("readable lines")
}

/// COUR, §7: INSTIT 1–4, ID 5–14, QUAL 15–20, COURSE 21–40, CRS_SRT 41–48, CRS_END 49–56,
/// CRS_WTD 57–64, ASSIST 65–66, ATTEND 67, CRS_SITE 68–69, FUNDING 70–71, RESIDENCY 72,
/// AUS_RESIDENCY 73, MANAAPPR 74, CATEGORY 75–76, CLASS 77–80, NZSCED 81–86, FACTOR 87–92,
/// EFTS_MTH 93–176 (12 × 7), NSN 177–186.
fn cour_line(start: &str, withdrawn: &str) -> String {
    let months = "0.0000 0.0250 0.0250 0.0250 0.0250 0.0250 0.0000 0.0000 0.0000 0.0000 0.0000 \
                  0.0000 ";
    fixed(
        186,
        &[
            (1, "6004"),
            (5, "917000047"),
            (15, "PC4001"),
            (21, "ECON112"),
            (41, start),
            (49, "26062026"),
            (57, withdrawn),
            (65, "00"),
            (67, "1"),
            (68, "01"),
            (70, "01"),
            (72, "N"),
            (73, "N"),
            (74, "N"),
            (75, "A2"),
            (77, "13.1"),
            (81, "091901"),
            (87, "0.1250"),
            (93, months),
            (177, " 123456789"),
        ],
    )
}

#[test]
fn cour_lines_become_course_enrolments() {
    let rows = read(LegacyKind::Cour, &(cour_line("23022026", "") + "\r\n"));
    assert_eq!(rows.len(), 1);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-1",
            "studentIdentificationCode": "917000047",
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
            "apprenticeships": false,
            "fundingCategory": "A2",
            "courseClassification": 13.1,
            "nzscedFieldOfStudy": "091901",
            "courseEftsFactor": 0.125,
            "eftsByMonth": [0.0, 0.025, 0.025, 0.025, 0.025, 0.025, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            "nationalStudentNumber": 123456789
        })
    );
    // The domain reads the twelve-month layout, types and required fields as the API's.
    let report = check_file(SdrFile::CourseEnrolments, [rows[0].json.as_str()]);
    let codes: Vec<&str> = report
        .problems()
        .map(|problem| problem.rule.as_str())
        .collect();
    for code in ["CE-001", "CE-002", "CE-003", "CE-021", "CE-022", "CE-023"] {
        assert!(
            !codes.contains(&code),
            "{code} in {:#?}",
            report.records[0].problems
        );
    }
}

/// STUD, §2.1: ID 5, GENDER 15, DOB 16, fee 24 (6), NAMEID 30, PRIOR_A 35, FIRST_YR 37,
/// DIS_ACCESS 41, S_SCHOOL 42, Y_SCHOOL 46, SEC_QUAL 50, CITIZEN 52, Fees Free 55 (removed),
/// DISABILITY 57, FINISH 58, IWI 59 (3 × 4), IRD 71 (9), NSN 80, FOREIGN_FEE 90 (5), exempt fee
/// 95 (5), ETHNIC 100 (3 × 3), post codes 109 and 113.
#[test]
fn stud_lines_become_learners_with_ethnicity_and_iwi_lists() {
    let line = fixed(
        116,
        &[
            (1, "6004"),
            (5, "917000047"),
            (15, "F"),
            (16, "15081990"),
            (24, "  1200"),
            (30, "SMITJ"),
            (35, "01"),
            (37, "2024"),
            (41, "2"),
            (42, "0123"),
            (46, "2023"),
            (50, "42"),
            (52, "NZL"),
            (55, "Y"),
            (57, "N"),
            (58, "Y"),
            (59, "01010402    "),
            (80, " 123456789"),
            (100, "111121   "),
            (109, "6011"),
            (113, "6012"),
        ],
    );
    let rows = read(LegacyKind::Stud, &line);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-1",
            "studentIdentificationCode": "917000047",
            "gender": "F",
            "dateOfBirth": "1990-08-15",
            "totalFeeForDomesticStudent": 1200,
            "nameIdCode": "SMITJ",
            "nationalStudentNumber": 123456789,
            "mainActivityAt1October": "01",
            "firstYearOfTertiaryEducation": 2024,
            "lastSecondarySchoolAttended": 123,
            "lastYearAtSecondarySchool": 2023,
            "highestSecondarySchoolQualification": "42",
            "countryOfCitizenship": "NZL",
            "ethnicity": [111, 121],
            "iwiAffiliation": [101, 402],
            "disabilityServicesAccessedIndicator": false,
            "permanentPostCode": "6011",
            "termPostCode": "6012"
        })
    );
    assert_domain_reads(SdrFile::Learners, &rows[0]);
}

/// CREG, §2.3: Course Code 5 (20), Title 25 (75), Qualification 100 (6), Classification 106
/// (4), NZSCED 110 (6), Level 116 (1), Credit 117 (3), Funding Category 120 (2), EFTS Factor 122
/// (6); the rest of the 148 characters is not read.
#[test]
fn creg_lines_count_characters_not_bytes() {
    let line = fixed(
        148,
        &[
            (1, "6004"),
            (5, "MAOR101"),
            (25, "Te Reo Māori – Kōrero, Level 4"),
            (100, "NC4001"),
            (106, "13.1"),
            (110, "091901"),
            (116, "4"),
            (117, " 15"),
            (120, "A2"),
            (122, "0.1250"),
            (128, "   850"),
        ],
    );
    assert_eq!(line.chars().count(), 148);
    let rows = read(LegacyKind::Creg, &line);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-1",
            "courseCode": "MAOR101",
            "courseTitle": "Te Reo Māori – Kōrero, Level 4",
            "qualificationCode": "NC4001",
            "courseClassification": 13.1,
            "nzscedFieldOfStudy": "091901",
            "levelOnNzqcf": 4,
            "credit": 15,
            "fundingCategory": "A2",
            "courseEftsFactor": 0.125
        })
    );
    assert_domain_reads(SdrFile::Courses, &rows[0]);
}

#[test]
fn creg_lines_in_windows_1252_are_read() {
    let mut line = fixed(148, &[(1, "6004"), (5, "FREN101"), (100, "NC4001")]).into_bytes();
    line[24..35].copy_from_slice(b"Caf\xe9 cr\xe8me ");
    let rows: Vec<_> = LegacyRecords::new(LegacyKind::Creg, line.as_slice())
        .map(Result::unwrap)
        .collect();
    assert_eq!(json(&rows[0])["courseTitle"], "Café crème");
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
}

/// QUAL, §2.4: ID 5 (10), NSN 15 (10, right-justified), Qualification 25 (6), Main Subject 1–3
/// 31/35/39 (removed), Year Requirements Met 43 (4), filler 47–50.
#[test]
fn qual_lines_become_qualification_completions() {
    let line = fixed(
        50,
        &[
            (1, "6004"),
            (5, "917000047"),
            (15, "  12345678"),
            (25, "BC7001"),
            (31, "ECONACCTMGMT"),
            (43, "2025"),
        ],
    );
    let rows = read(LegacyKind::Qual, &line);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-1",
            "studentIdentificationCode": "917000047",
            "nationalStudentNumber": 12345678,
            "qualificationCode": "BC7001",
            "yearRequirementsMet": 2025
        })
    );
    assert_domain_reads(SdrFile::QualificationCompletions, &rows[0]);
}

/// COMP, §2.5: ID 5 (10), Course Code 15 (20), COMPLETE 35 (1), Start 36 (8), NSN 44 (10), End
/// 54 (8), PBRF year 62 (4).
#[test]
fn comp_lines_become_course_completions() {
    let line = fixed(
        65,
        &[
            (1, "6004"),
            (5, "917000047"),
            (15, "ECON112"),
            (35, "2"),
            (36, "23022026"),
            (44, " 123456789"),
            (54, "26062026"),
        ],
    );
    let rows = read(LegacyKind::Comp, &line);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(
        json(&rows[0]),
        json!({
            "localId": "row-1",
            "studentIdentificationCode": "917000047",
            "courseCode": "ECON112",
            "courseStartDate": "2026-02-23",
            "studentCourseCompletionIndicator": 2,
            "nationalStudentNumber": 123456789,
            "courseEndDate": "2026-06-26"
        })
    );
    assert_domain_reads(SdrFile::CourseCompletions, &rows[0]);
}

#[test]
fn problems_name_the_line_positions_and_value() {
    let good = cour_line("23022026", "00000000");
    let bad_date = cour_line("31022026", "");
    let short = &good[..185];
    let other_provider = good.replacen("6004", "6005", 1);
    let text = [
        good.as_str(),
        "",
        bad_date.as_str(),
        short,
        other_provider.as_str(),
        "\u{1a}",
    ]
    .join("\n");
    let rows = read(LegacyKind::Cour, &text);
    assert_eq!(
        rows.iter().map(|row| row.row).collect::<Vec<_>>(),
        [1, 3, 4, 5],
        "blank lines and the end-of-file mark are skipped but counted"
    );
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert!(
        !rows[0].json.contains("studentsCourseWithdrawalDate"),
        "a zero date is no date"
    );
    assert_eq!(
        summary(&rows[1].problems),
        [(3, "courseStartDate".into(), "TXT-003".into())]
    );
    assert_eq!(
        rows[1].problems[0].message,
        "line 3, positions 41–48 (Course Start Date): '31022026' is not a real calendar date; \
         expected DDMMYYYY, such as 23022026"
    );
    assert_eq!(
        summary(&rows[2].problems),
        [(4, "".into(), "TXT-001".into())]
    );
    assert_eq!(
        rows[2].problems[0].message,
        "line 4 has 185 characters; a COUR record has 186"
    );
    assert_eq!(
        json(&rows[2])["nationalStudentNumber"],
        12345678,
        "a short line is read as far as it goes"
    );
    assert_eq!(
        summary(&rows[3].problems),
        [(5, "".into(), "TXT-002".into())]
    );
    assert_eq!(
        rows[3].problems[0].message,
        "line 5, positions 1–4: the provider code is '6005'; expected 6004, the EDUMIS number of \
         the organisation submitting the file"
    );
}

#[test]
fn legacy_files_convert_to_csv_that_reads_back_the_same() {
    let lines = [
        cour_line("23022026", ""),
        cour_line("01032026", "15032026"),
        cour_line("29022026", ""),
    ];
    let legacy = lines.join("\r\n");
    let mut csv = Vec::new();
    let report = convert_legacy_to_csv(
        LegacyKind::Cour,
        Some(edumis(6004)),
        legacy.as_bytes(),
        &mut csv,
    )
    .unwrap();
    assert_eq!(report.rows, 3);
    assert!(report.has_errors());
    assert_eq!(
        summary(&report.problems),
        [(3, "courseStartDate".into(), "TXT-003".into())]
    );

    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("Provider Code,Local ID,Student Identification Code,"));
    assert!(
        text.contains("\r\n6004,row-2,917000047,PC4001,ECON112,01/03/2026,26/06/2026,15/03/2026,")
    );

    let from_csv: Vec<Value> = CsvRecords::new(SdrFile::CourseEnrolments, text.as_bytes())
        .unwrap()
        .expect_provider(edumis(6004))
        .map(|row| {
            let row = row.unwrap();
            assert!(row.problems.is_empty(), "{:?}", row.problems);
            json(&row)
        })
        .collect();
    let from_legacy: Vec<Value> = LegacyRecords::new(LegacyKind::Cour, legacy.as_bytes())
        .map(|row| json(&row.unwrap()))
        .collect();
    assert_eq!(from_csv, from_legacy);
}
