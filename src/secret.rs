//! The development secrets: the JWT secret, shared by `serve` and `token`, and the portal's
//! session secret, each created once in the data folder so a fresh checkout works with no
//! setup. Production sets `DXP_JWT_SECRET` and `DXP_SESSION_SECRET`.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rand::RngCore;

const SECRET_FILE: &str = "jwt-secret";
const SESSION_SECRET_FILE: &str = "session-secret";
/// 32 random bytes, written as 64 hex digits.
const SECRET_BYTES: usize = 32;

pub fn local_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    kept_secret(data_dir, SECRET_FILE, "DXP_JWT_SECRET")
}

/// The portal's session secret: `DXP_SESSION_SECRET`, or one kept in the data folder.
pub fn session_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    match std::env::var("DXP_SESSION_SECRET") {
        Ok(secret) if !secret.trim().is_empty() => Ok(secret.trim().as_bytes().to_vec()),
        _ => kept_secret(data_dir, SESSION_SECRET_FILE, "DXP_SESSION_SECRET"),
    }
}

/// The secret kept in `file` of the data folder, created at first use.
fn kept_secret(data_dir: &Path, file: &str, variable: &str) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join(file);
    if let Ok(existing) = fs::read_to_string(&path) {
        let existing = existing.trim();
        if !existing.is_empty() {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let hex = dxp_service::secrets::hex(&bytes);
    let created =
        write_private(&path, &hex).with_context(|| format!("cannot write {}", path.display()))?;
    if !created {
        // Another process (serve and token started together) wrote it first: use theirs.
        let theirs =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(theirs.trim().as_bytes().to_vec());
    }
    eprintln!(
        "warning: {variable} is not set; created a random secret in {} for local use only. \
         Set {variable} in production.",
        path.display()
    );
    Ok(hex.into_bytes())
}

/// Writes a new file readable only by its owner; `false` if the file already exists.
fn write_private(path: &Path, contents: &str) -> std::io::Result<bool> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => file.write_all(contents.as_bytes()).map(|()| true),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}
