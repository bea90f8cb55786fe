//! The notification e-mails: one notification at once, and the daily digest. Every value (names,
//! titles) is escaped by `crate::ssr::mail::template::layout`.

use crate::i18n::{text, text_with};
use crate::model::{Lang, UserId};
use crate::ssr::mail::{template, Outgoing};

/// Longest subject line, in characters (the sentence is cut with an ellipsis).
const SUBJECT_CHARS: usize = 120;

/// Lines of a digest; more are summed up in one line ("and 12 more").
pub const DIGEST_LINES: usize = 30;

/// The e-mail of one notification (`sentence`, rendered in `lang`) to `name` at `email`, with a
/// link to `path`.
pub fn notice_mail(
    lang: Lang,
    user: UserId,
    name: &str,
    email: &str,
    sentence: &str,
    path: &str,
) -> Outgoing {
    let (plain, html) = template::layout(
        lang,
        &text_with(lang, "notify.mail_heading", &[("name", name)]),
        &[
            sentence.to_string(),
            text_with(
                lang,
                "notify.mail_settings",
                &[("url", &template::link("/notifikasi/pengaturan"))],
            ),
        ],
        Some((&text(lang, "notify.mail_action"), &template::link(path))),
    );
    Outgoing {
        to_email: email.to_string(),
        to_name: name.to_string(),
        to_user: Some(user),
        kind: "notification",
        lang,
        subject: crate::ssr::text::shorten(sentence, SUBJECT_CHARS),
        text: plain,
        html,
    }
}

/// The daily digest to `name` at `email`: one line per notification (`sentences`, oldest first),
/// at most [`DIGEST_LINES`] of them, and a link to the list.
pub fn digest_mail(
    lang: Lang,
    user: UserId,
    name: &str,
    email: &str,
    sentences: &[String],
) -> Outgoing {
    let count = sentences.len().to_string();
    let mut paragraphs = vec![text_with(lang, "notify.digest_intro", &[("count", &count)])];
    paragraphs.extend(
        sentences
            .iter()
            .take(DIGEST_LINES)
            .map(|s| format!("• {s}")),
    );
    if sentences.len() > DIGEST_LINES {
        let more = (sentences.len() - DIGEST_LINES).to_string();
        paragraphs.push(text_with(lang, "notify.digest_more", &[("count", &more)]));
    }
    paragraphs.push(text_with(
        lang,
        "notify.mail_settings",
        &[("url", &template::link("/notifikasi/pengaturan"))],
    ));
    let (plain, html) = template::layout(
        lang,
        &text_with(lang, "notify.mail_heading", &[("name", name)]),
        &paragraphs,
        Some((
            &text(lang, "notify.digest_action"),
            &template::link("/notifikasi"),
        )),
    );
    Outgoing {
        to_email: email.to_string(),
        to_name: name.to_string(),
        to_user: Some(user),
        kind: "notification_digest",
        lang,
        subject: text_with(lang, "notify.digest_subject", &[("count", &count)]),
        text: plain,
        html,
    }
}
