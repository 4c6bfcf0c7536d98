//! Accounts: sign up, log in, log out, reset a forgotten password.

pub mod api;
mod forgot_password_page;
mod form_error;
mod form_field;
mod login_page;
mod logout_button;
pub mod reset_api;
mod reset_password_page;
mod signed_in;
mod signup_page;

pub use forgot_password_page::ForgotPasswordPage;
pub use form_error::FormError;
pub use form_field::FormField;
pub use login_page::LoginPage;
pub use logout_button::LogoutButton;
pub use reset_password_page::ResetPasswordPage;
pub use signed_in::signed_in_or_login;
pub use signup_page::SignupPage;
