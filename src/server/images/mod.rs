//! The picture pipeline: untrusted bytes in, small re-encoded JPEGs out. Profile pictures use
//! it now; images in chat will use the same steps with other sizes.
//!
//! Decoding is CPU- and memory-heavy, so it runs on the blocking pool, and at most
//! `DECODE_SLOTS` at a time: ten people uploading 48-megapixel photos at once must not exhaust
//! memory.

mod decode;
mod encode;

pub use decode::{decode, ImageError, MAX_PIXELS, MAX_SIDE};
pub use encode::square_jpeg;

use tokio::sync::Semaphore;

const DECODE_SLOTS: usize = 2;
static DECODING: Semaphore = Semaphore::const_new(DECODE_SLOTS);

/// The square renditions of a profile picture, largest first.
pub const PICTURE_SIZES: [u32; 2] = [256, 64];

/// Decodes `bytes` and re-encodes one square JPEG per size in `sizes`, off the async threads.
pub async fn square_renditions(
    bytes: Vec<u8>,
    sizes: &'static [u32],
) -> Result<Vec<Vec<u8>>, ImageError> {
    let _slot = DECODING.acquire().await.map_err(|_| ImageError::Broken)?;
    tokio::task::spawn_blocking(move || {
        let image = decode(&bytes)?;
        drop(bytes);
        sizes
            .iter()
            .map(|&size| square_jpeg(&image, size))
            .collect()
    })
    .await
    .map_err(|_| ImageError::Broken)?
}

#[cfg(test)]
mod tests;
