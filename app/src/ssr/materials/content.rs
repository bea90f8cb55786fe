//! Modules and units: their rows, order, saves with revisions, and authors' drafts.

use crate::ssr::db::Db;

/// Longest module or unit title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest unit body, in characters (a long chapter of text; pictures are files).
pub const MAX_BODY_CHARS: usize = 60_000;

/// A module row in the order shown.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ModuleRow {
    pub id: i64,
    pub title: String,
    pub cohort_id: Option<i64>,
    pub cohort_name: Option<String>,
}

/// A unit row in the order shown.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub module_id: i64,
    pub title: String,
    pub body: String,
    pub locked_until_previous: i64,
    pub video_url: Option<String>,
    pub video_minutes: Option<i64>,
    pub revision: i64,
}

const MODULE_SELECT: &str = "select m.id, m.title, m.cohort_id, c.name as cohort_name \
     from material_module m left join cohort c on c.id = m.cohort_id";

/// The modules a cohort shows: its program's and its own, in order.
pub async fn modules_of_cohort(
    db: &Db,
    program: i64,
    cohort: i64,
) -> Result<Vec<ModuleRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{MODULE_SELECT} where m.program_id = $1 and (m.cohort_id is null or m.cohort_id = $2) \
         order by m.position, m.id"
    ))
    .bind(program)
    .bind(cohort)
    .fetch_all(db)
    .await
}

/// Every module of a program (its own and its cohorts'), in order.
pub async fn modules_of_program(db: &Db, program: i64) -> Result<Vec<ModuleRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{MODULE_SELECT} where m.program_id = $1 order by m.position, m.id"
    ))
    .bind(program)
    .fetch_all(db)
    .await
}

const UNIT_COLUMNS: &str =
    "u.id, u.module_id, u.title, u.body, u.locked_until_previous, u.video_url, u.video_minutes, u.revision";

/// The units of the given modules, each module's in order.
pub async fn units_of_program(db: &Db, program: i64) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {UNIT_COLUMNS} from material_unit u join material_module m on m.id = u.module_id \
         where m.program_id = $1 order by u.module_id, u.position, u.id"
    ))
    .bind(program)
    .fetch_all(db)
    .await
}

/// The units of one module, in order.
pub async fn units_of_module(db: &Db, module: i64) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {UNIT_COLUMNS} from material_unit u where u.module_id = $1 order by u.position, u.id"
    ))
    .bind(module)
    .fetch_all(db)
    .await
}

/// One unit.
pub async fn unit(db: &Db, id: i64) -> Result<Option<UnitRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {UNIT_COLUMNS} from material_unit u where u.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A new module at the end of the program's list.
pub async fn create_module(
    db: &Db,
    program: i64,
    cohort: Option<i64>,
    title: &str,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into material_module (program_id, cohort_id, title, position, created_by, created_at, updated_at) \
         values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from material_module where program_id = $1), $4, $5, $5) \
         returning id",
    )
    .bind(program)
    .bind(cohort)
    .bind(title)
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await
}

/// Renames a module.
pub async fn rename_module(db: &Db, id: i64, title: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update material_module set title = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(title)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}

/// A new empty unit at the end of a module, with its first revision.
pub async fn create_unit(
    db: &Db,
    module: i64,
    title: &str,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "insert into material_unit (module_id, title, body, position, locked_until_previous, \
         revision, created_by, created_at, updated_at) \
         values ($1, $2, '', (select coalesce(max(position), 0) + 1 from material_unit where module_id = $1), \
         0, 1, $3, $4, $4) returning id",
    )
    .bind(module)
    .bind(title)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "insert into material_revision (unit_id, number, title, body, author_id, created_at) \
         values ($1, 1, $2, '', $3, $4)",
    )
    .bind(id)
    .bind(title)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What an author saves of a unit.
pub struct UnitSave<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub locked_until_previous: bool,
    pub video_url: Option<&'a str>,
    pub video_minutes: Option<i64>,
}

/// Saves a unit and keeps the save as its next revision (who, when, title and body); the
/// author's draft of it is dropped. Returns the revision's number.
pub async fn save_unit(
    db: &Db,
    id: i64,
    save: &UnitSave<'_>,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let number: i64 = sqlx::query_scalar(
        "update material_unit set title = $2, body = $3, locked_until_previous = $4, \
         video_url = $5, video_minutes = $6, revision = revision + 1, updated_at = $7 \
         where id = $1 returning revision",
    )
    .bind(id)
    .bind(save.title)
    .bind(save.body)
    .bind(i64::from(save.locked_until_previous))
    .bind(save.video_url)
    .bind(save.video_minutes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "insert into material_revision (unit_id, number, title, body, author_id, created_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(number)
    .bind(save.title)
    .bind(save.body)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("delete from material_draft where unit_id = $1 and user_id = $2")
        .bind(id)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(number)
}

/// Keeps what an author typed to preview it, without saving the unit.
pub async fn keep_draft(
    db: &Db,
    unit: i64,
    by: i64,
    title: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into material_draft (unit_id, user_id, title, body, created_at) values ($1, $2, $3, $4, $5) \
         on conflict (unit_id, user_id) do update set title = excluded.title, body = excluded.body, \
         created_at = excluded.created_at",
    )
    .bind(unit)
    .bind(by)
    .bind(title)
    .bind(body)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// The author's draft of a unit: its title and body.
pub async fn draft(db: &Db, unit: i64, by: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("select title, body from material_draft where unit_id = $1 and user_id = $2")
        .bind(unit)
        .bind(by)
        .fetch_optional(db)
        .await
}

/// A revision in a unit's history.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub unit_id: i64,
    pub number: i64,
    pub title: String,
    pub body: String,
    pub author_name: String,
    pub created_at: i64,
}

const REVISION_SELECT: &str = "select r.id, r.unit_id, r.number, r.title, r.body, \
     u.name as author_name, r.created_at from material_revision r join app_user u on u.id = r.author_id";

/// A unit's revisions, newest first.
pub async fn revisions(db: &Db, unit: i64) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REVISION_SELECT} where r.unit_id = $1 order by r.number desc"
    ))
    .bind(unit)
    .fetch_all(db)
    .await
}

/// One revision.
pub async fn revision(db: &Db, id: i64) -> Result<Option<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{REVISION_SELECT} where r.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Which way an item moves in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// `naik` or `turun` (the buttons' values).
    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "naik" | "up" => Some(Direction::Up),
            "turun" | "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// Swaps the position of `id` with its neighbour in `direction` among the rows of `table` that
/// share its `parent_column`; positions are first renumbered 1, 2, … so that equal positions
/// cannot stall a move. Nothing moves past either end.
async fn swap(
    db: &Db,
    table: &str,
    parent_column: &str,
    id: i64,
    direction: Direction,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let parent: Option<(i64,)> = sqlx::query_as(&format!(
        "select {parent_column} from {table} where id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((parent,)) = parent else {
        return Ok(());
    };
    let ids: Vec<(i64,)> = sqlx::query_as(&format!(
        "select id from {table} where {parent_column} = $1 order by position, id"
    ))
    .bind(parent)
    .fetch_all(&mut *tx)
    .await?;
    let mut ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let Some(at) = ids.iter().position(|&x| x == id) else {
        return Ok(());
    };
    let other = match direction {
        Direction::Up if at > 0 => at - 1,
        Direction::Down if at + 1 < ids.len() => at + 1,
        _ => return Ok(()),
    };
    ids.swap(at, other);
    for (position, row) in ids.iter().enumerate() {
        sqlx::query(&format!("update {table} set position = $2 where id = $1"))
            .bind(row)
            .bind(position as i64 + 1)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Moves a module up or down the program's list.
pub async fn move_module(db: &Db, id: i64, direction: Direction) -> Result<(), sqlx::Error> {
    swap(db, "material_module", "program_id", id, direction).await
}

/// Moves a unit up or down its module.
pub async fn move_unit(db: &Db, id: i64, direction: Direction) -> Result<(), sqlx::Error> {
    swap(db, "material_unit", "module_id", id, direction).await
}
