use sea_orm::entity::prelude::*;

/// `blocker_id` no longer receives `blocked_id`'s messages in their direct conversation.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub blocker_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub blocked_id: i64,
    pub created_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
