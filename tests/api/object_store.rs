//! Media in an S3-compatible object store: a real one (moto's server, from PyPI, installed by
//! `scripts/setup`) on a loopback port. The store on its own, one app on each database, and two
//! nodes where a picture uploaded through one is served by the other.

use crate::{
    cluster::{shared_redis_url, spawn_nodes},
    helpers::{small_png, Backend, TestApp},
    local_ports::{free_port, wait_until_listening},
};
use parley::{
    protocol::{picture_url, UserView},
    server::{
        config::{Secret, Settings},
        storage::{BlobStore, ObjectStore, ObjectStoreSettings},
    },
};
use reqwest::StatusCode;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

/// moto's S3 on a free port, with one empty bucket.
struct S3Server {
    settings: ObjectStoreSettings,
    process: Child,
}

impl S3Server {
    async fn start() -> Self {
        let venv = std::env::var("PARLEY_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/parley/venv")
            });
        let port = free_port();
        let process = Command::new(venv.join("bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server is installed (scripts/setup --test)");
        let addr = ([127, 0, 0, 1], port).into();
        assert!(
            wait_until_listening(addr, Duration::from_secs(10)).await,
            "moto_server listens"
        );
        let settings = ObjectStoreSettings {
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "parley-media".into(),
            region: "us-east-1".into(),
            access_key: "test-key".into(),
            secret_key: Secret::new("test-secret".into()),
        };
        let bucket = Bucket::new(
            settings.endpoint.parse().unwrap(),
            UrlStyle::Path,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .unwrap();
        let credentials = Credentials::new("test-key", "test-secret");
        let create = bucket
            .create_bucket(&credentials)
            .sign(Duration::from_secs(60));
        let response = reqwest::Client::new()
            .put(create)
            .header("content-length", "0")
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "bucket: {}",
            response.status()
        );
        Self { settings, process }
    }

    fn configure(&self) -> impl Fn(&mut Settings) + Clone {
        let settings = self.settings.clone();
        move |s: &mut Settings| s.object_store = Some(settings.clone())
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_object_store_keeps_reads_and_deletes_blobs() {
    let s3 = S3Server::start().await;
    let store = ObjectStore::new(&s3.settings).unwrap();
    let key = "pictures/ab12/256.jpg";
    assert_eq!(store.get(key).await.unwrap(), None, "nothing there yet");
    store.put(key, b"jpeg bytes".to_vec()).await.unwrap();
    assert_eq!(store.get(key).await.unwrap(), Some(b"jpeg bytes".to_vec()));
    store.delete(key).await.unwrap();
    assert_eq!(store.get(key).await.unwrap(), None);
    store
        .delete(key)
        .await
        .expect("deleting what is gone is fine");
    assert!(
        store.put("../escape", vec![1]).await.is_err(),
        "keys are checked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_cannot_be_reached_is_an_error_not_a_missing_file() {
    let settings = ObjectStoreSettings {
        endpoint: "http://127.0.0.1:9".into(),
        bucket: "nowhere".into(),
        region: "us-east-1".into(),
        access_key: "k".into(),
        secret_key: Secret::new("s".into()),
    };
    let store = ObjectStore::new(&settings).unwrap();
    assert!(store.get("pictures/x/64.jpg").await.is_err());
}

async fn upload_picture(app: &TestApp) -> String {
    let ann = app.user("ann").await;
    let response = ann.upload_picture(small_png(), "me.png", "image/png").await;
    assert_eq!(response.status(), StatusCode::OK);
    let user: UserView = response.json().await.unwrap();
    user.picture.expect("a picture key")
}

async fn uploaded_picture_lives_in_the_object_store(backend: Backend) {
    let s3 = S3Server::start().await;
    let app = TestApp::spawn_with(backend, s3.configure()).await;
    let key = upload_picture(&app).await;
    let served = app.client().get(&picture_url(&key, 64)).await;
    assert_eq!(served.status(), StatusCode::OK);
    let store = ObjectStore::new(&s3.settings).unwrap();
    let stored = store.get(&format!("pictures/{key}/64.jpg")).await.unwrap();
    assert_eq!(stored.as_deref(), Some(&served.bytes().await.unwrap()[..]));
    assert!(
        !app.data_dir().join("media").exists(),
        "nothing written to the local folder"
    );
    app.teardown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picture_lives_in_the_object_store_on_sqlite() {
    uploaded_picture_lives_in_the_object_store(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picture_lives_in_the_object_store_on_mysql() {
    uploaded_picture_lives_in_the_object_store(Backend::MySql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picture_uploaded_through_one_node_is_served_by_the_other() {
    let s3 = S3Server::start().await;
    let nodes = spawn_nodes(2, &shared_redis_url(), s3.configure()).await;
    let key = upload_picture(&nodes[0]).await;
    let served = nodes[1].client().get(&picture_url(&key, 256)).await;
    assert_eq!(served.status(), StatusCode::OK);
    for node in nodes {
        node.teardown().await;
    }
}
