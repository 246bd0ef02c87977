//! The enrolments against the funder's registers (RG-001 to RG-005, rules of
//! [`crate::registers::rules`]): course, qualification and delivery site registered, and the
//! fund (37 or 03) as the qualification's DQ3-7 approval says.
//!
//! Each distinct course and qualification code of the return is looked up once (the codes are
//! numbered as they are read), and each enrolment then reads a slot of a table; a site is a
//! two-byte key. A return of 300,000 enrolments costs a few thousand hash lookups and no
//! allocation per enrolment beyond the problems it has.

use crate::SdrFile;
use crate::registers::RegisterSnapshot;
use crate::registers::rules::{RG_001, RG_002, RG_003, RG_004, RG_005};

use super::{Context, Out};

/// Fund 37: DQ3-7 provision.
const FUND_DQ37: u8 = 37;
/// Fund 03: provision in qualifications not approved for DQ3-7.
const FUND_NOT_DQ37: u8 = 3;

pub(super) fn check(
    context: &Context<'_>,
    registers: &RegisterSnapshot,
    year: Option<i32>,
    out: &mut Out<'_>,
) {
    if !context.scope.read(SdrFile::CourseEnrolments) || registers.is_empty() {
        return;
    }
    let year = year.map_or_else(|| "the return's year".to_owned(), |year| year.to_string());
    // Whether each distinct course code of the return is registered; `None`: not checked.
    let courses_known: Option<Vec<bool>> = registers.courses.as_ref().map(|courses| {
        (0..context.keys.courses.len())
            .map(|index| courses.contains(context.keys.courses.text_at(index)))
            .collect()
    });
    // Each distinct qualification code: `None` not registered, else its DQ3-7 approval.
    let qualifications: Option<Vec<Option<bool>>> =
        registers.qualifications.as_ref().map(|register| {
            (0..context.keys.qualifications.len())
                .map(|index| {
                    register
                        .get(context.keys.qualifications.text_at(index))
                        .copied()
                })
                .collect()
        });
    for (position, enrolment) in context.enrolments.iter().enumerate() {
        if let (Some(known), Some(code)) = (&courses_known, &enrolment.course)
            && !known[code.id.index()]
        {
            out.report(
                &RG_001,
                SdrFile::CourseEnrolments,
                position,
                RG_001.field,
                format_args!(
                    "course {} is not in your course register for {year}; send it to the funder \
                     as a change request (the differences of a submission's REGT) and wait for \
                     approval, or correct the course code",
                    context.keys.shown(code)
                ),
            );
        }
        if let (Some(site), Some(sites)) = (enrolment.site, &registers.delivery_sites)
            && !sites.contains(&site)
        {
            out.report(
                &RG_003,
                SdrFile::CourseEnrolments,
                position,
                RG_003.field,
                format_args!(
                    "delivery site {site} is not in your delivery-site register for {year}; use \
                     a registered site, or ask the funder to register this one"
                ),
            );
        }
        let (Some(register), Some(code)) = (&qualifications, &enrolment.qualification) else {
            continue;
        };
        let Some(approved) = register[code.id.index()] else {
            out.report(
                &RG_002,
                SdrFile::CourseEnrolments,
                position,
                RG_002.field,
                format_args!(
                    "qualification {} is not in the qualification register; check the code \
                     against the register, or ask the funder to add the qualification",
                    context.keys.shown(code)
                ),
            );
            continue;
        };
        match enrolment.fund {
            Some(FUND_DQ37) if !approved => out.report(
                &RG_004,
                SdrFile::CourseEnrolments,
                position,
                RG_004.field,
                format_args!(
                    "fund 37 (DQ3-7) is for qualifications approved for DQ3-7 funding, and \
                     qualification {} is not approved for {year}; report the enrolment under \
                     fund 03, or ask the funder to approve the qualification",
                    context.keys.shown(code)
                ),
            ),
            Some(FUND_NOT_DQ37) if approved => out.report(
                &RG_005,
                SdrFile::CourseEnrolments,
                position,
                RG_005.field,
                format_args!(
                    "qualification {} is approved for DQ3-7 funding in {year}, so its domestic \
                     provision is reported under fund 37, not 03",
                    context.keys.shown(code)
                ),
            ),
            _ => {}
        }
    }
}
