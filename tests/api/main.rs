//! Black-box tests of the `dxp` binary: each test starts a real server process on its own
//! database (a SQLite file, or a fresh PostgreSQL database that is dropped afterwards) and talks
//! to it over HTTP. One test binary, so it links once and shares the helpers.

mod browser;
mod client;
mod helpers;
mod oidc_provider;
mod s3_server;
mod smtp_sink;
mod webhook_receiver;

mod atomicity;
mod auth;
mod cli;
mod commitments;
mod documents;
mod faults;
mod health;
mod insights;
mod isolation;
mod jobs;
mod limits;
mod machine_accounts;
mod migrations;
mod notices;
mod openapi;
mod portal;
mod provider_based;
mod registers;
mod round_rules;
mod rounds;
mod submissions;
mod users;
mod validation;
mod webhooks;
mod whole_return;
mod work_based;
