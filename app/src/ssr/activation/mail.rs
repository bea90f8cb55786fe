//! The activation e-mail: the code, and a link to `/aktivasi` with the code and the account's
//! e-mail filled in.

use super::super::mail::{template, Outgoing};
use crate::i18n::{text, text_with};
use crate::model::activation::format_code;
use crate::model::{Lang, UserId};

/// The path of the activation page with `code` and `account` filled in.
pub fn activation_path(code: &str, account: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("kode", &format_code(code))
        .append_pair("akun", account)
        .finish();
    format!("/aktivasi?{query}")
}

/// The activation message for `name` at `email` with `code` (unformatted), in `lang`.
pub fn activation_mail(
    lang: Lang,
    user: UserId,
    name: &str,
    email: &str,
    code: &str,
    expires_at: i64,
) -> Outgoing {
    let link = template::link(&activation_path(code, email));
    let printed = format_code(code);
    let until =
        crate::model::wib::pretty_date(&crate::model::wib::date_of(expires_at), lang == Lang::En);
    let (plain, html) = template::layout(
        lang,
        &text_with(lang, "activation.mail_heading", &[("name", name)]),
        &[
            text(lang, "activation.mail_intro"),
            text_with(
                lang,
                "activation.mail_code",
                &[("code", &printed), ("until", &until)],
            ),
        ],
        Some((&text(lang, "activation.mail_action"), &link)),
    );
    Outgoing {
        to_email: email.to_string(),
        to_name: name.to_string(),
        to_user: Some(user),
        kind: "activation",
        lang,
        subject: text(lang, "activation.mail_subject"),
        text: plain,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_activation_mail_escapes_the_name_in_both_languages() {
        let name = "<img src=x onerror=alert(1)> O'Neil & \"Sri\"";
        for lang in [Lang::Id, Lang::En] {
            let mail = activation_mail(lang, UserId(3), name, "sri@sekolah.test", "K7QXM3PA2F", 0);
            assert!(mail.text.contains(name), "{}", mail.text);
            assert!(!mail.html.contains("<img"), "{}", mail.html);
            assert!(
                mail.html.contains(
                    "&lt;img src=x onerror=alert(1)&gt; O&#39;Neil &amp; &quot;Sri&quot;"
                ),
                "{}",
                mail.html
            );
            assert!(mail.text.contains("K7QX-M3PA-2F"));
            assert!(
                mail.html.contains("akun=sri%40sekolah.test"),
                "{}",
                mail.html
            );
        }
    }
}
