//! The certificate as PDF: one A4 landscape page with every fact of [`CertificateFacts`], the
//! institution's logo and a QR code (vector rectangles) that opens the public check page.
//!
//! The objects, cross-reference table and CID font dictionaries are pdf-writer's; the font is
//! DejaVu Sans (shipped in `app/assets/fonts`, free to redistribute), embedded as a subset
//! (`ssr::pdf::font`, shared with the cohort report), with a ToUnicode map so that the text can
//! be searched and copied. Nothing in the file depends on the time or on chance (no
//! `/ID`, no creation date, glyphs numbered in the order the page first uses them), so the same
//! facts always give the same bytes.

use crate::model::certificates::CertificateFacts;
use crate::ssr::pdf::deflate;
use crate::ssr::pdf::font::{Glyphs, DEJAVU_SANS as FONT};
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

/// A4 landscape in points.
const WIDTH: f32 = 841.89;
const HEIGHT: f32 = 595.28;
/// The inner frame's margin.
const MARGIN: f32 = 36.0;

const FONT_NAME: Name = Name(b"F1");
const LOGO_NAME: Name = Name(b"Im1");

/// The institution's logo as stored: a baseline RGB JPEG and its size in pixels.
#[derive(Clone, Debug)]
pub struct Logo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The texts printed around the facts (labels), in the certificate's language (Indonesian).
struct Labels;

impl Labels {
    const TITLE: &'static str = "SERTIFIKAT";
    const NUMBER: &'static str = "Nomor";
    const GIVEN_TO: &'static str = "diberikan kepada";
    const ATTENDED: &'static str = "telah mengikuti";
    const NIP: &'static str = "NIP";
    const BIRTH: &'static str = "Tempat, tanggal lahir";
    const RANK: &'static str = "Pangkat/golongan";
    const POSITION: &'static str = "Jabatan";
    const UNIT: &'static str = "Unit kerja";
    const CHECK: &'static str = "Periksa keaslian sertifikat ini:";
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `2027-01-11` as `11 Januari 2027` (the text itself when it is not such a date).
pub fn long_date(iso: &str) -> String {
    let mut parts = iso.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// The period of a training: `11 Januari – 19 Februari 2027`, or one date.
pub fn period(starts_on: &str, ends_on: &str) -> String {
    if starts_on == ends_on {
        return long_date(starts_on);
    }
    let (start, end) = (long_date(starts_on), long_date(ends_on));
    match (starts_on.get(..4), ends_on.get(..4)) {
        (Some(a), Some(b)) if a == b => {
            let short = start.trim_end_matches(a).trim_end();
            format!("{short} \u{2013} {end}")
        }
        _ => format!("{start} \u{2013} {end}"),
    }
}

/// Text drawing on the page's content stream.
struct Page<'f> {
    content: Content,
    glyphs: Glyphs<'f>,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
}

impl Page<'_> {
    /// Draws `text` at baseline `y`, aligned at `x`; bold is the outline stroked as well.
    fn text(&mut self, text: &str, x: f32, y: f32, size: f32, bold: bool, align: Align) {
        if text.is_empty() {
            return;
        }
        let width = self.glyphs.width(text, size) + if bold { size * 0.03 } else { 0.0 };
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
        };
        let encoded = self.glyphs.encode(text);
        self.content.begin_text().set_font(FONT_NAME, size);
        if bold {
            self.content
                .set_text_rendering_mode(TextRenderingMode::FillStroke)
                .set_line_width(size * 0.03);
        } else {
            self.content
                .set_text_rendering_mode(TextRenderingMode::Fill);
        }
        self.content
            .next_line(left, y)
            .show(Str(&encoded))
            .end_text();
    }

    /// `text` cut into lines no wider than `width` at `size`, at spaces.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        self.glyphs.wrap(text, size, width)
    }

    /// The largest size up to `size` at which `text` fits in `width` on one line (not below
    /// `min`).
    fn fitting(&self, text: &str, size: f32, min: f32, width: f32) -> f32 {
        let natural = self.glyphs.width(text, size);
        if natural <= width {
            size
        } else {
            (size * width / natural).max(min)
        }
    }
}

/// A horizontal run of dark modules: row, first column, length.
type Run = (usize, usize, usize);

/// The QR code of `url` as dark runs and its width in modules.
fn qr_runs(url: &str) -> Option<(Vec<Run>, usize)> {
    let code =
        qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if colors[row * width + col] == qrcode::Color::Dark {
                let start = col;
                while col < width && colors[row * width + col] == qrcode::Color::Dark {
                    col += 1;
                }
                runs.push((row, start, col - start));
            } else {
                col += 1;
            }
        }
    }
    Some((runs, width))
}

/// The certificate of `facts`, whose QR code opens `check_url`.
pub fn render(facts: &CertificateFacts, logo: Option<&Logo>, check_url: &str) -> Vec<u8> {
    render_with(FONT, facts, logo, check_url).unwrap_or_default()
}

fn render_with(
    font: &[u8],
    facts: &CertificateFacts,
    logo: Option<&Logo>,
    check_url: &str,
) -> Option<Vec<u8>> {
    let glyphs = Glyphs::new(font)?;
    let mut page = Page {
        content: Content::new(),
        glyphs,
    };
    let center = WIDTH / 2.0;
    let inner = WIDTH - 2.0 * MARGIN - 40.0;

    // Frame: a thick and a thin border in dark teal.
    page.content
        .set_stroke_rgb(0.05, 0.33, 0.36)
        .set_line_width(3.0)
        .rect(
            MARGIN - 14.0,
            MARGIN - 14.0,
            WIDTH - 2.0 * (MARGIN - 14.0),
            HEIGHT - 2.0 * (MARGIN - 14.0),
        )
        .stroke()
        .set_line_width(0.8)
        .rect(
            MARGIN - 8.0,
            MARGIN - 8.0,
            WIDTH - 2.0 * (MARGIN - 8.0),
            HEIGHT - 2.0 * (MARGIN - 8.0),
        )
        .stroke();

    let mut y = HEIGHT - MARGIN - 4.0;
    // Logo, at most 58 pt high, centred at the top.
    if let Some(logo) = logo.filter(|l| l.width > 0 && l.height > 0) {
        let h = 58.0f32;
        let w = (h * logo.width as f32 / logo.height as f32).min(160.0);
        let h = w * logo.height as f32 / logo.width as f32;
        page.content
            .save_state()
            .transform([w, 0.0, 0.0, h, center - w / 2.0, y - h])
            .x_object(LOGO_NAME)
            .restore_state();
        y -= h + 18.0;
    } else {
        y -= 14.0;
    }

    page.content
        .set_fill_rgb(0.05, 0.2, 0.22)
        .set_stroke_rgb(0.05, 0.2, 0.22);
    let size = page.fitting(&facts.institution_name.to_uppercase(), 15.0, 9.0, inner);
    page.text(
        &facts.institution_name.to_uppercase(),
        center,
        y,
        size,
        true,
        Align::Center,
    );
    y -= 46.0;
    page.content.set_char_spacing(6.0);
    let title_width = page.glyphs.width(Labels::TITLE, 34.0) + 6.0 * 9.0;
    page.text(
        Labels::TITLE,
        center - title_width / 2.0,
        y,
        34.0,
        true,
        Align::Left,
    );
    page.content.set_char_spacing(0.0);
    y -= 22.0;
    let number = if facts.version > 1 {
        format!(
            "{}: {} (versi {})",
            Labels::NUMBER,
            facts.number,
            facts.version
        )
    } else {
        format!("{}: {}", Labels::NUMBER, facts.number)
    };
    page.content.set_fill_gray(0.0).set_stroke_gray(0.0);
    page.text(&number, center, y, 11.0, false, Align::Center);
    y -= 30.0;
    page.text(Labels::GIVEN_TO, center, y, 11.0, false, Align::Center);
    y -= 28.0;
    let size = page.fitting(&facts.participant_name, 22.0, 12.0, inner);
    page.text(
        &facts.participant_name,
        center,
        y,
        size,
        true,
        Align::Center,
    );
    y -= 22.0;

    // The participant's identity, as label : value rows in a centred block.
    let birth = match (&facts.birth_place, &facts.birth_date) {
        (Some(p), Some(d)) => Some(format!("{p}, {}", long_date(d))),
        (Some(p), None) => Some(p.clone()),
        (None, Some(d)) => Some(long_date(d)),
        (None, None) => None,
    };
    let rows: Vec<(&str, String)> = [
        (
            Labels::NIP,
            facts
                .nip
                .as_deref()
                .map(|n| crate::model::nip::Nip::parse(n).map_or(n.to_string(), |n| n.formatted())),
        ),
        (Labels::BIRTH, birth),
        (Labels::RANK, facts.rank.clone()),
        (Labels::POSITION, facts.position.clone()),
        (Labels::UNIT, facts.participant_institution.clone()),
    ]
    .into_iter()
    .map(|(label, value)| (label, value.unwrap_or_else(|| "\u{2013}".to_string())))
    .collect();
    let label_x = center - 190.0;
    let value_x = center - 40.0;
    for (label, value) in &rows {
        page.text(label, label_x, y, 10.0, false, Align::Left);
        page.text(":", value_x - 8.0, y, 10.0, false, Align::Left);
        let size = page.fitting(value, 10.0, 7.0, 300.0);
        page.text(value, value_x, y, size, false, Align::Left);
        y -= 15.0;
    }
    y -= 14.0;
    page.text(Labels::ATTENDED, center, y, 11.0, false, Align::Center);
    y -= 24.0;
    let title_size = 17.0;
    let title_lines = page.wrap(&facts.training_title, title_size, inner);
    for line in title_lines.iter().take(2) {
        page.text(line, center, y, title_size, true, Align::Center);
        y -= 20.0;
    }
    let sentence = format!(
        "{} yang diselenggarakan oleh {} pada {} di {}, sejumlah {} JP (jam pelajaran), dengan hasil {}.",
        facts.cohort_name,
        facts.institution_name,
        period(&facts.starts_on, &facts.ends_on),
        facts.place,
        facts.jp,
        facts.result,
    );
    for line in page.wrap(&sentence, 11.0, 560.0).iter().take(4) {
        page.text(line, center, y, 11.0, false, Align::Center);
        y -= 15.0;
    }

    // The signatory, bottom right.
    let sign_x = WIDTH - MARGIN - 150.0;
    let mut sy = MARGIN + 112.0;
    page.text(
        &format!("{}, {}", facts.signing_city, long_date(&facts.issued_on)),
        sign_x,
        sy,
        10.0,
        false,
        Align::Center,
    );
    sy -= 14.0;
    for line in page
        .wrap(&facts.signatory_title, 10.0, 280.0)
        .iter()
        .take(2)
    {
        page.text(line, sign_x, sy, 10.0, false, Align::Center);
        sy -= 13.0;
    }
    let name_y = MARGIN + 26.0;
    let name_size = page.fitting(&facts.signatory_name, 11.0, 8.0, 280.0);
    page.text(
        &facts.signatory_name,
        sign_x,
        name_y,
        name_size,
        true,
        Align::Center,
    );
    let name_width = page.glyphs.width(&facts.signatory_name, name_size);
    page.content
        .set_line_width(0.6)
        .move_to(sign_x - name_width / 2.0, name_y - 3.0)
        .line_to(sign_x + name_width / 2.0, name_y - 3.0)
        .stroke();
    if let Some(nip) = &facts.signatory_nip {
        let shown = crate::model::nip::Nip::parse(nip).map_or(nip.clone(), |n| n.formatted());
        page.text(
            &format!("NIP. {shown}"),
            sign_x,
            name_y - 14.0,
            9.5,
            false,
            Align::Center,
        );
    }

    // The QR code, bottom left, and the check address beside it.
    let qr_size = 86.0f32;
    let qr_x = MARGIN + 6.0;
    let qr_y = MARGIN - 2.0;
    if let Some((runs, modules)) = qr_runs(check_url) {
        let cell = qr_size / modules as f32;
        page.content.set_fill_gray(0.0);
        for (row, col, len) in runs {
            let x = qr_x + col as f32 * cell;
            let top = qr_y + qr_size - row as f32 * cell;
            page.content.rect(x, top - cell, len as f32 * cell, cell);
        }
        page.content.fill_nonzero();
    }
    let tx = qr_x + qr_size + 10.0;
    page.text(Labels::CHECK, tx, qr_y + 52.0, 8.0, false, Align::Left);
    let url_size = page.fitting(check_url, 8.0, 5.5, 250.0);
    page.text(check_url, tx, qr_y + 40.0, url_size, false, Align::Left);
    page.text(
        &format!("Kode: {}", facts.code),
        tx,
        qr_y + 28.0,
        8.0,
        false,
        Align::Left,
    );

    let Page { content, glyphs } = page;
    let content = content.finish().into_vec();
    write_document(&glyphs, font, &content, logo)
}

/// The PDF objects around the page's content: catalog, page, font (subset) and logo.
fn write_document(
    glyphs: &Glyphs<'_>,
    font: &[u8],
    content: &[u8],
    logo: Option<&Logo>,
) -> Option<Vec<u8>> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let contents = Ref::new(4);
    let type0 = Ref::new(5);
    // The font's objects take 5 to 9.
    let image = Ref::new(10);

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.parent(tree)
        .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .contents(contents);
    let mut resources = page.resources();
    resources.fonts().pair(FONT_NAME, type0);
    if logo.is_some() {
        resources.x_objects().pair(LOGO_NAME, image);
    }
    resources.finish();
    page.finish();
    pdf.stream(contents, &deflate(content))
        .filter(Filter::FlateDecode);

    glyphs.write(&mut pdf, font, type0)?;

    if let Some(logo) = logo {
        let mut xobject = pdf.image_xobject(image, &logo.jpeg);
        xobject.filter(Filter::DctDecode);
        xobject.width(logo.width as i32);
        xobject.height(logo.height as i32);
        xobject.bits_per_component(8);
        xobject.color_space().device_rgb();
    }
    Some(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn facts() -> CertificateFacts {
        CertificateFacts {
            code: "7KD2M9XQ4TZ1BC8R".to_string(),
            number: "00042/BPSDM/LITDIG/2026".to_string(),
            version: 1,
            institution_id: 1,
            institution_name: "BPSDM Provinsi Jawa Tengah".to_string(),
            training_title: "Literasi Digital dalam Pembelajaran".to_string(),
            cohort_name: "Angkatan I".to_string(),
            starts_on: "2027-01-11".to_string(),
            ends_on: "2027-02-19".to_string(),
            place: "Semarang".to_string(),
            participant_name: "Siti Rahayu Ningsih, S.Pd.".to_string(),
            nip: Some("198609262015052001".to_string()),
            birth_place: Some("Klaten".to_string()),
            birth_date: Some("1986-09-26".to_string()),
            rank: Some("Penata Muda Tk I, III/b".to_string()),
            position: Some("Guru Ahli Pertama".to_string()),
            participant_institution: Some("SD Negeri 1 Wedi".to_string()),
            result: "Lulus".to_string(),
            jp: 32,
            signatory_name: "Dr. Bambang Sutrisno, M.Pd.".to_string(),
            signatory_nip: Some("197005121995031002".to_string()),
            signatory_title: "Kepala BPSDM Provinsi Jawa Tengah".to_string(),
            signing_city: "Semarang".to_string(),
            issued_on: "2027-02-20".to_string(),
        }
    }

    const URL: &str = "https://pamong.example.id/sertifikat/7KD2M9XQ4TZ1BC8R";

    #[test]
    fn the_same_facts_give_the_same_bytes() {
        let a = render(&facts(), None, URL);
        let b = render(&facts(), None, URL);
        assert!(a.starts_with(b"%PDF-1.7"));
        assert_eq!(a, b);
        let mut other = facts();
        other.participant_name = "Siti Rahayu".to_string();
        assert_ne!(render(&other, None, URL), a);
    }

    #[test]
    fn a_certificate_is_small_and_embeds_a_subset_font() {
        let pdf = render(&facts(), None, URL);
        assert!(pdf.len() <= 60 * 1024, "{} bytes", pdf.len());
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/FontFile2"));
        assert!(text.contains("/CIDFontType2"));
        assert!(text.contains("/ToUnicode"));
        assert!(!text.contains("/CreationDate"));
        assert!(!text.contains("/ID"));
    }

    #[test]
    fn long_dates_are_indonesian() {
        assert_eq!(long_date("2027-01-11"), "11 Januari 2027");
        assert_eq!(
            period("2027-01-11", "2027-02-19"),
            "11 Januari \u{2013} 19 Februari 2027"
        );
        assert_eq!(
            period("2026-12-28", "2027-01-08"),
            "28 Desember 2026 \u{2013} 8 Januari 2027"
        );
        assert_eq!(long_date("kemarin"), "kemarin");
    }

    #[test]
    fn the_qr_code_is_drawn_in_runs() {
        let (runs, width) = qr_runs(URL).expect("qr");
        assert!(width >= 21);
        assert!(runs
            .iter()
            .all(|&(r, c, l)| r < width && c + l <= width && l > 0));
    }
}
