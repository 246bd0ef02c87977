//! The fields of a course-enrolment record: wire names, JSON kinds and whether spec 003 marks
//! them REQUIRED. One list, read by the parser (to diagnose a record field by field) and by the
//! required-field rule.

/// A field of the course-enrolment record, in spec 003's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    LocalId,
    StudentIdentificationCode,
    QualificationCode,
    CourseCode,
    CourseStartDate,
    CourseEndDate,
    StudentsCourseWithdrawalDate,
    CategoryOfFeesAssessment,
    IntramuralExtramuralAttendance,
    CourseDeliverySite,
    SourceOfFunding,
    ResidentialStatus,
    AustralianResidentialStatus,
    FundingCategory,
    CourseClassification,
    NzscedFieldOfStudy,
    CourseEftsFactor,
    EftsByMonth,
    NationalStudentNumber,
    Consortium,
    IteSector,
    IteSubject,
    Apprenticeships,
    SecondarySchoolProgrammeIndicator,
    ActualCourseFee,
}

/// The JSON shape a field takes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// An RFC 3339 date-time (a plain `YYYY-MM-DD` date is read as that day).
    DateTime,
    Int32,
    Number,
    Boolean,
    NumberArray,
    TextArray,
}

impl Field {
    pub const ALL: [Field; 25] = [
        Field::LocalId,
        Field::StudentIdentificationCode,
        Field::QualificationCode,
        Field::CourseCode,
        Field::CourseStartDate,
        Field::CourseEndDate,
        Field::StudentsCourseWithdrawalDate,
        Field::CategoryOfFeesAssessment,
        Field::IntramuralExtramuralAttendance,
        Field::CourseDeliverySite,
        Field::SourceOfFunding,
        Field::ResidentialStatus,
        Field::AustralianResidentialStatus,
        Field::FundingCategory,
        Field::CourseClassification,
        Field::NzscedFieldOfStudy,
        Field::CourseEftsFactor,
        Field::EftsByMonth,
        Field::NationalStudentNumber,
        Field::Consortium,
        Field::IteSector,
        Field::IteSubject,
        Field::Apprenticeships,
        Field::SecondarySchoolProgrammeIndicator,
        Field::ActualCourseFee,
    ];

    /// The camelCase name of the field in the schema and on the wire.
    pub const fn name(self) -> &'static str {
        match self {
            Field::LocalId => "localId",
            Field::StudentIdentificationCode => "studentIdentificationCode",
            Field::QualificationCode => "qualificationCode",
            Field::CourseCode => "courseCode",
            Field::CourseStartDate => "courseStartDate",
            Field::CourseEndDate => "courseEndDate",
            Field::StudentsCourseWithdrawalDate => "studentsCourseWithdrawalDate",
            Field::CategoryOfFeesAssessment => {
                "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"
            }
            Field::IntramuralExtramuralAttendance => "intramuralExtramuralAttendance",
            Field::CourseDeliverySite => "courseDeliverySite",
            Field::SourceOfFunding => "sourceOfFunding",
            Field::ResidentialStatus => "residentialStatus",
            Field::AustralianResidentialStatus => "australianResidentialStatus",
            Field::FundingCategory => "fundingCategory",
            Field::CourseClassification => "courseClassification",
            Field::NzscedFieldOfStudy => "nzscedFieldOfStudy",
            Field::CourseEftsFactor => "courseEftsFactor",
            Field::EftsByMonth => "eftsByMonth",
            Field::NationalStudentNumber => "nationalStudentNumber",
            Field::Consortium => "consortium",
            Field::IteSector => "iteSector",
            Field::IteSubject => "iteSubject",
            Field::Apprenticeships => "apprenticeships",
            Field::SecondarySchoolProgrammeIndicator => "secondarySchoolProgrammeIndicator",
            Field::ActualCourseFee => "actualCourseFee",
        }
    }

    /// Whether spec 003 marks the field REQUIRED (and the schema lists it as required).
    /// `secondarySchoolProgrammeIndicator` and `actualCourseFee` are "mandatory" in the spec's
    /// guidance but not REQUIRED: they are not here (see rule CE-037).
    pub const fn is_required(self) -> bool {
        !matches!(
            self,
            Field::StudentsCourseWithdrawalDate
                | Field::Consortium
                | Field::IteSector
                | Field::IteSubject
                | Field::Apprenticeships
                | Field::SecondarySchoolProgrammeIndicator
                | Field::ActualCourseFee
        )
    }

    pub(crate) const fn kind(self) -> Kind {
        match self {
            Field::CourseStartDate | Field::CourseEndDate | Field::StudentsCourseWithdrawalDate => {
                Kind::DateTime
            }
            Field::IntramuralExtramuralAttendance
            | Field::NationalStudentNumber
            | Field::Consortium
            | Field::IteSector => Kind::Int32,
            Field::CourseClassification | Field::CourseEftsFactor | Field::ActualCourseFee => {
                Kind::Number
            }
            Field::AustralianResidentialStatus | Field::Apprenticeships => Kind::Boolean,
            Field::EftsByMonth => Kind::NumberArray,
            Field::IteSubject => Kind::TextArray,
            _ => Kind::Text,
        }
    }

    /// A bit for this field in a set of fields held as a `u32`.
    pub(crate) const fn bit(self) -> u32 {
        1 << (self as u32)
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighteen_fields_are_required_as_spec_003_marks_them() {
        let required: Vec<&str> = Field::ALL
            .into_iter()
            .filter(|field| field.is_required())
            .map(Field::name)
            .collect();
        assert_eq!(required.len(), 18, "{required:?}");
    }

    #[test]
    fn names_are_unique_and_read_back() {
        for field in Field::ALL {
            assert_eq!(Field::from_name(field.name()), Some(field));
        }
        assert!(Field::ALL.len() <= 32, "field sets are held in a u32");
    }
}
