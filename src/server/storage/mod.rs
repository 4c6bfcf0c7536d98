//! Where picture files live. Everything goes through `BlobStore`: a folder on this machine by
//! default, or an S3-compatible object store that several server nodes share (`PARLEY_S3_*`).

mod local_folder;
mod object_store;

pub use local_folder::LocalFolder;
pub use object_store::{ObjectStore, ObjectStoreSettings};

use futures_util::future::BoxFuture;

pub type StoreResult<T> = Result<T, std::io::Error>;

/// Immutable blobs under flat keys made of `[a-z0-9-/.]` (callers build them from random ids).
pub trait BlobStore: Send + Sync {
    /// Writes the whole blob, replacing nothing: a reader never sees half a file.
    fn put(&self, key: &str, bytes: Vec<u8>) -> BoxFuture<'_, StoreResult<()>>;
    /// `Ok(None)` when there is no such blob.
    fn get(&self, key: &str) -> BoxFuture<'_, StoreResult<Option<Vec<u8>>>>;
    /// Deleting a blob that is not there is not an error.
    fn delete(&self, key: &str) -> BoxFuture<'_, StoreResult<()>>;
}

/// Stores every `(key, bytes)`; if one fails, removes the ones already written (a picture or
/// image is all its files or none).
pub async fn put_all(store: &dyn BlobStore, files: Vec<(String, Vec<u8>)>) -> StoreResult<()> {
    let keys: Vec<String> = files.iter().map(|(key, _)| key.clone()).collect();
    for (key, bytes) in files {
        if let Err(error) = store.put(&key, bytes).await {
            delete_all(store, &keys).await;
            return Err(error);
        }
    }
    Ok(())
}

/// Deletes every key. Failures are logged, not returned: callers delete files nothing points
/// at any more, so a leftover is unreachable, and the rest should still go.
pub async fn delete_all(store: &dyn BlobStore, keys: &[String]) {
    for key in keys {
        if let Err(error) = store.delete(key).await {
            tracing::error!(%error, key, "could not delete a stored file");
        }
    }
}

/// True for keys a store accepts: no `..`, no absolute paths, nothing a file system treats
/// specially.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && !key.starts_with('/')
        && !key.contains("..")
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-/.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_valid_key;

    #[test]
    fn keys_cannot_leave_the_store() {
        assert!(is_valid_key("pictures/0a1b/256.jpg"));
        assert!(!is_valid_key("../secret"));
        assert!(!is_valid_key("/etc/passwd"));
        assert!(!is_valid_key("pictures\\x"));
        assert!(!is_valid_key("Pictures/x"));
        assert!(!is_valid_key(""));
    }
}
