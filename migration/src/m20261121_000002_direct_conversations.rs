//! Direct conversations: one per pair of users, hideable per member, listed by activity.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot alter several at once.
        let add = |table: Conversations, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        // "smaller id:larger id" of the two members; NULL for the global room. The unique index
        // makes a second conversation for the same pair impossible, however the race goes.
        manager
            .alter_table(add(
                Conversations::Table,
                string_len_null(Conversations::DirectKey, 41),
            ))
            .await?;
        manager
            .alter_table(add(
                Conversations::Table,
                big_integer(Conversations::LastActivityAt)
                    .default(0)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(boolean(Members::Hidden).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_conversations_direct_key")
                    .table(Conversations::Table)
                    .col(Conversations::DirectKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Rooms that already have messages start with their newest message's time.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE conversations SET last_activity_at = COALESCE(\
                 (SELECT MAX(m.created_at) FROM messages m WHERE m.conversation_id = conversations.id), 0)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uq_conversations_direct_key")
                    .table(Conversations::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Conversations::DirectKey, Conversations::LastActivityAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Conversations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .drop_column(Members::Hidden)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    DirectKey,
    LastActivityAt,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Hidden,
}
