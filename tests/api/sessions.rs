//! Server-side sessions: logging out ends the session everywhere, any session can be ended
//! from another, open sockets of ended or expired sessions close within seconds.

use crate::helpers::{Client, TestApp, PASSWORD};
use parley::account::sessions_api::SessionView;
use reqwest::StatusCode;
use std::time::Duration;

const FIREFOX_ON_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// A client that presents someone else's copied session cookie.
async fn with_copied_cookie(app: &TestApp, cookie: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url("/api/me"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

async fn sessions_of(client: &Client) -> Vec<SessionView> {
    let response = client.get("/api/account/sessions").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Ann logged in a second time, from a browser that says it is Firefox on Linux.
async fn second_login(app: &TestApp) -> Client {
    let client = app.client();
    let response = client
        .http
        .post(app.url("/api/login"))
        .header("accept", "application/json")
        .header("user-agent", FIREFOX_ON_LINUX)
        .form(&[("username", "ann"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    client
}

on_both_databases!(
    logging_out_ends_the_session_even_for_a_copied_token,
    a_session_ended_from_another_device_stops_working_at_once,
    nobody_can_end_another_persons_session,
    signing_out_everywhere_else_closes_every_other_session_and_its_sockets,
    a_socket_opening_while_its_session_ends_does_not_stay_open
);

async fn logging_out_ends_the_session_even_for_a_copied_token(app: &TestApp) {
    let ann = app.user("ann").await;
    let cookie = ann.cookie().unwrap();
    let mut socket = ann.socket().await;
    let before = with_copied_cookie(app, &cookie).await;
    assert!(
        before
            .json::<Option<serde_json::Value>>()
            .await
            .unwrap()
            .is_some(),
        "a copy works while the session lasts"
    );
    assert_eq!(ann.log_out().await.status(), StatusCode::OK);
    assert!(socket.is_closed_soon().await, "the session's socket closes");
    let copied = with_copied_cookie(app, &cookie).await;
    assert_eq!(
        copied.json::<Option<serde_json::Value>>().await.unwrap(),
        None
    );
}

async fn a_session_ended_from_another_device_stops_working_at_once(app: &TestApp) {
    let ann = app.user("ann").await;
    let laptop = second_login(app).await;
    let mut laptop_socket = laptop.socket().await;
    let list = sessions_of(&ann).await;
    assert_eq!(list.len(), 2);
    let other = list.iter().find(|s| !s.current).expect("the other session");
    assert_eq!(other.device, "Firefox on Linux");
    assert_eq!(list.iter().filter(|s| s.current).count(), 1);

    let ended = ann
        .post_form(
            "/api/account/sessions/end",
            &[("session_id", &other.id.to_string())],
        )
        .await;
    assert_eq!(ended.status(), StatusCode::OK);
    assert!(laptop_socket.is_closed_soon().await);
    assert_eq!(laptop.me().await, None);
    assert_eq!(
        laptop.try_socket(None).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    assert!(
        ann.me().await.is_some(),
        "the session that ended it carries on"
    );
    assert_eq!(sessions_of(&ann).await.len(), 1);
}

async fn nobody_can_end_another_persons_session(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let bobs = sessions_of(&bob).await[0].id;
    let refused = ann
        .post_form(
            "/api/account/sessions/end",
            &[("session_id", &bobs.to_string())],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert!(bob.me().await.is_some());
}

async fn signing_out_everywhere_else_closes_every_other_session_and_its_sockets(app: &TestApp) {
    let ann = app.user("ann").await;
    let phone = second_login(app).await;
    let laptop = second_login(app).await;
    let (mut phone_socket, mut laptop_socket) = (phone.socket().await, laptop.socket().await);
    let mut own_socket = ann.socket().await;
    assert_eq!(
        ann.post_form("/api/account/sessions/end-others", &[])
            .await
            .status(),
        StatusCode::OK
    );
    assert!(phone_socket.is_closed_soon().await);
    assert!(laptop_socket.is_closed_soon().await);
    assert_eq!((phone.me().await, laptop.me().await), (None, None));
    own_socket.say("still-here-1", "still here").await;
    assert_eq!(sessions_of(&ann).await.len(), 1);
}

async fn a_socket_opening_while_its_session_ends_does_not_stay_open(app: &TestApp) {
    app.user("ann").await;
    let laptop = second_login(app).await;
    let owner = second_login(app).await;
    let laptop_session = sessions_of(&owner)
        .await
        .into_iter()
        .find(|s| s.device == "Firefox on Linux" && !s.current)
        .unwrap()
        .id;
    // Sockets keep opening while the session is ended from elsewhere.
    let opening = async {
        let mut opened = Vec::new();
        for _ in 0..10 {
            if let Ok(socket) = laptop.try_socket(None).await {
                opened.push(socket);
            }
        }
        opened
    };
    let ending = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        owner
            .post_form(
                "/api/account/sessions/end",
                &[("session_id", &laptop_session.to_string())],
            )
            .await
    };
    let (opened, ended) = tokio::join!(opening, ending);
    assert_eq!(ended.status(), StatusCode::OK);
    for mut socket in opened {
        assert!(
            socket.is_closed_soon().await,
            "every socket of the ended session closes"
        );
    }
}

on_both_databases!(
    configure(|s| s.session_ttl = Duration::from_secs(2)),
    an_expired_sessions_socket_closes_within_seconds
);

async fn an_expired_sessions_socket_closes_within_seconds(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        socket.is_closed_soon().await,
        "closed when the session expires"
    );
    assert_eq!(ann.me().await, None);
}
