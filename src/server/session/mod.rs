//! Sessions: argon2id password hashes, a signed JWT in an HttpOnly cookie, and the per-user
//! token version that lets the server revoke every session of a user at once.

mod authenticate;
mod cookie;
mod password;
mod token;

pub use authenticate::{authenticate, SessionUser};
pub use cookie::{clearing_cookie, read_session_cookie, session_cookie, COOKIE_NAME};
pub use password::{hash_password, verify_password};
pub use token::{Claims, SessionKeys};
