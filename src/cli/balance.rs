//! The `balance` command-line definitions (clap only: no logic, no I/O).

/// Arguments of `wallet balance`.
#[derive(Debug, clap::Args)]
pub struct BalanceArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
}
