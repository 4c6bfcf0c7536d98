use crate::helpers::{error_of, TestApp, PASSWORD};
use parley::error::{AppError, Field};
use parley::server::entities::user;
use reqwest::StatusCode;
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, ExprTrait, QueryFilter};

on_both_databases!(
    a_new_user_can_sign_up_log_out_and_log_in_again,
    sign_up_refuses_each_invalid_field_with_a_readable_400,
    a_taken_username_or_email_is_refused_whatever_its_case,
    unknown_users_and_wrong_passwords_get_the_same_answer,
    raising_the_token_version_revokes_existing_sessions,
    a_forged_session_cookie_counts_as_logged_out
);

async fn a_new_user_can_sign_up_log_out_and_log_in_again(app: &TestApp) {
    let client = app.client();
    let response = client.sign_up("Ann", "ann@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("parley_session="))
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Max-Age=", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http must not get a Secure cookie"
    );
    assert_eq!(client.me().await.unwrap().username, "ann");

    assert_eq!(client.log_out().await.status(), StatusCode::OK);
    assert_eq!(client.me().await, None);

    assert_eq!(
        client.log_in("ANN", PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(client.me().await.unwrap().username, "ann");
}

async fn sign_up_refuses_each_invalid_field_with_a_readable_400(app: &TestApp) {
    let client = app.client();
    let cases = [
        ("ab", "ab@example.org", PASSWORD, Field::Username),
        ("has space", "sp@example.org", PASSWORD, Field::Username),
        ("carol", "not-an-email", PASSWORD, Field::Email),
        ("carol", "carol@example.org", "short", Field::Password),
    ];
    for (username, email, password, field) in cases {
        let (status, error) = error_of(client.sign_up(username, email, password).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            error.message_for(field).is_some(),
            "{error:?} should be about {field:?}"
        );
        assert!(!error.to_string().is_empty());
    }
    // Nothing was half-written: none of those accounts exists.
    let (status, _) = error_of(client.log_in("carol", PASSWORD).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(client.me().await, None);
}

async fn a_taken_username_or_email_is_refused_whatever_its_case(app: &TestApp) {
    app.user("dora").await;
    let client = app.client();
    let (status, error) =
        error_of(client.sign_up("DORA", "other@example.org", PASSWORD).await).await;
    assert_eq!(
        (status, error),
        (StatusCode::CONFLICT, AppError::UsernameTaken)
    );
    let (status, error) =
        error_of(client.sign_up("dora2", "Dora@Example.org", PASSWORD).await).await;
    assert_eq!(
        (status, error),
        (StatusCode::CONFLICT, AppError::EmailTaken)
    );
    assert_eq!(client.me().await, None);
}

async fn unknown_users_and_wrong_passwords_get_the_same_answer(app: &TestApp) {
    app.user("erin").await;
    let client = app.client();
    let wrong_password = error_of(client.log_in("erin", "not the password").await).await;
    let unknown_user = error_of(client.log_in("nobody", PASSWORD).await).await;
    let impossible_name = error_of(client.log_in("<x>", PASSWORD).await).await;
    assert_eq!(
        wrong_password,
        (StatusCode::UNAUTHORIZED, AppError::WrongCredentials)
    );
    assert_eq!(unknown_user, wrong_password);
    assert_eq!(impossible_name, wrong_password);
    assert_eq!(client.me().await, None);
}

async fn raising_the_token_version_revokes_existing_sessions(app: &TestApp) {
    let client = app.user("fay").await;
    assert!(client.me().await.is_some());
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .filter(user::Column::Username.eq("fay"))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(client.me().await, None);
    assert_eq!(
        client.try_socket(None).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
}

async fn a_forged_session_cookie_counts_as_logged_out(app: &TestApp) {
    let client = app.client();
    let forged = client
        .http
        .get(app.url("/api/me"))
        .header(
            "cookie",
            "parley_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        forged
            .json::<Option<parley::protocol::UserView>>()
            .await
            .unwrap(),
        None
    );
}
