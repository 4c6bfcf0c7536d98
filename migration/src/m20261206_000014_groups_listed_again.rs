//! Until `chat/hide` refused groups (dc58577), a member could hide a group like a direct
//! conversation: it left their list while they stayed a member, and came back only with the
//! group's next message. Hiding a group is no longer possible, so such a group looks left
//! while it is not; this puts every hidden group membership back in its member's list.
//! Leaving a group (`group/leave`) deletes the membership, so no hidden one is wanted.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let groups = Query::select()
            .column(Conversations::Id)
            .from(Conversations::Table)
            .and_where(Expr::col(Conversations::Kind).eq("group"))
            .to_owned();
        let listed_again = Query::update()
            .table(Members::Table)
            .value(Members::Hidden, false)
            .and_where(Expr::col(Members::Hidden).eq(true))
            .and_where(Expr::col(Members::ConversationId).in_subquery(groups))
            .to_owned();
        manager.exec_stmt(listed_again).await
    }

    /// Which memberships were hidden is not kept: there is nothing to put back.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    Kind,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    ConversationId,
    Hidden,
}
