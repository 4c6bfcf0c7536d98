use crate::helpers::TestApp;
use reqwest::StatusCode;

on_both_databases!(
    an_upgrade_without_a_session_is_refused,
    an_upgrade_from_a_foreign_origin_is_refused_even_with_a_session
);

async fn an_upgrade_without_a_session_is_refused(app: &TestApp) {
    assert_eq!(
        app.client().try_socket(None).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
}

async fn an_upgrade_from_a_foreign_origin_is_refused_even_with_a_session(app: &TestApp) {
    let client = app.user("gus").await;
    let refused = client.try_socket(Some("http://evil.example")).await.err();
    assert_eq!(refused, Some(StatusCode::FORBIDDEN));
    let own_origin = app.url("");
    assert!(client.try_socket(Some(&own_origin)).await.is_ok());
}

on_both_databases!(
    configure(crate::helpers::without_rate_limits),
    ready_is_the_first_frame_even_in_a_busy_room
);

// A client starts from `ready` (who it is), then catches up. While the server checked the
// session, a busy room's messages could reach a new socket before its `ready`.
async fn ready_is_the_first_frame_even_in_a_busy_room(app: &TestApp) {
    let busy = crate::busy_room::BusyRoom::start(app, 3).await;
    for i in 0..15 {
        // `socket()` fails the test unless the first frame is `ready`.
        app.user(&format!("newcomer{i}")).await.socket().await;
    }
    busy.stop().await;
}
