//! User guides (Aratohu): step-by-step pages written in Markdown in the repository
//! (`portal/guides/`), built into the binary and rendered here; each page links to its guide.

use actix_web::{HttpResponse, web};
use askama::Template;
use pulldown_cmark::{Options, Parser, html};

use crate::page::{Area, Layout, PageError, render};
use crate::session::Signed;

/// A guide: its address under `/guides/`, its title, and its Markdown.
pub struct Guide {
    pub slug: &'static str,
    pub title: &'static str,
    markdown: &'static str,
}

pub const GUIDES: &[Guide] = &[
    Guide {
        slug: "signing-in",
        title: "Signing in",
        markdown: include_str!("../../guides/signing-in.md"),
    },
    Guide {
        slug: "your-dashboard",
        title: "Your dashboard",
        markdown: include_str!("../../guides/your-dashboard.md"),
    },
    Guide {
        slug: "sending-a-return",
        title: "Sending your Single Data Return",
        markdown: include_str!("../../guides/sending-a-return.md"),
    },
    Guide {
        slug: "fixing-problems",
        title: "Reading and fixing problems",
        markdown: include_str!("../../guides/fixing-problems.md"),
    },
    Guide {
        slug: "keying-in-records",
        title: "Keying in records with the webform",
        markdown: include_str!("../../guides/keying-in-records.md"),
    },
    Guide {
        slug: "documents",
        title: "Documents from the TEC",
        markdown: include_str!("../../guides/documents.md"),
    },
    Guide {
        slug: "notifications-and-settings",
        title: "Notifications and your settings",
        markdown: include_str!("../../guides/notifications-and-settings.md"),
    },
    Guide {
        slug: "managing-people",
        title: "Managing your organisation's people",
        markdown: include_str!("../../guides/managing-people.md"),
    },
];

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/guides", web::get().to(guide_list))
        .route("/guides/{slug}", web::get().to(guide));
}

#[derive(Template)]
#[template(path = "guides.html")]
struct GuideList {
    layout: Layout,
    guides: &'static [Guide],
}

async fn guide_list(signed: Signed) -> Result<HttpResponse, PageError> {
    render(&GuideList {
        layout: layout(&signed, "User guides"),
        guides: GUIDES,
    })
}

#[derive(Template)]
#[template(path = "guide.html")]
struct GuidePage {
    layout: Layout,
    body: String,
}

async fn guide(signed: Signed, slug: web::Path<String>) -> Result<HttpResponse, PageError> {
    let guide = GUIDES
        .iter()
        .find(|guide| guide.slug == slug.as_str())
        .ok_or(PageError::NotFound)?;
    render(&GuidePage {
        layout: layout(&signed, guide.title),
        body: to_html(guide.markdown),
    })
}

fn layout(signed: &Signed, title: &str) -> Layout {
    Layout::of(signed, Area::Guides, title.to_owned(), None)
}

/// A guide's Markdown as HTML (tables and strikethrough as GitHub writes them).
fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_starts_with_its_title_as_the_only_top_heading() {
        for guide in GUIDES {
            let html = to_html(guide.markdown);
            assert!(
                html.starts_with(&format!("<h1>{}</h1>", guide.title)),
                "{}: {}",
                guide.slug,
                &html[..html.len().min(80)]
            );
            assert_eq!(html.matches("<h1>").count(), 1, "{}", guide.slug);
        }
    }
}
