//! The `claimwatch` binary: parse the command line, set up logging, run the
//! chosen command. Everything else lives in the library (`src/lib.rs`).

use clap::Parser as _;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = claimwatch::cli::Cli::parse();
    claimwatch_shared::telemetry::init();
    match claimwatch::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimwatch: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
