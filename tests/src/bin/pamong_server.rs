//! `pamong_server`: the server library started exactly as `server/src/main.rs` starts it, built as
//! a binary of this crate so that the quiz fault test can spawn it as a separate process (through
//! `CARGO_BIN_EXE_pamong_server`) and kill it with SIGKILL. A binary of another package has no such
//! variable, and killing an in-process server would not lose what a real crash loses. It takes the
//! same subcommands (`server::commands::run`), so the operations tests run them as IT staff would.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = server::commands::run(&args).await?;
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}
