//! Everything only the server runs: configuration, the database, sessions, the socket hub.

pub mod api_errors;
pub mod chat_images;
pub mod chat_service;
pub mod config;
pub mod db;
pub mod entities;
pub mod images;
pub mod mail;
pub mod media;
pub mod model;
pub mod multipart_form;
pub mod password_reset;
pub mod pictures;
pub mod rate_limit;
pub mod request;
pub mod secret;
pub mod session;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod tokens;
pub mod ws;
