//! What the course-enrolment rules read of a record: every field optional (a record being
//! checked may be incomplete), dates reduced to the calendar date as written, the fund parsed.
//! Each is worked out from the wire form when a rule asks, without copying or allocating.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::codes::FundingSource;
use crate::course_enrolment::WireEnrolment;

/// The calendar date as the sender wrote it, in the sender's own offset.
fn date(value: &DateTime<FixedOffset>) -> NaiveDate {
    value.date_naive()
}

/// What several course-enrolment rules read of a record, worked out once per record
/// ([`super::super::FileWire::facts`]): a date reduced to the calendar date is a calculation
/// over the offset, and the fund a parse.
#[derive(Clone, Copy)]
pub(crate) struct Facts {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub withdrawal: Option<NaiveDate>,
    pub funding: Option<FundingSource>,
}

impl WireEnrolment {
    pub(crate) fn facts(&self) -> Facts {
        Facts {
            start: self.start(),
            end: self.end(),
            withdrawal: self.withdrawal(),
            funding: self.funding(),
        }
    }

    pub(crate) fn local_id(&self) -> Option<&str> {
        self.local_id.as_deref()
    }

    pub(crate) fn student_identification_code(&self) -> Option<&str> {
        self.student_identification_code.as_deref()
    }

    pub(crate) fn qualification_code(&self) -> Option<&str> {
        self.qualification_code.as_deref()
    }

    pub(crate) fn course_code(&self) -> Option<&str> {
        self.course_code.as_deref()
    }

    pub(crate) fn start(&self) -> Option<NaiveDate> {
        self.course_start_date.as_ref().map(date)
    }

    pub(crate) fn end(&self) -> Option<NaiveDate> {
        self.course_end_date.as_ref().map(date)
    }

    pub(crate) fn withdrawal(&self) -> Option<NaiveDate> {
        self.students_course_withdrawal_date.as_ref().map(date)
    }

    pub(crate) fn fees_category(&self) -> Option<&str> {
        self.category_of_fees_assessment.as_deref()
    }

    pub(crate) fn attendance(&self) -> Option<i32> {
        self.intramural_extramural_attendance
    }

    pub(crate) fn delivery_site(&self) -> Option<&str> {
        self.course_delivery_site.as_deref()
    }

    pub(crate) fn source_of_funding(&self) -> Option<&str> {
        self.source_of_funding.as_deref()
    }

    pub(crate) fn funding(&self) -> Option<FundingSource> {
        self.source_of_funding
            .as_deref()
            .and_then(FundingSource::parse)
    }

    pub(crate) fn residential_status(&self) -> Option<&str> {
        self.residential_status.as_deref()
    }

    pub(crate) fn australian_residential_status(&self) -> Option<bool> {
        self.australian_residential_status
    }

    pub(crate) fn funding_category(&self) -> Option<&str> {
        self.funding_category.as_deref()
    }

    pub(crate) fn course_classification(&self) -> Option<f64> {
        self.course_classification
    }

    pub(crate) fn nzsced(&self) -> Option<&str> {
        self.nzsced_field_of_study.as_deref()
    }

    pub(crate) fn course_efts_factor(&self) -> Option<f64> {
        self.course_efts_factor
    }

    pub(crate) fn efts_by_month(&self) -> Option<&[f64]> {
        self.efts_by_month.as_deref()
    }

    pub(crate) fn national_student_number(&self) -> Option<i32> {
        self.national_student_number
    }

    pub(crate) fn consortium(&self) -> Option<i32> {
        self.consortium
    }

    pub(crate) fn ite_sector(&self) -> Option<i32> {
        self.ite_sector
    }

    pub(crate) fn ite_subject(&self) -> Option<&[String]> {
        self.ite_subject.as_deref()
    }

    pub(crate) fn secondary_school_programme_indicator(&self) -> Option<&str> {
        self.secondary_school_programme_indicator.as_deref()
    }

    pub(crate) fn actual_course_fee(&self) -> Option<f64> {
        self.actual_course_fee
    }

    /// The year whose rules apply to the enrolment: the year of its start date.
    pub(crate) fn start_year(&self) -> Option<i32> {
        self.start().map(|start| start.year())
    }
}
