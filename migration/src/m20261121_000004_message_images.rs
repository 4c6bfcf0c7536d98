//! Images in chat: a message may carry one image, stored under a random key with the sizes of
//! its display version and thumbnail (so the page can reserve their space before they load).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [Messages; 4] = [
    Messages::ImageWidth,
    Messages::ImageHeight,
    Messages::ThumbWidth,
    Messages::ThumbHeight,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot alter several at once.
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .add_column(string_len_null(Messages::ImageKey, 64))
                    .to_owned(),
            )
            .await?;
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .add_column(integer_null(column))
                        .to_owned(),
                )
                .await?;
        }
        // Every image request looks its message up by key.
        manager
            .create_index(
                Index::create()
                    .name("uq_messages_image_key")
                    .table(Messages::Table)
                    .col(Messages::ImageKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uq_messages_image_key")
                    .table(Messages::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Messages::ImageKey].into_iter().chain(COLUMNS) {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Messages {
    Table,
    ImageKey,
    ImageWidth,
    ImageHeight,
    ThumbWidth,
    ThumbHeight,
}
