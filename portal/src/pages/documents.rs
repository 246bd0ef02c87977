//! Documents (Tuhinga): the documents the TEC makes available to an organisation and those it
//! keeps itself, filtered by type; one document's details and files to download; a reply file
//! sent back; a document to action marked as actioned. The TEC's staff see any organisation's
//! documents (chosen with `?organisation=`) and make new ones available.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::documents::{DocumentAction, DocumentType};
use dxp_persistence::documents::{DocumentFilter, StoredDocument, StoredFile};
use dxp_service::documents::DocumentRequest;
use dxp_service::file_store::{KeepError, KeptFile};
use futures_util::{StreamExt, TryStreamExt};
use serde::Deserialize;

use super::multipart::{check_csrf_first, file_name_of, text_of, unreadable};
use super::submissions::urlencode;
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, nz_day, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/documents", web::get().to(list))
        .route("/documents", web::post().to(create))
        .route("/documents/new", web::get().to(new_document))
        .route("/documents/{id}", web::get().to(detail))
        .route("/documents/{id}/files", web::post().to(upload))
        .route("/documents/{id}/files/{file}", web::get().to(download))
        .route("/documents/{id}/actioned", web::post().to(mark_actioned));
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(
        signed,
        Area::Documents,
        title,
        Some(("/guides/documents", "Documents from the TEC")),
    )
}

/// A type of document as people name one of it.
pub fn type_name(document_type: DocumentType) -> &'static str {
    match document_type {
        DocumentType::FundingLetter => "Funding letter",
        DocumentType::WashUp => "Wash-up",
        DocumentType::InvestmentPlanGuidance => "Investment plan guidance",
        DocumentType::CommitmentTemplate => "Commitment template",
        DocumentType::InvestmentPlan => "Investment plan",
        DocumentType::SubmissionSupport => "Data submission supporting document",
        DocumentType::Other => "Other document",
    }
}

/// What a file is, in words: its kind from the media type its content was recognised as.
fn kind_words(media_type: &str) -> &'static str {
    match media_type.split(';').next().unwrap_or_default().trim() {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "Word document"
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "PowerPoint presentation"
        }
        "image/png" => "PNG image",
        "image/jpeg" => "JPEG image",
        "text/csv" => "CSV file",
        "text/plain" => "Text file",
        _ => "File",
    }
}

/// A size as people read it: "820 bytes", "14 KB", "2.3 MB".
fn size_words(bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            rest => format!("{}.{rest} MB", tenths / 10),
        }
    }
}

/// Where a document stands for the organisation: to read, to action, or actioned.
fn state_words(document: &StoredDocument) -> String {
    match (&document.details.action, &document.actioned) {
        (DocumentAction::ToView, _) => "To read".to_owned(),
        (DocumentAction::ToAction, Some((at, by))) => {
            format!("Actioned on {} by {by}", nz_time(*at))
        }
        (DocumentAction::ToAction, None) => "To action: not done yet".to_owned(),
    }
}

// ---- the list ------------------------------------------------------------------------------

struct Row {
    id: String,
    title: String,
    type_name: &'static str,
    due: String,
    state: String,
    /// Whether it still waits on the organisation.
    waiting: bool,
    files: usize,
    from: String,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct ListPage {
    layout: Layout,
    organisation: Option<i32>,
    is_funder: bool,
    organisations: Vec<(i32, String, bool)>,
    types: Vec<(&'static str, &'static str, bool)>,
    to_action_only: bool,
    filtered: bool,
    rows: Vec<Row>,
    /// The query that keeps the organisation, for links to a document.
    back_query: String,
}

#[derive(Deserialize)]
struct ListQuery {
    organisation: Option<String>,
    #[serde(rename = "type")]
    document_type: Option<String>,
    to_action: Option<String>,
}

async fn list(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    let document_type = match query
        .document_type
        .as_deref()
        .filter(|text| !text.is_empty())
    {
        Some(text) => Some(
            text.parse::<DocumentType>()
                .map_err(|_| PageError::NotFound)?,
        ),
        None => None,
    };
    let to_action_only = query
        .to_action
        .as_deref()
        .is_some_and(|value| !value.is_empty());
    let rows = match organisation {
        Some(organisation) => portal
            .service
            .documents(
                &super::asker(&signed.user),
                organisation,
                DocumentFilter {
                    document_type,
                    to_action_only,
                    submission_id: None,
                },
            )
            .await?
            .into_iter()
            .map(|document| Row {
                state: state_words(&document),
                waiting: document.details.action == DocumentAction::ToAction
                    && document.actioned.is_none(),
                due: document
                    .details
                    .due_on
                    .map(nz_day)
                    .unwrap_or_else(|| "No due date".to_owned()),
                type_name: type_name(document.details.document_type),
                files: document.files.len(),
                from: match document.owner {
                    None => "The TEC".to_owned(),
                    Some(owner) if Some(owner) == signed.user.organisation => {
                        "Your organisation".to_owned()
                    }
                    Some(owner) => format!("Organisation {owner}"),
                },
                title: document.details.title,
                id: document.id,
            })
            .collect(),
        None => Vec::new(),
    };
    let title = match (signed.user.is_funder(), organisation) {
        (true, Some(organisation)) => format!("Documents of organisation {organisation}"),
        _ => "Documents".to_owned(),
    };
    render(&ListPage {
        layout: layout(&signed, title),
        organisation: organisation.map(Edumis::value),
        is_funder: signed.user.is_funder(),
        organisations: super::organisation_choices(&portal, &signed, organisation).await?,
        types: DocumentType::ALL
            .iter()
            .map(|kind| {
                (
                    kind.as_str(),
                    type_name(*kind),
                    document_type == Some(*kind),
                )
            })
            .collect(),
        to_action_only,
        filtered: document_type.is_some() || to_action_only,
        rows,
        back_query: back_query(&signed, organisation),
    })
}

/// `?organisation=6004` for the funder's staff, so that a document's page links back to the
/// organisation's list; nothing for anyone else.
fn back_query(signed: &Signed, organisation: Option<Edumis>) -> String {
    match (signed.user.is_funder(), organisation) {
        (true, Some(organisation)) => format!("?organisation={organisation}"),
        _ => String::new(),
    }
}

// ---- one document --------------------------------------------------------------------------

struct FileLine {
    id: String,
    name: String,
    kind: &'static str,
    size: String,
    added_by: String,
    added_at: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DetailPage {
    layout: Layout,
    d: StoredDocument,
    type_name: &'static str,
    from: String,
    created: String,
    due: Option<String>,
    /// Where the organisation stands with it; for the funder, the organisation of the list.
    state: Option<String>,
    audience: String,
    files: Vec<FileLine>,
    flash: Option<Flash>,
    /// Whether the person may add files (the use case still decides by their portal roles).
    may_upload: bool,
    may_mark_actioned: bool,
    max_file_size: String,
    is_funder: bool,
    back: String,
}

#[derive(Deserialize)]
struct DetailQuery {
    organisation: Option<String>,
}

async fn detail(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, PageError> {
    let asker = super::asker(&signed.user);
    let document = portal.service.document(&asker, &id).await?;
    let is_funder = signed.user.is_funder();
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    // The funder sees no organisation's mark on the document itself: it is read from that
    // organisation's list.
    let state = match (is_funder, organisation) {
        (false, _) => Some(state_words(&document)),
        (true, Some(organisation)) if document.audience.contains(&organisation) => portal
            .service
            .documents(&asker, organisation, DocumentFilter::default())
            .await?
            .into_iter()
            .find(|listed| listed.id == document.id)
            .map(|listed| format!("{} (organisation {organisation})", state_words(&listed))),
        (true, _) => None,
    };
    let own = signed.user.organisation.map(Edumis::value);
    let files = document
        .files
        .iter()
        .map(|file: &StoredFile| FileLine {
            id: file.id.clone(),
            name: file.file_name.clone(),
            kind: kind_words(&file.media_type),
            size: size_words(file.size_bytes),
            added_by: match file.organisation {
                None => format!("The TEC ({})", file.uploaded_by),
                Some(by) if Some(by) == own => format!("Your organisation ({})", file.uploaded_by),
                Some(by) => format!("Organisation {by} ({})", file.uploaded_by),
            },
            added_at: nz_time(file.uploaded_at.and_utc()),
        })
        .collect();
    let may_mark_actioned = !is_funder
        && signed.user.may_submit()
        && document.details.action == DocumentAction::ToAction
        && document.actioned.is_none();
    let back_query = back_query(&signed, organisation);
    render(&DetailPage {
        layout: layout(&signed, document.details.title.clone()),
        type_name: type_name(document.details.document_type),
        from: match document.owner {
            None => "The TEC".to_owned(),
            Some(owner) if Some(owner.value()) == own => "Your organisation".to_owned(),
            Some(owner) => format!("Organisation {owner}"),
        },
        created: nz_time(document.created_at),
        due: document.details.due_on.map(nz_day),
        state,
        audience: document
            .audience
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        files,
        flash: signed.told(),
        may_upload: signed.user.may_submit(),
        may_mark_actioned,
        max_file_size: size_words(
            i64::try_from(portal.service.file_store().max_file_bytes).unwrap_or(i64::MAX),
        ),
        is_funder,
        back: format!("/documents{back_query}"),
        d: document,
    })
}

/// Downloads a file of a document the person sees, streamed, under its own name.
async fn download(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, file_id) = path.into_inner();
    let (file, bytes) = portal
        .service
        .document_file(&super::asker(&signed.user), &id, &file_id)
        .await?;
    let logged = file.id.clone();
    let bytes = bytes.map_err(move |cause| {
        tracing::error!(file = %logged, error = %cause, "a download stopped: the store failed");
        std::io::Error::other(cause)
    });
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.media_type.clone()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            dxp_domain::documents::attachment_disposition(&file.file_name),
        ))
        .insert_header((header::ETAG, format!("\"{}\"", file.sha256)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .no_chunking(u64::try_from(file.size_bytes).unwrap_or_default())
        .streaming(bytes))
}

#[derive(Deserialize)]
struct ActionedForm {
    csrf: String,
}

async fn mark_actioned(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<ActionedForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let document = portal
        .service
        .mark_document_actioned(&super::asker(&signed.user), &id)
        .await?;
    signed.tell(Flash {
        ok: true,
        lines: vec![format!(
            "Marked as actioned. '{}' no longer shows in what is due.",
            document.details.title
        )],
    })?;
    Ok(see_other(&format!("/documents/{}", urlencode(&id))))
}

// ---- uploading files -----------------------------------------------------------------------

/// The most files one upload may carry, as the API allows.
const MAX_FILES_PER_UPLOAD: usize = 20;

/// Why a file was not kept, for the person who sent it; a store failure is ours.
fn keep_refusal(error: KeepError) -> Result<String, PageError> {
    match error {
        KeepError::Store(cause) => Err(PageError::Internal(format!(
            "the document store failed: {cause}"
        ))),
        other => Ok(super::sentence(&other.to_string())),
    }
}

/// Keeps each chosen file of the rest of the form under `document`. A refused file stops
/// the upload: the files kept before it are removed again, and the refusal is the answer.
async fn keep_files(
    portal: &Portal,
    document: &str,
    form: &mut Multipart,
) -> Result<Result<Vec<KeptFile>, String>, PageError> {
    let store = portal.service.file_store();
    let mut kept = Vec::new();
    let mut refused = None;
    while let Some(field) = form.next().await {
        let mut field = match field {
            Ok(field) => field,
            Err(error) => {
                store.forget(&kept).await;
                return Err(unreadable(error));
            }
        };
        if refused.is_some() {
            // Read to its end, so that the browser hears the answer rather than a reset.
            while let Some(Ok(_)) = field.next().await {}
            continue;
        }
        let Some(name) = file_name_of(&field) else {
            while let Some(Ok(_)) = field.next().await {}
            continue;
        };
        if name.chars().count() > 255 {
            refused = Some(format!(
                "The file name '{name}' is longer than 255 characters. Rename the file and upload it again."
            ));
            continue;
        }
        if kept.len() == MAX_FILES_PER_UPLOAD {
            refused = Some(format!(
                "At most {MAX_FILES_PER_UPLOAD} files can be uploaded at once. Upload the rest in another go."
            ));
            continue;
        }
        match store.keep(document, &name, &mut field).await {
            Ok(file) => kept.push(file),
            Err(error) => match keep_refusal(error) {
                Ok(why) => refused = Some(why),
                Err(failure) => {
                    store.forget(&kept).await;
                    return Err(failure);
                }
            },
        }
    }
    match refused {
        Some(why) => {
            store.forget(&kept).await;
            Ok(Err(why))
        }
        None => Ok(Ok(kept)),
    }
}

/// Adds the chosen files to a document: the CSRF token first, then the files, each kept as it
/// arrives (checked to be what its name says) and recorded together.
async fn upload(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    mut form: Multipart,
) -> Result<HttpResponse, PageError> {
    signed.must_submit()?;
    check_csrf_first(&signed, &mut form).await?;
    let plan = portal
        .service
        .plan_files(&super::asker(&signed.user), &id)
        .await?;
    let back = format!("/documents/{}", urlencode(&id));
    let flash = match keep_files(&portal, &id, &mut form).await? {
        Err(why) => Flash {
            ok: false,
            lines: vec![why, "Nothing was added.".to_owned()],
        },
        Ok(files) if files.is_empty() => Flash {
            ok: false,
            lines: vec!["No file was chosen. Choose a file and upload it again.".to_owned()],
        },
        Ok(files) => {
            let names: Vec<String> = files.iter().map(|file| file.file_name.clone()).collect();
            portal.service.add_document_files(plan, files).await?;
            Flash {
                ok: true,
                lines: vec![format!(
                    "Added {}. {}",
                    names.join(", "),
                    if signed.user.is_funder() {
                        "Everyone the document is for can download it."
                    } else {
                        "Only your organisation and the TEC can see it."
                    }
                )],
            }
        }
    };
    signed.tell(flash)?;
    Ok(see_other(&back))
}

// ---- the funder makes a document available --------------------------------------------------

/// The details of a new document as typed, kept to show the form again when it is refused.
#[derive(Debug, Default, Clone)]
struct NewDocument {
    document_type: String,
    title: String,
    subject: String,
    fund: String,
    plan_year: String,
    action: String,
    due_on: String,
    audience: String,
    organisations: String,
    commercial: String,
}

impl NewDocument {
    fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "type" => &mut self.document_type,
            "title" => &mut self.title,
            "subject" => &mut self.subject,
            "fund" => &mut self.fund,
            "plan_year" => &mut self.plan_year,
            "action" => &mut self.action,
            "due_on" => &mut self.due_on,
            "audience" => &mut self.audience,
            "organisations" => &mut self.organisations,
            "commercial" => &mut self.commercial,
            _ => return,
        };
        *slot = value;
    }

    /// The use case's request, or why the form cannot make one (in words for the form).
    fn request(&self) -> Result<DocumentRequest, String> {
        let document_type = self
            .document_type
            .parse::<DocumentType>()
            .map_err(|_| "Choose the type of document.".to_owned())?;
        let text = |value: &str| Some(value.trim().to_owned()).filter(|text| !text.is_empty());
        let plan_year = match text(&self.plan_year) {
            None => None,
            Some(year) => Some(year.parse::<i32>().map_err(|_| {
                format!(
                    "The plan year '{year}' is not a year: write it as four digits, such as 2027."
                )
            })?),
        };
        let title = self.title.trim();
        if title.is_empty() {
            return Err("Give the document a title.".to_owned());
        }
        if title.chars().count() > 200 {
            return Err("Keep the title to 200 characters.".to_owned());
        }
        let action = match self.action.as_str() {
            "to-action" => DocumentAction::ToAction,
            _ => DocumentAction::ToView,
        };
        // A due date belongs to a document to act on; one left in the field of a document to
        // read is not its.
        let due_on = match (action, text(&self.due_on)) {
            (DocumentAction::ToView, _) => None,
            (DocumentAction::ToAction, None) => {
                return Err("Give the date a document to act on is due.".to_owned());
            }
            (DocumentAction::ToAction, Some(day)) => {
                Some(NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| {
                    format!("The due date '{day}' is not a date: choose one, such as 29/05/2027.")
                })?)
            }
        };
        let (organisations, all_organisations) = match self.audience.as_str() {
            "all" => (Vec::new(), true),
            _ => (parse_organisations(&self.organisations)?, false),
        };
        if organisations.is_empty() && !all_organisations {
            return Err(
                "Name the organisations the document is for, or choose every organisation."
                    .to_owned(),
            );
        }
        Ok(DocumentRequest {
            document_type,
            title: title.to_owned(),
            subject: text(&self.subject),
            fund: text(&self.fund),
            plan_year,
            action,
            due_on,
            commercial: match self.commercial.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            submission_id: None,
            organisations,
            all_organisations,
        })
    }
}

/// EDUMIS numbers as typed: separated by commas or spaces.
fn parse_organisations(text: &str) -> Result<Vec<Edumis>, String> {
    text.split([',', ' ', ';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<i64>()
                .ok()
                .and_then(|number| Edumis::new(number).ok())
                .ok_or_else(|| {
                    format!("'{part}' is not an EDUMIS number: write numbers such as 6004, separated by commas.")
                })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "new_document.html")]
struct NewDocumentPage {
    layout: Layout,
    form: NewDocument,
    problem: Option<String>,
    types: Vec<(&'static str, &'static str)>,
    max_file_size: String,
}

fn show_new_document(
    signed: &Signed,
    portal: &Portal,
    form: NewDocument,
    problem: Option<String>,
) -> Result<HttpResponse, PageError> {
    let refused = problem.is_some();
    let mut response = render(&NewDocumentPage {
        layout: layout(signed, "Make a document available".to_owned()),
        form,
        problem,
        types: DocumentType::ALL
            .iter()
            .map(|kind| (kind.as_str(), type_name(*kind)))
            .collect(),
        max_file_size: size_words(
            i64::try_from(portal.service.file_store().max_file_bytes).unwrap_or(i64::MAX),
        ),
    })?;
    if refused {
        *response.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn new_document(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, PageError> {
    signed.must_be_funder()?;
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    show_new_document(
        &signed,
        &portal,
        NewDocument {
            organisations: organisation.map(|o| o.to_string()).unwrap_or_default(),
            ..Default::default()
        },
        None,
    )
}

/// Makes a document available: the CSRF token first, then the document's details, then its
/// files. The details are checked before any file is kept; a refusal shows the form again with
/// what was typed (the files must be chosen again).
async fn create(
    signed: Signed,
    portal: web::Data<Portal>,
    mut form: Multipart,
) -> Result<HttpResponse, PageError> {
    signed.must_be_funder()?;
    check_csrf_first(&signed, &mut form).await?;
    let mut typed = NewDocument::default();
    // The details come before the files; the first file ends them.
    let mut first_file = None;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(unreadable)?;
        if field.name() == Some("file") {
            first_file = Some(field);
            break;
        }
        let name = field.name().unwrap_or_default().to_owned();
        let value = text_of(&mut field).await?;
        typed.set(&name, value);
    }
    let plan = match typed.request() {
        Err(why) => Err(why),
        Ok(request) => match portal
            .service
            .plan_document(&super::asker(&signed.user), request)
            .await
        {
            Ok(plan) => Ok(plan),
            Err(error) => Err(super::refusal(error)?),
        },
    };
    let plan = match plan {
        Ok(plan) => plan,
        Err(why) => {
            if let Some(mut field) = first_file {
                while let Some(Ok(_)) = field.next().await {}
            }
            while let Some(Ok(mut field)) = form.next().await {
                while let Some(Ok(_)) = field.next().await {}
            }
            return show_new_document(&signed, &portal, typed, Some(why));
        }
    };
    let store = portal.service.file_store();
    let mut kept = Vec::new();
    if let Some(mut field) = first_file {
        if let Some(name) = file_name_of(&field) {
            match store.keep(&plan.id, &name, &mut field).await {
                Ok(file) => kept.push(file),
                Err(error) => {
                    let why = keep_refusal(error)?;
                    while let Some(Ok(mut field)) = form.next().await {
                        while let Some(Ok(_)) = field.next().await {}
                    }
                    return show_new_document(&signed, &portal, typed, Some(why));
                }
            }
        } else {
            while let Some(Ok(_)) = field.next().await {}
        }
    }
    let more = match keep_files(&portal, &plan.id, &mut form).await {
        Ok(more) => more,
        Err(failure) => {
            store.forget(&kept).await;
            return Err(failure);
        }
    };
    match more {
        Ok(more) => kept.extend(more),
        Err(why) => {
            store.forget(&kept).await;
            return show_new_document(&signed, &portal, typed, Some(why));
        }
    }
    let id = portal.service.create_document(plan, kept).await?;
    signed.tell(Flash {
        ok: true,
        lines: vec![
            "The document is available. The people of each organisation it is for were told."
                .to_owned(),
        ],
    })?;
    Ok(see_other(&format!("/documents/{}", urlencode(&id))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_words(820), "820 bytes");
        assert_eq!(size_words(14 * 1024), "14 KB");
        assert_eq!(size_words(2_411_725), "2.3 MB");
        assert_eq!(size_words(50 * 1024 * 1024), "50 MB");
    }

    #[test]
    fn organisations_are_typed_as_numbers_separated_by_commas() {
        let parsed = parse_organisations("6004, 6005 6006").expect("numbers");
        assert_eq!(
            parsed.iter().map(|o| o.value()).collect::<Vec<_>>(),
            [6004, 6005, 6006]
        );
        assert!(parse_organisations("6004, Unitec").is_err());
    }
}
