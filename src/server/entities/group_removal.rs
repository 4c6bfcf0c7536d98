use sea_orm::entity::prelude::*;

/// `user_id` was removed from the group: no access to it any more, but it stays in their list,
/// read-only with "You were removed", until they hide it (which deletes this row).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_removals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub conversation_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub removed_at: i64,
}

impl ActiveModelBehavior for ActiveModel {}
