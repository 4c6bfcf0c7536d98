use sea_orm::entity::prelude::*;

/// One person's reaction with one emoji to one message.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub message_id: i64,
    pub user_id: i64,
    pub emoji: String,
    pub created_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
