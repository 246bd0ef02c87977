//! JSON → CSV → JSON gives the same records, except that a date-time comes back as its calendar
//! date as written (`2026-02-23T00:00:00+13:00` → `2026-02-23`).

use dxp_domain::fields::{FieldKind, fields};
use dxp_domain::testkit::valid_records;
use dxp_domain::{SdrFile, Severity, check_file};
use dxp_formats::{CsvRecords, CsvWriter, write_csv};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::support::{edumis, read_rows};

/// A text value that reads back as itself: not blank at either end (the reader trims), may hold
/// commas, quotes, line breaks and macrons.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9āēīōūĀŌ,\"'.][A-Za-z0-9 āēīōū,;\"'\n-]{0,12}[A-Za-z0-9āēīōū,\"'.]|[A-Za-z0-9]"
}

/// A list item: as [`text`], without the list separator.
fn item() -> impl Strategy<Value = String> {
    "[A-Za-z0-9āēīōū,\"'][A-Za-z0-9 āēīōū,\"'-]{0,10}[A-Za-z0-9āēīōū,\"']|[A-Za-z0-9]"
}

fn decimal() -> impl Strategy<Value = Value> {
    (-100_000_000i64..100_000_000, 0u32..=4)
        .prop_map(|(units, scale)| Value::from(units as f64 / 10f64.powi(scale as i32)))
}

/// A date-time as an integrator might send it, with the date it should read back as.
fn date_time() -> impl Strategy<Value = (Value, Value)> {
    (
        1950i32..2100,
        1u32..=12,
        1u32..=28,
        prop::sample::select(vec!["", "T00:00:00+13:00", "T10:30:00Z", "T23:59:59-05:00"]),
    )
        .prop_map(|(year, month, day, time)| {
            let date = format!("{year:04}-{month:02}-{day:02}");
            (Value::from(format!("{date}{time}")), Value::from(date))
        })
}

/// A value of a field of `kind`, with the value it should read back as.
fn value(kind: FieldKind) -> BoxedStrategy<(Value, Value)> {
    let same = |value: Value| (value.clone(), value);
    match kind {
        FieldKind::Text => text().prop_map(move |text| same(Value::from(text))).boxed(),
        FieldKind::Integer => any::<i32>().prop_map(move |n| same(Value::from(n))).boxed(),
        FieldKind::Decimal => decimal().prop_map(same).boxed(),
        FieldKind::Boolean => any::<bool>()
            .prop_map(move |b| same(Value::from(b)))
            .boxed(),
        FieldKind::DateTime => date_time().boxed(),
        FieldKind::DecimalList => prop::collection::vec(decimal(), 1..13)
            .prop_map(move |items| same(Value::from(items)))
            .boxed(),
        FieldKind::IntegerList => prop::collection::vec(any::<i32>(), 1..7)
            .prop_map(move |items| same(Value::from(items)))
            .boxed(),
        FieldKind::TextList => prop::collection::vec(item(), 1..5)
            .prop_map(move |items| same(Value::from(items)))
            .boxed(),
    }
}

/// A record of `file` with any subset of its fields (localId always), and its expected reading.
fn record(file: SdrFile) -> impl Strategy<Value = (Value, Value)> {
    let specs = fields(file);
    let values: Vec<_> = specs
        .iter()
        .skip(1)
        .map(|spec| prop::option::of(value(spec.kind)))
        .collect();
    ("[A-Za-z0-9-]{1,12}", values).prop_map(move |(local_id, values)| {
        let mut sent = Map::new();
        let mut expected = Map::new();
        sent.insert("localId".into(), Value::from(local_id.clone()));
        expected.insert("localId".into(), Value::from(local_id));
        for (spec, value) in specs.iter().skip(1).zip(values) {
            if let Some((value, reading)) = value {
                sent.insert(spec.name.into(), value);
                expected.insert(spec.name.into(), reading);
            }
        }
        (Value::Object(sent), Value::Object(expected))
    })
}

fn file_and_records() -> impl Strategy<Value = (SdrFile, Vec<(Value, Value)>, bool, bool)> {
    prop::sample::select(SdrFile::EVERY.to_vec()).prop_flat_map(|file| {
        (
            Just(file),
            prop::collection::vec(record(file), 0..8),
            any::<bool>(),
            any::<bool>(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_to_csv_to_json_gives_the_same_records(
        (file, records, provider, bom) in file_and_records()
    ) {
        let texts: Vec<String> = records.iter().map(|(sent, _)| sent.to_string()).collect();
        let mut writer = CsvWriter::new(file, Vec::new()).with_bom(bom);
        if provider {
            writer = writer.with_provider(edumis(6004));
        }
        for text in &texts {
            writer.write_json(text).unwrap();
        }
        let csv = writer.finish().unwrap();
        prop_assert_eq!(csv.starts_with("\u{feff}".as_bytes()), bom);

        let mut reader = CsvRecords::new(file, csv.as_slice()).unwrap();
        if provider {
            reader = reader.expect_provider(edumis(6004));
        }
        prop_assert!(reader.notes().is_empty(), "{:?}", reader.notes());
        let rows: Vec<_> = reader.map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), records.len());
        for (row, (_, expected)) in rows.iter().zip(&records) {
            prop_assert!(row.problems.is_empty(), "{:?}", row.problems);
            let read: Value = serde_json::from_str(&row.json).unwrap();
            prop_assert_eq!(&read, expected);
        }
    }
}

#[test]
fn an_empty_file_is_a_header() {
    let mut out = Vec::new();
    assert_eq!(
        write_csv(SdrFile::QualificationCompletions, [], &mut out).unwrap(),
        0
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Local ID,Student Identification Code,National Student Number,Qualification Code,\
         Year Requirements Met,Qualification Completion Date,Linked Qualification for Fees Free,\
         IRD Number\r\n"
    );
}

#[test]
fn the_csv_is_what_an_sms_would_write() {
    let record = json!({
        "localId": "Q-1",
        "studentIdentificationCode": "S2601234",
        "nationalStudentNumber": 123456789,
        "qualificationCode": "BC7001",
        "yearRequirementsMet": 2025,
        "qualificationCompletionDate": "2025-11-28T00:00:00+13:00",
        "linkedQualificationForFeesFree": "Ngā Toi, Level 7",
        "notAField": "dropped"
    })
    .to_string();
    let mut writer =
        CsvWriter::new(SdrFile::QualificationCompletions, Vec::new()).with_provider(edumis(42));
    writer.write_json(&record).unwrap();
    let csv = String::from_utf8(writer.finish().unwrap()).unwrap();
    assert_eq!(
        csv,
        "Provider Code,Local ID,Student Identification Code,National Student Number,\
         Qualification Code,Year Requirements Met,Qualification Completion Date,\
         Linked Qualification for Fees Free,IRD Number\r\n\
         0042,Q-1,S2601234,123456789,BC7001,2025,28/11/2025,\"Ngā Toi, Level 7\",\r\n"
    );
}

#[test]
fn records_that_cannot_be_written_are_refused_with_their_position() {
    let mut out = Vec::new();
    let error = write_csv(
        SdrFile::CourseEnrolments,
        ["{\"localId\":\"a\"}", "{\"iteSubject\":[\"Art;Music\"]}"],
        &mut out,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "record 1, field iteSubject: the value value 1 contains ';', which separates the values \
         of a list in a CSV cell"
    );
    let error = write_csv(SdrFile::Courses, ["[1]"], &mut out).unwrap_err();
    assert_eq!(error.to_string(), "record 0 is not a JSON object");
    let error = write_csv(SdrFile::Courses, ["{"], &mut out).unwrap_err();
    assert!(error.to_string().starts_with("record 0 is not valid JSON"));
}

/// The domain's valid records survive the trip and still validate: one validation path.
#[test]
fn valid_enrolments_stay_valid_through_csv() {
    let records = valid_records(300);
    let mut out = Vec::new();
    let written = write_csv(
        SdrFile::CourseEnrolments,
        records.iter().map(String::as_str),
        &mut out,
    )
    .unwrap();
    assert_eq!(written, 300);
    let rows = read_rows(SdrFile::CourseEnrolments, &String::from_utf8(out).unwrap());
    assert_eq!(rows.len(), 300);
    for (row, sent) in rows.iter().zip(&records) {
        assert!(row.problems.is_empty(), "{:?}", row.problems);
        let mut expected: Value = serde_json::from_str(sent).unwrap();
        for spec in fields(SdrFile::CourseEnrolments) {
            if spec.kind == FieldKind::DateTime
                && let Some(Value::String(text)) = expected.get_mut(spec.name)
            {
                text.truncate(10);
            }
        }
        let read: Value = serde_json::from_str(&row.json).unwrap();
        assert_eq!(read, expected);
    }
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
