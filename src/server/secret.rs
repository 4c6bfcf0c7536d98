//! The session-signing secret: from `PARLEY_JWT_SECRET`, else a random one generated on first
//! start and kept in the data directory, readable by its owner only. There is no built-in
//! fallback, so no two installations share a secret.

use crate::server::config::Secret;
use std::{fs, io, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

const FILE_NAME: &str = "jwt-secret";

pub fn load_or_create(data_dir: &Path) -> io::Result<Secret> {
    let path = data_dir.join(FILE_NAME);
    match fs::read_to_string(&path) {
        Ok(text) if text.trim().len() >= 32 => return Ok(Secret::new(text.trim().to_owned())),
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is shorter than 32 characters", path.display()),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::create_dir_all(data_dir)?;
    let secret = crate::server::tokens::random_hex(48);
    // create_new: two servers starting at once must not overwrite each other's secret.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    file.write_all(secret.as_bytes())?;
    tracing::info!(path = %path.display(), "generated a new session secret");
    Ok(Secret::new(secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_generated_secret_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path()).unwrap();
        let mode = fs::metadata(dir.path().join(FILE_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(first.expose().len() >= 64);
        let second = load_or_create(dir.path()).unwrap();
        assert_eq!(first.expose(), second.expose());
    }
}
