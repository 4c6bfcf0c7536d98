use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Connects (creating the SQLite file if needed) and applies any pending migrations.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(dir) = sqlite_parent_dir(url) {
        std::fs::create_dir_all(&dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(16)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                // A commit is one append to the write-ahead log, and readers never block the
                // writer (the default journal creates, syncs and deletes a file per commit).
                .pragma("journal_mode", "WAL")
                // Still synced on every commit: an acknowledged message survives a power cut.
                .pragma("synchronous", "FULL")
                // A deleted message's text is overwritten in the file, not just unlinked from
                // it (for the log too: see `erase_freed_pages`).
                .pragma("secure_delete", "ON")
        });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// On SQLite, copies the write-ahead log into the database file and empties the log, so text
/// just deleted (zeroed in its page by `secure_delete`) does not live on in older copies of
/// that page in the log. In the background, so the deletion's answer does not wait for readers
/// to let the checkpoint through; one that readers hold up is completed by a later one.
pub fn erase_freed_pages(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let db = db.clone();
    tokio::spawn(async move {
        if let Err(e) = db
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
        {
            tracing::warn!("checkpoint after a deletion failed: {e}");
        }
    });
}

fn sqlite_parent_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    let parent = std::path::Path::new(path).parent()?;
    (!parent.as_os_str().is_empty()).then(|| parent.to_path_buf())
}

/// Where the log says the data lives, without the password of a MySQL URL.
pub fn describe(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{host}")
        }
        None => "an unrecognised database URL".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_of_a_url_hides_its_password() {
        assert_eq!(
            describe("mysql://parley:hunter2@127.0.0.1:3306/parley"),
            "mysql://127.0.0.1:3306/parley"
        );
        assert_eq!(
            describe("sqlite://data/parley.db?mode=rwc"),
            "sqlite://data/parley.db?mode=rwc"
        );
    }

    #[test]
    fn the_sqlite_directory_is_found_in_the_url() {
        assert_eq!(
            sqlite_parent_dir("sqlite://data/parley.db?mode=rwc"),
            Some("data".into())
        );
        assert_eq!(sqlite_parent_dir("mysql://x@y/z"), None);
    }
}
