//! How many live streams (board and unread-count streams) one person holds open in this process:
//! at most [`MAX_STREAMS_PER_USER`]; opening one more closes that person's oldest. A page holds
//! two (its board and the navigation's count), so four tabs stay live; a script opening hundreds
//! holds four, and the server's memory and fan-out do not grow with what one account asks for.
//!
//! A closed stream's last event (`tutup`) tells the browser not to reconnect (it would close
//! another tab's stream in turn); the page says live updates stopped and a reload resumes them.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Streams one person may hold open at once in one process.
pub const MAX_STREAMS_PER_USER: usize = 4;

struct Open {
    id: u64,
    displaced: Arc<Notify>,
}

#[derive(Default)]
struct Inner {
    next: AtomicU64,
    by_user: Mutex<HashMap<i64, VecDeque<Open>>>,
}

/// The open streams of this process, per person; cheap to clone.
#[derive(Clone, Default)]
pub struct StreamSlots {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for StreamSlots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamSlots")
            .field("people", &self.people())
            .finish()
    }
}

impl StreamSlots {
    /// Takes a slot for a new stream of `user`, closing their oldest streams past the limit.
    pub fn open(&self, user: i64) -> StreamSlot {
        let id = self.inner.next.fetch_add(1, Ordering::Relaxed);
        let displaced = Arc::new(Notify::new());
        let mut by_user = self
            .inner
            .by_user
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let open = by_user.entry(user).or_default();
        open.push_back(Open {
            id,
            displaced: displaced.clone(),
        });
        while open.len() > MAX_STREAMS_PER_USER {
            if let Some(oldest) = open.pop_front() {
                // A permit is kept if the stream is not waiting yet: it ends at its next poll.
                oldest.displaced.notify_one();
            }
        }
        StreamSlot {
            slots: self.clone(),
            user,
            id,
            displaced,
        }
    }

    /// Streams `user` holds open now.
    pub fn open_for(&self, user: i64) -> usize {
        self.inner
            .by_user
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&user)
            .map_or(0, VecDeque::len)
    }

    /// Streams open in this process, everyone's.
    pub fn total(&self) -> usize {
        self.inner
            .by_user
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .map(VecDeque::len)
            .sum()
    }

    fn people(&self) -> usize {
        self.inner
            .by_user
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }

    fn close(&self, user: i64, id: u64) {
        let mut by_user = self
            .inner
            .by_user
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(open) = by_user.get_mut(&user) {
            open.retain(|o| o.id != id);
            if open.is_empty() {
                by_user.remove(&user);
            }
        }
    }
}

/// One open stream's slot: held for the stream's life, given back when dropped.
pub struct StreamSlot {
    slots: StreamSlots,
    user: i64,
    id: u64,
    displaced: Arc<Notify>,
}

impl StreamSlot {
    /// Completes when a newer stream of the same person took this one's place.
    pub async fn displaced(&self) {
        self.displaced.notified().await;
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.slots.close(self.user, self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    async fn is_displaced(slot: &StreamSlot) -> bool {
        tokio::time::timeout(Duration::from_millis(20), slot.displaced())
            .await
            .is_ok()
    }

    #[tokio::test]
    async fn the_oldest_streams_past_the_limit_are_closed() {
        let slots = StreamSlots::default();
        let first: Vec<StreamSlot> = (0..MAX_STREAMS_PER_USER).map(|_| slots.open(7)).collect();
        let other = slots.open(8);
        assert_eq!(slots.open_for(7), MAX_STREAMS_PER_USER);
        for slot in &first {
            assert!(!is_displaced(slot).await);
        }
        let newest = slots.open(7);
        assert!(is_displaced(&first[0]).await, "the oldest is closed");
        for slot in &first[1..] {
            assert!(!is_displaced(slot).await);
        }
        assert!(!is_displaced(&newest).await);
        assert!(!is_displaced(&other).await, "another person's stream stays");
        assert_eq!(slots.open_for(7), MAX_STREAMS_PER_USER);
        drop(newest);
        assert_eq!(slots.open_for(7), MAX_STREAMS_PER_USER - 1);
        drop(first);
        drop(other);
        assert_eq!(slots.people(), 0, "every slot given back");
    }

    #[tokio::test]
    async fn a_thousand_opened_at_once_leave_the_limit_open() {
        let slots = StreamSlots::default();
        let tasks: Vec<_> = (0..1000)
            .map(|_| {
                let slots = slots.clone();
                tokio::spawn(async move { slots.open(3) })
            })
            .collect();
        let mut held = Vec::new();
        for task in tasks {
            held.push(task.await.expect("open"));
        }
        assert_eq!(slots.open_for(3), MAX_STREAMS_PER_USER);
        let mut live = 0;
        for slot in &held {
            if !is_displaced(slot).await {
                live += 1;
            }
        }
        assert_eq!(live, MAX_STREAMS_PER_USER);
    }
}
