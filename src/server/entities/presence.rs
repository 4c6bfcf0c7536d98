use sea_orm::entity::prelude::*;

/// A person's last seen time and whether they hide their presence (no row: never offline yet,
/// not hidden).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "presence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// Unix ms when their last socket closed.
    pub last_seen_at: Option<i64>,
    pub hidden: bool,
}

impl ActiveModelBehavior for ActiveModel {}
