//! Argon2 under a flood of logins: a bounded number at once, the rest shed with 503.

use crate::helpers::{error_of, small_png, TestApp};
use parley::{error::AppError, protocol::UserView};
use reqwest::StatusCode;
use std::time::Duration;

on_both_databases!(
    configure(|s| {
        s.password_slots = 1;
        s.password_queue_wait = Duration::from_millis(20);
    }),
    password_checks_past_the_slots_are_answered_503_and_pictures_still_load
);

async fn password_checks_past_the_slots_are_answered_503_and_pictures_still_load(app: &TestApp) {
    let ann = app.user("ann").await;
    let uploaded = ann.upload_picture(small_png(), "me.png", "image/png").await;
    let picture = uploaded
        .json::<UserView>()
        .await
        .unwrap()
        .picture_url(256)
        .unwrap();
    // Twelve logins at once, each from its own address so no login limit interferes.
    let clients: Vec<_> = (1..=12)
        .map(|n| app.client_from(&format!("127.0.1.{n}")))
        .collect();
    let logins = futures_util::future::join_all(
        clients
            .iter()
            .map(|client| client.log_in("ann", "a wrong guess")),
    );
    let viewer = app.client();
    let (answers, picture) = tokio::join!(logins, viewer.get(&picture));
    assert_eq!(picture.status(), StatusCode::OK);
    let mut shed = 0;
    for answer in answers {
        if answer.status() == StatusCode::SERVICE_UNAVAILABLE {
            assert_eq!(answer.headers()["retry-after"], "1");
            let (_, error) = error_of(answer).await;
            assert_eq!(error, AppError::Busy);
            assert!(error.to_string().contains("very busy"));
            shed += 1;
        } else {
            assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
        }
    }
    assert!(
        shed > 0,
        "with one slot, some of twelve checks at once must be shed"
    );
    // Once the burst is over, logins work again.
    assert_eq!(
        app.client()
            .log_in("ann", crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}
