//! `workout-server`: the workout-doc HTTP service. See the crate's README for the routes.
//!
//! ```text
//! workout-server [--listen 127.0.0.1:8080] [--max-body-bytes N] [--timeout-ms N]
//!                [--max-concurrency N] [--log-level info]
//! ```
//!
//! Logs go to stderr, one line per request. SIGTERM or SIGINT stops accepting connections,
//! lets the requests in flight finish, then exits 0.

use clap::Parser;
use std::net::SocketAddr;
use std::time::Duration;
use workout_doc_server::{app, serve, Config};

/// mimalloc: about 1.5x the parse requests/s of the system allocator (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The workout-doc parser as an HTTP service.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Largest request body in bytes (413 past it).
    #[arg(long, default_value_t = Config::default().max_body_bytes)]
    max_body_bytes: usize,
    /// Longest a request may take, in milliseconds (408 past it); also the longest a
    /// connection may take to send a request head or stay idle, and a shutdown may wait.
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Most requests handled at once; more wait for a slot.
    #[arg(long, default_value_t = Config::default().max_concurrency)]
    max_concurrency: usize,
    /// Least severe log level written: error, warn, info, debug or trace.
    #[arg(long, default_value = "info")]
    log_level: tracing::Level,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_max_level(args.log_level)
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();
    let config = Config {
        max_body_bytes: args.max_body_bytes,
        timeout: Duration::from_millis(args.timeout_ms),
        max_concurrency: args.max_concurrency.max(1),
    };
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    tracing::info!(listen = %listener.local_addr()?, ?config, "workout-server started");
    serve(listener, app(&config), &config, shutdown_signal()).await;
    tracing::info!("workout-server stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT: finishing requests in flight"),
        () = terminate => tracing::info!("SIGTERM: finishing requests in flight"),
    }
}
