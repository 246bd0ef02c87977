//! Completions against enrolments: each course completion matches an enrolment (X5), fund 31
//! enrolments are completed as withdrawn (X8), and each qualification completion matches the
//! learner's enrolments in the qualification, no earlier than they end (X6).
//!
//! The funder matches on the National Student Number, not the studentIdentificationCode, and
//! so do these rules. Completions may complete enrolments reported in an earlier return (a late
//! completion of an extended course, a qualification finished last year), which a submission
//! cannot see; so an unmatched completion is a warning, as the funder's data accuracy report
//! treats it (domain spec §3.2), not a rejection.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::index::{ByKey, MAX_NAMED, Named};
use super::read::{CourseCompletion, Enrolment, Id};
use super::{Context, Out};
use crate::SdrFile;
use crate::codes::FundingSource;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Shown;

const INDICATOR: &str = "studentCourseCompletionIndicator";
/// Did not complete course (withdrew): the completion of a fund 31 enrolment.
const WITHDREW: i32 = 4;

/// Judgement call: a warning, as CE-040 (the withdrawal date of a fund 31 enrolment) is: spec 003
/// defines fund 31 as non-funded confirmed enrolments, and the funder's guidance reports
/// withdrawn confirmed enrolments under it with indicator 4, but does not say every fund 31
/// enrolment is such a withdrawal. The withdrawal date itself is CE-040's, not repeated here.
pub(crate) const XF_012: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-012",
    "*",
    Severity::Warning,
    Check::Batch,
    "A course enrolment with sourceOfFunding 31 (non-funded confirmed enrolment: \
     withdrawn before it became eligible for funding) has a course completion with \
     studentCourseCompletionIndicator 4, did not complete (domain spec §2.2 and \
     §3.1, X8; the withdrawal date is CE-040). The completion is matched as in \
     XF-015. The enrolment gets the problem (on sourceOfFunding); a matching \
     completion with another indicator gets one too (on its indicator).",
);

pub(crate) const XF_015: Rule = rule(
    SdrFile::CourseCompletions,
    "XF-015",
    "",
    Severity::Warning,
    Check::Batch,
    "Each course completion matches a course enrolment of the return on \
     nationalStudentNumber, courseCode and courseStartDate (the date as written), \
     as the funder matches them (domain spec §2.5 and §3.1, X5). A warning: a \
     completion may complete an enrolment reported in an earlier return, and the \
     funder leaves an unmatched completion out of the course-completion EPI rather \
     than rejecting it. The message names an enrolment with the same NSN and course \
     but another start date, if there is one.",
);

/// Judgement call: warnings, all three. The funder matches a qualification completion on NSN and
/// qualification code, falling back to NSN alone, and leaves an unmatched completion out of the
/// EPIs; none of this rejects a return (domain spec §2.4, §3.2). The completion's
/// `linkedQualificationForFeesFree`, the qualification whose code the learner's enrolments
/// used, counts as its qualification code for the match.
pub(crate) const XF_016: Rule = rule(
    SdrFile::QualificationCompletions,
    "XF-016",
    "nationalStudentNumber",
    Severity::Warning,
    Check::Batch,
    "The learner of each qualification completion has a course enrolment in the \
     return with the same nationalStudentNumber (domain spec §2.4 and §3.1, X6: the \
     funder matches a completion on NSN and qualification code, falling back to NSN \
     alone). A warning: the funder leaves an unmatched completion out of the EPIs, \
     and the learner's enrolments may all be in earlier returns.",
);

pub(crate) const XF_017: Rule = rule(
    SdrFile::QualificationCompletions,
    "XF-017",
    "qualificationCode",
    Severity::Warning,
    Check::Batch,
    "A qualification completion matches one of the learner's course enrolments on \
     nationalStudentNumber and qualificationCode (or its \
     linkedQualificationForFeesFree) (domain spec §2.4 and §3.1, X6). A warning, \
     raised when the learner has enrolments but none in that qualification: the \
     funder then matches on NSN alone. The message names the learner's enrolments \
     and their qualifications.",
);

pub(crate) const XF_018: Rule = rule(
    SdrFile::QualificationCompletions,
    "XF-018",
    "yearRequirementsMet",
    Severity::Warning,
    Check::Batch,
    "A qualification completion's yearRequirementsMet is not earlier than the year \
     of the latest courseEndDate of the learner's enrolments in the qualification \
     (matched as in XF-017) (domain spec §2.4 and §3.1, X6). A warning: the funder \
     leaves such a completion out of the EPIs. The completion gets the problem, and \
     so does the enrolment with the latest end date (on courseEndDate).",
);

/// The funder's match key of a course completion and its enrolment: NSN, course, start date.
type CourseKey = (i32, Id, NaiveDate);

fn enrolment_key(enrolment: &Enrolment) -> Option<CourseKey> {
    Some((
        enrolment.nsn?,
        enrolment.course.as_ref()?.id,
        enrolment.start?,
    ))
}

fn completion_key(completion: &CourseCompletion) -> Option<CourseKey> {
    Some((
        completion.nsn?,
        completion.course.as_ref()?.id,
        completion.start?,
    ))
}

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    if scope.read(SdrFile::CourseEnrolments) && scope.usable(SdrFile::CourseCompletions) {
        withdrawn_enrolments(context, out);
    }
    if scope.read(SdrFile::CourseCompletions) && scope.usable(SdrFile::CourseEnrolments) {
        unmatched_course_completions(context, out);
    }
    if scope.read(SdrFile::QualificationCompletions) && scope.usable(SdrFile::CourseEnrolments) {
        qualification_completions(context, out);
    }
}

/// What the completions matching one fund 31 enrolment say.
#[derive(Default)]
struct Outcome {
    /// One of them is 4.
    withdrew: bool,
    /// Those with a known indicator other than 4, with it.
    others: Named,
}

fn is_fund_31(enrolment: &Enrolment) -> bool {
    enrolment.fund == Some(FundingSource::NON_FUNDED_CONFIRMED)
}

/// XF-012.
fn withdrawn_enrolments(context: &Context<'_>, out: &mut Out<'_>) {
    if !context.enrolments.iter().any(is_fund_31) {
        return;
    }
    let fund_31 = ByKey::new(
        context
            .enrolments
            .iter()
            .map(|enrolment| enrolment_key(enrolment).filter(|_| is_fund_31(enrolment))),
        0,
    );
    let mut outcomes: HashMap<CourseKey, Outcome> = HashMap::new();
    for (position, completion) in context.course_completions.iter().enumerate() {
        let Some(key) = completion_key(completion).filter(|key| fund_31.contains(key)) else {
            continue;
        };
        let outcome = outcomes.entry(key).or_default();
        match completion.indicator {
            Some(WITHDREW) => outcome.withdrew = true,
            Some(indicator) => outcome.others.push(
                SdrFile::CourseCompletions,
                out.local_id(SdrFile::CourseCompletions, position),
                Some(&indicator),
            ),
            None => {}
        }
    }
    // Completions with another indicator, naming the fund 31 enrolments they complete.
    for (position, completion) in context.course_completions.iter().enumerate() {
        let Some(indicator) = completion
            .indicator
            .filter(|&indicator| indicator != WITHDREW)
        else {
            continue;
        };
        let Some(key) = completion_key(completion) else {
            continue;
        };
        if outcomes.get(&key).is_none_or(|outcome| outcome.withdrew) {
            continue;
        }
        let Some(group) = fund_31.get(&key) else {
            continue;
        };
        let mut enrolments = Named::new();
        for enrolment in fund_31.members(group).take(MAX_NAMED) {
            enrolments.push(
                SdrFile::CourseEnrolments,
                out.local_id(SdrFile::CourseEnrolments, enrolment),
                None,
            );
        }
        enrolments.add_unnamed(group.count - enrolments.len());
        out.report(
            &XF_012,
            SdrFile::CourseCompletions,
            position,
            INDICATOR,
            format_args!(
                "{INDICATOR} is {indicator} but the enrolment it completes ({enrolments}) has \
                 sourceOfFunding 31, a confirmed enrolment withdrawn before it became eligible \
                 for funding, whose completion is 4 (did not complete course)"
            ),
        );
    }
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        if !is_fund_31(enrolment) {
            continue;
        }
        let Some(key) = enrolment_key(enrolment) else {
            continue;
        };
        match outcomes.get(&key) {
            None => out.report(
                &XF_012,
                SdrFile::CourseEnrolments,
                position,
                "sourceOfFunding",
                format_args!(
                    "sourceOfFunding is 31 (non-funded confirmed enrolment, withdrawn before it \
                     became eligible for funding) but no course completion matches this \
                     enrolment (nationalStudentNumber {}, courseCode {}, courseStartDate {}); \
                     report its completion with {INDICATOR} 4 (did not complete course)",
                    key.0,
                    Shown(
                        enrolment
                            .course
                            .as_ref()
                            .map_or("", |code| context.keys.text(code))
                    ),
                    key.2
                ),
            ),
            Some(outcome) if !outcome.withdrew && !outcome.others.is_empty() => out.report(
                &XF_012,
                SdrFile::CourseEnrolments,
                position,
                "sourceOfFunding",
                format_args!(
                    "sourceOfFunding is 31 (non-funded confirmed enrolment, withdrawn before it \
                     became eligible for funding) but its course completion gives another \
                     {INDICATOR} than 4 (did not complete course): {}",
                    outcome.others
                ),
            ),
            Some(_) => {}
        }
    }
}

/// XF-015.
fn unmatched_course_completions(context: &Context<'_>, out: &mut Out<'_>) {
    let mut enrolments: HashSet<CourseKey> = HashSet::with_capacity(context.enrolments.len());
    enrolments.extend(context.enrolments.iter().filter_map(enrolment_key));
    // The first enrolment of each NSN and course, with its start date: built only when some
    // completion is unmatched.
    let mut near: Option<HashMap<(i32, Id), (usize, NaiveDate)>> = None;
    for (position, completion) in context.course_completions.iter().enumerate() {
        let Some(key @ (nsn, course, start)) = completion_key(completion) else {
            continue;
        };
        if enrolments.contains(&key) {
            continue;
        }
        let near = near.get_or_insert_with(|| {
            let mut near = HashMap::new();
            for (position, enrolment) in context.enrolments.iter().enumerate() {
                if let Some((nsn, course, start)) = enrolment_key(enrolment) {
                    near.entry((nsn, course)).or_insert((position, start));
                }
            }
            near
        });
        let hint = near
            .get(&(nsn, course))
            .map(|&(enrolment, enrolment_start)| {
                format!(
                    "; course-enrolments {} has this NSN and course, with courseStartDate \
                     {enrolment_start}",
                    Shown(out.local_id(SdrFile::CourseEnrolments, enrolment))
                )
            })
            .unwrap_or_default();
        out.report(
            &XF_015,
            SdrFile::CourseCompletions,
            position,
            "",
            format_args!(
                "no course enrolment of this return matches this completion on \
                 nationalStudentNumber {nsn}, courseCode {} and courseStartDate {start}{hint}; the \
                 funder leaves a completion without its enrolment out of the course-completion \
                 EPI, unless the enrolment was reported in an earlier return",
                Shown(
                    completion
                        .course
                        .as_ref()
                        .map_or("", |code| context.keys.text(code))
                )
            ),
        );
    }
}

/// XF-016, XF-017 and XF-018.
fn qualification_completions(context: &Context<'_>, out: &mut Out<'_>) {
    let enrolments = context.enrolments;
    // For each NSN and qualification, the enrolment with the latest end date (the first of
    // equals), or `None` when no end date is known.
    let mut latest: HashMap<(i32, Id), Option<usize>> = HashMap::new();
    for (position, enrolment) in enrolments.iter().enumerate() {
        let (Some(nsn), Some(qualification)) = (enrolment.nsn, &enrolment.qualification) else {
            continue;
        };
        let slot = latest.entry((nsn, qualification.id)).or_insert(None);
        if let Some(end) = enrolment.end
            && slot.is_none_or(|current| enrolments[current].end < Some(end))
        {
            *slot = Some(position);
        }
    }
    let by_nsn = ByKey::new(
        enrolments.iter().map(|enrolment| enrolment.nsn),
        enrolments.len(),
    );
    for (position, completion) in context.qualification_completions.iter().enumerate() {
        let (Some(nsn), Some(qualification)) = (completion.nsn, &completion.qualification) else {
            continue;
        };
        let matched = latest
            .get(&(nsn, qualification.id))
            .map(|&last| (qualification, last))
            .or_else(|| {
                let linked = completion.linked.as_ref()?;
                latest.get(&(nsn, linked.id)).map(|&last| (linked, last))
            });
        match matched {
            Some((code, Some(last))) => {
                let (Some(year), Some(end)) = (completion.year, enrolments[last].end) else {
                    continue;
                };
                if end.year() > year {
                    completed_before_the_end(
                        out,
                        position,
                        last,
                        context.keys.text(code),
                        year,
                        end,
                    );
                }
            }
            Some((_, None)) => {}
            None => match by_nsn.get(&nsn) {
                None => out.report(
                    &XF_016,
                    SdrFile::QualificationCompletions,
                    position,
                    "nationalStudentNumber",
                    format_args!(
                        "no course enrolment of this return has nationalStudentNumber {nsn}; the \
                         funder matches a qualification completion to the learner's enrolments \
                         (on NSN and qualification code, or NSN alone) and leaves it out of the \
                         EPIs when none matches, unless they were reported in earlier returns"
                    ),
                ),
                Some(group) => {
                    let mut others = Named::new();
                    for enrolment in by_nsn.members(group).take(MAX_NAMED) {
                        let shown = enrolments[enrolment]
                            .qualification
                            .as_ref()
                            .map(|code| format!("qualification {}", context.keys.shown(code)));
                        others.push(
                            SdrFile::CourseEnrolments,
                            out.local_id(SdrFile::CourseEnrolments, enrolment),
                            shown.as_ref().map(|shown| shown as &dyn std::fmt::Display),
                        );
                    }
                    others.add_unnamed(group.count - others.len());
                    let linked = completion
                        .linked
                        .as_ref()
                        .map(|code| {
                            format!(
                                " or its linkedQualificationForFeesFree {}",
                                context.keys.shown(code)
                            )
                        })
                        .unwrap_or_default();
                    out.report(
                        &XF_017,
                        SdrFile::QualificationCompletions,
                        position,
                        "qualificationCode",
                        format_args!(
                            "no course enrolment of nationalStudentNumber {nsn} in this return is \
                             in qualification {}{linked}; the funder then matches on NSN alone, \
                             to {others}: check the qualification code",
                            context.keys.shown(qualification)
                        ),
                    );
                }
            },
        }
    }
}

/// XF-018, on the completion and on the enrolment that ends last.
fn completed_before_the_end(
    out: &mut Out<'_>,
    completion: usize,
    enrolment: usize,
    qualification: &str,
    year: i32,
    end: NaiveDate,
) {
    let enrolment_id = out.local_id(SdrFile::CourseEnrolments, enrolment);
    let completion_id = out.local_id(SdrFile::QualificationCompletions, completion);
    out.report(
        &XF_018,
        SdrFile::QualificationCompletions,
        completion,
        "yearRequirementsMet",
        format_args!(
            "yearRequirementsMet {year} is before {}, the year of the latest courseEndDate of the \
             learner's enrolments in qualification {} ({end}, course-enrolments {}); the funder \
             leaves a completion met before its last course ended out of the EPIs",
            end.year(),
            Shown(qualification),
            Shown(enrolment_id)
        ),
    );
    out.report(
        &XF_018,
        SdrFile::CourseEnrolments,
        enrolment,
        "courseEndDate",
        format_args!(
            "courseEndDate {end} is in a later year than {year}, the yearRequirementsMet of the \
             learner's completion of qualification {} (qualification-completions {}); the \
             funder leaves that completion out of the EPIs: check the year or this end date",
            Shown(qualification),
            Shown(completion_id)
        ),
    );
}
