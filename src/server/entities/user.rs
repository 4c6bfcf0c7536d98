use sea_orm::entity::prelude::*;

/// Deliberately not `Serialize`: the row holds the password hash.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lower-cased, so the unique index ignores case.
    #[sea_orm(unique)]
    pub username: String,
    /// Lower-cased, so the unique index ignores case.
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    /// Part of every session token; raising it revokes all of the user's sessions.
    pub token_version: i32,
    pub created_at: i64,
    /// Storage key of the profile picture's files; `None` shows the initials.
    pub picture_key: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
