//! `server`: Pamong's one binary. With no subcommand it serves with the configuration from
//! `pamong.toml` and the environment; its subcommands (`verify`, `keys rotate`, `migrate`,
//! `admin create`, `backup`, `restore`) are in `server::commands`.

/// mimalloc instead of glibc malloc: many small allocations from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = server::commands::run(&args).await?;
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}
