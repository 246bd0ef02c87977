//! The portal's scripts, styles and images, built into the binary: no build step, nothing
//! fetched from elsewhere (the Content-Security-Policy allows only these).

use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// An embedded file: its path under `/assets/`, media type and bytes.
struct Asset {
    name: &'static str,
    media_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "portal.css",
        media_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/portal.css"),
    },
    Asset {
        name: "portal.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/portal.js"),
    },
    // htmx 2.0.11 (BSD Zero Clause), as published on npm.
    Asset {
        name: "htmx.min.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/htmx-2.0.11.min.js"),
    },
];

pub fn configure(config: &mut web::ServiceConfig) {
    config.route("/assets/{name}", web::get().to(asset));
}

async fn asset(name: web::Path<String>) -> HttpResponse {
    match ASSETS.iter().find(|asset| asset.name == name.as_str()) {
        Some(asset) => HttpResponse::Ok()
            .content_type(asset.media_type)
            // A day: a new release's assets are fetched the next day at the latest.
            .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
            .body(asset.bytes),
        None => HttpResponse::NotFound().finish(),
    }
}
