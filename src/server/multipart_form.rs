//! Reading a multipart upload (a server function with `MultipartFormData` input): small text
//! fields, plus one file field read in chunks and refused as soon as it passes its limit, so
//! an oversized upload is never held whole in memory.

use crate::error::AppError;
use leptos::server_fn::codec::MultipartData;
use std::collections::HashMap;

/// Text fields longer than this are refused (captions are at most 4,000 characters).
const MAX_TEXT_FIELD: usize = 64 * 1024;

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

/// Reads every field; `file_field` may hold up to `max_file` bytes, else `too_large`.
pub async fn read(
    data: MultipartData,
    file_field: &str,
    max_file: usize,
    too_large: fn() -> AppError,
) -> Result<UploadForm, AppError> {
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::bad_request("expected a multipart form"))?;
    let mut upload = UploadForm {
        fields: HashMap::new(),
        file: None,
    };
    while let Some(mut field) = form.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or_default().to_owned();
        let limit = if name == file_field {
            max_file
        } else {
            MAX_TEXT_FIELD
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            if bytes.len() + chunk.len() > limit {
                return Err(if name == file_field {
                    too_large()
                } else {
                    AppError::bad_request(format!("the field `{name}` is too long"))
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == file_field {
            upload.file = Some(bytes);
        } else {
            let text = String::from_utf8(bytes)
                .map_err(|_| AppError::bad_request(format!("the field `{name}` is not text")))?;
            upload.fields.insert(name, text);
        }
    }
    Ok(upload)
}
