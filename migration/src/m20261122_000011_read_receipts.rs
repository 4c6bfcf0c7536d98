//! Read receipts: a person's choice whether others see how far they have read. Off works both
//! ways (as in WhatsApp): they then see no one else's either. Kept as a table of the people who
//! turned them off (most never do), rather than a column added to `users`: sign-up, which reads
//! the new user's row back, stays as it was.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReadReceiptsOff::Table)
                    .col(big_integer(ReadReceiptsOff::UserId).primary_key())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_read_receipts_off_user")
                            .from(ReadReceiptsOff::Table, ReadReceiptsOff::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReadReceiptsOff::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ReadReceiptsOff {
    Table,
    UserId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
