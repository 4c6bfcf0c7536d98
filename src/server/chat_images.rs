//! Images in chat: an upload becomes a display version (at most 1600 px) and a thumbnail (at
//! most 400 px) under a fresh random key; a message points at the key. The files are served
//! only to members of the message's conversation, and deleted with the message.

use crate::{
    error::{AppError, Field},
    protocol::{ImageView, MessageView},
    server::{
        chat_service,
        images::{self, ImageError},
        model::{conversations, messages, messages::Content},
        session::SessionUser,
        state::AppState,
        storage, tokens,
    },
    validation::{ClientId, MessageBody},
};

/// Uploads above this are refused before they are decoded.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// The two files of an image.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Display,
    Thumb,
}

impl Version {
    const ALL: [Version; 2] = [Version::Display, Version::Thumb];

    /// From the last part of the URL (`display.jpg`, `thumb.jpg`).
    pub fn from_file_name(name: &str) -> Option<Self> {
        match name {
            "display.jpg" => Some(Self::Display),
            "thumb.jpg" => Some(Self::Thumb),
            _ => None,
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Self::Display => "display.jpg",
            Self::Thumb => "thumb.jpg",
        }
    }
}

fn file_key(key: &str, version: Version) -> String {
    format!("images/{key}/{}", version.file_name())
}

/// Random bytes in an image's key: unguessable, which is one of the two locks on it (the
/// membership check on every request is the other).
const KEY_BYTES: usize = 16;

/// What came with an image: where it goes, its client id, its caption, and the message it
/// answers if it is a reply.
pub struct Sent<'a> {
    pub conversation_id: i64,
    pub client_id: &'a str,
    pub caption: &'a str,
    pub reply_to_seq: Option<i64>,
}

/// Validates and re-encodes the upload, stores its files and sends the message. A resend with
/// a client id already used returns the first message and keeps no new files. Outsiders are
/// refused before anything is decoded or stored.
pub async fn send(
    state: &AppState,
    sender: &SessionUser,
    sent: Sent<'_>,
    upload: Vec<u8>,
) -> Result<MessageView, AppError> {
    let Sent {
        conversation_id,
        client_id,
        caption,
        reply_to_seq,
    } = sent;
    let client_id = ClientId::parse(client_id)?;
    let body = MessageBody::caption(caption)?;
    // Checked before the (expensive) decoding; `deliver` checks again when storing.
    conversations::audience_for_sender(&state.db, conversation_id, sender.id).await?;
    let (display, thumb) = images::chat_renditions(upload).await.map_err(image_error)?;
    let image = ImageView {
        key: tokens::random_hex(KEY_BYTES),
        width: display.width,
        height: display.height,
        thumb_width: thumb.width,
        thumb_height: thumb.height,
    };
    let files = vec![
        (file_key(&image.key, Version::Display), display.jpeg),
        (file_key(&image.key, Version::Thumb), thumb.jpeg),
    ];
    storage::put_all(state.files.as_ref(), files)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not store an image");
            AppError::Internal
        })?;
    let key = image.key.clone();
    let content = Content {
        body,
        image: Some(image),
        reply_to_seq,
    };
    // Every connection of the sender is told too: the uploading tab gets the same message
    // as its answer and keeps one copy (by seq).
    match chat_service::deliver(state, sender, conversation_id, &client_id, content, None).await {
        Ok((message, fresh)) => {
            if !fresh {
                delete_files(state, &key).await;
            }
            Ok(message)
        }
        Err(error) => {
            delete_files(state, &key).await;
            Err(error)
        }
    }
}

/// Deletes both files of an image (no message points at them any more).
pub async fn delete_files(state: &AppState, key: &str) {
    let keys: Vec<String> = Version::ALL.map(|version| file_key(key, version)).to_vec();
    storage::delete_all(state.files.as_ref(), &keys).await;
}

/// The file, if `viewer` is a member of the conversation the image was sent in (and it was sent
/// after they joined, in a group) and the message is not deleted. Everything else (not a
/// member, no such image) is `None`, which the route answers with 404, so an outsider cannot
/// even tell that the image exists. (Someone signed out is turned away by the route first.)
pub async fn read(
    state: &AppState,
    viewer: &SessionUser,
    key: &str,
    version: Version,
) -> Result<Option<Vec<u8>>, AppError> {
    if !tokens::is_random_hex(key, KEY_BYTES) {
        return Ok(None);
    }
    let Some(message) = messages::find_by_image_key(&state.db, key).await? else {
        return Ok(None);
    };
    let member = conversations::membership(&state.db, message.conversation_id, viewer.id).await?;
    if message.deleted
        || member.is_none_or(|m| message.seq <= m.visible_from_seq)
        || message.withheld_from == Some(viewer.id)
    {
        return Ok(None);
    }
    state
        .files
        .get(&file_key(key, version))
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read an image");
            AppError::Internal
        })
}

fn image_error(error: ImageError) -> AppError {
    AppError::invalid(Field::Image, error.to_string())
}

pub fn too_large() -> AppError {
    AppError::TooLarge {
        message: "That file is too big: an image can be at most 20 MB.".into(),
    }
}
