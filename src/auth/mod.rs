//! Accounts: sign up, log in, log out.

pub mod api;
mod field_error;
mod login_page;
mod logout_button;
mod signup_page;

pub use field_error::{FieldError, FormError};
pub use login_page::LoginPage;
pub use logout_button::LogoutButton;
pub use signup_page::SignupPage;
