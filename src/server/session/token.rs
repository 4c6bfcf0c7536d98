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
    pub iat: u64,
    pub exp: u64,
}

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
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = unix_now();
        let claims = Claims {
            sub: user_id.to_string(),
            ver: token_version,
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
        let token = keys("a").issue(7, 3).unwrap();
        let claims = keys("a").verify(&token).unwrap();
        assert_eq!((claims.sub.as_str(), claims.ver), ("7", 3));
        assert!(keys("b").verify(&token).is_none());
        assert!(keys("a").verify("not.a.token").is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let k = keys("a");
        let claims = Claims {
            sub: "7".into(),
            ver: 0,
            iat: 1,
            exp: 2,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &k.encoding).unwrap();
        assert!(k.verify(&token).is_none());
    }
}
