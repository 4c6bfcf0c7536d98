//! The chat: the conversation list, one open conversation, and the socket that keeps both live.

pub mod actions;
pub mod api;
mod attachment;
mod avatar;
mod block_controls;
mod blocked_section;
pub mod blocking;
mod clock;
pub(crate) mod composer;
mod conversation_item;
mod conversation_list;
mod conversation_page;
mod conversation_view;
pub mod early_socket;
mod edit_form;
pub mod group_api;
mod group_event;
mod group_info_page;
mod group_readers;
pub mod image_api;
pub mod inbox;
mod inbox_reloads;
// Only the browser keeps drafts; the tests read its key and format.
#[cfg(any(feature = "hydrate", test))]
pub(crate) mod kept_drafts;
#[cfg(feature = "hydrate")]
mod kept_for_reload;
pub(crate) mod kept_outbox;
mod lightbox;
mod link_status;
mod linkify;
mod menu_keys;
mod message_actions;
mod message_groups;
mod message_image;
mod message_item;
mod message_list;
mod message_menu;
mod mute_button;
mod new_group_page;
pub mod pending;
mod people_picker;
mod popup_dismissal;
mod popup_placement;
mod presence;
mod receipt;
mod scroll_anchor;
mod shell;
mod socket;
#[cfg(feature = "hydrate")]
mod socket_driver;
mod store;
mod tab_title;
#[cfg(test)]
mod test_views;
pub mod time_zone_cookie;
pub mod timeline;
mod typing;

pub use avatar::Avatar;
pub use blocked_section::BlockedSection;
pub use clock::{provide_local_clock, TimeLabel};
pub use conversation_page::{ConversationPage, NoConversationOpen};
pub use edit_form::EditForm;
pub use group_event::event_text;
pub use group_info_page::GroupInfoPage;
pub use lightbox::Lightbox;
pub use message_actions::MessageHandlers;
pub use message_menu::{MessageMenu, OpenMenu};
pub use new_group_page::NewGroupPage;
pub use shell::ChatShell;
pub use store::{use_chat_store, ChatStore};
