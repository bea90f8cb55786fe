//! The invitations a participant answers on their home page: plain forms posting to
//! `accept_invitation` and `decline_invitation`, so they work with JavaScript off.

use super::common::date_range;
use crate::i18n::I18n;
use crate::model::cohorts::Invitation;
use leptos::prelude::*;

/// Each invitation with its cohort, organizer and dates, and the two answers.
pub fn invitation_list(i: I18n, invitations: Vec<Invitation>) -> impl IntoView {
    view! {
        <ul class="plain-list invitations">
            {invitations.into_iter().map(|inv| view! {
                <li class="application">
                    <div class="who">
                        <strong>{inv.program_title}</strong>
                        <span>{inv.cohort_name}</span>
                        <span class="meta">{date_range(i, &inv.starts_on, &inv.ends_on)}</span>
                        <span class="meta">{i.t_with("cohort.invited_by", &[("organizer", &inv.organizer)])}</span>
                    </div>
                    <div class="actions">
                        <form method="post" action="/api/accept_invitation">
                            <input type="hidden" name="invitation_id" value=inv.id/>
                            <button type="submit" class="button small">{i.t("cohort.invitation_accept")}</button>
                        </form>
                        <form method="post" action="/api/decline_invitation">
                            <input type="hidden" name="invitation_id" value=inv.id/>
                            <button type="submit" class="button secondary small">{i.t("cohort.invitation_decline")}</button>
                        </form>
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
}
