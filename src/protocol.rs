//! The WebSocket protocol at `/ws`, shared by the server, the wasm client, the tests and the
//! benchmark. Frames are JSON text, tagged by `type`. `docs/protocol.md` explains the rules.

mod frames;
mod groups;
mod server_frame;
mod views;

pub use frames::*;
pub use groups::*;
pub use views::*;

/// Where the socket is, on the app's own host.
pub const SOCKET_PATH: &str = "/ws";
/// The room every account is a member of; created by the first migration.
pub const GLOBAL_CONVERSATION_ID: i64 = 1;
/// Messages in one history page, newest first on the server, shown oldest first.
pub const HISTORY_PAGE_SIZE: u64 = 50;
/// At most this many missed messages come back in one `CaughtUp` frame…
pub const CATCH_UP_LIMIT: u64 = 200;
/// …and no more than this many bytes of them as JSON (at least one message, whatever its
/// size), so every page fits in a socket frame however long its messages are. The largest
/// possible message (4,000 four-byte characters, a long name, an image) is under 20 KB.
pub const CATCH_UP_BYTES: usize = 128 * 1024;
/// Clients ping this often; the server drops a socket that stays silent for three intervals.
pub const PING_INTERVAL_SECS: u64 = 25;
/// While someone goes on typing, their tab says so again this often…
pub const TYPING_REFRESH_MS: i64 = 3_000;
/// …and readers forget it after this long without news (a closed tab says nothing).
pub const TYPING_EXPIRES_MS: i64 = 6_000;
