//! The skeleton of a signed-in page: the site frame with the page's title and the role check
//! ([`SignedInPage`]), and the loading of the page's data with what is shown when it fails
//! ([`loaded`], [`loaded_or`]).

use super::guard::RequireRole;
use super::layout::Layout;
use super::route::load_problem;
use crate::i18n::{use_i18n, I18n};
use crate::model::{AppError, CurrentUser, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// A page for signed-in users whose role is in `roles`: the site frame titled `title`, then
/// `children(user)`. A signed-out visitor is sent to sign in; another role sees "not allowed".
/// Create the page's resources inside `children`, so that nothing loads for them.
#[component]
pub fn SignedInPage<F, V>(roles: &'static [Role], title: String, children: F) -> impl IntoView
where
    F: FnOnce(CurrentUser) -> V + Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <Layout>
            <Title text=title/>
            <RequireRole roles=roles children=children/>
        </Layout>
    }
}

/// `show(i, data)` once `resource` has loaded, or the problem panel (which sets the error's
/// HTTP status, 404 for an id the viewer may not see).
pub fn loaded<T, V, S>(i: I18n, resource: Resource<Result<T, AppError>>, show: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    S: Fn(I18n, T) -> V + Clone + Send + 'static,
{
    loaded_or(i, resource, show, load_problem)
}

/// [`loaded`] that shows `problem(error)` when the load fails.
pub fn loaded_or<T, V, S, P, E>(
    i: I18n,
    resource: Resource<Result<T, AppError>>,
    show: S,
    problem: P,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    S: Fn(I18n, T) -> V + Clone + Send + 'static,
    P: Fn(AppError) -> E + Clone + Send + 'static,
    E: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
            {move || {
                let (show, problem) = (show.clone(), problem.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => Either::Left(show(i, data)),
                        Err(e) => Either::Right(problem(e)),
                    }
                })
            }}
        </Suspense>
    }
}

/// A whole-page problem: its title and explanation (texts of the keys `title` and `body`), and a
/// link home; the page is titled the same. For "not found" and "not allowed".
pub fn problem_panel(title: &str, body: &str) -> impl IntoView {
    let i = use_i18n();
    let title = i.t(title);
    view! {
        <Title text=title.clone()/>
        <section class="panel problem">
            <h1>{title}</h1>
            <p>{i.t(body)}</p>
            <p><a class="button" href="/">{i.t("error.go_home")}</a></p>
        </section>
    }
}

/// A failed load as a message only, for a list inside a panel that has its heading already
/// (the page keeps status 200).
pub fn inline_problem(error: AppError) -> impl IntoView {
    view! { <p class="form-error">{error.message}</p> }
}
