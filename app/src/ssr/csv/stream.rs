//! A CSV download whose body streams: the header first, then the rows chunk by chunk as they are
//! read by key (keyset paging), so that a cohort of 60,000 never sits in memory and the first
//! bytes leave at once.

use super::{download, write, write_rows, Cell};
use axum::body::Bytes;
use axum::response::Response;

/// A streamed export: its header and how to read the records after a position.
pub trait Export: Send + 'static {
    /// What the log says when reading rows fails.
    const WHAT: &'static str;

    /// The header row, in the caller's language.
    fn header(&self) -> Vec<Cell>;

    /// The next chunk of records after position `after` (0 at the start) and the position to
    /// continue after; an empty chunk ends the file.
    fn records(
        &self,
        after: i64,
    ) -> impl std::future::Future<Output = Result<(Vec<Vec<Cell>>, Option<i64>), sqlx::Error>> + Send;
}

/// Where an export is in its walk through the rows.
enum Step<T> {
    Header(T),
    After(T, i64),
    Done,
}

/// A CSV download named `name` whose body streams `export`: the byte-order mark and the header,
/// then a chunk at a time as it is read; a read that fails ends the body with an error (the
/// browser shows a failed download rather than a short file).
pub fn streamed<E: Export>(name: &str, export: E) -> Response {
    let body = futures_util::stream::unfold(Step::Header(export), |step| async move {
        match step {
            Step::Header(e) => {
                let header: Result<Bytes, std::io::Error> = Ok(Bytes::from(write(&[e.header()])));
                Some((header, Step::After(e, 0)))
            }
            Step::After(e, last) => match e.records(last).await {
                Ok((records, _)) if records.is_empty() => None,
                Ok((records, next)) => Some((
                    Ok(Bytes::from(write_rows(&records))),
                    Step::After(e, next.unwrap_or(last)),
                )),
                Err(err) => {
                    tracing::error!(%err, "{}", E::WHAT);
                    Some((Err(std::io::Error::other(err.to_string())), Step::Done))
                }
            },
            Step::Done => None,
        }
    });
    download(name, crate::ssr::http::stream_body(body))
}
