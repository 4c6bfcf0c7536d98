//! Sessions: argon2id password hashes, a signed JWT in an HttpOnly cookie naming a session row
//! (deleting the row ends that login), and the per-user token version that ends every session
//! of a user at once.

mod authenticate;
mod cookie;
mod password;
mod start;
mod token;

pub use authenticate::{authenticate, SessionUser};
pub use cookie::{
    clearing_cookie, device_cookie, read_cookie, read_session_cookie, session_cookie, COOKIE_NAME,
    DEVICE_COOKIE_NAME,
};
pub use password::PasswordHasher;
pub use start::{cookie_for, start};
pub use token::{Claims, SessionKeys, KNOWN_DEVICE_TTL};
