//! Tests of the DXP CSV and legacy TXT formats: one binary, so it links once.

mod csv_read;
mod legacy;
mod robustness;
mod round_trip;
mod streaming;
mod support;
