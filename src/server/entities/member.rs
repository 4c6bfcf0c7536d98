use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub conversation_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// Everything up to this seq has been read; unread = conversation.last_seq - this.
    pub last_read_seq: i64,
    pub joined_at: i64,
    /// Left the member's list ("leave"); the next message in the conversation brings it back.
    pub hidden: bool,
    /// No notifications, and a quiet unread count in the list.
    pub muted: bool,
    /// May rename a group, add and remove members and make others admins.
    pub admin: bool,
    /// Messages up to this seq are not theirs to see: the group's last seq when they were
    /// added (0 in the room and direct conversations, which show everything).
    pub visible_from_seq: i64,
}

impl ActiveModelBehavior for ActiveModel {}
