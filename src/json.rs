//! JSON read one way in the browser.
//!
//! serde compiles each type's deserializer once per kind of input: server functions' answers
//! are read from bytes (`serde_json::from_slice`), while Leptos's resources and `&str` callers
//! read from text (`from_str`), which made two copies of every reader in the wasm (57 KB and
//! 56 KB of it, measured with `twiggy` on 2026-12-01). Everything the client reads goes through
//! [`from_text`] (bytes under the hood) and resources use [`JsonCodec`], so one copy remains.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Parses `text` through the same reader server functions use.
pub fn from_text<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_slice(text.as_bytes())
}

/// A field that a flat record's `type` or `kind` needs (`protocol/server_frame.rs`,
/// `error/record.rs`), or the error serde would give for it.
pub fn required<T>(value: Option<T>, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}`"))
}

/// Resources' codec: JSON, read through [`from_text`].
pub struct JsonCodec;

impl<T: Serialize> Encoder<T> for JsonCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonCodec {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        from_text(text)
    }
}

/// `Resource::new` with [`JsonCodec`].
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, JsonCodec>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// `Resource::new_blocking` with [`JsonCodec`]: the response waits for it.
#[track_caller]
pub fn blocking_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, JsonCodec>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_codec_writes_it_reads_back() {
        let value = vec![(1i64, "Ann".to_string()), (2, "Bø".to_string())];
        let text = <JsonCodec as Encoder<_>>::encode(&value).unwrap();
        let back: Vec<(i64, String)> = <JsonCodec as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn text_that_is_not_json_is_an_error_not_a_panic() {
        assert!(from_text::<Vec<i64>>("[1, 2").is_err());
    }
}
