//! Rubric scores on a post's page: the scores its author and the mentors see (newest first), and
//! the mentor's scoring form: one group of choices per criterion, so it works without JavaScript.

use crate::components::board_cards::post_path;
use crate::components::form_message;
use crate::components::SubmitButton;
use crate::i18n::I18n;
use crate::islands::EnhancedForm;
use crate::model::boards::{PostPage, ScoreView, ScoringForm};
use crate::model::codes::PostKind;
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{field_error, flash_has, text_area, typed_or};
use leptos::prelude::*;

/// "12 / 16".
fn points_of(total: i64, max: i64) -> String {
    format!("{total} / {max}")
}

/// One score as a table: criterion, level reached, points; the total and the mentor's note.
fn score_table(i: I18n, score: &ScoreView) -> impl IntoView {
    let caption = i.t_with(
        "rubric.score_caption",
        &[
            ("rubric", &score.rubric_title),
            ("n", &score.revision.to_string()),
        ],
    );
    let rows = score
        .lines
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row">{line.criterion.clone()}</th>
                    <td>{line.level.clone()}</td>
                    <td class="num">{points_of(line.points, line.max_points)}</td>
                </tr>
            }
        })
        .collect_view();
    let note = (!score.note.is_empty()).then(|| {
        view! { <p class="score-note"><strong>{i.t("rubric.note")}": "</strong>{score.note.clone()}</p> }
    });
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
            <table class="score">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i.t("rubric.criterion")}</th>
                        <th scope="col">{i.t("rubric.level")}</th>
                        <th scope="col" class="num">{i.t("rubric.points")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">{i.t("rubric.total")}</th>
                        <td class="num"><strong>{points_of(score.total_points, score.max_points)}</strong></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {note}
        <p class="meta">{score.scorer_name.clone()} " · " {moment(i, score.created_at)}</p>
    }
}

/// The scores, for the author and moderators.
pub fn score_section(i: I18n, p: &PostPage) -> Option<impl IntoView> {
    if !p.sees_scores || p.post.kind == PostKind::Announcement {
        return None;
    }
    let post = p.post.id;
    let latest = p.scores.first().map(|s| score_table(i, s));
    let empty = p
        .scores
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("rubric.not_scored")}</p> });
    let earlier = (p.scores.len() > 1).then(|| {
        let list = p.scores[1..]
            .iter()
            .map(|s| view! { <li>{score_table(i, s)}</li> })
            .collect_view();
        view! {
            <details class="revisions">
                <summary>{i.t("rubric.earlier_scores")}</summary>
                <ul class="plain">{list}</ul>
            </details>
        }
    });
    Some(view! {
        <section class="panel" id="nilai">
            <h2>{i.t("rubric.scores")}</h2>
            <p class="notice" id=format!("nilai-baru-{post}") hidden=true>
                {i.t("rubric.new_score")} " " <a href=format!("{}#nilai", post_path(post))>{i.t("board.reload")}</a>
            </p>
            {empty}
            {latest}
            {earlier}
        </section>
    })
}

/// The mentor's scoring form (or, without a rubric, where to write one).
pub fn scoring_form(i: I18n, p: &PostPage) -> Option<AnyView> {
    if !p.moderates || p.post.kind == PostKind::Announcement {
        return None;
    }
    let Some(form) = p.scoring.clone() else {
        return Some(
            view! {
                <section class="panel narrow">
                    <h2>{i.t("rubric.score_title")}</h2>
                    <p>{i.t("rubric.none_yet")} " " <a href="/rubrik">{i.t("rubric.write_one")}</a></p>
                </section>
            }
            .into_any(),
        );
    };
    Some(filled_form(i, p.post.id.0, form).into_any())
}

fn filled_form(i: I18n, post: i64, form: ScoringForm) -> impl IntoView {
    let show = flash_has("rubric_id");
    let rubric = form.rubric;
    let chooser = (form.rubrics.len() > 1).then(|| {
        let options = form
            .rubrics
            .iter()
            .map(|r| {
                let selected = r.id == rubric.id;
                view! { <option value=r.id.to_string() selected=selected>{r.title.clone()}</option> }
            })
            .collect_view();
        view! {
            <form method="get" action=format!("{}#beri-nilai", post_path(crate::model::PostId(post))) class="inline-choice">
                <label for="f-rubrik">{i.t("rubric.choose")}</label>
                <select id="f-rubrik" name="rubrik">{options}</select>
                <button type="submit" class="button secondary">{i.t("rubric.choose_submit")}</button>
            </form>
        }
    });
    let criteria = rubric
        .criteria
        .iter()
        .enumerate()
        .map(|(n, criterion)| {
            let field = format!("k{}", n + 1);
            let typed = typed_or("rubric_id", &field, String::new());
            let error = field_error(&field, show);
            let choices = criterion
                .levels
                .iter()
                .map(|level| {
                    let id = format!("f-{field}-{}", level.id);
                    let value = level.id.to_string();
                    let checked = typed == value;
                    let text = i.t_with(
                        "rubric.level_choice",
                        &[("label", &level.label), ("n", &level.points.to_string())],
                    );
                    view! {
                        <label class="choice" for=id.clone()>
                            <input type="radio" id=id.clone() name=field.clone() value=value checked=checked required=true/>
                            {text}
                        </label>
                    }
                })
                .collect_view();
            let hint = (!criterion.description.is_empty())
                .then(|| view! { <p class="hint">{criterion.description.clone()}</p> });
            let invalid = error.is_some().then_some("true");
            view! {
                <fieldset class="field" aria-invalid=invalid>
                    <legend>{criterion.title.clone()}</legend>
                    {hint}
                    {choices}
                    <p class="field-error" id=format!("e-{field}") data-error-for=field.clone()>{error}</p>
                </fieldset>
            }
        })
        .collect_view();
    let max = i.t_with(
        "rubric.max_points",
        &[("n", &rubric.max_points.to_string())],
    );
    view! {
        <section class="panel narrow" id="beri-nilai">
            <h2>{i.t("rubric.score_title")}</h2>
            {chooser}
            <p class="lead">{rubric.title.clone()} " · " {max}</p>
            <EnhancedForm action="/api/score_post".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(show)}
                <input type="hidden" name="post_id" value=post.to_string()/>
                <input type="hidden" name="rubric_id" value=rubric.id.to_string()/>
                {criteria}
                {text_area("note", i.t("rubric.note"), Some(i.t("rubric.note_hint")), typed_or("rubric_id", "note", String::new()), 3, show)}
                <SubmitButton label=i.t("rubric.score_submit")/>
            </EnhancedForm>
        </section>
    }
}
