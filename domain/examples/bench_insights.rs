//! The information products benchmark (issue 21): how long the facts and indicators of a
//! 300,000-enrolment return take to make when it is lodged, and how long a page of indicators
//! takes once they are kept.
//!
//! ```sh
//! cargo run --release -p dxp-domain --example bench_insights -- 300000
//! ```
//!
//! It generates a valid return with `dxp_domain::testkit::valid_return` (2.5 enrolments a
//! learner on average), then times, in this process:
//!
//! 1. the summary: every record of the five files given to `ReturnSummary` as the stored JSON
//!    text, in the order lodging reads them, and the summary written as the JSON kept in
//!    `insight_facts` (what `dxp_service::insights::summarise` and `insight_facts::replace` do,
//!    without the database's paging, which the validators' benchmark measures);
//! 2. the indicators: the kept JSON read back (aggregates and learners), every indicator, group
//!    and year and the EPIC's measures computed from it and written as JSON (what
//!    `insights::refresh_figures` does after lodging, after its queries);
//! 3. a page: the year's facts and the kept indicators read back (what `Service::insights` does
//!    after its two queries; since the indicators are kept at lodging, a page computes none).
//!
//! It prints the figures and the machine's load; nothing here asserts a timing.

use std::collections::HashMap;
use std::time::Instant;

use dxp_domain::insights::{
    Figure, LearnerYear, NoRegister, ReturnFacts, ReturnSummary, YearOfFacts, epic_figures,
    indicators,
};
use dxp_domain::testkit;

/// As the server allocates (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let enrolments: usize = std::env::args()
        .nth(1)
        .and_then(|text| text.parse().ok())
        .unwrap_or(300_000);
    // The testkit gives a learner 2.5 enrolments on average (one to four).
    let learners = (enrolments * 2).div_ceil(5).max(1);
    let started = Instant::now();
    let records = testkit::valid_return(21, learners);
    println!(
        "generated {} learners, {} enrolments, {} course completions in {:.1} s",
        records.learners.len(),
        records.course_enrolments.len(),
        records.course_completions.len(),
        started.elapsed().as_secs_f64()
    );

    let mut best_summary = f64::MAX;
    let mut kept = (String::new(), String::new());
    for _ in 0..3 {
        let started = Instant::now();
        let mut summary = ReturnSummary::new(records.return_year, &NoRegister);
        for file in ReturnSummary::READING_ORDER {
            for json in records.file(file) {
                summary.add(file, json);
            }
        }
        let summary = summary.finish();
        let facts = serde_json::to_string(&summary.facts).expect("facts as JSON");
        let learners = serde_json::to_string(&summary.learners).expect("learners as JSON");
        best_summary = best_summary.min(started.elapsed().as_secs_f64());
        kept = (facts, learners);
    }
    println!(
        "facts summarised and written in {:.3} s (best of 3; goal 2 s); kept JSON: {} KB of \
         aggregates, {} KB of learners",
        best_summary,
        kept.0.len() / 1024,
        kept.1.len() / 1024
    );

    let mut best_figures = f64::MAX;
    let mut kept_figures = String::new();
    for _ in 0..5 {
        let started = Instant::now();
        let facts: ReturnFacts = serde_json::from_str(&kept.0).expect("facts");
        let learners: Vec<LearnerYear> = serde_json::from_str(&kept.1).expect("learners");
        let mut later_study: HashMap<i32, Vec<(chrono::NaiveDate, u8)>> = HashMap::new();
        for learner in &learners {
            later_study
                .entry(learner.nsn)
                .or_default()
                .extend(learner.study.iter().copied());
        }
        let years = [YearOfFacts {
            facts: &facts,
            learners: &learners,
        }];
        let computed = indicators(&years, &later_study);
        let epic = epic_figures(&years);
        kept_figures = serde_json::to_string(&computed).expect("figures as JSON");
        std::hint::black_box(serde_json::to_string(&epic).expect("EPIC measures as JSON"));
        best_figures = best_figures.min(started.elapsed().as_secs_f64());
    }
    println!(
        "indicators computed from the kept facts and written in {:.1} ms (best of 5); at \
         lodging in all {:.3} s (goal 2 s)",
        best_figures * 1000.0,
        best_summary + best_figures
    );

    let mut best_page = f64::MAX;
    let mut figures = 0;
    for _ in 0..20 {
        let started = Instant::now();
        let facts: ReturnFacts = serde_json::from_str(&kept.0).expect("facts");
        let read: Vec<Figure> = serde_json::from_str(&kept_figures).expect("figures");
        figures = read.len();
        std::hint::black_box((facts, read));
        best_page = best_page.min(started.elapsed().as_secs_f64());
    }
    println!(
        "a page's {figures} figures and the year's facts read in {:.2} ms (best of 20; goal \
         100 ms); {} KB of figures kept",
        best_page * 1000.0,
        kept_figures.len() / 1024
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average (1, 5, 15 min): {}", load.trim());
    }
}
