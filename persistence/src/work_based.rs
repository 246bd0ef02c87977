//! Work-based resources as training management systems send them, and the change feed.
//!
//! Each resource is one row: the JSON the API serves, kept whole, beside the columns the rules
//! and jobs look things up by (its parent, a second unique key, its status and since when).
//! What the JSON means is the domain's business; this module keeps rows, their revisions and
//! the feed. Every write of a resource appends one change to the organisation's feed in the
//! same transaction, so the feed and the resources never disagree.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;

use crate::audit::{self, NewAuditEvent};
use crate::on_backend;
use crate::paging::{Page, PageRequest};
use crate::schema::{work_based_changes, work_based_feed_positions, work_based_resources};
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// The kinds of work-based resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Learner,
    /// One version of a programme; the ordinal is the version number.
    ProgrammeVersion,
    TrainingAgreement,
    Enrolment,
    TrainingPlan,
    OffJobDelivery,
    /// A learner's fee for one calendar year; the local id is the learner's, the ordinal the year.
    LearnerFee,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Learner,
        Kind::ProgrammeVersion,
        Kind::TrainingAgreement,
        Kind::Enrolment,
        Kind::TrainingPlan,
        Kind::OffJobDelivery,
        Kind::LearnerFee,
    ];

    /// The name in the store and in the change feed.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Learner => "learner",
            Kind::ProgrammeVersion => "programme-version",
            Kind::TrainingAgreement => "training-agreement",
            Kind::Enrolment => "enrolment",
            Kind::TrainingPlan => "training-plan",
            Kind::OffJobDelivery => "off-job-delivery",
            Kind::LearnerFee => "learner-fee",
        }
    }

    fn parse(name: &str) -> Result<Kind, StoreError> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .ok_or_else(|| StoreError::corrupt(format!("unknown work-based kind '{name}'")))
    }
}

/// Which resource: the organisation's own id for it, and its ordinal (0 for kinds with one row
/// per id).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub organisation: Edumis,
    pub kind: Kind,
    pub local_id: String,
    pub ordinal: i32,
}

impl Key {
    /// The key of a kind with one row per local id.
    pub fn new(organisation: Edumis, kind: Kind, local_id: impl Into<String>) -> Self {
        Key {
            organisation,
            kind,
            local_id: local_id.into(),
            ordinal: 0,
        }
    }

    /// The same key with an ordinal (a programme version, a fee year).
    pub fn with_ordinal(mut self, ordinal: i32) -> Self {
        self.ordinal = ordinal;
        self
    }

    fn organisation(&self) -> i32 {
        edumis_column(self.organisation)
    }
}

fn edumis_column(edumis: Edumis) -> i32 {
    edumis.value()
}

/// What a write keeps of a resource.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contents {
    /// The resource it belongs to (an enrolment's agreement, …).
    pub parent_id: Option<String>,
    /// A second key unique among the organisation's resources of the kind.
    pub lookup: Option<String>,
    pub status: Option<String>,
    /// When the status took effect.
    pub status_date: Option<NaiveDate>,
    /// The resource as the API serves it (JSON).
    pub body: String,
}

/// A resource as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: Key,
    pub contents: Contents,
    /// Counts the changes; a write names the revision it was computed from.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What kind of change a write is, for the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Created,
    Updated,
    StatusChanged,
    Deleted,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
            ChangeKind::StatusChanged => "status-changed",
            ChangeKind::Deleted => "deleted",
        }
    }

    fn parse(name: &str) -> Result<ChangeKind, StoreError> {
        [
            ChangeKind::Created,
            ChangeKind::Updated,
            ChangeKind::StatusChanged,
            ChangeKind::Deleted,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
        .ok_or_else(|| StoreError::corrupt(format!("unknown change '{name}'")))
    }
}

/// Who made a change, when and why.
#[derive(Debug, Clone)]
pub struct Author<'a> {
    /// The token's subject, or `system` for the platform's own changes (a grace expiry).
    pub actor: &'a str,
    pub at: DateTime<Utc>,
    /// A reason code or words, when the change has one.
    pub reason: Option<&'a str>,
}

/// One change of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Increasing per organisation; the feed's cursor.
    pub position: i64,
    pub kind: Kind,
    pub local_id: String,
    pub ordinal: i32,
    pub change: ChangeKind,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    /// The resource as it became (JSON).
    pub body: String,
    pub actor: String,
    pub reason: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = work_based_resources)]
struct ResourceRow {
    organisation: i32,
    kind: String,
    local_id: String,
    ordinal: i32,
    parent_id: Option<String>,
    lookup: Option<String>,
    status: Option<String>,
    status_date: Option<NaiveDate>,
    revision: i32,
    body: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl ResourceRow {
    fn into_stored(self) -> Result<Stored, StoreError> {
        Ok(Stored {
            key: Key {
                organisation: Edumis::new(i64::from(self.organisation))
                    .map_err(StoreError::corrupt)?,
                kind: Kind::parse(&self.kind)?,
                local_id: self.local_id,
                ordinal: self.ordinal,
            },
            contents: Contents {
                parent_id: self.parent_id,
                lookup: self.lookup,
                status: self.status,
                status_date: self.status_date,
                body: self.body,
            },
            revision: self.revision,
            created_at: from_row(self.created_at),
            updated_at: from_row(self.updated_at),
        })
    }
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = work_based_changes)]
struct ChangeRow {
    organisation: i32,
    position: i64,
    kind: String,
    local_id: String,
    ordinal: i32,
    change: String,
    from_status: Option<String>,
    to_status: Option<String>,
    body: String,
    actor: String,
    reason: Option<String>,
    occurred_at: NaiveDateTime,
}

impl ChangeRow {
    fn into_change(self) -> Result<Change, StoreError> {
        Ok(Change {
            position: self.position,
            kind: Kind::parse(&self.kind)?,
            local_id: self.local_id,
            ordinal: self.ordinal,
            change: ChangeKind::parse(&self.change)?,
            from_status: self.from_status,
            to_status: self.to_status,
            body: self.body,
            actor: self.actor,
            reason: self.reason,
            occurred_at: from_row(self.occurred_at),
        })
    }
}

/// The rows of `work_based_resources` with this key (at most one).
macro_rules! with_key {
    ($key:expr) => {{
        use work_based_resources::dsl as r;
        let key: &Key = $key;
        r::work_based_resources
            .filter(r::organisation.eq(key.organisation()))
            .filter(r::kind.eq(key.kind.as_str()))
            .filter(r::local_id.eq(key.local_id.clone()))
            .filter(r::ordinal.eq(key.ordinal))
    }};
}

/// The resource with this key, if the organisation has sent it.
pub fn find(conn: &mut DbConnection, key: &Key) -> Result<Option<Stored>, StoreError> {
    with_key!(key)
        .select(ResourceRow::as_select())
        .first(conn)
        .optional()?
        .map(ResourceRow::into_stored)
        .transpose()
}

/// Whether the organisation has sent any work-based data (so its cut-offs concern it).
pub fn has_any(conn: &mut DbConnection, organisation: Edumis) -> Result<bool, StoreError> {
    use work_based_resources::dsl as r;
    let found: Option<String> = r::work_based_resources
        .filter(r::organisation.eq(edumis_column(organisation)))
        .select(r::local_id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// The resource of the kind whose second key is `lookup` (a learner's NSN, …).
pub fn find_by_lookup(
    conn: &mut DbConnection,
    organisation: Edumis,
    kind: Kind,
    lookup: &str,
) -> Result<Option<Stored>, StoreError> {
    use work_based_resources::dsl as r;
    r::work_based_resources
        .filter(r::organisation.eq(edumis_column(organisation)))
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::lookup.eq(lookup))
        .select(ResourceRow::as_select())
        .first(conn)
        .optional()?
        .map(ResourceRow::into_stored)
        .transpose()
}

/// Every resource of the kind the organisation has sent, in local id and ordinal order.
pub fn of_kind(
    conn: &mut DbConnection,
    organisation: Edumis,
    kind: Kind,
) -> Result<Vec<Stored>, StoreError> {
    use work_based_resources::dsl as r;
    r::work_based_resources
        .filter(r::organisation.eq(edumis_column(organisation)))
        .filter(r::kind.eq(kind.as_str()))
        .order((r::local_id.asc(), r::ordinal.asc()))
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ResourceRow::into_stored)
        .collect()
}

/// The last feed position of every organisation that has sent work-based data: it moves with
/// every change, so it says whether what was computed from the data is still current.
pub fn feed_positions(conn: &mut DbConnection) -> Result<Vec<(Edumis, i64)>, StoreError> {
    use work_based_feed_positions::dsl as p;
    p::work_based_feed_positions
        .order(p::organisation.asc())
        .select((p::organisation, p::last_position))
        .load::<(i32, i64)>(conn)?
        .into_iter()
        .map(|(organisation, position)| {
            Edumis::new(i64::from(organisation))
                .map(|edumis| (edumis, position))
                .map_err(StoreError::corrupt)
        })
        .collect()
}

/// The resources of the kind that belong to `parent_id` (an agreement's enrolments, …), in
/// local id and ordinal order.
pub fn children(
    conn: &mut DbConnection,
    organisation: Edumis,
    kind: Kind,
    parent_id: &str,
) -> Result<Vec<Stored>, StoreError> {
    use work_based_resources::dsl as r;
    r::work_based_resources
        .filter(r::organisation.eq(edumis_column(organisation)))
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::parent_id.eq(parent_id))
        .order((r::local_id.asc(), r::ordinal.asc()))
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ResourceRow::into_stored)
        .collect()
}

/// Every row of one local id of the kind (a programme's versions, a learner's fee years), in
/// ordinal order.
pub fn ordinals(
    conn: &mut DbConnection,
    organisation: Edumis,
    kind: Kind,
    local_id: &str,
) -> Result<Vec<Stored>, StoreError> {
    use work_based_resources::dsl as r;
    r::work_based_resources
        .filter(r::organisation.eq(edumis_column(organisation)))
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::local_id.eq(local_id))
        .order(r::ordinal.asc())
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ResourceRow::into_stored)
        .collect()
}

/// Resources of the kind, of every organisation, in `status` since `on_or_before` or earlier:
/// what a scheduled job acts on (agreements in grace for 42 days). At most `limit`, oldest
/// status first.
pub fn in_status_since(
    conn: &mut DbConnection,
    kind: Kind,
    status: &str,
    on_or_before: NaiveDate,
    limit: i64,
) -> Result<Vec<Stored>, StoreError> {
    use work_based_resources::dsl as r;
    r::work_based_resources
        .filter(r::kind.eq(kind.as_str()))
        .filter(r::status.eq(status))
        .filter(r::status_date.le(on_or_before))
        .order((
            r::status_date.asc(),
            r::organisation.asc(),
            r::local_id.asc(),
        ))
        .limit(limit)
        .select(ResourceRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ResourceRow::into_stored)
        .collect()
}

/// Keeps a new resource and puts its creation in the feed. A resource with the key already
/// kept, or another of the kind with the same lookup, is a conflict (callers check first and
/// refuse in the domain's words; this catches two creations at once).
pub fn insert(
    conn: &mut DbConnection,
    key: &Key,
    contents: &Contents,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    let at = to_row(author.at);
    let row = ResourceRow {
        organisation: key.organisation(),
        kind: key.kind.as_str().to_owned(),
        local_id: key.local_id.clone(),
        ordinal: key.ordinal,
        parent_id: contents.parent_id.clone(),
        lookup: contents.lookup.clone(),
        status: contents.status.clone(),
        status_date: contents.status_date,
        revision: 1,
        body: contents.body.clone(),
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(work_based_resources::table)
        .values(&row)
        .execute(conn)?;
    append_change(conn, key, ChangeKind::Created, None, contents, author)?;
    row.into_stored()
}

/// Replaces a resource's contents with what was computed from `from` (the revision read), and
/// puts the change in the feed. When another change was made since `from` was read, nothing is
/// written and the answer is a conflict: of two changes at once, one wins.
pub fn update(
    conn: &mut DbConnection,
    from: &Stored,
    contents: &Contents,
    change: ChangeKind,
    author: &Author<'_>,
) -> Result<Stored, StoreError> {
    use work_based_resources::dsl as r;
    let changed = diesel::update(with_key!(&from.key).filter(r::revision.eq(from.revision)))
        .set((
            r::parent_id.eq(contents.parent_id.clone()),
            r::lookup.eq(contents.lookup.clone()),
            r::status.eq(contents.status.clone()),
            r::status_date.eq(contents.status_date),
            r::body.eq(contents.body.clone()),
            r::revision.eq(from.revision + 1),
            r::updated_at.eq(to_row(author.at)),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::Conflict(format!(
            "{} {} was changed by another request meanwhile",
            from.key.kind.as_str(),
            from.key.local_id
        )));
    }
    append_change(
        conn,
        &from.key,
        change,
        from.contents.status.as_deref(),
        contents,
        author,
    )?;
    Ok(Stored {
        key: from.key.clone(),
        contents: contents.clone(),
        revision: from.revision + 1,
        created_at: from.created_at,
        updated_at: from_row(to_row(author.at)),
    })
}

/// Takes the organisation's next feed position. The row stays locked until the transaction
/// ends, so positions commit in order.
fn next_position(conn: &mut DbConnection, organisation: i32) -> Result<i64, StoreError> {
    let position = on_backend!(conn, inner => {
        use work_based_feed_positions::dsl as f;
        diesel::insert_into(f::work_based_feed_positions)
            .values((f::organisation.eq(organisation), f::last_position.eq(1_i64)))
            .on_conflict(f::organisation)
            .do_update()
            .set(f::last_position.eq(f::last_position + 1_i64))
            .returning(f::last_position)
            .get_result::<i64>(inner)
    })?;
    Ok(position)
}

fn append_change(
    conn: &mut DbConnection,
    key: &Key,
    change: ChangeKind,
    from_status: Option<&str>,
    contents: &Contents,
    author: &Author<'_>,
) -> Result<(), StoreError> {
    let position = next_position(conn, key.organisation())?;
    diesel::insert_into(work_based_changes::table)
        .values(&ChangeRow {
            organisation: key.organisation(),
            position,
            kind: key.kind.as_str().to_owned(),
            local_id: key.local_id.clone(),
            ordinal: key.ordinal,
            change: change.as_str().to_owned(),
            from_status: from_status.map(str::to_owned),
            to_status: contents.status.clone(),
            body: contents.body.clone(),
            actor: author.actor.to_owned(),
            reason: author.reason.map(str::to_owned),
            occurred_at: to_row(author.at),
        })
        .execute(conn)?;
    // The funder's audit log keeps the changes of state with everything else it keeps.
    if from_status != contents.status.as_deref() || change != ChangeKind::Updated {
        let mut event = NewAuditEvent::new(
            author.actor,
            format!("work-based {} {}", key.kind.as_str(), change.as_str()),
            format!("{}:{}", key.kind.as_str(), key.local_id),
        )
        .organisation(key.organisation());
        if let Some(to) = contents.status.as_deref() {
            event = event.transition(from_status.unwrap_or(""), to);
        }
        if let Some(reason) = author.reason {
            event = event.reason(reason);
        }
        audit::record(conn, &event.at(author.at))?;
    }
    Ok(())
}

/// A page of an organisation's change feed, oldest first; the cursor is the position of the
/// page's last change.
pub fn changes(
    conn: &mut DbConnection,
    organisation: Edumis,
    request: &PageRequest<i64>,
) -> Result<Page<Change, i64>, StoreError> {
    use work_based_changes::dsl as c;
    let mut query = c::work_based_changes
        .filter(c::organisation.eq(edumis_column(organisation)))
        .select(ChangeRow::as_select())
        .into_boxed();
    if let Some(after) = request.after {
        query = query.filter(c::position.gt(after));
    }
    let rows = query
        .order(c::position.asc())
        .limit(request.rows_to_load())
        .load(conn)?
        .into_iter()
        .map(ChangeRow::into_change)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(request.page_of(rows, |change: &Change| change.position))
}
