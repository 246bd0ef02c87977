//! The learner's enrolment type (SDR domain specification §2.0) and the fields a type D learner
//! must have (XF-019, XF-020).
//!
//! The type decides which fields the funder requires of a learner, and it depends on all of the
//! learner's enrolments in the return, so no single record can know it: one learner record or
//! one enrolment checked on its own (a dry run) leaves these fields optional, or warns (CE-037).
//! Here, with the whole return, each learner's type is derived from their enrolments (matched
//! on studentIdentificationCode, as the learner's enrolments are):
//!
//! | Type | When |
//! |---|---|
//! | D | an enrolment in a formal qualification, not funded by STAR, and more than 0.03 EFTS in the return over all of the learner's enrolments |
//! | B | otherwise, a STAR learner (an enrolment with sourceOfFunding 05), or a learner in a formal qualification with 0.03 EFTS or less |
//! | C | otherwise: non-formal education only (G9999, GFFSSX) |
//!
//! A formal qualification is any qualificationCode that is not G and digits (see
//! `files::common`); the EFTS in the return is the sum of the enrolments' eftsByMonth, the
//! months of the return year.
//!
//! Judgement calls, where the material is silent:
//!
//! - **STAR learners.** §2.0 puts "all STAR learners" in type B and every learner in a formal
//!   qualification above 0.03 EFTS in type D. A learner with both, a STAR enrolment and a formal
//!   enrolment of another fund, is type D: the other enrolment is the full-data provision type D
//!   describes, and the STAR enrolment does not take it away. A learner whose formal enrolments
//!   are all STAR-funded stays type B, whatever their EFTS: that is the STAR learner of §2.0.
//!   The 0.03 threshold counts all of the learner's enrolments ("total EFTS across all
//!   enrolments"), the STAR and non-formal ones too.
//! - **Above 0.03** is compared in ten-thousandths of an EFTS, the precision of eftsByMonth, so
//!   that three months of 0.01 are 0.03 exactly, not a hair over.
//! - **What is not known counts for nothing.** An enrolment whose qualificationCode or
//!   sourceOfFunding cannot be read is not evidence of a formal enrolment, and eftsByMonth that
//!   cannot be read adds no EFTS: the record's own rules report those fields, and a learner is
//!   only held to type D on what the return shows. (EFTS are never negative, CE-020, so what is
//!   unread could only add to the total.)
//! - **The learner's type D fields** are the learner record's fields §2.1 and the field table
//!   mark mandatory for type D: mainActivityAt1October, firstYearOfTertiaryEducation,
//!   lastSecondarySchoolAttended, lastYearAtSecondarySchool,
//!   highestSecondarySchoolQualification, permanentPostCode and termPostCode. Three of them
//!   describe New Zealand facts some type D learners do not have, and are required only of the
//!   learners who have them: lastSecondarySchoolAttended (a Ministry of Education school
//!   number) not of a learner whose highest secondary school qualification is an overseas award
//!   (90, 91 or 92); termPostCode (a New Zealand post code) only of a learner residing in New
//!   Zealand for some enrolment (intramuralExtramuralAttendance 1 or 2); permanentPostCode only
//!   of a learner who is, for some enrolment, a domestic student (fees category 00) residing in
//!   New Zealand: an international student's permanent home is overseas.
//! - **Which enrolments.** The type is the learner's, so every enrolment of a type D learner
//!   needs secondarySchoolProgrammeIndicator and actualCourseFee (spec 003 marks the indicator
//!   "Type of enrolment: D"), the non-formal and STAR ones too.
//! - **One problem per fault.** Each missing field of each record is one problem (an error),
//!   on that record and field, and its message gives the derived type and why. The enrolments'
//!   record rule CE-037 still warns about the same fields on upload, where the type is not known.

use super::read::{Code, EFTS_UNITS, Enrolment, Presence, TypeDField};
use super::{Context, Out};
use crate::SdrFile;
use crate::codes::{Attendance, FeesCategory};
use crate::validation::Severity;
use crate::validation::files::common::is_g_digits;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Shown;

/// STAR funded student: spec 003's source of funding 05.
const STAR_FUND: u8 = 5;

/// The EFTS in the return above which a learner in a formal qualification is type D, in
/// ten-thousandths of an EFTS: 0.03.
const TYPE_D_ABOVE: i64 = 300;

pub(crate) const XF_019: Rule = rule(
    SdrFile::Learners,
    "XF-019",
    "*",
    Severity::Error,
    Check::Batch,
    "The learner record of a type D learner has the fields the funder requires of \
     type D learners (domain spec §2.0 and §2.1; §3.1 for the rules across files). \
     The type is derived from the learner's enrolments in the return: D when the \
     learner has an enrolment in a formal qualification (not G9999 or GFFSSX) not \
     funded by STAR (sourceOfFunding 05) and more than 0.03 EFTS in the return (the \
     sum of eftsByMonth over all of the learner's enrolments); B for other STAR \
     learners and formal learners at 0.03 EFTS or less; C for non-formal education \
     only. Required of every type D learner: mainActivityAt1October, \
     firstYearOfTertiaryEducation, lastYearAtSecondarySchool and \
     highestSecondarySchoolQualification; lastSecondarySchoolAttended unless the \
     highest secondary school qualification is an overseas award (90, 91, 92); \
     termPostCode when the learner resides in New Zealand for an enrolment \
     (attendance 1 or 2); permanentPostCode when the learner is also a domestic \
     student there (fees category 00). Each missing field is a problem on the learner \
     record, naming the learner's type and why. A learner record checked on its own \
     cannot know the type and does not require them.",
);

pub(crate) const XF_020: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-020",
    "*",
    Severity::Error,
    Check::Batch,
    "Every course enrolment of a type D learner (the learner's type derived from all \
     of their enrolments in the return, as in XF-019) has \
     secondarySchoolProgrammeIndicator (Y or N) and actualCourseFee: spec 003 makes \
     both mandatory and the indicator applies to type D (domain spec §2.0; §3.1 for \
     the rules across files). Each missing field is a problem on the enrolment, \
     naming the learner's type and why. An enrolment checked on its own cannot know \
     the type: CE-037 only warns.",
);

/// A learner's enrolment type (SDR domain specification §2.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EnrolmentType {
    /// STAR learners, and learners in formal qualifications of 0.03 EFTS or less.
    B,
    /// Non-formal programmes only.
    C,
    /// A formal qualification and more than 0.03 EFTS.
    D,
}

/// What decides one learner's type, gathered from the learner's enrolments.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    /// The first enrolment (its position) in a formal qualification not funded by STAR.
    formal: Option<usize>,
    /// Whether an enrolment is in a formal qualification, whatever its fund.
    any_formal: bool,
    /// Whether an enrolment is STAR-funded.
    star: bool,
    /// The learner's EFTS in the return, in ten-thousandths.
    efts_units: i64,
    /// How many enrolments the learner has.
    enrolments: usize,
    /// Whether the learner resides in New Zealand for an enrolment (attendance 1 or 2).
    in_new_zealand: bool,
    /// Whether the learner is, for an enrolment, a domestic student residing in New Zealand.
    domestic_in_new_zealand: bool,
}

impl Evidence {
    fn add(&mut self, position: usize, enrolment: &Enrolment, keys: &super::read::Interners) {
        self.enrolments += 1;
        let star = enrolment.fund == Some(STAR_FUND);
        self.star |= star;
        let formal = enrolment
            .qualification
            .as_ref()
            .is_some_and(|code| !is_g_digits(keys.text(code)));
        self.any_formal |= formal;
        if formal && !star && enrolment.fund.is_some() && self.formal.is_none() {
            self.formal = Some(position);
        }
        if let Some(units) = enrolment.efts_in_return {
            self.efts_units += i64::from(units);
        }
        let residing_here = matches!(
            enrolment.attendance,
            Some(Attendance::IntramuralInNz | Attendance::ExtramuralInNz)
        );
        self.in_new_zealand |= residing_here;
        self.domestic_in_new_zealand |=
            residing_here && enrolment.fees == Some(FeesCategory::Domestic);
    }

    fn enrolment_type(&self) -> EnrolmentType {
        if self.formal.is_some() && self.efts_units > TYPE_D_ABOVE {
            EnrolmentType::D
        } else if self.star || self.any_formal {
            EnrolmentType::B
        } else {
            EnrolmentType::C
        }
    }

    /// Whether a type D learner must give `field` of the learner record.
    fn requires(&self, field: TypeDField, schooled_overseas: bool) -> bool {
        match field {
            TypeDField::School => !schooled_overseas,
            TypeDField::TermPostCode => self.in_new_zealand,
            TypeDField::PermanentPostCode => self.domestic_in_new_zealand,
            TypeDField::MainActivity
            | TypeDField::FirstYear
            | TypeDField::LastSchoolYear
            | TypeDField::SecondaryQualification => true,
        }
    }
}

/// Each learner's evidence, by studentIdentificationCode.
fn gather(context: &Context<'_>) -> Vec<Evidence> {
    let mut learners = vec![Evidence::default(); context.students];
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        if let Some(student) = &enrolment.student {
            learners[student.id.index()].add(position, enrolment, context.keys);
        }
    }
    learners
}

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    if !context.scope.read(SdrFile::CourseEnrolments) {
        return;
    }
    let learners = gather(context);
    if !learners
        .iter()
        .any(|learner| learner.enrolment_type() == EnrolmentType::D)
    {
        return;
    }
    enrolment_fields(context, &learners, out);
    if context.scope.usable(SdrFile::Learners) {
        learner_fields(context, &learners, out);
    }
}

/// Why a learner is type D, for the messages: "learner 'S1' is type D: enrolled in
/// qualification 'BB7101' (course-enrolments 'E-1') with 0.2500 EFTS in this return over 2
/// enrolments, above 0.03".
fn why_type_d(context: &Context<'_>, out: &Out<'_>, student: &Code, evidence: &Evidence) -> String {
    let Some(position) = evidence.formal else {
        return String::new();
    };
    let enrolment = &context.enrolments[position];
    let qualification = enrolment
        .qualification
        .as_ref()
        .map_or("", |code| context.keys.text(code));
    let over = match evidence.enrolments {
        1 => String::new(),
        count => format!(" over {count} enrolments"),
    };
    format!(
        "learner {} is type D: enrolled in formal qualification {} ({} {}) with {:.4} EFTS in \
         this return{over}, above 0.03",
        context.keys.shown(student),
        Shown(qualification),
        SdrFile::CourseEnrolments,
        Shown(out.local_id(SdrFile::CourseEnrolments, position)),
        evidence.efts_units as f64 / EFTS_UNITS,
    )
}

/// XF-020.
fn enrolment_fields(context: &Context<'_>, learners: &[Evidence], out: &mut Out<'_>) {
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let Some(student) = &enrolment.student else {
            continue;
        };
        let evidence = &learners[student.id.index()];
        if evidence.enrolment_type() != EnrolmentType::D {
            continue;
        }
        let missing = [
            (
                "secondarySchoolProgrammeIndicator",
                enrolment.secondary_school,
                "Y if the course is part of the learner's secondary school programme, N if not",
            ),
            (
                "actualCourseFee",
                enrolment.actual_fee,
                "the tuition and compulsory course costs charged for the course, in dollars \
                 including GST, after any discount or scholarship",
            ),
        ];
        for (field, presence, expected) in missing {
            if presence != Presence::Missing {
                continue;
            }
            let why = why_type_d(context, out, student, evidence);
            out.report(
                &XF_020,
                SdrFile::CourseEnrolments,
                position,
                field,
                format_args!(
                    "{field} is missing, and it is mandatory for type D learners (spec 003); \
                     {why}; give {expected}"
                ),
            );
        }
    }
}

/// What each type D field of the learner record holds, for the messages.
fn expected_value(field: TypeDField) -> &'static str {
    match field {
        TypeDField::MainActivity => {
            "the learner's main activity on 1 October of the year before (e.g. 01 secondary \
             school student)"
        }
        TypeDField::FirstYear => "the year the learner first enrolled in tertiary education",
        TypeDField::School => {
            "the Ministry of Education number of the learner's last secondary school (or, for a \
             learner schooled overseas, their highest secondary school qualification as an \
             overseas award, 90 to 92)"
        }
        TypeDField::LastSchoolYear => "the year the learner was last at secondary school",
        TypeDField::SecondaryQualification => {
            "the learner's highest secondary school qualification (e.g. 24 NCEA Level 2)"
        }
        TypeDField::PermanentPostCode => {
            "the New Zealand post code of the learner's permanent address; the learner is a \
             domestic student residing in New Zealand"
        }
        TypeDField::TermPostCode => {
            "the New Zealand post code of the learner's term address; the learner resides in New \
             Zealand"
        }
    }
}

/// XF-019.
fn learner_fields(context: &Context<'_>, learners: &[Evidence], out: &mut Out<'_>) {
    for (position, learner) in context.learners.iter().enumerate() {
        let Some(student) = &learner.student else {
            continue;
        };
        // Only the one record of a learner (several are LR-007's), whose enrolments decide.
        if context.learner(student.id).map(|(at, _)| at) != Some(position) {
            continue;
        }
        let Some(evidence) = learners.get(student.id.index()) else {
            continue;
        };
        if evidence.enrolment_type() != EnrolmentType::D {
            continue;
        }
        for field in TypeDField::ALL {
            if !learner.missing_type_d.lacks(field)
                || !evidence.requires(field, learner.schooled_overseas)
            {
                continue;
            }
            let why = why_type_d(context, out, student, evidence);
            let name = field.name();
            out.report(
                &XF_019,
                SdrFile::Learners,
                position,
                name,
                format_args!(
                    "{name} is missing, and it is mandatory for type D learners; {why}; give {}",
                    expected_value(field)
                ),
            );
        }
    }
}
