//! Groups: creating one, what admins may do, the lines changes leave in the timeline, and the
//! privacy rules: a member added later sees nothing from before (history, catch-up, search,
//! images, quotes, frames about old messages), and a removed member loses access at once.

use crate::helpers::TestApp;
use crate::{
    chat_images::stored_files,
    helpers::{error_of, small_png, Client},
};
use parley::{
    chat::api::ConversationView,
    error::{AppError, Field},
    protocol::{ClientMsg, GroupEventKind, GroupMemberView, HistoryPage, MessageView, ServerMsg},
    search::api::MessageSearchPage,
};
use reqwest::StatusCode;

/// Ids as the form codec takes a list: `members[0]=2&members[1]=3`.
fn member_fields(members: &[i64]) -> Vec<(String, String)> {
    members
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("members[{i}]"), id.to_string()))
        .collect()
}

async fn post(client: &Client, action: &str, fields: &[(String, String)]) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client
        .post_form(&format!("/api/chat/group/{action}"), &fields)
        .await
}

pub(crate) async fn create(client: &Client, name: &str, members: &[i64]) -> i64 {
    let mut fields = vec![("name".to_owned(), name.to_owned())];
    fields.extend(member_fields(members));
    let response = post(client, "create", &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// `action` on member `user_id` of group `id` (remove, admin).
pub(crate) async fn on_member(
    client: &Client,
    action: &str,
    id: i64,
    user_id: i64,
) -> reqwest::Response {
    let fields = [
        ("conversation_id".to_owned(), id.to_string()),
        ("user_id".to_owned(), user_id.to_string()),
    ];
    post(client, action, &fields).await
}

async fn add(client: &Client, id: i64, members: &[i64]) -> reqwest::Response {
    let mut fields = vec![("conversation_id".to_owned(), id.to_string())];
    fields.extend(member_fields(members));
    post(client, "add", &fields).await
}

async fn just(client: &Client, action: &str, id: i64) -> reqwest::Response {
    post(
        client,
        action,
        &[("conversation_id".to_owned(), id.to_string())],
    )
    .await
}

async fn rename(client: &Client, id: i64, name: &str) -> reqwest::Response {
    let fields = [
        ("conversation_id".to_owned(), id.to_string()),
        ("name".to_owned(), name.to_owned()),
    ];
    post(client, "rename", &fields).await
}

pub(crate) async fn members(client: &Client, id: i64) -> Vec<GroupMemberView> {
    let response = client
        .get(&format!("/api/chat/group/members?conversation_id={id}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn open(client: &Client, id: i64) -> reqwest::Response {
    client
        .get(&format!("/api/chat/conversation?conversation_id={id}"))
        .await
}

pub(crate) async fn conversation(client: &Client, id: i64) -> ConversationView {
    let response = open(client, id).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn history_before(client: &Client, id: i64, before: i64) -> reqwest::Response {
    client
        .get(&format!(
            "/api/chat/history?conversation_id={id}&before_seq={before}"
        ))
        .await
}

async fn found_texts(client: &Client, query: &str) -> Vec<String> {
    let page: MessageSearchPage = client
        .get(&format!("/api/chat/search?query={query}"))
        .await
        .json()
        .await
        .unwrap();
    page.found.into_iter().map(|f| f.body).collect()
}

/// The next `message` frame (a line or a message).
async fn next_message(socket: &mut crate::helpers::Socket) -> MessageView {
    match socket.recv().await {
        ServerMsg::Message { message } => message,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn kind_of(message: &MessageView) -> Option<GroupEventKind> {
    message.event.as_ref().map(|e| e.kind)
}

on_both_databases!(
    a_group_starts_with_its_creator_as_admin_and_a_line_saying_so,
    a_member_added_later_sees_nothing_from_before,
    a_removed_member_loses_access_at_once,
    admins_manage_and_the_last_admin_hands_over_on_leaving,
    the_last_member_leaving_deletes_the_group_and_its_files,
    deleting_an_account_hands_admin_on_and_deletes_groups_it_leaves_empty,
    bad_requests_get_a_readable_4xx
);

async fn a_group_starts_with_its_creator_as_admin_and_a_line_saying_so(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let (ann_id, bob_id, carol_id) = (ann.id().await, bob.id().await, carol.id().await);
    let mut bob_socket = bob.socket().await;

    let id = create(&ann, "  Hikers ", &[bob_id, carol_id, bob_id]).await;

    let line = next_message(&mut bob_socket).await;
    assert_eq!(
        (
            line.conversation_id,
            line.seq,
            line.sender.id,
            line.body.as_str()
        ),
        (id, 1, ann_id, "Hikers")
    );
    assert_eq!(kind_of(&line), Some(GroupEventKind::Created));
    let listed = bob.inbox_line(id).await.expect("in bob's list");
    let group = listed.group.clone().expect("a group");
    assert_eq!(
        (
            group.name.as_str(),
            group.member_count,
            group.admin,
            group.removed
        ),
        ("Hikers", 3, false, false)
    );
    assert_eq!(listed.title(), "Hikers");
    assert_eq!(listed.unread(), 1);
    let ann_line = ann.inbox_line(id).await.unwrap();
    assert!(ann_line.group.unwrap().admin);
    assert_eq!(ann_line.last_read_seq, 1, "one's own line is read");

    let list = members(&carol, id).await;
    let names: Vec<(&str, bool)> = list
        .iter()
        .map(|m| (m.user.username.as_str(), m.admin))
        .collect();
    assert_eq!(names, [("ann", true), ("bob", false), ("carol", false)]);

    // Messages go to every member, live.
    let mut carol_socket = carol.socket().await;
    let sent = bob_socket.say_in(id, "group-msg-0001", "hello all").await;
    assert_eq!(next_message(&mut carol_socket).await, sent);
}

async fn a_member_added_later_sees_nothing_from_before(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let dave = app.user("dave").await;
    let (bob_id, dave_id) = (bob.id().await, dave.id().await);
    let id = create(&ann, "Plans", &[bob_id]).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let old = bob_socket
        .say_in(id, "group-old-0001", "the secret plan")
        .await;
    next_message(&mut ann_socket).await;
    let response = bob
        .send_image(id, "group-img-0001", "old photo", small_png())
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let photo: MessageView = response.json().await.unwrap();
    next_message(&mut ann_socket).await;
    // An image sent over HTTP reaches every socket of its sender too.
    assert_eq!(next_message(&mut bob_socket).await, photo);
    let image_url = photo.image.clone().unwrap().thumb_url();
    let mut dave_socket = dave.socket().await;

    assert_eq!(add(&ann, id, &[dave_id]).await.status(), StatusCode::OK);
    let line = next_message(&mut dave_socket).await;
    assert_eq!(kind_of(&line), Some(GroupEventKind::Added));
    assert_eq!(
        line.event.as_ref().unwrap().user.as_ref().map(|u| u.id),
        Some(dave_id)
    );
    assert_eq!(next_message(&mut bob_socket).await, line);

    // History: only the line; nothing older, even when asked for directly.
    let view = conversation(&dave, id).await;
    assert_eq!(
        view.page.messages.iter().map(|m| m.seq).collect::<Vec<_>>(),
        [line.seq]
    );
    assert!(!view.page.has_older);
    assert_eq!(view.summary.unread(), 1);
    let page: HistoryPage = history_before(&dave, id, line.seq)
        .await
        .json()
        .await
        .unwrap();
    assert!(page.messages.is_empty());
    // Catch-up from the start: the same.
    dave_socket
        .send(&ClientMsg::CatchUp {
            conversation_id: id,
            after_change: 0,
        })
        .await;
    let ServerMsg::CaughtUp { messages, .. } = dave_socket.recv().await else {
        panic!("caught up")
    };
    assert_eq!(
        messages.iter().map(|m| m.seq).collect::<Vec<_>>(),
        [line.seq]
    );
    // Search, and the old photo.
    assert!(found_texts(&dave, "secret").await.is_empty());
    assert_eq!(found_texts(&bob, "secret").await, ["the secret plan"]);
    assert_eq!(dave.get(&image_url).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(bob.get(&image_url).await.status(), StatusCode::OK);

    // Dave can neither quote nor react to what came before him…
    dave_socket
        .send_message(id, "group-quote-001", "?", Some(old.seq))
        .await;
    assert!(matches!(
        dave_socket.recv().await,
        ServerMsg::Rejected {
            error: AppError::Invalid {
                field: Field::Message,
                ..
            },
            ..
        }
    ));
    dave_socket
        .send(&ClientMsg::React {
            conversation_id: id,
            seq: old.seq,
            emoji: "👍".into(),
        })
        .await;
    assert!(matches!(
        dave_socket.recv().await,
        ServerMsg::Rejected {
            error: AppError::NotFound,
            ..
        }
    ));
    // …nor hear about it: a reaction to it reaches the others only, and a reply to it
    // reaches him without the quote.
    bob_socket
        .send(&ClientMsg::React {
            conversation_id: id,
            seq: old.seq,
            emoji: "👍".into(),
        })
        .await;
    assert!(matches!(bob_socket.recv().await, ServerMsg::Updated { .. }));
    assert!(
        matches!(ann_socket.recv().await, ServerMsg::Message { .. }),
        "ann's copy of the added line"
    );
    assert!(matches!(ann_socket.recv().await, ServerMsg::Updated { .. }));
    dave_socket.expect_silence().await;
    bob_socket
        .send_message(id, "group-reply-001", "as planned", Some(old.seq))
        .await;
    let ServerMsg::Ack { message: reply, .. } = bob_socket.recv().await else {
        panic!("acked")
    };
    assert_eq!(
        reply.reply_to.as_ref().map(|q| q.text.as_str()),
        Some("the secret plan")
    );
    assert_eq!(next_message(&mut ann_socket).await, reply);
    let seen_by_dave = next_message(&mut dave_socket).await;
    assert_eq!(
        (seen_by_dave.body.as_str(), seen_by_dave.reply_to.is_none()),
        ("as planned", true)
    );
    let view = conversation(&dave, id).await;
    assert!(view.page.messages.iter().all(|m| m.reply_to.is_none()));
    assert!(dave
        .inbox_line(id)
        .await
        .unwrap()
        .last_message
        .as_ref()
        .unwrap()
        .reply_to
        .is_none());
}

async fn a_removed_member_loses_access_at_once(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let (ann_id, bob_id, carol_id) = (ann.id().await, bob.id().await, carol.id().await);
    let id = create(&ann, "Book club", &[bob_id, carol_id]).await;
    let response = carol
        .send_image(id, "group-img-0002", "", small_png())
        .await;
    let photo: MessageView = response.json().await.unwrap();
    let image_url = photo.image.clone().unwrap().display_url();
    assert_eq!(bob.get(&image_url).await.status(), StatusCode::OK);
    let mut bob_socket = bob.socket().await;
    let mut carol_socket = carol.socket().await;

    assert_eq!(
        on_member(&ann, "remove", id, bob_id).await.status(),
        StatusCode::OK
    );
    // Bob's tab is told why…
    let line = next_message(&mut bob_socket).await;
    assert_eq!(kind_of(&line), Some(GroupEventKind::Removed));
    assert_eq!(
        (line.sender.id, line.event.unwrap().user.map(|u| u.id)),
        (ann_id, Some(bob_id))
    );
    next_message(&mut carol_socket).await;
    // …and hears nothing more.
    carol_socket
        .say_in(id, "group-after-001", "now without bob")
        .await;
    bob_socket.expect_silence().await;
    assert_eq!(open(&bob, id).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        history_before(&bob, id, 10).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(bob.get(&image_url).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        bob.get(&format!("/api/chat/group/members?conversation_id={id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    bob_socket
        .send_message(id, "group-late-0001", "hello?", None)
        .await;
    assert!(matches!(
        bob_socket.recv().await,
        ServerMsg::Rejected {
            error: AppError::NotFound,
            ..
        }
    ));
    assert!(found_texts(&bob, "without").await.is_empty());

    // It stays in his list, read-only, until he hides it.
    let listed = bob.inbox_line(id).await.expect("still listed");
    let group = listed.group.clone().unwrap();
    assert_eq!((group.name.as_str(), group.removed), ("Book club", true));
    assert!(listed.last_message.is_none());
    assert_eq!(listed.unread(), 0);
    assert_eq!(just(&bob, "forget", id).await.status(), StatusCode::OK);
    assert!(
        matches!(bob_socket.recv().await, ServerMsg::Hidden { conversation_id } if conversation_id == id)
    );
    assert!(bob.inbox_line(id).await.is_none());
    assert_eq!(
        just(&bob, "forget", id).await.status(),
        StatusCode::NOT_FOUND
    );

    // Added again, he sees from then on only.
    assert_eq!(add(&ann, id, &[bob_id]).await.status(), StatusCode::OK);
    let view = conversation(&bob, id).await;
    assert_eq!(view.page.messages.len(), 1);
    assert_eq!(kind_of(&view.page.messages[0]), Some(GroupEventKind::Added));
    assert!(!view.summary.group.unwrap().removed);
}

async fn admins_manage_and_the_last_admin_hands_over_on_leaving(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let (ann_id, bob_id, carol_id) = (ann.id().await, bob.id().await, carol.id().await);
    let id = create(&ann, "Team", &[bob_id, carol_id]).await;

    // Only admins manage.
    assert_eq!(
        rename(&bob, id, "Mine").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        on_member(&bob, "remove", id, carol_id).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        on_member(&bob, "admin", id, bob_id).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        add(&bob, id, &[ann_id]).await.status(),
        StatusCode::FORBIDDEN
    );

    let mut carol_socket = carol.socket().await;
    assert_eq!(rename(&ann, id, "Team A").await.status(), StatusCode::OK);
    let renamed = next_message(&mut carol_socket).await;
    assert_eq!(
        (kind_of(&renamed), renamed.body.as_str()),
        (Some(GroupEventKind::Renamed), "Team A")
    );
    assert_eq!(conversation(&carol, id).await.summary.title(), "Team A");

    // The last admin leaving makes the longest-standing member admin.
    let mut ann_socket = ann.socket().await;
    assert_eq!(just(&ann, "leave", id).await.status(), StatusCode::OK);
    let left = next_message(&mut carol_socket).await;
    assert_eq!(
        (kind_of(&left), left.sender.id),
        (Some(GroupEventKind::Left), ann_id)
    );
    let handed = next_message(&mut carol_socket).await;
    assert_eq!(kind_of(&handed), Some(GroupEventKind::MadeAdmin));
    assert_eq!(handed.event.unwrap().user.map(|u| u.id), Some(bob_id));
    // The leaver's tabs see the line, then drop the group.
    next_message(&mut ann_socket).await;
    next_message(&mut ann_socket).await;
    assert!(
        matches!(ann_socket.recv().await, ServerMsg::Hidden { conversation_id } if conversation_id == id)
    );
    assert!(ann.inbox_line(id).await.is_none());
    assert_eq!(open(&ann, id).await.status(), StatusCode::NOT_FOUND);

    let list = members(&carol, id).await;
    let names: Vec<(&str, bool)> = list
        .iter()
        .map(|m| (m.user.username.as_str(), m.admin))
        .collect();
    assert_eq!(names, [("bob", true), ("carol", false)]);
    assert_eq!(
        on_member(&bob, "admin", id, carol_id).await.status(),
        StatusCode::OK
    );
    let (status, error) = error_of(on_member(&bob, "admin", id, carol_id).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(matches!(
        error,
        AppError::Invalid {
            field: Field::GroupMembers,
            ..
        }
    ));
}

async fn the_last_member_leaving_deletes_the_group_and_its_files(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = create(&ann, "Two of us", &[bob.id().await]).await;
    let response = ann.send_image(id, "group-img-0003", "", small_png()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let files_before = stored_files(app);
    assert!(files_before > 0);
    assert_eq!(just(&bob, "leave", id).await.status(), StatusCode::OK);
    // Alone, ann can still write.
    let mut ann_socket = ann.socket().await;
    ann_socket.say_in(id, "group-alone-001", "anyone?").await;
    assert_eq!(just(&ann, "leave", id).await.status(), StatusCode::OK);
    assert_eq!(
        just(&ann, "leave", id).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stored_files(app),
        files_before - 2,
        "the display and thumbnail files are gone"
    );
    assert!(ann.inbox_line(id).await.is_none());
}

async fn deleting_an_account_hands_admin_on_and_deletes_groups_it_leaves_empty(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let (bob_id, carol_id) = (bob.id().await, carol.id().await);
    let shared = create(&ann, "Shared", &[bob_id, carol_id]).await;
    let alone = create(&ann, "Alone soon", &[bob_id]).await;
    // Bob's picture stays in the group after he leaves: only the group's deletion takes it.
    let response = bob
        .send_image(alone, "group-img-0004", "", small_png())
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(just(&bob, "leave", alone).await.status(), StatusCode::OK);
    let files_before = stored_files(app);

    let response = ann
        .post_form(
            "/api/account/delete",
            &[
                ("current_password", crate::helpers::PASSWORD),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // The group she was the only admin of goes on with the longest-standing member as admin.
    let list = members(&carol, shared).await;
    let names: Vec<(&str, bool)> = list
        .iter()
        .map(|m| (m.user.username.as_str(), m.admin))
        .collect();
    assert_eq!(names, [("bob", true), ("carol", false)]);
    assert_eq!(
        rename(&bob, shared, "Still here").await.status(),
        StatusCode::OK
    );
    // The one she was alone in is gone, with its image files (Bob's, not hers).
    let db = &app.state.db;
    use sea_orm::EntityTrait;
    let gone = parley::server::entities::conversation::Entity::find_by_id(alone)
        .one(db)
        .await
        .unwrap();
    assert!(gone.is_none());
    assert_eq!(
        stored_files(app),
        files_before - 2,
        "the display and thumbnail files are gone"
    );
}

async fn bad_requests_get_a_readable_4xx(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let eve = app.user("eve").await;
    let bob_id = bob.id().await;
    let named = |name: &str| {
        vec![
            ("name".to_owned(), name.to_owned()),
            ("members[0]".to_owned(), bob_id.to_string()),
        ]
    };

    for name in ["   ", &"x".repeat(65), "two\nlines"] {
        let (status, error) = error_of(post(&ann, "create", &named(name)).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name:?}");
        assert!(
            matches!(
                error,
                AppError::Invalid {
                    field: Field::GroupName,
                    ..
                }
            ),
            "{error:?}"
        );
    }
    let (status, error) = error_of(
        post(
            &ann,
            "create",
            &[
                ("name".to_owned(), "Solo".to_owned()),
                ("members[0]".to_owned(), "999999".to_owned()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        matches!(&error, AppError::Invalid { field: Field::GroupMembers, message } if message.len() > 10)
    );
    let (status, _) =
        error_of(post(&ann, "create", &[("name".to_owned(), "Nobody".to_owned())]).await).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a group needs at least one other person"
    );

    let id = create(&ann, "Real", &[bob_id]).await;
    // Outsiders: a group they are not in does not exist for them.
    assert_eq!(
        eve.get(&format!("/api/chat/group/members?conversation_id={id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rename(&eve, id, "Taken").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        just(&eve, "leave", id).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        add(&eve, id, &[eve.id().await]).await.status(),
        StatusCode::NOT_FOUND
    );
    // Leaving a group is `leave`: hiding it like a direct conversation is refused.
    let (status, error) = error_of(ann.hide(id).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        error.to_string().contains("left from its info page"),
        "{error}"
    );
    assert!(ann.inbox_line(id).await.is_some(), "still in her list");
    // A direct conversation or the room is not a group.
    let direct = ann.open_direct(bob_id).await;
    assert_eq!(
        just(&ann, "leave", direct).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rename(&ann, 1, "Everyone!").await.status(),
        StatusCode::NOT_FOUND
    );
    // Adding someone already in it, removing oneself.
    let (status, _) = error_of(add(&ann, id, &[bob_id]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        on_member(&ann, "remove", id, ann.id().await).await.status(),
        StatusCode::BAD_REQUEST
    );
    // Signed out.
    let stranger = app.client();
    assert_eq!(
        post(&stranger, "create", &named("Mine")).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
