//! Parley: a private instant-messaging web app.
//!
//! Modules shared by the server and the wasm client sit at the top; everything that only
//! the server runs lives under `server` and is compiled with the `ssr` feature alone.

// Leptos view types nest deeply; the hydrate build's async layout needs more than 128 levels.
#![recursion_limit = "256"]

pub mod account;
#[cfg(feature = "hydrate")]
mod after_hydration;
pub mod app;
pub mod appearance;
pub mod auth;
pub mod chat;
pub mod erased_view;
pub mod error;
pub mod hydrated;
pub mod inline_script;
pub mod json;
pub mod lazy_pages;
pub mod main_wasm_retry;
pub mod notifications;
mod page_setting;
pub mod people;
pub mod protocol;
pub mod search;
pub mod stopped_notice;
pub mod taps_before_hydration;
pub mod typed_before_hydration;
#[cfg(feature = "hydrate")]
mod upload;
mod upload_progress;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    main_wasm_retry::mark_hydrating();
    // Once the page's piece of the wasm is in (`lazy_pages`).
    lazy_pages::hydrate_when_loaded();
}
