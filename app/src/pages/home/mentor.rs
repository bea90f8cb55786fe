//! `/mentor`: a mentor's home page.

use crate::api::groups::my_groups;
use crate::components::{Layout, RequireRole};
use crate::i18n::use_i18n;
use crate::model::Role;
use crate::pages::boards::queue_list;
use crate::pages::groups::group_cards;
use crate::pages::quizzes::mentor_gain_links;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;

/// Greeting, the mentor's groups and the work waiting for feedback.
#[component]
pub fn MentorHome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("home.mentor.title")/>
            <RequireRole roles=&[Role::Mentor] children=move |user| {
                let groups = Resource::new(|| (), |_| my_groups());
                view! {
                    <section class="panel">
                        <h1>{i.t_with("home.greeting", &[("name", &user.name)])}</h1>
                        <p class="lead">{i.t("home.mentor.lead")}</p>
                    </section>
                    <section class="panel">
                        <h2>{i.t("home.mentor.my_groups")}</h2>
                        <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                            {move || Suspend::new(async move {
                                match groups.await {
                                    Ok(list) if list.is_empty() => EitherOf3::A(view! { <p class="empty">{i.t("home.mentor.no_groups")}</p> }),
                                    Ok(list) => EitherOf3::B(view! { {mentor_gain_links(i, &list)} {group_cards(i, list)} }),
                                    Err(e) => EitherOf3::C(view! { <p class="form-error">{e.message}</p> }),
                                }
                            })}
                        </Suspense>
                    </section>
                    <section class="panel">
                        <h2>{i.t("home.mentor.queue")}</h2>
                        {queue_list(i)}
                    </section>
                }
            }/>
        </Layout>
    }
}
