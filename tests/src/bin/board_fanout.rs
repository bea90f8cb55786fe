//! Fan-out benchmark of the live mentoring board (issue #5): how many viewers one board's event
//! stream holds, what an idle viewer costs the server in memory, and how long a new comment takes
//! to reach every viewer. Runs against a server seeded by `seed_board_bench` (whose
//! `board_sessions.tsv` holds the mentor's signed session cookie on its first line and the
//! participants' after it); `tests/bench/board_fanout.sh` builds, seeds, starts and runs it all.
//!
//!   board_fanout --base URL --sessions FILE --board ID --post ID --subscribers N
//!                [--comments K=20] [--interval-ms 1500] [--server-pid PID]
//!                [--connect-rate R=2000] [--threads T=1] [--idle-secs 5] [--deadline-ms 10000]
//!                [--resume N=0]
//!
//! 1. Opens N streams `GET /papan/{board}/aliran` (SSE), at most R new connections per second,
//!    each with the cookie of participant (i mod P) — who watches does not change the cost of a
//!    fan-out. The streams are raw `tokio::net::TcpStream`s with a hand-written HTTP/1.1 request
//!    (much lighter than reqwest for 10,000 streams on a client that shares 2 cores with the
//!    server). A status other than 200 is counted as an error (404 means the viewer has no access
//!    to the board); a failed connection (refused, reset, no response head within 10 s) is retried
//!    up to 3 times. Each stream is then read with a 4 KiB buffer, de-chunked in place when the
//!    response is `transfer-encoding: chunked`, and scanned for the comments' nonces, keeping the
//!    last 64 bytes of the previous read so that a nonce split across two reads is still found.
//! 2. When every stream is open (or has failed), waits `--idle-secs` and reads the server's
//!    resident memory (VmRSS of `/proc/<pid>/status`, with `--server-pid`), as it did before the
//!    first connection: (idle − before) / streams open is the memory per idle subscriber.
//! 3. Posts K comments on the post, one every interval, as the group's mentor through
//!    `POST /api/add_comment`; comment k's body holds the nonce `fanout<run>k<kkkk>` (letters and
//!    digits only, so it survives Markdown rendering verbatim in the event's HTML). For every
//!    subscriber, the latency of comment k is from just before its POST was sent to the moment
//!    that subscriber's stream contained the nonce, recorded into an HdrHistogram in µs. A
//!    subscriber that did not see a nonce within `--deadline-ms` (10 s) of its POST counts as a
//!    miss. A 200 or a 3xx answer to the POST is success; comments whose POST failed are reported
//!    and not expected on the streams.
//! 4. Prints the counts, latency p50/p90/p99/max, the memory figures, a Markdown table row for
//!    `docs/BENCHMARKS.md`, and a `result:` line of key=value pairs for scripts.
//!
//! The client runs on a multi-threaded tokio runtime with `--threads` workers (default 1, leaving
//! the other core to the server), so the latencies include the client's own time to wake 10,000
//! readers on one thread: they are an upper bound of the server's fan-out time. Every stream needs
//! a file descriptor in this process and one in the server: the open-file soft limit is raised to
//! the hard limit at start if it is below N + 256 (with `prlimit`), and the run stops with advice if
//! the hard limit is too low too.

use hdrhistogram::Histogram;
use reqwest::header::{ACCEPT, COOKIE, LOCATION, ORIGIN};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

/// Bytes read from a stream at a time.
const READ: usize = 4096;
/// Bytes of the previous read kept in front of the next one (longer than a nonce).
const TAIL: usize = 64;
/// Retries of a failed connection.
const RETRIES: u32 = 3;
/// Longest wait for a connection and its response head.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Digits of the comment number in a nonce.
const NONCE_DIGITS: usize = 4;

/// Command-line options as `--name value` pairs (the style of `quiz_load`).
struct Args {
    values: HashMap<String, String>,
}

impl Args {
    fn parse() -> anyhow::Result<Args> {
        let rest: Vec<String> = std::env::args().skip(1).collect();
        let mut values = HashMap::new();
        let mut i = 0;
        while i < rest.len() {
            let name = rest[i]
                .strip_prefix("--")
                .ok_or_else(|| anyhow::anyhow!("expected --option, got {}", rest[i]))?;
            match rest.get(i + 1).filter(|v| !v.starts_with("--")) {
                Some(value) => {
                    values.insert(name.to_string(), value.clone());
                    i += 2;
                }
                None => {
                    values.insert(name.to_string(), String::new());
                    i += 1;
                }
            }
        }
        Ok(Args { values })
    }

    fn text(&self, name: &str) -> anyhow::Result<String> {
        self.values
            .get(name)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("--{name} is required"))
    }

    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> anyhow::Result<T>
    where
        T::Err: std::fmt::Display,
    {
        match self.values.get(name) {
            Some(v) => v.parse().map_err(|e| anyhow::anyhow!("--{name} {v}: {e}")),
            None => Ok(default),
        }
    }

    fn required<T: std::str::FromStr>(&self, name: &str) -> anyhow::Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.text(name)?;
        v.parse().map_err(|e| anyhow::anyhow!("--{name} {v}: {e}"))
    }
}

/// The cookie values of `seed_board_bench`'s `board_sessions.tsv`: a first line
/// `mentor<TAB>user id<TAB>cookie`, then `user id<TAB>cookie` per participant.
struct Sessions {
    mentor: String,
    viewers: Vec<String>,
}

fn read_sessions(path: &str) -> anyhow::Result<Sessions> {
    let text = std::fs::read_to_string(path)?;
    let mut mentor = None;
    let mut viewers = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["mentor", user, cookie] => {
                user.parse::<i64>()
                    .map_err(|e| anyhow::anyhow!("bad mentor line {line:?}: {e}"))?;
                mentor = Some(cookie.to_string());
            }
            [user, cookie] => {
                user.parse::<i64>()
                    .map_err(|e| anyhow::anyhow!("bad session line {line:?}: {e}"))?;
                viewers.push(cookie.to_string());
            }
            _ => anyhow::bail!("bad session line {line:?}"),
        }
    }
    let mentor = mentor.ok_or_else(|| anyhow::anyhow!("{path} has no `mentor` line"))?;
    anyhow::ensure!(!viewers.is_empty(), "{path} has no participant sessions");
    Ok(Sessions { mentor, viewers })
}

/// The `name:` value of `/proc/<pid>/status` in kB (`VmRSS`, `VmHWM`).
fn proc_status_kb(pid: &str, name: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// The soft and hard limits on open files of this process.
fn open_file_limits() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    let mut numbers = line["Max open files".len()..].split_whitespace();
    let parse = |v: Option<&str>| match v {
        Some("unlimited") => Some(u64::MAX),
        Some(v) => v.parse().ok(),
        None => None,
    };
    Some((parse(numbers.next())?, parse(numbers.next())?))
}

/// Makes sure this process may open `needed` files: raises the soft limit to the hard one with
/// `prlimit` (std has no setrlimit and the crate takes no new dependency) if it is lower.
fn ensure_open_files(needed: u64) -> anyhow::Result<()> {
    let Some((soft, hard)) = open_file_limits() else {
        eprintln!("warning: could not read the open-file limit; hoping for {needed}");
        return Ok(());
    };
    if soft >= needed {
        return Ok(());
    }
    let limit = if hard == u64::MAX {
        "unlimited".to_string()
    } else {
        hard.to_string()
    };
    let raised = std::process::Command::new("prlimit")
        .arg("--pid")
        .arg(std::process::id().to_string())
        .arg(format!("--nofile={limit}:{limit}"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let now = open_file_limits().map(|(soft, _)| soft).unwrap_or(soft);
    anyhow::ensure!(
        now >= needed,
        "{needed} open files are needed but the limit is {now} (hard {hard}{}): raise it with \
         `ulimit -n {needed}` (as root, or in /etc/security/limits.conf) for this client and the \
         server",
        if raised { "" } else { "; prlimit failed" }
    );
    eprintln!("raised the open-file limit from {soft} to {now}");
    Ok(())
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("histogram bounds are valid")
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn ms(us: u64) -> String {
    format!("{:.1}", us as f64 / 1000.0)
}

/// `12,345`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn kb(v: Option<u64>) -> String {
    v.map(|v| format!("{} kB", grouped(v)))
        .unwrap_or_else(|| "–".to_string())
}

/// A streaming decoder of `transfer-encoding: chunked` that decodes in place (the output is
/// never longer than the input), keeping its state across reads.
#[derive(Default)]
struct Chunked {
    state: ChunkState,
    /// Bytes left of the current chunk, or the chunk size being read.
    size: u64,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// Reading the hexadecimal chunk size.
    #[default]
    Size,
    /// Skipping a chunk extension up to the end of the size line.
    Extension,
    /// Copying chunk data.
    Data,
    /// Skipping the CRLF after chunk data.
    DataEnd,
    /// The last chunk was read, or the framing is broken: nothing more comes.
    Done,
}

impl Chunked {
    /// Decodes `buf` in place; returns how many decoded bytes are now at its start.
    fn decode(&mut self, buf: &mut [u8]) -> usize {
        let (mut read, mut written) = (0, 0);
        while read < buf.len() {
            match self.state {
                ChunkState::Size | ChunkState::Extension => {
                    let b = buf[read];
                    read += 1;
                    match b {
                        b'\n' => {
                            self.state = if self.size == 0 {
                                ChunkState::Done
                            } else {
                                ChunkState::Data
                            };
                        }
                        _ if self.state == ChunkState::Extension => {}
                        b'\r' => {}
                        b';' | b' ' | b'\t' => self.state = ChunkState::Extension,
                        _ => match (b as char).to_digit(16) {
                            Some(d) => self.size = self.size.saturating_mul(16) + u64::from(d),
                            None => self.state = ChunkState::Done,
                        },
                    }
                }
                ChunkState::Data => {
                    let take =
                        (buf.len() - read).min(usize::try_from(self.size).unwrap_or(usize::MAX));
                    buf.copy_within(read..read + take, written);
                    read += take;
                    written += take;
                    self.size -= take as u64;
                    if self.size == 0 {
                        self.state = ChunkState::DataEnd;
                    }
                }
                ChunkState::DataEnd => {
                    if buf[read] == b'\n' {
                        self.state = ChunkState::Size;
                    }
                    read += 1;
                }
                ChunkState::Done => break,
            }
        }
        written
    }

    fn done(&self) -> bool {
        self.state == ChunkState::Done
    }
}

/// What the subscribers share with the main task.
struct Shared {
    /// Times are kept as microseconds since this instant.
    epoch: Instant,
    /// The nonce without its comment number: `fanout<run>k`.
    prefix: Vec<u8>,
    comments: usize,
    /// `subscriber * comments + k`: when that subscriber first saw comment k's nonce, as
    /// microseconds since `epoch` plus one; 0 while not seen.
    arrivals: Vec<AtomicU64>,
    /// Decoded body bytes received on all streams.
    bytes: AtomicU64,
    /// Streams that ended or failed after their 200.
    ended: AtomicU64,
    /// Of those, streams whose last event told the page to reload (`event: muat-ulang`: the
    /// server dropped this viewer because it fell too far behind the board's events).
    reloads: AtomicU64,
    /// Reconnections allowed per stream after it ends (`--resume`; 0: none, as before).
    resume: u32,
    /// Streams reopened with `Last-Event-ID` after they ended, and reopenings that failed.
    resumed: AtomicU64,
    resume_failed: AtomicU64,
}

impl Shared {
    fn nonce(&self, k: usize) -> String {
        format!(
            "{}{k:0width$}",
            String::from_utf8_lossy(&self.prefix),
            width = NONCE_DIGITS
        )
    }

    /// Records every nonce found in `window` as seen by `subscriber` now.
    fn scan(&self, subscriber: usize, window: &[u8]) {
        let prefix = &self.prefix[..];
        let mut at = 0;
        let mut now = None;
        while let Some(found) = find(&window[at..], prefix) {
            let digits_at = at + found + prefix.len();
            at += found + 1;
            let Some(digits) = window.get(digits_at..digits_at + NONCE_DIGITS) else {
                // Cut off by the end of this read: the tail brings it into the next window.
                break;
            };
            let Some(k) = std::str::from_utf8(digits)
                .ok()
                .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<usize>().ok())
            else {
                continue;
            };
            if k < self.comments {
                let t = *now.get_or_insert_with(|| micros(self.epoch.elapsed()) + 1);
                // The first sighting wins (a nonce in the kept tail is seen twice).
                let _ = self.arrivals[subscriber * self.comments + k].compare_exchange(
                    0,
                    t,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
            }
        }
    }
}

/// The position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while from + needle.len() <= hay.len() {
        let i = from + hay[from..].iter().position(|&b| b == first)?;
        if hay.get(i..i + needle.len()) == Some(needle) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// How opening one stream ended.
enum Opening {
    /// 200 with `text/event-stream`, after this many retries and this long.
    Open(u32, Duration),
    /// Another answer: its status line.
    Refused(String),
    /// No answer after every retry: the last error.
    Failed(String),
}

/// A response head read from a stream; its body's first bytes are in the buffer.
struct Head {
    status_line: String,
    ok: bool,
    chunked: bool,
    /// The buffer holds the whole read so far: the head up to `body_at`, then body bytes.
    body_at: usize,
    filled: usize,
}

/// Connects, sends the request and reads the response head into `buf`.
async fn open(
    addr: SocketAddr,
    request: &[u8],
    buf: &mut [u8],
) -> anyhow::Result<(TcpStream, Head)> {
    let mut socket = TcpStream::connect(addr).await?;
    socket.set_nodelay(true)?;
    socket.write_all(request).await?;
    let mut filled = 0;
    let head_end = loop {
        if filled == buf.len() {
            anyhow::bail!("response head longer than {} bytes", buf.len());
        }
        let n = socket.read(&mut buf[filled..]).await?;
        if n == 0 {
            anyhow::bail!("connection closed before the response head");
        }
        let from = filled.saturating_sub(3);
        filled += n;
        if let Some(i) = find(&buf[from..filled], b"\r\n\r\n") {
            break from + i;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default().to_string();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    let mut chunked = false;
    let mut event_stream = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.to_ascii_lowercase());
        if name == "transfer-encoding" && value.contains("chunked") {
            chunked = true;
        } else if name == "content-type" && value.contains("text/event-stream") {
            event_stream = true;
        }
    }
    let ok = status == Some(200) && event_stream;
    let status_line = if status == Some(200) && !event_stream {
        format!("{status_line} (not text/event-stream)")
    } else {
        status_line
    };
    Ok((
        socket,
        Head {
            status_line,
            ok,
            chunked,
            body_at: head_end + 4,
            filled,
        },
    ))
}

/// The highest event id (`id: N` lines of the event stream) in `window`.
fn last_event_id(window: &[u8]) -> Option<u64> {
    let mut at = 0;
    let mut last = None;
    while let Some(found) = find(&window[at..], b"\nid:") {
        let digits_at = at + found + 4;
        at = digits_at;
        let rest = &window[digits_at..];
        let start = rest.iter().position(|b| *b != b' ').unwrap_or(rest.len());
        let len = rest[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // An id cut off by the end of the read comes whole in the next window (the kept tail).
        if len > 0 && start + len < rest.len() {
            if let Some(id) = std::str::from_utf8(&rest[start..start + len])
                .ok()
                .and_then(|d| d.parse::<u64>().ok())
            {
                last = last.max(Some(id));
            }
        }
    }
    last
}

/// Takes `n` new bytes at `buf[tail..]`, de-chunks them, scans the window of the kept tail and
/// the new bytes (for nonces, and for the last event id into `last_id`), and keeps the window's
/// last `TAIL` bytes at the front; returns their length.
#[allow(clippy::too_many_arguments)]
fn feed(
    buf: &mut [u8],
    tail: usize,
    n: usize,
    chunked: &mut Option<Chunked>,
    subscriber: usize,
    shared: &Shared,
    last_id: &mut Option<u64>,
) -> usize {
    let decoded = match chunked {
        Some(decoder) => decoder.decode(&mut buf[tail..tail + n]),
        None => n,
    };
    let end = tail + decoded;
    shared.bytes.fetch_add(decoded as u64, Ordering::Relaxed);
    shared.scan(subscriber, &buf[..end]);
    *last_id = (*last_id).max(last_event_id(&buf[..end]));
    let keep = end.min(TAIL);
    buf.copy_within(end - keep..end, 0);
    keep
}

/// One viewer: opens its stream (with retries), reports how that went, then reads it until it
/// ends or the process does. With `--resume N`, a stream that ends (its server process killed,
/// say) is opened again up to N times with `Last-Event-ID`, as a browser's EventSource does, so
/// that the events it missed meanwhile are replayed.
async fn subscriber(
    index: usize,
    addr: SocketAddr,
    request: Arc<Vec<u8>>,
    shared: Arc<Shared>,
    report: mpsc::UnboundedSender<Opening>,
) {
    let begun = Instant::now();
    let mut buf = vec![0u8; TAIL + READ];
    let mut last_error = String::new();
    let mut report = Some(report);
    let mut last_id: Option<u64> = None;
    let mut resumes = 0u32;
    let mut attempt = 0u32;
    loop {
        if attempt > RETRIES {
            match report.take() {
                Some(report) => {
                    let _ = report.send(Opening::Failed(last_error));
                }
                None => {
                    shared.resume_failed.fetch_add(1, Ordering::Relaxed);
                }
            }
            return;
        }
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(250 * u64::from(attempt))).await;
        }
        attempt += 1;
        let resuming;
        let request: &[u8] = match last_id.filter(|_| report.is_none()) {
            Some(id) => {
                // The same request with `Last-Event-ID` before its closing blank line.
                let head = &request[..request.len() - 2];
                resuming = [head, format!("Last-Event-ID: {id}\r\n\r\n").as_bytes()].concat();
                &resuming
            }
            None => &request,
        };
        let (mut socket, head) =
            match tokio::time::timeout(CONNECT_TIMEOUT, open(addr, request, &mut buf)).await {
                Ok(Ok(opened)) => opened,
                Ok(Err(e)) => {
                    last_error = e.to_string();
                    continue;
                }
                Err(_) => {
                    last_error = format!("no response head within {CONNECT_TIMEOUT:?}");
                    continue;
                }
            };
        if !head.ok {
            match report.take() {
                Some(report) => {
                    let _ = report.send(Opening::Refused(head.status_line));
                }
                None => {
                    shared.resume_failed.fetch_add(1, Ordering::Relaxed);
                }
            }
            return;
        }
        match report.take() {
            Some(report) => {
                let _ = report.send(Opening::Open(attempt - 1, begun.elapsed()));
            }
            None => {
                shared.resumed.fetch_add(1, Ordering::Relaxed);
            }
        }
        let mut chunked = head.chunked.then(Chunked::default);
        let body = head.filled - head.body_at;
        buf.copy_within(head.body_at..head.filled, 0);
        let mut tail = feed(
            &mut buf,
            0,
            body,
            &mut chunked,
            index,
            &shared,
            &mut last_id,
        );
        while !chunked.as_ref().is_some_and(Chunked::done) {
            match socket.read(&mut buf[tail..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    tail = feed(
                        &mut buf,
                        tail,
                        n,
                        &mut chunked,
                        index,
                        &shared,
                        &mut last_id,
                    )
                }
            }
        }
        shared.ended.fetch_add(1, Ordering::Relaxed);
        // The reload event is the last thing such a stream sends, so it is in the kept tail.
        if find(&buf[..tail], b"muat-ulang").is_some() {
            shared.reloads.fetch_add(1, Ordering::Relaxed);
            return;
        }
        if resumes >= shared.resume {
            return;
        }
        resumes += 1;
        attempt = 0;
        last_error.clear();
    }
}

/// What opening the streams gave.
struct Connected {
    open: u64,
    retried: u64,
    errors: BTreeMap<String, u64>,
    samples: Vec<String>,
    time_to_open: Histogram<u64>,
    took: Duration,
}

/// Counts how opening one stream ended.
fn record(opening: Opening, c: &mut Connected) {
    match opening {
        Opening::Open(retries, took) => {
            c.open += 1;
            c.retried += u64::from(retries > 0);
            c.time_to_open.saturating_record(micros(took));
        }
        Opening::Refused(line) => {
            let status = line.split_whitespace().nth(1).unwrap_or("?").to_string();
            *c.errors.entry(format!("HTTP {status}")).or_default() += 1;
            if c.samples.len() < 5 {
                c.samples.push(line);
            }
        }
        Opening::Failed(error) => {
            *c.errors.entry("connect".to_string()).or_default() += 1;
            if c.samples.len() < 5 {
                c.samples.push(error);
            }
        }
    }
}

async fn connect_all(
    subscribers: usize,
    rate: f64,
    addr: SocketAddr,
    requests: &[Arc<Vec<u8>>],
    shared: &Arc<Shared>,
) -> Connected {
    let (report, mut reports) = mpsc::unbounded_channel();
    let start = Instant::now();
    let mut connected = Connected {
        open: 0,
        retried: 0,
        errors: BTreeMap::new(),
        samples: Vec::new(),
        time_to_open: histogram(),
        took: Duration::ZERO,
    };
    let mut received = 0;
    for i in 0..subscribers {
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        if due > Instant::now() {
            tokio::time::sleep_until(due.into()).await;
        }
        tokio::spawn(subscriber(
            i,
            addr,
            requests[i % requests.len()].clone(),
            shared.clone(),
            report.clone(),
        ));
        while let Ok(opening) = reports.try_recv() {
            received += 1;
            record(opening, &mut connected);
        }
    }
    drop(report);
    let mut progress = Instant::now();
    while received < subscribers {
        match tokio::time::timeout(Duration::from_secs(1), reports.recv()).await {
            Ok(Some(opening)) => {
                received += 1;
                record(opening, &mut connected);
            }
            Ok(None) => break,
            Err(_) => {}
        }
        if progress.elapsed() >= Duration::from_secs(5) {
            eprintln!(
                "  … {received} of {subscribers} streams answered after {:.0} s",
                start.elapsed().as_secs_f64()
            );
            progress = Instant::now();
        }
    }
    connected.took = start.elapsed();
    connected
}

/// The outcome of posting the comments.
struct Posted {
    /// When comment k's POST was sent, as µs since the epoch; None if it failed.
    sent: Vec<Option<u64>>,
    statuses: BTreeMap<String, u64>,
    samples: Vec<String>,
    latency: Histogram<u64>,
}

async fn post_comments(
    args: &Args,
    shared: &Shared,
    origin: &str,
    base: &str,
    mentor: &str,
) -> anyhow::Result<Posted> {
    let post: i64 = args.required("post")?;
    let interval = Duration::from_millis(args.number("interval-ms", 1500)?);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?;
    let url = format!("{base}/api/add_comment");
    let cookie = format!("pamong_session={mentor}");
    let mut posted = Posted {
        sent: Vec::with_capacity(shared.comments),
        statuses: BTreeMap::new(),
        samples: Vec::new(),
        latency: histogram(),
    };
    let start = Instant::now();
    for k in 0..shared.comments {
        let due = start + interval * k as u32;
        if due > Instant::now() {
            tokio::time::sleep_until(due.into()).await;
        }
        let nonce = shared.nonce(k);
        let body = format!("Tanggapan mentor nomor {} untuk uji sebaran {nonce}", k + 1);
        let form = [
            ("post_id", post.to_string()),
            ("parent_id", String::new()),
            ("anchor", String::new()),
            ("body", body),
        ];
        let sent = micros(shared.epoch.elapsed());
        let response = http
            .post(&url)
            .header(COOKIE, &cookie)
            .header(ORIGIN, origin)
            .header(ACCEPT, "application/json")
            .form(&form)
            .send()
            .await;
        let (key, ok, sample) = match response {
            Ok(r) => {
                let status = r.status();
                let location = r
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let text = r.text().await.unwrap_or_default();
                let ok = status.is_success() || status.is_redirection();
                let sample = (!ok || (status.is_redirection() && location.is_none())).then(|| {
                    let snippet: String = text.chars().take(200).collect();
                    format!("comment {k}: {status} {location:?} {snippet}")
                });
                (status.as_u16().to_string(), ok, sample)
            }
            Err(e) => (
                "transport".to_string(),
                false,
                Some(format!("comment {k}: {e}")),
            ),
        };
        posted
            .latency
            .saturating_record(micros(shared.epoch.elapsed()).saturating_sub(sent));
        *posted.statuses.entry(key).or_default() += 1;
        if let Some(sample) = sample {
            if posted.samples.len() < 5 {
                posted.samples.push(sample);
            }
        }
        posted.sent.push(ok.then_some(sent));
    }
    Ok(posted)
}

async fn run(args: Args) -> anyhow::Result<()> {
    let base_arg = args.text("base")?;
    let url = reqwest::Url::parse(&base_arg)?;
    anyhow::ensure!(url.scheme() == "http", "--base must be an http:// URL");
    let host = url
        .host_str()
        .ok_or_else(|| anyhow::anyhow!("--base has no host"))?
        .to_string();
    let port = url
        .port_or_known_default()
        .ok_or_else(|| anyhow::anyhow!("--base has no port"))?;
    let addr = tokio::net::lookup_host((host.as_str(), port))
        .await?
        .next()
        .ok_or_else(|| anyhow::anyhow!("{host} has no address"))?;
    let origin = url.origin().ascii_serialization();
    let base = base_arg.trim_end_matches('/').to_string();
    let prefix = url.path().trim_end_matches('/');
    let board: i64 = args.required("board")?;
    let subscribers: usize = args.required("subscribers")?;
    let comments: usize = args.number("comments", 20)?;
    anyhow::ensure!(subscribers > 0, "--subscribers must be at least 1");
    anyhow::ensure!(
        comments < 10usize.pow(NONCE_DIGITS as u32),
        "--comments must be below 10,000"
    );
    let rate: f64 = args.number("connect-rate", 2000.0)?;
    anyhow::ensure!(rate > 0.0, "--connect-rate must be positive");
    let idle = Duration::from_secs(args.number("idle-secs", 5)?);
    let deadline = Duration::from_millis(args.number("deadline-ms", 10_000)?);
    let server_pid = args.values.get("server-pid").cloned();
    let sessions = read_sessions(&args.text("sessions")?)?;
    let path = format!("{prefix}/papan/{board}/aliran");
    let host_header = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let requests: Vec<Arc<Vec<u8>>> = sessions
        .viewers
        .iter()
        .map(|cookie| {
            Arc::new(
                format!(
                    "GET {path} HTTP/1.1\r\nHost: {host_header}\r\n\
                     Cookie: pamong_session={cookie}\r\nAccept: text/event-stream\r\n\
                     Cache-Control: no-cache\r\nUser-Agent: board_fanout\r\n\r\n"
                )
                .into_bytes(),
            )
        })
        .collect();
    let run_id: u32 = rand::random();
    let shared = Arc::new(Shared {
        epoch: Instant::now(),
        prefix: format!("fanout{run_id:08x}k").into_bytes(),
        comments,
        arrivals: (0..subscribers * comments)
            .map(|_| AtomicU64::new(0))
            .collect(),
        bytes: AtomicU64::new(0),
        ended: AtomicU64::new(0),
        reloads: AtomicU64::new(0),
        resume: args.number("resume", 0u32)?,
        resumed: AtomicU64::new(0),
        resume_failed: AtomicU64::new(0),
    });
    let rss = |name: &str| {
        server_pid
            .as_deref()
            .and_then(|pid| proc_status_kb(pid, name))
    };

    println!(
        "board_fanout: {subscribers} subscribers to {base}{path} (sharing {} participant \
         sessions), at most {rate}/s new connections; then {comments} comments every {} ms \
         as the mentor (nonces {}NNNN)",
        sessions.viewers.len(),
        args.number("interval-ms", 1500u64)?,
        String::from_utf8_lossy(&shared.prefix)
    );
    let rss_before = rss("VmRSS");
    if server_pid.is_some() && rss_before.is_none() {
        eprintln!("warning: cannot read /proc/<server pid>/status; no memory figures");
    }

    // 1. Open the streams.
    let connected = connect_all(subscribers, rate, addr, &requests, &shared).await;
    let connect_errors: u64 = connected.errors.values().sum();
    println!(
        "connect: {} of {subscribers} streams open in {:.1} s ({} after a retry); errors: {}{:?}",
        connected.open,
        connected.took.as_secs_f64(),
        connected.retried,
        connect_errors,
        connected.errors
    );
    if !connected.time_to_open.is_empty() {
        let h = &connected.time_to_open;
        println!(
            "time to response head: p50 {} / p99 {} / max {} ms",
            ms(h.value_at_quantile(0.5)),
            ms(h.value_at_quantile(0.99)),
            ms(h.max())
        );
    }
    for sample in &connected.samples {
        println!("  e.g. {sample}");
    }
    anyhow::ensure!(connected.open > 0, "no stream opened");

    // 2. Idle memory.
    tokio::time::sleep(idle).await;
    let rss_idle = rss("VmRSS");
    let per_subscriber = match (rss_before, rss_idle) {
        (Some(before), Some(after)) => Some((after as f64 - before as f64) / connected.open as f64),
        _ => None,
    };
    let per_subscriber_text = per_subscriber
        .map(|v| format!("{v:.1} kB"))
        .unwrap_or_else(|| "–".to_string());
    println!(
        "server RSS: before {}, after {} s idle with {} streams {} → {per_subscriber_text} per idle \
         subscriber; client RSS {}",
        kb(rss_before),
        idle.as_secs(),
        connected.open,
        kb(rss_idle),
        kb(proc_status_kb("self", "VmRSS"))
    );
    let ended_idle = shared.ended.load(Ordering::Relaxed);
    if ended_idle > 0 {
        println!("warning: {ended_idle} streams ended while idle");
    }

    // 3. Comments, then wait for every open stream to see every posted one (or the deadline).
    let posted = post_comments(&args, &shared, &origin, &base, &sessions.mentor).await?;
    let last_sent = posted.sent.iter().flatten().max().copied();
    let expected_per_stream = posted.sent.iter().flatten().count() as u64;
    let expected = expected_per_stream * connected.open;
    let wait_until = Duration::from_micros(last_sent.unwrap_or(0)) + deadline;
    loop {
        let seen = posted
            .sent
            .iter()
            .enumerate()
            .filter(|(_, sent)| sent.is_some())
            .map(|(k, _)| {
                (0..subscribers)
                    .filter(|s| shared.arrivals[s * comments + k].load(Ordering::Relaxed) != 0)
                    .count() as u64
            })
            .sum::<u64>();
        if seen >= expected || shared.epoch.elapsed() >= wait_until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss_end = rss("VmRSS");
    let hwm = rss("VmHWM");

    // 4. Latencies.
    let mut latency = histogram();
    let (mut delivered, mut late) = (0u64, 0u64);
    for (k, sent) in posted.sent.iter().enumerate() {
        let Some(sent) = sent else { continue };
        for s in 0..subscribers {
            let arrival = shared.arrivals[s * comments + k].load(Ordering::Relaxed);
            if arrival == 0 {
                continue;
            }
            let took = (arrival - 1).saturating_sub(*sent);
            if took <= micros(deadline) {
                delivered += 1;
                latency.saturating_record(took);
            } else {
                late += 1;
            }
        }
    }
    // Streams that were refused or never opened are not expected to see anything.
    let misses = expected.saturating_sub(delivered);
    let posted_ok = expected_per_stream;
    let post_failures = comments as u64 - posted_ok;
    println!(
        "comments: {posted_ok} of {comments} posted; POST statuses {:?}; POST time p50 {} / max {} ms",
        posted.statuses,
        ms(posted.latency.value_at_quantile(0.5)),
        ms(posted.latency.max())
    );
    for sample in &posted.samples {
        println!("  e.g. {sample}");
    }
    let (p50, p90, p99, max) = if latency.is_empty() {
        (
            "–".to_string(),
            "–".to_string(),
            "–".to_string(),
            "–".to_string(),
        )
    } else {
        (
            ms(latency.value_at_quantile(0.50)),
            ms(latency.value_at_quantile(0.90)),
            ms(latency.value_at_quantile(0.99)),
            ms(latency.max()),
        )
    };
    println!(
        "fan-out: {delivered} of {expected} deliveries within {} ms, {misses} misses ({late} seen \
         late); {} streams ended early ({} told to reload: too far behind; {} reopened with \
         Last-Event-ID, {} could not be); {:.1} MB received on all streams",
        deadline.as_millis(),
        shared.ended.load(Ordering::Relaxed),
        shared.reloads.load(Ordering::Relaxed),
        shared.resumed.load(Ordering::Relaxed),
        shared.resume_failed.load(Ordering::Relaxed),
        shared.bytes.load(Ordering::Relaxed) as f64 / 1e6
    );
    println!("latency (POST sent → nonce on the stream): p50 {p50} / p90 {p90} / p99 {p99} / max {max} ms");
    println!(
        "server RSS after the comments: {}; peak (VmHWM): {}",
        kb(rss_end),
        kb(hwm)
    );
    println!();
    println!(
        "| subscribers | streams open | connect errors | comments posted | deliveries | misses \
         | latency p50 / p90 / p99 / max | server RSS before → idle | per idle subscriber |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {posted_ok} of {comments} | {} of {} | {} | {p50} / {p90} / {p99} / {max} \
         ms | {} → {} | {per_subscriber_text} |",
        grouped(subscribers as u64),
        grouped(connected.open),
        grouped(connect_errors),
        grouped(delivered),
        grouped(expected),
        grouped(misses),
        kb(rss_before),
        kb(rss_idle)
    );
    println!();
    println!(
        "result: subscribers={subscribers} open={} connect_errors={connect_errors} \
         post_failures={post_failures} deliveries={delivered} misses={misses} p50_ms={p50} \
         p90_ms={p90} p99_ms={p99} max_ms={max} rss_before_kb={} rss_idle_kb={}",
        connected.open,
        rss_before.map(|v| v.to_string()).unwrap_or_default(),
        rss_idle.map(|v| v.to_string()).unwrap_or_default()
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse()?;
    let subscribers: u64 = args.required("subscribers")?;
    let threads: usize = args.number("threads", 1)?;
    ensure_open_files(subscribers + 256)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()?;
    let result = runtime.block_on(run(args));
    // Drop the streams without waiting for 10,000 readers to notice.
    runtime.shutdown_background();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(comments: usize) -> Shared {
        Shared {
            epoch: Instant::now(),
            prefix: b"fanout0000abcdk".to_vec(),
            comments,
            arrivals: (0..comments).map(|_| AtomicU64::new(0)).collect(),
            bytes: AtomicU64::new(0),
            ended: AtomicU64::new(0),
            reloads: AtomicU64::new(0),
            resume: 0,
            resumed: AtomicU64::new(0),
            resume_failed: AtomicU64::new(0),
        }
    }

    fn seen(shared: &Shared) -> Vec<bool> {
        shared
            .arrivals
            .iter()
            .map(|a| a.load(Ordering::Relaxed) != 0)
            .collect()
    }

    /// Feeds `stream` to one subscriber in pieces of `step` bytes, as reads would bring it;
    /// returns the last event id seen.
    fn feed_all(stream: &[u8], step: usize, chunked: bool, shared: &Shared) -> Option<u64> {
        let mut buf = vec![0u8; TAIL + READ];
        let mut decoder = chunked.then(Chunked::default);
        let mut tail = 0;
        let mut last_id = None;
        for piece in stream.chunks(step) {
            buf[tail..tail + piece.len()].copy_from_slice(piece);
            tail = feed(
                &mut buf,
                tail,
                piece.len(),
                &mut decoder,
                0,
                shared,
                &mut last_id,
            );
        }
        last_id
    }

    #[test]
    fn the_last_event_id_is_kept_across_reads_for_resuming() {
        // Events with ids 7, 8 and 1234, split at every size from 1 byte up.
        let stream = ": hello\n\nid: 7\ndata: a\n\nid: 8\ndata: b\n\nid:1234\ndata: c\n\n";
        for step in 1..stream.len() {
            let shared = shared(1);
            assert_eq!(
                feed_all(stream.as_bytes(), step, false, &shared),
                Some(1234),
                "step {step}"
            );
        }
        assert_eq!(
            last_event_id(b"data: id: 5\n\n"),
            None,
            "an id inside data is not one"
        );
    }

    fn chunk(data: &str) -> String {
        format!("{:x}\r\n{data}\r\n", data.len())
    }

    #[test]
    fn nonces_are_found_across_reads_and_chunk_framing() {
        let event = |k: usize| {
            format!("id: {k}\nevent: papan\ndata: {{\"html\":\"<p>uji fanout0000abcdk{k:04}</p>\"}}\n\n")
        };
        let plain: String = (0..3).map(event).collect();
        // The nonce of event 1 split over two chunks, with an extension on one size line.
        let second = event(1);
        let (a, b) = second.split_at(second.find("abcdk").expect("nonce"));
        let chunked = format!(
            "{}{}{:x};ext=1\r\n{b}\r\n{}0\r\n\r\n",
            chunk(&event(0)),
            chunk(a),
            b.len(),
            chunk(&event(2))
        );
        for step in [1, 2, 3, 7, 19, 64, 4096] {
            let s = shared(3);
            feed_all(plain.as_bytes(), step, false, &s);
            assert_eq!(seen(&s), [true, true, true], "plain, step {step}");
            let s = shared(3);
            feed_all(chunked.as_bytes(), step, true, &s);
            assert_eq!(seen(&s), [true, true, true], "chunked, step {step}");
            assert_eq!(
                s.bytes.load(Ordering::Relaxed) as usize,
                plain.len(),
                "decoded bytes, step {step}"
            );
        }
    }

    #[test]
    fn other_runs_and_unknown_comments_are_ignored() {
        let s = shared(2);
        feed_all(
            b"data: fanout0000ffffk0000 fanout0000abcdk0009 fanout0000abcdkx001\n",
            5,
            false,
            &s,
        );
        assert_eq!(seen(&s), [false, false]);
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
