//! Unit pictures made light for phones: decoded under limits (a small file that claims huge
//! dimensions is refused before it is unpacked), turned upright by its EXIF orientation, resized
//! so that its longest side is at most [`MAX_SIDE`] pixels, and recompressed as JPEG at
//! [`QUALITY`]. A 4 MB phone photo comes out well under 300 kB. The work runs on Tokio's
//! blocking pool, off the threads that serve requests.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The longest side of a resized picture, in pixels.
pub const MAX_SIDE: u32 = 1280;
/// JPEG quality of a resized picture.
pub const QUALITY: u8 = 72;
/// Widest and tallest picture decoded (a 48-megapixel phone is 8,000 × 6,000).
const MAX_DIMENSION: u32 = 10_000;
/// Memory the decoder may take (a 10,000 × 10,000 RGBA picture is 400 MB: refused).
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// A picture made light: resized and recompressed as JPEG, or the original itself when it is
/// already small enough and lighter than its JPEG (a small diagram as PNG often is).
#[derive(Clone, Debug)]
pub struct Small {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Why bytes did not become a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotPicture {
    /// Not a JPEG, PNG or WebP picture, or a broken one.
    Unreadable,
    /// Larger than the decoding limits.
    TooLarge,
}

impl NotPicture {
    /// The message key shown next to the picture field.
    pub fn key(self) -> &'static str {
        match self {
            NotPicture::Unreadable => "materials.not_a_picture",
            NotPicture::TooLarge => "materials.picture_too_large",
        }
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn classify(err: &image::ImageError) -> NotPicture {
    match err {
        image::ImageError::Limits(_) => NotPicture::TooLarge,
        _ => NotPicture::Unreadable,
    }
}

/// `bytes` as a resized JPEG (blocking: call through [`shrink`]).
pub fn shrink_now(bytes: &[u8]) -> Result<Small, NotPicture> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| NotPicture::Unreadable)?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP)
    ) {
        return Err(NotPicture::Unreadable);
    }
    let format = reader.format();
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| classify(&e))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| classify(&e))?;
    let upright = orientation == image::metadata::Orientation::NoTransforms;
    picture.apply_orientation(orientation);
    let fits = picture.width().max(picture.height()) <= MAX_SIDE;
    if !fits {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let rgb = flatten(picture);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .encode_image(&rgb)
        .map_err(|_| NotPicture::Unreadable)?;
    let original_mime = match format {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::WebP) => "image/webp",
        _ => "image/jpeg",
    };
    if fits && upright && bytes.len() <= jpeg.len() {
        return Ok(Small {
            bytes: bytes.to_vec(),
            mime: original_mime,
            width: rgb.width(),
            height: rgb.height(),
        });
    }
    Ok(Small {
        width: rgb.width(),
        height: rgb.height(),
        bytes: jpeg,
        mime: "image/jpeg",
    })
}

/// The picture on a white background (JPEG has no transparency; dropping it would turn clear
/// parts black).
fn flatten(picture: DynamicImage) -> image::RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = px.0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        *out = image::Rgb([blend(r), blend(g), blend(b)]);
    }
    rgb
}

/// `bytes` as a resized JPEG, computed on the blocking pool.
pub async fn shrink(bytes: Vec<u8>) -> Result<Small, NotPicture> {
    tokio::task::spawn_blocking(move || shrink_now(&bytes))
        .await
        .unwrap_or(Err(NotPicture::Unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                90,
                if x < 10 { 0 } else { 255 },
            ])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(picture)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn large_pictures_shrink_to_the_longest_side_and_small_ones_keep_their_size() {
        let small = shrink_now(&png(2000, 1000)).expect("shrinks");
        assert_eq!((small.width, small.height), (1280, 640));
        assert_eq!(&small.bytes[..2], b"\xff\xd8");
        assert_eq!(small.mime, "image/jpeg");
        let same = shrink_now(&png(300, 200)).expect("kept");
        assert_eq!((same.width, same.height), (300, 200));
        assert!(same.bytes.len() <= png(300, 200).len());
    }

    #[test]
    fn text_and_lying_headers_are_not_pictures() {
        assert_eq!(
            shrink_now(b"bukan gambar").map(|_| ()),
            Err(NotPicture::Unreadable)
        );
        // A PNG header that claims 100,000 × 100,000 pixels.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(shrink_now(&bomb).is_err());
    }
}
