//! The development JWT secret: created once in the data folder and shared by `serve` and
//! `token`, so a fresh checkout works with no setup. Production sets `DXP_JWT_SECRET`.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rand::RngCore;

const SECRET_FILE: &str = "jwt-secret";
/// 32 random bytes, written as 64 hex digits.
const SECRET_BYTES: usize = 32;

pub fn local_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join(SECRET_FILE);
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
        "warning: DXP_JWT_SECRET is not set; created a random secret in {} for local use only. \
         Set DXP_JWT_SECRET in production.",
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
