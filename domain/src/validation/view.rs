//! A borrowed view of one record for the rules: every field optional (a record being checked
//! may be incomplete), dates reduced to the calendar date as written. Built from the wire form
//! or from a typed [`CourseEnrolment`] without copying or allocating.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::codes::FundingSource;
use crate::course_enrolment::wire::WireEnrolment;
use crate::course_enrolment::{CourseEnrolment, Field};

pub(crate) struct RecordView<'a> {
    pub local_id: Option<&'a str>,
    pub student_identification_code: Option<&'a str>,
    pub qualification_code: Option<&'a str>,
    pub course_code: Option<&'a str>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub withdrawal: Option<NaiveDate>,
    pub fees_category: Option<&'a str>,
    pub attendance: Option<i32>,
    pub delivery_site: Option<&'a str>,
    pub source_of_funding: Option<&'a str>,
    /// `source_of_funding` read once for the several rules that depend on the fund.
    pub funding: Option<FundingSource>,
    pub residential_status: Option<&'a str>,
    pub australian_residential_status: Option<bool>,
    pub funding_category: Option<&'a str>,
    pub course_classification: Option<f64>,
    pub nzsced: Option<&'a str>,
    pub course_efts_factor: Option<f64>,
    pub efts_by_month: Option<&'a [f64]>,
    pub national_student_number: Option<i32>,
    pub consortium: Option<i32>,
    pub ite_sector: Option<i32>,
    pub ite_subject: Option<&'a [String]>,
    pub apprenticeships: Option<bool>,
    pub secondary_school_programme_indicator: Option<&'a str>,
    pub actual_course_fee: Option<f64>,
    /// Fields already reported as unreadable (wrong JSON type): absent here, but not missing.
    pub unreadable: u32,
}

/// The calendar date as the sender wrote it, in the sender's own offset.
fn date(value: &DateTime<FixedOffset>) -> NaiveDate {
    value.date_naive()
}

impl<'a> RecordView<'a> {
    pub(crate) fn from_wire(wire: &'a WireEnrolment, unreadable: u32) -> Self {
        RecordView {
            local_id: wire.local_id.as_deref(),
            student_identification_code: wire.student_identification_code.as_deref(),
            qualification_code: wire.qualification_code.as_deref(),
            course_code: wire.course_code.as_deref(),
            start: wire.course_start_date.as_ref().map(date),
            end: wire.course_end_date.as_ref().map(date),
            withdrawal: wire.students_course_withdrawal_date.as_ref().map(date),
            fees_category: wire.category_of_fees_assessment.as_deref(),
            attendance: wire.intramural_extramural_attendance,
            delivery_site: wire.course_delivery_site.as_deref(),
            source_of_funding: wire.source_of_funding.as_deref(),
            funding: wire
                .source_of_funding
                .as_deref()
                .and_then(FundingSource::parse),
            residential_status: wire.residential_status.as_deref(),
            australian_residential_status: wire.australian_residential_status,
            funding_category: wire.funding_category.as_deref(),
            course_classification: wire.course_classification,
            nzsced: wire.nzsced_field_of_study.as_deref(),
            course_efts_factor: wire.course_efts_factor,
            efts_by_month: wire.efts_by_month.as_deref(),
            national_student_number: wire.national_student_number,
            consortium: wire.consortium,
            ite_sector: wire.ite_sector,
            ite_subject: wire.ite_subject.as_deref(),
            apprenticeships: wire.apprenticeships,
            secondary_school_programme_indicator: wire
                .secondary_school_programme_indicator
                .as_deref(),
            actual_course_fee: wire.actual_course_fee,
            unreadable,
        }
    }

    pub(crate) fn from_enrolment(record: &'a CourseEnrolment) -> Self {
        RecordView {
            local_id: Some(&record.local_id),
            student_identification_code: Some(&record.student_identification_code),
            qualification_code: Some(&record.qualification_code),
            course_code: Some(&record.course_code),
            start: Some(date(&record.course_start_date)),
            end: Some(date(&record.course_end_date)),
            withdrawal: record.students_course_withdrawal_date.as_ref().map(date),
            fees_category: Some(&record.category_of_fees_assessment),
            attendance: Some(record.intramural_extramural_attendance),
            delivery_site: Some(&record.course_delivery_site),
            source_of_funding: Some(&record.source_of_funding),
            funding: FundingSource::parse(&record.source_of_funding),
            residential_status: Some(&record.residential_status),
            australian_residential_status: Some(record.australian_residential_status),
            funding_category: Some(&record.funding_category),
            course_classification: Some(record.course_classification),
            nzsced: Some(&record.nzsced_field_of_study),
            course_efts_factor: Some(record.course_efts_factor),
            efts_by_month: Some(&record.efts_by_month),
            national_student_number: Some(record.national_student_number),
            consortium: record.consortium,
            ite_sector: record.ite_sector,
            ite_subject: record.ite_subject.as_deref(),
            apprenticeships: record.apprenticeships,
            secondary_school_programme_indicator: record
                .secondary_school_programme_indicator
                .as_deref(),
            actual_course_fee: record.actual_course_fee,
            unreadable: 0,
        }
    }

    /// The year whose rules apply to the enrolment: the year of its start date.
    pub(crate) fn start_year(&self) -> Option<i32> {
        self.start.map(|start| start.year())
    }

    pub(crate) fn is_present(&self, field: Field) -> bool {
        match field {
            Field::LocalId => self.local_id.is_some(),
            Field::StudentIdentificationCode => self.student_identification_code.is_some(),
            Field::QualificationCode => self.qualification_code.is_some(),
            Field::CourseCode => self.course_code.is_some(),
            Field::CourseStartDate => self.start.is_some(),
            Field::CourseEndDate => self.end.is_some(),
            Field::StudentsCourseWithdrawalDate => self.withdrawal.is_some(),
            Field::CategoryOfFeesAssessment => self.fees_category.is_some(),
            Field::IntramuralExtramuralAttendance => self.attendance.is_some(),
            Field::CourseDeliverySite => self.delivery_site.is_some(),
            Field::SourceOfFunding => self.source_of_funding.is_some(),
            Field::ResidentialStatus => self.residential_status.is_some(),
            Field::AustralianResidentialStatus => self.australian_residential_status.is_some(),
            Field::FundingCategory => self.funding_category.is_some(),
            Field::CourseClassification => self.course_classification.is_some(),
            Field::NzscedFieldOfStudy => self.nzsced.is_some(),
            Field::CourseEftsFactor => self.course_efts_factor.is_some(),
            Field::EftsByMonth => self.efts_by_month.is_some(),
            Field::NationalStudentNumber => self.national_student_number.is_some(),
            Field::Consortium => self.consortium.is_some(),
            Field::IteSector => self.ite_sector.is_some(),
            Field::IteSubject => self.ite_subject.is_some(),
            Field::Apprenticeships => self.apprenticeships.is_some(),
            Field::SecondarySchoolProgrammeIndicator => {
                self.secondary_school_programme_indicator.is_some()
            }
            Field::ActualCourseFee => self.actual_course_fee.is_some(),
        }
    }

    /// The value of a text field.
    pub(crate) fn text(&self, field: Field) -> Option<&'a str> {
        match field {
            Field::LocalId => self.local_id,
            Field::StudentIdentificationCode => self.student_identification_code,
            Field::QualificationCode => self.qualification_code,
            Field::CourseCode => self.course_code,
            Field::CategoryOfFeesAssessment => self.fees_category,
            Field::CourseDeliverySite => self.delivery_site,
            Field::SourceOfFunding => self.source_of_funding,
            Field::ResidentialStatus => self.residential_status,
            Field::FundingCategory => self.funding_category,
            Field::NzscedFieldOfStudy => self.nzsced,
            Field::SecondarySchoolProgrammeIndicator => self.secondary_school_programme_indicator,
            _ => None,
        }
    }

    pub(crate) fn is_unreadable(&self, field: Field) -> bool {
        self.unreadable & field.bit() != 0
    }
}
