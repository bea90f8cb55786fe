//! A program's question bank: filtered by tag and kind, paged.

use crate::model::quizzes::BankView;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// A page of program `program_id`'s questions with tag `tag` and kind `kind` (empty: any);
/// the archived ones instead when `archived` is `"1"`.
#[server(endpoint = "bank_list_questions")]
pub async fn bank_list_questions(
    program_id: ProgramId,
    tag: Option<String>,
    kind: Option<String>,
    archived: Option<String>,
    page: Option<i64>,
) -> Result<BankView, AppError> {
    use crate::model::quizzes::{Paged, BANK_PAGE_SIZE, QUESTION_KINDS};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::exact_or_any;
    use crate::ssr::quizzes::bank;
    Admin::require_program(program_id).await?;
    let db = &crate::ssr::state()?.db;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let (items, total) = bank::list(
        db,
        program_id.0,
        &bank::tag_pattern(tag.as_deref()),
        &exact_or_any(kind.as_deref(), QUESTION_KINDS),
        archived.as_deref() == Some("1"),
        BANK_PAGE_SIZE,
        (page - 1) * BANK_PAGE_SIZE,
    )
    .await
    .map_err(|e| internal("list questions", e))?;
    let program_title = bank::program_title(db, program_id.0)
        .await
        .map_err(|e| internal("program title", e))?
        .unwrap_or_default();
    Ok(BankView {
        program_id,
        program_title,
        list: Paged {
            items,
            total,
            page,
            page_size: BANK_PAGE_SIZE,
        },
    })
}
