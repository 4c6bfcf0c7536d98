//! Groups: conversations of kind `group` with a name, members who may be admins, and a line in
//! the timeline for each change to the group ("Ann added Bob"), stored as a message so it takes
//! its place in order and catch-up carries it.
//!
//! A member sees only the messages after `visible_from_seq` (the conversation's last seq when
//! they were added), as in Signal and WhatsApp. A removed member loses their `members` row, the
//! only grant of access anywhere; `group_removals` keeps the conversation in their list,
//! read-only, until they hide it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let add = [
            Table::alter()
                .table(Conversations::Table)
                .add_column(string_len_null(Conversations::Name, 64))
                .to_owned(),
            Table::alter()
                .table(Members::Table)
                .add_column(boolean(Members::Admin).default(false))
                .to_owned(),
            Table::alter()
                .table(Members::Table)
                .add_column(big_integer(Members::VisibleFromSeq).default(0))
                .to_owned(),
            Table::alter()
                .table(Messages::Table)
                .add_column(string_len_null(Messages::Event, 16))
                .to_owned(),
            Table::alter()
                .table(Messages::Table)
                .add_column(big_integer_null(Messages::EventUserId))
                .to_owned(),
        ];
        for statement in add {
            manager.alter_table(statement).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(GroupRemovals::Table)
                    .col(big_integer(GroupRemovals::ConversationId))
                    .col(big_integer(GroupRemovals::UserId))
                    .col(big_integer(GroupRemovals::RemovedAt))
                    .primary_key(
                        Index::create()
                            .col(GroupRemovals::ConversationId)
                            .col(GroupRemovals::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_group_removals_conversation")
                            .from(GroupRemovals::Table, GroupRemovals::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_group_removals_user")
                            .from(GroupRemovals::Table, GroupRemovals::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The list reads a person's removals by user.
        manager
            .create_index(
                Index::create()
                    .name("idx_group_removals_user")
                    .table(GroupRemovals::Table)
                    .col(GroupRemovals::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GroupRemovals::Table).to_owned())
            .await?;
        let drop = [
            Table::alter()
                .table(Messages::Table)
                .drop_column(Messages::EventUserId)
                .to_owned(),
            Table::alter()
                .table(Messages::Table)
                .drop_column(Messages::Event)
                .to_owned(),
            Table::alter()
                .table(Members::Table)
                .drop_column(Members::VisibleFromSeq)
                .to_owned(),
            Table::alter()
                .table(Members::Table)
                .drop_column(Members::Admin)
                .to_owned(),
            Table::alter()
                .table(Conversations::Table)
                .drop_column(Conversations::Name)
                .to_owned(),
        ];
        for statement in drop {
            manager.alter_table(statement).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Admin,
    VisibleFromSeq,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Event,
    EventUserId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GroupRemovals {
    Table,
    ConversationId,
    UserId,
    RemovedAt,
}
