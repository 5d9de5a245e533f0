//! `server` — serve Partnerhub, or run one of its maintenance commands (`server::cli`).

use clap::{parser::ValueSource, CommandFactory, FromArgMatches};
use server::cli::{self, Cli};
use server::telemetry;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    telemetry::init(cli.config.log_format);
    if matches.value_source("listen_addr") == Some(ValueSource::DefaultValue) {
        if let Some(address) = cli.leptos_site_addr {
            cli.config.listen_addr = address;
        }
    }
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
