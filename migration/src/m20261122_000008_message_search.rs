//! Search in messages, with each database's own full-text engine rather than `LIKE` scans:
//! MariaDB/MySQL a `FULLTEXT` index on the body; SQLite an FTS5 table kept in step with
//! `messages` by triggers (an "external content" table: it stores only the index, the text
//! stays in `messages`). A deletion wipes the body, so it leaves the index in the same
//! transaction.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', \
     content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
    "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN \
     INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN \
     INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN \
     INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); \
     INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER messages_fts_update",
    "DROP TRIGGER messages_fts_delete",
    "DROP TRIGGER messages_fts_insert",
    "DROP TABLE messages_fts",
];

const MYSQL_UP: &[&str] = &["CREATE FULLTEXT INDEX ft_messages_body ON messages (body)"];
const MYSQL_DOWN: &[&str] = &["DROP INDEX ft_messages_body ON messages"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_UP, MYSQL_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_DOWN, MYSQL_DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, sqlite: &[&str], mysql: &[&str]) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        sea_orm_migration::sea_orm::DbBackend::Sqlite => sqlite,
        _ => mysql,
    };
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
