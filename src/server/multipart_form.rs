//! Multipart uploads (server functions with `MultipartFormData` input): a guard in front of
//! their endpoints, and the reader that takes their fields.
//!
//! server_fn reads these bodies itself, past axum's body limit, so every bound is set here:
//! the guard refuses a request without a boundary (400; the framework would panic on it) or
//! whose declared length is over the endpoint's limit (413), and caps the bytes it will let
//! through; the reader keeps at most `MAX_FIELDS` fields, one file and short text fields,
//! refusing more (413) as soon as it sees it, so nothing is ever held whole in memory.

use crate::{
    error::AppError,
    server::{chat_images, pictures},
};
use axum::{
    body::Body,
    extract::Request,
    http::{header, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::codec::MultipartData;
use std::collections::HashMap;

/// Fields one form may have (the image form has four).
const MAX_FIELDS: usize = 8;
/// Longest text field (a 4,000-character caption is at most 16 KB of UTF-8).
const MAX_TEXT_FIELD: usize = 32 * 1024;
/// What a body may hold beside its file: the text fields and the parts' headers.
const FORM_OVERHEAD: usize = MAX_FIELDS * (MAX_TEXT_FIELD + 1024);

/// The multipart endpoints and the largest file each takes.
const UPLOAD_ENDPOINTS: [(&str, usize); 2] = [
    ("/api/account/picture", pictures::MAX_UPLOAD_BYTES),
    ("/api/chat/image", chat_images::MAX_UPLOAD_BYTES),
];

/// Middleware in front of every route; acts on the upload endpoints only.
pub async fn guard_uploads(request: Request, next: Next) -> Response {
    let Some(max_file) = UPLOAD_ENDPOINTS
        .iter()
        .find(|(path, _)| request.method() == Method::POST && request.uri().path() == *path)
        .map(|(_, max)| *max)
    else {
        return next.run(request).await;
    };
    let max_body = max_file + FORM_OVERHEAD;
    let headers = request.headers();
    let has_boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(is_multipart_with_boundary);
    if !has_boundary {
        return AppError::bad_request("expected multipart/form-data with a boundary")
            .into_response();
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max_body) {
        return too_large_body(max_file).into_response();
    }
    // A body sent without a length (chunked) is cut off at the same size.
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, max_body));
    next.run(Request::from_parts(parts, limited)).await
}

fn is_multipart_with_boundary(content_type: &str) -> bool {
    let mut params = content_type.split(';');
    let is_form = params
        .next()
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("multipart/form-data"));
    is_form
        && params.any(|param| {
            param.trim().split_once('=').is_some_and(|(name, value)| {
                name.trim().eq_ignore_ascii_case("boundary")
                    && !value.trim().trim_matches('"').is_empty()
            })
        })
}

fn too_large_body(max_file: usize) -> AppError {
    AppError::TooLarge {
        message: format!(
            "That upload is too large: files can be at most {} MB.",
            max_file / (1024 * 1024)
        ),
    }
}

pub struct UploadForm {
    pub fields: HashMap<String, String>,
    pub file: Option<Vec<u8>>,
}

impl UploadForm {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

fn malformed(error: impl std::fmt::Display) -> AppError {
    AppError::bad_request(error.to_string())
}

/// Reads every field; `file_field` may hold up to `max_file` bytes, else `too_large`. A refused
/// form is read to its end (the guard caps how much that can be) without keeping any of it,
/// so the browser, still sending, gets the answer instead of a reset connection.
pub async fn read(
    data: MultipartData,
    file_field: &str,
    max_file: usize,
    too_large: fn() -> AppError,
) -> Result<UploadForm, AppError> {
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::bad_request("expected a multipart form"))?;
    let read = async {
        let mut upload = UploadForm {
            fields: HashMap::new(),
            file: None,
        };
        let mut seen = 0;
        while let Some(mut field) = form.next_field().await.map_err(malformed)? {
            seen += 1;
            if seen > MAX_FIELDS {
                return Err(AppError::TooLarge {
                    message: format!("That form has too many fields (at most {MAX_FIELDS})."),
                });
            }
            let name = field.name().unwrap_or_default().to_owned();
            let is_file = name == file_field;
            if is_file && upload.file.is_some() {
                return Err(AppError::bad_request(format!(
                    "only one file may be sent in `{name}`"
                )));
            }
            let limit = if is_file { max_file } else { MAX_TEXT_FIELD };
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(malformed)? {
                if bytes.len() + chunk.len() > limit {
                    return Err(if is_file {
                        too_large()
                    } else {
                        AppError::TooLarge {
                            message: format!(
                                "The field `{name}` is too long (at most {} KB).",
                                MAX_TEXT_FIELD / 1024
                            ),
                        }
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            if is_file {
                upload.file = Some(bytes);
            } else {
                let text = String::from_utf8(bytes).map_err(|_| {
                    AppError::bad_request(format!("the field `{name}` is not text"))
                })?;
                upload.fields.insert(name, text);
            }
        }
        Ok(upload)
    }
    .await;
    if read.is_err() {
        while let Ok(Some(mut field)) = form.next_field().await {
            while let Ok(Some(_)) = field.chunk().await {}
        }
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_type_needs_a_boundary() {
        assert!(is_multipart_with_boundary(
            "multipart/form-data; boundary=----abc"
        ));
        assert!(is_multipart_with_boundary(
            "Multipart/Form-Data; charset=utf-8; Boundary=\"x\""
        ));
        assert!(!is_multipart_with_boundary("multipart/form-data"));
        assert!(!is_multipart_with_boundary(
            "multipart/form-data; boundary="
        ));
        assert!(!is_multipart_with_boundary("text/plain; boundary=x"));
    }
}
