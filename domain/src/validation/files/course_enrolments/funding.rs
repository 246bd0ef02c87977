//! Fields that depend on the source of funding.

use super::Enrolment;
use crate::SdrFile;
use crate::codes::FundingSource;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::Sink;

pub(crate) const CE_030: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-030",
    "consortium",
    Severity::Error,
    Check::FileRecord,
    "consortium is given when sourceOfFunding is 28 or 29 (Māori Pasifika Trades \
     Training): spec 003 makes it mandatory for those funds.",
);

/// Judgement call: spec 003 defines fund 31 as "non-funded confirmed student enrolments", and the
/// funder's guidance (domain spec §2.2, rule X8) reports confirmed enrolments withdrawn before
/// they became eligible for funding under fund 31 with the withdrawal date populated. Whether
/// every fund-31 enrolment is such a withdrawal is not stated, so this is a warning.
pub(crate) const CE_040: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-040",
    "studentsCourseWithdrawalDate",
    Severity::Warning,
    Check::FileRecord,
    "An enrolment with sourceOfFunding 31 (non-funded confirmed student enrolments: \
     confirmed enrolments withdrawn before they became eligible for funding) should \
     carry its studentsCourseWithdrawalDate (domain spec §2.2 and rule X8).",
);

pub(super) fn consortium_for_trades_training(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    if view.consortium().is_some() || record.is_unreadable("consortium") {
        return;
    }
    let Some(source) = record.facts.funding else {
        return;
    };
    if source.needs_consortium() {
        let fund = source.fund();
        sink.report(
            &CE_030,
            "consortium",
            format_args!(
                "consortium is missing; it is mandatory when sourceOfFunding is {} ({})",
                fund.code, fund.meaning
            ),
        );
    }
}

pub(super) fn withdrawal_date_for_fund_31(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    if record.facts.withdrawal.is_some() || record.is_unreadable("studentsCourseWithdrawalDate") {
        return;
    }
    let Some(FundingSource::Current(fund)) = record.facts.funding else {
        return;
    };
    if fund.code == FundingSource::NON_FUNDED_CONFIRMED {
        sink.report(
            &CE_040,
            "studentsCourseWithdrawalDate",
            format_args!(
                "studentsCourseWithdrawalDate is missing but sourceOfFunding is 31 ({}), the fund \
                 for confirmed enrolments withdrawn before they became eligible for funding; give \
                 the date the learner withdrew",
                fund.meaning
            ),
        );
    }
}
