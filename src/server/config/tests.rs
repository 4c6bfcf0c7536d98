use super::*;

fn shipped() -> Settings {
    Settings::from_file_text(include_str!("../../../Leptos.toml")).unwrap()
}

#[test]
fn the_shipped_file_defaults_to_sqlite_under_data() {
    let s = shipped();
    assert_eq!(s.database_url, "sqlite://data/parley.db?mode=rwc");
    assert_eq!(s.site_addr().to_string(), "127.0.0.1:3000");
    assert!(s.jwt_secret.is_none());
}

#[test]
fn the_site_options_match_what_cargo_leptos_builds() {
    // cargo-leptos reads Cargo.toml; the server reads Leptos.toml. They must agree.
    let built = get_config_from_str(include_str!("../../../Cargo.toml")).unwrap();
    let served = shipped().leptos_options;
    assert_eq!(built.output_name, served.output_name);
    assert_eq!(built.site_root, served.site_root);
    assert_eq!(built.site_pkg_dir, served.site_pkg_dir);
}

#[test]
fn environment_variables_override_the_file() {
    let mut s = shipped();
    let env = |name: &str| match name {
        "DATABASE_URL" => Some("mysql://u:p@127.0.0.1/db".to_string()),
        "PARLEY_ADDR" => Some("0.0.0.0:8080".to_string()),
        "PARLEY_JWT_SECRET" => Some("x".repeat(40)),
        _ => None,
    };
    s.apply_env(env).unwrap();
    assert_eq!(s.database_url, "mysql://u:p@127.0.0.1/db");
    assert_eq!(s.site_addr().port(), 8080);
    assert!(s.jwt_secret.is_some());
}

#[test]
fn the_operators_limits_come_from_the_environment() {
    let mut s = shipped();
    let env = |name: &str| match name {
        "PARLEY_SIGNUPS_PER_HOUR" => Some("5".to_string()),
        "PARLEY_SOCKETS_TOTAL" => Some("50000".to_string()),
        "PARLEY_PASSWORD_CHECKS" => Some("8".to_string()),
        "PARLEY_SENDS_PER_SECOND" => Some("1000".to_string()),
        _ => None,
    };
    s.apply_env(env).unwrap();
    assert_eq!(s.limits.sends_per_user.per_second, 1000.0);
    assert_eq!(s.limits.sends_per_user.capacity, 6000);
    assert_eq!(s.limits.signups_per_client.max, 5);
    assert_eq!(s.limits.sockets_total, 50_000);
    assert_eq!(s.password_slots, 8);
    let bad = |name: &str| (name == "PARLEY_SOCKETS_PER_USER").then(|| "many".to_string());
    assert!(shipped().apply_env(bad).is_err());
}

#[test]
fn a_short_secret_is_refused() {
    let mut s = shipped();
    let env = |name: &str| (name == "PARLEY_JWT_SECRET").then(|| "short".to_string());
    assert!(s.apply_env(env).is_err());
}

#[test]
fn several_nodes_need_one_database_server_and_one_session_key() {
    let with = |vars: &'static [(&'static str, &'static str)]| {
        let mut s = shipped();
        s.apply_env(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
        .unwrap();
        s.check_nodes_share_state()
    };
    const REDIS: (&str, &str) = ("PARLEY_REDIS_URL", "redis://127.0.0.1/");
    const MYSQL: (&str, &str) = ("DATABASE_URL", "mysql://u:p@127.0.0.1/db");
    const SECRET: (&str, &str) = (
        "PARLEY_JWT_SECRET",
        "0123456789012345678901234567890123456789",
    );
    assert!(with(&[]).is_ok(), "one node needs neither");
    let sqlite = with(&[REDIS, SECRET]).unwrap_err().to_string();
    assert!(sqlite.contains("DATABASE_URL"), "{sqlite}");
    let no_secret = with(&[REDIS, MYSQL]).unwrap_err().to_string();
    assert!(no_secret.contains("PARLEY_JWT_SECRET"), "{no_secret}");
    assert!(with(&[REDIS, MYSQL, SECRET]).is_ok());
}

#[test]
fn an_object_store_needs_its_bucket_and_credentials() {
    let endpoint_only =
        |name: &str| (name == "PARLEY_S3_ENDPOINT").then(|| "http://127.0.0.1:9000".to_string());
    let error = shipped().apply_env(endpoint_only).unwrap_err().to_string();
    assert!(error.contains("PARLEY_S3_BUCKET"), "{error}");
    let mut s = shipped();
    s.apply_env(|name| match name {
        "PARLEY_S3_ENDPOINT" => Some("http://127.0.0.1:9000".into()),
        "PARLEY_S3_BUCKET" => Some("media".into()),
        "PARLEY_S3_ACCESS_KEY" => Some("key".into()),
        "PARLEY_S3_SECRET_KEY" => Some("secret".into()),
        _ => None,
    })
    .unwrap();
    let store = s.object_store.expect("configured");
    assert_eq!(
        (store.bucket.as_str(), store.region.as_str()),
        ("media", "us-east-1")
    );
}
