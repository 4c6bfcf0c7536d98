//! The conversation change log. Every change to a conversation (a new message, a deletion, an
//! edit, a reaction) takes the next number of the conversation's `last_change`, and the message
//! it changed keeps that number in `change_seq`: catch-up asks for the messages whose latest
//! change is newer than the last one the client holds, so a message deleted or edited while a
//! client was away reaches it as it is now. Also: the "edited" mark and the reactions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot alter several at once.
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .add_column(big_integer(Messages::ChangeSeq).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .add_column(boolean(Messages::Edited).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(big_integer(Conversations::LastChange).default(0))
                    .to_owned(),
            )
            .await?;
        // Until now every change was a new message: its change is its seq.
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE messages SET change_seq = seq")
            .await?;
        db.execute_unprepared("UPDATE conversations SET last_change = last_seq")
            .await?;
        // Catch-up reads a conversation's changes in order from here; unique because every
        // change takes a number of its own.
        manager
            .create_index(
                Index::create()
                    .name("uq_messages_conversation_change")
                    .table(Messages::Table)
                    .col(Messages::ConversationId)
                    .col(Messages::ChangeSeq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reactions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Reactions::Id))
                    .col(big_integer(Reactions::MessageId))
                    .col(big_integer(Reactions::UserId))
                    // One emoji: a few code points joined (a family, a flag, a skin tone).
                    .col(emoji_column(manager))
                    .col(big_integer(Reactions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reactions_message")
                            .from(Reactions::Table, Reactions::MessageId)
                            .to(Messages::Table, Messages::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reactions_user")
                            .from(Reactions::Table, Reactions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One reaction per person per emoji; also how a page's reactions are found.
        manager
            .create_index(
                Index::create()
                    .name("uq_reactions_message_user_emoji")
                    .table(Reactions::Table)
                    .col(Reactions::MessageId)
                    .col(Reactions::UserId)
                    .col(Reactions::Emoji)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reactions_user")
                    .table(Reactions::Table)
                    .col(Reactions::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Reactions::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("uq_messages_conversation_change")
                    .table(Messages::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Messages::ChangeSeq, Messages::Edited] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .drop_column(Conversations::LastChange)
                    .to_owned(),
            )
            .await
    }
}

/// Compared byte for byte: MariaDB's default utf8mb4 collations weigh many emoji the same
/// (😀 would equal 😃), which would merge different reactions. SQLite compares bytes anyway.
fn emoji_column(manager: &SchemaManager) -> ColumnDef {
    if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::MySql {
        let binary = "VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        return ColumnDef::new(Reactions::Emoji)
            .custom(Alias::new(binary))
            .not_null()
            .to_owned();
    }
    string_len(Reactions::Emoji, 64)
}

#[derive(DeriveIden, Clone, Copy)]
enum Messages {
    Table,
    Id,
    ConversationId,
    ChangeSeq,
    Edited,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    LastChange,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Reactions {
    Table,
    Id,
    MessageId,
    UserId,
    Emoji,
    CreatedAt,
}
