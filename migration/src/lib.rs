pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_chat_schema;
mod m20261121_000002_direct_conversations;
mod m20261121_000003_pictures_and_resets;
mod m20261121_000004_message_images;
mod m20261122_000005_sessions;
mod m20261122_000006_change_log;
mod m20261122_000007_replies;
mod m20261122_000008_message_search;
mod m20261122_000009_mute;
mod m20261122_000010_blocks;
mod m20261122_000011_read_receipts;
mod m20261123_000012_presence;
mod m20261123_000013_groups;
mod m20261206_000014_groups_listed_again;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_chat_schema::Migration),
            Box::new(m20261121_000002_direct_conversations::Migration),
            Box::new(m20261121_000003_pictures_and_resets::Migration),
            Box::new(m20261121_000004_message_images::Migration),
            Box::new(m20261122_000005_sessions::Migration),
            Box::new(m20261122_000006_change_log::Migration),
            Box::new(m20261122_000007_replies::Migration),
            Box::new(m20261122_000008_message_search::Migration),
            Box::new(m20261122_000009_mute::Migration),
            Box::new(m20261122_000010_blocks::Migration),
            Box::new(m20261122_000011_read_receipts::Migration),
            Box::new(m20261123_000012_presence::Migration),
            Box::new(m20261123_000013_groups::Migration),
            Box::new(m20261206_000014_groups_listed_again::Migration),
        ]
    }
}
