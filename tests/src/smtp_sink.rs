//! A real SMTP server on loopback for the outbox tests: the SMTP protocol is mailin's session
//! (the state machine behind the mailin-embedded server), run over plain TCP one thread per
//! connection; every message it accepts is kept, and `mail-parser` reads it back.

use mailin::{Action, Handler, Response, SessionBuilder};
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One message as the sink received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// The envelope's sender and recipients.
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body).
    pub raw: Vec<u8>,
}

/// What a test reads from a received message.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub message_id: String,
    pub subject: String,
    pub to: String,
    pub text: String,
    pub html: String,
}

impl Received {
    /// The message decoded: its id, subject, recipient header and both parts.
    pub fn parsed(&self) -> Parsed {
        let message = mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a message the parser reads");
        let to = message
            .to()
            .and_then(|a| a.first())
            .map(|a| {
                format!(
                    "{} <{}>",
                    a.name().unwrap_or_default(),
                    a.address().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        Parsed {
            message_id: message.message_id().unwrap_or_default().to_string(),
            subject: message.subject().unwrap_or_default().to_string(),
            to,
            text: message
                .body_text(0)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

/// The sink: its port, what it received, and a switch to stop accepting.
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    stopped: Arc<AtomicBool>,
}

/// A port on loopback that nothing listens on now (for a sink started later).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts a sink on a free loopback port.
    pub fn start() -> SmtpSink {
        SmtpSink::start_on(0).expect("the SMTP sink starts")
    }

    /// Starts a sink on `port` of loopback (0: any free one).
    pub fn start_on(port: u16) -> std::io::Result<SmtpSink> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let stopped = Arc::new(AtomicBool::new(false));
        let (store, stop) = (received.clone(), stopped.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let store = store.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, store);
                });
            }
        });
        Ok(SmtpSink {
            addr,
            received,
            stopped,
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Everything received so far.
    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Waits until at least `count` messages have arrived (at most `limit`), and returns them all.
    pub async fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let messages = self.messages();
            if messages.len() >= count || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops accepting connections (and frees the port).
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Keeps each message of one session.
struct Collector {
    store: Arc<Mutex<Vec<Received>>>,
    current: Option<Received>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received {
            from: from.to_string(),
            to: to.to_vec(),
            raw: Vec::new(),
        });
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(message) = &mut self.current {
            message.raw.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let (Some(message), Ok(mut store)) = (self.current.take(), self.store.lock()) {
            store.push(message);
        }
        mailin::response::OK
    }
}

/// One SMTP session: the greeting, then each line through mailin's session until it closes.
fn serve(stream: TcpStream, store: Arc<Mutex<Vec<Received>>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    // Each reply goes out in one segment, at once (no Nagle wait for the client's ACK).
    stream.set_nodelay(true)?;
    let remote = stream
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let mut writer = std::io::BufWriter::new(stream.try_clone()?);
    let mut reader = BufReader::new(stream);
    let mut session = SessionBuilder::new("sink.test").build(
        remote,
        Collector {
            store,
            current: None,
        },
    );
    session.greeting().write_to(&mut writer)?;
    writer.flush()?;
    let mut line = Vec::with_capacity(256);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let response = session.process(&line);
        match response.action {
            Action::Reply => response.write_to(&mut writer)?,
            Action::Close => {
                response.write_to(&mut writer)?;
                return writer.flush();
            }
            Action::NoReply => {}
            Action::UpgradeTls => return Ok(()),
        }
        writer.flush()?;
    }
}
