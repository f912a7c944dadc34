//! Test-side types of the JSON `data` of the main commands (the contract of docs/json.md),
//! so that a renamed, removed or added field fails a test loudly (as ripgrep's
//! `tests/json.rs` does), where indexing a `serde_json::Value` reads a renamed field as
//! `null` and an `is_null()` check passes.
//!
//! Every struct denies unknown fields, and every nullable field (`string | null` in
//! docs/json.md: always present, may be null) is deserialised with
//! `deserialize_with = "Option::deserialize"`, which makes the key required (a plain
//! `Option<T>` field would accept a missing key as `None`). Only the fields documented
//! as *optional* (left out when they do not apply) take `#[serde(default)]`. Closed sets
//! of documented string values are enums.
//!
//! Reading them: `env.ok_as::<Balances>(&["wallet", "balance"])` and
//! `env.err_as(&args, exit)` (tests/cli/common.rs).

#![allow(dead_code)] // fields exist to be checked by deserialisation, not all are read

use serde::Deserialize;

/// A closed set of documented string values: an enum that deserialises from (and
/// compares with) its snake_case strings.
macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $s)] $variant),+
        }
        impl $name {
            /// The string of the JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

str_enum!(
    /// `btc` or `eth`.
    Chain { Btc = "btc", Eth = "eth" }
);
str_enum!(
    /// A history row's `type`.
    TxType { Send = "send", Receive = "receive", SelfTransfer = "self" }
);
str_enum!(
    /// A history row's `status`.
    TxStatus {
        Pending = "pending",
        Confirmed = "confirmed",
        Failed = "failed",
        Replaced = "replaced",
        Abandoned = "abandoned",
        AwaitingApproval = "awaiting_approval",
    }
);
str_enum!(
    /// An address's branch.
    AddrKind { Receiving = "receiving", Change = "change" }
);
str_enum!(
    /// A session's mode.
    SessionMode { File = "file", Env = "env" }
);
str_enum!(
    /// A KDF parameter set.
    KdfProfile { Default = "default", Test = "test" }
);
str_enum!(
    /// A valuation's `method`.
    ValuationMethod { Direct = "direct", Inverse = "inverse", Cross = "cross" }
);
str_enum!(
    /// Why a valuation has no value.
    ValuationMissing {
        NoRate = "no rate",
        TestNetwork = "test network",
        TooLarge = "too large to value",
    }
);
str_enum!(
    /// The `status` of a Bitcoin `send`.
    BtcSendStatus {
        Broadcast = "broadcast",
        Signed = "signed",
        Unsigned = "unsigned",
        PartiallySigned = "partially_signed",
    }
);
str_enum!(
    /// The `status` of an Ethereum `send`.
    EthSendStatus { Broadcast = "broadcast", Signed = "signed", Unsigned = "unsigned" }
);
str_enum!(
    /// Where a value of a payment URI came from.
    UriSource { Uri = "uri", CommandLine = "command_line", UriAndCommandLine = "uri_and_command_line" }
);
str_enum!(
    /// `security show`'s `level`.
    SecurityLevel { Standard = "standard", High = "high" }
);
str_enum!(
    /// A keyslot's kind.
    SlotKind { Password = "password", Recovery = "recovery" }
);
str_enum!(
    /// A backup's kind.
    BackupKind { Full = "full", Partial = "partial" }
);
str_enum!(
    /// Every error code of docs/json.md.
    ErrorCode {
        Internal = "internal",
        Usage = "usage",
        InputRequired = "input_required",
        Locked = "locked",
        SessionExpired = "session_expired",
        WrongPassword = "wrong_password",
        NoUser = "no_user",
        UserNotFound = "user_not_found",
        NotFound = "not_found",
        InvalidInput = "invalid_input",
        WeakPassword = "weak_password",
        UserExists = "user_exists",
        DuplicateWallet = "duplicate_wallet",
        VaultDamaged = "vault_damaged",
        VaultTooNew = "vault_too_new",
        ApprovalRequired = "approval_required",
        LimitExceeded = "limit_exceeded",
        WrongTotp = "wrong_totp",
        WrongPin = "wrong_pin",
        Timeout = "timeout",
        RateLimited = "rate_limited",
        InsufficientFunds = "insufficient_funds",
        BackupInvalid = "backup_invalid",
        WrongPassphrase = "wrong_passphrase",
        Backend = "backend",
        BackendAuth = "backend_auth",
        AuditBroken = "audit_broken",
    }
);

// ---------------------------------------------------------------- errors

/// `{"ok":false,"error":{…}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEnvelope {
    pub ok: bool,
    pub error: ErrorBody,
}

/// The error object: `code`, `message`, `hint`, and the extra fields of some codes
/// (present exactly for their codes: [`ErrorBody::check_extras`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hint: Option<String>,
    // wrong_password
    #[serde(default)]
    pub attempts_before_delay: Option<u64>,
    #[serde(default)]
    pub credential: Option<Credential>,
    // invalid_input
    #[serde(default)]
    pub field: Option<String>,
    // duplicate_wallet
    #[serde(default)]
    pub existing_wallet: Option<String>,
    // vault_too_new
    #[serde(default)]
    pub found: Option<i64>,
    #[serde(default)]
    pub supported: Option<i64>,
    // approval_required
    #[serde(default)]
    pub approval_id: Option<String>,
    #[serde(default)]
    pub reasons: Option<Vec<String>>,
    // wrong_pin: `locked_for_secs` is present and may be null.
    #[serde(default)]
    pub attempts_before_lock: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    pub locked_for_secs: Option<Option<i64>>,
    // timeout
    #[serde(default)]
    pub waited_secs: Option<u64>,
    // rate_limited
    #[serde(default)]
    pub retry_after_secs: Option<u64>,
    // insufficient_funds
    #[serde(default)]
    pub needed_units: Option<String>,
    #[serde(default)]
    pub available_units: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    // backup_invalid (when the backup decrypted and was checked); `recorded` may be null.
    #[serde(default)]
    pub checks: Option<Vec<BackupCheck>>,
    #[serde(default, deserialize_with = "present")]
    pub recorded: Option<Option<String>>,
    // audit_broken: the first row that does not check, or null.
    #[serde(default, deserialize_with = "present")]
    pub row: Option<Option<u64>>,
}

impl std::fmt::Display for ErrorBody {
    /// For assertion messages (`"{e}"`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Which secret was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Credential {
    Password,
    RecoveryCode,
}

/// A field that may be absent, and when present may be null: `Some(None)` is a present
/// null.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl ErrorBody {
    /// Panics unless the extra fields present are exactly those of the code.
    pub fn check_extras(&self) {
        let present: Vec<&str> = [
            (
                "attempts_before_delay",
                self.attempts_before_delay.is_some(),
            ),
            ("credential", self.credential.is_some()),
            ("field", self.field.is_some()),
            ("existing_wallet", self.existing_wallet.is_some()),
            ("found", self.found.is_some()),
            ("supported", self.supported.is_some()),
            ("approval_id", self.approval_id.is_some()),
            ("reasons", self.reasons.is_some()),
            ("attempts_before_lock", self.attempts_before_lock.is_some()),
            ("locked_for_secs", self.locked_for_secs.is_some()),
            ("waited_secs", self.waited_secs.is_some()),
            ("retry_after_secs", self.retry_after_secs.is_some()),
            ("needed_units", self.needed_units.is_some()),
            ("available_units", self.available_units.is_some()),
            ("unit", self.unit.is_some()),
            ("checks", self.checks.is_some()),
            ("recorded", self.recorded.is_some()),
            ("row", self.row.is_some()),
        ]
        .into_iter()
        .filter(|(_, p)| *p)
        .map(|(k, _)| k)
        .collect();
        let expected: &[&str] = match self.code {
            ErrorCode::WrongPassword => &["attempts_before_delay", "credential"],
            ErrorCode::InvalidInput => &["field"],
            ErrorCode::DuplicateWallet => &["existing_wallet"],
            ErrorCode::VaultTooNew => &["found", "supported"],
            ErrorCode::ApprovalRequired => &["approval_id", "reasons"],
            ErrorCode::WrongPin => &["attempts_before_lock", "locked_for_secs"],
            ErrorCode::Timeout => &["waited_secs"],
            ErrorCode::RateLimited => &["retry_after_secs"],
            ErrorCode::InsufficientFunds => &["needed_units", "available_units", "unit"],
            ErrorCode::AuditBroken => &["row"],
            // Only when the backup decrypted and was checked.
            ErrorCode::BackupInvalid if !present.is_empty() => &["checks", "recorded"],
            _ => &[],
        };
        assert_eq!(
            present, expected,
            "extra fields of error {:?}: {self:?}",
            self.code
        );
    }
}

// ---------------------------------------------------------------- whoami

/// The session object of `register`, `login` and `whoami`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub mode: SessionMode,
    pub created_at: String,
    pub expires_at: String,
    pub expires_in_secs: i64,
    pub idle_timeout_secs: i64,
    pub idle_left_secs: i64,
}

/// `whoami`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoAmI {
    pub user: String,
    pub email: String,
    pub home: String,
    pub session: Session,
    pub kdf_profile: KdfProfile,
    pub kdf_insecure: bool,
    pub wallets: i64,
    #[serde(deserialize_with = "Option::deserialize")]
    pub last_login_at: Option<String>,
}

// ---------------------------------------------------------------- wallet balance

/// A stored rate used by a valuation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateUsed {
    pub pair: String,
    pub rate: String,
    pub time: String,
    pub source: String,
    pub inverted: bool,
    pub age_secs: i64,
}

/// *Valuation* (under `rates` in docs/json.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    pub currency: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub value: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub exact: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub rate: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub rate_time: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub source: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub missing: Option<ValuationMissing>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub rate_age_secs: Option<i64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub method: Option<ValuationMethod>,
    pub rates_used: Vec<RateUsed>,
}

/// Where the last `wallet sync` left an account.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncPoint {
    pub wallet: String,
    pub chain: Chain,
    #[serde(deserialize_with = "Option::deserialize")]
    pub network: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub chain_id: Option<u64>,
    pub height: u64,
    pub synced_at: String,
    pub age_secs: i64,
}

/// One row of `wallet balance`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountBalance {
    pub wallet: String,
    pub chain: Chain,
    #[serde(deserialize_with = "Option::deserialize")]
    pub network: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub chain_id: Option<u64>,
    pub currency: String,
    pub confirmed: String,
    pub confirmed_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub confirmed_sat: Option<u64>,
    pub pending: String,
    pub pending_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub pending_sat: Option<u64>,
    pub immature: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub immature_sat: Option<u64>,
    pub total: String,
    pub total_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub total_sat: Option<u64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fiat: Option<Valuation>,
}

/// `wallet balance`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balances {
    pub items: Vec<AccountBalance>,
    pub fiat_currency: String,
    pub portfolio_total: String,
    pub unvalued: Vec<String>,
    pub valued: bool,
    pub synced: Vec<SyncPoint>,
}

// ---------------------------------------------------------------- history

/// One row of `history` (and the first fields of `history show`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRow {
    pub id: i64,
    pub time: String,
    pub wallet: String,
    pub chain: Chain,
    pub network: String,
    pub currency: String,
    #[serde(rename = "type")]
    pub kind: TxType,
    pub amount: String,
    pub amount_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fee: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fee_units: Option<String>,
    pub status: TxStatus,
    #[serde(deserialize_with = "Option::deserialize")]
    pub confirmations: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub height: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub counterparty: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub address: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub label: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub category: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub note: Option<String>,
    pub txid: String,
}

/// `history`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryPage {
    pub items: Vec<HistoryRow>,
    pub total: u64,
    #[serde(deserialize_with = "Option::deserialize")]
    pub next_cursor: Option<String>,
    pub synced: Vec<SyncPoint>,
}

/// An input or output in `history show`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TxIo {
    #[serde(deserialize_with = "Option::deserialize")]
    pub address: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub amount: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub amount_sat: Option<u64>,
    pub ours: bool,
    /// Inputs only.
    #[serde(default)]
    pub outpoint: Option<String>,
}

/// `history show`'s `fiat`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TxFiat {
    pub at_time: Valuation,
    pub now: Valuation,
}

/// `history show` (and `history label`, `categorize`, `note`): the row's fields, then
/// the details. (serde's `flatten` does not go with `deny_unknown_fields`, so the row's
/// fields are repeated; [`HistoryDetail::row`] gives them as a [`HistoryRow`].)
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryDetail {
    pub id: i64,
    pub time: String,
    pub wallet: String,
    pub chain: Chain,
    pub network: String,
    pub currency: String,
    #[serde(rename = "type")]
    pub kind: TxType,
    pub amount: String,
    pub amount_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fee: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fee_units: Option<String>,
    pub status: TxStatus,
    #[serde(deserialize_with = "Option::deserialize")]
    pub confirmations: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub height: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub counterparty: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub address: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub label: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub category: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub note: Option<String>,
    pub txid: String,
    pub inputs: Vec<TxIo>,
    pub outputs: Vec<TxIo>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub fee_rate: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub vsize: Option<u64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub weight: Option<u64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub replaces: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub replaced_by: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub raw: Option<String>,
    pub fiat: TxFiat,
}

// ---------------------------------------------------------------- addr list

/// What the last syncs read for an Ethereum address.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EthAddressBalance {
    pub chain_id: u64,
    pub currency: String,
    pub balance: String,
    pub balance_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub nonce: Option<u64>,
}

/// One address of `addr new` / `addr list`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressRow {
    pub wallet: String,
    pub chain: Chain,
    pub kind: AddrKind,
    pub index: u32,
    pub path: String,
    pub address: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub label: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub purpose: Option<String>,
    pub transactions: u32,
    #[serde(deserialize_with = "Option::deserialize")]
    pub balance: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub balance_sat: Option<u64>,
    /// `eth` rows only (checked by [`Addresses::check`]).
    #[serde(default)]
    pub eth_balances: Option<Vec<EthAddressBalance>>,
}

/// `addr new`, `addr list`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addresses {
    pub items: Vec<AddressRow>,
    pub total: u64,
}

impl Addresses {
    /// Panics unless `eth_balances` is there exactly on `eth` rows and `total` counts
    /// the items.
    pub fn check(self) -> Self {
        for a in &self.items {
            assert_eq!(
                a.eth_balances.is_some(),
                a.chain == Chain::Eth,
                "eth_balances on {a:?}"
            );
        }
        assert_eq!(self.total, self.items.len() as u64);
        self
    }
}

/// `addr list`: [`Addresses`] with the next page's cursor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressPage {
    pub items: Vec<AddressRow>,
    pub total: u64,
    #[serde(deserialize_with = "Option::deserialize")]
    pub next_cursor: Option<String>,
}

impl AddressPage {
    /// Panics unless `eth_balances` is there exactly on `eth` rows and the page is at
    /// most `total`; a whole list (no next page, no cursor given) is exactly `total`.
    pub fn check(self) -> Self {
        for a in &self.items {
            assert_eq!(
                a.eth_balances.is_some(),
                a.chain == Chain::Eth,
                "eth_balances on {a:?}"
            );
        }
        assert!(self.items.len() as u64 <= self.total);
        self
    }
}

// ---------------------------------------------------------------- backup verify

/// What a backup holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupCounts {
    pub wallets: i64,
    pub addresses: i64,
    pub transactions: i64,
    pub labels: i64,
}

/// A backup's header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupHeader {
    pub format: String,
    pub version: u32,
    pub coffer_version: String,
    pub kind: BackupKind,
    pub created_at: String,
    pub user: String,
    pub schema_version: i64,
    pub counts: BackupCounts,
    pub sha256: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub engine_size: Option<u64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub engine_sha256: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub note: Option<String>,
    pub parts: Vec<String>,
    pub key_material: bool,
}

/// One check of `backup verify`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupCheck {
    pub check: String,
    pub ok: bool,
    pub detail: String,
}

/// `backup verify`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupVerified {
    pub file: String,
    pub ok: bool,
    pub header: BackupHeader,
    pub checks: Vec<BackupCheck>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub recorded: Option<String>,
}

// ---------------------------------------------------------------- security show

/// KDF parameters (no salt).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// A keyslot of `security show`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyslot {
    pub kind: SlotKind,
    pub kdf: KdfParams,
    pub created_at: String,
}

/// The limits of one asset.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub asset: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub per_tx_units: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub daily_units: Option<String>,
    pub sent_last_day_units: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub per_tx: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub daily: Option<String>,
    pub sent_last_day: String,
}

/// Automatic backups in `security show`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoBackup {
    pub enabled: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub every_secs: Option<i64>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub keep: Option<u32>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub dir: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub protection: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub last_at: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub last_error: Option<String>,
    pub inside_home: bool,
}

/// `security show`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityShown {
    pub user: String,
    pub kdf_profile: KdfProfile,
    pub kdf_insecure: bool,
    pub keyslots: Vec<Keyslot>,
    pub pin_kdf: KdfParams,
    pub pin_failures: u32,
    #[serde(deserialize_with = "Option::deserialize")]
    pub pin_locked_until: Option<String>,
    pub failed_logins: u32,
    pub two_factor: bool,
    pub backup_codes_left: u32,
    pub password_changed_at: String,
    pub session_timeout_secs: i64,
    pub session_max_secs: i64,
    pub currency: String,
    pub level: SecurityLevel,
    pub confirm_new_recipient: bool,
    pub limits: Vec<Limit>,
    pub awaiting_approval: u64,
    pub auto_backup: AutoBackup,
    #[serde(deserialize_with = "Option::deserialize")]
    pub last_backup_at: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub last_verified_backup_at: Option<String>,
    pub recommendations: Vec<String>,
}

// ---------------------------------------------------------------- send

/// Where the values of a payment URI came from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UriSources {
    pub uri: String,
    pub recipient: UriSource,
    pub amount: UriSource,
    #[serde(deserialize_with = "Option::deserialize")]
    pub label: Option<UriSource>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub message: Option<String>,
    /// EIP-681 only.
    #[serde(default)]
    pub chain_id: Option<UriSource>,
    /// EIP-681 ERC-20 transfers only.
    #[serde(default)]
    pub token: Option<UriSource>,
}

/// An output of a Bitcoin review.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewOutput {
    pub address: String,
    pub amount: String,
    pub amount_sat: u64,
    pub ours: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub path: Option<String>,
}

/// Multisig signatures present and needed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    pub have: u64,
    pub need: u64,
    pub keys: u64,
    pub missing: u64,
}

/// What a person sees before signing a Bitcoin transaction.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BtcReview {
    pub recipients: Vec<ReviewOutput>,
    pub change: Vec<ReviewOutput>,
    pub inputs: u64,
    pub spends: Vec<String>,
    pub fee: String,
    pub fee_sat: u64,
    pub fee_rate: String,
    pub vsize: u64,
    pub vsize_final: bool,
    pub total_debited: String,
    pub total_debited_sat: u64,
    pub rbf: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub signatures: Option<Signatures>,
    /// A payment given as a URI only.
    #[serde(default)]
    pub sources: Option<UriSources>,
}

/// Bitcoin `send` (also `send sign`, `send bump`, `send cpfp`, `send confirm`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BtcSent {
    pub status: BtcSendStatus,
    pub wallet: String,
    pub txid: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hex: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub psbt: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub file: Option<String>,
    pub broadcast: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub replaces: Option<String>,
    pub review: BtcReview,
}

/// The ERC-20 transfer of an Ethereum request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenTransfer {
    pub symbol: String,
    pub decimals: u8,
    pub to: String,
    pub amount: String,
}

/// An unsigned Ethereum request (`coffer-eth-request`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EthRequest {
    pub format: String,
    pub version: u32,
    pub chain_id: u64,
    pub nonce: u64,
    pub from: String,
    pub path: String,
    pub to: String,
    pub value: String,
    pub data: String,
    pub gas_limit: u64,
    pub max_fee_per_gas: String,
    pub max_priority_fee_per_gas: String,
    /// ERC-20 transfers only.
    #[serde(default)]
    pub token: Option<TokenTransfer>,
}

/// What a person sees before signing an Ethereum transaction.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EthReview {
    pub chain_id: u64,
    pub from: String,
    pub to: String,
    pub amount: String,
    pub amount_units: String,
    pub currency: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub token_contract: Option<String>,
    pub nonce: u64,
    pub max_fee_gwei: String,
    pub priority_fee_gwei: String,
    pub gas_limit: u64,
    pub max_network_fee: String,
    pub max_network_fee_wei: String,
    pub max_total_cost: String,
    pub max_total_cost_wei: String,
    /// A payment given as a URI only.
    #[serde(default)]
    pub sources: Option<UriSources>,
}

/// Ethereum `send` (also `send sign`, `send broadcast` of a signed one).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EthSent {
    pub status: EthSendStatus,
    #[serde(deserialize_with = "Option::deserialize")]
    pub wallet: Option<String>,
    pub chain_id: u64,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hash: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub raw: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub request: Option<EthRequest>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub file: Option<String>,
    pub broadcast: bool,
    pub review: EthReview,
}

// ---------------------------------------------------------------- tests of the types

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn whoami() -> Value {
        json!({
            "user": "alice",
            "email": "alice@example.com",
            "home": "/tmp/h",
            "session": {
                "mode": "file",
                "created_at": "2026-11-23T14:32:32Z",
                "expires_at": "2026-11-24T02:32:32Z",
                "expires_in_secs": 43198,
                "idle_timeout_secs": 900,
                "idle_left_secs": 900
            },
            "kdf_profile": "test",
            "kdf_insecure": true,
            "wallets": 0,
            "last_login_at": null
        })
    }

    fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    #[test]
    fn the_types_read_what_they_mirror() {
        let w: WhoAmI = parse(whoami()).unwrap();
        assert_eq!(w.session.mode, SessionMode::File);
        assert_eq!(w.last_login_at, None);
    }

    #[test]
    fn a_missing_nullable_key_fails() {
        let mut v = whoami();
        v.as_object_mut().unwrap().remove("last_login_at");
        let e = parse::<WhoAmI>(v).unwrap_err();
        assert!(e.contains("missing field `last_login_at`"), "{e}");
    }

    /// Why the nullable fields take `deserialize_with = "Option::deserialize"`: a plain
    /// `Option` field reads a missing key as null, so a removed field would pass.
    #[test]
    fn a_plain_option_would_accept_a_missing_key() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Plain {
            #[allow(dead_code)]
            a: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Required {
            #[serde(deserialize_with = "Option::deserialize")]
            #[allow(dead_code)]
            a: Option<String>,
        }
        assert!(parse::<Plain>(json!({})).is_ok());
        assert!(parse::<Required>(json!({})).is_err());
        assert!(parse::<Required>(json!({"a": null})).is_ok());
    }

    #[test]
    fn a_renamed_key_fails() {
        let mut v = whoami();
        let m = v.as_object_mut().unwrap();
        let x = m.remove("last_login_at").unwrap();
        m.insert("last_login".into(), x);
        let e = parse::<WhoAmI>(v).unwrap_err();
        assert!(e.contains("unknown field `last_login`"), "{e}");
    }

    #[test]
    fn an_added_key_fails_at_any_depth() {
        let mut v = whoami();
        v["session"]["extra"] = json!(1);
        let e = parse::<WhoAmI>(v).unwrap_err();
        assert!(e.contains("unknown field `extra`"), "{e}");
    }

    #[test]
    fn an_undocumented_value_of_a_closed_set_fails() {
        let mut v = whoami();
        v["session"]["mode"] = json!("keyring");
        let e = parse::<WhoAmI>(v).unwrap_err();
        assert!(e.contains("unknown variant `keyring`"), "{e}");
    }

    #[test]
    fn error_extras_must_match_the_code() {
        let ok: ErrorBody = parse(json!({
            "code": "wrong_pin", "message": "wrong PIN", "hint": null,
            "attempts_before_lock": 4, "locked_for_secs": null
        }))
        .unwrap();
        ok.check_extras();
        assert_eq!(ok.locked_for_secs, Some(None));
        // A missing hint fails; so does `locked_for_secs` left out.
        assert!(
            parse::<ErrorBody>(json!({"code": "not_found", "message": "x"}))
                .unwrap_err()
                .contains("missing field `hint`")
        );
        let missing: ErrorBody = parse(json!({
            "code": "wrong_pin", "message": "wrong PIN", "hint": null,
            "attempts_before_lock": 4
        }))
        .unwrap();
        let r = std::panic::catch_unwind(|| missing.check_extras());
        assert!(r.is_err(), "a wrong_pin without locked_for_secs passed");
        let stray: ErrorBody = parse(json!({
            "code": "not_found", "message": "x", "hint": null, "field": "wallet"
        }))
        .unwrap();
        assert!(std::panic::catch_unwind(|| stray.check_extras()).is_err());
    }
}
