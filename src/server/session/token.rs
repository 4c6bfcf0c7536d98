use crate::server::config::Secret;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The user's token version when the token was issued.
    pub ver: i32,
    /// The session row's `token_id`: without that row the token is signed out.
    pub sid: String,
    pub iat: u64,
    pub exp: u64,
}

/// A known-device token: this browser has logged into the account named `known` before. Its
/// fields differ from `Claims`, so neither kind of token can pass for the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct DeviceClaims {
    known: String,
    exp: u64,
}

/// How long a browser counts as known after its last successful login.
pub const KNOWN_DEVICE_TTL: Duration = Duration::from_secs(365 * 24 * 3600);

pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl: Duration,
}

impl SessionKeys {
    pub fn new(secret: &Secret, ttl: Duration) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            ttl,
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    pub fn issue(
        &self,
        user_id: i64,
        token_version: i32,
        session_token_id: &str,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = unix_now();
        let claims = Claims {
            sub: user_id.to_string(),
            ver: token_version,
            sid: session_token_id.to_owned(),
            iat: now,
            exp: now + self.ttl.as_secs(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The claims of a token that is well-formed, correctly signed and not expired.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        decode::<Claims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}

impl SessionKeys {
    pub fn issue_device(&self, account: &str) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = DeviceClaims {
            known: account.to_owned(),
            exp: unix_now() + KNOWN_DEVICE_TTL.as_secs(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The account a valid known-device token names.
    pub fn verify_device(&self, token: &str) -> Option<String> {
        let validation = Validation::new(Algorithm::HS256);
        decode::<DeviceClaims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims.known)
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> SessionKeys {
        SessionKeys::new(&Secret::new(secret.repeat(40)), Duration::from_secs(60))
    }

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let token = keys("a").issue(7, 3, "s1").unwrap();
        let claims = keys("a").verify(&token).unwrap();
        assert_eq!(
            (claims.sub.as_str(), claims.ver, claims.sid.as_str()),
            ("7", 3, "s1")
        );
        assert!(keys("b").verify(&token).is_none());
        assert!(keys("a").verify("not.a.token").is_none());
    }

    #[test]
    fn a_device_token_and_a_session_token_cannot_pass_for_each_other() {
        let k = keys("a");
        let device = k.issue_device("ann").unwrap();
        assert_eq!(k.verify_device(&device).as_deref(), Some("ann"));
        assert!(k.verify(&device).is_none());
        assert!(k.verify_device(&k.issue(7, 0, "s1").unwrap()).is_none());
        assert!(keys("b").verify_device(&device).is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let k = keys("a");
        let claims = Claims {
            sub: "7".into(),
            ver: 0,
            sid: "s1".into(),
            iat: 1,
            exp: 2,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &k.encoding).unwrap();
        assert!(k.verify(&token).is_none());
    }
}
