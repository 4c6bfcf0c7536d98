//! Integration tests: the real server on port 0 with its own fresh database, spoken to over
//! HTTP and WebSocket like a browser would. Every scenario runs on SQLite and on MariaDB.

#[macro_use]
mod helpers;

mod account_deletion;
mod account_settings;
mod accounts;
mod chat_history;
mod chat_images;
mod chat_live;
mod deleting;
mod direct_chats;
mod mail_server;
mod pages;
mod password_reset;
mod pictures;
mod query_plans;
mod socket_access;
mod unread;
mod user_search;
