//! The filter form above a list: a plain GET form that works without JavaScript, with a search
//! box and selects whose first choice, the empty value, means "all".

use crate::i18n::I18n;
use leptos::prelude::*;

/// `<form class="filters" method="get" role="search">` to `action` holding `fields`, then the
/// submit button labelled `submit_key`.
pub fn filter_form(
    i: I18n,
    action: String,
    submit_key: &str,
    fields: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <form class="filters" method="get" action=action role="search">
            {fields}
            <button type="submit" class="button secondary">{i.t(submit_key)}</button>
        </form>
    }
}

/// A search box named (and with the id) `name`, labelled `label_key`, holding `value`.
pub fn search_field(i: I18n, name: &'static str, label_key: &str, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{i.t(label_key)}</label>
            <input id=name name=name type="search" value=value/>
        </div>
    }
}

/// A `<select>` named (and with the id) `name`, labelled `label_key`: `all_key` with the empty
/// value first, then each (value, text) of `options`; the one equal to `current` is selected
/// (an empty `current` selects "all").
pub fn filter_select(
    i: I18n,
    name: &'static str,
    label_key: &str,
    all_key: &str,
    current: &str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let current = current.to_string();
    view! {
        <div class="field">
            <label for=name>{i.t(label_key)}</label>
            <select id=name name=name>
                <option value="" selected=current.is_empty()>{i.t(all_key)}</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = current == value;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
