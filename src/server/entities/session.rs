use sea_orm::entity::prelude::*;

/// One login: the token carries `token_id`; deleting the row signs that login out.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub token_id: String,
    pub user_id: i64,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
