//! Presence: when each person was last online, and whether they hide it. Hidden works both ways
//! (as in WhatsApp): they then see no one else's either. A table of its own rather than columns
//! added to `users` (see m20261122_000011 for why): a row appears the first time a person goes
//! offline or hides their presence.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Presence::Table)
                    .col(big_integer(Presence::UserId).primary_key())
                    .col(big_integer_null(Presence::LastSeenAt))
                    .col(boolean(Presence::Hidden).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_presence_user")
                            .from(Presence::Table, Presence::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Presence::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Presence {
    Table,
    UserId,
    /// Unix ms when their last socket closed (after the grace period); `NULL`: not yet.
    LastSeenAt,
    Hidden,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
