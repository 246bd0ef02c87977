//! The files a submission is made of: the five of a Single Data Return, and the EFTS forecast
//! lodged beside the April, August and December returns.

use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One file of the SDR. The serialised name is the path segment the API uses for it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SdrFile {
    /// Learner file (LEAR): one record per learner.
    Learners,
    /// Course Enrolment file (ENRL): one record per learner per course.
    CourseEnrolments,
    /// Course Register file (REGT): one record per course.
    Courses,
    /// Course Completion file (COURCOMP).
    CourseCompletions,
    /// Qualification Completion file (QUALCOMP).
    QualificationCompletions,
    /// The EFTS forecast (spec 001): the EFTS the organisation expects to deliver in the
    /// following years, by source of funding and level. Not a file of the return itself: it
    /// travels in its own submission of type `EftsForecast`.
    EftsForecasts,
}

impl SdrFile {
    /// The five files of the Single Data Return (April, August, December).
    pub const ALL: [SdrFile; 5] = [
        SdrFile::Learners,
        SdrFile::CourseEnrolments,
        SdrFile::Courses,
        SdrFile::CourseCompletions,
        SdrFile::QualificationCompletions,
    ];

    /// Every file a submission can hold: the five of the return, then the EFTS forecast.
    pub const EVERY: [SdrFile; 6] = [
        SdrFile::Learners,
        SdrFile::CourseEnrolments,
        SdrFile::Courses,
        SdrFile::CourseCompletions,
        SdrFile::QualificationCompletions,
        SdrFile::EftsForecasts,
    ];

    /// How many files there are; [`SdrFile::position`] numbers them from 0.
    pub const COUNT: usize = SdrFile::EVERY.len();

    /// The file's place in [`SdrFile::EVERY`], for tables indexed by file.
    pub const fn position(self) -> usize {
        match self {
            SdrFile::Learners => 0,
            SdrFile::CourseEnrolments => 1,
            SdrFile::Courses => 2,
            SdrFile::CourseCompletions => 3,
            SdrFile::QualificationCompletions => 4,
            SdrFile::EftsForecasts => 5,
        }
    }

    /// The files of the March indicative return.
    pub const INDICATIVE: [SdrFile; 3] = [
        SdrFile::Learners,
        SdrFile::CourseEnrolments,
        SdrFile::Courses,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SdrFile::Learners => "learners",
            SdrFile::CourseEnrolments => "course-enrolments",
            SdrFile::Courses => "courses",
            SdrFile::CourseCompletions => "course-completions",
            SdrFile::QualificationCompletions => "qualification-completions",
            SdrFile::EftsForecasts => "efts-forecasts",
        }
    }

    /// The DXP CSV file-name prefix (`ENRL6004.CSV`), without the `IND` of the indicative round.
    /// The forecast's (`EFTSFCST6004.CSV`) is ours: the funder's forecast template is not public.
    pub fn csv_prefix(self) -> &'static str {
        match self {
            SdrFile::Learners => "LEAR",
            SdrFile::CourseEnrolments => "ENRL",
            SdrFile::Courses => "REGT",
            SdrFile::CourseCompletions => "COURCOMP",
            SdrFile::QualificationCompletions => "QUALCOMP",
            SdrFile::EftsForecasts => "EFTSFCST",
        }
    }

    pub fn parse(name: &str) -> Option<SdrFile> {
        SdrFile::EVERY
            .into_iter()
            .find(|file| file.as_str() == name)
    }
}

impl fmt::Display for SdrFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_number_every_file_in_order_and_names_parse_back() {
        for (at, file) in SdrFile::EVERY.into_iter().enumerate() {
            assert_eq!(file.position(), at);
            assert_eq!(SdrFile::parse(file.as_str()), Some(file));
        }
        assert!(
            SdrFile::ALL
                .iter()
                .all(|file| SdrFile::EVERY.contains(file))
        );
        assert!(!SdrFile::ALL.contains(&SdrFile::EftsForecasts));
    }
}
