//! A notification's sentence, made from its parts in the reader's language: shared by the list
//! page, the bell's e-mails and the daily digest, so the three always say the same thing.

use crate::i18n::{text, text_with};
use crate::model::codes::NotificationKind;
use crate::model::Lang;

/// The sentence for a notification of `kind` by `actor` about `subject` (with `detail`), in
/// `lang`. Plain text: the page escapes it, and so do the e-mail templates.
pub fn describe(
    lang: Lang,
    kind: NotificationKind,
    actor: Option<&str>,
    subject: &str,
    detail: &str,
) -> String {
    let someone = text(lang, "notify.someone");
    let actor = actor.filter(|a| !a.trim().is_empty()).unwrap_or(&someone);
    let key = match kind {
        NotificationKind::Registration if detail == "approved" => {
            "notify.text.registration_approved"
        }
        NotificationKind::Registration => "notify.text.registration_rejected",
        NotificationKind::QuizOpened => "notify.text.quiz_opened",
        NotificationKind::QuizClosing => "notify.text.quiz_closing",
        NotificationKind::Comment => "notify.text.comment",
        NotificationKind::Status => "notify.text.status",
        NotificationKind::Score => "notify.text.score",
        NotificationKind::Coaching => "notify.text.coaching",
        NotificationKind::Announcement => "notify.text.announcement",
        NotificationKind::SessionReminder if detail == "hour" => "notify.text.session_hour",
        NotificationKind::SessionReminder => "notify.text.session_day",
        NotificationKind::Survey if detail == "reminder" => "notify.text.survey_reminder",
        NotificationKind::Survey => "notify.text.survey_invite",
    };
    let status = match kind {
        NotificationKind::Status => text(lang, &format!("board.status.{detail}")),
        _ => String::new(),
    };
    text_with(
        lang,
        key,
        &[("actor", actor), ("subject", subject), ("status", &status)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_sentence_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            for kind in NotificationKind::ALL {
                let details: &[&str] = match kind {
                    NotificationKind::Registration => &["approved", "rejected"],
                    NotificationKind::Status => &["needs_revision", "approved"],
                    NotificationKind::SessionReminder => &["day", "hour"],
                    NotificationKind::Survey => &["invite", "reminder"],
                    _ => &[""],
                };
                for detail in details {
                    let sentence = describe(lang, *kind, Some("Bu Sari"), "Modul 1", detail);
                    assert!(!sentence.contains('['), "{kind} {lang:?}: {sentence}");
                    assert!(!sentence.contains('{'), "{kind} {lang:?}: {sentence}");
                    assert!(sentence.contains("Modul 1"), "{kind} {lang:?}: {sentence}");
                }
            }
        }
    }
}
