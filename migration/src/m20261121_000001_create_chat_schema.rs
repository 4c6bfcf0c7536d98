//! Users, conversations, their members and messages. The same statements on SQLite and MySQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The global room everyone is in. Its id is fixed (`protocol::GLOBAL_CONVERSATION_ID`).
const GLOBAL_CONVERSATION_ID: i64 = 1;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(users()).await?;
        manager.create_table(conversations()).await?;
        manager.create_table(members()).await?;
        manager.create_table(messages()).await?;
        // Members of a user: "which conversations am I in".
        manager
            .create_index(
                Index::create()
                    .name("idx_members_user")
                    .table(Members::Table)
                    .col(Members::UserId)
                    .to_owned(),
            )
            .await?;
        // History pages and catch-up are range scans of this index.
        manager
            .create_index(
                Index::create()
                    .name("uq_messages_conversation_seq")
                    .table(Messages::Table)
                    .col(Messages::ConversationId)
                    .col(Messages::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A resend with the same client id is recognised, even after a restart.
        manager
            .create_index(
                Index::create()
                    .name("uq_messages_sender_client_id")
                    .table(Messages::Table)
                    .col(Messages::SenderId)
                    .col(Messages::ClientId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let global_room = Query::insert()
            .into_table(Conversations::Table)
            .columns([
                Conversations::Id,
                Conversations::Kind,
                Conversations::LastSeq,
                Conversations::CreatedAt,
            ])
            .values_panic([
                GLOBAL_CONVERSATION_ID.into(),
                "global".into(),
                0i64.into(),
                0i64.into(),
            ])
            .to_owned();
        manager.exec_stmt(global_room).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Messages::Table.into_iden(),
            Members::Table.into_iden(),
            Conversations::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn users() -> TableCreateStatement {
    Table::create()
        .table(Users::Table)
        .col(big_pk_auto(Users::Id))
        .col(string_len_uniq(Users::Username, 32))
        .col(string_len_uniq(Users::Email, 254))
        .col(string_len(Users::PasswordHash, 255))
        .col(integer(Users::TokenVersion).default(0))
        .col(big_integer(Users::CreatedAt))
        .to_owned()
}

fn conversations() -> TableCreateStatement {
    Table::create()
        .table(Conversations::Table)
        .col(big_pk_auto(Conversations::Id))
        .col(string_len(Conversations::Kind, 16))
        .col(big_integer(Conversations::LastSeq).default(0))
        .col(big_integer(Conversations::CreatedAt))
        .to_owned()
}

fn members() -> TableCreateStatement {
    Table::create()
        .table(Members::Table)
        .col(big_integer(Members::ConversationId))
        .col(big_integer(Members::UserId))
        .col(big_integer(Members::LastReadSeq).default(0))
        .col(big_integer(Members::JoinedAt))
        .primary_key(
            Index::create()
                .col(Members::ConversationId)
                .col(Members::UserId),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_members_conversation")
                .from(Members::Table, Members::ConversationId)
                .to(Conversations::Table, Conversations::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_members_user")
                .from(Members::Table, Members::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn messages() -> TableCreateStatement {
    Table::create()
        .table(Messages::Table)
        .col(big_pk_auto(Messages::Id))
        .col(big_integer(Messages::ConversationId))
        .col(big_integer(Messages::Seq))
        .col(big_integer(Messages::SenderId))
        .col(text(Messages::Body))
        .col(string_len(Messages::ClientId, 64))
        .col(big_integer(Messages::CreatedAt))
        .col(boolean(Messages::Deleted).default(false))
        .foreign_key(
            ForeignKey::create()
                .name("fk_messages_conversation")
                .from(Messages::Table, Messages::ConversationId)
                .to(Conversations::Table, Conversations::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_messages_sender")
                .from(Messages::Table, Messages::SenderId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    Email,
    PasswordHash,
    TokenVersion,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    Kind,
    LastSeq,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    ConversationId,
    UserId,
    LastReadSeq,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ConversationId,
    Seq,
    SenderId,
    Body,
    ClientId,
    CreatedAt,
    Deleted,
}
