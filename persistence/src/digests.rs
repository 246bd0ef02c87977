//! Daily digests: the notices a person chose to be emailed about, gathered into one message a
//! day for those who take a digest. Each person's digest is written in one transaction that
//! claims their day first, so it goes once a day whichever nodes run the job.

use chrono::NaiveDate;
use diesel::prelude::*;
use dxp_domain::notices::{Notice, NoticeKind};

use crate::schema::{notices, people};
use crate::{DbConnection, StoreError};

/// The most notices one digest lists; the rest wait in the portal (it says how many more).
const MOST_LISTED: usize = 50;

/// Queues today's digest (`today`, in New Zealand) for each person who has notices waiting for
/// one, has an email address, is not disabled, and has not had a digest today. A person who
/// stopped taking the digest still gets the notices that were waiting, in a last one.
/// Returns how many digests were queued.
pub fn queue_due(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, StoreError> {
    let waiting: Vec<String> = notices::table
        .inner_join(people::table.on(people::subject.eq(notices::subject)))
        .filter(notices::digest_pending.eq(true))
        .filter(people::disabled.eq(false))
        .filter(
            people::last_digest_on
                .is_null()
                .or(people::last_digest_on.lt(today)),
        )
        .select(notices::subject)
        .distinct()
        .load(conn)?;
    let mut queued = 0;
    for subject in waiting {
        if queue_for(conn, &subject, today)? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues one person's digest, unless another node claimed their day first. The day is claimed
/// only when there is something to send.
fn queue_for(conn: &mut DbConnection, subject: &str, today: NaiveDate) -> Result<bool, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let email: Option<String> = people::table
            .find(subject)
            .select(people::email)
            .first(conn)?;
        let pending: Vec<(String, String, String)> = notices::table
            .filter(notices::subject.eq(subject))
            .filter(notices::digest_pending.eq(true))
            .order((notices::created_at.asc(), notices::id.asc()))
            .select((notices::id, notices::title, notices::body))
            .load(conn)?;
        let Some(email) = email.filter(|email| !email.is_empty()) else {
            return Ok(false);
        };
        if pending.is_empty() {
            return Ok(false);
        }
        let claimed = diesel::update(
            people::table.find(subject).filter(
                people::last_digest_on
                    .is_null()
                    .or(people::last_digest_on.lt(today)),
            ),
        )
        .set(people::last_digest_on.eq(today))
        .execute(conn)?;
        if claimed == 0 {
            return Ok(false);
        }
        crate::outbox::queue(conn, &email, &digest(today, &pending))?;
        let ids: Vec<&str> = pending.iter().map(|(id, _, _)| id.as_str()).collect();
        diesel::update(notices::table.filter(notices::id.eq_any(&ids)))
            .set(notices::digest_pending.eq(false))
            .execute(conn)?;
        Ok(true)
    })
}

/// The digest of `pending` notices (id, title, body), oldest first.
fn digest(today: NaiveDate, pending: &[(String, String, String)]) -> Notice {
    let count = pending.len();
    let mut body = format!(
        "Since your last digest, DXP Ngā Kete told your organisation of {}:\n",
        if count == 1 {
            "1 thing".to_owned()
        } else {
            format!("{count} things")
        }
    );
    for (_, title, text) in pending.iter().take(MOST_LISTED) {
        body.push_str(&format!("\n• {title}\n  {text}\n"));
    }
    if count > MOST_LISTED {
        body.push_str(&format!(
            "\n…and {} more: see them all in your notices.\n",
            count - MOST_LISTED
        ));
    }
    Notice {
        kind: NoticeKind::DailyDigest,
        title: format!(
            "Your DXP Ngā Kete digest for {}: {count} update{}",
            today.format("%-d %B %Y"),
            if count == 1 { "" } else { "s" }
        ),
        body,
        link: "/notices".to_owned(),
        document_type: None,
        commercial: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(count: usize) -> Vec<(String, String, String)> {
        (1..=count)
            .map(|n| (format!("n{n}"), format!("Title {n}"), format!("Body {n}")))
            .collect()
    }

    #[test]
    fn a_digest_lists_at_most_fifty_and_says_how_many_more() {
        let today = NaiveDate::from_ymd_opt(2026, 4, 21).expect("a date");
        let long = digest(today, &pending(51));
        assert_eq!(
            long.title,
            "Your DXP Ngā Kete digest for 21 April 2026: 51 updates"
        );
        assert_eq!(long.body.matches("\n• ").count(), 50);
        assert!(long.body.contains("Title 50\n") && !long.body.contains("Title 51"));
        assert!(long.body.contains("…and 1 more"), "{}", long.body);
        let short = digest(today, &pending(1));
        assert!(short.title.ends_with(": 1 update"), "{}", short.title);
        assert!(!short.body.contains("more"), "{}", short.body);
    }
}
