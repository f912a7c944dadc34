//! The `utxo` command-line definitions (clap only: no logic, no I/O).

/// `coffer utxo` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum UtxoCmd {
    /// The unspent coins of a Bitcoin wallet: outpoint, amount, address, label,
    /// confirmations, and whether they are frozen.
    ///
    /// Examples:
    ///   coffer utxo list
    ///   coffer utxo list --wallet savings --json
    #[command(verbatim_doc_comment)]
    List(ListArgs),
    /// Freeze coins (TXID:VOUT) or addresses (every coin paid to them, now and later):
    /// coin selection never picks them; `send --from` still can.
    ///
    /// Examples:
    ///   coffer utxo freeze 4a5e1e4b…:0
    ///   coffer utxo freeze bc1qdonation… --wallet savings
    #[command(verbatim_doc_comment)]
    Freeze(TargetArgs),
    /// Unfreeze coins or addresses.
    Unfreeze(TargetArgs),
}

/// Arguments of `utxo list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only frozen coins.
    #[arg(long)]
    pub frozen: bool,
}

/// Arguments of `utxo freeze` and `utxo unfreeze`.
#[derive(Debug, clap::Args)]
pub struct TargetArgs {
    /// Coins (TXID:VOUT) or addresses of the wallet.
    #[arg(required = true, value_name = "OUTPOINT|ADDRESS")]
    pub targets: Vec<String>,
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
}
