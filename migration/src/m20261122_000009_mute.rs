//! Muting a conversation: the member's own choice, so it lives on their membership row. A muted
//! conversation raises no browser notification and its unread count stays quiet in the list.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .add_column(boolean(Members::Muted).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Members::Table)
                    .drop_column(Members::Muted)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Muted,
}
