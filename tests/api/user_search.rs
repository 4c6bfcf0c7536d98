use crate::helpers::TestApp;
use parley::people::api::UserSearchPage;
use reqwest::StatusCode;

async fn search(
    client: &crate::helpers::Client,
    query: &str,
    after: Option<&str>,
) -> UserSearchPage {
    let mut url = reqwest::Url::parse("http://x/api/users/search").unwrap();
    url.query_pairs_mut().append_pair("query", query);
    if let Some(after) = after {
        url.query_pairs_mut().append_pair("after", after);
    }
    let path = format!("{}?{}", url.path(), url.query().unwrap());
    let response = client.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn names(page: &UserSearchPage) -> Vec<&str> {
    page.users.iter().map(|u| u.username.as_str()).collect()
}

on_both_databases!(
    names_starting_with_the_query_come_before_names_containing_it,
    an_empty_or_impossible_query_finds_nobody,
    results_come_twenty_a_page_without_repeats_across_both_groups
);

async fn names_starting_with_the_query_come_before_names_containing_it(app: &TestApp) {
    let searcher = app.user("annie").await;
    for name in ["bob_ann", "ann", "zed", "joanna", "ann.lee", "anne"] {
        app.user(name).await;
    }
    let page = search(&searcher, "ANN", None).await;
    // "annie" is the searcher and not listed; "zed" does not match.
    assert_eq!(
        names(&page),
        ["ann", "ann.lee", "anne", "bob_ann", "joanna"]
    );
    assert_eq!(page.next, None);
    // Underscore is a literal character, not a wildcard.
    assert_eq!(names(&search(&searcher, "b_a", None).await), ["bob_ann"]);
    assert_eq!(
        names(&search(&searcher, "bxa", None).await),
        Vec::<&str>::new()
    );
}

async fn an_empty_or_impossible_query_finds_nobody(app: &TestApp) {
    let searcher = app.user("ann").await;
    app.user("bob").await;
    for query in ["", "   ", "%", "a b", "' OR 1=1 --"] {
        assert!(
            search(&searcher, query, None).await.users.is_empty(),
            "{query:?}"
        );
    }
    let (status, _) = crate::helpers::error_of(
        searcher
            .get("/api/users/search?query=a&after=nonsense")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) =
        crate::helpers::error_of(app.client().get("/api/users/search?query=bob").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn results_come_twenty_a_page_without_repeats_across_both_groups(app: &TestApp) {
    use parley::server::entities::user;
    use sea_orm::{EntityTrait, Set};
    let searcher = app.user("searcher").await;
    // 25 prefix matches and 25 substring matches, inserted directly: hashing 50 passwords
    // would only slow the test down.
    let rows = (0..25)
        .flat_map(|i| [format!("kim{i:02}"), format!("a_kim{i:02}")])
        .map(|name| user::ActiveModel {
            email: Set(format!("{name}@example.org")),
            username: Set(name),
            password_hash: Set("not a hash".into()),
            token_version: Set(0),
            created_at: Set(0),
            ..Default::default()
        });
    user::Entity::insert_many(rows)
        .exec(&app.state.db)
        .await
        .unwrap();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = search(&searcher, "kim", after.as_deref()).await;
        assert!(page.users.len() <= 20);
        seen.extend(page.users.iter().map(|u| u.username.clone()));
        pages += 1;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut expected: Vec<String> = (0..25).map(|i| format!("kim{i:02}")).collect();
    expected.extend((0..25).map(|i| format!("a_kim{i:02}")));
    assert_eq!(seen, expected);
}
