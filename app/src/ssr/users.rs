//! Accounts in the `app_user` table. The password hash stays in this module's row types, which
//! never derive `Serialize`.

use super::db::Db;
use super::institutions::SCOPE_CTE;
use crate::model::{CurrentUser, InstitutionId, Nip, Role, UserId, UserSummary};

/// What is needed to create an account.
pub struct NewUser<'a> {
    pub name: &'a str,
    /// Already lower-cased.
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub nip: Option<&'a Nip>,
    pub institution_id: Option<InstitutionId>,
}

/// Why an account could not be created.
#[derive(Debug)]
pub enum CreateUserError {
    EmailTaken,
    NipTaken,
    Database(sqlx::Error),
}

/// The row sign-in checks a password against.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub session_epoch: i64,
}

#[derive(sqlx::FromRow)]
struct CurrentUserRow {
    id: i64,
    name: String,
    email: Option<String>,
    role: String,
    institution_id: Option<i64>,
    institution_name: Option<String>,
    session_epoch: i64,
}

impl CurrentUserRow {
    /// The user as the session sees them, and their session epoch.
    fn into_user(self) -> (CurrentUser, i64) {
        (
            CurrentUser {
                id: UserId(self.id),
                name: self.name,
                email: self.email,
                role: role_of(&self.role),
                institution_id: self.institution_id.map(InstitutionId),
                institution_name: self.institution_name,
            },
            self.session_epoch,
        )
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    email: Option<String>,
    role: String,
    nip: Option<String>,
    institution_name: Option<String>,
}

fn role_of(code: &str) -> Role {
    // The column has a check constraint; a stray value gets the least power.
    Role::from_code(code).unwrap_or(Role::Participant)
}

/// Creates an account and returns its id.
pub async fn create<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    user: NewUser<'_>,
    now: i64,
) -> Result<UserId, CreateUserError> {
    let result: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into app_user (name, email, password_hash, role, nip, institution_id, session_epoch, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, 0, $7, $7) returning id",
    )
    .bind(user.name)
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.role.code())
    .bind(user.nip.map(Nip::as_str))
    .bind(user.institution_id.map(|i| i.0))
    .bind(now)
    .fetch_one(db)
    .await;
    match result {
        Ok((id,)) => Ok(UserId(id)),
        Err(err) if super::db::is_unique_violation(&err) => {
            let text = err.to_string();
            if text.contains("nip") {
                Err(CreateUserError::NipTaken)
            } else {
                Err(CreateUserError::EmailTaken)
            }
        }
        Err(err) => Err(CreateUserError::Database(err)),
    }
}

/// Whether `email` (lower-cased) and `nip` already belong to an account: checked before a new
/// password is hashed, so that a taken e-mail costs no argon2. `create` still maps the unique
/// constraints, for two sign-ups of one e-mail at the same moment.
pub async fn taken(db: &Db, email: &str, nip: Option<&Nip>) -> Result<(bool, bool), sqlx::Error> {
    let (emails, nips): (i64, i64) = sqlx::query_as(
        "select (select count(*) from app_user where email = $1), \
         (select count(*) from app_user where nip = $2)",
    )
    .bind(email)
    .bind(nip.map(Nip::as_str))
    .fetch_one(db)
    .await?;
    Ok((emails > 0, nips > 0))
}

/// The credentials of the account with `email` (lower-cased), if any.
pub async fn credentials_by_email(
    db: &Db,
    email: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("select id, password_hash, session_epoch from app_user where email = $1")
        .bind(email)
        .fetch_optional(db)
        .await
}

/// The credentials of account `id`.
pub async fn credentials_by_id(db: &Db, id: UserId) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("select id, password_hash, session_epoch from app_user where id = $1")
        .bind(id.0)
        .fetch_optional(db)
        .await
}

/// The user `id` as the session sees them, with their session epoch.
pub async fn current(db: &Db, id: UserId) -> Result<Option<(CurrentUser, i64)>, sqlx::Error> {
    let row: Option<CurrentUserRow> = sqlx::query_as(
        "select u.id, u.name, u.email, u.role, u.institution_id, i.name as institution_name, u.session_epoch \
         from app_user u left join institution i on i.id = u.institution_id where u.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db)
    .await?;
    Ok(row.map(CurrentUserRow::into_user))
}

/// The user signed in to session `session_id` (unexpired at `now`, epoch still current), read
/// with the session in one query from the copies the session store keeps beside its data.
pub async fn by_session(
    db: &Db,
    session_id: &str,
    now: i64,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<CurrentUserRow> = sqlx::query_as(
        "select u.id, u.name, u.email, u.role, u.institution_id, i.name as institution_name, u.session_epoch \
         from session s join app_user u on u.id = s.user_id \
         left join institution i on i.id = u.institution_id \
         where s.id = $1 and s.expires_at > $2 and s.user_epoch = u.session_epoch",
    )
    .bind(session_id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.into_user().0))
}

/// Replaces the password and bumps the session epoch, which signs out every other session, on
/// `db` (the pool, or a transaction that does more). Returns the new epoch.
pub async fn set_password<'e, E>(
    db: E,
    id: UserId,
    password_hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let (epoch,): (i64,) = sqlx::query_as(
        "update app_user set password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 \
         where id = $3 returning session_epoch",
    )
    .bind(password_hash)
    .bind(now)
    .bind(id.0)
    .fetch_one(db)
    .await?;
    Ok(epoch)
}

/// Changes a role. The epoch is bumped so that open sessions pick up the new role at once.
pub async fn set_role<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    id: UserId,
    role: Role,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update app_user set role = $1, session_epoch = session_epoch + 1, updated_at = $2 where id = $3")
        .bind(role.code())
        .bind(now)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Filter and page of an admin's account list.
#[derive(Clone, Debug, Default)]
pub struct UserFilter {
    /// Matches name or e-mail, case-insensitively.
    pub search: Option<String>,
    pub role: Option<Role>,
    pub limit: i64,
    pub offset: i64,
}

/// The `where` clause that limits accounts to an admin's scope.
/// `$1` is the admin's institution; a top-level admin also sees accounts with no institution.
fn scope_clause(top_level: bool) -> &'static str {
    if top_level {
        "(u.institution_id in (select id from scope) or u.institution_id is null)"
    } else {
        "u.institution_id in (select id from scope)"
    }
}

/// Accounts within the scope of an admin at `root`, filtered and paged, plus the total count.
pub async fn list_in_scope(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
    filter: &UserFilter,
) -> Result<(Vec<UserSummary>, i64), sqlx::Error> {
    let pattern = filter
        .search
        .as_deref()
        .map(|s| format!("%{}%", s.to_lowercase()))
        .unwrap_or_else(|| "%".to_string());
    let role = filter.role.map(Role::code).unwrap_or("%");
    let condition = format!(
        "{} and (lower(u.name) like $2 or u.email like $2) and u.role like $3",
        scope_clause(top_level)
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select u.id, u.name, u.email, u.role, u.nip, i.name as institution_name \
         from app_user u left join institution i on i.id = u.institution_id \
         where {condition} order by u.role, u.name, u.id limit $4 offset $5"
    ))
    .bind(root.0)
    .bind(&pattern)
    .bind(role)
    .bind(filter.limit)
    .bind(filter.offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from app_user u where {condition}"
    ))
    .bind(root.0)
    .bind(&pattern)
    .bind(role)
    .fetch_one(db)
    .await?;
    let users = rows
        .into_iter()
        .map(|r| UserSummary {
            id: UserId(r.id),
            name: r.name,
            email: r.email,
            role: role_of(&r.role),
            nip: r.nip,
            institution_name: r.institution_name,
        })
        .collect();
    Ok((users, total))
}

/// Whether account `id` is within the scope of an admin at `root`.
pub async fn is_in_scope(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
    id: UserId,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from app_user u where u.id = $2 and {}",
        scope_clause(top_level)
    ))
    .bind(root.0)
    .bind(id.0)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Number of accounts per role within an admin's scope.
pub async fn count_by_role_in_scope(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
) -> Result<Vec<(Role, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select u.role, count(*) from app_user u where {} group by u.role",
        scope_clause(top_level)
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(role, count)| (role_of(&role), count))
        .collect())
}

/// Total number of accounts (the demo seed only runs on an empty database).
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("select count(*) from app_user")
        .fetch_one(db)
        .await?;
    Ok(count)
}
