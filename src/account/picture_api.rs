//! Profile picture server functions. The upload takes multipart input so the browser can send
//! the file as it is (and report progress); see `picture_upload` for the client side.

use crate::{error::AppError, protocol::UserView};
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

/// The form field that carries the file.
pub const PICTURE_FIELD: &str = "picture";
/// Where `upload_picture` answers, for the browser's progress-reporting upload.
pub const UPLOAD_PICTURE_URL: &str = "/api/account/picture";

/// Replaces the signed-in user's picture with the uploaded file (JPEG, PNG, WebP or GIF, at
/// most 10 MB) and returns the user with the new picture.
#[server(prefix = "/api", endpoint = "account/picture", input = MultipartFormData)]
pub async fn upload_picture(data: MultipartData) -> Result<UserView, AppError> {
    use crate::server::{limits, multipart_form, pictures, request};
    // Who is asking is settled before a byte of the file is read.
    let (state, user) = request::require_user().await?;
    limits::per_user(&state, |r| &r.uploads_per_user, user.id).await?;
    let form = multipart_form::read(
        data,
        PICTURE_FIELD,
        pictures::MAX_UPLOAD_BYTES,
        pictures::too_large,
    )
    .await?;
    let upload = form
        .file
        .ok_or_else(|| AppError::bad_request("no file in the `picture` field"))?;
    let key = pictures::replace(&state, user.id, upload).await?;
    tracing::info!(user_id = user.id, "profile picture changed");
    Ok(UserView {
        picture: Some(key),
        ..user.view()
    })
}

/// Back to the initials avatar.
#[server(prefix = "/api", endpoint = "account/picture/remove")]
pub async fn remove_picture() -> Result<UserView, AppError> {
    use crate::server::{pictures, request};
    let (state, user) = request::require_user().await?;
    pictures::remove(&state, user.id).await?;
    Ok(UserView {
        picture: None,
        ..user.view()
    })
}
