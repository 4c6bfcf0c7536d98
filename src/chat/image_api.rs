//! Sending an image: a server function with multipart input, so the browser sends the file as
//! it is and can show upload progress (see `crate::upload`).

use crate::{error::AppError, protocol::MessageView};
use leptos::{
    prelude::*,
    server_fn::codec::{MultipartData, MultipartFormData},
};

/// Where `send_image` answers, for the browser's progress-reporting upload.
pub const SEND_IMAGE_URL: &str = "/api/chat/image";
/// The form field that carries the file; the others are `conversation_id`, `client_id`,
/// `caption` and (for a reply) `reply_to_seq`, and must come before it.
pub const IMAGE_FIELD: &str = "image";

/// Sends an image (JPEG, PNG, WebP or GIF, at most 20 MB) with an optional caption to a
/// conversation the user is in. Stored, acknowledged and delivered like a text message; the
/// client id makes a resend safe.
#[server(prefix = "/api", endpoint = "chat/image", input = MultipartFormData)]
pub async fn send_image(data: MultipartData) -> Result<MessageView, AppError> {
    use crate::server::{chat_images, limits, multipart_form, request};
    let (state, user) = request::require_user().await?;
    limits::per_user(&state, |r| &r.uploads_per_user, user.id).await?;
    let form = multipart_form::read(
        data,
        IMAGE_FIELD,
        chat_images::MAX_UPLOAD_BYTES,
        chat_images::too_large,
    )
    .await?;
    let conversation_id: i64 = form
        .field("conversation_id")
        .parse()
        .map_err(|_| AppError::bad_request("conversation_id must be a number"))?;
    let client_id = form.field("client_id").to_owned();
    let caption = form.field("caption").to_owned();
    let reply_to_seq = match form.field("reply_to_seq") {
        "" => None,
        seq => Some(
            seq.parse()
                .map_err(|_| AppError::bad_request("reply_to_seq must be a number"))?,
        ),
    };
    let image = form
        .file
        .ok_or_else(|| AppError::bad_request("no file in the `image` field"))?;
    let sent = chat_images::Sent {
        conversation_id,
        client_id: &client_id,
        caption: &caption,
        reply_to_seq,
    };
    chat_images::send(&state, &user, sent, image).await
}
