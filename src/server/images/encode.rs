use super::ImageError;
use image::{
    codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageEncoder, RgbImage,
};

const JPEG_QUALITY: u8 = 85;

/// A re-encoded JPEG and its size in pixels.
pub struct Rendition {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The centre square of `image`, scaled to `size` px, as a JPEG with no metadata at all (the
/// encoder writes only pixels; nothing from the upload is carried over).
pub fn square_jpeg(image: &DynamicImage, size: u32) -> Result<Vec<u8>, ImageError> {
    let square = image.resize_to_fill(size, size, FilterType::CatmullRom);
    jpeg(&square)
}

/// `image` scaled down (never up) to at most `max_side` on its longest side, as a JPEG with no
/// metadata.
pub fn fit_jpeg(image: &DynamicImage, max_side: u32) -> Result<Rendition, ImageError> {
    let fitted = if image.width() > max_side || image.height() > max_side {
        image.resize(max_side, max_side, FilterType::CatmullRom)
    } else {
        image.clone()
    };
    Ok(Rendition {
        jpeg: jpeg(&fitted)?,
        width: fitted.width(),
        height: fitted.height(),
    })
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let pixels = on_white(image);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .write_image(
            pixels.as_raw(),
            pixels.width(),
            pixels.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|_| ImageError::Broken)?;
    Ok(out)
}

/// JPEG has no transparency: see-through parts become white rather than black.
fn on_white(image: &DynamicImage) -> RgbImage {
    let rgba = image.to_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(px[3]);
        for c in 0..3 {
            let blended = (u16::from(px[c]) * alpha + 255 * (255 - alpha)) / 255;
            out[c] = blended as u8;
        }
    }
    rgb
}
