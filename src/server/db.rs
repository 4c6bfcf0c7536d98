use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
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
        // A deleted message's text is overwritten in the file, not just unlinked from it.
        .map_sqlx_sqlite_opts(|sqlite| sqlite.pragma("secure_delete", "ON"));
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
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
