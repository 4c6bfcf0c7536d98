use crate::helpers::{error_of, TestApp, PASSWORD};
use parley::error::{AppError, Field};
use reqwest::StatusCode;

on_both_databases!(
    a_user_renames_themselves_within_the_sign_up_rules,
    changing_the_email_needs_the_current_password_and_a_free_address,
    a_password_change_signs_out_every_other_session_and_closes_its_sockets,
    settings_are_only_for_the_signed_in_user
);

async fn a_user_renames_themselves_within_the_sign_up_rules(app: &TestApp) {
    let ann = app.user("ann").await;
    app.user("bob").await;
    let response = ann
        .post_form("/api/account/username", &[("username", "Annie")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(ann.me().await.unwrap().username, "annie");
    let (status, error) = error_of(
        ann.post_form("/api/account/username", &[("username", "BOB")])
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::CONFLICT, AppError::UsernameTaken)
    );
    let (status, error) = error_of(
        ann.post_form("/api/account/username", &[("username", "a b")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error.message_for(Field::Username).is_some());
    // Keeping one's own name is not "taken".
    assert_eq!(
        ann.post_form("/api/account/username", &[("username", "annie")])
            .await
            .status(),
        StatusCode::OK
    );
    let again = app.client();
    assert_eq!(
        again.log_in("annie", PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.client().log_in("ann", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn changing_the_email_needs_the_current_password_and_a_free_address(app: &TestApp) {
    let ann = app.user("ann").await;
    app.user("bob").await;
    let (status, error) = error_of(
        ann.post_form(
            "/api/account/email",
            &[
                ("email", "new@example.org"),
                ("current_password", "not my password"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::FORBIDDEN, AppError::WrongPassword)
    );
    let (status, error) = error_of(
        ann.post_form(
            "/api/account/email",
            &[("email", "BOB@example.org"), ("current_password", PASSWORD)],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::CONFLICT, AppError::EmailTaken)
    );
    let (status, _) = error_of(
        ann.post_form(
            "/api/account/email",
            &[("email", "not an address"), ("current_password", PASSWORD)],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        ann.post_form(
            "/api/account/email",
            &[("email", "New@Example.org"), ("current_password", PASSWORD)]
        )
        .await
        .status(),
        StatusCode::OK
    );
    let account: parley::account::api::AccountView =
        ann.get("/api/account").await.json().await.unwrap();
    assert_eq!(account.email, "new@example.org");
}

async fn a_password_change_signs_out_every_other_session_and_closes_its_sockets(app: &TestApp) {
    let laptop = app.user("ann").await;
    let phone = app.client();
    assert_eq!(phone.log_in("ann", PASSWORD).await.status(), StatusCode::OK);
    let mut phone_socket = phone.socket().await;

    let (status, error) = error_of(
        laptop
            .post_form(
                "/api/account/password",
                &[
                    ("current_password", "wrong one"),
                    ("new_password", "a whole new secret"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::FORBIDDEN, AppError::WrongPassword)
    );
    let (status, error) = error_of(
        laptop
            .post_form(
                "/api/account/password",
                &[("current_password", PASSWORD), ("new_password", "short")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error.message_for(Field::Password).is_some());
    assert!(phone.me().await.is_some(), "failed attempts change nothing");

    let changed = laptop
        .post_form(
            "/api/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a whole new secret"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    // The phone is signed out and its socket closed; the laptop carries on.
    assert!(phone.me().await.is_none());
    assert!(
        phone_socket.is_closed_soon().await,
        "the other session's socket stays open"
    );
    assert_eq!(
        phone.try_socket(None).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    assert_eq!(laptop.me().await.unwrap().username, "ann");
    laptop
        .socket()
        .await
        .say("after-change-1", "still here")
        .await;

    assert_eq!(
        app.client().log_in("ann", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client()
            .log_in("ann", "a whole new secret")
            .await
            .status(),
        StatusCode::OK
    );
}

async fn settings_are_only_for_the_signed_in_user(app: &TestApp) {
    app.user("ann").await;
    let anonymous = app.client();
    for (path, form) in [
        ("/api/account/username", vec![("username", "mallory")]),
        (
            "/api/account/email",
            vec![("email", "m@example.org"), ("current_password", PASSWORD)],
        ),
        (
            "/api/account/password",
            vec![
                ("current_password", PASSWORD),
                ("new_password", "taken over!"),
            ],
        ),
    ] {
        let (status, error) = error_of(anonymous.post_form(path, &form).await).await;
        assert_eq!(
            (status, error),
            (StatusCode::UNAUTHORIZED, AppError::NotSignedIn),
            "{path}"
        );
    }
    let page = anonymous.page("/settings").await;
    assert_eq!(page.status(), StatusCode::FOUND);
}
