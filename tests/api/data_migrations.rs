//! Migrations that mend data already stored, run on a database that has the faulty data:
//! rolled back one step, then applied again as a server start applies them.

use crate::{groups, helpers::TestApp};
use migration::{Migrator, MigratorTrait};
use parley::server::entities::member;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(groups_hidden_before_hiding_was_refused_are_listed_again);

async fn groups_hidden_before_hiding_was_refused_are_listed_again(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let (ann_id, bob_id) = (ann.id().await, bob.id().await);
    let group = groups::create(&ann, "Climbing", &[bob_id]).await;
    let direct = ann.open_direct_in_both_lists(&bob).await;
    // What `chat/hide` did to a group before it refused to: Ann's membership hidden.
    for conversation in [group, direct] {
        set_hidden(app, conversation, ann_id).await;
    }
    assert!(ann.inbox_line(group).await.is_none(), "hidden, as it was");

    let db = &app.state.db;
    Migrator::down(db, Some(1)).await.expect("roll back one");
    Migrator::up(db, None).await.expect("migrate again");

    let line = ann.inbox_line(group).await;
    assert!(line.is_some(), "the group is back in Ann's list");
    assert!(bob.inbox_line(group).await.is_some(), "Bob's is as it was");
    assert!(
        ann.inbox_line(direct).await.is_none(),
        "a hidden direct conversation stays hidden"
    );
}

async fn set_hidden(app: &TestApp, conversation_id: i64, user_id: i64) {
    let done = member::Entity::update_many()
        .col_expr(member::Column::Hidden, true.into())
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(user_id))
        .exec(&app.state.db)
        .await
        .expect("hide a membership");
    assert_eq!(done.rows_affected, 1);
}
