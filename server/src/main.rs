//! `server`: starts Pamong with the configuration from `pamong.toml` and the environment; its
//! subcommands (`verify`, `keys rotate`) are in `server::commands`.

use server::commands::{self, Command};
use server::config::{Config, LogFormat};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc malloc: many small allocations from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match commands::parse(&args) {
        Command::Serve => {}
        Command::Verify {
            credential,
            key,
            status,
        } => {
            let (line, code) = commands::verify_files(&credential, &key, &status);
            println!("{line}");
            std::process::exit(code);
        }
        Command::RotateKey { institution } => {
            let config = Config::load()?;
            let key = commands::rotate_key(&config, institution).await?;
            println!("lembaga {institution}: kunci baru / new key {key}");
            return Ok(());
        }
        Command::Usage(problem) => {
            if let Some(problem) = &problem {
                eprintln!("{problem}");
            }
            eprintln!("{}", commands::USAGE);
            std::process::exit(if problem.is_some() { 2 } else { 0 });
        }
    }
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
