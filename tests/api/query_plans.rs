//! What the database says it will do for the queries that grow with the data: history pages,
//! user search and the conversation list (where the unread counts come from). Each must be an
//! index lookup or range on both databases, so it stays fast at millions of rows.

use crate::helpers::TestApp;
use parley::server::entities::{conversation, member, message, user};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryTrait, Set, Statement};

/// The plan as text: SQLite's `detail` lines, or MySQL's chosen key and access type per table.
async fn plan_of(app: &TestApp, query: impl QueryTrait) -> String {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let query = query.build(backend);
    let prefix = match backend {
        DbBackend::Sqlite => "EXPLAIN QUERY PLAN",
        _ => "EXPLAIN",
    };
    let explain = Statement::from_sql_and_values(
        backend,
        format!("{prefix} {}", query.sql),
        query.values.unwrap_or(sea_orm::Values(vec![])),
    );
    let rows = db.query_all_raw(explain).await.unwrap();
    rows.iter()
        .map(|row| match backend {
            DbBackend::Sqlite => row.try_get::<String>("", "detail").unwrap(),
            _ => {
                let field = |name| {
                    row.try_get::<Option<String>>("", name)
                        .unwrap()
                        .unwrap_or_default()
                };
                format!(
                    "table={} key={} type={}",
                    field("table"),
                    field("key"),
                    field("type")
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn is_mysql(app: &TestApp) -> bool {
    app.state.db.get_database_backend() == DbBackend::MySql
}

async fn analyze(app: &TestApp) {
    if is_mysql(app) {
        app.state
            .db
            .execute_unprepared("ANALYZE TABLE users, members, messages, conversations")
            .await
            .unwrap();
    }
}

/// 1,000 users in the room with 2,000 messages: enough rows that a planner weighs an index
/// against a table scan for real. Inserted directly, without hashing passwords.
async fn fill(app: &TestApp) -> i64 {
    let users = (0..1000).map(|i| user::ActiveModel {
        username: Set(format!("user{i:04}")),
        email: Set(format!("user{i:04}@example.org")),
        password_hash: Set("not a hash".into()),
        token_version: Set(0),
        created_at: Set(0),
        ..Default::default()
    });
    user::Entity::insert_many(users)
        .exec(&app.state.db)
        .await
        .unwrap();
    let ids: Vec<i64> = user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    let members = ids.iter().map(|&user_id| membership(1, user_id));
    member::Entity::insert_many(members)
        .exec(&app.state.db)
        .await
        .unwrap();
    for batch in 0..4 {
        let rows = (1..=500).map(|i| {
            let seq = batch * 500 + i;
            message::ActiveModel {
                conversation_id: Set(1),
                seq: Set(seq),
                sender_id: Set(ids[(seq as usize) % ids.len()]),
                body: Set(format!("message {seq}")),
                client_id: Set(format!("bulk-{seq:08}")),
                created_at: Set(seq),
                deleted: Set(false),
                change_seq: Set(seq),
                ..Default::default()
            }
        });
        message::Entity::insert_many(rows)
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    analyze(app).await;
    ids[500]
}

/// A plain membership: listed, read from the start.
fn membership(conversation_id: i64, user_id: i64) -> member::ActiveModel {
    member::ActiveModel {
        conversation_id: Set(conversation_id),
        user_id: Set(user_id),
        last_read_seq: Set(0),
        joined_at: Set(0),
        hidden: Set(false),
        muted: Set(false),
        admin: Set(false),
        visible_from_seq: Set(0),
    }
}

on_both_databases!(
    a_history_page_is_an_index_range_scan,
    a_prefix_search_is_an_index_range_scan,
    the_conversation_list_finds_a_users_memberships_by_index,
    whom_to_tell_of_presence_is_found_by_index
);

async fn a_history_page_is_an_index_range_scan(app: &TestApp) {
    fill(app).await;
    let plan = plan_of(
        app,
        parley::server::model::messages::history_query(1, Some(1_000), 50),
    )
    .await;
    let uses_the_index = plan.contains("uq_messages_conversation_seq")
        && (plan.contains("type=range") || plan.contains("(conversation_id=? AND seq<?)"));
    assert!(
        uses_the_index,
        "history is not a range scan of the (conversation, seq) index: {plan}"
    );
}

async fn a_prefix_search_is_an_index_range_scan(app: &TestApp) {
    let me = fill(app).await;
    let backend = app.state.db.get_database_backend();
    let plan = plan_of(
        app,
        parley::server::model::user_search::prefix_query(backend, "user05", me),
    )
    .await;
    let uses_the_index = if is_mysql(app) {
        plan.contains("key=username") && plan.contains("type=range")
    } else {
        plan.contains("USING")
            && plan.contains("INDEX")
            && plan.contains("username>? AND username<?")
    };
    assert!(
        uses_the_index,
        "prefix search is not a range of the username index: {plan}"
    );
}

async fn the_conversation_list_finds_a_users_memberships_by_index(app: &TestApp) {
    let me = fill(app).await;
    let plan = plan_of(app, parley::server::model::inbox::memberships_query(me)).await;
    let uses_the_index = if is_mysql(app) {
        plan.contains("key=idx_members_user") && plan.contains("type=ref")
    } else {
        plan.contains("USING INDEX idx_members_user (user_id=?)")
    };
    assert!(
        uses_the_index,
        "memberships (the unread counts' source) are not an index lookup: {plan}"
    );
}

/// Run whenever someone comes online or goes offline: their memberships by the user index,
/// then the others in each by the primary key, never a scan of every membership (the room
/// alone has one per user).
async fn whom_to_tell_of_presence_is_found_by_index(app: &TestApp) {
    let me = fill(app).await;
    pair_everyone_off(app).await;
    let plan = plan_of(app, parley::server::model::presence::sharing_query(me)).await;
    for table in ["members", "conversations"] {
        let scanned = if is_mysql(app) {
            plan.split("; ")
                .any(|t| t.contains(&format!("table={table} ")) && t.contains("type=ALL"))
        } else {
            plan.contains(&format!("SCAN {table}"))
        };
        assert!(!scanned, "whom to tell of presence scans {table}: {plan}");
    }
}

/// A direct conversation between each user and the next: as many conversations as users, so
/// that scanning them costs the planner something.
async fn pair_everyone_off(app: &TestApp) {
    let db = &app.state.db;
    let ids: Vec<i64> = user::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    // Ids of their own, far above the room's and any the test made.
    let pairs: Vec<(i64, i64, i64)> = ids
        .windows(2)
        .enumerate()
        .map(|(i, w)| (100_000 + i as i64, w[0], w[1]))
        .collect();
    for batch in pairs.chunks(500) {
        conversation::Entity::insert_many(batch.iter().map(|&(id, a, b)| {
            conversation::ActiveModel {
                id: Set(id),
                kind: Set(conversation::KIND_DIRECT.into()),
                last_seq: Set(0),
                created_at: Set(0),
                direct_key: Set(Some(conversation::direct_key(a, b))),
                last_activity_at: Set(0),
                last_change: Set(0),
                name: Set(None),
            }
        }))
        .exec(db)
        .await
        .unwrap();
        let members = batch
            .iter()
            .flat_map(|&(id, a, b)| [a, b].map(|user_id| membership(id, user_id)));
        member::Entity::insert_many(members).exec(db).await.unwrap();
    }
    analyze(app).await;
}
