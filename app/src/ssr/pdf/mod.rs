//! What Pamong's PDFs with an embedded font share (certificates, the cohort report): the font,
//! the glyphs a document uses and the font objects written for them ([`font`]).

pub mod font;

/// `data` compressed for a `FlateDecode` stream.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}
