//! Values that must come from spec 003's code lists. Numeric codes are read with or without a
//! leading zero (see [`crate::codes`]).

use super::Enrolment;
use super::fits;
use crate::SdrFile;
use crate::codes::{Attendance, DeliverySite, FeesCategory, FundingSource, ResidentialStatus};
use crate::validation::Severity;
use crate::validation::files::common;
use crate::validation::rule::{Check, Rule, rule};
use crate::validation::sink::{Shown, Sink};

const FEES_FIELD: &str = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";

pub(crate) const CE_014: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-014",
    FEES_FIELD,
    Severity::Error,
    Check::FileRecord,
    "The category of fees assessment is one of spec 003's codes: 00 Domestic, 01 NZAID, \
     03 International fee-paying, 04 Exchange scheme, 08 Diplomatic or Antarctic \
     programme, 09 International on-shore PhD, 12 International ITO off-job training, \
     13 Refugee or protected person, 14 2021 Resident Visa pathway child. The leading \
     zero may be left out (3 is 03).",
);

pub(crate) const CE_016: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-016",
    "intramuralExtramuralAttendance",
    Severity::Error,
    Check::FileRecord,
    "intramuralExtramuralAttendance is 1 (intramural, residing in New Zealand), 2 \
     (extramural, residing in New Zealand), 3 (extramural, residing overseas) or 4 \
     (intramural, residing overseas).",
);

pub(crate) const CE_017: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-017",
    "courseDeliverySite",
    Severity::Error,
    Check::FileRecord,
    "courseDeliverySite has one of spec 003's forms: 01 main campus, 02–96 other \
     sites, 98 extramural or distance delivery, 99 community education (the leading \
     zero may be left out), or a registered code of letters (AA, AB) or a letter and a \
     digit (A1, 1A). 00 and 97 are not delivery sites.",
);

pub(crate) const CE_018: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-018",
    "courseDeliverySite",
    Severity::Warning,
    Check::FileRecord,
    "Delivery site 98 is for courses delivered extramurally or by distance learning \
     (spec 003); a warning when the learner's attendance is intramural (1 or 4).",
);

pub(crate) const CE_019: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-019",
    "sourceOfFunding",
    Severity::Error,
    Check::FileRecord,
    "sourceOfFunding is a code from spec 003's lists of funds (the leading zero may be \
     left out). Current funds: 01, 02, 03, 05, 09, 10, 12, 13, 20, 22, 23, 24, 26, 28, \
     29, 31, 37.",
);

pub(crate) const CE_020: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-020",
    "sourceOfFunding",
    Severity::Error,
    Check::FileRecord,
    "sourceOfFunding is not a historic fund: 04, 06, 07, 08, 11, 14, 15, 16, 25, 27, \
     30, 32, 33, 35 and 36 are spec 003's historic funds and can no longer be \
     reported. The message names the fund.",
);

pub(crate) const CE_025: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-025",
    "residentialStatus",
    Severity::Error,
    Check::FileRecord,
    "residentialStatus is Y (New Zealand resident visa holder) or N (not a resident \
     visa holder, including all New Zealand and Australian citizens).",
);

pub(crate) const CE_026: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-026",
    "fundingCategory",
    Severity::Error,
    Check::FileRecord,
    "fundingCategory has letters and digits only (spec 003: Alpha-Numeric, from the \
     funding categories classification). The classification itself is not public, so \
     membership is not checked here.",
);

pub(crate) const CE_028: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-028",
    "nzscedFieldOfStudy",
    Severity::Error,
    Check::FileRecord,
    "nzscedFieldOfStudy has digits only: NZSCED codes are numbers (e.g. 091901; the \
     leading zero may be left out, as spec 003 writes 70101).",
);

pub(super) fn fees_category_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.fees_category() else {
        return;
    };
    if fits(
        "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment",
        code,
    ) && FeesCategory::parse(code).is_none()
    {
        sink.report(
            &CE_014,
            FEES_FIELD,
            format_args!(
                "{FEES_FIELD} {} is not a category of fees assessment; expected one of 00, 01, 03, \
                 04, 08, 09, 12, 13, 14 (the leading zero may be left out)",
                Shown(code)
            ),
        );
    }
}

pub(super) fn attendance_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.attendance() else {
        return;
    };
    if Attendance::from_code(code).is_none() {
        sink.report(
            &CE_016,
            "intramuralExtramuralAttendance",
            format_args!(
                "intramuralExtramuralAttendance {code} is not a mode of attendance; expected 1 \
                 (intramural, residing in New Zealand), 2 (extramural, residing in New Zealand), 3 \
                 (extramural, residing overseas) or 4 (intramural, residing overseas)"
            ),
        );
    }
}

pub(super) fn delivery_site_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.delivery_site() else {
        return;
    };
    if fits("courseDeliverySite", code) && DeliverySite::parse(code).is_none() {
        sink.report(
            &CE_017,
            "courseDeliverySite",
            format_args!(
                "courseDeliverySite {} is not a delivery site code; expected 01 (main campus), \
                 02–96 (other sites), 98 (extramural or distance delivery), 99 (community \
                 education), or a registered code of letters or a letter and a digit (AA, A1, 1A)",
                Shown(code)
            ),
        );
    }
}

pub(super) fn extramural_site(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let (Some(site), Some(code)) = (view.delivery_site(), view.attendance()) else {
        return;
    };
    let Some(mode) = Attendance::from_code(code) else {
        return;
    };
    if mode.is_intramural() && DeliverySite::parse(site) == Some(DeliverySite::Extramural) {
        sink.report(
            &CE_018,
            "courseDeliverySite",
            format_args!(
                "courseDeliverySite is 98 (courses delivered extramurally or by distance learning) \
                 but intramuralExtramuralAttendance is {code} ({}); check the site or the mode of \
                 attendance",
                mode.meaning()
            ),
        );
    }
}

pub(super) fn funding_source_known(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.source_of_funding() else {
        return;
    };
    if record.facts.funding.is_none() && fits("sourceOfFunding", code) {
        sink.report(
            &CE_019,
            "sourceOfFunding",
            format_args!(
                "sourceOfFunding {} is not a source of funding code; expected a current fund: 01, \
                 02, 03, 05, 09, 10, 12, 13, 20, 22, 23, 24, 26, 28, 29, 31 or 37",
                Shown(code)
            ),
        );
    }
}

pub(super) fn funding_source_current(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    if let Some(FundingSource::Historic(fund)) = record.facts.funding {
        sink.report(
            &CE_020,
            "sourceOfFunding",
            format_args!(
                "sourceOfFunding {:02} is the historic fund \"{}\" and can no longer be reported; \
                 use the current fund that supports the enrolment",
                fund.code, fund.meaning
            ),
        );
    }
}

pub(super) fn residential_status_code(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let Some(code) = view.residential_status() else {
        return;
    };
    if fits("residentialStatus", code) && ResidentialStatus::parse(code).is_none() {
        sink.report(
            &CE_025,
            "residentialStatus",
            format_args!(
                "residentialStatus {} is not a residential status; expected Y (New Zealand \
                 resident visa holder) or N (not a resident visa holder, including New Zealand and \
                 Australian citizens)",
                Shown(code)
            ),
        );
    }
}

pub(super) fn funding_category_characters(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let code = view
        .funding_category()
        .filter(|code| fits("fundingCategory", code));
    common::funding_category(&CE_026, code, sink);
}

pub(super) fn nzsced_digits(record: &Enrolment<'_>, sink: &mut Sink<'_>) {
    let view = record.wire;
    let code = view
        .nzsced()
        .filter(|code| fits("nzscedFieldOfStudy", code));
    common::nzsced_digits(&CE_028, code, sink);
}
