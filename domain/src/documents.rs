//! Documents the funder and an organisation exchange: what a document is (its type, whether it
//! is to view or to action by a date, whether it is commercial), and which files DXP keeps,
//! by what their bytes are rather than what their names say.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::PortalRole;

/// The kinds of document the funder and organisations exchange.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
    /// The funder's letter of an organisation's funding for a year.
    FundingLetter,
    /// The reconciliation of funding against delivery at the year's end.
    WashUp,
    /// The funder's guidance for investment plans.
    InvestmentPlanGuidance,
    /// A template of a commitment (a Mix of Provision or an EPIC) to complete.
    CommitmentTemplate,
    /// An organisation's investment plan.
    InvestmentPlan,
    /// Supporting material for a data submission (explanations of variances, declarations).
    SubmissionSupport,
    /// A document that is none of these.
    Other,
}

impl DocumentType {
    pub const ALL: [DocumentType; 7] = [
        DocumentType::FundingLetter,
        DocumentType::WashUp,
        DocumentType::InvestmentPlanGuidance,
        DocumentType::CommitmentTemplate,
        DocumentType::InvestmentPlan,
        DocumentType::SubmissionSupport,
        DocumentType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::FundingLetter => "funding-letter",
            DocumentType::WashUp => "wash-up",
            DocumentType::InvestmentPlanGuidance => "investment-plan-guidance",
            DocumentType::CommitmentTemplate => "commitment-template",
            DocumentType::InvestmentPlan => "investment-plan",
            DocumentType::SubmissionSupport => "submission-support",
            DocumentType::Other => "other",
        }
    }

    /// What the type is called on the page where a person chooses their email.
    pub fn description(self) -> &'static str {
        match self {
            DocumentType::FundingLetter => "Funding letters",
            DocumentType::WashUp => "Wash-ups",
            DocumentType::InvestmentPlanGuidance => "Investment plan guidance",
            DocumentType::CommitmentTemplate => "Commitment templates",
            DocumentType::InvestmentPlan => "Investment plans",
            DocumentType::SubmissionSupport => "Data submission supporting documents",
            DocumentType::Other => "Other documents",
        }
    }

    /// Whether a document of the type is commercial unless its creator says otherwise: the
    /// money an organisation receives and plans.
    pub fn commercial_by_default(self) -> bool {
        matches!(
            self,
            DocumentType::FundingLetter | DocumentType::WashUp | DocumentType::InvestmentPlan
        )
    }
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document type name DXP does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a document type; the types are {types}", types = DocumentType::ALL.map(DocumentType::as_str).join(", "))]
pub struct UnknownDocumentType(pub String);

impl FromStr for DocumentType {
    type Err = UnknownDocumentType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DocumentType::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownDocumentType(text.to_owned()))
    }
}

/// What the organisation is to do with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentAction {
    /// To read; nothing is asked of the organisation.
    ToView,
    /// The organisation is to act on it by its due date; it is listed in what is due until
    /// someone marks it actioned.
    ToAction,
}

impl DocumentAction {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentAction::ToView => "to-view",
            DocumentAction::ToAction => "to-action",
        }
    }
}

impl FromStr for DocumentAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "to-view" => Ok(DocumentAction::ToView),
            "to-action" => Ok(DocumentAction::ToAction),
            other => Err(format!("'{other}' is not to-view or to-action")),
        }
    }
}

/// Whether a person with these portal roles sees commercial documents.
pub fn sees_commercial(roles: &[PortalRole]) -> bool {
    roles.iter().any(|role| {
        matches!(
            role,
            PortalRole::CommercialDocuments | PortalRole::FullAccessReadOnly
        )
    })
}

/// Whether a person with these portal roles adds documents and files and marks them actioned:
/// general access, the commercial role or user settings admin, unless they were given full
/// access read only, which reads everything and changes nothing whatever else they hold.
pub fn changes_documents(roles: &[PortalRole]) -> bool {
    !roles.contains(&PortalRole::FullAccessReadOnly)
        && roles.iter().any(|role| {
            matches!(
                role,
                PortalRole::GeneralAccess
                    | PortalRole::CommercialDocuments
                    | PortalRole::UserSettingsAdmin
            )
        })
}

/// The kinds of file DXP keeps, each recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    /// Word, Excel or PowerPoint (Office Open XML).
    Docx,
    Xlsx,
    Pptx,
    Png,
    Jpeg,
    /// UTF-8 text: CSV, plain text.
    Csv,
    Text,
}

impl FileKind {
    /// The media type a download is served as.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Text => "text/plain; charset=utf-8",
        }
    }

    /// The file name endings that may carry the kind.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Docx => &["docx"],
            FileKind::Xlsx => &["xlsx"],
            FileKind::Pptx => &["pptx"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Csv => &["csv"],
            FileKind::Text => &["txt"],
        }
    }

    /// The kind of text file a name says, for content that is text.
    fn text_by_name(extension: &str) -> Option<FileKind> {
        match extension {
            "csv" => Some(FileKind::Csv),
            "txt" => Some(FileKind::Text),
            _ => None,
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileRefused {
    #[error(
        "'{name}' is not a kind of file DXP keeps; send PDF, Word, Excel, PowerPoint, PNG, JPEG, \
         CSV or plain text files"
    )]
    UnknownKind { name: String },
    #[error(
        "'{name}' is named .{extension} but its content is {found}; save it in the format its \
         name says, or rename it"
    )]
    NameDisagrees {
        name: String,
        extension: String,
        found: &'static str,
    },
    #[error("'{name}' is empty")]
    Empty { name: String },
}

/// Recognises a file from its first bytes (`head`, up to a few kilobytes) and its name: the
/// content decides, and the name's ending must agree with it, so a program renamed `.pdf` is
/// refused. `head_is_whole` says `head` is the whole file (so text can be recognised to its end).
pub fn recognise(name: &str, head: &[u8], head_is_whole: bool) -> Result<FileKind, FileRefused> {
    if head.is_empty() {
        return Err(FileRefused::Empty {
            name: name.to_owned(),
        });
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    let found = sniff(head, head_is_whole);
    let kind = match found {
        Sniffed::Kind(kind) => kind,
        Sniffed::Text => {
            FileKind::text_by_name(&extension).ok_or_else(|| FileRefused::UnknownKind {
                name: name.to_owned(),
            })?
        }
        Sniffed::Other(what) => {
            return Err(match known_extension(&extension) {
                true => FileRefused::NameDisagrees {
                    name: name.to_owned(),
                    extension,
                    found: what,
                },
                false => FileRefused::UnknownKind {
                    name: name.to_owned(),
                },
            });
        }
    };
    if !kind.extensions().contains(&extension.as_str()) {
        return Err(match known_extension(&extension) {
            true => FileRefused::NameDisagrees {
                name: name.to_owned(),
                extension,
                found: kind.media_type(),
            },
            false => FileRefused::UnknownKind {
                name: name.to_owned(),
            },
        });
    }
    Ok(kind)
}

fn known_extension(extension: &str) -> bool {
    [
        FileKind::Pdf,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Csv,
        FileKind::Text,
    ]
    .iter()
    .any(|kind| kind.extensions().contains(&extension))
}

enum Sniffed {
    Kind(FileKind),
    Text,
    Other(&'static str),
}

fn sniff(head: &[u8], head_is_whole: bool) -> Sniffed {
    if head.starts_with(b"%PDF-") {
        return Sniffed::Kind(FileKind::Pdf);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Kind(FileKind::Png);
    }
    if head.starts_with(b"\xff\xd8\xff") {
        return Sniffed::Kind(FileKind::Jpeg);
    }
    if head.starts_with(b"PK\x03\x04") {
        // An Office Open XML file is a ZIP whose entries name the application's folder;
        // the first entries are in the first few kilobytes.
        let contains = |needle: &[u8]| head.windows(needle.len()).any(|window| window == needle);
        return if contains(b"word/") {
            Sniffed::Kind(FileKind::Docx)
        } else if contains(b"xl/") {
            Sniffed::Kind(FileKind::Xlsx)
        } else if contains(b"ppt/") {
            Sniffed::Kind(FileKind::Pptx)
        } else {
            Sniffed::Other("a ZIP archive")
        };
    }
    if head.starts_with(b"MZ") || head.starts_with(b"\x7fELF") {
        return Sniffed::Other("a program");
    }
    if is_text(head, head_is_whole) {
        return Sniffed::Text;
    }
    Sniffed::Other("not a kind DXP keeps")
}

/// UTF-8 with no control characters but tabs and line ends. A multi-byte character cut at the
/// end of a head that is not the whole file is allowed.
fn is_text(head: &[u8], head_is_whole: bool) -> bool {
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) if !head_is_whole && error.error_len().is_none() => {
            // Checked: `valid_up_to` is a character boundary.
            match std::str::from_utf8(&head[..error.valid_up_to()]) {
                Ok(text) => text,
                Err(_) => return false,
            }
        }
        Err(_) => return false,
    };
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

/// The `Content-Disposition` of a file's download: `attachment` with its name, plain ASCII in
/// `filename` and the exact name, percent-encoded UTF-8, in `filename*` (RFC 6266), so every
/// browser saves it under its own name and none can be led to another.
pub fn attachment_disposition(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {

    #[test]
    fn full_access_read_only_changes_nothing_whatever_else_is_held() {
        use PortalRole::*;
        assert!(changes_documents(&[GeneralAccess]));
        assert!(changes_documents(&[CommercialDocuments]));
        assert!(changes_documents(&[UserSettingsAdmin]));
        assert!(!changes_documents(&[InformationProducts]));
        assert!(!changes_documents(&[FullAccessReadOnly]));
        assert!(!changes_documents(&[GeneralAccess, FullAccessReadOnly]));
        assert!(!changes_documents(&[
            UserSettingsAdmin,
            CommercialDocuments,
            FullAccessReadOnly
        ]));
    }

    #[test]
    fn a_download_keeps_its_name_and_cannot_break_out_of_the_header() {
        assert_eq!(
            attachment_disposition("Tūhura \"plan\".pdf"),
            "attachment; filename=\"T_hura _plan_.pdf\"; filename*=UTF-8''T%C5%ABhura%20%22plan%22.pdf"
        );
        assert_eq!(
            attachment_disposition("a\\b\r\nc;.pdf"),
            "attachment; filename=\"a_b__c;.pdf\"; filename*=UTF-8''a%5Cb%0D%0Ac%3B.pdf"
        );
    }

    use super::*;

    #[test]
    fn content_decides_and_the_name_must_agree() {
        assert_eq!(
            recognise("Letter.PDF", b"%PDF-1.7\n...", true),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            recognise("a.csv", b"id,name\n1,Ana\n", true),
            Ok(FileKind::Csv)
        );
        assert_eq!(
            recognise("notes.txt", "Kia ora\n".as_bytes(), true),
            Ok(FileKind::Text)
        );
        let renamed = recognise("letter.pdf", b"MZ\x90\x00\x03", true).expect_err("a program");
        assert!(
            renamed.to_string().contains("its content is a program"),
            "{renamed}"
        );
        let text_as_pdf = recognise("letter.pdf", b"hello", true).expect_err("text");
        assert!(
            matches!(text_as_pdf, FileRefused::UnknownKind { .. }),
            "{text_as_pdf}"
        );
        let pdf_as_csv = recognise("data.csv", b"%PDF-1.4", true).expect_err("a pdf");
        assert!(
            pdf_as_csv.to_string().contains("application/pdf"),
            "{pdf_as_csv}"
        );
        assert!(matches!(
            recognise("run.exe", b"MZ\x90", true),
            Err(FileRefused::UnknownKind { .. })
        ));
        assert!(matches!(
            recognise("a.pdf", b"", true),
            Err(FileRefused::Empty { .. })
        ));
    }

    #[test]
    fn office_files_are_told_apart_by_their_folders() {
        let docx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....word/document.xml";
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....xl/workbook.xml";
        assert_eq!(recognise("plan.docx", docx, false), Ok(FileKind::Docx));
        assert_eq!(recognise("plan.xlsx", xlsx, false), Ok(FileKind::Xlsx));
        assert!(recognise("plan.xlsx", docx, false).is_err());
    }

    #[test]
    fn a_character_cut_at_the_end_of_a_head_is_still_text() {
        let head = "Māori".as_bytes();
        assert_eq!(recognise("a.txt", &head[..2], false), Ok(FileKind::Text));
        assert!(recognise("a.txt", &head[..2], true).is_err());
    }

    #[test]
    fn commercial_documents_are_for_their_roles() {
        assert!(sees_commercial(&[PortalRole::CommercialDocuments]));
        assert!(sees_commercial(&[PortalRole::FullAccessReadOnly]));
        assert!(!sees_commercial(&[
            PortalRole::GeneralAccess,
            PortalRole::UserSettingsAdmin
        ]));
        assert!(DocumentType::FundingLetter.commercial_by_default());
        assert!(!DocumentType::CommitmentTemplate.commercial_by_default());
    }

    #[test]
    fn type_names_round_trip() {
        for kind in DocumentType::ALL {
            assert_eq!(kind.as_str().parse::<DocumentType>(), Ok(kind));
        }
        assert!("memo".parse::<DocumentType>().is_err());
    }
}
