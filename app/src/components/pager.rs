//! The pager under every list that pages on the server: "‹ Previous · Page n of m · Next ›".

use crate::i18n::I18n;
use leptos::prelude::*;

/// How many pages `total` rows fill at `page_size` rows a page; at least one.
pub fn page_count(total: i64, page_size: i64) -> i64 {
    ((total + page_size - 1) / page_size.max(1)).max(1)
}

/// Links to the pages before and after `page` of `pages`; `link(n)` is the address of page n.
/// The view is type-erased so that it does not borrow from `link`.
pub fn pager(i: I18n, page: i64, pages: i64, link: impl Fn(i64) -> String) -> AnyView {
    let prev = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    let position = i.t_with(
        "pager.page_of",
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! {
        <nav class="pager" aria-label=i.t("pager.label")>
            {prev.map(|href| view! { <a rel="prev" href=href>{i.t("pager.prev")}</a> })}
            <span>{position}</span>
            {next.map(|href| view! { <a rel="next" href=href>{i.t("pager.next")}</a> })}
        </nav>
    }
    .into_any()
}

/// Links to the pages before and after `page` when the number of pages is not known (a count
/// stopped at its bound): only whether a next page exists.
pub fn pager_open(i: I18n, page: i64, has_next: bool, link: impl Fn(i64) -> String) -> AnyView {
    let prev = (page > 1).then(|| link(page - 1));
    let next = has_next.then(|| link(page + 1));
    let position = i.t_with("pager.page", &[("page", &page.to_string())]);
    view! {
        <nav class="pager" aria-label=i.t("pager.label")>
            {prev.map(|href| view! { <a rel="prev" href=href>{i.t("pager.prev")}</a> })}
            <span>{position}</span>
            {next.map(|href| view! { <a rel="next" href=href>{i.t("pager.next")}</a> })}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::page_count;

    #[test]
    fn counts_partial_pages_and_never_zero() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(62_000, 50), 1240);
    }
}
