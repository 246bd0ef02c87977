//! Tests of the store's repositories against real databases: each test runs on a fresh SQLite
//! file and on a fresh PostgreSQL database (dropped afterwards), through the same functions the
//! API calls. One test binary, so it links once and shares the support module.

mod support;

mod commitments;
mod due;
mod jobs;
mod listing;
mod paging;
mod records;
mod work_based;
