//! The `status` command-line definitions (clap only: no logic, no I/O).

/// Arguments of `coffer status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Do not contact the backends (their reachability is then unknown: null).
    #[arg(long)]
    pub offline: bool,
    /// Seconds to wait for the backends (all asked at once); one that has not answered
    /// by then is reported as not reachable.
    #[arg(long, default_value_t = 3, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}
