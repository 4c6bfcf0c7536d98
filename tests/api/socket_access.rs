use reqwest::StatusCode;

on_both_databases! {
    async fn an_upgrade_without_a_session_is_refused(app) {
        assert_eq!(app.client().try_socket(None).await.err(), Some(StatusCode::UNAUTHORIZED));
    }

    async fn an_upgrade_from_a_foreign_origin_is_refused_even_with_a_session(app) {
        let client = app.user("gus").await;
        let refused = client.try_socket(Some("http://evil.example")).await.err();
        assert_eq!(refused, Some(StatusCode::FORBIDDEN));
        let own_origin = app.url("");
        assert!(client.try_socket(Some(&own_origin)).await.is_ok());
    }
}
