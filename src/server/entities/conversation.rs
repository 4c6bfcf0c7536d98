use sea_orm::entity::prelude::*;

pub const KIND_GLOBAL: &str = "global";
pub const KIND_DIRECT: &str = "direct";
pub const KIND_GROUP: &str = "group";

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `global` (the room everyone is in), `direct` (two members) or `group`.
    pub kind: String,
    /// The seq given to the newest message; bumped inside the transaction that stores one.
    pub last_seq: i64,
    pub created_at: i64,
    /// "smaller user id:larger user id" for a direct conversation, unique; `None` for the room.
    pub direct_key: Option<String>,
    /// When the newest message was stored (or the conversation created), for list order.
    pub last_activity_at: i64,
    /// The number of the newest change to the conversation (its change log: see
    /// `model::changes`).
    pub last_change: i64,
    /// A group's name (1 to 64 characters); `None` for the other kinds.
    pub name: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The kind as the browser knows it.
    pub fn kind_view(&self) -> crate::protocol::ConversationKind {
        match self.kind.as_str() {
            KIND_GLOBAL => crate::protocol::ConversationKind::Global,
            KIND_GROUP => crate::protocol::ConversationKind::Group,
            _ => crate::protocol::ConversationKind::Direct,
        }
    }
}

/// The key that makes a pair's direct conversation unique, whichever of them opens it.
pub fn direct_key(a: i64, b: i64) -> String {
    format!("{}:{}", a.min(b), a.max(b))
}
