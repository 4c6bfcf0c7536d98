use sea_orm::entity::prelude::*;

/// One "forgot password" link. Only the token's SHA-256 is stored.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_resets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The user's token version when the link was made; any password change outdates it.
    pub token_version: i32,
    pub expires_at: i64,
    pub created_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
