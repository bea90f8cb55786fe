//! The page frame: header with the role's navigation, language switch and sign-out, then the page.

use super::guard::{viewer, UnreadNotifications, UnreadOnBoards};
use crate::i18n::use_i18n;
use crate::islands::{badge_text, UnreadBadge};
use crate::model::{Flash, Lang, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// One navigation entry: path and locale key.
type NavItem = (&'static str, &'static str);

fn nav_items(role: Option<Role>) -> &'static [NavItem] {
    match role {
        None => &[
            ("/katalog", "nav.catalog"),
            ("/masuk", "nav.sign_in"),
            ("/daftar", "nav.sign_up"),
        ],
        Some(Role::Participant) => &[
            ("/peserta", "nav.home"),
            ("/katalog", "nav.catalog"),
            ("/papan", "nav.boards"),
            ("/peserta/coaching", "nav.coaching"),
            ("/peserta/pendaftaran", "nav.applications"),
            ("/peserta/profil", "nav.profile"),
            ("/akun", "nav.account"),
        ],
        Some(Role::Mentor) => &[
            ("/mentor", "nav.home"),
            ("/papan", "nav.boards"),
            ("/mentor/antrean", "nav.queue"),
            ("/mentor/coaching", "nav.coaching"),
            ("/rubrik", "nav.rubrics"),
            ("/akun", "nav.account"),
        ],
        Some(Role::Admin) => &[
            ("/admin", "nav.home"),
            ("/admin/usulan", "nav.needs"),
            ("/admin/program", "nav.programs"),
            ("/admin/angkatan", "nav.cohorts"),
            ("/papan", "nav.boards"),
            ("/rubrik", "nav.rubrics"),
            ("/admin/pengguna", "nav.accounts"),
            ("/admin/lembaga", "nav.institutions"),
            ("/admin/surel", "nav.outbox"),
            ("/akun", "nav.account"),
        ],
    }
}

/// Unread events at which the navigation stops counting.
pub const UNREAD_CAP: i64 = 100;

/// Wraps a page in the site frame.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i = use_i18n();
    let user = viewer();
    let path = use_location().pathname.get_untracked();
    let here = super::url::current_path_and_query();
    let other_lang = if i.0 == Lang::Id { Lang::En } else { Lang::Id };
    let notice = use_context::<Flash>().and_then(|f| f.notice);
    let unread = use_context::<UnreadOnBoards>().unwrap_or_default();
    let notifications = use_context::<UnreadNotifications>().unwrap_or_default().0;
    let bell_label = i.t("notify.bell");
    // A quiz attempt keeps its wasm budget (and the teacher's attention): the count stays static.
    let live_count = user.is_some() && !path.starts_with("/peserta/upaya/");
    let nav = nav_items(user.as_ref().map(|u| u.role))
        .iter()
        .map(|(href, key)| {
            let current = (path == *href).then_some("page");
            let badge = (*href == "/papan").then(|| {
                let label = i.t("board.unread");
                if live_count {
                    let bell_label = bell_label.clone();
                    view! { " " <UnreadBadge count=unread.count viewing=unread.viewing label=label bell_label=bell_label/> }
                        .into_any()
                } else {
                    let count = badge_text(unread.count);
                    let label = label.replace("{n}", &count);
                    (unread.count > 0)
                        .then(|| view! { " " <span class="badge unread" aria-label=label>{count}</span> })
                        .into_any()
                }
            });
            view! { <li><a href=*href aria-current=current>{i.t(key)}{badge}</a></li> }
        })
        .collect_view();
    let home = user
        .as_ref()
        .map(|u| u.role.home_path())
        .unwrap_or("/masuk");
    view! {
        <a class="skip" href="#main">{i.t("nav.skip")}</a>
        <header class="site-header">
            <div class="bar">
                <a class="brand" href=home>"Pamong"</a>
                {user.is_some().then(|| bell(notifications, &bell_label))}
                <form class="lang-switch" method="post" action="/api/set_language">
                    <input type="hidden" name="lang" value=other_lang.code()/>
                    <input type="hidden" name="next" value=here/>
                    <button type="submit" class="link" lang=other_lang.code()>{other_lang.native_name()}</button>
                </form>
            </div>
            <nav aria-label=i.t("nav.label")>
                <ul>
                    {nav}
                    {user.as_ref().map(|_| view! {
                        <li>
                            <form method="post" action="/api/sign_out">
                                <button type="submit" class="link">{i.t("nav.sign_out")}</button>
                            </form>
                        </li>
                    })}
                </ul>
            </nav>
            {user.map(|u| view! {
                <p class="who">
                    <span>{u.name}</span>
                    " · "
                    <span class="role">{i.t(&format!("role.{}", u.role.code()))}</span>
                </p>
            })}
        </header>
        <main id="main">
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {children()}
        </main>
        <footer class="site-footer">
            <p>{i.t("footer.tagline")}</p>
        </footer>
    }
}

/// The bell: a link to `/notifikasi` with the unread count, its accessible name saying the count
/// (`label` with `{n}`). The `UnreadBadge` island keeps both up to date while the page is open.
fn bell(count: i64, label: &str) -> impl IntoView {
    let text = badge_text(count);
    let label = label.replace("{n}", &text);
    let none = count <= 0;
    view! {
        <a class="bell" id="lonceng" href="/notifikasi" aria-label=label>
            // Drawn, not a character: phones and browsers without an emoji font show a box.
            <svg class="bell-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/>
            </svg>
            " "
            <span class="badge bell-count" id="pemberitahuan" hidden=none aria-hidden="true">{text}</span>
        </a>
    }
}
