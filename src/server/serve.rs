//! The HTTP server loop. `axum::serve` gives hyper no timer, and without one hyper has no
//! header-read deadline: a client could open connections and send a byte of headers a minute,
//! holding them forever. This is axum's loop with a timer and a deadline, which hyper applies to
//! every wait for a request's headers, so it also ends keep-alive connections idle that long.
//! (An upgraded WebSocket is the socket code's: it closes after 75 s of silence.)

use axum::{body::Body, extract::ConnectInfo, http::Request, Router};
use hyper::{body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::{future::Future, pin::pin, time::Duration};
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Serves `router` until `shutdown` completes; then stops accepting. Connections still open
/// (sockets above all) end with the process. `header_timeout`: how long a client has to send a
/// request's headers, and so how long a keep-alive connection may sit idle.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let mut shutdown = pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let (stream, client) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                // Out of file descriptors, say: wait a moment rather than spin.
                tracing::warn!(%error, "could not accept a connection");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Chat frames are small: send each at once instead of waiting to fill a packet.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = service_fn(move |mut request: Request<Incoming>| {
            // What `into_make_service_with_connect_info` would add: the client's address.
            request.extensions_mut().insert(ConnectInfo(client));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "a connection ended with an error");
            }
        });
    }
}
