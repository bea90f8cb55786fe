//! Live board events. Each server process has one [`BoardHub`]: viewers of a board subscribe to
//! its channel, and after every change the hub reads the board's new events from the database,
//! renders each once per language and broadcasts it to every subscriber at once.
//!
//! The database stays the source of truth: a write only says "board N changed". On SQLite (one
//! process) the writer wakes its own hub; on PostgreSQL it also sends `NOTIFY pamong_board`, which
//! every process LISTENs to, so a viewer connected to any process sees a change made in any other.
//! A viewer that lost its connection reads what it missed from `board_event` (see `catch_up`).

use super::events::BoardEvent;
use super::streams::StreamSlots;
use super::views;
use crate::components::board_cards::{
    block_thread_id, comment_body, comment_body_id, comment_item, post_card, replies_id,
    status_badge, thread_id,
};
use crate::i18n::I18n;
use crate::model::Lang;
use crate::ssr::db::{Backend, Db};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// The PostgreSQL channel every process listens on; the payload is the board id.
pub const NOTIFY_CHANNEL: &str = "pamong_board";

/// Frames a slow viewer may fall behind by before it is told to reload.
const CHANNEL_CAPACITY: usize = 256;
/// Ids of recently broadcast events kept per board. An event whose transaction committed after a
/// later one (possible on PostgreSQL) is still found if it is within this many ids.
const RECENT_IDS: usize = 256;
const LOOK_BACK: i64 = 64;

/// One event, ready to send: its id and its data in each language.
#[derive(Debug)]
pub struct LiveFrame {
    pub id: i64,
    /// Who caused the event (their own events are never unread for them).
    pub actor: i64,
    data: [String; 2],
}

impl LiveFrame {
    /// The event's `data:` JSON for a viewer reading in `lang`.
    pub fn data(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.data[0],
            Lang::En => &self.data[1],
        }
    }
}

struct Channel {
    tx: broadcast::Sender<Arc<LiveFrame>>,
    /// Events up to here are older than the channel: its viewers read them from the database.
    /// Set (under this lock) when the channel is made, before any subscriber reads its backlog.
    state: tokio::sync::Mutex<Option<Cursor>>,
}

struct Cursor {
    floor: i64,
    sent: BTreeSet<i64>,
}

struct Inner {
    db: Db,
    backend: Backend,
    channels: Mutex<HashMap<i64, Arc<Channel>>>,
    streams: StreamSlots,
    frames: Mutex<FrameCache>,
}

/// Frames rendered lately, by event id: an event is rendered once in this process, whether it is
/// broadcast or sent to viewers catching up (a cohort's phones reconnecting after a network blip
/// all ask for the same missed events).
#[derive(Default)]
struct FrameCache {
    by_event: HashMap<i64, Option<Arc<LiveFrame>>>,
    order: std::collections::VecDeque<i64>,
    /// Events rendered since the start (for tests and the logs).
    rendered: u64,
}

/// Frames the cache keeps (a few hundred kilobytes).
const CACHED_FRAMES: usize = 2048;

/// The live hub of one server process. Cheap to clone.
#[derive(Clone)]
pub struct BoardHub {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for BoardHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let boards = self.inner.channels.lock().map(|c| c.len()).unwrap_or(0);
        f.debug_struct("BoardHub").field("boards", &boards).finish()
    }
}

impl BoardHub {
    pub fn new(db: Db, backend: Backend) -> BoardHub {
        BoardHub {
            inner: Arc::new(Inner {
                db,
                backend,
                channels: Mutex::new(HashMap::new()),
                streams: StreamSlots::default(),
                frames: Mutex::new(FrameCache::default()),
            }),
        }
    }

    /// The frame of `event`, rendered once in this process and then shared.
    pub async fn frame_of(
        &self,
        event: &BoardEvent,
    ) -> Result<Option<Arc<LiveFrame>>, sqlx::Error> {
        let cached = self
            .inner
            .frames
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .by_event
            .get(&event.id)
            .cloned();
        if let Some(frame) = cached {
            return Ok(frame);
        }
        let frame = frame(&self.inner.db, event).await?.map(Arc::new);
        let mut cache = self
            .inner
            .frames
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.rendered += 1;
        if cache.by_event.insert(event.id, frame.clone()).is_none() {
            cache.order.push_back(event.id);
        }
        while cache.order.len() > CACHED_FRAMES {
            if let Some(oldest) = cache.order.pop_front() {
                cache.by_event.remove(&oldest);
            }
        }
        Ok(frame)
    }

    /// How many events this process has rendered into frames.
    pub fn frames_rendered(&self) -> u64 {
        self.inner
            .frames
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .rendered
    }

    /// The live streams each person holds open in this process (at most a few each).
    pub fn streams(&self) -> &StreamSlots {
        &self.inner.streams
    }

    fn channel(&self, board: i64) -> (Arc<Channel>, bool) {
        let mut channels = self
            .inner
            .channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(channel) = channels.get(&board) {
            return (channel.clone(), false);
        }
        let (tx, _) = broadcast::channel(CHANNEL_CAPACITY);
        let channel = Arc::new(Channel {
            tx,
            state: tokio::sync::Mutex::new(None),
        });
        channels.insert(board, channel.clone());
        (channel, true)
    }

    /// Subscribes to `board`. Every event committed after this returns reaches the receiver
    /// (older ones are the caller's to read from the database).
    pub async fn subscribe(
        &self,
        board: i64,
    ) -> Result<broadcast::Receiver<Arc<LiveFrame>>, sqlx::Error> {
        let (channel, _) = self.channel(board);
        let rx = channel.tx.subscribe();
        let mut state = channel.state.lock().await;
        if state.is_none() {
            *state = Some(Cursor {
                floor: views::last_event(&self.inner.db, board).await?,
                sent: BTreeSet::new(),
            });
        }
        Ok(rx)
    }

    /// Viewers of `board` connected to this process.
    pub fn viewers(&self, board: i64) -> usize {
        let channels = self
            .inner
            .channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        channels.get(&board).map_or(0, |c| c.tx.receiver_count())
    }

    /// Says that `board` changed (call after the change committed): this process's viewers get the
    /// new events now, and on PostgreSQL every other process is told too.
    pub async fn changed(&self, board: i64) {
        if self.inner.backend == Backend::Postgres {
            if let Err(err) = sqlx::query("select pg_notify($1, $2)")
                .bind(NOTIFY_CHANNEL)
                .bind(board.to_string())
                .execute(&self.inner.db)
                .await
            {
                tracing::warn!(%err, board, "could not notify other processes of a board change");
            }
        }
        self.refresh(board).await;
    }

    /// Reads the new events of `board` and broadcasts them to this process's viewers.
    pub async fn refresh(&self, board: i64) {
        let channel = {
            let mut channels = self
                .inner
                .channels
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match channels.get(&board) {
                Some(c) if c.tx.receiver_count() == 0 => {
                    channels.remove(&board);
                    return;
                }
                Some(c) => c.clone(),
                None => return,
            }
        };
        let mut state = channel.state.lock().await;
        let Some(cursor) = state.as_mut() else {
            return;
        };
        let newest_sent = cursor.sent.last().copied().unwrap_or(cursor.floor);
        let after = cursor.floor.max(newest_sent - LOOK_BACK);
        let events = match super::events::since(&self.inner.db, board, after, 500).await {
            Ok(events) => events,
            Err(err) => {
                tracing::warn!(%err, board, "could not read new board events");
                return;
            }
        };
        for event in events {
            if cursor.sent.contains(&event.id) {
                continue;
            }
            cursor.sent.insert(event.id);
            match self.frame_of(&event).await {
                Ok(Some(frame)) => {
                    let _ = channel.tx.send(frame);
                }
                Ok(None) => {}
                Err(err) => {
                    tracing::warn!(%err, event = event.id, "could not render a board event")
                }
            }
        }
        while cursor.sent.len() > RECENT_IDS {
            cursor.sent.pop_first();
        }
    }
}

/// Follows `NOTIFY pamong_board` on PostgreSQL and refreshes the hub's boards; reconnects after
/// a lost connection (and then refreshes every board with viewers, for what it may have missed).
/// Ends once the hub's server is gone.
pub async fn listen_postgres(hub: BoardHub, url: String) {
    use sqlx::postgres::PgListener;
    let weak = Arc::downgrade(&hub.inner);
    drop(hub);
    let hub = move || weak.upgrade().map(|inner| BoardHub { inner });
    loop {
        let Some(live) = hub() else { return };
        drop(live);
        match PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen(NOTIFY_CHANNEL).await {
                Err(err) => tracing::warn!(%err, "could not LISTEN for board changes"),
                Ok(()) => {
                    let Some(live) = hub() else { return };
                    let boards: Vec<i64> = live
                        .inner
                        .channels
                        .lock()
                        .map(|c| c.keys().copied().collect())
                        .unwrap_or_default();
                    for board in boards {
                        live.refresh(board).await;
                    }
                    drop(live);
                    loop {
                        match listener.recv().await {
                            Ok(note) => {
                                let Some(live) = hub() else { return };
                                if let Ok(board) = note.payload().parse::<i64>() {
                                    tokio::spawn(async move { live.refresh(board).await });
                                }
                            }
                            Err(err) => {
                                tracing::warn!(%err, "board change listener lost its connection");
                                break;
                            }
                        }
                    }
                }
            },
            Err(err) => tracing::warn!(%err, "could not connect the board change listener"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// The frame of `event` in both languages; None when what it is about is gone.
pub async fn frame(db: &Db, event: &BoardEvent) -> Result<Option<LiveFrame>, sqlx::Error> {
    let Some(post) = event.post_id else {
        return Ok(None);
    };
    let Some(card) = views::card(db, post).await? else {
        return Ok(None);
    };
    let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
    let comment = match (event.kind.as_str(), payload["comment"].as_i64()) {
        ("comment" | "comment_hidden", Some(id)) => views::comment(db, id).await?,
        _ => None,
    };
    let render = |lang: Lang| {
        let i = I18n(lang);
        let mut ops = vec![json!({
            "upsert": format!("pos-{post}"),
            "into": "daftar-pos",
            "html": post_card(i, &card).to_html(),
        })];
        match event.kind.as_str() {
            "status" => ops.push(json!({
                "upsert": format!("status-{post}"),
                "html": view! { <span id=format!("status-{post}")>{status_badge(i, card.status)}</span> }.to_html(),
            })),
            "revision" => ops.push(json!({ "show": format!("versi-baru-{post}") })),
            // Only the author's and moderators' pages have this notice: others see no score.
            "score" => ops.push(json!({ "show": format!("nilai-baru-{post}") })),
            _ => {}
        }
        if let (Some(comment), "comment_hidden") = (&comment, event.kind.as_str()) {
            // Only the text is replaced: the replies under it stay.
            ops.push(json!({
                "upsert": comment_body_id(comment.id.0),
                "html": comment_body(i, comment).to_html(),
            }));
        } else if let Some(comment) = &comment {
            let into = match (comment.parent_id, &comment.anchor) {
                (Some(parent), _) => replies_id(parent.0),
                (None, Some(block)) if comment.revision == card.revision => {
                    block_thread_id(post, card.revision, block)
                }
                _ => thread_id(post),
            };
            ops.push(json!({
                "add": format!("k-{}", comment.id),
                "into": into,
                "html": comment_item(i, post, card.revision, comment, ().into_any()).to_html(),
            }));
        }
        json!({ "kind": event.kind, "post": post, "ops": ops }).to_string()
    };
    Ok(Some(LiveFrame {
        id: event.id,
        actor: event.actor_id,
        data: [render(Lang::Id), render(Lang::En)],
    }))
}
