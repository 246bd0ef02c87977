//! The five files of a Single Data Return.

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
}

impl SdrFile {
    pub const ALL: [SdrFile; 5] = [
        SdrFile::Learners,
        SdrFile::CourseEnrolments,
        SdrFile::Courses,
        SdrFile::CourseCompletions,
        SdrFile::QualificationCompletions,
    ];

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
        }
    }

    /// The DXP CSV file-name prefix (`ENRL6004.CSV`), without the `IND` of the indicative round.
    pub fn csv_prefix(self) -> &'static str {
        match self {
            SdrFile::Learners => "LEAR",
            SdrFile::CourseEnrolments => "ENRL",
            SdrFile::Courses => "REGT",
            SdrFile::CourseCompletions => "COURCOMP",
            SdrFile::QualificationCompletions => "QUALCOMP",
        }
    }

    pub fn parse(name: &str) -> Option<SdrFile> {
        SdrFile::ALL.into_iter().find(|file| file.as_str() == name)
    }
}

impl fmt::Display for SdrFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
