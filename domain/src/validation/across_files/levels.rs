//! What the level of an enrolment's course allows: the apprenticeships flag up to NZQCF Level 4
//! (XF-021) and the international on-shore PhD fees category at Level 10 (XF-022).
//!
//! The level is the course's `levelOnNzqcf` in the course register of the return, the only
//! level a return carries. An enrolment whose course is missing from the register, or in it
//! more than once, or whose level cannot be read, is not checked: XF-006, CR-007 and the
//! register's own rules report those.
//!
//! Judgement calls: both are errors, because spec 003 states each as a condition of the value,
//! not as advice: the apprenticeships field "applies to New Zealand Apprenticeships (up to
//! NZQCF level 4)", and category 09 "is for a student enrolled in a programme of study that is
//! a PhD (Level 10 on the NZQCF)". A flag or category outside its level claims a funding
//! condition the course cannot meet (apprenticeship provision, the domestic fee treatment of
//! an international PhD student), so the return must not be processed with it. Only the
//! enrolment gets the problem, naming the register record: one enrolment's flag or category is
//! the usual fault, and a wrong level in the register would show on every enrolment of the
//! course at once.

use super::read::Enrolment;
use super::{Context, Out};
use crate::SdrFile;
use crate::codes::FeesCategory;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Shown;

const APPRENTICESHIPS: &str = "apprenticeships";
const FEES: &str = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";

/// The highest NZQCF level of a New Zealand Apprenticeship (spec 003).
const HIGHEST_APPRENTICESHIP_LEVEL: i32 = 4;
/// The NZQCF level of a doctorate (PhD).
const DOCTORAL_LEVEL: i32 = 10;

pub(crate) const XF_021: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-021",
    APPRENTICESHIPS,
    Severity::Error,
    Check::Batch,
    "A course enrolment with apprenticeships true (a New Zealand Apprenticeship, \
     including approved provider-based apprenticeships) is in a course at NZQCF \
     Level 4 or below: levelOnNzqcf of its course in the course register (spec 003: \
     the field applies up to NZQCF level 4; domain spec §3.1 for the rules across \
     files). An error: the flag claims apprenticeship provision the course's level \
     cannot be. The enrolment gets the problem, naming the register record. Not \
     checked while the course is missing from the register or in it more than once \
     (XF-006, CR-007).",
);

pub(crate) const XF_022: Rule = rule(
    SdrFile::CourseEnrolments,
    "XF-022",
    FEES,
    Severity::Error,
    Check::Batch,
    "A course enrolment with category of fees assessment 09 (International On-Shore \
     PhD student) is in a course at NZQCF Level 10: levelOnNzqcf of its course in the \
     course register (spec 003, note *2: category 09 is for a PhD, Level 10, wholly \
     research; domain spec §3.1 for the rules across files). The enrolment gets the \
     problem, naming the register record. Not checked while the course is missing \
     from the register or in it more than once (XF-006, CR-007).",
);

pub(super) fn check(context: &Context<'_>, out: &mut Out<'_>) {
    let scope = context.scope;
    if !scope.read(SdrFile::CourseEnrolments) || !scope.usable(SdrFile::Courses) {
        return;
    }
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        let apprenticeship = enrolment.apprenticeship == Some(true);
        let phd = enrolment.fees == Some(FeesCategory::InternationalOnshorePhd);
        if !apprenticeship && !phd {
            continue;
        }
        let Some(course) = Registered::of(context, out, enrolment) else {
            continue;
        };
        if apprenticeship && course.level > HIGHEST_APPRENTICESHIP_LEVEL {
            out.report(
                &XF_021,
                SdrFile::CourseEnrolments,
                position,
                APPRENTICESHIPS,
                format_args!(
                    "apprenticeships is true, but {course}; the apprenticeships field applies to \
                     New Zealand Apprenticeships up to NZQCF Level {HIGHEST_APPRENTICESHIP_LEVEL} \
                     (spec 003): give false, or check the course's level in the register"
                ),
            );
        }
        if phd && course.level != DOCTORAL_LEVEL {
            out.report(
                &XF_022,
                SdrFile::CourseEnrolments,
                position,
                FEES,
                format_args!(
                    "{FEES} is 09 ({}), but {course}; category 09 is for a PhD, a wholly research \
                     programme at NZQCF Level {DOCTORAL_LEVEL} (spec 003, note *2): give the \
                     learner's category for this course (e.g. 03, International Fee-Paying \
                     Student), or check the course's level in the register",
                    FeesCategory::InternationalOnshorePhd.meaning()
                ),
            );
        }
    }
}

/// An enrolment's course as the register has it, for the messages.
struct Registered<'r> {
    code: &'r str,
    local_id: &'r str,
    level: i32,
}

impl<'r> Registered<'r> {
    /// The course of an enrolment, when the register has it once with a readable level.
    fn of(context: &Context<'r>, out: &Out<'r>, enrolment: &Enrolment) -> Option<Self> {
        let code = enrolment.course.as_ref()?;
        let (position, course) = context.course(code.id)?;
        Some(Registered {
            code: context.keys.text(code),
            local_id: out.local_id(SdrFile::Courses, position),
            level: course.level?,
        })
    }
}

impl std::fmt::Display for Registered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "course {} is at NZQCF Level {} in the course register ({} {})",
            Shown(self.code),
            self.level,
            SdrFile::Courses,
            Shown(self.local_id)
        )
    }
}
