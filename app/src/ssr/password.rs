//! Password hashing with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, 1 lane), on
//! the blocking pool so a burst of sign-ins does not stall the async workers, and never more at
//! once than twice the cores: the rest wait their turn in arrival order.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// A hash of a password nobody has, verified when an e-mail is unknown so that the answer takes
/// as long as for a known one (no account enumeration by timing).
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("pamong-dummy-password").unwrap_or_default());

/// Blocking work of which at most a fixed number runs at once; the rest wait in arrival order
/// (tokio's semaphore is fair).
#[derive(Clone, Debug)]
pub struct Bound {
    permits: Arc<Semaphore>,
}

impl Bound {
    pub fn new(at_once: usize) -> Bound {
        Bound {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }

    /// Runs `work` on the blocking pool once a place is free. The place is held by the work
    /// itself, so a caller that gives up waiting (a closed connection) does not free it early.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .map_err(|e| e.to_string())
    }
}

/// The bound on argon2 runs. It is the process's, not a server's: what it protects (cores, and
/// 19 MiB of memory per run) belongs to the process, however many servers a test starts in it.
static ARGON2: LazyLock<Bound> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    Bound::new(2 * cores)
});

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$…`).
pub async fn hash(password: String) -> Result<String, String> {
    ARGON2
        .run(move || hash_blocking(&password).map_err(|e| e.to_string()))
        .await?
}

/// Whether `password` matches `phc`; `None` for `phc` checks against a dummy hash and fails.
pub async fn verify(password: String, phc: Option<String>) -> bool {
    // An imported account has an empty hash until it is activated: it is refused like an
    // unknown e-mail, and as slowly, so the answer does not tell that the account exists.
    let phc = phc.filter(|p| !p.is_empty());
    ARGON2
        .run(move || {
            let known = phc.is_some();
            let phc = phc.unwrap_or_else(|| DUMMY_HASH.clone());
            let Ok(parsed) = PasswordHash::new(&phc) else {
                return false;
            };
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
                && known
        })
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let phc = hash("rahasia-guru".to_string()).await.expect("hash");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify("rahasia-guru".to_string(), Some(phc.clone())).await);
        assert!(!verify("salah".to_string(), Some(phc)).await);
        assert!(!verify("pamong-dummy-password".to_string(), None).await);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_than_the_bound_runs_at_once() {
        let bound = Bound::new(2);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        // Each job waits inside for a partner: the jobs can only finish two by two, so the
        // bound is reached, and a third running at the same time would be counted.
        let pair = Arc::new(std::sync::Barrier::new(2));
        let mut jobs = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let (bound, running, most, pair) =
                (bound.clone(), running.clone(), most.clone(), pair.clone());
            jobs.spawn(async move {
                bound
                    .run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        pair.wait();
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
            });
        }
        while let Some(job) = jobs.join_next().await {
            job.expect("job").expect("ran");
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
