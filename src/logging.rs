//! Log set-up: `RUST_LOG` picks what is logged (default `info`), `DXP_LOG_FORMAT=json` writes
//! one JSON object per line for log collectors.

use anyhow::Context;
use tracing_subscriber::EnvFilter;

pub fn init() -> anyhow::Result<()> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::try_new(&value).with_context(|| {
            format!("RUST_LOG='{value}' is not a valid filter, e.g. info or dxp_api=debug")
        })?,
        _ => EnvFilter::new("info"),
    };
    let json =
        std::env::var("DXP_LOG_FORMAT").is_ok_and(|format| format.eq_ignore_ascii_case("json"));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    let installed = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
    installed.map_err(|error| anyhow::anyhow!("cannot start logging: {error}"))
}
