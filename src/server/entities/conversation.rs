use sea_orm::entity::prelude::*;

pub const KIND_GLOBAL: &str = "global";
pub const KIND_DIRECT: &str = "direct";

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `global` (the room everyone is in) or `direct` (two members).
    pub kind: String,
    /// The seq given to the newest message; bumped inside the transaction that stores one.
    pub last_seq: i64,
    pub created_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
