//! The HTML of the certificate pages: small server-rendered pages with no script and no wasm (the
//! public check page is opened from a QR code on a cheap phone, often on mobile data), every
//! value escaped.

use crate::model::certificates::CertificateFacts;
use crate::model::Lang;
use crate::ssr::mail::template::escape;

/// The page around `body`: its title, a viewport for phones, a few lines of CSS, and a refresh
/// every `refresh` seconds (a job's progress, without script).
pub fn shell(lang: Lang, title: &str, body: &str, refresh: Option<u32>) -> String {
    let refresh = refresh
        .map(|s| format!("<meta http-equiv=\"refresh\" content=\"{s}\">"))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{refresh}\
         <title>{title} \u{b7} Pamong</title><style>{CSS}</style></head><body><main>{body}</main>\
         </body></html>",
        lang = lang.code(),
        title = escape(title),
    )
}

const CSS: &str =
    "body{font-family:system-ui,sans-serif;margin:0;color:#1b1f23;background:#f6f7f8}\
main{max-width:52rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}\
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1rem;\
background:#fff;padding:1rem;border-radius:.5rem}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}\
.status{padding:.75rem 1rem;border-radius:.5rem;font-weight:600}.valid{background:#dff3e4;\
color:#0b5320}.revoked{background:#fde2e1;color:#8a1c14}table{border-collapse:collapse;\
width:100%;background:#fff}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;\
vertical-align:top}.error{color:#a4161a;display:block}label{display:block;margin:.6rem 0 .2rem}\
input[type=text]{width:100%;max-width:28rem;padding:.4rem;box-sizing:border-box}\
button{padding:.45rem .9rem;margin:.3rem 0}.note{color:#555}\
.scroll{overflow-x:auto}progress{width:100%;max-width:28rem}\
@media (max-width:30rem){dl{display:block}dt{font-size:.85rem;margin-top:.5rem}\
dd{overflow-wrap:break-word}}";

/// The pages' Content-Security-Policy: nothing runs, and the one inline style block is allowed by
/// its hash (the site's default document policy allows styles from files only).
pub static POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(CSS));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    )
});

/// `value` escaped, or a dash when there is none.
pub fn or_dash(value: Option<&str>) -> String {
    value
        .filter(|v| !v.trim().is_empty())
        .map_or_else(|| "\u{2013}".to_string(), escape)
}

/// Every fact of a certificate as a definition list.
pub fn facts_list(lang: Lang, facts: &CertificateFacts) -> String {
    let birth = match (&facts.birth_place, &facts.birth_date) {
        (Some(p), Some(d)) => Some(format!("{p}, {}", super::pdf::long_date(d))),
        (p, d) => p
            .clone()
            .or_else(|| d.as_deref().map(super::pdf::long_date)),
    };
    let rows: Vec<(&str, String)> = vec![
        ("certificates.number", escape(&facts.number)),
        ("certificates.version", facts.version.to_string()),
        ("certificates.participant", escape(&facts.participant_name)),
        ("certificates.nip", or_dash(facts.nip.as_deref())),
        ("certificates.birth", or_dash(birth.as_deref())),
        ("certificates.rank", or_dash(facts.rank.as_deref())),
        ("certificates.position", or_dash(facts.position.as_deref())),
        (
            "certificates.participant_institution",
            or_dash(facts.participant_institution.as_deref()),
        ),
        ("certificates.training", escape(&facts.training_title)),
        ("certificates.cohort", escape(&facts.cohort_name)),
        (
            "certificates.dates",
            escape(&super::pdf::period(&facts.starts_on, &facts.ends_on)),
        ),
        ("certificates.place", escape(&facts.place)),
        ("certificates.jp", facts.jp.to_string()),
        ("certificates.result", escape(&facts.result)),
        ("certificates.institution", escape(&facts.institution_name)),
        ("certificates.signatory", escape(&facts.signatory_name)),
        (
            "certificates.signatory_nip",
            or_dash(facts.signatory_nip.as_deref()),
        ),
        (
            "certificates.signatory_title",
            escape(&facts.signatory_title),
        ),
        (
            "certificates.issued",
            format!(
                "{}, {}",
                escape(&facts.signing_city),
                escape(&super::pdf::long_date(&facts.issued_on))
            ),
        ),
        ("certificates.code", escape(&facts.code)),
    ];
    let mut out = String::from("<dl>");
    for (key, value) in rows {
        out.push_str(&format!(
            "<dt>{}</dt><dd data-field=\"{}\">{value}</dd>",
            escape(&text(lang, key)),
            key.trim_start_matches("certificates.")
        ));
    }
    out.push_str("</dl>");
    out
}

/// A size in bytes for people: `38 kB`.
pub fn size(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{} kB", (bytes + 512) / 1024)
    }
}

/// A form error message, when there is one.
pub fn field_error(message: Option<&str>) -> String {
    message
        .map(|m| format!("<span class=\"error\" role=\"alert\">{}</span>", escape(m)))
        .unwrap_or_default()
}

/// The certificate pages' texts. They are server-only pages, so their texts stay out of the
/// shared tables that the client's wasm carries.
static TEXTS: std::sync::LazyLock<[std::collections::HashMap<&'static str, &'static str>; 2]> =
    std::sync::LazyLock::new(|| {
        [
            crate::i18n::parse_locale(include_str!("../../../locales/id/certificates.ftl")),
            crate::i18n::parse_locale(include_str!("../../../locales/en/certificates.ftl")),
        ]
    });

/// The text for `key` in `lang` (certificate keys here, any other from the shared tables).
pub fn text(lang: Lang, key: &str) -> String {
    let table = &TEXTS[usize::from(lang == Lang::En)];
    match table.get(key) {
        Some(text) => (*text).to_string(),
        None => crate::i18n::text(lang, key),
    }
}

/// [`text`] with each `{name}` replaced by its value.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(text(lang, key), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        let id: std::collections::BTreeSet<_> = TEXTS[0].keys().collect();
        let en: std::collections::BTreeSet<_> = TEXTS[1].keys().collect();
        assert_eq!(id, en);
        for key in [
            "certificates.number",
            "certificates.status_valid",
            "certificates.unknown_code",
        ] {
            assert!(!text(Lang::Id, key).starts_with('['), "{key}");
        }
    }
}
