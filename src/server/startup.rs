//! Builds the whole server from `Settings`; `main` and the integration tests both use it.

use crate::{
    app::{shell, App},
    error::AppError,
    server::{
        api_errors, cache_policy,
        config::{ConfigError, Settings},
        data_dir, db, error_pages,
        fanout::{FanOut, LocalFanOut, RedisFanOut},
        limits::{InMemoryLimits, LimitStore, RedisLimits},
        mail::{MailError, Mailer},
        media, multipart_form, origin, page_deadline, page_policy,
        presence::{NodeOnly, Presence, RedisPresence, SharedPresence},
        secret,
        send_queue::SendQueue,
        serve,
        session::{PasswordHasher, SessionKeys},
        state::AppState,
        static_files,
        storage::{BlobStore, LocalFolder, ObjectStore},
        wasm_pieces::WasmPieces,
        ws::{self, Registry},
    },
};
use axum::{
    middleware::{from_fn, from_fn_with_state, map_response},
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot read or create the session secret: {0}")]
    Secret(std::io::Error),
    #[error("cannot make the data folder private: {0}")]
    DataDir(std::io::Error),
    #[error("cannot set up mail: {0}")]
    Mail(#[from] MailError),
    #[error("cannot use the object store: {0}")]
    ObjectStore(String),
    #[error("PARLEY_REDIS_URL is invalid: {0}")]
    Redis(redis::RedisError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        settings.check_nodes_share_state()?;
        data_dir::make_private(&settings.data_dir).map_err(StartupError::DataDir)?;
        let db = db::connect_and_migrate(&settings.database_url).await?;
        let secret = match &settings.jwt_secret {
            Some(secret) => secret.clone(),
            None => secret::load_or_create(&settings.data_dir).map_err(StartupError::Secret)?,
        };
        let addr = settings.site_addr();
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Bind { addr, source })?;
        let sockets = Arc::new(Registry::new(settings.socket_queue_frames));
        let shared = shared_parts(&settings, &sockets).await?;
        let (fanout, limits) = (shared.fanout, shared.limits);
        let presence = Presence::start(
            db.clone(),
            fanout.clone(),
            shared.presence,
            settings.presence_grace,
        );
        let state = AppState {
            sends: SendQueue::start(db.clone(), fanout.clone(), presence.clone()),
            db,
            sockets,
            fanout,
            keys: Arc::new(SessionKeys::new(&secret, settings.session_ttl)),
            files: blob_store(&settings)?,
            mailer: Arc::new(Mailer::from_settings(&settings)?),
            limits,
            presence,
            hasher: Arc::new(PasswordHasher::new(
                settings.password_slots,
                settings.password_queue_wait,
            )),
            wasm_pieces: Arc::new(WasmPieces::read(&settings.leptos_options)),
            settings: Arc::new(settings),
        };
        Ok(Self {
            router: router(state.clone()),
            listener,
            state,
        })
    }

    /// The bound address; with port 0 in the settings, the port the OS picked.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub async fn run_until_stopped(self) {
        let addr = self.local_addr();
        tracing::info!(
            address = %format!("http://{addr}"),
            database = %db::describe(&self.state.settings.database_url),
            "Parley is listening"
        );
        let header_timeout = self.state.settings.header_read_timeout;
        serve::serve(self.listener, self.router, header_timeout, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    }
}

/// Media in the object store when one is configured, else in the data folder.
fn blob_store(settings: &Settings) -> Result<Arc<dyn BlobStore>, StartupError> {
    match &settings.object_store {
        Some(object_store) => Ok(Arc::new(
            ObjectStore::new(object_store).map_err(StartupError::ObjectStore)?,
        )),
        None => {
            if settings.redis_url.is_some() {
                tracing::warn!(
                    "several nodes and media in this node's folder: set PARLEY_S3_* or share \
                     the folder between nodes, or files uploaded elsewhere will be missing here"
                );
            }
            Ok(Arc::new(LocalFolder::new(settings.data_dir.join("media"))))
        }
    }
}

/// What several nodes must share: how frames reach sockets, the rate-limit counts, and who
/// is online.
struct SharedParts {
    fanout: Arc<dyn FanOut>,
    limits: Arc<dyn LimitStore>,
    presence: Arc<dyn SharedPresence>,
}

/// One node keeps these in memory; several nodes share them in Redis.
async fn shared_parts(
    settings: &Settings,
    sockets: &Arc<Registry>,
) -> Result<SharedParts, StartupError> {
    let Some(url) = &settings.redis_url else {
        return Ok(SharedParts {
            fanout: Arc::new(LocalFanOut::new(sockets.clone())),
            limits: Arc::new(InMemoryLimits::default()),
            presence: Arc::new(NodeOnly),
        });
    };
    let client = redis::Client::open(url.expose()).map_err(StartupError::Redis)?;
    tracing::info!("several nodes: fan-out, rate limits and presence through Redis");
    let namespace = &settings.redis_namespace;
    Ok(SharedParts {
        fanout: Arc::new(RedisFanOut::start(client.clone(), namespace, sockets.clone()).await),
        limits: Arc::new(RedisLimits::new(client.clone(), namespace)),
        presence: Arc::new(RedisPresence::new(client, namespace)),
    })
}

/// The app's routes, worked out once per process. Working them out renders the app with every
/// resource's loading suppressed by a flag global to the process, and a resource that another
/// server in the process (the tests run many, and restart nodes) first polls meanwhile never
/// loads: its page waited forever (leptos-rs/leptos#4773; one page in several hundred in the
/// concurrent-loads test). Later calls return the first one's list without rendering.
pub(crate) fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState) -> Router {
    let leptos_options = state.settings.leptos_options.clone();
    let routes = route_list();
    let context_state = state.clone();
    let settings = &state.settings;
    let https = settings.cookie_secure
        || settings
            .public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"));
    // The pages and the server functions (Leptos registers both), with a deadline on pages;
    // the socket, media and the build's files are outside it.
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell));
    let pages = page_deadline::within(pages, settings.page_deadline);
    let mut router = static_files::serve(Router::new(), &settings.leptos_options)
        .route(crate::protocol::SOCKET_PATH, get(ws::upgrade))
        .route("/media/pictures/{key}/{file}", get(media::picture))
        .route("/media/images/{key}/{file}", get(media::chat_image))
        .merge(pages)
        // After every route: it applies to the routes the router holds when it is called.
        .method_not_allowed_fallback(api_errors::method_not_allowed)
        .layer(map_response(api_errors::set_error_status))
        .layer(from_fn(multipart_form::guard_uploads))
        .layer(from_fn_with_state(state.clone(), origin::refuse_cross_site))
        // A panic while handling a request is a bug (the panic hook logs it); answered as
        // `Internal`, it reaches the browser as an error, where it used to end the connection's
        // task and leave the page waiting forever.
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal.into_response()
        }))
        // Outside the panic catcher, so that a panic's answer is shown as a page too, and
        // outermost the cache policy, so that every answer has one, refusals included.
        .layer(from_fn(error_pages::show_errors_as_pages))
        .layer(from_fn(cache_policy::set_cache_control));
    for layer in page_policy::every_response(https) {
        router = router.layer(layer);
    }
    router.with_state(state)
}
