//! The rules that relate the records of one file to each other, applied to a whole stored
//! submission from the key fields read for the rules across files: one learner record per
//! learner (LR-007), one register record per course (CR-007), one record per enrolment (CE-042),
//! per course completion (CC-007) and per qualification completion (QC-007), and the same ITE
//! values for a learner's enrolments in a qualification (CE-041).
//!
//! The rules are the files' own (their codes, severities and messages live with each file's
//! registry); this module only finds the records they are about. Keys are compared as numbered
//! identifiers and dates, so each rule is one hash-map pass over its file. A record whose key
//! field is missing or of the wrong type has no key here and is skipped: its own rules report
//! the field. The repeated-localId rules (CE-005, LR-005, …) have nothing to find in a stored
//! submission, whose records are stored by localId.

use chrono::Datelike;

use super::read::Code;
use super::{Context, Out};
use crate::SdrFile;
use crate::course::WireCourse;
use crate::course_completion::WireCourseCompletion;
use crate::course_enrolment::WireEnrolment;
use crate::learner::WireLearner;
use crate::qualification_completion::WireQualificationCompletion;
use crate::validation::files::course_enrolments::{IteValues, ite_disagreements};
use crate::validation::files::{FileWire, repeated_key_message, repeats};
use crate::validation::sink::Shown;

/// Applies the rules within files to the records of the files the round requires.
pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    repeated_learners(context, out);
    repeated_courses(context, out);
    repeated_enrolments(context, out);
    repeated_course_completions(context, out);
    repeated_qualification_completions(context, out);
    consistent_ite_values(context, out);
}

/// The text of a known identifier.
fn text<'c>(context: &Context<'c>, code: &Option<Code>) -> Option<&'c str> {
    code.as_ref().map(|code| context.keys.text(code))
}

/// Reports the repeated-key rule of file `W` on the later record of each `(later, first)`
/// pair, whose key `key_of` gives.
fn report_repeats<'c, W: FileWire>(
    out: &mut Out<'_>,
    pairs: Vec<(usize, usize)>,
    key_of: impl Fn(usize) -> Option<W::Key<'c>>,
) {
    let rule = W::SHAPE.repeated_key;
    for (later, first) in pairs {
        let Some(key) = key_of(later) else { continue };
        let message = repeated_key_message::<W>(&key, out.local_id(W::FILE, first));
        out.report_in_year(rule, W::FILE, later, "", None, format_args!("{message}"));
    }
}

fn repeated_learners(context: &Context<'_>, out: &mut Out<'_>) {
    let learners = context.learners;
    let pairs = repeats(learners.iter().map(|learner| super::id(&learner.student)));
    report_repeats::<WireLearner>(out, pairs, |later| text(context, &learners[later].student));
}

fn repeated_courses(context: &Context<'_>, out: &mut Out<'_>) {
    let courses = context.courses;
    let pairs = repeats(courses.iter().map(|course| super::id(&course.code)));
    report_repeats::<WireCourse>(out, pairs, |later| text(context, &courses[later].code));
}

fn repeated_enrolments(context: &Context<'_>, out: &mut Out<'_>) {
    let enrolments = context.enrolments;
    let pairs = repeats(enrolments.iter().map(|enrolment| {
        Some((
            super::id(&enrolment.student)?,
            super::id(&enrolment.course)?,
            enrolment.start?,
        ))
    }));
    report_repeats::<WireEnrolment>(out, pairs, |later| {
        let enrolment = &enrolments[later];
        Some((
            text(context, &enrolment.student)?,
            text(context, &enrolment.course)?,
            enrolment.start?,
        ))
    });
}

fn repeated_course_completions(context: &Context<'_>, out: &mut Out<'_>) {
    let completions = context.course_completions;
    let pairs = repeats(completions.iter().map(|completion| {
        Some((
            super::id(&completion.student)?,
            super::id(&completion.course)?,
            completion.start?,
        ))
    }));
    report_repeats::<WireCourseCompletion>(out, pairs, |later| {
        let completion = &completions[later];
        Some((
            text(context, &completion.student)?,
            text(context, &completion.course)?,
            completion.start?,
        ))
    });
}

fn repeated_qualification_completions(context: &Context<'_>, out: &mut Out<'_>) {
    let completions = context.qualification_completions;
    let pairs = repeats(completions.iter().map(|completion| {
        Some((
            super::id(&completion.student)?,
            super::id(&completion.qualification)?,
        ))
    }));
    report_repeats::<WireQualificationCompletion>(out, pairs, |later| {
        let completion = &completions[later];
        Some((
            text(context, &completion.student)?,
            text(context, &completion.qualification)?,
        ))
    });
}

/// CE-041: within each group of enrolments with the same studentIdentificationCode and
/// qualificationCode, every enrolment's ITE values equal those of the group's first enrolment
/// that carries any (in localId order).
fn consistent_ite_values(context: &Context<'_>, out: &mut Out<'_>) {
    let values: Vec<Option<IteValues<'_>>> = (0..context.enrolments.len())
        .map(|position| ite_values(context, out, position))
        .collect();
    let found = ite_disagreements(&values, |first| {
        format!(
            "the enrolment with localId {} in this submission",
            Shown(first.local_id)
        )
    });
    drop(values);
    for (_, problem) in found {
        out.push(SdrFile::CourseEnrolments, problem);
    }
}

/// What CE-041 compares of a stored enrolment, when its group and values are known.
fn ite_values<'c>(context: &Context<'c>, out: &Out<'c>, position: usize) -> Option<IteValues<'c>> {
    let enrolment = &context.enrolments[position];
    let (sector, subjects) = enrolment.ite.as_ref()?.values();
    Some(IteValues {
        index: position,
        local_id: out.local_id(SdrFile::CourseEnrolments, position),
        student: text(context, &enrolment.student)?,
        qualification: text(context, &enrolment.qualification)?,
        start_year: enrolment.start.map(|start| start.year()),
        sector,
        subjects,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::SdrFile;
    use crate::testkit::valid_return_typed;
    use crate::validation::{Severity, WholeSubmission, check_file_in_year, rule_by_code};

    /// (file, localId, rule, field, severity) of a problem.
    type Found = BTreeSet<(SdrFile, String, String, String, Severity)>;

    /// A valid return's records as JSON, each file in localId order, as a submission stores
    /// them.
    fn stored(built: &crate::testkit::Return) -> Vec<(SdrFile, Vec<(String, String)>)> {
        fn texts<T: serde::Serialize>(
            records: &[T],
            local_id: impl Fn(&T) -> &str,
        ) -> Vec<(String, String)> {
            let mut rows: Vec<(String, String)> = records
                .iter()
                .map(|record| {
                    let json = serde_json::to_string(record).expect("JSON");
                    (local_id(record).to_owned(), json)
                })
                .collect();
            rows.sort();
            rows
        }
        vec![
            (SdrFile::Learners, texts(&built.learners, |r| &r.local_id)),
            (SdrFile::Courses, texts(&built.courses, |r| &r.local_id)),
            (
                SdrFile::CourseEnrolments,
                texts(&built.course_enrolments, |r| &r.local_id),
            ),
            (
                SdrFile::CourseCompletions,
                texts(&built.course_completions, |r| &r.local_id),
            ),
            (
                SdrFile::QualificationCompletions,
                texts(&built.qualification_completions, |r| &r.local_id),
            ),
        ]
    }

    /// The rules between a file's records, as the batch check finds them over each whole file.
    fn by_batch_check(files: &[(SdrFile, Vec<(String, String)>)], year: i32) -> Found {
        let mut found = Found::new();
        for (file, rows) in files {
            let report =
                check_file_in_year(*file, year, rows.iter().map(|(_, json)| json.as_str()));
            for (checked, (local_id, _)) in report.records.iter().zip(rows) {
                for problem in &checked.problems {
                    if rule_by_code(&problem.rule).is_some_and(|rule| rule.applies_across_records())
                    {
                        found.insert((
                            *file,
                            local_id.clone(),
                            problem.rule.clone(),
                            problem.field.clone(),
                            problem.severity,
                        ));
                    }
                }
            }
        }
        found
    }

    /// The same rules as the stored submission's check finds them, record by record.
    fn by_whole_submission(files: &[(SdrFile, Vec<(String, String)>)]) -> Found {
        let mut check = WholeSubmission::new(&SdrFile::ALL);
        for (file, rows) in files {
            for (local_id, json) in rows {
                check.add(*file, local_id, json);
            }
        }
        check
            .finish()
            .into_iter()
            .filter(|found| !found.problem.rule.starts_with("XF-"))
            .map(|found| {
                assert_eq!(
                    found.problem.local_id.as_deref(),
                    Some(found.local_id.as_str())
                );
                (
                    found.file,
                    found.local_id,
                    found.problem.rule,
                    found.problem.field,
                    found.problem.severity,
                )
            })
            .collect()
    }

    /// A valid return with one breach of each rule between a file's records.
    fn with_repeats() -> crate::testkit::Return {
        let mut built = valid_return_typed(41, 40);
        let mut learner = built.learners[3].clone();
        learner.local_id = "L-again".to_owned();
        built.learners.push(learner);
        let mut course = built.courses[1].clone();
        course.local_id = "C-again".to_owned();
        built.courses.push(course);
        let mut enrolment = built.course_enrolments[5].clone();
        enrolment.local_id = "E-again".to_owned();
        built.course_enrolments.push(enrolment);
        let mut completion = built.course_completions[2].clone();
        completion.local_id = "CC-again".to_owned();
        built.course_completions.push(completion);
        let mut qualification = built.qualification_completions[0].clone();
        qualification.local_id = "QC-again".to_owned();
        built.qualification_completions.push(qualification);
        // Two enrolments of one learner in one qualification with different ITE values.
        let (first, second) = (0..built.course_enrolments.len())
            .flat_map(|a| (a + 1..built.course_enrolments.len()).map(move |b| (a, b)))
            .find(|&(a, b)| {
                let (x, y) = (&built.course_enrolments[a], &built.course_enrolments[b]);
                x.student_identification_code == y.student_identification_code
                    && x.qualification_code == y.qualification_code
                    && x.course_code != y.course_code
            })
            .expect("a learner with two enrolments in a qualification");
        built.course_enrolments[first].ite_sector = Some(2);
        built.course_enrolments[first].ite_subject = Some(vec!["Mathematics".to_owned()]);
        built.course_enrolments[second].ite_sector = Some(3);
        built
    }

    #[test]
    fn a_stored_submission_gets_what_the_batch_check_of_each_whole_file_finds() {
        let built = with_repeats();
        let files = stored(&built);
        let batch = by_batch_check(&files, built.return_year);
        let whole = by_whole_submission(&files);
        assert_eq!(whole, batch);
        let rules: BTreeSet<&str> = whole.iter().map(|found| found.2.as_str()).collect();
        assert_eq!(
            rules,
            BTreeSet::from(["CC-007", "CE-041", "CE-042", "CR-007", "LR-007", "QC-007"]),
            "each rule between a file's records is broken once: {whole:?}"
        );
    }

    #[test]
    fn a_valid_stored_submission_has_no_problem_between_records() {
        let files = stored(&valid_return_typed(41, 40));
        assert!(by_whole_submission(&files).is_empty());
    }

    #[test]
    fn messages_name_the_earlier_record_by_its_local_id() {
        let files = stored(&with_repeats());
        let mut check = WholeSubmission::new(&SdrFile::ALL);
        for (file, rows) in &files {
            for (local_id, json) in rows {
                check.add(*file, local_id, json);
            }
        }
        let found = check.finish();
        let learner = found
            .iter()
            .find(|found| found.problem.rule == "LR-007")
            .expect("LR-007");
        assert!(
            learner.problem.message.contains("in this submission")
                && learner
                    .problem
                    .message
                    .contains("studentIdentificationCode"),
            "{}",
            learner.problem.message
        );
        let enrolment = found
            .iter()
            .find(|found| found.problem.rule == "CE-042")
            .expect("CE-042");
        assert!(
            enrolment
                .problem
                .message
                .contains("the enrolment with localId"),
            "{}",
            enrolment.problem.message
        );
    }

    #[test]
    fn ite_values_of_the_wrong_type_are_left_to_the_record_rules() {
        let built = with_repeats();
        let files = stored(&built);
        let ce041 = by_whole_submission(&files)
            .into_iter()
            .filter(|found| found.2 == "CE-041")
            .map(|found| found.1)
            .collect::<BTreeSet<_>>();
        assert_eq!(ce041.len(), 1, "{ce041:?}");
        // The enrolment that differs from its group's first gets a sector, or subjects, of the
        // wrong type: CE-041 can no longer compare it (CE-002 reports the type on upload).
        for (from, to) in [
            ("\"iteSector\":3", "\"iteSector\":\"3\""),
            ("\"iteSector\":3", "\"iteSector\":3,\"iteSubject\":[7]"),
        ] {
            let mut files = files.clone();
            let enrolments = &mut files
                .iter_mut()
                .find(|(file, _)| *file == SdrFile::CourseEnrolments)
                .expect("enrolments")
                .1;
            for (local_id, json) in enrolments.iter_mut() {
                if ce041.contains(local_id) {
                    assert!(json.contains(from), "{json}");
                    *json = json.replace(from, to);
                }
            }
            assert!(
                !by_whole_submission(&files)
                    .iter()
                    .any(|found| found.2 == "CE-041"),
                "{to}"
            );
        }
    }
}
