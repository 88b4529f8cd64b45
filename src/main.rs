//! The `resilience-bot` binary: parses the command line and runs it (see
//! `resilience_bot::cli`), with exit code 1 and the error on failure.

use std::process::ExitCode;

use clap::Parser;
use resilience_bot::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("Error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(cli));
    // A blocking read of stdin (the terminal channel) cannot be cancelled;
    // waiting for it would keep the process alive after a signal.
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
