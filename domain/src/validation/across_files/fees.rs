//! Fees against the learner's citizenship (X7) and the international tuition fee (X12).
//!
//! Spec 003's note *1 decides the category of fees assessment from Country of Citizenship (in
//! the learner file), Residential Status, Australian Residential Status and attendance (in the
//! enrolment), and for learners residing overseas the NZQCF level of study (in the course
//! register). CE-015 already checks what the enrolment decides alone; these rules add what
//! needs the learner's citizenship or the course's level:
//!
//! | Learner | Attendance | Category |
//! |---|---|---|
//! | New Zealand citizen | any | 00 (XF-008) |
//! | Australian citizen | 1, 2 (residing in NZ) | 00 (XF-008) |
//! | Australian citizen | 3 (extramural overseas) | not 00 (XF-009) |
//! | Australian citizen, resident visa holder or Australian PR | 4 (intramural overseas), course below Level 7 | not 00 (XF-009) |
//! | the same | 4, course at Level 7 or above | not checked: 00 only "in a country they are not familiar with", which no record says |
//! | another citizen, resident visa holder or Australian PR | 1, 2 | 00 (CE-015) |
//! | another citizen with Australian PR only | 3 | not 00 (XF-009; CE-015 covers the resident visa holder) |
//! | another citizen, neither resident visa nor Australian PR | any | not 00 (XF-009): an international student |
//!
//! Judgement calls: "Level 7 or above" is read as the `levelOnNzqcf` of the enrolment's course
//! in the course register (the only level a return carries); a country code that is not three
//! upper-case letters is unknown, not foreign, so no fees rule accuses a learner over its
//! spelling; and residentialStatus Y contradicts New Zealand or Australian citizenship (XF-010),
//! since spec 003 defines Y as excluding both.

use std::collections::HashMap;

use super::index::Named;
use super::read::{Citizenship, Enrolment, Learner, Presence};
use super::{Context, Out};
use crate::SdrFile;
use crate::codes::{Attendance, FeesCategory, ResidentialStatus};
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Shown;

const FEES: &str = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
const FOREIGN_FEE: &str = "tuitionFeePaidByInternationalFeePayingStudent";

/// The lowest NZQCF level at which note *1 lets learners residing overseas be domestic.
const DOMESTIC_OVERSEAS_FROM_LEVEL: i32 = 7;

/// International Fee-Paying (IFP) Students: the source of funding of international fee-payers.
const IFP_FUND: u8 = 2;

/// Judgement call: an error. The legacy system refused these learners (errors 362 and 363) and
/// the field is the only place the international tuition fee is reported. Only the learner
/// record gets the problem: the enrolments that make the learner a fee-payer are not wrong, and
/// are named in the message.
pub(crate) const XF_004: Rule = rule(
    SdrFile::Learners,
    "XF-004",
    FOREIGN_FEE,
    Severity::Error,
    Check::Batch,
    "A learner who is an international fee-payer in an enrolment (category of fees \
     assessment 03, International Fee-Paying Student, or sourceOfFunding 02, \
     International Fee-Paying) has tuitionFeePaidByInternationalFeePayingStudent in \
     the learner record (domain spec §3.1, X12; legacy errors 362/363). The learner \
     record gets the problem, naming the enrolments.",
)
.with_legacy_error(362);

pub(crate) const XF_008: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-008",
    FEES,
    Severity::Error,
    Check::Batch,
    "The category of fees assessment is 00 (Domestic Student) for New Zealand \
     citizens (countryOfCitizenship NZL in the learner record), always, and for \
     Australian citizens (AUS) residing in New Zealand (intramuralExtramuralAttendance \
     1 or 2) (spec 003, note *1; domain spec §3.1, X7). The enrolment gets the \
     problem, naming the learner record.",
);

pub(crate) const XF_009: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-009",
    FEES,
    Severity::Error,
    Check::Batch,
    "The category of fees assessment is not 00 for an international student (spec \
     003: not a New Zealand or Australian citizen and not a resident visa holder, or \
     one of those residing overseas; domain spec §3.1, X7): a learner who is neither \
     an NZL or AUS citizen (learner record), nor a resident visa holder \
     (residentialStatus Y), nor an Australian permanent resident; an Australian \
     citizen studying extramurally from overseas (attendance 3); an Australian \
     permanent resident of another citizenship studying extramurally from overseas; \
     and an Australian citizen, resident visa holder or Australian permanent resident \
     studying intramurally overseas (attendance 4) in a course below NZQCF Level 7 \
     (levelOnNzqcf in the course register). The enrolment gets the problem, naming \
     the learner record (and the course record).",
);

pub(crate) const XF_010: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-010",
    "residentialStatus",
    Severity::Error,
    Check::Batch,
    "residentialStatus is N for New Zealand and Australian citizens \
     (countryOfCitizenship NZL or AUS in the learner record): spec 003 defines Y as a \
     New Zealand resident visa holder, excluding all New Zealand and Australian \
     citizens (domain spec §3.1, X7). The enrolment gets the problem, naming the \
     learner record.",
);

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    if !scope.read(SdrFile::CourseEnrolments) || !scope.usable(SdrFile::Learners) {
        return;
    }
    citizenship_and_fees(context, out);
    international_tuition_fee(context, out);
}

/// What decides an enrolment's fees, gathered from the three files.
struct Facts<'r> {
    citizenship: Citizenship,
    country: &'r str,
    learner_id: &'r str,
    category: FeesCategory,
    attendance: Attendance,
    resident_visa: Option<bool>,
    australian_pr: Option<bool>,
}

/// XF-008, XF-009 and XF-010.
fn citizenship_and_fees(context: &Context<'_>, out: &mut Out<'_>) {
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let Some((learner_position, learner)) = enrolment
            .student
            .as_ref()
            .and_then(|student| context.learner(student.id))
        else {
            continue;
        };
        let Some((country, citizenship)) = &learner.citizenship else {
            continue;
        };
        let learner_id = out.local_id(SdrFile::Learners, learner_position);
        let resident_visa = enrolment
            .residency
            .map(|status| status == ResidentialStatus::ResidentVisaHolder);
        if resident_visa == Some(true) && *citizenship != Citizenship::Other {
            out.report(
                &XF_010,
                SdrFile::CourseEnrolments,
                position,
                "residentialStatus",
                format_args!(
                    "residentialStatus is Y (New Zealand resident visa holder) but the learner is \
                     {} (countryOfCitizenship {} in learners {}); Y excludes all New Zealand and \
                     Australian citizens, who are N",
                    citizen(*citizenship),
                    context.keys.shown(country),
                    Shown(learner_id)
                ),
            );
        }
        let (Some(category), Some(attendance)) = (enrolment.fees, enrolment.attendance) else {
            continue;
        };
        let facts = Facts {
            citizenship: *citizenship,
            country: context.keys.text(country),
            learner_id,
            category,
            attendance,
            resident_visa,
            australian_pr: enrolment.australian_pr,
        };
        fees_against_citizenship(context, enrolment, position, &facts, out);
    }
}

fn citizen(citizenship: Citizenship) -> &'static str {
    match citizenship {
        Citizenship::NewZealand => "a New Zealand citizen",
        Citizenship::Australia => "an Australian citizen",
        Citizenship::Other => "a citizen of another country",
    }
}

/// Who the learner is for note *1, when it decides the category.
enum Case {
    /// A New Zealand citizen: 00.
    NewZealandCitizen,
    /// An Australian citizen residing in New Zealand: 00.
    AustralianInNz,
    /// An Australian citizen studying extramurally from overseas: not 00.
    AustralianOverseas,
    /// A citizen of another country, holding Australian permanent residency only, studying
    /// extramurally from overseas: not 00.
    PermanentResidentOverseas,
    /// An Australian citizen, resident visa holder or Australian permanent resident studying
    /// intramurally overseas in a course below Level 7: not 00.
    BelowLevel7 {
        /// The residency that would make the learner domestic at Level 7 (after a comma), or
        /// nothing for an Australian citizen.
        status: &'static str,
        course: usize,
        level: i32,
    },
    /// A citizen of another country with neither a resident visa nor Australian permanent
    /// residency: not 00.
    International,
}

impl Case {
    fn domestic(&self) -> bool {
        matches!(self, Case::NewZealandCitizen | Case::AustralianInNz)
    }
}

/// Which case of note *1 an enrolment is, if note *1 decides it here (see the module table).
fn case_of(context: &Context<'_>, enrolment: &Enrolment, facts: &Facts<'_>) -> Option<Case> {
    // For learners residing overseas: the course, when it is below Level 7.
    let below_level_7 = |status: &'static str| {
        let (course, record) = context.course(enrolment.course.as_ref()?.id)?;
        let level = record.level?;
        (level < DOMESTIC_OVERSEAS_FROM_LEVEL).then_some(Case::BelowLevel7 {
            status,
            course,
            level,
        })
    };
    let mode = facts.attendance;
    match facts.citizenship {
        Citizenship::NewZealand => Some(Case::NewZealandCitizen),
        Citizenship::Australia => match mode {
            Attendance::IntramuralInNz | Attendance::ExtramuralInNz => Some(Case::AustralianInNz),
            // A resident visa holder here is XF-010's (and CE-015's) problem already.
            Attendance::ExtramuralOverseas => {
                (facts.resident_visa != Some(true)).then_some(Case::AustralianOverseas)
            }
            Attendance::IntramuralOverseas => below_level_7(""),
        },
        Citizenship::Other => {
            let (resident_visa, australian_pr) = (facts.resident_visa?, facts.australian_pr?);
            match mode {
                _ if !resident_visa && !australian_pr => Some(Case::International),
                // Residing in New Zealand: 00, which CE-015 checks from the enrolment alone.
                Attendance::IntramuralInNz | Attendance::ExtramuralInNz => None,
                // CE-015 covers the resident visa holder.
                Attendance::ExtramuralOverseas if resident_visa => None,
                Attendance::ExtramuralOverseas => Some(Case::PermanentResidentOverseas),
                Attendance::IntramuralOverseas if resident_visa => {
                    below_level_7(", a New Zealand resident visa holder (residentialStatus Y)")
                }
                Attendance::IntramuralOverseas => below_level_7(
                    ", an Australian permanent resident (australianResidentialStatus true)",
                ),
            }
        }
    }
}

fn fees_against_citizenship(
    context: &Context<'_>,
    enrolment: &Enrolment,
    position: usize,
    facts: &Facts<'_>,
    out: &mut Out<'_>,
) {
    let Some(case) = case_of(context, enrolment, facts) else {
        return;
    };
    let domestic = facts.category == FeesCategory::Domestic;
    if case.domestic() == domestic {
        return;
    }
    // A problem: now the message.
    let who = format!(
        "{} (countryOfCitizenship {} in learners {})",
        citizen(facts.citizenship),
        Shown(facts.country),
        Shown(facts.learner_id)
    );
    let mode = facts.attendance;
    let attending = format!(
        "intramuralExtramuralAttendance {}: {}",
        mode.code(),
        mode.meaning()
    );
    let reason = match case {
        Case::NewZealandCitizen => {
            format!("the learner is {who}; New Zealand citizens are always 00")
        }
        Case::AustralianInNz => format!(
            "the learner is {who} residing in New Zealand ({attending}); Australian citizens \
             residing in New Zealand are 00"
        ),
        Case::AustralianOverseas => format!(
            "the learner is {who} studying from overseas ({attending}); Australian citizens \
             residing overseas are international students, 00 only when intramural at Level 7 \
             or above"
        ),
        Case::PermanentResidentOverseas => format!(
            "the learner is {who}, an Australian permanent resident (australianResidentialStatus \
             true) studying from overseas ({attending}); residing overseas, such learners are \
             international students, 00 only when intramural at Level 7 or above"
        ),
        Case::BelowLevel7 {
            status,
            course,
            level,
        } => format!(
            "the learner is {who}{status}, residing overseas ({attending}), and course {} is \
             at NZQCF Level {level} (courses {}); learners residing overseas are 00 only at \
             Level 7 or above",
            Shown(
                enrolment
                    .course
                    .as_ref()
                    .map_or("", |code| context.keys.text(code))
            ),
            Shown(out.local_id(SdrFile::Courses, course))
        ),
        Case::International => format!(
            "the learner is {who}, holds no New Zealand resident visa (residentialStatus N) and \
             is not an Australian permanent resident (australianResidentialStatus false): an \
             international student"
        ),
    };
    if domestic {
        out.report(
            &XF_009,
            SdrFile::CourseEnrolments,
            position,
            FEES,
            format_args!(
                "{FEES} is 00 (Domestic Student) but {reason}; give the learner's international \
                 category (e.g. 03, International Fee-Paying Student) (spec 003, note *1)"
            ),
        );
    } else {
        out.report(
            &XF_008,
            SdrFile::CourseEnrolments,
            position,
            FEES,
            format_args!(
                "{FEES} is {} ({}) but {reason} (spec 003, note *1)",
                facts.category.code(),
                facts.category.meaning()
            ),
        );
    }
}

/// XF-004.
fn international_tuition_fee(context: &Context<'_>, out: &mut Out<'_>) {
    let mut fee_payers: HashMap<usize, Named> = HashMap::new();
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let reason = if enrolment.fees == Some(FeesCategory::InternationalFeePaying) {
            "category 03"
        } else if enrolment.fund == Some(IFP_FUND) {
            "sourceOfFunding 02"
        } else {
            continue;
        };
        let Some((learner_position, Learner { foreign_fee, .. })) = enrolment
            .student
            .as_ref()
            .and_then(|student| context.learner(student.id))
        else {
            continue;
        };
        if *foreign_fee != Presence::Missing {
            continue;
        }
        fee_payers.entry(learner_position).or_default().push(
            SdrFile::CourseEnrolments,
            out.local_id(SdrFile::CourseEnrolments, position),
            Some(&reason),
        );
    }
    for (position, enrolments) in fee_payers {
        out.report(
            &XF_004,
            SdrFile::Learners,
            position,
            FOREIGN_FEE,
            format_args!(
                "{FOREIGN_FEE} is missing, but the learner is an international fee-payer in \
                 {enrolments}; give the tuition fee the learner paid"
            ),
        );
    }
}
