//! Forms with files (multipart): the CSRF token comes first and is checked before anything
//! else of the form is read, so another site's form cannot make the node read its files.

use actix_multipart::{Field, Multipart};
use futures_util::{StreamExt, TryStreamExt};

use crate::page::PageError;
use crate::session::Signed;

/// The most bytes of a text field of a form with files (the CSRF token, a title, a reason).
const MAX_TEXT_FIELD_BYTES: usize = 8 * 1024;

pub(super) fn unreadable(error: actix_multipart::MultipartError) -> PageError {
    PageError::BadInput(format!("The upload could not be read: {error}"))
}

/// A text field of a form with files, read whole (up to [`MAX_TEXT_FIELD_BYTES`]).
pub(super) async fn text_of(field: &mut Field) -> Result<String, PageError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.try_next().await.map_err(unreadable)? {
        if bytes.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
            return Err(PageError::BadInput(format!(
                "'{}' is longer than the form allows.",
                field.name().unwrap_or_default()
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| {
        PageError::BadInput(format!(
            "'{}' is not text.",
            field.name().unwrap_or_default()
        ))
    })
}

/// Reads the form's first field, which must be its CSRF token: nothing else is read from a
/// form without it.
pub(super) async fn check_csrf_first(
    signed: &Signed,
    form: &mut Multipart,
) -> Result<(), PageError> {
    let Some(field) = form.next().await else {
        return Err(PageError::StaleForm);
    };
    let mut field = field.map_err(unreadable)?;
    if field.name() != Some("csrf") {
        return Err(PageError::StaleForm);
    }
    let sent = text_of(&mut field).await?;
    signed.check_csrf(&sent)
}

/// The file name a part carries, when it is a chosen file (a file input left empty sends a
/// part with no name).
pub(super) fn file_name_of(field: &Field) -> Option<String> {
    field
        .content_disposition()
        .and_then(|disposition| disposition.get_filename())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
}
