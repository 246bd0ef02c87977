//! The use cases of documents: the funder makes a document available to one, several or all
//! organisations (telling their people, by email too for those who choose the type); an
//! organisation keeps its own documents, adds files to any document it sees, links one to a
//! submission, and marks a document to action done. Commercial documents are seen only by
//! people with the role for them; an organisation never sees another's documents or files.

use chrono::NaiveDate;
use dxp_domain::documents::{DocumentAction, DocumentType, changes_documents, sees_commercial};
use dxp_domain::notices::Notice;
use dxp_domain::{Edumis, PortalRole};
use dxp_persistence::documents::{
    self, DocumentDetails, DocumentFilter, NewFile, StoredDocument, StoredFile, Viewer,
};
use dxp_persistence::people;
use dxp_persistence::submissions::{self, Scope};

use crate::file_store::KeptFile;
use crate::people::Asker;
use crate::{Service, ServiceError};

/// The most documents one list returns.
pub const MAX_DOCUMENTS: i64 = 200;

/// A document as asked for by its creator.
#[derive(Debug, Clone)]
pub struct DocumentRequest {
    pub document_type: DocumentType,
    pub title: String,
    pub subject: Option<String>,
    pub fund: Option<String>,
    pub plan_year: Option<i32>,
    pub action: DocumentAction,
    pub due_on: Option<NaiveDate>,
    /// `None`: as the type's default.
    pub commercial: Option<bool>,
    pub submission_id: Option<String>,
    /// The funder's audience: these organisations…
    pub organisations: Vec<Edumis>,
    /// …or every organisation DXP knows.
    pub all_organisations: bool,
}

/// A document request checked against who asks: ready to be created once its files are kept.
#[derive(Debug, Clone)]
pub struct DocumentPlan {
    pub id: String,
    owner: Option<Edumis>,
    details: DocumentDetails,
    audience: Vec<Edumis>,
    created_by: String,
}

/// Files to be added to a document the asker may add to, checked before any file is taken.
#[derive(Debug, Clone)]
pub struct FilesPlan {
    document_id: String,
    access: Access,
    /// The organisation adding them; `None`: the funder.
    organisation: Option<Edumis>,
    uploaded_by: String,
}

/// What an asker may do with documents, from their token and their portal roles.
#[derive(Debug, Clone, Copy)]
struct Access {
    viewer: Viewer,
    /// Adds documents and files (commercial ones only with `viewer`'s commercial sight).
    writes: bool,
}

impl Service {
    /// What the asker sees and may change among documents: the funder everything; a person of
    /// an organisation by their portal roles (a person with full access read only changes
    /// nothing).
    async fn document_access(&self, asker: &Asker) -> Result<Access, ServiceError> {
        if asker.is_funder {
            return Ok(Access {
                viewer: Viewer::Funder,
                writes: true,
            });
        }
        let Some(organisation) = asker.organisation else {
            return Err(ServiceError::Forbidden(
                "the token names no organisation".to_owned(),
            ));
        };
        let subject = asker.subject.clone();
        let roles = self
            .blocking(move |conn| people::find(conn, &subject))
            .await?
            .map(|person| person.portal_roles)
            .unwrap_or_else(|| vec![PortalRole::GeneralAccess]);
        Ok(Access {
            viewer: Viewer::Organisation {
                edumis: organisation,
                sees_commercial: sees_commercial(&roles),
            },
            writes: changes_documents(&roles),
        })
    }

    /// Checks a new document against who asks and the rules of documents, before any file is
    /// taken: the funder names its audience; an organisation's document is its own; a document
    /// to action has a due date and comes from the funder; a linked submission is the owner's.
    pub async fn plan_document(
        &self,
        asker: &Asker,
        request: DocumentRequest,
    ) -> Result<DocumentPlan, ServiceError> {
        let access = self.document_access(asker).await?;
        let commercial = request
            .commercial
            .unwrap_or_else(|| request.document_type.commercial_by_default());
        check_details(&request)?;
        let (owner, audience) = match access.viewer {
            Viewer::Funder => {
                if request.submission_id.is_some() {
                    return Err(ServiceError::Unacceptable(
                        "the funder's documents are not linked to a submission".to_owned(),
                    ));
                }
                let audience = if request.all_organisations {
                    if !request.organisations.is_empty() {
                        return Err(ServiceError::BadInput(
                            "name organisations or choose allOrganisations, not both".to_owned(),
                        ));
                    }
                    self.blocking(|conn| {
                        Ok::<_, dxp_persistence::StoreError>(
                            dxp_persistence::organisations::list(conn)?
                                .into_iter()
                                .map(|organisation| organisation.edumis)
                                .collect::<Vec<_>>(),
                        )
                    })
                    .await?
                } else {
                    let mut named = request.organisations.clone();
                    named.sort_unstable();
                    named.dedup();
                    named
                };
                if audience.is_empty() {
                    return Err(ServiceError::Unacceptable(
                        "a document needs an audience: name its organisations, or choose \
                         allOrganisations"
                            .to_owned(),
                    ));
                }
                (None, audience)
            }
            Viewer::Organisation {
                edumis,
                sees_commercial,
            } => {
                if !access.writes {
                    return Err(ServiceError::Forbidden(
                        "your access is read only: you cannot add documents".to_owned(),
                    ));
                }
                if commercial && !sees_commercial {
                    return Err(ServiceError::Forbidden(
                        "a commercial document needs the commercial documents role; ask your \
                         organisation's user settings admin"
                            .to_owned(),
                    ));
                }
                if request.all_organisations
                    || request.organisations.iter().any(|named| *named != edumis)
                {
                    return Err(ServiceError::Forbidden(format!(
                        "an organisation's documents are its own: you may add documents for \
                         {edumis} only"
                    )));
                }
                if request.action == DocumentAction::ToAction {
                    return Err(ServiceError::Unacceptable(
                        "only the funder asks for action on a document: add yours as to-view"
                            .to_owned(),
                    ));
                }
                if let Some(submission) = request.submission_id.clone() {
                    let found = self
                        .blocking(move |conn| {
                            submissions::find(conn, &submission, Scope::Organisation(edumis))
                        })
                        .await;
                    if let Err(ServiceError::NotFound(_)) = found {
                        return Err(ServiceError::Unacceptable(format!(
                            "submissionId: your organisation has no submission {}",
                            request.submission_id.as_deref().unwrap_or_default()
                        )));
                    }
                    found?;
                }
                (Some(edumis), vec![edumis])
            }
        };
        Ok(DocumentPlan {
            id: uuid::Uuid::new_v4().to_string(),
            owner,
            details: DocumentDetails {
                document_type: request.document_type,
                title: request.title.trim().to_owned(),
                subject: request.subject.filter(|text| !text.trim().is_empty()),
                fund: request.fund.filter(|text| !text.trim().is_empty()),
                plan_year: request.plan_year,
                action: request.action,
                due_on: request.due_on,
                commercial,
                submission_id: request.submission_id,
            },
            audience,
            created_by: asker.subject.clone(),
        })
    }

    /// Creates a planned document with its kept files, telling its audience when the funder
    /// made it. When the record cannot be written the files are removed again.
    pub async fn create_document(
        &self,
        plan: DocumentPlan,
        files: Vec<KeptFile>,
    ) -> Result<String, ServiceError> {
        let at = self.clock().now()?;
        let notice = plan.owner.is_none().then(|| {
            Notice::document_available(
                &plan.id,
                &plan.details.title,
                plan.details.document_type,
                plan.details
                    .due_on
                    .map(|due| due.format("%-d %B %Y").to_string())
                    .as_deref(),
                plan.details.commercial,
            )
        });
        let records = new_files(&files);
        let id = plan.id.clone();
        let written = self
            .blocking(move |conn| {
                documents::create(
                    conn,
                    &plan.id,
                    plan.owner,
                    &plan.details,
                    &plan.audience,
                    &records,
                    &plan.created_by,
                    at,
                    notice.as_ref(),
                )
            })
            .await;
        if let Err(error) = written {
            self.file_store().forget(&files).await;
            return Err(error);
        }
        Ok(id)
    }

    /// The document as the asker sees it; not found when they may not see it.
    pub async fn document(&self, asker: &Asker, id: &str) -> Result<StoredDocument, ServiceError> {
        let access = self.document_access(asker).await?;
        self.visible_document(access, id).await
    }

    /// The document as `access` sees it; not found when it may not.
    async fn visible_document(
        &self,
        access: Access,
        id: &str,
    ) -> Result<StoredDocument, ServiceError> {
        let id = id.to_owned();
        self.blocking(move |conn| {
            documents::find(conn, access.viewer, &id)?
                .ok_or_else(|| ServiceError::NotFound(format!("no document {id}")))
        })
        .await
    }

    /// Checks that the asker may add files to the document, before any file is taken: the
    /// answer is what [`Service::add_document_files`] records them under.
    pub async fn plan_files(&self, asker: &Asker, id: &str) -> Result<FilesPlan, ServiceError> {
        let access = self.document_access(asker).await?;
        self.visible_document(access, id).await?;
        if !access.writes {
            return Err(ServiceError::Forbidden(
                "your access is read only: you cannot add files".to_owned(),
            ));
        }
        Ok(FilesPlan {
            document_id: id.to_owned(),
            access,
            organisation: match access.viewer {
                Viewer::Organisation { edumis, .. } => Some(edumis),
                Viewer::Funder => None,
            },
            uploaded_by: asker.subject.clone(),
        })
    }

    /// Records kept files against the planned document; an organisation's files are seen by
    /// it and the funder only. When the record cannot be written the files are removed again.
    pub async fn add_document_files(
        &self,
        plan: FilesPlan,
        files: Vec<KeptFile>,
    ) -> Result<StoredDocument, ServiceError> {
        let at = self.clock().now()?;
        let records = new_files(&files);
        let (document, organisation, by) = (
            plan.document_id.clone(),
            plan.organisation,
            plan.uploaded_by.clone(),
        );
        let written = self
            .blocking(move |conn| {
                documents::add_files(conn, &document, organisation, &records, &by, at)
            })
            .await;
        if let Err(error) = written {
            self.file_store().forget(&files).await;
            return Err(error);
        }
        self.visible_document(plan.access, &plan.document_id).await
    }

    /// The documents of `organisation` the asker sees, newest first.
    pub async fn documents(
        &self,
        asker: &Asker,
        organisation: Edumis,
        filter: DocumentFilter,
    ) -> Result<Vec<StoredDocument>, ServiceError> {
        let access = self.document_access(asker).await?;
        if let Viewer::Organisation { edumis, .. } = access.viewer
            && edumis != organisation
        {
            return Err(ServiceError::Forbidden(format!(
                "you may list only your own organisation's documents, not those of {organisation}"
            )));
        }
        self.blocking(move |conn| {
            documents::list(conn, access.viewer, organisation, &filter, MAX_DOCUMENTS)
        })
        .await
    }

    /// Marks a document to action done for the asker's organisation.
    pub async fn mark_document_actioned(
        &self,
        asker: &Asker,
        id: &str,
    ) -> Result<StoredDocument, ServiceError> {
        let access = self.document_access(asker).await?;
        let document = self.visible_document(access, id).await?;
        let Viewer::Organisation { edumis, .. } = access.viewer else {
            return Err(ServiceError::Forbidden(
                "an organisation marks a document actioned; the funder has nothing to action"
                    .to_owned(),
            ));
        };
        if !access.writes {
            return Err(ServiceError::Forbidden(
                "your access is read only: you cannot mark documents actioned".to_owned(),
            ));
        }
        if document.details.action != DocumentAction::ToAction {
            return Err(ServiceError::Unacceptable(
                "this document is to view: there is nothing to mark actioned".to_owned(),
            ));
        }
        let at = self.clock().now()?;
        let (document, by) = (id.to_owned(), asker.subject.clone());
        self.blocking(move |conn| documents::mark_actioned(conn, &document, edumis, &by, at))
            .await?;
        self.visible_document(access, id).await
    }

    /// Links the asker's organisation's own document to one of its submissions (`None`
    /// unlinks it).
    pub async fn link_document(
        &self,
        asker: &Asker,
        id: &str,
        submission: Option<String>,
    ) -> Result<StoredDocument, ServiceError> {
        let access = self.document_access(asker).await?;
        let document = self.visible_document(access, id).await?;
        let Viewer::Organisation { edumis, .. } = access.viewer else {
            return Err(ServiceError::Unacceptable(
                "the funder's documents are not linked to a submission".to_owned(),
            ));
        };
        if document.owner != Some(edumis) || !access.writes {
            return Err(ServiceError::Forbidden(
                "only your organisation's own documents can be linked to its submissions"
                    .to_owned(),
            ));
        }
        let document_id = id.to_owned();
        self.blocking(move |conn| {
            if let Some(submission) = &submission {
                submissions::find(conn, submission, Scope::Organisation(edumis))?;
            }
            documents::link_submission(conn, &document_id, submission.as_deref())
        })
        .await?;
        self.visible_document(access, id).await
    }

    /// A file of a document the asker sees, with its bytes as a stream.
    pub async fn document_file(
        &self,
        asker: &Asker,
        id: &str,
        file: &str,
    ) -> Result<
        (
            StoredFile,
            impl futures_util::Stream<Item = Result<bytes::Bytes, String>> + Send + 'static + use<>,
        ),
        ServiceError,
    > {
        let document = self.document(asker, id).await?;
        let stored = document
            .files
            .into_iter()
            .find(|stored| stored.id == file)
            .ok_or_else(|| ServiceError::NotFound(format!("document {id} has no file {file}")))?;
        let bytes = self
            .file_store()
            .read(&stored.object_key)
            .await
            .map_err(ServiceError::Failure)?;
        Ok((stored, bytes))
    }
}

fn new_files(files: &[KeptFile]) -> Vec<NewFile> {
    files
        .iter()
        .map(|file| NewFile {
            id: file.id.clone(),
            file_name: file.file_name.clone(),
            media_type: file.kind.media_type().to_owned(),
            size_bytes: i64::try_from(file.size_bytes).unwrap_or(i64::MAX),
            sha256: file.sha256.clone(),
            object_key: file.object_key.clone(),
        })
        .collect()
}

/// The shape rules of a document's details.
fn check_details(request: &DocumentRequest) -> Result<(), ServiceError> {
    let title = request.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(ServiceError::BadInput(
            "title: a document needs a title of 1 to 200 characters".to_owned(),
        ));
    }
    if request
        .subject
        .as_ref()
        .is_some_and(|text| text.chars().count() > 1000)
    {
        return Err(ServiceError::BadInput(
            "subject: at most 1000 characters".to_owned(),
        ));
    }
    if request
        .fund
        .as_ref()
        .is_some_and(|text| text.chars().count() > 20)
    {
        return Err(ServiceError::BadInput(
            "fund: a fund code of at most 20 characters, such as 37".to_owned(),
        ));
    }
    if request
        .plan_year
        .is_some_and(|year| !(2000..=2100).contains(&year))
    {
        return Err(ServiceError::BadInput(
            "planYear: a year from 2000 to 2100".to_owned(),
        ));
    }
    match (request.action, request.due_on) {
        (DocumentAction::ToAction, None) => Err(ServiceError::BadInput(
            "dueOn: a document to action needs the date it is due".to_owned(),
        )),
        (DocumentAction::ToView, Some(_)) => Err(ServiceError::BadInput(
            "dueOn: only a document to action has a due date".to_owned(),
        )),
        _ => Ok(()),
    }
}
