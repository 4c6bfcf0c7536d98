//! Integration tests: the real server on port 0 with its own fresh database, spoken to over
//! HTTP and WebSocket like a browser would. Every scenario runs on SQLite and on MariaDB.

#[macro_use]
mod helpers;

mod account_deletion;
mod account_settings;
mod accounts;
mod appearance;
mod big_inbox;
mod blocks;
mod catch_up_size;
mod change_log;
mod chat_history;
mod chat_images;
mod chat_live;
mod cluster;
mod cross_site;
mod deleting;
mod direct_chats;
mod floods;
mod fuzz;
mod group_commit;
mod group_signals;
mod groups;
mod local_ports;
mod login_limits;
mod mail_server;
mod message_actions;
mod message_search;
mod mutes;
mod node_faults;
mod node_process;
mod object_store;
mod pages;
mod password_reset;
mod password_work;
mod pictures;
mod presence;
mod presence_nodes;
mod private_data;
mod query_plans;
mod read_receipts;
mod reconnect_storm;
mod removal_race;
mod replies;
mod robots;
mod security_headers;
mod sessions;
mod several_nodes;
mod slow_clients;
mod slow_reader;
mod socket_access;
mod typing;
mod unread;
mod upload_limits;
mod user_search;
