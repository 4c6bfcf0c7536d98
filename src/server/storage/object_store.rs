//! Blobs in an S3-compatible object store (AWS S3, MinIO, Garage, Ceph, …): the store several
//! server nodes share, where a picture uploaded through one node is served by any other.
//! rusty-s3 signs each request as a short-lived presigned URL (no SDK), reqwest sends it.

use super::{is_valid_key, BlobStore, StoreResult};
use crate::server::config::Secret;
use futures_util::future::BoxFuture;
use reqwest::{StatusCode, Url};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::{
    io::{Error, ErrorKind},
    time::Duration,
};

/// A signed URL is good for this long: enough for one request, too short to be worth stealing.
const SIGNED_FOR: Duration = Duration::from_secs(60);
/// The longest one request may take (a 20 MiB image on a slow link to the store included).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the object store is and how to sign for it (`PARLEY_S3_*`).
#[derive(Debug, Clone)]
pub struct ObjectStoreSettings {
    /// `https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000`, …
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: Secret,
}

pub struct ObjectStore {
    bucket: Bucket,
    credentials: Credentials,
    http: reqwest::Client,
}

impl ObjectStore {
    pub fn new(settings: &ObjectStoreSettings) -> Result<Self, String> {
        let endpoint: Url = settings
            .endpoint
            .parse()
            .map_err(|e| format!("PARLEY_S3_ENDPOINT: {e}"))?;
        // Path-style URLs (`endpoint/bucket/key`) work with every S3-compatible server.
        let bucket = Bucket::new(
            endpoint,
            UrlStyle::Path,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .map_err(|e| format!("PARLEY_S3_ENDPOINT / PARLEY_S3_BUCKET: {e}"))?;
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot set up HTTPS for the object store: {e}"))?;
        Ok(Self {
            bucket,
            credentials: Credentials::new(
                settings.access_key.clone(),
                settings.secret_key.expose().to_owned(),
            ),
            http,
        })
    }

    fn check(key: &str) -> StoreResult<()> {
        if is_valid_key(key) {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::InvalidInput, "invalid storage key"))
        }
    }
}

fn failed(what: &str, error: impl std::fmt::Display) -> Error {
    Error::other(format!("the object store could not {what}: {error}"))
}

/// Sends a signed request; any answer, or an error when the store was not reached.
async fn send(request: reqwest::RequestBuilder, what: &str) -> StoreResult<reqwest::Response> {
    request.send().await.map_err(|e| failed(what, e))
}

impl BlobStore for ObjectStore {
    fn put(&self, key: &str, bytes: Vec<u8>) -> BoxFuture<'_, StoreResult<()>> {
        let key = key.to_owned();
        Box::pin(async move {
            Self::check(&key)?;
            // S3 stores an object whole or not at all: readers never see half of one.
            let url = self
                .bucket
                .put_object(Some(&self.credentials), &key)
                .sign(SIGNED_FOR);
            let response = send(self.http.put(url).body(bytes), "store a file").await?;
            match response.status() {
                status if status.is_success() => Ok(()),
                status => Err(failed("store a file", status)),
            }
        })
    }

    fn get(&self, key: &str) -> BoxFuture<'_, StoreResult<Option<Vec<u8>>>> {
        let key = key.to_owned();
        Box::pin(async move {
            Self::check(&key)?;
            let url = self
                .bucket
                .get_object(Some(&self.credentials), &key)
                .sign(SIGNED_FOR);
            let response = send(self.http.get(url), "read a file").await?;
            match response.status() {
                StatusCode::NOT_FOUND => Ok(None),
                status if status.is_success() => {
                    let bytes = response
                        .bytes()
                        .await
                        .map_err(|e| failed("read a file", e))?;
                    Ok(Some(bytes.to_vec()))
                }
                status => Err(failed("read a file", status)),
            }
        })
    }

    fn delete(&self, key: &str) -> BoxFuture<'_, StoreResult<()>> {
        let key = key.to_owned();
        Box::pin(async move {
            Self::check(&key)?;
            let url = self
                .bucket
                .delete_object(Some(&self.credentials), &key)
                .sign(SIGNED_FOR);
            let response = send(self.http.delete(url), "delete a file").await?;
            // S3 answers 204 whether or not the object was there.
            match response.status() {
                status if status.is_success() || status == StatusCode::NOT_FOUND => Ok(()),
                status => Err(failed("delete a file", status)),
            }
        })
    }
}
