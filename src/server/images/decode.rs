use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// No side may be longer than this (a PNG header can claim 4 billion).
pub const MAX_SIDE: u32 = 16_384;
/// 50 megapixels: a 48 MP phone photo passes, a decompression bomb does not.
pub const MAX_PIXELS: u64 = 50_000_000;
/// What a decoder may allocate; an RGBA image of `MAX_PIXELS` needs 200 MB.
const MAX_ALLOC_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("That file is not a picture Parley can use. Use a JPEG, PNG, WebP or GIF.")]
    NotAnImage,
    #[error("That picture is too large: at most 50 megapixels and 16384 pixels on a side.")]
    TooManyPixels,
    #[error("That picture could not be read; the file may be damaged or incomplete.")]
    Broken,
}

/// Decodes an untrusted upload: the format comes from the bytes (never the name or declared
/// type), the size is checked from the header before any pixel is decoded, and the EXIF
/// orientation is applied so the picture stands the way the camera held it.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    let format = image::guess_format(bytes).map_err(|_| ImageError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err(ImageError::NotAnImage);
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageError::Broken);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels);
    }
    // A missing or unreadable orientation means "as stored", not a broken file.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The JPEG decoder fills a cut-off file with grey instead of failing, so a truncated upload
/// would become a half-grey picture. A complete file has an end-of-image marker after its last
/// start-of-scan (inside scan data a 0xFF byte is always escaped, so neither can appear by
/// chance; an embedded EXIF thumbnail's markers come before the main image's).
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    const START_OF_SCAN: [u8; 2] = [0xFF, 0xDA];
    const END_OF_IMAGE: [u8; 2] = [0xFF, 0xD9];
    let Some(last_scan) = bytes.windows(2).rposition(|w| w == START_OF_SCAN) else {
        return false;
    };
    bytes[last_scan..].windows(2).any(|w| w == END_OF_IMAGE)
}

fn classify(error: image::ImageError) -> ImageError {
    match error {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        image::ImageError::Unsupported(_) => ImageError::NotAnImage,
        _ => ImageError::Broken,
    }
}
