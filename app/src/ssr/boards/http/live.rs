//! `GET /papan/{id}/aliran`: the live stream of a board as server-sent events.
//!
//! A viewer who may read the board gets, in order: the events after the one it names
//! (`Last-Event-ID`, which browsers send themselves when they reconnect, or `?sejak=` on the first
//! connection: the newest event when its page was rendered), then every new event as it happens.
//! Anyone else gets the 404 of a board that does not exist, and nothing more. Each event's data is
//! a small JSON of DOM operations carrying HTML fragments rendered by the same functions as the
//! page (see `crate::ssr::boards::live`).
//!
//! A stream ends by itself after about a quarter of an hour; the browser reconnects with its last
//! id, which checks the viewer's access again. Meanwhile the stream checks every
//! `live_recheck_secs` (a minute by default) that its session is still signed in (not signed out,
//! not past its age, no role or password change since) and that the viewer may still read what it
//! follows (a participant who withdrew or moved to another group), and ends when not. A viewer
//! too far behind is told to reload instead.

use crate::model::{AppError, CurrentUser, ErrorKind, Lang};
use crate::ssr::boards::live::LiveFrame;
use crate::ssr::boards::streams::StreamSlot;
use crate::ssr::boards::{access, events, views};
use crate::ssr::db::internal;
use crate::ssr::guard::SignedIn;
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use http::HeaderMap;
use serde::Deserialize;
use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;
use tower_sessions::Session;

use crate::ssr::http::refusal;

/// Missed events a reconnecting viewer is sent; further behind, it reloads the page instead.
const MAX_CATCH_UP: i64 = 500;
/// How long one stream lasts before the browser is made to reconnect (plus up to a minute).
const STREAM_LIFETIME: Duration = Duration::from_secs(14 * 60);
/// How long a browser waits before reconnecting after a dropped connection.
const RETRY_MS: u64 = 2_000;

/// The live routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/papan/{id}/aliran", get(stream_board))
        .route("/belum-dibaca/aliran", get(stream_unread))
}

#[derive(Debug, Default, Deserialize)]
pub struct StreamQuery {
    /// Start after this event (the first connection; reconnections send `Last-Event-ID`).
    sejak: Option<String>,
}

async fn stream_board(
    State(state): State<AppState>,
    session: Session,
    SignedIn { user }: SignedIn,
    Path(board_id): Path<String>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let not_found = || refusal(ErrorKind::NotFound, lang, "board.not_found");
    let Ok(board_id) = board_id.parse::<i64>() else {
        return Err(not_found());
    };
    let board = match access::board_and_right(&state.db, &user, board_id).await {
        Ok(Some((board, _))) => board,
        Ok(None) => return Err(not_found()),
        Err(err) => return Err(internal("live board right", err)),
    };
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .or(query.sejak.as_deref())
        .and_then(|v| v.trim().parse::<i64>().ok());
    // Subscribe before reading the backlog, so that nothing falls between the two.
    let receiver = match state.boards.subscribe(board.id).await {
        Ok(receiver) => receiver,
        Err(err) => return Err(internal("live board subscribe", err)),
    };
    let after = match resume {
        Some(after) => after.max(0),
        None => match views::last_event(&state.db, board.id).await {
            Ok(last) => last,
            Err(err) => return Err(internal("live board last event", err)),
        },
    };
    let backlog = match events::since(&state.db, board.id, after, MAX_CATCH_UP + 1).await {
        Ok(backlog) => backlog,
        Err(err) => return Err(internal("live board backlog", err)),
    };
    let mut missed = Vec::new();
    let too_far_behind = backlog.len() as i64 > MAX_CATCH_UP;
    if !too_far_behind {
        for event in &backlog {
            match state.boards.frame_of(event).await {
                Ok(Some(frame)) => missed.push(frame),
                Ok(None) => {}
                Err(err) => return Err(internal("live board catch-up", err)),
            }
        }
    }
    let seen: HashSet<i64> = backlog.iter().map(|e| e.id).collect();
    tracing::debug!(
        user = user.id.0,
        board = board.id,
        after,
        missed = missed.len(),
        "live viewer"
    );
    let slot = state.boards.streams().open(user.id.0);
    let events = live_events(lang, after, missed, too_far_behind, seen, receiver);
    let board_id = board.id;
    let revoked = until_revoked(state, &session, user, move |state, user| async move {
        access::board_and_right(&state.db, &user, board_id)
            .await
            .map(|right| right.is_some())
    });
    Ok(
        Sse::new(bounded(events, slot, revoked).map(Ok::<_, Infallible>))
            .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
            .into_response(),
    )
}

/// Why a stream ends before its events do.
enum End {
    /// Its lifetime is over, or the viewer may no longer follow it: the browser reconnects, and
    /// access is checked again (and refused).
    Reconnect,
    /// A newer stream of the same person took its slot (`crate::ssr::boards::streams`).
    Replaced,
}

/// `events` until they end, the stream's lifetime (about a quarter of an hour, spread so that
/// reconnections do not all come at once) is over, `revoked` completes, or a newer stream of the
/// same person takes its slot: then a last `tutup` event tells the browser not to reconnect (it
/// would close another of that person's streams in turn). The slot is held, and counted, for as
/// long as the stream is.
fn bounded(
    events: impl Stream<Item = Event> + Send,
    slot: StreamSlot,
    revoked: impl std::future::Future<Output = ()> + Send,
) -> impl Stream<Item = Event> + Send {
    enum Item {
        Event(Event),
        End(End),
    }
    let lifetime = STREAM_LIFETIME + Duration::from_millis(rand::random::<u64>() % 60_000);
    let end = async move {
        tokio::select! {
            _ = tokio::time::sleep(lifetime) => End::Reconnect,
            _ = revoked => End::Reconnect,
            _ = slot.displaced() => End::Replaced,
        }
    };
    let events = events
        .map(Item::Event)
        .chain(stream::once(std::future::ready(Item::End(End::Reconnect))));
    stream::select(events, stream::once(end).map(Item::End)).scan(false, |ended, item| {
        std::future::ready(match item {
            _ if *ended => None,
            Item::Event(event) => Some(event),
            Item::End(End::Reconnect) => None,
            Item::End(End::Replaced) => {
                *ended = true;
                Some(Event::default().event("tutup").data("{}"))
            }
        })
    })
}

/// Completes once the viewer may no longer follow the stream, checked every `live_recheck`:
/// their session is no longer signed in to the same account (signed out, past its age, its
/// epoch bumped by a role or password change), or `may_follow` says no for the user as they are
/// now. A database error ends the stream too: the browser reconnects, which checks everything
/// afresh.
fn until_revoked<F, Fut>(
    state: AppState,
    session: &Session,
    viewer: CurrentUser,
    may_follow: F,
) -> impl std::future::Future<Output = ()> + Send + 'static
where
    F: Fn(AppState, CurrentUser) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<bool, sqlx::Error>> + Send,
{
    let session_id = session.id().map(|id| id.to_string());
    async move {
        let Some(session_id) = session_id else {
            return;
        };
        let every = state.settings.live_recheck;
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let now = crate::ssr::db::now_unix();
            let user = match crate::ssr::users::by_session(&state.db, &session_id, now).await {
                Ok(Some(user)) if user.id == viewer.id => user,
                Ok(_) => {
                    tracing::debug!(user = viewer.id.0, "live stream: signed out");
                    return;
                }
                Err(err) => {
                    tracing::warn!(%err, "live stream: session check");
                    return;
                }
            };
            match may_follow(state.clone(), user).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::debug!(user = viewer.id.0, "live stream: access ended");
                    return;
                }
                Err(err) => {
                    tracing::warn!(%err, "live stream: access check");
                    return;
                }
            }
        }
    }
}

fn to_event(lang: Lang, frame: &LiveFrame) -> Event {
    Event::default()
        .id(frame.id.to_string())
        .event("papan")
        .data(frame.data(lang))
}

/// Tells the page to reload (it fell too far behind to catch up event by event).
fn reload_event() -> Event {
    Event::default().event("muat-ulang").data("{}")
}

/// The retry interval first, then the missed events, then live ones (skipping any the catch-up
/// already sent and any at or before `after`, which the viewer has).
fn live_events(
    lang: Lang,
    after: i64,
    missed: Vec<Arc<LiveFrame>>,
    too_far_behind: bool,
    seen: HashSet<i64>,
    receiver: broadcast::Receiver<Arc<LiveFrame>>,
) -> impl Stream<Item = Event> + Send {
    let first = std::iter::once(Event::default().retry(Duration::from_millis(RETRY_MS)));
    let head: Vec<Event> = if too_far_behind {
        first.chain(std::iter::once(reload_event())).collect()
    } else {
        first
            .chain(missed.iter().map(|frame| to_event(lang, frame)))
            .collect()
    };
    let ended = too_far_behind;
    let tail = stream::unfold(
        (receiver, seen, ended),
        move |(mut receiver, seen, ended)| async move {
            if ended {
                return None;
            }
            loop {
                match receiver.recv().await {
                    Ok(frame) if frame.id <= after || seen.contains(&frame.id) => continue,
                    Ok(frame) => return Some((to_event(lang, &frame), (receiver, seen, false))),
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        return Some((reload_event(), (receiver, seen, true)))
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    );
    stream::iter(head).chain(tail)
}

#[derive(Debug, Default, Deserialize)]
pub struct UnreadQuery {
    /// The board the page shows: it is being read, so it is left out.
    kecuali: Option<String>,
}

/// `GET /belum-dibaca/aliran`: the navigation's unread count, as server-sent events named
/// `belum-dibaca` whose data is the count. It starts with the count from the database, then adds
/// one for each event by someone else on the viewer's other boards, as the hub fans it out (no
/// query per event). Events named `pemberitahuan` carry the bell's count of unread
/// notifications (see [`with_bell`]). Like a board's stream it ends after about a quarter of an hour, and the
/// browser's reconnection counts afresh (which also takes in boards read in another tab).
async fn stream_unread(
    State(state): State<AppState>,
    session: Session,
    SignedIn { user }: SignedIn,
    Query(query): Query<UnreadQuery>,
) -> Result<Response, AppError> {
    use crate::components::layout::UNREAD_CAP;
    let boards = match views::boards_of(&state.db, &user, crate::ssr::db::now_unix(), 500).await {
        Ok(boards) => boards,
        Err(err) => return Err(internal("unread stream boards", err)),
    };
    // Only one of the viewer's own boards can be left out (another's unread count is not theirs).
    let viewing = query
        .kecuali
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| {
            boards
                .iter()
                .any(|b| b.id == crate::model::ids::BoardId(*id))
        });
    let count = match views::unread_for_navigation(&state.db, &user, UNREAD_CAP, viewing).await {
        Ok(count) => count,
        Err(err) => return Err(internal("unread stream count", err)),
    };
    let mut followed = Vec::new();
    for board in boards.iter().filter(|b| Some(b.id.0) != viewing) {
        match state.boards.subscribe(board.id.0).await {
            Ok(receiver) => followed.push(receiver),
            Err(err) => return Err(internal("unread stream subscribe", err)),
        }
    }
    let me = user.id.0;
    let db = state.db.clone();
    let recount_every = state.settings.live_recheck;
    let slot = state.boards.streams().open(me);
    let mut following: Vec<i64> = boards.iter().map(|b| b.id.0).collect();
    following.sort_unstable();
    let revoked = until_revoked(state, &session, user, move |state, user| {
        let following = following.clone();
        async move {
            // Any change in the viewer's boards (a withdrawal, a move to another group) ends
            // the stream; the browser's reconnection counts afresh.
            let boards =
                views::boards_of(&state.db, &user, crate::ssr::db::now_unix(), 500).await?;
            let mut now: Vec<i64> = boards.iter().map(|b| b.id.0).collect();
            now.sort_unstable();
            Ok(now == following)
        }
    });
    let increments = stream::select_all(followed.into_iter().map(|receiver| {
        Box::pin(stream::unfold(receiver, move |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(frame) if frame.actor == me => continue,
                    Ok(_) => return Some((1i64, receiver)),
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        return Some((missed as i64, receiver))
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        }))
    }));
    let notified = match crate::ssr::notifications::store::unread(&db, me, UNREAD_CAP).await {
        Ok(count) => count,
        Err(err) => return Err(internal("unread stream notifications", err)),
    };
    // With no board (or once every board's channel closes) the increments wait for the end.
    let increments = increments.map(Tick::Board).chain(stream::pending());
    let events = stream::iter([
        Event::default().retry(Duration::from_millis(RETRY_MS)),
        unread_event(count),
        bell_event(notified),
    ])
    .chain(with_bell(
        db,
        me,
        increments,
        count,
        notified,
        recount_every,
    ));
    Ok(
        Sse::new(bounded(events, slot, revoked).map(Ok::<_, Infallible>))
            .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
            .into_response(),
    )
}

/// What moves the counts of the unread stream.
enum Tick {
    /// Events by others on the viewer's boards.
    Board(i64),
    /// Time to count the notifications again, if something may have changed.
    Look,
}

/// How soon after an event on one of the viewer's boards the bell is counted again (a comment on
/// the viewer's work is such an event). Events within it share one count.
const BELL_AFTER_BOARD_EVENT: Duration = Duration::from_secs(2);

/// The board counts of `increments` (starting at `boards`) and the bell's count (starting at
/// `notified`), as events. The bell is counted again from the database (one indexed count) a
/// moment after an event by someone else on one of the viewer's boards, since most
/// notifications come with one, and every `recount_every` whatever happened (a registration
/// decided, a quiz opened), so a busy board costs each follower at most one count per moment.
fn with_bell(
    db: crate::ssr::db::Db,
    me: i64,
    increments: impl Stream<Item = Tick> + Send + Unpin + 'static,
    boards: i64,
    notified: i64,
    recount_every: Duration,
) -> impl Stream<Item = Event> + Send {
    let looks = stream::unfold(
        tokio::time::interval_at(
            tokio::time::Instant::now() + BELL_AFTER_BOARD_EVENT,
            BELL_AFTER_BOARD_EVENT,
        ),
        |mut every| async move {
            every.tick().await;
            Some((Tick::Look, every))
        },
    );
    struct Counts {
        boards: i64,
        notified: i64,
        /// A board event came since the last count.
        dirty: bool,
        last_count: tokio::time::Instant,
    }
    let counts = Counts {
        boards,
        notified,
        dirty: false,
        last_count: tokio::time::Instant::now(),
    };
    stream::unfold(
        (stream::select(increments, Box::pin(looks)), counts, db),
        move |(mut ticks, mut counts, db)| async move {
            loop {
                match ticks.next().await? {
                    Tick::Board(more) => {
                        counts.boards += more;
                        counts.dirty = true;
                        let event = unread_event(counts.boards);
                        return Some((event, (ticks, counts, db)));
                    }
                    Tick::Look => {
                        if !counts.dirty && counts.last_count.elapsed() < recount_every {
                            continue;
                        }
                        counts.dirty = false;
                        counts.last_count = tokio::time::Instant::now();
                        let now = match crate::ssr::notifications::store::unread(
                            &db,
                            me,
                            crate::components::layout::UNREAD_CAP,
                        )
                        .await
                        {
                            Ok(now) => now,
                            Err(err) => {
                                tracing::warn!(%err, "unread stream: bell count");
                                continue;
                            }
                        };
                        if now != counts.notified {
                            counts.notified = now;
                            return Some((bell_event(now), (ticks, counts, db)));
                        }
                    }
                }
            }
        },
    )
}

/// The bell's count of unread notifications.
fn bell_event(count: i64) -> Event {
    Event::default()
        .event("pemberitahuan")
        .data(count.to_string())
}

fn unread_event(count: i64) -> Event {
    Event::default()
        .event("belum-dibaca")
        .data(count.to_string())
}
