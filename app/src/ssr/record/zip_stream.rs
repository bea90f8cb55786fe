//! ZIP archives written while they are sent: the archive is built on a blocking thread into a
//! writer that hands 64 KiB chunks to the response through a small bounded channel, so a
//! download of thousands of certificates holds a few chunks in memory, never the archive, and a
//! client that stops reading stops the writing (the channel is full, then closed).

use axum::body::{Body, Bytes};
use std::io::{self, Write};
use tokio::sync::mpsc;
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

/// The size of the chunks handed to the response.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting to be sent at most.
const QUEUED_CHUNKS: usize = 4;

/// A writer that sends what it is given, in chunks, to the receiving end of a channel.
pub struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
}

impl ChannelWriter {
    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was closed"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send_buffer()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffer()
    }
}

/// The archive being written.
pub type Archive = ZipWriter<StreamWriter<ChannelWriter>>;

/// Files already compressed (PDF, pictures) are stored as they are.
pub fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
}

/// Text files are deflated.
pub fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
}

/// A response body that is the archive `fill` writes, run on a blocking thread. An error
/// while writing ends the body with that error (the client sees a broken download, never a
/// complete-looking archive).
pub fn body(fill: impl FnOnce(&mut Archive) -> io::Result<()> + Send + 'static) -> Body {
    let (sender, receiver) = mpsc::channel(QUEUED_CHUNKS);
    let failure = sender.clone();
    tokio::task::spawn_blocking(move || {
        let mut archive = ZipWriter::new_stream(ChannelWriter {
            buffer: Vec::with_capacity(CHUNK),
            sender,
        });
        let written = fill(&mut archive).and_then(|()| {
            let mut inner = archive.finish().map_err(io::Error::other)?;
            inner.flush()
        });
        if let Err(err) = written {
            if err.kind() != io::ErrorKind::BrokenPipe {
                tracing::warn!(%err, "zip download failed");
                let _ = failure.blocking_send(Err(err));
            }
        }
    });
    crate::ssr::http::stream_body(futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|chunk| (chunk, receiver)) },
    ))
}

/// Adds one file to `archive`.
pub fn add(
    archive: &mut Archive,
    name: &str,
    options: SimpleFileOptions,
    data: &[u8],
) -> io::Result<()> {
    archive
        .start_file(name, options)
        .map_err(io::Error::other)?;
    archive.write_all(data)
}
