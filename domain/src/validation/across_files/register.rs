//! The course register against the enrolments: each enrolled course in it (X1), and the
//! enrolments' EFTS factor the register's (X14). Each course once in the register is CR-007, a
//! rule of the course register file.

use std::collections::HashMap;

use super::index::{ById, Count, Named};
use super::read::Id;
use super::{Context, Out};
use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Shown;

const COURSE: &str = "courseCode";
const EFTS: &str = "courseEftsFactor";

/// How far an enrolment's factor may be from the register's: the last of the four decimal
/// places spec 003 gives the factor (Numeric(1,4)), so that a rounding difference passes.
const EFTS_TOLERANCE: f64 = 0.0001;
/// Slack for binary floating point: 0.1235 − 0.1234 is a hair over 0.0001 as an `f64`.
const FLOAT_SLACK: f64 = 1e-9;

pub(crate) const XF_006: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-006",
    COURSE,
    Severity::Error,
    Check::Batch,
    "The course of each course enrolment is in the course register: a courses \
     record has the identical courseCode, same case and spacing (spec 003: every \
     unique course in the course enrolment file appears once, and once only, in the \
     course register file; domain spec §3.1, X1). Each enrolment of a missing course \
     gets the problem, with how many enrolments use the course and any register code \
     that differs only in case or spacing.",
);

/// Judgement call: an error, though X14 is inferred rather than published: the course EFTS
/// factor is defined the same way in both files ("the proportion of the total EFTS value set
/// for the qualification that the course is deemed to represent"), the register holds one
/// factor per course, and funding follows the enrolment's factor. The register record gets one
/// problem naming the enrolments, since either side may be the wrong one.
pub(crate) const XF_011: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-011",
    EFTS,
    Severity::Error,
    Check::Batch,
    "A course enrolment's courseEftsFactor equals the courseEftsFactor of its course \
     in the course register, within 0.0001 (domain spec §3.1, X14). Each enrolment \
     that differs gets the problem, naming the register record; the register record \
     gets one problem naming those enrolments. Not checked while the course is \
     missing from the register or in it more than once (XF-006, CR-007).",
);

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    if scope.read(SdrFile::CourseEnrolments) && scope.usable(SdrFile::Courses) {
        missing_courses(context, out);
        efts_factors(context, out);
    }
}

/// A course code with case and blanks set aside, to point at a near miss.
fn loosened(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// XF-006.
fn missing_courses(context: &Context<'_>, out: &mut Out<'_>) {
    let index = &context.courses_by_code;
    let mut missing = context
        .enrolments
        .iter()
        .filter_map(|enrolment| enrolment.course.as_ref())
        .filter(|code| !index.contains(&code.id))
        .peekable();
    if missing.peek().is_none() {
        return;
    }
    // Register codes by their loosened form, and the near miss of each missing code: only when
    // some course is missing.
    let mut by_loosened: HashMap<String, usize> = HashMap::new();
    for (position, course) in context.courses.iter().enumerate() {
        if let Some(code) = &course.code {
            by_loosened
                .entry(loosened(context.keys.text(code)))
                .or_insert(position);
        }
    }
    let enrolments = ById::new(
        context
            .enrolments
            .iter()
            .map(|enrolment| enrolment.course.as_ref().map(|code| code.id)),
        context.course_codes,
    );
    let mut hints: HashMap<Id, String> = HashMap::new();
    for code in missing {
        if hints.contains_key(&code.id) {
            continue;
        }
        let hint = by_loosened
            .get(&loosened(context.keys.text(code)))
            .and_then(|&position| {
                let near = context.courses[position].code.as_ref()?;
                Some(format!(
                    "; the register has {} (courses {}), which differs only in case or spacing, \
                     but the codes must be identical",
                    context.keys.shown(near),
                    Shown(out.local_id(SdrFile::Courses, position))
                ))
            })
            .unwrap_or_default();
        hints.insert(code.id, hint);
    }
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let Some(code) = &enrolment.course else {
            continue;
        };
        let Some(hint) = hints.get(&code.id) else {
            continue;
        };
        let count = enrolments.get(&code.id).map_or(1, |group| group.count);
        out.report(
            &XF_006,
            SdrFile::CourseEnrolments,
            position,
            COURSE,
            format_args!(
                "course {} is not in the course register: no courses record has this \
                 courseCode (used by {} of this return){hint}; every course in the enrolments \
                 appears once in the register",
                context.keys.shown(code),
                Count(count, "enrolment")
            ),
        );
    }
}

/// XF-011.
fn efts_factors(context: &Context<'_>, out: &mut Out<'_>) {
    let mut differing: HashMap<usize, Named> = HashMap::new();
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let (Some(code), Some(factor)) = (&enrolment.course, enrolment.efts) else {
            continue;
        };
        let Some((course_position, course)) = context.course(code.id) else {
            continue;
        };
        let Some(registered) = course.efts else {
            continue;
        };
        if (factor - registered).abs() <= EFTS_TOLERANCE + FLOAT_SLACK {
            continue;
        }
        out.report(
            &XF_011,
            SdrFile::CourseEnrolments,
            position,
            EFTS,
            format_args!(
                "courseEftsFactor {factor} differs from {registered}, the courseEftsFactor of \
                 course {} in the course register (courses {}); an enrolment carries its course's \
                 factor (within 0.0001)",
                context.keys.shown(code),
                Shown(out.local_id(SdrFile::Courses, course_position))
            ),
        );
        differing.entry(course_position).or_default().push(
            SdrFile::CourseEnrolments,
            out.local_id(SdrFile::CourseEnrolments, position),
            Some(&factor),
        );
    }
    for (position, enrolments) in differing {
        let course = &context.courses[position];
        let (Some(code), Some(registered)) = (&course.code, course.efts) else {
            continue;
        };
        out.report(
            &XF_011,
            SdrFile::Courses,
            position,
            EFTS,
            format_args!(
                "courseEftsFactor {registered} of course {} differs from the factor in {}: \
                 {enrolments}; an enrolment carries its course's factor (within 0.0001)",
                context.keys.shown(code),
                Count(enrolments.len(), "enrolment")
            ),
        );
    }
}
