use crate::helpers::error_of;
use parley::{chat::api::RoomView, error::AppError, protocol::HistoryPage};
use reqwest::StatusCode;

fn seqs(page: &HistoryPage) -> (i64, i64, usize) {
    let first = page.messages.first().unwrap().seq;
    let last = page.messages.last().unwrap().seq;
    (first, last, page.messages.len())
}

on_both_databases! {
    async fn history_pages_walk_back_fifty_at_a_time(app) {
        let ann = app.user("ann").await;
        let mut socket = ann.socket().await;
        for i in 1..=120 {
            socket.say(&format!("page-{i:06}"), &format!("message {i}")).await;
        }
        let room: RoomView = ann.get("/api/chat/room").await.json().await.unwrap();
        assert_eq!(room.me.username, "ann");
        assert_eq!(seqs(&room.page), (71, 120, 50));
        assert!(room.page.has_older);

        let page: HistoryPage = ann.get("/api/chat/history?conversation_id=1&before_seq=71").await.json().await.unwrap();
        assert_eq!(seqs(&page), (21, 70, 50));
        assert!(page.has_older);
        let page: HistoryPage = ann.get("/api/chat/history?conversation_id=1&before_seq=21").await.json().await.unwrap();
        assert_eq!(seqs(&page), (1, 20, 20));
        assert!(!page.has_older);
    }

    async fn history_is_only_for_signed_in_members(app) {
        let (status, error) = error_of(app.client().get("/api/chat/room").await).await;
        assert_eq!((status, error), (StatusCode::UNAUTHORIZED, AppError::NotSignedIn));
        let ann = app.user("ann").await;
        let (status, error) = error_of(ann.get("/api/chat/history?conversation_id=999&before_seq=10").await).await;
        assert_eq!((status, error), (StatusCode::FORBIDDEN, AppError::Forbidden));
        let (status, _) = error_of(ann.get("/api/chat/history?conversation_id=abc").await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    async fn a_message_posted_over_http_reaches_the_sockets_once(app) {
        let ann = app.user("ann").await;
        let mut bob = app.user("bob").await.socket().await;
        let form = [("conversation_id", "1"), ("client_id", "form-post-0001"), ("body", "sent without javascript")];
        assert_eq!(ann.post_form("/api/chat/send", &form).await.status(), StatusCode::OK);
        assert_eq!(ann.post_form("/api/chat/send", &form).await.status(), StatusCode::OK);
        match bob.recv().await {
            parley::protocol::ServerMsg::Message { message } => assert_eq!(message.body, "sent without javascript"),
            other => panic!("expected the message, got {other:?}"),
        }
        bob.expect_silence().await;
    }
}

/// What the database says it will do for a history page: the plan's text on SQLite, the chosen
/// index and access type on MySQL.
async fn history_plan(app: &crate::helpers::TestApp) -> String {
    use parley::server::model::messages::history_query;
    use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement};
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let query = history_query(1, Some(1_000), 50).build(backend);
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
            _ => format!(
                "key={} type={}",
                row.try_get::<Option<String>>("", "key")
                    .unwrap()
                    .unwrap_or_default(),
                row.try_get::<Option<String>>("", "type")
                    .unwrap()
                    .unwrap_or_default()
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

on_both_databases! {
    async fn a_history_page_is_an_index_range_scan(app) {
        use parley::server::entities::message;
        use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Set};
        let ann = app.user("ann").await;
        let ann_id = ann.me().await.unwrap().id;
        // Enough rows that a planner weighs the index against a table scan for real.
        for batch in 0..4 {
            let rows = (1..=500).map(|i| {
                let seq = batch * 500 + i;
                message::ActiveModel {
                    conversation_id: Set(1),
                    seq: Set(seq),
                    sender_id: Set(ann_id),
                    body: Set(format!("message {seq}")),
                    client_id: Set(format!("bulk-{seq:08}")),
                    created_at: Set(seq),
                    deleted: Set(false),
                    ..Default::default()
                }
            });
            message::Entity::insert_many(rows).exec(&app.state.db).await.unwrap();
        }
        if app.state.db.get_database_backend() == DbBackend::MySql {
            app.state.db.execute_unprepared("ANALYZE TABLE messages").await.unwrap();
        }
        let plan = history_plan(app).await;
        let uses_the_index = plan.contains("uq_messages_conversation_seq")
            && (plan.contains("type=range") || plan.contains("(conversation_id=? AND seq<?)"));
        assert!(uses_the_index, "history is not a range scan of the (conversation, seq) index: {plan}");
    }
}
