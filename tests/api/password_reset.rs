//! "Forgot password" end to end over real SMTP (aiosmtpd on loopback), and the outbox used
//! when no SMTP server is configured.

use crate::helpers::{error_of, within_time_limit, Backend, TestApp, PASSWORD};
use crate::mail_server::{reset_token, MailServer};
use parley::{error::AppError, server::entities::password_reset};
use reqwest::StatusCode;
use sea_orm::{sea_query::Expr, EntityTrait};
use std::time::Duration;

const NEW_PASSWORD: &str = "a brand new secret";

/// Each named scenario (`async fn name(app: &TestApp, mail: &MailServer)`) on SQLite and on
/// MariaDB, with an app whose mail goes to a fresh aiosmtpd.
macro_rules! with_mail_server {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            use super::*;

            async fn run(backend: Backend) {
                let mail = MailServer::start().await;
                let app = TestApp::spawn_with(backend, |s| mail.configure(s)).await;
                within_time_limit(super::$name(&app, &mail)).await;
                app.teardown().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() { run(Backend::Sqlite).await }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_mysql() { run(Backend::MySql).await }
        }
    )+};
}

async fn ask_for_link(app: &TestApp, email: &str) -> reqwest::Response {
    app.client()
        .post_form("/api/password/forgot", &[("email", email)])
        .await
}

with_mail_server!(
    the_emailed_link_sets_a_new_password_once_and_signs_out_every_session,
    an_unknown_address_gets_the_same_answer_and_no_email,
    an_expired_link_or_one_older_than_a_password_change_fails,
    requests_are_limited_per_address_and_per_client
);

async fn the_emailed_link_sets_a_new_password_once_and_signs_out_every_session(
    app: &TestApp,
    mail: &MailServer,
) {
    let ann = app.user("ann").await;
    let mut ann_socket = ann.socket().await;
    assert_eq!(
        ask_for_link(app, "ANN@example.org").await.status(),
        StatusCode::OK
    );
    let message = mail.wait_for_message(1).await;
    assert!(message.contains("To: ann@example.org"), "{message}");
    assert!(message.contains("Subject: Reset your Parley password"));
    let token = reset_token(&message);
    assert_eq!(token.len(), 64);
    // Only the token's hash is stored.
    let stored = password_reset::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token);

    // The link's page opens; a too-short password does not use the link up.
    let page = app
        .client()
        .get(&format!("/reset-password?token={token}"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let (status, _) = error_of(
        app.client()
            .post_form(
                "/api/password/reset",
                &[("token", &token), ("password", "short")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let reset = app
        .client()
        .post_form(
            "/api/password/reset",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);

    assert!(ann.me().await.is_none(), "the old session is signed out");
    assert!(ann_socket.is_closed_soon().await, "and its socket closed");
    assert_eq!(
        app.client().log_in("ann", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client().log_in("ann", NEW_PASSWORD).await.status(),
        StatusCode::OK
    );

    let (status, error) = error_of(
        app.client()
            .post_form(
                "/api/password/reset",
                &[("token", &token), ("password", "yet another secret")],
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, AppError::ResetLinkInvalid)
    );
    assert_eq!(
        app.client().log_in("ann", NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn an_unknown_address_gets_the_same_answer_and_no_email(app: &TestApp, mail: &MailServer) {
    app.user("ann").await;
    let unknown = ask_for_link(app, "nobody@example.org").await;
    let known = ask_for_link(app, "ann@example.org").await;
    assert_eq!(unknown.status(), known.status());
    assert_eq!(
        unknown.headers().get("location"),
        known.headers().get("location")
    );
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
    let only = mail.wait_for_message(1).await;
    assert!(only.contains("To: ann@example.org"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        mail.messages().len(),
        1,
        "no email for an address no account has"
    );
}

async fn an_expired_link_or_one_older_than_a_password_change_fails(
    app: &TestApp,
    mail: &MailServer,
) {
    let ann = app.user("ann").await;
    ask_for_link(app, "ann@example.org").await;
    let expired = reset_token(&mail.wait_for_message(1).await);
    password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::ExpiresAt,
            Expr::value(parley::server::model::now_ms() - 1),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    let (status, error) = error_of(
        app.client()
            .post_form(
                "/api/password/reset",
                &[("token", &expired), ("password", NEW_PASSWORD)],
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, AppError::ResetLinkInvalid)
    );

    ask_for_link(app, "ann@example.org").await;
    let outdated = reset_token(&mail.wait_for_message(2).await);
    let changed = ann
        .post_form(
            "/api/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "changed in settings"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let (status, error) = error_of(
        app.client()
            .post_form(
                "/api/password/reset",
                &[("token", &outdated), ("password", NEW_PASSWORD)],
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, AppError::ResetLinkInvalid)
    );
    assert_eq!(
        app.client()
            .log_in("ann", "changed in settings")
            .await
            .status(),
        StatusCode::OK
    );

    let (status, _) = error_of(
        app.client()
            .post_form(
                "/api/password/reset",
                &[("token", "not-a-token"), ("password", NEW_PASSWORD)],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn requests_are_limited_per_address_and_per_client(app: &TestApp, mail: &MailServer) {
    app.user("ann").await;
    for _ in 0..3 {
        assert_eq!(
            ask_for_link(app, "ann@example.org").await.status(),
            StatusCode::OK
        );
    }
    let refused = ask_for_link(app, "ann@example.org").await;
    assert!(refused.headers().contains_key("retry-after"));
    let (status, error) = error_of(refused).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        matches!(error, AppError::RateLimited { retry_after_s } if retry_after_s > 3000),
        "{error:?}"
    );
    mail.wait_for_message(3).await;
    // The same client asking for many different addresses is stopped too (10 an hour).
    for n in 0..6 {
        assert_eq!(
            ask_for_link(app, &format!("other{n}@example.org"))
                .await
                .status(),
            StatusCode::OK,
            "request {n}"
        );
    }
    let (status, _) = error_of(ask_for_link(app, "one-more@example.org").await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}
on_both_databases!(without_smtp_the_email_is_written_to_the_outbox);

async fn without_smtp_the_email_is_written_to_the_outbox(app: &TestApp) {
    app.user("ann").await;
    assert_eq!(
        ask_for_link(app, "ann@example.org").await.status(),
        StatusCode::OK
    );
    let outbox = app.data_dir().join("outbox");
    let mut found = None;
    for _ in 0..50 {
        found = std::fs::read_dir(&outbox).ok().and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "eml"))
        });
        if found.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let path = found.expect("an .eml file in the outbox");
    let message = std::fs::read_to_string(path).unwrap();
    assert_eq!(reset_token(&message).len(), 64);
}
