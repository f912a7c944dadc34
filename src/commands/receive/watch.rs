//! `receive watch` (one event per line: `payment`, `confirmed`, `replaced`) and the
//! `--exec` hook it and `receive wait` run: the arguments, and the events shown as the
//! core's watch finds them (`coffer_core::receive::watch`, `…::hook`).

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::receive::{hook, watch::WatchOptions};

use crate::cli::receive::WatchArgs;
pub use coffer_core::receive::watch::Event;

/// Runs `cmd` through `sh -c` with the event in its environment; its stdout goes to
/// coffer's stderr (stdout carries coffer's own output). A failure is a notice on stderr:
/// it never changes coffer's exit code.
pub fn run_hook(cmd: &str, e: &Event) {
    use std::os::fd::AsFd as _;
    let stdout = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::process::Stdio::from);
    if let Err(why) = hook::run_hook(cmd, e, stdout) {
        crate::output::write_stderr(&why);
    }
}

/// Runs `coffer receive watch`: prints each event as it comes (one JSON object per line
/// with --json) until --count events or --timeout.
pub fn watch(ctx: &Ctx, args: WatchArgs) -> Result<()> {
    let interval = clock::parse_duration(&args.interval)?.max(1);
    let timeout = args
        .timeout
        .as_deref()
        .map(clock::parse_duration)
        .transpose()?;
    let opts = WatchOptions {
        wallet: args.wallet,
        confirmations: args.confirmations,
        interval,
        count: args.count,
        timeout,
    };
    coffer_core::receive::watch::watch(
        &opts,
        &mut || ctx.unlock().map(|u| u.vault),
        &mut |e| {
            let reader_there = ctx.out.event(e).map_err(|err| {
                Error::Internal(anyhow::Error::new(err).context("writing output"))
            })?;
            if reader_there && let Some(cmd) = &args.exec {
                run_hook(cmd, e);
            }
            Ok(reader_there)
        },
        &mut crate::output::write_stderr,
    )
}
