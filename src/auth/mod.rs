//! Accounts: sign up, log in, log out.

pub mod api;
mod form_error;
mod form_field;
mod login_page;
mod logout_button;
mod signed_in;
mod signup_page;

pub use form_error::FormError;
pub use form_field::FormField;
pub use login_page::LoginPage;
pub use logout_button::LogoutButton;
pub use signed_in::signed_in_or_login;
pub use signup_page::SignupPage;
