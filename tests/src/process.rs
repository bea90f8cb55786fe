//! The real server as a child process (`pamong_server`, the tests crate's copy of `server`'s
//! `main`), on a data directory and database that outlive it, so that a test can kill it with
//! SIGKILL (what a crash loses, an in-process server would not) and start it again.

use crate::harness::FreshDatabase;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The server as a child process, killed when dropped.
pub struct ServerProcess {
    child: Child,
    pub url: String,
}

impl ServerProcess {
    /// Starts `binary` (an integration test passes `env!("CARGO_BIN_EXE_pamong_server")`) on
    /// `database`, with `settings` as extra environment, appending its output to `log`; returns
    /// once it has printed the address it listens on.
    pub async fn start(
        binary: &str,
        database: &FreshDatabase,
        log: &std::path::Path,
        settings: &[(&str, String)],
    ) -> ServerProcess {
        ServerProcess::start_on(binary, &database.url, &database.data_dir, log, settings).await
    }

    /// Starts `binary` on database `url` and data directory `data_dir` (another server's, to
    /// run beside it as a second process behind a proxy would).
    pub async fn start_on(
        binary: &str,
        url: &str,
        data_dir: &std::path::Path,
        log: &std::path::Path,
        settings: &[(&str, String)],
    ) -> ServerProcess {
        let stderr = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("server log");
        let mut command = Command::new(binary);
        command
            .env("PAMONG_LISTEN", "127.0.0.1:0")
            .env("PAMONG_DATA_DIR", data_dir)
            .env("PAMONG_DATABASE_URL", url)
            // No pamong.toml from the working directory, no secret from the environment: the
            // server signs cookies with the key kept in the data directory, across restarts.
            .env("PAMONG_CONFIG", data_dir.join("absent.toml"))
            .env_remove("PAMONG_SESSION_SECRET")
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn");
        for (name, value) in settings {
            command.env(name, value);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("spawn pamong_server");
        let stdout = child.stdout.take().expect("server stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let log = log.to_path_buf();
        // Reads the address, then keeps draining stdout (a full pipe would block the server).
        std::thread::spawn(move || {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .ok();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some((_, address)) = line.split_once("is running at ") {
                    let _ = tx.send(address.trim().to_string());
                }
                if let Some(file) = file.as_mut() {
                    let _ = writeln!(file, "{line}");
                }
            }
        });
        let url = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(120)))
            .await
            .expect("join")
            .expect("the server prints its address");
        ServerProcess { child, url }
    }

    /// SIGKILL (what `Child::kill` sends on Unix), then reap the process.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
