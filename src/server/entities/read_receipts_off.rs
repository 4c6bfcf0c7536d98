use sea_orm::entity::prelude::*;

/// This person turned read receipts off: others do not see how far they read, nor they others'.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "read_receipts_off")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
}

impl ActiveModelBehavior for ActiveModel {}
