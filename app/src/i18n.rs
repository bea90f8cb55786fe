//! Interface strings, looked up by key in `app/locales/<lang>/<area>.ftl`.
//!
//! Each language has one file per area of the product (so that work on one area does not touch the
//! others); they are joined at compile time. The files use the simple `key = text` subset of Fluent; `{name}` marks a placeholder. They are
//! parsed once, on first use. Only server-rendered components call this: islands receive their
//! strings as props, so the wasm bundle carries no locale table.

use crate::model::Lang;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Joins one language's area files, in a fixed order.
macro_rules! locale_files {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../locales/", $lang, "/core.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/planning.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/cohorts.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/import.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/groups.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/quizresults.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/take.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/quizbank.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/boards.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/coaching.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/mail.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/activation.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/reset.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/notifications.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/sessions.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/materials.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/completion.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/record.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/surveys.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/credentials.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/dashboards.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/exports.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/dashboard_people.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/audit.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/fees.ftl")),
        )
    };
}

const INDONESIAN: &str = locale_files!("id");
const ENGLISH: &str = locale_files!("en");

/// Parses a locale file into key → text. Later duplicates win; blank and `#` lines are skipped.
pub fn parse_locale(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, text)| (key.trim(), text.trim()))
        .collect()
}

static TABLES: LazyLock<[HashMap<&'static str, &'static str>; 2]> =
    LazyLock::new(|| [parse_locale(INDONESIAN), parse_locale(ENGLISH)]);

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    match lang {
        Lang::Id => &TABLES[0],
        Lang::En => &TABLES[1],
    }
}

/// The text for `key` in `lang`. A missing key shows itself in brackets, so it is seen, not hidden.
pub fn text(lang: Lang, key: &str) -> String {
    match table(lang).get(key) {
        Some(text) => (*text).to_string(),
        None => format!("[{key}]"),
    }
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(text(lang, key), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// The language of the page being rendered, provided as context by the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n(pub Lang);

impl I18n {
    /// Shorthand for [`text`].
    pub fn t(self, key: &str) -> String {
        text(self.0, key)
    }

    /// Shorthand for [`text_with`].
    pub fn t_with(self, key: &str, args: &[(&str, &str)]) -> String {
        text_with(self.0, key, args)
    }
}

/// The current page's language (Indonesian when none was provided).
pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or(I18n(Lang::Id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(source: &'static str) -> BTreeSet<&'static str> {
        parse_locale(source).into_keys().collect()
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let id = keys(INDONESIAN);
        let en = keys(ENGLISH);
        let only_id: Vec<_> = id.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&id).collect();
        assert!(only_id.is_empty(), "keys missing from en.ftl: {only_id:?}");
        assert!(only_en.is_empty(), "keys missing from id.ftl: {only_en:?}");
    }

    #[test]
    fn no_key_is_defined_twice() {
        for source in [INDONESIAN, ENGLISH] {
            let mut seen = BTreeSet::new();
            for line in source.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some((key, _)) = line.split_once('=') {
                    assert!(seen.insert(key.trim()), "key defined twice: {}", key.trim());
                }
            }
        }
    }

    #[test]
    fn no_text_is_empty_and_placeholders_match() {
        let id = parse_locale(INDONESIAN);
        let en = parse_locale(ENGLISH);
        for (key, text) in &id {
            assert!(!text.is_empty(), "empty text for {key}");
            let placeholders = |t: &str| {
                t.split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}'))
                    .map(|(p, _)| p.to_string())
                    .collect::<BTreeSet<_>>()
            };
            if let Some(other) = en.get(key) {
                assert_eq!(
                    placeholders(text),
                    placeholders(other),
                    "placeholders differ for {key}"
                );
            }
        }
    }

    /// Every string literal in the app's source shaped like a key (`word.word`) is a defined key,
    /// so a typo in a key, or a key added in code but not in the files, fails here.
    #[test]
    fn every_key_used_in_source_exists() {
        let id = parse_locale(INDONESIAN);
        // The certificate pages' texts live in a server-only table of their own.
        let id: std::collections::HashMap<_, _> = id
            .into_iter()
            .chain(parse_locale(include_str!("../locales/id/certificates.ftl")))
            .collect();
        let looks_like_key = |s: &str| {
            let mut parts = s.split('.');
            let first = parts.next().unwrap_or_default();
            let rest: Vec<_> = parts.collect();
            !rest.is_empty()
                && first.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && std::iter::once(first).chain(rest.iter().copied()).all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                })
        };
        // Literals of that shape that are not keys.
        let not_keys = [
            "no.such.key",
            "favicon.ico",
            "pamong.toml",
            "pamong.db",
            "session.key",
            "pamong.test",
            // Qualified SQL columns (the dashboards' overview groups by them).
            "p.title",
            "f.region_code",
            "k.name_en",
            "k.name_id",
        ];
        // File names in the attachment and import tests.
        let is_file_name = |s: &str| {
            [
                ".pdf", ".txt", ".png", ".exe", ".zip", ".csv", ".xlsx", ".html",
            ]
            .iter()
            .any(|ext| s.ends_with(ext))
        };
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                    stack.push(entry.path());
                }
                continue;
            }
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (i, literal) in source.split('"').enumerate() {
                if i % 2 == 1
                    && looks_like_key(literal)
                    && !not_keys.contains(&literal)
                    // Audit action codes (`role.change`) are stored codes, not keys.
                    && crate::model::audit::AuditAction::from_code(literal).is_none()
                    && !is_file_name(literal)
                    && !id.contains_key(literal)
                {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not defined: {missing:#?}"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            text_with(Lang::En, "home.greeting", &[("name", "Sri")]),
            "Welcome, Sri"
        );
        assert!(text(Lang::Id, "no.such.key").starts_with('['));
    }
}
