//! Profile pictures: an upload becomes two square JPEGs (256 and 64 px) under a fresh random
//! key; the user row points at the key; the previous key's files are deleted. The upload's own
//! bytes are dropped as soon as they are decoded.

use crate::{
    error::{AppError, Field},
    protocol::picture_url,
    server::{
        images::{self, ImageError, PICTURE_SIZES},
        model::pictures,
        state::AppState,
        storage, tokens,
    },
};

/// Uploads above this are refused before they are decoded.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The storage key of one rendition; the same shape as its URL path.
fn file_key(key: &str, size: u32) -> String {
    picture_url(key, size)
        .trim_start_matches("/media/")
        .to_owned()
}

/// Random bytes in a picture's key.
const KEY_BYTES: usize = 16;

/// Makes `upload` the user's picture and returns its key. A bad file leaves the old picture.
pub async fn replace(state: &AppState, user_id: i64, upload: Vec<u8>) -> Result<String, AppError> {
    let renditions = images::square_renditions(upload, &PICTURE_SIZES)
        .await
        .map_err(picture_error)?;
    let key = tokens::random_hex(KEY_BYTES);
    let files = PICTURE_SIZES
        .iter()
        .map(|&size| file_key(&key, size))
        .zip(renditions)
        .collect();
    storage::put_all(state.files.as_ref(), files)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not store a picture");
            AppError::Internal
        })?;
    match pictures::swap_key(&state.db, user_id, Some(key.clone())).await {
        Ok(old) => {
            if let Some(old) = old {
                delete_files(state, &old).await;
            }
            Ok(key)
        }
        Err(error) => {
            delete_files(state, &key).await;
            Err(error)
        }
    }
}

/// Back to the initials avatar; the picture's files are deleted.
pub async fn remove(state: &AppState, user_id: i64) -> Result<(), AppError> {
    if let Some(old) = pictures::swap_key(&state.db, user_id, None).await? {
        delete_files(state, &old).await;
    }
    Ok(())
}

/// Deletes every rendition of `key` (nothing points at them any more).
pub async fn delete_files(state: &AppState, key: &str) {
    let keys: Vec<String> = PICTURE_SIZES
        .iter()
        .map(|&size| file_key(key, size))
        .collect();
    storage::delete_all(state.files.as_ref(), &keys).await;
}

/// The rendition's bytes, if `key` and `size` name one that exists.
pub async fn read(state: &AppState, key: &str, size: u32) -> Option<Vec<u8>> {
    if !tokens::is_random_hex(key, KEY_BYTES) || !PICTURE_SIZES.contains(&size) {
        return None;
    }
    match state.files.get(&file_key(key, size)).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "could not read a picture");
            None
        }
    }
}

fn picture_error(error: ImageError) -> AppError {
    AppError::invalid(Field::Picture, error.to_string())
}

pub fn too_large() -> AppError {
    AppError::TooLarge {
        message: "That file is too big: a picture can be at most 10 MB.".into(),
    }
}
