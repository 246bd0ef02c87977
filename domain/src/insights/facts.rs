//! The facts of one lodged return that the information products need, summarised once when it
//! is lodged: EFTS by month by fund and funding category, the course completion rate's EFTS by
//! group, learners and enrolments by qualification, and one compact line per learner for the
//! indicators that follow learners across years.
//!
//! [`ReturnSummary`] reads the return's records as stored (JSON text, one record per text),
//! deserialising only the fields it needs, borrowed from the text, so that a return of
//! 300,000 enrolments is summarised in well under two seconds.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::completion::{CompletionOutcome, CourseCompletionRate, EnrolmentOutcome};
use super::delivery::{WithdrawalPeriod, efts_by_month};
use super::groups::{AgeGroup, EthnicGroup, LevelBand};
use super::units::Efts;
use crate::SdrFile;
use crate::codes::parse_two_digit;

/// What the qualification register says of a qualification, as far as the information
/// products need it. The register is kept elsewhere; until it is connected, [`NoRegister`]
/// answers.
pub trait QualificationLookup {
    /// Whether the qualification is a degree (which puts its level 7 courses in the
    /// "Level 7 (degree)" band); `None` when the register does not know it.
    fn is_degree(&self, qualification: &str) -> Option<bool>;
    /// Its credits, which set the cohort completion window; `None` when unknown.
    fn credits(&self, qualification: &str) -> Option<u32>;
    /// Whether its award category is non-formal (90, 96, 97, 99), which the course completion
    /// rate leaves out.
    fn is_non_formal(&self, qualification: &str) -> bool;
}

/// No register: every qualification is a non-degree, formal qualification of 120 credits.
/// Level 7 courses therefore fall in "Levels 4–7 (non-degree)" and every cohort has the
/// two-year window of a one-year qualification until the register says otherwise.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRegister;

/// The credits a qualification is taken to have when the register does not say.
pub const CREDITS_WHEN_UNKNOWN: u32 = 120;

impl QualificationLookup for NoRegister {
    fn is_degree(&self, _: &str) -> Option<bool> {
        None
    }
    fn credits(&self, _: &str) -> Option<u32> {
        None
    }
    fn is_non_formal(&self, _: &str) -> bool {
        false
    }
}

/// The funds whose level 1–4 completions count in the progression rate: the foundation and
/// Youth Guarantee funds (domain spec §6.1, "SAC/YG(DQ)"): 22 Youth Guarantee, 25 and 27 SAC
/// levels 1–4 competitive, 37 DQ3-7.
pub const PROGRESSION_FUNDS: [u8; 4] = [22, 25, 27, 37];

/// The DQ3-7 fund, whose delivery is measured against the 99–105% band.
pub const DQ37_FUND: u8 = 37;

/// EFTS of one calendar month of the return year, one fund and funding category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthEfts {
    /// 1 (January) to 12.
    pub month: u32,
    pub fund: String,
    pub category: String,
    pub efts: Efts,
}

/// The completion rate's EFTS of one group of enrolments: a level band, an age group and a
/// set of ethnic groups (total response: a learner may be in more than one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionGroup {
    /// `None`: the course register gives no level in 1–10 for the course.
    pub band: Option<LevelBand>,
    pub age: AgeGroup,
    pub ethnic: Vec<EthnicGroup>,
    pub completed: Efts,
    pub finished: Efts,
}

/// Learners and enrolments in one qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationCount {
    pub qualification: String,
    pub learners: u32,
    pub enrolments: u32,
    /// EFTS of its enrolments (course EFTS factors).
    pub efts: Efts,
}

/// The aggregates of one return: small, read whole by every page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnFacts {
    pub year: i32,
    pub enrolments: u32,
    pub learners: u32,
    pub efts_by_month: Vec<MonthEfts>,
    pub completion: Vec<CompletionGroup>,
    pub qualifications: Vec<QualificationCount>,
}

impl ReturnFacts {
    /// EFTS delivered in the year by funding category for `fund`: the sum of its months.
    pub fn delivered_by_category(&self, fund: u8) -> BTreeMap<String, Efts> {
        let mut delivered = BTreeMap::new();
        for line in self
            .efts_by_month
            .iter()
            .filter(|line| parse_two_digit(&line.fund) == Some(fund))
        {
            *delivered.entry(line.category.clone()).or_insert(Efts::ZERO) += line.efts;
        }
        delivered
    }

    /// The course completion rate of the enrolments `keep` accepts.
    pub fn completion_where(
        &self,
        keep: impl Fn(&CompletionGroup) -> bool,
    ) -> CourseCompletionRate {
        let mut rate = CourseCompletionRate::default();
        for group in self.completion.iter().filter(|group| keep(group)) {
            rate.completed += group.completed;
            rate.finished += group.finished;
        }
        rate
    }

    /// The organisation's EFTS of the year: every fund's months.
    pub fn total_efts(&self) -> Efts {
        self.efts_by_month.iter().map(|line| line.efts).sum()
    }
}

/// A qualification a learner completed in the return year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedQualification {
    pub qualification: String,
    /// The highest NZQCF level of the learner's courses in it (0: none enrolled this year).
    pub level: u8,
    pub on: NaiveDate,
    /// Funded through a fund of [`PROGRESSION_FUNDS`].
    pub progression_funded: bool,
}

/// A qualification a learner was enrolled in during the return year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudiedQualification {
    pub qualification: String,
    pub band: Option<LevelBand>,
    pub credits: u32,
}

/// One learner's year at the organisation: what the cohort indicators need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerYear {
    pub nsn: i32,
    /// EFTS delivered to the learner in the year (their months in the year).
    pub efts: Efts,
    pub ethnic: Vec<EthnicGroup>,
    pub age: AgeGroup,
    pub studied: Vec<StudiedQualification>,
    pub completed: Vec<CompletedQualification>,
    /// Each course start in the return, with its level: where progression looks.
    pub study: Vec<(NaiveDate, u8)>,
}

/// The facts of one return: the aggregates and the learners.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub facts: ReturnFacts,
    pub learners: Vec<LearnerYear>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CourseFields<'a> {
    #[serde(borrow)]
    course_code: Option<&'a str>,
    level_on_nzqcf: Option<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LearnerFields<'a> {
    #[serde(borrow)]
    student_identification_code: Option<&'a str>,
    #[serde(borrow)]
    date_of_birth: Option<&'a str>,
    #[serde(default)]
    ethnicity: Vec<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnrolmentFields<'a> {
    #[serde(borrow)]
    student_identification_code: Option<&'a str>,
    #[serde(borrow)]
    qualification_code: Option<&'a str>,
    #[serde(borrow)]
    course_code: Option<&'a str>,
    #[serde(borrow)]
    course_start_date: Option<&'a str>,
    #[serde(borrow)]
    course_end_date: Option<&'a str>,
    #[serde(borrow)]
    students_course_withdrawal_date: Option<&'a str>,
    #[serde(borrow)]
    source_of_funding: Option<&'a str>,
    #[serde(borrow)]
    funding_category: Option<&'a str>,
    course_efts_factor: Option<f64>,
    #[serde(default)]
    efts_by_month: Vec<f64>,
    national_student_number: Option<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CourseCompletionFields<'a> {
    #[serde(borrow)]
    student_identification_code: Option<&'a str>,
    #[serde(borrow)]
    course_code: Option<&'a str>,
    #[serde(borrow)]
    course_start_date: Option<&'a str>,
    student_course_completion_indicator: Option<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct QualificationCompletionFields<'a> {
    #[serde(borrow)]
    student_identification_code: Option<&'a str>,
    #[serde(borrow)]
    qualification_code: Option<&'a str>,
    year_requirements_met: Option<i32>,
    #[serde(borrow)]
    qualification_completion_date: Option<&'a str>,
}

/// The calendar date an API date-time was written with (`2026-02-23T00:00:00+13:00` or
/// `2026-02-23`): the date as the organisation meant it, whatever the offset.
fn date_of(text: Option<&str>) -> Option<NaiveDate> {
    // `FromStr` reads exactly `%Y-%m-%d` without interpreting a format string per date.
    text?.get(..10)?.parse().ok()
}

struct LearnerInfo {
    ethnic: Vec<EthnicGroup>,
    age: AgeGroup,
}

/// An enrolment kept until its completion record is read.
struct PendingEnrolment {
    group: usize,
    efts: Efts,
    withdrawn_within_period: bool,
    non_formal: bool,
    ends_in_year: bool,
    outcome: Option<i32>,
}

struct LearnerBuilder {
    nsn: i32,
    efts: Efts,
    studied: BTreeMap<String, (u8, bool)>,
    study: Vec<(NaiveDate, u8)>,
}

/// Reads a return's records and summarises them. Records are given file by file in the order
/// of [`ReturnSummary::READING_ORDER`]; a record that cannot be read, or lacks a field a fact
/// needs, is left out of that fact (a lodged return has passed validation, so this is rare).
pub struct ReturnSummary<'l> {
    year: i32,
    lookup: &'l dyn QualificationLookup,
    course_levels: HashMap<String, u8>,
    learners: HashMap<String, LearnerInfo>,
    /// Each fund's funding categories, numbered in the order met: a month's EFTS are added
    /// under the number, without a string made per month.
    lines: HashMap<String, HashMap<String, usize>>,
    line_names: Vec<(String, String)>,
    months: Vec<[Efts; 12]>,
    groups: Vec<CompletionGroup>,
    group_index: HashMap<(Option<LevelBand>, AgeGroup, Vec<EthnicGroup>), usize>,
    enrolments: HashMap<(String, String, NaiveDate), PendingEnrolment>,
    qualifications: BTreeMap<String, (HashSet<String>, u32, Efts)>,
    by_learner: HashMap<String, LearnerBuilder>,
    completed: Vec<(String, CompletedQualification)>,
    enrolment_count: u32,
}

impl<'l> ReturnSummary<'l> {
    /// The order the files must be given in: the registers each enrolment is grouped by,
    /// then the enrolments, then the completions that are matched to them.
    pub const READING_ORDER: [SdrFile; 5] = [
        SdrFile::Courses,
        SdrFile::Learners,
        SdrFile::CourseEnrolments,
        SdrFile::CourseCompletions,
        SdrFile::QualificationCompletions,
    ];

    pub fn new(year: i32, lookup: &'l dyn QualificationLookup) -> Self {
        ReturnSummary {
            year,
            lookup,
            course_levels: HashMap::new(),
            learners: HashMap::new(),
            lines: HashMap::new(),
            line_names: Vec::new(),
            months: Vec::new(),
            groups: Vec::new(),
            group_index: HashMap::new(),
            enrolments: HashMap::new(),
            qualifications: BTreeMap::new(),
            by_learner: HashMap::new(),
            completed: Vec::new(),
            enrolment_count: 0,
        }
    }

    /// Takes one record of `file`.
    pub fn add(&mut self, file: SdrFile, json: &str) {
        match file {
            SdrFile::Courses => self.add_course(json),
            SdrFile::Learners => self.add_learner(json),
            SdrFile::CourseEnrolments => self.add_enrolment(json),
            SdrFile::CourseCompletions => self.add_course_completion(json),
            SdrFile::QualificationCompletions => self.add_qualification_completion(json),
            SdrFile::EftsForecasts => {}
        }
    }

    fn add_course(&mut self, json: &str) {
        let Ok(course) = serde_json::from_str::<CourseFields>(json) else {
            return;
        };
        if let (Some(code), Some(level)) = (course.course_code, course.level_on_nzqcf) {
            let level = u8::try_from(level).unwrap_or(0);
            self.course_levels.insert(code.to_owned(), level);
        }
    }

    fn add_learner(&mut self, json: &str) {
        let Ok(learner) = serde_json::from_str::<LearnerFields>(json) else {
            return;
        };
        let Some(code) = learner.student_identification_code else {
            return;
        };
        let age = date_of(learner.date_of_birth)
            .map_or(AgeGroup::From25, |born| AgeGroup::of(born, self.year));
        self.learners.insert(
            code.to_owned(),
            LearnerInfo {
                ethnic: EthnicGroup::of(&learner.ethnicity).collect(),
                age,
            },
        );
    }

    fn add_enrolment(&mut self, json: &str) {
        let Ok(enrolment) = serde_json::from_str::<EnrolmentFields>(json) else {
            return;
        };
        let (Some(student), Some(course), Some(start), Some(end)) = (
            enrolment.student_identification_code,
            enrolment.course_code,
            date_of(enrolment.course_start_date),
            date_of(enrolment.course_end_date),
        ) else {
            return;
        };
        self.enrolment_count += 1;
        let qualification = enrolment.qualification_code.unwrap_or("");
        let fund = enrolment.source_of_funding.unwrap_or("");
        let fund_code = parse_two_digit(fund);
        let fund = fund_code.map_or_else(|| fund.to_owned(), |code| format!("{code:02}"));
        let category = enrolment.funding_category.unwrap_or("").to_owned();
        let efts = Efts::from_decimal(enrolment.course_efts_factor.unwrap_or(0.0));
        let withdrawn = date_of(enrolment.students_course_withdrawal_date);
        let withdrawn_within_period = WithdrawalPeriod::of(start, end).excludes(withdrawn);
        let level = self.course_levels.get(course).copied().unwrap_or(0);
        let degree = self.lookup.is_degree(qualification).unwrap_or(false);
        let band = LevelBand::of(level, degree);

        let values: Vec<Efts> = enrolment
            .efts_by_month
            .iter()
            .map(|&value| Efts::from_decimal(value))
            .collect();
        let mut in_year = Efts::ZERO;
        if !withdrawn_within_period {
            let mut line = None;
            for (year, month, value) in efts_by_month(start, end, &values) {
                if year == self.year && value != Efts::ZERO {
                    let index = *line.get_or_insert_with(|| self.line_of(&fund, &category));
                    self.months[index][month as usize - 1] += value;
                    in_year += value;
                }
            }
        }

        let (ethnic, age) = match self.learners.get(student) {
            Some(info) => (info.ethnic.clone(), info.age),
            None => (vec![EthnicGroup::Other], AgeGroup::From25),
        };
        let key = (band, age, ethnic);
        let group = match self.group_index.get(&key) {
            Some(&index) => index,
            None => {
                let index = self.groups.len();
                self.groups.push(CompletionGroup {
                    band: key.0,
                    age: key.1,
                    ethnic: key.2.clone(),
                    completed: Efts::ZERO,
                    finished: Efts::ZERO,
                });
                self.group_index.insert(key, index);
                index
            }
        };
        self.enrolments.insert(
            (student.to_owned(), course.to_owned(), start),
            PendingEnrolment {
                group,
                efts,
                withdrawn_within_period,
                // The rate is not published for levels 9 and 10 (domain spec §6.1): those
                // enrolments are left out of it as non-formal ones are.
                non_formal: self.lookup.is_non_formal(qualification) || level >= 9,
                ends_in_year: end.year() == self.year,
                outcome: None,
            },
        );

        if !self.qualifications.contains_key(qualification) {
            self.qualifications
                .insert(qualification.to_owned(), Default::default());
        }
        if let Some(counted) = self.qualifications.get_mut(qualification) {
            if !counted.0.contains(student) {
                counted.0.insert(student.to_owned());
            }
            counted.1 += 1;
            counted.2 += efts;
        }

        if !self.by_learner.contains_key(student) {
            self.by_learner.insert(
                student.to_owned(),
                LearnerBuilder {
                    nsn: enrolment.national_student_number.unwrap_or(0),
                    efts: Efts::ZERO,
                    studied: BTreeMap::new(),
                    study: Vec::new(),
                },
            );
        }
        let Some(learner) = self.by_learner.get_mut(student) else {
            return;
        };
        learner.efts += in_year;
        if !learner.studied.contains_key(qualification) {
            learner.studied.insert(qualification.to_owned(), (0, false));
        }
        let Some(studied) = learner.studied.get_mut(qualification) else {
            return;
        };
        studied.0 = studied.0.max(level);
        studied.1 |= fund_code.is_some_and(|code| PROGRESSION_FUNDS.contains(&code));
        if !learner.study.contains(&(start, level)) {
            learner.study.push((start, level));
        }
    }

    /// The number of a fund and funding category's monthly EFTS.
    fn line_of(&mut self, fund: &str, category: &str) -> usize {
        if let Some(&index) = self.lines.get(fund).and_then(|by| by.get(category)) {
            return index;
        }
        let index = self.line_names.len();
        self.line_names.push((fund.to_owned(), category.to_owned()));
        self.months.push([Efts::ZERO; 12]);
        self.lines
            .entry(fund.to_owned())
            .or_default()
            .insert(category.to_owned(), index);
        index
    }

    fn add_course_completion(&mut self, json: &str) {
        let Ok(completion) = serde_json::from_str::<CourseCompletionFields>(json) else {
            return;
        };
        let (Some(student), Some(course), Some(start)) = (
            completion.student_identification_code,
            completion.course_code,
            date_of(completion.course_start_date),
        ) else {
            return;
        };
        // A borrowed lookup key would need the key type to borrow; enrolments are few enough
        // per completion for the owned key to cost little.
        let key = (student.to_owned(), course.to_owned(), start);
        if let Some(enrolment) = self.enrolments.get_mut(&key) {
            enrolment.outcome = completion.student_course_completion_indicator;
        }
    }

    fn add_qualification_completion(&mut self, json: &str) {
        let Ok(completion) = serde_json::from_str::<QualificationCompletionFields>(json) else {
            return;
        };
        let (Some(student), Some(qualification)) = (
            completion.student_identification_code,
            completion.qualification_code,
        ) else {
            return;
        };
        let year = completion.year_requirements_met.unwrap_or(self.year);
        let on = date_of(completion.qualification_completion_date)
            .or_else(|| NaiveDate::from_ymd_opt(year, 12, 31));
        let Some(on) = on else { return };
        let (level, progression_funded) = self
            .by_learner
            .get(student)
            .and_then(|learner| learner.studied.get(qualification).copied())
            .unwrap_or((0, false));
        self.completed.push((
            student.to_owned(),
            CompletedQualification {
                qualification: qualification.to_owned(),
                level,
                on,
                progression_funded,
            },
        ));
    }

    /// The summary of everything read.
    pub fn finish(mut self) -> Summary {
        for enrolment in self.enrolments.values() {
            if !enrolment.ends_in_year {
                continue;
            }
            let mut rate = CourseCompletionRate::default();
            rate.add(&EnrolmentOutcome {
                efts: enrolment.efts,
                outcome: CompletionOutcome::of_indicator(enrolment.outcome),
                withdrawn_within_period: enrolment.withdrawn_within_period,
                non_formal: enrolment.non_formal,
            });
            let group = &mut self.groups[enrolment.group];
            group.completed += rate.completed;
            group.finished += rate.finished;
        }
        let mut completion: Vec<CompletionGroup> = self
            .groups
            .into_iter()
            .filter(|group| group.finished > Efts::ZERO)
            .collect();
        completion.sort_by(|a, b| (a.band, a.age, &a.ethnic).cmp(&(b.band, b.age, &b.ethnic)));

        let mut completed_by: HashMap<String, Vec<CompletedQualification>> = HashMap::new();
        for (student, completed) in self.completed {
            completed_by.entry(student).or_default().push(completed);
        }
        let lookup = self.lookup;
        let learner_count = self.by_learner.len() as u32;
        let mut learners: Vec<LearnerYear> = self
            .by_learner
            .into_iter()
            .map(|(student, mut learner)| {
                let (ethnic, age) = match self.learners.get(&student) {
                    Some(info) => (info.ethnic.clone(), info.age),
                    None => (vec![EthnicGroup::Other], AgeGroup::From25),
                };
                learner.study.sort_unstable();
                LearnerYear {
                    nsn: learner.nsn,
                    efts: learner.efts,
                    ethnic,
                    age,
                    studied: learner
                        .studied
                        .iter()
                        .map(|(qualification, (level, _))| StudiedQualification {
                            qualification: qualification.clone(),
                            band: LevelBand::of(
                                *level,
                                lookup.is_degree(qualification).unwrap_or(false),
                            ),
                            credits: lookup
                                .credits(qualification)
                                .unwrap_or(CREDITS_WHEN_UNKNOWN),
                        })
                        .collect(),
                    completed: completed_by.remove(&student).unwrap_or_default(),
                    study: learner.study,
                }
            })
            .collect();
        learners.sort_unstable_by_key(|learner| learner.nsn);

        Summary {
            facts: ReturnFacts {
                year: self.year,
                enrolments: self.enrolment_count,
                learners: learner_count,
                efts_by_month: {
                    let mut lines: Vec<MonthEfts> = self
                        .line_names
                        .into_iter()
                        .zip(self.months)
                        .flat_map(|((fund, category), months)| {
                            (1..=12u32).filter_map(move |month| {
                                let efts = months[month as usize - 1];
                                (efts != Efts::ZERO).then(|| MonthEfts {
                                    month,
                                    fund: fund.clone(),
                                    category: category.clone(),
                                    efts,
                                })
                            })
                        })
                        .collect();
                    lines.sort_by(|a, b| {
                        (a.month, &a.fund, &a.category).cmp(&(b.month, &b.fund, &b.category))
                    });
                    lines
                },
                completion,
                qualifications: self
                    .qualifications
                    .into_iter()
                    .map(
                        |(qualification, (learners, enrolments, efts))| QualificationCount {
                            qualification,
                            learners: learners.len() as u32,
                            enrolments,
                            efts,
                        },
                    )
                    .collect(),
            },
            learners,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn enrolment(student: &str, qualification: &str, course: &str, fund: &str) -> String {
        let (category, efts, months, end, withdrawn) = match student {
            "S1" => ("A1", 0.5, "[0.1,0.1,0.1,0.1,0.1]", "2026-06-30", "null"),
            // Withdrew on day 4 of a 149-day course: inside its withdrawal period (16 days).
            "S2" => (
                "A1",
                0.5,
                "[0.1,0.1,0.1,0.1,0.1]",
                "2026-06-30",
                "\"2026-02-05T00:00:00+13:00\"",
            ),
            _ => (
                "B1",
                1.0,
                "[0,0.5,0.5,0,0,0,0,0,0,0,0,0]",
                "2026-04-30",
                "null",
            ),
        };
        format!(
            r#"{{"studentIdentificationCode":"{student}","qualificationCode":"{qualification}",
            "courseCode":"{course}","courseStartDate":"2026-02-02T00:00:00+13:00",
            "courseEndDate":"{end}T00:00:00+12:00","studentsCourseWithdrawalDate":{withdrawn},
            "sourceOfFunding":"{fund}","fundingCategory":"{category}","courseEftsFactor":{efts},
            "eftsByMonth":{months},"nationalStudentNumber":{nsn}}}"#,
            nsn = 100 + student.as_bytes()[1] as i32 - b'0' as i32,
        )
    }

    /// Three learners, worked by hand: S1 (Māori, 26) completes 0.5 EFTS of fund 37 A1 at
    /// level 4; S2 (Pasifika, 21) withdrew inside the withdrawal period; S3 (other, 25) did
    /// not complete 1.0 EFTS of fund 1 B1 at level 7, sent as twelve monthly values.
    fn three_learners() -> Summary {
        let mut summary = ReturnSummary::new(2026, &NoRegister);
        for course in [
            r#"{"courseCode":"C1","levelOnNzqcf":4}"#,
            r#"{"courseCode":"C2","levelOnNzqcf":7}"#,
        ] {
            summary.add(SdrFile::Courses, course);
        }
        for learner in [
            r#"{"studentIdentificationCode":"S1","dateOfBirth":"2000-05-01T00:00:00+12:00","ethnicity":[211]}"#,
            r#"{"studentIdentificationCode":"S2","dateOfBirth":"2005-05-01T00:00:00+12:00","ethnicity":[311]}"#,
            r#"{"studentIdentificationCode":"S3","dateOfBirth":"2001-01-01T00:00:00+13:00","ethnicity":[111]}"#,
        ] {
            summary.add(SdrFile::Learners, learner);
        }
        summary.add(
            SdrFile::CourseEnrolments,
            &enrolment("S1", "Q1", "C1", "37"),
        );
        summary.add(
            SdrFile::CourseEnrolments,
            &enrolment("S2", "Q1", "C1", "37"),
        );
        summary.add(SdrFile::CourseEnrolments, &enrolment("S3", "Q2", "C2", "1"));
        for (student, course, indicator) in [("S1", "C1", 2), ("S2", "C1", 4), ("S3", "C2", 3)] {
            summary.add(
                SdrFile::CourseCompletions,
                &format!(
                    r#"{{"studentIdentificationCode":"{student}","courseCode":"{course}",
                    "courseStartDate":"2026-02-02T00:00:00+13:00",
                    "studentCourseCompletionIndicator":{indicator}}}"#
                ),
            );
        }
        summary.add(
            SdrFile::QualificationCompletions,
            r#"{"studentIdentificationCode":"S1","qualificationCode":"Q1","yearRequirementsMet":2026,"qualificationCompletionDate":"2026-07-01T00:00:00+12:00"}"#,
        );
        summary.add(SdrFile::CourseEnrolments, "not a record");
        summary.finish()
    }

    #[test]
    fn efts_are_summed_by_month_fund_and_category_without_early_withdrawals() {
        let summary = three_learners();
        let facts = &summary.facts;
        assert_eq!((facts.enrolments, facts.learners), (3, 3));
        let month = |month: u32, fund: &str| {
            facts
                .efts_by_month
                .iter()
                .filter(|line| line.month == month && line.fund == fund)
                .map(|line| line.efts)
                .sum::<Efts>()
        };
        // February: S1's 0.1 only (S2 withdrew inside the period); fund 1 written as 01.
        assert_eq!(month(2, "37"), Efts(1_000));
        assert_eq!(month(3, "01"), Efts(5_000));
        assert_eq!(month(5, "01"), Efts::ZERO);
        assert_eq!(facts.total_efts(), Efts(15_000));
        assert_eq!(
            facts.delivered_by_category(DQ37_FUND),
            [("A1".to_owned(), Efts(5_000))].into_iter().collect()
        );
    }

    #[test]
    fn course_completion_weighs_final_outcomes_by_efts() {
        let facts = three_learners().facts;
        // Completed 0.5 of 1.5 finished EFTS (S2 left inside the withdrawal period).
        let all = facts.completion_where(|_| true);
        assert_eq!((all.completed, all.finished), (Efts(5_000), Efts(15_000)));
        let maori = facts.completion_where(|group| group.ethnic.contains(&EthnicGroup::Maori));
        assert_eq!(maori.rate(), Some(1.0));
        // Level 7 without the register is non-degree.
        let band =
            facts.completion_where(|group| group.band == Some(LevelBand::Levels4To7NonDegree));
        assert_eq!(band.finished, Efts(15_000));
        let under_25 = facts.completion_where(|group| group.age == AgeGroup::Under25);
        assert_eq!(under_25.finished, Efts::ZERO);
    }

    #[test]
    fn learners_and_their_qualifications_are_kept_for_the_cohorts() {
        let summary = three_learners();
        let q1 = &summary.facts.qualifications[0];
        assert_eq!(
            (
                q1.qualification.as_str(),
                q1.learners,
                q1.enrolments,
                q1.efts
            ),
            ("Q1", 2, 2, Efts(10_000))
        );
        let s1 = &summary.learners[0];
        assert_eq!((s1.nsn, s1.efts), (101, Efts(5_000)));
        assert_eq!(s1.completed[0].on, day(2026, 7, 1));
        assert_eq!(s1.completed[0].level, 4);
        assert!(s1.completed[0].progression_funded);
        assert_eq!(s1.study, [(day(2026, 2, 2), 4)]);
        assert_eq!(summary.learners[1].efts, Efts::ZERO);
    }
}
