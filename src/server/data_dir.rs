//! The data folder holds the SQLite database, the session secret, pictures and chat images,
//! and unsent mail: nobody but Parley's own user may read any of it.

use std::{
    fs::{self, Permissions},
    io,
    os::unix::fs::PermissionsExt,
    path::Path,
};

/// Makes `dir` (created if needed) and what already sits at its top readable by the owner
/// only, and makes every file and folder this process creates from now on private too.
pub fn make_private(dir: &Path) -> io::Result<()> {
    // SQLite, the blob store and the outbox create files with the process's umask; 077 turns
    // their 0644/0755 into 0600/0700 without each having to ask. It is a process-wide setting
    // on purpose: nothing Parley writes is meant for other users of the machine.
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe { libc::umask(0o077) };
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, Permissions::from_mode(0o700))?;
    // Installations from before this: the database and folders made under the old umask.
    for entry in fs::read_dir(dir)?.flatten() {
        let mode = if entry.file_type()?.is_dir() {
            0o700
        } else {
            0o600
        };
        fs::set_permissions(entry.path(), Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_and_what_was_in_it_become_private() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        fs::create_dir_all(dir.join("media")).unwrap();
        fs::write(dir.join("parley.db"), b"x").unwrap();
        fs::set_permissions(dir.join("parley.db"), Permissions::from_mode(0o644)).unwrap();
        make_private(&dir).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("media")), 0o700);
        assert_eq!(mode(&dir.join("parley.db")), 0o600);
        fs::write(dir.join("new"), b"y").unwrap();
        assert_eq!(mode(&dir.join("new")), 0o600);
    }
}
