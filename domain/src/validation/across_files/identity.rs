//! Who the learner is: a learner record for each learner enrolled (X3), and one National Student
//! Number per learner across every file (X4). One record per studentIdentificationCode within the
//! learner file is LR-007, a rule of that file.

use std::collections::HashMap;
use std::hash::Hash;

use super::index::{ByKey, Count, MAX_NAMED, Named};
use super::read::{Code, Id};
use super::{Context, Out};
use crate::SdrFile;
use crate::validation::FileRecordReport;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::{Shown, Sink};

const STUDENT: &str = "studentIdentificationCode";
const NSN: &str = "nationalStudentNumber";

/// Judgement call: an error. The NSI issues one NSN per person and spec 003 keeps a learner's
/// studentIdentificationCode constant at the TEO, so two learner records with one NSN are one
/// learner reported twice (or one wrong NSN), which would count the learner twice.
pub(crate) const XF_001: Rule = rule(
    SdrFile::Learners,
    "XF-001",
    NSN,
    Severity::Error,
    Check::Batch,
    "Learner records with different studentIdentificationCodes do not share a \
     nationalStudentNumber: the NSN uniquely identifies the learner and the \
     studentIdentificationCode stays the same for the learner at the TEO (spec 003; \
     domain spec §3.1, X4). Each record involved gets the problem, naming the others. \
     Checked in the whole return and in a learner file checked on its own.",
);

/// Judgement call: when a learner has no learner record (XF-007), the NSN of the learner's first
/// record (enrolments, then course completions, then qualification completions) is the one the
/// others are compared with; when the learner has several learner records (LR-007), the NSN is
/// not compared until that is fixed.
pub(crate) const XF_002: Rule = rule(
    SdrFile::Learners,
    "XF-002",
    NSN,
    Severity::Error,
    Check::Batch,
    "A learner's nationalStudentNumber is the same in every file: each course \
     enrolment, course completion and qualification completion gives the NSN of the \
     learner record with its studentIdentificationCode (domain spec §3.1, X4). Each \
     record that differs gets the problem, naming the learner record; the learner \
     record gets one problem naming them. A learner without a learner record is \
     compared with the learner's first enrolment (or completion).",
);

/// Judgement call: a warning. The learner file holds learners with reported activity, but
/// vendors also report learners who only have a qualification completion, and whether a
/// learner without any is refused is not published.
pub(crate) const XF_003: Rule = rule(
    SdrFile::Learners,
    "XF-003",
    "",
    Severity::Warning,
    Check::Batch,
    "A learner record has activity in the return: a course enrolment, course \
     completion or qualification completion with its studentIdentificationCode \
     (domain spec §2.1 and §3.1, X3: the learner file holds only learners with \
     reported activity). A warning. In the March indicative return only enrolments \
     count.",
);

pub(crate) const XF_007: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-007",
    STUDENT,
    Severity::Error,
    Check::Batch,
    "The learner of each course enrolment has a record in the learner file with the \
     same studentIdentificationCode (domain spec §3.1, X3). Each enrolment of a \
     missing learner gets the problem, with how many enrolments name the learner.",
);

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    shared_nsns(context, out);
    nsn_agreement(context, out);
    if scope.usable(SdrFile::CourseEnrolments) {
        idle_learners(context, out);
    }
    if scope.usable(SdrFile::Learners) {
        missing_learners(context, out);
    }
}

/// XF-001: within each NSN shared by learner records, each record is compared with the first
/// record of each other studentIdentificationCode (at most [`MAX_NAMED`] + 1 are kept per NSN,
/// so that naming them stays linear however many records share an NSN).
fn shared_nsns(context: &Context<'_>, out: &mut Out<'_>) {
    let learners = context.learners;
    let keys: Vec<Option<(i32, Id)>> = learners
        .iter()
        .map(|learner| Some((learner.nsn?, learner.student.as_ref()?.id)))
        .collect();
    for shared in shared_nsn_records(&keys) {
        let mut others = Named::new();
        for &(other, _) in &shared.others {
            let Some(code) = &learners[other].student else {
                continue;
            };
            let shown = format!("studentIdentificationCode {}", context.keys.shown(code));
            others.push(
                SdrFile::Learners,
                out.local_id(SdrFile::Learners, other),
                Some(&shown),
            );
        }
        others.add_unnamed(shared.others_total.saturating_sub(others.len()));
        out.report(
            &XF_001,
            SdrFile::Learners,
            shared.position,
            NSN,
            format_args!("{}", shared_nsn_message(shared.nsn, &others)),
        );
    }
}

/// XF-001 within a learner file checked on its own (a dry run, or an upload of learners before
/// the rest of the return): `keys` gives each record's NSN and studentIdentificationCode, when
/// it has both. A TEO checking its learners first is not told they are fine.
pub(crate) fn nsn_under_several_student_ids(
    keys: &[Option<(i32, &str)>],
    reports: &mut [FileRecordReport],
) {
    for shared in shared_nsn_records(keys) {
        let mut others = Named::new();
        for &(other, student) in &shared.others {
            let shown = format!("studentIdentificationCode {}", Shown(student));
            let local_id = reports[other].local_id.clone().unwrap_or_default();
            others.push(SdrFile::Learners, &local_id, Some(&shown));
        }
        others.add_unnamed(shared.others_total.saturating_sub(others.len()));
        let report = &mut reports[shared.position];
        Sink::new(
            report.index,
            report.local_id.as_deref(),
            None,
            &mut report.problems,
        )
        .report(
            &XF_001,
            NSN,
            format_args!("{}", shared_nsn_message(shared.nsn, &others)),
        );
    }
}

/// A learner record whose NSN other learner records give under another student id (XF-001).
struct SharedNsn<S> {
    position: usize,
    nsn: i32,
    /// The first records of the other student ids with this NSN, one per id, at most
    /// [`MAX_NAMED`] + 1 of them.
    others: Vec<(usize, S)>,
    /// How many records give this NSN under another student id.
    others_total: usize,
}

/// The records XF-001 reports, from each learner record's NSN and student id (`None` for a
/// record without both), in position order: one hash-map pass per index, and per NSN only the
/// first records of its first few student ids are kept, however many records share it.
fn shared_nsn_records<S: Copy + Eq + Hash>(keys: &[Option<(i32, S)>]) -> Vec<SharedNsn<S>> {
    let by_nsn = ByKey::new(keys.iter().map(|key| key.map(|(nsn, _)| nsn)), keys.len());
    let by_nsn_and_student = ByKey::new(keys.iter().copied(), keys.len());
    let mut firsts: HashMap<i32, Vec<(usize, S)>> = HashMap::new();
    for (position, key) in keys.iter().enumerate() {
        let Some((nsn, student)) = *key else { continue };
        if by_nsn.get(&nsn).is_none_or(|group| group.count < 2) {
            continue;
        }
        let kept = firsts.entry(nsn).or_default();
        if kept.len() <= MAX_NAMED && kept.iter().all(|&(_, other)| other != student) {
            kept.push((position, student));
        }
    }
    let mut found = Vec::new();
    for (position, key) in keys.iter().enumerate() {
        let Some((nsn, student)) = *key else { continue };
        let (Some(group), Some(same)) = (by_nsn.get(&nsn), by_nsn_and_student.get(&(nsn, student)))
        else {
            continue;
        };
        let others_total = group.count - same.count;
        if others_total == 0 {
            continue;
        }
        let others = firsts
            .get(&nsn)
            .into_iter()
            .flatten()
            .filter(|&&(_, other)| other != student)
            .copied()
            .collect();
        found.push(SharedNsn {
            position,
            nsn,
            others,
            others_total,
        });
    }
    found
}

fn shared_nsn_message(nsn: i32, others: &Named) -> String {
    format!(
        "nationalStudentNumber {nsn} is also the NSN of {others}; an NSN identifies one learner, \
         who has one learner record and keeps one studentIdentificationCode"
    )
}

/// A record whose NSN the learner's other records are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Reference {
    file: SdrFile,
    position: usize,
    nsn: i32,
}

/// XF-002.
fn nsn_agreement(context: &Context<'_>, out: &mut Out<'_>) {
    // Every record outside the learner file with a known learner and NSN, in file order.
    fn known<'p>(
        file: SdrFile,
        records: impl Iterator<Item = (&'p Option<Code>, Option<i32>)>,
    ) -> impl Iterator<Item = (SdrFile, usize, &'p Code, i32)> {
        records
            .enumerate()
            .filter_map(move |(position, (student, nsn))| {
                Some((file, position, student.as_ref()?, nsn?))
            })
    }
    let records = known(
        SdrFile::CourseEnrolments,
        context
            .enrolments
            .iter()
            .map(|record| (&record.student, record.nsn)),
    )
    .chain(known(
        SdrFile::CourseCompletions,
        context
            .course_completions
            .iter()
            .map(|record| (&record.student, record.nsn)),
    ))
    .chain(known(
        SdrFile::QualificationCompletions,
        context
            .qualification_completions
            .iter()
            .map(|record| (&record.student, record.nsn)),
    ));

    // A learner without a learner record is compared with their first record.
    let mut firsts: Vec<Option<Reference>> = vec![None; context.students];
    let mut differing: HashMap<Reference, (&str, Named)> = HashMap::new();
    for (file, position, student, nsn) in records {
        let reference = match context.learners_by_student.get(&student.id) {
            Some(group) if group.count == 1 => {
                context.learners[group.first].nsn.map(|nsn| Reference {
                    file: SdrFile::Learners,
                    position: group.first,
                    nsn,
                })
            }
            Some(_) => None,
            None => Some(*firsts[student.id.index()].get_or_insert(Reference {
                file,
                position,
                nsn,
            })),
        };
        let Some(reference) = reference else {
            continue;
        };
        if reference.nsn == nsn || (reference.file, reference.position) == (file, position) {
            continue;
        }
        let reference_id = out.local_id(reference.file, reference.position);
        if reference.file == SdrFile::Learners {
            out.report(
                &XF_002,
                file,
                position,
                NSN,
                format_args!(
                    "nationalStudentNumber {nsn} differs from {}, the NSN of learner {} in the \
                     learner file (learners {}); a learner's NSN is their National Student Index \
                     number, the same in every file",
                    reference.nsn,
                    context.keys.shown(student),
                    Shown(reference_id)
                ),
            );
        } else {
            out.report(
                &XF_002,
                file,
                position,
                NSN,
                format_args!(
                    "nationalStudentNumber {nsn} differs from {}, the NSN {} {} gives learner {}, \
                     who has no learner record to settle it; a learner's NSN is their National \
                     Student Index number, the same in every file",
                    reference.nsn,
                    reference.file,
                    Shown(reference_id),
                    context.keys.shown(student)
                ),
            );
        }
        differing
            .entry(reference)
            .or_insert_with(|| (context.keys.text(student), Named::new()))
            .1
            .push(file, out.local_id(file, position), Some(&nsn));
    }
    for (reference, (student, others)) in differing {
        out.report(
            &XF_002,
            reference.file,
            reference.position,
            NSN,
            format_args!(
                "nationalStudentNumber {} of learner {} differs from the NSN in {} of the learner: \
                 {others}; a learner's NSN is their National Student Index number, the same in \
                 every file",
                reference.nsn,
                Shown(student),
                Count(others.len(), "other record")
            ),
        );
    }
}

/// XF-003.
fn idle_learners(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    let mut completing = vec![false; context.students];
    let completers = context
        .course_completions
        .iter()
        .map(|record| &record.student)
        .chain(
            context
                .qualification_completions
                .iter()
                .map(|record| &record.student),
        );
    for student in completers.flatten() {
        completing[student.id.index()] = true;
    }
    let activity = match (
        scope.read(SdrFile::CourseCompletions),
        scope.read(SdrFile::QualificationCompletions),
    ) {
        (true, true) => "course enrolment, course completion or qualification completion",
        (true, false) => "course enrolment or course completion",
        (false, true) => "course enrolment or qualification completion",
        (false, false) => "course enrolment",
    };
    for (position, learner) in context.learners.iter().enumerate() {
        let Some(student) = &learner.student else {
            continue;
        };
        if completing[student.id.index()] || context.enrolments_by_student.contains(&student.id) {
            continue;
        }
        out.report(
            &XF_003,
            SdrFile::Learners,
            position,
            "",
            format_args!(
                "no {activity} of this return has studentIdentificationCode {}; the learner file \
                 holds only learners with reported activity",
                context.keys.shown(student)
            ),
        );
    }
}

/// XF-007.
fn missing_learners(context: &Context<'_>, out: &mut Out<'_>) {
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let Some(student) = &enrolment.student else {
            continue;
        };
        if context.learners_by_student.contains(&student.id) {
            continue;
        }
        let count = context
            .enrolments_by_student
            .get(&student.id)
            .map_or(1, |group| group.count);
        out.report(
            &XF_007,
            SdrFile::CourseEnrolments,
            position,
            STUDENT,
            format_args!(
                "learner {} has no record in the learner file: no learners record has this \
                 studentIdentificationCode (named by {} of this return); every learner with an \
                 enrolment has one learner record",
                context.keys.shown(student),
                Count(count, "enrolment")
            ),
        );
    }
}
