use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

/// The id a client gives each message it sends, so a resend is recognised and stored once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClientId(String);

impl ClientId {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let ok_len = (8..=64).contains(&raw.len());
        let ok_chars = raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok_len && ok_chars {
            Ok(Self(raw.to_owned()))
        } else {
            Err(AppError::invalid(
                Field::ClientId,
                "A message id must be 8 to 64 of a-z, A-Z, 0-9, - and _.",
            ))
        }
    }

    /// A fresh random id: 128 bits as hex.
    pub fn random() -> Self {
        let mut bytes = [0u8; 16];
        fill_random(&mut bytes);
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "hydrate")]
fn fill_random(bytes: &mut [u8]) {
    // getRandomValues works on plain http too, unlike crypto.randomUUID.
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    let filled = crypto.is_some_and(|c| c.get_random_values_with_u8_array(bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
}

#[cfg(not(feature = "hydrate"))]
fn fill_random(bytes: &mut [u8]) {
    use std::hash::{BuildHasher, RandomState};
    // Server-rendered forms only need ids that do not collide; RandomState is seeded per process.
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let n = RandomState::new().hash_one((i, std::time::SystemTime::now()));
        chunk.copy_from_slice(&n.to_le_bytes()[..chunk.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_valid_and_distinct() {
        let a = ClientId::random();
        let b = ClientId::random();
        assert!(ClientId::parse(a.as_str()).is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert!(ClientId::parse("short").is_err());
        assert!(ClientId::parse(&"x".repeat(65)).is_err());
        assert!(ClientId::parse("has space in it").is_err());
    }
}
