//! `pamong_server`: the server library started exactly as `server/src/main.rs` starts it, built as
//! a binary of this crate so that the quiz fault test can spawn it as a separate process (through
//! `CARGO_BIN_EXE_pamong_server`) and kill it with SIGKILL. A binary of another package has no such
//! variable, and killing an in-process server would not lose what a real crash loses.

use server::config::{Config, LogFormat};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::load()?;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    match config.log_format {
        LogFormat::Json => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init(),
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter).init(),
    }
    tracing::info!(?config, "starting Pamong");
    let server = server::build(config).await?;
    let addr = server.local_addr()?;
    tracing::info!(%addr, "listening");
    println!("Pamong berjalan di / is running at http://{addr}");
    server.serve(server::shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}
