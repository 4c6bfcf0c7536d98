use super::{is_valid_key, BlobStore, StoreResult};
use futures_util::future::BoxFuture;
use std::{
    io::{Error, ErrorKind},
    path::PathBuf,
};

/// Blobs as files under one folder (by default `media/` in the data directory).
pub struct LocalFolder {
    root: PathBuf,
}

impl LocalFolder {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path(&self, key: &str) -> StoreResult<PathBuf> {
        if !is_valid_key(key) {
            return Err(Error::new(ErrorKind::InvalidInput, "invalid storage key"));
        }
        Ok(self.root.join(key))
    }
}

impl BlobStore for LocalFolder {
    fn put(&self, key: &str, bytes: Vec<u8>) -> BoxFuture<'_, StoreResult<()>> {
        let path = self.path(key);
        Box::pin(async move {
            let path = path?;
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            // Written beside, then renamed: a reader sees the old file or the whole new one.
            let temporary = path.with_extension("partial");
            tokio::fs::write(&temporary, bytes).await?;
            tokio::fs::rename(&temporary, &path).await
        })
    }

    fn get(&self, key: &str) -> BoxFuture<'_, StoreResult<Option<Vec<u8>>>> {
        let path = self.path(key);
        Box::pin(async move {
            match tokio::fs::read(path?).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    fn delete(&self, key: &str) -> BoxFuture<'_, StoreResult<()>> {
        let path = self.path(key);
        let root = self.root.clone();
        Box::pin(async move {
            let path = path?;
            match tokio::fs::remove_file(&path).await {
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            // Folders left empty go too (removing a non-empty one fails, harmlessly), so a
            // deleted picture leaves no trace of its key behind.
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|d| *d != root) {
                if tokio::fs::remove_dir(dir).await.is_err() {
                    break;
                }
                folder = dir.parent();
            }
            Ok(())
        })
    }
}
