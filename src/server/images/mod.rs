//! The picture pipeline: untrusted bytes in, small re-encoded JPEGs out. Profile pictures and
//! images in chat both go through it, with different sizes.
//!
//! Decoding is CPU- and memory-heavy, so it runs on the blocking pool, and at most
//! `DECODE_SLOTS` at a time: ten people uploading 48-megapixel photos at once must not exhaust
//! memory.

mod decode;
mod encode;

pub use decode::ImageError;
pub use encode::Rendition;

use decode::decode;
use encode::{fit_jpeg, square_jpeg};

use image::DynamicImage;
use tokio::sync::Semaphore;

const DECODE_SLOTS: usize = 2;
static DECODING: Semaphore = Semaphore::const_new(DECODE_SLOTS);

/// The square renditions of a profile picture, largest first.
pub const PICTURE_SIZES: [u32; 2] = [256, 64];
/// The longest side of a chat image's display version and of its thumbnail.
pub const DISPLAY_MAX_SIDE: u32 = 1600;
pub const THUMB_MAX_SIDE: u32 = 400;

/// Decodes `bytes` and re-encodes one square JPEG per size in `sizes`.
pub async fn square_renditions(
    bytes: Vec<u8>,
    sizes: &'static [u32],
) -> Result<Vec<Vec<u8>>, ImageError> {
    off_thread(bytes, move |image| {
        sizes.iter().map(|&size| square_jpeg(image, size)).collect()
    })
    .await
}

/// A chat image: the display version and the thumbnail, aspect ratio kept.
pub async fn chat_renditions(bytes: Vec<u8>) -> Result<(Rendition, Rendition), ImageError> {
    off_thread(bytes, |image| {
        Ok((
            fit_jpeg(image, DISPLAY_MAX_SIDE)?,
            fit_jpeg(image, THUMB_MAX_SIDE)?,
        ))
    })
    .await
}

/// Decodes on the blocking pool (within the decode slots) and runs `encode` there too. The
/// upload's bytes are dropped as soon as they are decoded.
async fn off_thread<T: Send + 'static>(
    bytes: Vec<u8>,
    encode: impl FnOnce(&DynamicImage) -> Result<T, ImageError> + Send + 'static,
) -> Result<T, ImageError> {
    let _slot = DECODING.acquire().await.map_err(|_| ImageError::Broken)?;
    tokio::task::spawn_blocking(move || {
        let image = decode(&bytes)?;
        drop(bytes);
        encode(&image)
    })
    .await
    .map_err(|_| ImageError::Broken)?
}

#[cfg(test)]
mod tests;
