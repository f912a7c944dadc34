//! The `backup` command-line definitions (clap only: no logic, no I/O).

use std::path::PathBuf;

/// `backup` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BackupCmd {
    /// Write a full, encrypted backup of the vault.
    ///
    /// The file is age-encrypted to a passphrase (not the login password: it is asked
    /// for here, or read from --passphrase-file) or to age recipients (age1…, keys kept
    /// elsewhere). It restores without this machine. Put it anywhere, for example in a
    /// synced cloud folder: it is encrypted end to end.
    ///
    /// Examples:
    ///   coffer backup create --passphrase-file pass.txt
    ///   coffer backup create --recipient age1… --out ~/Dropbox/coffer.age
    #[command(verbatim_doc_comment)]
    Create(CreateArgs),
    /// The backups in the default location and those this vault recorded.
    List,
    /// Check a backup in memory: decryption, header hash, database integrity, schema,
    /// keys against stored addresses, counts. Changes nothing.
    Verify(VerifyArgs),
}

/// Arguments of `backup create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Where to write it (default: users/NAME/backups/ with a UTC timestamp).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Read the backup passphrase from FILE (else it is asked twice on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "recipient")]
    pub passphrase_file: Option<PathBuf>,
    /// Encrypt to this age recipient instead (repeatable).
    #[arg(long, value_name = "AGE1…")]
    pub recipient: Vec<String>,
    /// A note kept in the header.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Only these parts, and never any key material: addresses, transactions, labels,
    /// settings (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub partial: Vec<Part>,
}

/// A part of the vault a partial backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// The wallets' addresses (public only).
    Addresses,
    /// The transactions.
    Transactions,
    /// The labels of addresses and transactions.
    Labels,
    /// Settings, rates, backends and tokens.
    Settings,
}

/// Arguments of `backup verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The backup file.
    pub file: PathBuf,
    /// Its passphrase, from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file (AGE-SECRET-KEY-1… lines) for a backup made to recipients.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

/// `restore` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RestoreCmd {
    /// A new local user from a full backup (asks for a new password and PIN, prints a
    /// new recovery code). An existing user is never overwritten.
    ///
    /// Examples:
    ///   coffer restore vault coffer-alice-20260131T120000Z.age
    ///   coffer restore vault backup.age --as alice2 --dry-run
    #[command(verbatim_doc_comment)]
    Vault(RestoreArgs),
    /// A wallet recreated from its BIP-39 phrase into the unlocked vault, with the first
    /// --gap-limit addresses derived (and EVM balances read when a backend is set).
    ///
    /// Examples:
    ///   coffer restore wallet old --mnemonic-file words.txt --dry-run
    ///   coffer restore wallet old --mnemonic-stdin --chains btc --network testnet
    #[command(verbatim_doc_comment)]
    Wallet(Box<crate::cli::restore::RestoreWalletArgs>),
    /// Merge a backup's labels, notes, categories, settings and rates into this vault.
    Partial(PartialArgs),
}

/// Arguments of `restore vault`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The full backup.
    pub file: PathBuf,
    /// The user to create (default: the backup's user).
    #[arg(long = "as", value_name = "USERNAME")]
    pub as_user: Option<String>,
    /// Show what would be restored; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace an existing user of that name: their vault is kept as
    /// `vault.age.before-restore` (with its profile) until their next successful login.
    #[arg(long)]
    pub force: bool,
    /// The backup passphrase, from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file, for a backup made to recipients.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
    /// Read the new transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}

/// Arguments of `restore partial`.
#[derive(Debug, clap::Args)]
pub struct PartialArgs {
    /// The partial (or full) backup.
    pub file: PathBuf,
    /// The backup passphrase, from FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    /// An age identity file.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
}
