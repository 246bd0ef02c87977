//! Programmes and their versions: version 1 with the programme, a new version for a change of
//! credits, duration or target; a programme's name is unique in its organisation.

use dxp_domain::work_based::programmes::{
    self, NewProgramme, ProgrammeVersion, ProgrammeVersionRecord,
};
use dxp_persistence::DbConnection;
use dxp_persistence::work_based::{self, Kind};

use super::store::{self, Columns, Loaded, Resource};
use super::{Tms, accept, in_transaction, not_found};
use crate::{Service, ServiceError};

impl Resource for ProgrammeVersionRecord {
    const KIND: Kind = Kind::ProgrammeVersion;

    fn local_id(&self) -> &str {
        &self.programme_local_id
    }

    fn ordinal(&self) -> i32 {
        self.programme_version_number
    }

    fn columns(&self) -> Columns {
        Columns {
            // The name is unique among the programmes, not among their versions: only the
            // first version carries it as the lookup.
            lookup: (self.programme_version_number == 1)
                .then(|| self.version.programme_local_name.to_lowercase()),
            ..Columns::default()
        }
    }
}

/// Every version of a programme, oldest first.
pub(crate) fn versions(
    conn: &mut DbConnection,
    tms: &Tms,
    programme_local_id: &str,
) -> Result<Vec<Loaded<ProgrammeVersionRecord>>, ServiceError> {
    work_based::ordinals(
        conn,
        tms.organisation,
        Kind::ProgrammeVersion,
        programme_local_id,
    )?
    .into_iter()
    .map(|row| store::decode(row).map_err(ServiceError::from))
    .collect()
}

impl Service {
    /// W4: a new programme, as its version 1.
    pub async fn create_programme(
        &self,
        tms: &Tms,
        programme: NewProgramme,
    ) -> Result<ProgrammeVersionRecord, ServiceError> {
        let (now, _) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let id = programme.programme_local_id.clone();
                let mut refusals = programmes::check_new(&programme);
                if !versions(conn, &tms, &id)?.is_empty() {
                    refusals.push(programmes::already_exists(&id));
                }
                let name = programme.version.programme_local_name.clone();
                if let Some(other) = work_based::find_by_lookup(
                    conn,
                    tms.organisation,
                    Kind::ProgrammeVersion,
                    &name.to_lowercase(),
                )? {
                    refusals.push(programmes::name_already_used(&name, &other.key.local_id));
                }
                accept(refusals)?;
                let record = ProgrammeVersionRecord::first(programme);
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &record, &author)?;
                Ok(record)
            })
        })
        .await
    }

    /// W4: the next version of a programme.
    pub async fn create_programme_version(
        &self,
        tms: &Tms,
        programme_local_id: &str,
        version: ProgrammeVersion,
    ) -> Result<ProgrammeVersionRecord, ServiceError> {
        let (now, _) = self.moment()?;
        let (tms, id) = (tms.clone(), programme_local_id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let latest = versions(conn, &tms, &id)?
                    .pop()
                    .ok_or_else(|| not_found("programme", &id))?;
                accept(programmes::check_new_version(&latest.value, &version))?;
                let record = latest.value.next(version);
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &record, &author)?;
                Ok(record)
            })
        })
        .await
    }

    /// W5: one version of a programme.
    pub async fn programme_version(
        &self,
        tms: &Tms,
        programme_local_id: &str,
        version: i32,
    ) -> Result<ProgrammeVersionRecord, ServiceError> {
        let (tms, id) = (tms.clone(), programme_local_id.to_owned());
        self.blocking(move |conn| {
            store::load_ordinal::<ProgrammeVersionRecord>(conn, tms.organisation, &id, version)?
                .map(|loaded| loaded.value)
                .ok_or_else(|| not_found("programme version", &format!("{id} version {version}")))
        })
        .await
    }
}
