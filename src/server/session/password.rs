use crate::{error::AppError, validation::Password};
use argon2::{
    password_hash::{
        rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
    },
    Argon2,
};
use std::{sync::OnceLock, time::Duration};
use tokio::sync::Semaphore;

/// Argon2id hashing and checking (the crate's default algorithm and OWASP-level parameters:
/// 19 MiB and a few tens of milliseconds each). Slow on purpose, so each runs on the blocking
/// pool, and only `slots` at a time: a burst of logins can take neither all the memory nor
/// every blocking thread (media files are read on that pool too). A request that waits longer
/// than `queue_wait` for a slot is answered `Busy` (503) instead of queueing without bound.
pub struct PasswordHasher {
    slots: Semaphore,
    queue_wait: Duration,
}

impl PasswordHasher {
    pub fn new(slots: usize, queue_wait: Duration) -> Self {
        Self {
            slots: Semaphore::new(slots.max(1)),
            queue_wait,
        }
    }

    /// A failure is logged here and is `Internal` to the caller.
    pub async fn hash(&self, password: &Password) -> Result<String, AppError> {
        let password = password.expose().to_owned();
        let hashed = self
            .run(move || {
                let salt = SaltString::generate(&mut OsRng);
                Argon2::default()
                    .hash_password(password.as_bytes(), &salt)
                    .map(|hash| hash.to_string())
            })
            .await?;
        hashed.map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is no such
    /// user, so that "unknown user" and "wrong password" take the same time.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        self.run(move || {
            let known = stored.is_some();
            let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return false;
            };
            let matches = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            known && matches
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let Ok(Ok(_slot)) = tokio::time::timeout(self.queue_wait, self.slots.acquire()).await
        else {
            tracing::warn!("every password check slot stayed busy; shedding a request");
            return Err(AppError::Busy);
        };
        tokio::task::spawn_blocking(job).await.map_err(|error| {
            tracing::error!(%error, "a password check panicked");
            AppError::Internal
        })
    }
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no user has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasher() -> PasswordHasher {
        PasswordHasher::new(2, Duration::from_secs(5))
    }

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let hasher = hasher();
        let hash = hasher
            .hash(&Password::parse("correct horse").unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher
            .verify("correct horse".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!hasher
            .verify("wrong horse".into(), Some(hash))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        let verified = hasher()
            .verify("no user has this password".into(), None)
            .await
            .unwrap();
        assert!(!verified);
    }

    #[tokio::test]
    async fn a_check_that_cannot_get_a_slot_in_time_is_refused_as_busy() {
        let hasher = PasswordHasher::new(1, Duration::from_millis(10));
        let _taken = hasher.slots.acquire().await.unwrap();
        let answer = hasher.verify("x".into(), None).await;
        assert_eq!(answer, Err(AppError::Busy));
    }
}
