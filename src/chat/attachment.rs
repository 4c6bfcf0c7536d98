//! An image chosen for sending (from the "Attach image" picker, a paste or a drop), held until
//! it is sent or cancelled. The file itself exists only in the browser.

use leptos::prelude::*;

/// The formats the server accepts. Naming them (rather than `image/*`) also makes an iPhone
/// hand over its HEIC photos as JPEG, and it still offers the camera and the photo library.
pub const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp,image/gif";
#[cfg(feature = "hydrate")]
pub const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

#[derive(Clone)]
pub struct Attachment {
    /// A `blob:` address of the file, for the preview.
    pub preview_url: String,
    /// Chosen once per attachment, so sending it again after a failure cannot store it twice.
    #[cfg(feature = "hydrate")]
    pub client_id: String,
    #[cfg(feature = "hydrate")]
    pub file: send_wrapper::SendWrapper<web_sys::File>,
}

/// The conversation's chosen image, shared by the composer (picker, preview, send) and the
/// pane around it (paste, drop).
#[derive(Clone, Copy)]
pub struct AttachmentSlot {
    pub current: RwSignal<Option<Attachment>>,
    pub error: RwSignal<Option<String>>,
}

impl AttachmentSlot {
    pub fn new() -> Self {
        Self {
            current: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Drops the chosen image and frees its preview.
    pub fn clear(&self) {
        if let Some(_old) = self.current.get_untracked() {
            #[cfg(feature = "hydrate")]
            let _ = web_sys::Url::revoke_object_url(&_old.preview_url);
        }
        self.current.set(None);
    }

    /// Takes the first image among `files` (a picker's, a paste's or a drop's).
    #[cfg(feature = "hydrate")]
    pub fn choose_from(&self, files: Option<web_sys::FileList>) -> bool {
        let Some(files) = files else { return false };
        let Some(file) = (0..files.length())
            .filter_map(|i| files.get(i))
            .find(|f| f.type_().starts_with("image/"))
        else {
            return false;
        };
        if file.size() > MAX_BYTES {
            self.error.set(Some(
                "That file is too big: an image can be at most 20 MB.".into(),
            ));
            return true;
        }
        let Ok(preview_url) = web_sys::Url::create_object_url_with_blob(&file) else {
            return false;
        };
        self.clear();
        self.error.set(None);
        self.current.set(Some(Attachment {
            preview_url,
            client_id: crate::validation::ClientId::random().as_str().to_owned(),
            file: send_wrapper::SendWrapper::new(file),
        }));
        true
    }
}

impl Default for AttachmentSlot {
    fn default() -> Self {
        Self::new()
    }
}
