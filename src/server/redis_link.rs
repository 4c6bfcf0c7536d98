//! One connection to the Redis that several nodes share, for the parts that ask it questions
//! (rate limits, presence). A failure is logged and the part carries on without Redis for
//! `RETRY_AFTER`, rather than every request waiting on a Redis that is down.

use redis::{aio::MultiplexedConnection, AsyncConnectionConfig, Client, RedisError, Script};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

const REDIS_TIMEOUT: Duration = Duration::from_secs(1);
/// After a failure, Redis is not tried again for this long.
const RETRY_AFTER: Duration = Duration::from_secs(1);

pub struct RedisLink {
    client: Client,
    /// What the link is for, in log lines ("rate limits").
    purpose: &'static str,
    state: Mutex<LinkState>,
}

#[derive(Default)]
struct LinkState {
    connection: Option<MultiplexedConnection>,
    failed_at: Option<Instant>,
}

impl RedisLink {
    pub fn new(client: Client, purpose: &'static str) -> Self {
        Self {
            client,
            purpose,
            state: Mutex::new(LinkState::default()),
        }
    }

    /// A connection, unless Redis failed less than `RETRY_AFTER` ago.
    async fn connection(&self) -> Option<MultiplexedConnection> {
        let mut state = self.state.lock().await;
        if state.connection.is_none()
            && state.failed_at.is_none_or(|at| at.elapsed() >= RETRY_AFTER)
        {
            let config = AsyncConnectionConfig::new()
                .set_connection_timeout(Some(REDIS_TIMEOUT))
                .set_response_timeout(Some(REDIS_TIMEOUT));
            match self
                .client
                .get_multiplexed_async_connection_with_config(&config)
                .await
            {
                Ok(connection) => state.connection = Some(connection),
                Err(error) => {
                    tracing::warn!(%error, purpose = self.purpose, "cannot reach Redis");
                    state.failed_at = Some(Instant::now());
                }
            }
        }
        state.connection.clone()
    }

    async fn forget_connection(&self, error: RedisError) {
        tracing::warn!(%error, purpose = self.purpose, "Redis failed a request");
        let mut state = self.state.lock().await;
        state.connection = None;
        state.failed_at = Some(Instant::now());
    }

    /// Runs `script` with `keys` and `args`; `None` when Redis did not answer.
    pub async fn run<T: redis::FromRedisValue>(
        &self,
        script: &Script,
        keys: &[String],
        args: &[String],
    ) -> Option<T> {
        let mut connection = self.connection().await?;
        let mut invocation = script.prepare_invoke();
        for key in keys {
            invocation.key(key);
        }
        for arg in args {
            invocation.arg(arg);
        }
        match invocation.invoke_async::<T>(&mut connection).await {
            Ok(answer) => Some(answer),
            Err(error) => {
                self.forget_connection(error).await;
                None
            }
        }
    }
}
