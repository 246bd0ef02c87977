//! Off-job deliveries (`dxp-api.md` §5.6): training a learner receives away from the workplace
//! (a block course, often at another provider) as part of a programme enrolment.
//!
//! Choices where the funder's text is silent (fields after `fundingCategory` are [I]):
//! - `startDate`, `endDate` and `credits` are optional; the dates may lie in the future (a block
//!   course booked ahead), `credits` is 1 to 999 when given.
//! - The enrolment is open or `COMPLETED` (a course attended before completion may be reported
//!   after it); not `WITHDRAWN` or `DELETED`.
//! - `offJobProviderCode` is checked against the MoE code range only (1 to 9999): the register
//!   of provider codes is not public.
//! - `fundingCategory`: the funder's classification is not public (DXP has no code list for
//!   it), so, as CR-017 does for the course register, only letters and digits are checked.
//! - `courseCode` "has no dates": DXP refuses a code with a year (a run of four digits from 1990
//!   to 2099, or six or eight digits that read as year and month or a whole date), two numbers
//!   that read as day and month around `/` (`01/03`, `1/3`) or two two-digit ones around `-`
//!   or `.` (`01-03`), or an English month name other than May (`BlockMarch`). `BlockCourse1`,
//!   `L4-2`, `NZ3000` pass; `Level3/4` is refused (it reads as 3 April).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::training_plans::EnrolmentContext;
use super::{EnrolmentStatus, Refusal, Refusals};
use crate::validation::{Rule, Scope, Severity};

/// The range of Ministry of Education provider codes (four digits).
pub const PROVIDER_CODES: std::ops::RangeInclusive<i32> = 1..=9999;

/// An off-job delivery as the TMS sends it (`POST /v1.0/off-job-deliveries`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "offJobDeliveryLocalId": "OJ-1001",
    "enrolmentLocalId": "ENR-1001",
    "offJobProviderCode": 6004,
    "courseCode": "BlockCourse1",
    "fundingCategory": "J3",
    "startDate": "2026-04-13",
    "endDate": "2026-04-24",
    "credits": 15
}))]
pub struct NewOffJobDelivery {
    /// The TMS's id for the delivery.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub off_job_delivery_local_id: String,
    /// The main programme enrolment.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub enrolment_local_id: String,
    /// The MoE code of the provider delivering it; the organisation's own code when
    /// subcontracted to a non-registered provider.
    pub off_job_provider_code: i32,
    /// The course's code, with no date in it (`BlockCourse1`, not `Block2026`).
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub course_code: String,
    /// The funding category, per the Delivery Classification Guide.
    #[validate(length(min = 1, max = 2))]
    #[schema(min_length = 1, max_length = 2)]
    pub funding_category: String,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    #[validate(range(min = 1, max = 999))]
    #[schema(minimum = 1, maximum = 999)]
    pub credits: Option<i32>,
}

/// An off-job delivery as stored and returned
/// (`GET /v1.0/off-job-deliveries/{offJobDeliveryLocalId}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "offJobDeliveryLocalId": "OJ-1001",
    "enrolmentLocalId": "ENR-1001",
    "offJobProviderCode": 6004,
    "courseCode": "BlockCourse1",
    "fundingCategory": "J3",
    "startDate": "2026-04-13",
    "endDate": "2026-04-24",
    "credits": 15,
    "learnerLocalId": "L-1001"
}))]
pub struct OffJobDelivery {
    #[serde(flatten)]
    #[validate(nested)]
    pub details: NewOffJobDelivery,
    /// The enrolment's learner.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub learner_local_id: String,
}

const SCOPE: Scope = Scope::OffJobDeliveries;

pub const WB_085: Rule = Rule::of_process(
    "WB-085",
    SCOPE,
    "offJobDeliveryLocalId",
    Severity::Error,
    "offJobDeliveryLocalId is not used by another off-job delivery of the organisation \
     (dxp-api.md §5.6).",
);
pub const WB_086: Rule = Rule::of_process(
    "WB-086",
    SCOPE,
    "enrolmentLocalId",
    Severity::Error,
    "enrolmentLocalId names a programme enrolment of the organisation that is open (PENDING, \
     ACTIVE, HOLD, GRACE) or COMPLETED (dxp-api.md §5.6).",
);
pub const WB_087: Rule = Rule::of_process(
    "WB-087",
    SCOPE,
    "offJobProviderCode",
    Severity::Error,
    "offJobProviderCode is a Ministry of Education provider code, 1 to 9999 (dxp-api.md §5.6).",
);
pub const WB_088: Rule = Rule::of_process(
    "WB-088",
    SCOPE,
    "courseCode",
    Severity::Error,
    "courseCode has no date in it: no year (Block2026), day and month (01/03) or month name; \
     use e.g. BlockCourse1 (dxp-api.md §5.6).",
);
pub const WB_089: Rule = Rule::of_process(
    "WB-089",
    SCOPE,
    "fundingCategory",
    Severity::Error,
    "fundingCategory has letters and digits only (e.g. J3); the classification itself is not \
     public, so membership is not checked (dxp-api.md §5.6).",
);
pub const WB_090: Rule = Rule::of_process(
    "WB-090",
    SCOPE,
    "endDate",
    Severity::Error,
    "endDate is on or after startDate (DXP's choice; dxp-api.md §5.6).",
);
pub const WB_091: Rule = Rule::of_process(
    "WB-091",
    SCOPE,
    "*",
    Severity::Error,
    "startDate (or endDate, without a start) is on or after the enrolment's \
     participationStartDate (DXP's choice; dxp-api.md §5.6).",
);

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 7] = [
    &WB_085, &WB_086, &WB_087, &WB_088, &WB_089, &WB_090, &WB_091,
];

/// The refusal of a delivery whose id the organisation already uses.
pub fn already_exists(off_job_delivery_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_085,
        "offJobDeliveryLocalId",
        format!(
            "offJobDeliveryLocalId {off_job_delivery_local_id} is already used by an off-job \
             delivery of the organisation"
        ),
    )
}

/// The refusal of a delivery naming an enrolment the organisation does not have.
pub fn enrolment_not_found(enrolment_local_id: &str) -> Refusal {
    Refusal::new(
        &WB_086,
        "enrolmentLocalId",
        format!("enrolmentLocalId {enrolment_local_id} is not an enrolment of the organisation"),
    )
}

/// A new off-job delivery for `enrolment`, whose learner is `learner_local_id`, or every
/// reason it is refused. The caller checks first that the id is free ([`already_exists`]) and
/// that the enrolment exists ([`enrolment_not_found`]).
pub fn create(
    new: &NewOffJobDelivery,
    enrolment: &EnrolmentContext,
    learner_local_id: &str,
    _today: NaiveDate,
) -> Result<OffJobDelivery, Refusals> {
    let mut refusals = Refusals::new();
    if new.enrolment_local_id != enrolment.enrolment_local_id {
        refusals.push(enrolment_not_found(&new.enrolment_local_id));
    } else if !(enrolment.status.is_open() || enrolment.status == EnrolmentStatus::Completed) {
        refusals.push(Refusal::new(
            &WB_086,
            "enrolmentLocalId",
            format!(
                "enrolment {} is {}; an off-job delivery is for an open or completed enrolment",
                enrolment.enrolment_local_id,
                enrolment.status.as_str()
            ),
        ));
    }
    if !PROVIDER_CODES.contains(&new.off_job_provider_code) {
        refusals.push(Refusal::new(
            &WB_087,
            "offJobProviderCode",
            format!(
                "offJobProviderCode {} is not a provider code; expected 1 to 9999",
                new.off_job_provider_code
            ),
        ));
    }
    if let Some(date) = date_in(&new.course_code) {
        refusals.push(Refusal::new(
            &WB_088,
            "courseCode",
            format!(
                "courseCode {} contains a date ({date}); name the course without dates, e.g. \
                 BlockCourse1",
                new.course_code
            ),
        ));
    }
    if let Some(c) = new
        .funding_category
        .chars()
        .find(|c| !c.is_ascii_alphanumeric())
    {
        refusals.push(Refusal::new(
            &WB_089,
            "fundingCategory",
            format!(
                "fundingCategory {} contains {c:?}; a funding category has letters and digits \
                 only (e.g. J3)",
                new.funding_category
            ),
        ));
    }
    if let (Some(start), Some(end)) = (new.start_date, new.end_date)
        && end < start
    {
        refusals.push(Refusal::new(
            &WB_090,
            "endDate",
            format!("endDate {end} is before the start date {start}"),
        ));
    }
    // With a start date on or after the participation start, an end before the participation
    // start is also before the start date: WB-090 already reports it.
    let first = new
        .start_date
        .map(|start| ("startDate", start))
        .or(new.end_date.map(|end| ("endDate", end)));
    if let Some((field, date)) = first
        && date < enrolment.participation_start_date
    {
        refusals.push(Refusal::new(
            &WB_091,
            field,
            format!(
                "{field} {date} is before enrolment {}'s participation start date {}",
                enrolment.enrolment_local_id, enrolment.participation_start_date
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(OffJobDelivery {
        details: new.clone(),
        learner_local_id: learner_local_id.to_owned(),
    })
}

/// The English month names DXP takes for a date in a course code. `May` is left out: it is
/// also a word and a name.
const MONTH_NAMES: [&str; 11] = [
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The part of `code` that reads as a date or a year, if any (see the module's notes).
pub fn date_in(code: &str) -> Option<String> {
    let lower = code.to_ascii_lowercase();
    if let Some(month) = MONTH_NAMES.iter().find(|month| lower.contains(*month)) {
        let at = lower.find(month).unwrap_or_default();
        return Some(code[at..at + month.len()].to_owned());
    }
    let bytes = code.as_bytes();
    // Runs of ASCII digits, as (start, end) byte positions.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let number = |(start, end): (usize, usize)| -> u32 {
        code[start..end]
            .bytes()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let is_year = |n: u32| (1990..=2099).contains(&n);
    let is_month = |n: u32| (1..=12).contains(&n);
    let is_day = |n: u32| (1..=31).contains(&n);
    for &(start, end) in &runs {
        let digits = &code[start..end];
        let part = |from: usize, to: usize| number((start + from, start + to));
        let dated = match digits.len() {
            4 => is_year(number((start, end))),
            // YYYYMM or MMYYYY
            6 => {
                (is_year(part(0, 4)) && is_month(part(4, 6)))
                    || (is_month(part(0, 2)) && is_year(part(2, 6)))
            }
            // YYYYMMDD or DDMMYYYY
            8 => {
                (is_year(part(0, 4)) && is_month(part(4, 6)) && is_day(part(6, 8)))
                    || (is_day(part(0, 2)) && is_month(part(2, 4)) && is_year(part(4, 8)))
            }
            _ => false,
        };
        if dated {
            return Some(digits.to_owned());
        }
    }
    for pair in runs.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        if second.0 != first.1 + 1 {
            continue;
        }
        let separator = bytes[first.1];
        let (a_len, b_len) = (first.1 - first.0, second.1 - second.0);
        let short = a_len <= 2 && b_len <= 2;
        let fits = match separator {
            b'/' => short,
            b'-' | b'.' => a_len == 2 && b_len == 2,
            _ => false,
        };
        let (a, b) = (number(first), number(second));
        if fits && ((is_day(a) && is_month(b)) || (is_month(a) && is_day(b))) {
            return Some(code[first.0..second.1].to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::work_based::test_support::date as d;

    fn today() -> NaiveDate {
        d("2026-03-02")
    }

    fn enrolment() -> EnrolmentContext {
        EnrolmentContext {
            enrolment_local_id: "ENR-1".into(),
            status: EnrolmentStatus::Active,
            participation_start_date: d("2026-02-09"),
            study_type_code: "NZA".into(),
            programme_version_start_date: d("2026-01-01"),
        }
    }

    fn new() -> NewOffJobDelivery {
        NewOffJobDelivery {
            off_job_delivery_local_id: "OJ-1".into(),
            enrolment_local_id: "ENR-1".into(),
            off_job_provider_code: 6004,
            course_code: "BlockCourse1".into(),
            funding_category: "J3".into(),
            start_date: Some(d("2026-04-13")),
            end_date: Some(d("2026-04-24")),
            credits: Some(15),
        }
    }

    fn with(change: impl FnOnce(&mut NewOffJobDelivery)) -> NewOffJobDelivery {
        let mut new = new();
        change(&mut new);
        new
    }

    fn refusals(new: NewOffJobDelivery) -> Refusals {
        refusals_for(new, enrolment())
    }

    fn refusals_for(new: NewOffJobDelivery, enrolment: EnrolmentContext) -> Refusals {
        match create(&new, &enrolment, "L-1", today()) {
            Ok(delivery) => panic!("expected a refusal, got {delivery:?}"),
            Err(refusals) => refusals,
        }
    }

    struct Case {
        rule: &'static str,
        field: &'static str,
        refusals: fn() -> Refusals,
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                rule: "WB-085",
                field: "offJobDeliveryLocalId",
                refusals: || vec![already_exists("OJ-1")],
            },
            Case {
                rule: "WB-086",
                field: "enrolmentLocalId",
                refusals: || {
                    refusals_for(
                        new(),
                        EnrolmentContext {
                            status: EnrolmentStatus::Withdrawn,
                            ..enrolment()
                        },
                    )
                },
            },
            Case {
                rule: "WB-087",
                field: "offJobProviderCode",
                refusals: || refusals(with(|n| n.off_job_provider_code = 10000)),
            },
            Case {
                rule: "WB-088",
                field: "courseCode",
                refusals: || refusals(with(|n| n.course_code = "Block2026".into())),
            },
            Case {
                rule: "WB-089",
                field: "fundingCategory",
                refusals: || refusals(with(|n| n.funding_category = "J-".into())),
            },
            Case {
                rule: "WB-090",
                field: "endDate",
                refusals: || refusals(with(|n| n.end_date = Some(d("2026-04-12")))),
            },
            Case {
                rule: "WB-091",
                field: "startDate",
                // The day before the participation start.
                refusals: || refusals(with(|n| n.start_date = Some(d("2026-02-08")))),
            },
        ]
    }

    #[test]
    fn every_rule_has_a_case_and_every_case_a_rule() {
        let tested: BTreeSet<&str> = cases().iter().map(|case| case.rule).collect();
        let registered: BTreeSet<&str> = RULES.iter().map(|rule| rule.code).collect();
        assert_eq!(tested, registered);
        assert_eq!(cases().len(), RULES.len());
    }

    #[test]
    fn each_case_breaks_only_its_rule() {
        for case in cases() {
            let refusals = (case.refusals)();
            assert_eq!(refusals.len(), 1, "{}: {refusals:#?}", case.rule);
            assert_eq!(refusals[0].rule, case.rule, "{refusals:#?}");
            assert_eq!(refusals[0].field, case.field, "{refusals:#?}");
            println!("{}: {}", case.rule, refusals[0].message);
        }
    }

    #[test]
    fn a_good_delivery_carries_the_learner() {
        let delivery = create(&new(), &enrolment(), "L-1", today()).unwrap();
        assert_eq!(delivery.details, new());
        assert_eq!(delivery.learner_local_id, "L-1");
        let json = serde_json::to_value(&delivery).unwrap();
        assert_eq!(json["offJobDeliveryLocalId"], "OJ-1");
        assert_eq!(json["learnerLocalId"], "L-1");
        assert_eq!(json["offJobProviderCode"], 6004);
        let back: OffJobDelivery = serde_json::from_value(json).unwrap();
        assert_eq!(back, delivery);
    }

    #[test]
    fn open_and_completed_enrolments_take_deliveries() {
        for status in [
            EnrolmentStatus::Pending,
            EnrolmentStatus::Active,
            EnrolmentStatus::Hold,
            EnrolmentStatus::Grace,
            EnrolmentStatus::Completed,
        ] {
            let enrolment = EnrolmentContext {
                status,
                ..enrolment()
            };
            assert!(create(&new(), &enrolment, "L-1", today()).is_ok());
        }
        for status in [EnrolmentStatus::Withdrawn, EnrolmentStatus::Deleted] {
            let enrolment = EnrolmentContext {
                status,
                ..enrolment()
            };
            assert_eq!(refusals_for(new(), enrolment)[0].rule, "WB-086");
        }
        let other = refusals(with(|n| n.enrolment_local_id = "ENR-9".into()));
        assert_eq!(other.len(), 1);
        assert_eq!(other[0].rule, "WB-086");
        assert_eq!(enrolment_not_found("ENR-9").rule, "WB-086");
    }

    #[test]
    fn provider_codes_run_from_1_to_9999() {
        for code in [1, 9999] {
            assert!(
                create(
                    &with(|n| n.off_job_provider_code = code),
                    &enrolment(),
                    "L-1",
                    today()
                )
                .is_ok()
            );
        }
        for code in [0, -1, 10000] {
            assert_eq!(
                refusals(with(|n| n.off_job_provider_code = code))[0].rule,
                "WB-087"
            );
        }
    }

    #[test]
    fn course_codes_with_dates_are_refused() {
        for (code, date) in [
            ("Block2026", "2026"),
            ("2025-Block", "2025"),
            ("BC1999", "1999"),
            ("BC202603", "202603"),
            ("BC032026", "032026"),
            ("C20260301", "20260301"),
            ("C01032026", "01032026"),
            ("Block01/03", "01/03"),
            ("Block1/3", "1/3"),
            ("Blk 31/12", "31/12"),
            ("Block01-03", "01-03"),
            ("Block15.04", "15.04"),
            ("BlockMarch", "March"),
            ("SEPTEMBER-BC", "SEPTEMBER"),
        ] {
            assert_eq!(date_in(code).as_deref(), Some(date), "{code}");
        }
    }

    #[test]
    fn course_codes_without_dates_pass() {
        for code in [
            "BlockCourse1",
            "L4-2",
            "NZ3000",
            "ELEC101",
            "Unit1.2",
            "BC1989",
            "BC2100",
            "Block32/13",
            "MayBlock",
            "12345",
            "BC-1-3",
        ] {
            assert_eq!(date_in(code), None, "{code}");
        }
    }

    #[test]
    fn the_dates_are_ordered_from_the_participation_start() {
        // Same-day start and end, starting on the participation start.
        let same_day = with(|n| {
            n.start_date = Some(d("2026-02-09"));
            n.end_date = Some(d("2026-02-09"));
        });
        assert!(create(&same_day, &enrolment(), "L-1", today()).is_ok());
        let next_day = with(|n| n.start_date = Some(d("2026-02-10")));
        assert!(create(&next_day, &enrolment(), "L-1", today()).is_ok());
        // Without a start date, the end date is held to the participation start.
        let end_only = |end: &str| {
            with(|n| {
                n.start_date = None;
                n.end_date = Some(d(end));
            })
        };
        assert!(create(&end_only("2026-02-09"), &enrolment(), "L-1", today()).is_ok());
        let refusals = refusals(end_only("2026-02-08"));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-091");
        assert_eq!(refusals[0].field, "endDate");
        // Neither date, or dates after today, are taken.
        let undated = with(|n| {
            n.start_date = None;
            n.end_date = None;
        });
        assert!(create(&undated, &enrolment(), "L-1", today()).is_ok());
    }

    #[test]
    fn funding_categories_are_letters_and_digits() {
        for category in ["J3", "A", "7"] {
            assert!(
                create(
                    &with(|n| n.funding_category = category.into()),
                    &enrolment(),
                    "L-1",
                    today()
                )
                .is_ok()
            );
        }
        for category in ["J ", "ā", "-"] {
            assert_eq!(
                refusals(with(|n| n.funding_category = category.into()))[0].rule,
                "WB-089"
            );
        }
    }

    #[test]
    fn shape_limits_are_declared() {
        assert!(new().validate().is_ok());
        assert!(with(|n| n.course_code = "C".repeat(21)).validate().is_err());
        assert!(
            with(|n| n.funding_category = "ABC".into())
                .validate()
                .is_err()
        );
        assert!(with(|n| n.credits = Some(0)).validate().is_err());
        assert!(with(|n| n.credits = Some(1000)).validate().is_err());
        assert!(with(|n| n.credits = None).validate().is_ok());
    }
}
