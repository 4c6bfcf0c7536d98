//! The conversation list of a person with very many conversations.

use crate::helpers::TestApp;
use parley::server::entities::{conversation, member, message, user};
use sea_orm::{EntityTrait, Set};
use std::time::Instant;

const CONVERSATIONS: i64 = 1500;
/// Ids far above anything the test's own sign-ups get.
const FIRST_ID: i64 = 100_000;

/// `count` other users, each in a direct conversation with `me` holding one message from them.
/// Written straight to the database: signing up 1,500 people would hash 1,500 passwords.
async fn seed_direct_conversations(app: &TestApp, me: i64, count: i64) {
    let db = &app.state.db;
    // Newer than the room, so the newest seeded conversation heads the list.
    let now = parley::server::model::now_ms();
    let ids: Vec<i64> = (FIRST_ID..FIRST_ID + count).collect();
    for batch in ids.chunks(500) {
        user::Entity::insert_many(batch.iter().map(|&id| user::ActiveModel {
            id: Set(id),
            username: Set(format!("peer{id}")),
            email: Set(format!("peer{id}@example.org")),
            password_hash: Set("not a hash".into()),
            token_version: Set(0),
            created_at: Set(1),
            picture_key: Set(None),
        }))
        .exec(db)
        .await
        .unwrap();
        conversation::Entity::insert_many(batch.iter().map(|&id| conversation::ActiveModel {
            id: Set(id),
            kind: Set(conversation::KIND_DIRECT.into()),
            last_seq: Set(1),
            created_at: Set(1),
            direct_key: Set(Some(conversation::direct_key(me, id))),
            last_activity_at: Set(now + id),
            last_change: Set(1),
            name: Set(None),
        }))
        .exec(db)
        .await
        .unwrap();
        member::Entity::insert_many(batch.iter().flat_map(|&id| {
            [me, id].map(|user_id| member::ActiveModel {
                conversation_id: Set(id),
                user_id: Set(user_id),
                last_read_seq: Set(0),
                joined_at: Set(1),
                hidden: Set(false),
                muted: Set(false),
                admin: Set(false),
                visible_from_seq: Set(0),
            })
        }))
        .exec(db)
        .await
        .unwrap();
        message::Entity::insert_many(batch.iter().map(|&id| message::ActiveModel {
            conversation_id: Set(id),
            seq: Set(1),
            sender_id: Set(id),
            body: Set(format!("hello from {id}")),
            client_id: Set(format!("seeded-{id}")),
            created_at: Set(id),
            deleted: Set(false),
            change_seq: Set(1),
            ..Default::default()
        }))
        .exec(db)
        .await
        .unwrap();
    }
}

on_both_databases!(a_person_with_1500_conversations_gets_the_whole_list);

async fn a_person_with_1500_conversations_gets_the_whole_list(app: &TestApp) {
    let ann = app.user("ann").await;
    seed_direct_conversations(app, ann.id().await, CONVERSATIONS).await;
    let started = Instant::now();
    let list = ann.inbox().await;
    // Printed, not asserted: timings belong in benchmarks (docs/security.md has the figure).
    eprintln!(
        "the list of {} conversations answered in {:?}",
        list.len(),
        started.elapsed()
    );
    assert_eq!(
        list.len() as i64,
        CONVERSATIONS + 1,
        "every conversation and the room"
    );
    let newest = &list[0];
    assert_eq!(
        newest.peer.as_ref().unwrap().username,
        format!("peer{}", FIRST_ID + CONVERSATIONS - 1)
    );
    assert_eq!(newest.unread(), 1);
    let with_text = list.iter().filter(|c| c.last_message.is_some()).count() as i64;
    assert_eq!(with_text, CONVERSATIONS);
}
