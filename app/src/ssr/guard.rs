//! Who may call: one typed guard per kind of caller, the first thing every server function and
//! every raw route takes. Hiding a button is never the check.
//!
//! A server function asks with `Admin::require().await?` (the session from the Leptos context); a
//! raw route names the guard among its extractors (`admin: Admin`), and code that must check
//! later than that (the quiz save, which the answer writer authenticates with its group) calls
//! `of_session`. Every refusal is an [`AppError`]: `Unauthenticated` for a visitor, `Forbidden`
//! for a caller of another role; `ssr::http` turns it into the HTTP answer.

use super::auth::{current_user, load_session_user};
use super::db::{internal, Db};
use super::institutions;
use super::request::{lang_from_headers, request_lang};
use super::{scope, state, AppState};
use crate::i18n::text;
use crate::model::{
    AppError, CohortId, CurrentUser, ErrorKind, InstitutionId, Lang, ProgramId, Role,
};
use axum::extract::FromRequestParts;
use http::request::Parts;
use tower_sessions::Session;

/// Anyone signed in.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
}

/// An admin, with the institution at the root of their scope (theirs; everything below it is in
/// scope too). The caller still checks that the thing asked for is in scope.
#[derive(Clone, Debug)]
pub struct Admin {
    pub user: CurrentUser,
    pub scope: InstitutionId,
}

/// An admin or a mentor (rubrics, which both write).
#[derive(Clone, Debug)]
pub struct Staff {
    pub user: CurrentUser,
}

/// A mentor.
#[derive(Clone, Debug)]
pub struct Mentor {
    pub user: CurrentUser,
}

/// A participant.
#[derive(Clone, Debug)]
pub struct Participant {
    pub user: CurrentUser,
}

impl Admin {
    /// Whether the admin's institution is at the top of the tree (a province agency), which
    /// also sees the accounts placed in no institution.
    pub async fn is_top_level(&self, db: &Db) -> Result<bool, AppError> {
        institutions::is_top_level(db, self.scope)
            .await
            .map_err(|e| internal("scope", e))
    }

    /// The caller of the current server function as an admin whose scope holds cohort `cohort`:
    /// the refusal of [`Admin::require`], or the 404 of a cohort outside the scope.
    pub async fn require_cohort(cohort: CohortId) -> Result<Admin, AppError> {
        let admin = Admin::require().await?;
        scope::require_cohort(&state()?.db, admin.scope, cohort).await?;
        Ok(admin)
    }

    /// The caller of the current server function as an admin whose scope holds program
    /// `program`: the refusal of [`Admin::require`], or the 404 of a program outside the scope.
    pub async fn require_program(program: ProgramId) -> Result<Admin, AppError> {
        let admin = Admin::require().await?;
        scope::require_program(&state()?.db, admin.scope, program).await?;
        Ok(admin)
    }
}

/// The refusal of a visitor.
fn sign_in_required(lang: Lang) -> AppError {
    AppError::new(
        ErrorKind::Unauthenticated,
        text(lang, "auth.sign_in_required"),
    )
}

/// The refusal of a signed-in caller of another role (logged: the pages never offer it).
fn forbidden(user: &CurrentUser, lang: Lang) -> AppError {
    tracing::warn!(user = user.id.0, role = user.role.code(), "forbidden call");
    AppError::new(ErrorKind::Forbidden, text(lang, "auth.forbidden"))
}

/// What a guard checks once the caller is known.
trait Admits: Sized {
    /// `user` as this guard, or the refusal (messages in `lang`).
    fn admit(user: CurrentUser, lang: Lang) -> Result<Self, AppError>;
}

impl Admits for SignedIn {
    fn admit(user: CurrentUser, _: Lang) -> Result<Self, AppError> {
        Ok(SignedIn { user })
    }
}

impl Admits for Admin {
    fn admit(user: CurrentUser, lang: Lang) -> Result<Self, AppError> {
        if user.role != Role::Admin {
            return Err(forbidden(&user, lang));
        }
        match user.institution_id {
            Some(scope) => Ok(Admin { user, scope }),
            None => Err(AppError::new(
                ErrorKind::Forbidden,
                text(lang, "admin.no_institution"),
            )),
        }
    }
}

impl Admits for Staff {
    fn admit(user: CurrentUser, lang: Lang) -> Result<Self, AppError> {
        match user.role {
            Role::Admin | Role::Mentor => Ok(Staff { user }),
            _ => Err(forbidden(&user, lang)),
        }
    }
}

impl Admits for Mentor {
    fn admit(user: CurrentUser, lang: Lang) -> Result<Self, AppError> {
        match user.role {
            Role::Mentor => Ok(Mentor { user }),
            _ => Err(forbidden(&user, lang)),
        }
    }
}

impl Admits for Participant {
    fn admit(user: CurrentUser, lang: Lang) -> Result<Self, AppError> {
        match user.role {
            Role::Participant => Ok(Participant { user }),
            _ => Err(forbidden(&user, lang)),
        }
    }
}

/// The caller of the current server function as guard `G`.
async fn from_context<G: Admits>() -> Result<G, AppError> {
    let lang = request_lang();
    let user = current_user()
        .await?
        .ok_or_else(|| sign_in_required(lang))?;
    G::admit(user, lang)
}

/// The user of `session` as guard `G`.
async fn from_session<G: Admits>(
    state: &AppState,
    session: &Session,
    lang: Lang,
) -> Result<G, AppError> {
    let user = load_session_user(session, &state.db)
        .await?
        .ok_or_else(|| sign_in_required(lang))?;
    G::admit(user, lang)
}

/// The caller of a raw route as guard `G` (messages in the language of its cookie).
async fn from_parts<G: Admits>(parts: &mut Parts, state: &AppState) -> Result<G, AppError> {
    let session = Session::from_request_parts(parts, state)
        .await
        .map_err(|(_, err)| internal("no session layer", err))?;
    let lang = lang_from_headers(&parts.headers, state.settings.default_lang);
    from_session(state, &session, lang).await
}

/// The constructors every guard has: for server functions, for raw routes (the extractor), and
/// from a session at hand.
macro_rules! guard {
    ($($guard:ident),*) => {$(
        impl $guard {
            /// The caller of the current server function, or the refusal.
            pub async fn require() -> Result<$guard, AppError> {
                from_context().await
            }

            /// The user of `session`, or the refusal (messages in `lang`).
            pub async fn of_session(
                state: &AppState,
                session: &Session,
                lang: Lang,
            ) -> Result<$guard, AppError> {
                from_session(state, session, lang).await
            }
        }

        impl FromRequestParts<AppState> for $guard {
            type Rejection = AppError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<$guard, AppError> {
                from_parts(parts, state).await
            }
        }
    )*};
}

guard!(SignedIn, Admin, Staff, Mentor, Participant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UserId;

    fn user(role: Role, institution: Option<i64>) -> CurrentUser {
        CurrentUser {
            id: UserId(7),
            name: "Sri".into(),
            email: Some("sri@sekolah.test".into()),
            role,
            institution_id: institution.map(InstitutionId),
            institution_name: None,
        }
    }

    #[test]
    fn each_guard_admits_its_roles_only() {
        let lang = Lang::Id;
        assert!(Admin::admit(user(Role::Admin, Some(1)), lang).is_ok_and(|a| a.scope.0 == 1));
        let kind = |r: Result<_, AppError>| r.err().map(|e: AppError| e.kind);
        assert_eq!(
            kind(Admin::admit(user(Role::Admin, None), lang).map(|_| ())),
            Some(ErrorKind::Forbidden)
        );
        assert_eq!(
            kind(Admin::admit(user(Role::Mentor, Some(1)), lang).map(|_| ())),
            Some(ErrorKind::Forbidden)
        );
        assert!(Staff::admit(user(Role::Mentor, None), lang).is_ok());
        assert!(Staff::admit(user(Role::Admin, Some(1)), lang).is_ok());
        assert!(Staff::admit(user(Role::Participant, None), lang).is_err());
        assert!(Mentor::admit(user(Role::Admin, Some(1)), lang).is_err());
        assert!(Participant::admit(user(Role::Participant, None), lang).is_ok());
        assert!(Participant::admit(user(Role::Mentor, None), lang).is_err());
        assert!(SignedIn::admit(user(Role::Participant, None), lang).is_ok());
    }
}
