//! The evidence portfolio: one ZIP per teacher for the promotion dossier, with an index page,
//! each certificate (PDF and signed credential), the final revision of each work product, rubric
//! scores and an attendance summary. Everything is read first; the ZIP is written while it is sent.

use super::zip_stream::{self, Archive};
use crate::model::record::DevelopmentRecord;
use crate::ssr::csv::{self, Cell};
use crate::ssr::db::Db;
use crate::ssr::mail::template::escape;
use crate::ssr::storage::{Area, Storage};
use std::io;

/// A certificate's files.
pub struct CertificateFiles {
    pub number: String,
    pub program_title: String,
    /// The stored PDF, if it was made (and is still in storage).
    pub pdf: Option<Vec<u8>>,
    /// The signed credential, once made.
    pub credential: Option<String>,
}

/// The final revision of one work product.
pub struct WorkProduct {
    pub id: i64,
    pub program_title: String,
    pub title: String,
    pub status: String,
    pub revision: i64,
    pub body_html: String,
    /// The latest rubric score: (points, out of, rubric, note).
    pub score: Option<(i64, i64, String, String)>,
}

/// One attended (or missed) session.
pub struct AttendanceLine {
    pub program_title: String,
    pub session_title: String,
    pub date: String,
    pub status: Option<String>,
    pub jp: i64,
}

/// Everything a portfolio holds, read from the database.
pub struct Portfolio {
    pub record: DevelopmentRecord,
    pub certificates: Vec<CertificateFiles>,
    pub products: Vec<WorkProduct>,
    pub attendance: Vec<AttendanceLine>,
}

/// A file name made of letters, digits and dashes (certificate numbers carry slashes).
pub fn safe_name(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() {
        "berkas".to_string()
    } else {
        name.chars().take(80).collect()
    }
}

type ProductRow = (i64, String, String, String, i64, String);

/// Reads `user`'s portfolio, certificate PDFs from `storage` included (a teacher has a few).
pub async fn read(
    db: &Db,
    user: i64,
    now: i64,
    storage: &Storage,
) -> Result<Portfolio, sqlx::Error> {
    let record = super::read::development_record(db, user, now).await?;
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "select c.number, p.title, c.pdf_stored_name, c.credential from certificate c \
         join cohort k on k.id = c.cohort_id join program p on p.id = k.program_id \
         where c.user_id = $1 and c.status = 'valid' order by c.issued_at, c.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut certificates = Vec::with_capacity(rows.len());
    for (number, program_title, stored, credential) in rows {
        let pdf = match stored {
            Some(name) => match storage.read(Area::Certificates, &name).await {
                Ok(bytes) => Some(bytes),
                Err(err) => {
                    tracing::warn!(%err, %name, "portfolio: certificate PDF missing");
                    None
                }
            },
            None => None,
        };
        certificates.push(CertificateFiles {
            number,
            program_title,
            pdf,
            credential,
        });
    }
    let rows: Vec<ProductRow> = sqlx::query_as(
        "select w.id, p.title, r.title, w.status, r.number, r.body_html from work_post w \
         join board b on b.id = w.board_id join cohort k on k.id = b.cohort_id \
         join program p on p.id = k.program_id \
         join post_revision r on r.post_id = w.id and r.number = w.revision \
         where w.author_id = $1 and w.status <> 'announcement' order by w.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut products = Vec::with_capacity(rows.len());
    for (id, program_title, title, status, revision, body_html) in rows {
        let score: Option<(i64, i64, String, String)> = sqlx::query_as(
            "select s.total_points, s.max_points, r.title, s.note from post_score s \
             join rubric r on r.id = s.rubric_id where s.post_id = $1 order by s.id desc limit 1",
        )
        .bind(id)
        .fetch_optional(db)
        .await?;
        products.push(WorkProduct {
            id,
            program_title,
            title,
            status,
            revision,
            body_html,
            score,
        });
    }
    let rows: Vec<(String, String, i64, Option<String>, i64)> = sqlx::query_as(
        "select p.title, s.title, s.starts_at, a.status, s.jp from enrolment e \
         join cohort k on k.id = e.cohort_id join program p on p.id = k.program_id \
         join live_session s on s.cohort_id = k.id \
         left join attendance a on a.session_id = s.id and a.user_id = e.user_id \
         where e.user_id = $1 and e.status = 'approved' and s.starts_at <= $2 \
         order by s.starts_at, s.id",
    )
    .bind(user)
    .bind(now)
    .fetch_all(db)
    .await?;
    let attendance = rows
        .into_iter()
        .map(
            |(program_title, session_title, starts_at, status, jp)| AttendanceLine {
                program_title,
                session_title,
                date: crate::model::wib::date_of(starts_at),
                status,
                jp,
            },
        )
        .collect();
    Ok(Portfolio {
        record,
        certificates,
        products,
        attendance,
    })
}

fn status_text(status: Option<&str>) -> &'static str {
    match status {
        Some("present") => "Hadir",
        Some("late") => "Terlambat",
        Some("excused") => "Izin",
        Some("absent") => "Tidak hadir",
        _ => "Tidak tercatat",
    }
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>body{{font-family:sans-serif;max-width:60rem;margin:1rem auto;\
         padding:0 1rem;line-height:1.5}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}}\
         .note{{color:#555}}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

/// The index page: who, trainings with their certificates and credit, JP per year, the files.
fn index(p: &Portfolio, files: &[(String, String)]) -> String {
    let r = &p.record;
    let mut body = format!(
        "<h1>Portofolio pengembangan diri</h1><p><strong>{}</strong>{}{}</p>",
        escape(&r.name),
        r.nip
            .as_deref()
            .map(|n| format!("<br>NIP {}", escape(n)))
            .unwrap_or_default(),
        r.rank
            .as_deref()
            .map(|n| format!("<br>Pangkat/golongan {}", escape(n)))
            .unwrap_or_default(),
    );
    body.push_str("<h2>Pelatihan</h2><table><tr><th>Pelatihan</th><th>Waktu</th><th>JP</th><th>Hasil</th><th>Sertifikat</th><th>Angka kredit (perkiraan)</th></tr>");
    for t in &r.trainings {
        let result = match t.passed {
            Some(true) => "Lulus",
            Some(false) => "Tidak lulus",
            None => "Belum diputuskan",
        };
        let certificate = t
            .certificate
            .as_ref()
            .map(|c| escape(&c.number))
            .unwrap_or_else(|| "–".to_string());
        let credit = match (&t.certificate, t.legacy_credit) {
            (_, Some(credit)) => format!("{credit} (aturan lama)"),
            (Some(_), None) => "Bukti pengembangan kompetensi (aturan 2023)".to_string(),
            (None, None) => "–".to_string(),
        };
        body.push_str(&format!(
            "<tr><td>{}<br><span class=\"note\">{}</span></td><td>{} s.d. {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&t.program_title),
            escape(&t.cohort_name),
            escape(&t.starts_on),
            escape(&t.ends_on),
            t.certificate.as_ref().map(|c| c.jp).unwrap_or(t.program_jp),
            result,
            certificate,
            credit
        ));
    }
    body.push_str("</table>");
    body.push_str(&format!(
        "<h2>JP per tahun</h2><p class=\"note\">Setiap ASN memerlukan paling sedikit {} JP pengembangan kompetensi per tahun.</p><table><tr><th>Tahun</th><th>JP dari sesi yang dihadiri</th></tr>",
        r.yearly_minimum
    ));
    for y in &r.years {
        body.push_str(&format!("<tr><td>{}</td><td>{}</td></tr>", y.year, y.total));
    }
    body.push_str("</table><h2>Berkas</h2><ul>");
    for (name, label) in files {
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            escape(name),
            escape(label)
        ));
    }
    body.push_str("</ul><p class=\"note\">Angka kredit di sini hanya perkiraan menurut aturan periodenya; penilaian resmi dilakukan oleh instansi pemerintah yang berwenang.</p>");
    page(&format!("Portofolio {}", r.name), &body)
}

/// Writes the portfolio into `archive` (on a blocking thread, as the archive is sent).
pub fn write(p: &Portfolio, archive: &mut Archive) -> io::Result<()> {
    let mut files: Vec<(String, String)> = Vec::new();
    for c in &p.certificates {
        let base = format!("sertifikat/{}", safe_name(&c.number));
        if let Some(bytes) = &c.pdf {
            let name = format!("{base}.pdf");
            zip_stream::add(archive, &name, zip_stream::stored(), bytes)?;
            files.push((
                name,
                format!("Sertifikat {} ({})", c.number, c.program_title),
            ));
        }
        if let Some(credential) = &c.credential {
            let name = format!("{base}.json");
            zip_stream::add(
                archive,
                &name,
                zip_stream::deflated(),
                credential.as_bytes(),
            )?;
            files.push((
                name,
                format!("Kredensial tertandatangan {} (Open Badges 3.0)", c.number),
            ));
        }
    }
    for w in &p.products {
        let name = format!("karya/{}-{}.html", w.id, safe_name(&w.title));
        let score = w
            .score
            .as_ref()
            .map(|(points, max, rubric, note)| {
                format!(
                    "<p><strong>Skor rubrik {}:</strong> {points} dari {max}{}</p>",
                    escape(rubric),
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!("<br>{}", escape(note))
                    }
                )
            })
            .unwrap_or_default();
        // body_html was sanitized when it was saved.
        let html = page(
            &w.title,
            &format!(
                "<p class=\"note\">{} · revisi {} · status {}</p><h1>{}</h1>{score}{}",
                escape(&w.program_title),
                w.revision,
                escape(&w.status),
                escape(&w.title),
                w.body_html
            ),
        );
        zip_stream::add(archive, &name, zip_stream::deflated(), html.as_bytes())?;
        files.push((name, format!("Produk kerja: {}", w.title)));
    }
    let mut rows = vec![vec![
        Cell::text("Pelatihan"),
        Cell::text("Sesi"),
        Cell::text("Tanggal"),
        Cell::text("Kehadiran"),
        Cell::text("JP"),
    ]];
    for a in &p.attendance {
        let earns = matches!(a.status.as_deref(), Some("present" | "late"));
        rows.push(vec![
            Cell::text(&a.program_title),
            Cell::text(&a.session_title),
            Cell::text(&a.date),
            Cell::text(status_text(a.status.as_deref())),
            Cell::text(if earns { a.jp } else { 0 }.to_string()),
        ]);
    }
    zip_stream::add(
        archive,
        "kehadiran.csv",
        zip_stream::deflated(),
        &csv::write(&rows),
    )?;
    files.push((
        "kehadiran.csv".to_string(),
        "Ringkasan kehadiran".to_string(),
    ));
    let mut rows = vec![vec![
        Cell::text("Produk kerja"),
        Cell::text("Rubrik"),
        Cell::text("Skor"),
        Cell::text("Maksimum"),
    ]];
    for w in &p.products {
        if let Some((points, max, rubric, _)) = &w.score {
            rows.push(vec![
                Cell::text(&w.title),
                Cell::text(rubric),
                Cell::text(points.to_string()),
                Cell::text(max.to_string()),
            ]);
        }
    }
    zip_stream::add(
        archive,
        "skor-rubrik.csv",
        zip_stream::deflated(),
        &csv::write(&rows),
    )?;
    files.push(("skor-rubrik.csv".to_string(), "Skor rubrik".to_string()));
    zip_stream::add(
        archive,
        "index.html",
        zip_stream::deflated(),
        index(p, &files).as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_numbers_become_file_names() {
        assert_eq!(
            safe_name("00042/BPSDM/LITDIG/2026"),
            "00042-BPSDM-LITDIG-2026"
        );
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("///"), "berkas");
    }
}
