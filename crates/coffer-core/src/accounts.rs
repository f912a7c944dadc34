//! Wallets and their keys: a BIP-39 mnemonic to a seed to the accounts of each chain
//! (BIP-44/49/84/86 Bitcoin, BIP-44 EVM), watch-only accounts (descriptors, xpubs, an
//! Ethereum address, an export file), and the stored changes of `wallet create`,
//! `import`, `export`, `rename`, `archive` and `reveal`, each in the caller's one
//! transaction. Reading the words and the passphrase, and every prompt, are the caller's.

use crate::backup::restore::RestoredAccount;
use crate::chain::btc::{self, Account, ScriptType};
use crate::chain::{Chain, Network, eth};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::fsio;
use crate::vault::wallets::{self, AccountRow, WalletRow, WalletSecret};
use bitcoin::secp256k1::Secp256k1;
use rusqlite::Connection;
use serde::Serialize;
use zeroize::Zeroizing;

/// How a seed's accounts are derived: the Bitcoin network and script type, and the
/// account number (the last hardened level of both chains' paths).
#[derive(Debug, Clone, Copy)]
pub struct Derivation {
    /// Bitcoin network.
    pub network: Network,
    /// Bitcoin script type.
    pub script_type: ScriptType,
    /// Account number.
    pub account: u32,
}

/// A BIP-39 mnemonic as typed or read from a file: words split on any whitespace,
/// lower-cased, then checked (words and checksum).
pub fn parse_mnemonic(text: &str) -> Result<bip39::Mnemonic> {
    let words = Zeroizing::new(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    );
    btc::parse_mnemonic(&words)
}

/// A new mnemonic of 12 or 24 words from the system's randomness.
pub fn new_mnemonic(words: usize) -> Result<bip39::Mnemonic> {
    let entropy = Zeroizing::new(fsio::random_bytes::<32>());
    let len = if words == 24 { 32 } else { 16 };
    Ok(bip39::Mnemonic::from_entropy(&entropy[..len])
        .map_err(|e| anyhow::anyhow!("mnemonic: {e}"))?)
}

/// A new wallet's script type: segwit or taproot (legacy and nested segwit are for
/// imports).
pub fn check_new_script_type(script_type: ScriptType) -> Result<()> {
    if matches!(script_type, ScriptType::Legacy | ScriptType::NestedSegwit) {
        return Err(Error::invalid(
            "script_type",
            "new wallets are segwit or taproot; legacy and nested segwit are for imports",
        ));
    }
    Ok(())
}

/// An account as shown, with its first receiving address.
#[derive(Debug, Serialize)]
pub struct AccountView {
    /// The stored account.
    #[serde(flatten)]
    pub account: AccountRow,
    /// The first receiving address (index 0).
    pub first_address: String,
}

/// A wallet as shown by `create` and `show`.
#[derive(Serialize)]
pub struct WalletView {
    /// Name.
    pub name: String,
    /// `hot` or `watch_only`.
    pub kind: String,
    /// Whether the wallet is archived (hidden from lists).
    pub archived: bool,
    /// Chains with an account.
    pub chains: Vec<String>,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Addresses derived so far.
    pub addresses: i64,
    /// The accounts.
    pub accounts: Vec<AccountView>,
    /// How the keys come from the words and passphrase: `bip39` (as every BIP-39
    /// wallet derives them), `legacy` (a wallet made before coffer normalised
    /// passphrases whose passphrase normalisation changes: see `seed_warning`); null for
    /// watch-only wallets.
    pub seed_derivation: Option<&'static str>,
    /// With `legacy`: what it means and what to do (move the funds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed_warning: Option<String>,
    /// The mnemonic: only from `create --reveal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mnemonic: Option<String>,
    /// What to do to see the mnemonic, when it is not shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl std::fmt::Debug for WalletView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalletView")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// What `wallet show` says of a seed derived the old way (see `SeedDerivation::Legacy`).
pub const LEGACY_SEED_WARNING: &str = "this wallet was created before coffer normalised BIP-39 \
     passphrases (NFKD): its passphrase has characters that normalisation changes, so its \
     keys differ from what BIP-39 derives from its words and passphrase, and other wallets \
     (and `coffer restore wallet`) would restore a different, empty wallet. coffer keeps \
     deriving it the old way, so its funds stay spendable here: move them to a new wallet \
     (`coffer wallet create NEW`, then send everything to it with `coffer send --max`) and \
     back up the new wallet's words. Wallets without a passphrase, or with an ASCII one, are \
     not affected.";

/// A wallet as shown, from its row (the secret is read only for how the seed derives).
pub fn view(
    conn: &rusqlite::Connection,
    w: WalletRow,
    mnemonic: Option<String>,
    notice: Option<String>,
) -> Result<WalletView> {
    let secret = wallets::secret(conn, w.id)?;
    let legacy = secret.as_ref().is_some_and(|s| s.nonstandard_seed());
    let seed_derivation = secret
        .as_ref()
        .map(|_| if legacy { "legacy" } else { "bip39" });
    let accounts = w
        .accounts
        .into_iter()
        .map(|a| {
            let first_address = first_address(&a)?;
            Ok(AccountView {
                account: a,
                first_address,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(WalletView {
        name: w.name,
        kind: w.kind,
        archived: w.archived,
        chains: accounts
            .iter()
            .map(|a| a.account.chain.name().to_string())
            .collect(),
        created_at: clock::rfc3339(w.created_at),
        addresses: w.addresses,
        accounts,
        seed_derivation,
        seed_warning: legacy.then(|| LEGACY_SEED_WARNING.to_string()),
        mnemonic,
        notice,
    })
}

/// The first receiving address of an account.
pub fn first_address(a: &AccountRow) -> Result<String> {
    Ok(a.addresses(0, 0, 1)?.remove(0))
}

/// The stored form of a Bitcoin account.
pub fn btc_row(w: &btc::WatchAccount, network: Network, account: u32) -> Result<AccountRow> {
    let (ext, int) = w.descriptors()?;
    Ok(AccountRow {
        id: 0,
        chain: crate::chain::Chain::Btc,
        network: Some(network),
        script_type: Some(serde_plain(w.script)),
        account_index: account,
        fingerprint: w.origin.as_ref().map(|(fp, _)| fp.clone()),
        path: w.origin.as_ref().map(|(_, p)| format!("m/{p}")),
        xpub: Some(w.xpub.to_string()),
        external_descriptor: Some(ext),
        internal_descriptor: Some(int),
        address: None,
    })
}

/// Derives the accounts of a seed on the chosen chains.
pub fn derive_accounts(
    mnemonic: &bip39::Mnemonic,
    passphrase: &str,
    chains: &[Chain],
    args: &Derivation,
) -> Result<Vec<AccountRow>> {
    let secp = Secp256k1::new();
    let seed = btc::seed(mnemonic, passphrase);
    let mut out = vec![];
    for chain in chains {
        match chain {
            Chain::Btc => {
                let master = btc::master(&seed[..], args.network)?;
                let acct =
                    Account::derive(&secp, &master, args.script_type, args.network, args.account)?;
                out.push(btc_row(&acct.watch(), args.network, args.account)?);
            }
            Chain::Eth => {
                let master = btc::master(&seed[..], Network::Bitcoin)?;
                let path = eth::account_path(args.account)?;
                let xprv = master
                    .derive_priv(&secp, &path)
                    .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
                out.push(AccountRow {
                    id: 0,
                    chain: crate::chain::Chain::Eth,
                    network: None,
                    script_type: None,
                    account_index: args.account,
                    fingerprint: Some(master.fingerprint(&secp).to_string()),
                    path: Some(format!("m/{path}")),
                    xpub: Some(bitcoin::bip32::Xpub::from_priv(&secp, &xprv).to_string()),
                    external_descriptor: None,
                    internal_descriptor: None,
                    address: None,
                });
            }
        }
    }
    Ok(out)
}

fn serde_plain<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The chains asked for, each once, in order.
pub fn unique(chains: &[Chain]) -> Vec<Chain> {
    let mut out = vec![];
    for c in chains {
        if !out.contains(c) {
            out.push(*c);
        }
    }
    out
}

/// Where a watch-only import's keys come from (the first given, in this order).
#[derive(Debug, Clone, Copy)]
pub struct WatchSource<'a> {
    /// A `wallet export --watch-only` file.
    pub file: Option<&'a std::path::Path>,
    /// One Ethereum address.
    pub eth_address: Option<&'a str>,
    /// An account extended public key.
    pub xpub: Option<&'a str>,
    /// Public descriptors: receive and, optionally, change.
    pub descriptors: &'a [String],
}

/// Multisig descriptors, which the caller knows: whether a descriptor is one, and its
/// account row (receive, change, network).
#[derive(Clone, Copy)]
pub struct Multisig {
    /// Whether a descriptor is a multisig one.
    pub is: fn(&str) -> bool,
    /// The stored form of a multisig account.
    pub row: fn(&str, Option<&str>, Network) -> Result<AccountRow>,
}

/// The accounts of a watch-only import (descriptor, xpub or export file).
pub fn watch_only_accounts(
    src: &WatchSource<'_>,
    d: &Derivation,
    multisig: Multisig,
) -> Result<Vec<AccountRow>> {
    let network = d.network;
    let account = d.account;
    if let Some(f) = src.file {
        return read_export(f, multisig);
    }
    if let Some(a) = src.eth_address {
        return Ok(vec![eth_address_row(a)?]);
    }
    let watch = if let Some(x) = src.xpub {
        let (xpub, script) = btc::parse_any_xpub(x, d.script_type)?;
        btc::WatchAccount {
            origin: None,
            xpub,
            script,
        }
    } else {
        if let Some(first) = src.descriptors.first()
            && (multisig.is)(first)
        {
            if src.descriptors.len() > 2 {
                return Err(Error::invalid(
                    "descriptor",
                    "give the receive (/0/*) and, optionally, the change (/1/*) descriptor",
                ));
            }
            return Ok(vec![(multisig.row)(
                first,
                src.descriptors.get(1).map(String::as_str),
                network,
            )?]);
        }
        let parsed = src
            .descriptors
            .iter()
            .map(|d| btc::parse_descriptor(d))
            .collect::<Result<Vec<_>>>()?;
        let (first, _) = &parsed[0];
        if parsed.len() > 2
            || parsed.iter().any(|(w, _)| {
                w.xpub != first.xpub || w.script != first.script || w.origin != first.origin
            })
        {
            return Err(Error::invalid(
                "descriptor",
                "give one account: its receive (/0/*) and change (/1/*) descriptors over the same key",
            ));
        }
        if parsed.len() == 2 && parsed[0].1 == parsed[1].1 {
            return Err(Error::invalid(
                "descriptor",
                "the two descriptors must be the receive (/0/*) and change (/1/*) branches",
            ));
        }
        first.clone()
    };
    btc::check_key_network(&watch.xpub, network)?;
    Ok(vec![btc_row(&watch, network, account)?])
}

/// A single-address watch-only EVM account.
pub fn eth_address_row(address: &str) -> Result<AccountRow> {
    let info = eth::validate_address(address)?;
    Ok(AccountRow {
        id: 0,
        chain: crate::chain::Chain::Eth,
        network: None,
        script_type: None,
        account_index: 0,
        fingerprint: None,
        path: None,
        xpub: None,
        external_descriptor: None,
        internal_descriptor: None,
        address: Some(info.checksummed),
    })
}

/// The watch-only export format (`wallet export --watch-only`).
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct WatchOnlyExport {
    /// Always `coffer-watch-only`.
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// The wallet's name where it was exported.
    pub name: String,
    /// The accounts: public keys and descriptors only.
    pub accounts: Vec<AccountRow>,
}

/// Reads a `wallet export --watch-only` file into accounts, each checked as an import
/// would be (`multisig`: the row of a multisig descriptor).
pub fn read_export(path: &std::path::Path, multisig: Multisig) -> Result<Vec<AccountRow>> {
    let bad = |why: String| Error::invalid("watch_only_file", why);
    let bytes =
        std::fs::read(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let export: WatchOnlyExport = serde_json::from_slice(&bytes)
        .map_err(|e| bad(format!("not a coffer watch-only export: {e}")))?;
    if export.format != "coffer-watch-only" || export.version != 1 {
        return Err(bad(format!(
            "unsupported format {} version {}",
            export.format, export.version
        )));
    }
    export
        .accounts
        .into_iter()
        .map(|a| {
            if let (None, Some(addr)) = (&a.xpub, &a.address) {
                return eth_address_row(addr);
            }
            if a.script_type
                .as_deref()
                .is_some_and(|s| s.starts_with("multisig"))
            {
                let network: Network = a.network.unwrap_or(Network::Bitcoin);
                let ext = a
                    .external_descriptor
                    .as_deref()
                    .ok_or_else(|| bad("a multisig account has no descriptor".into()))?;
                return (multisig.row)(ext, a.internal_descriptor.as_deref(), network);
            }
            let xpub = btc::parse_xpub(a.xpub.as_deref().unwrap_or_default())?;
            if a.chain == crate::chain::Chain::Eth {
                return Ok(AccountRow {
                    id: 0,
                    chain: crate::chain::Chain::Eth,
                    network: None,
                    script_type: None,
                    account_index: a.account_index,
                    fingerprint: a.fingerprint,
                    path: a.path,
                    xpub: Some(xpub.to_string()),
                    external_descriptor: None,
                    internal_descriptor: None,
                    address: None,
                });
            }
            let ext = a
                .external_descriptor
                .as_deref()
                .ok_or_else(|| bad("a Bitcoin account has no descriptor".into()))?;
            let (watch, _) = btc::parse_descriptor(ext)?;
            if watch.xpub != xpub {
                return Err(bad(
                    "the descriptor and the xpub of an account differ".into()
                ));
            }
            let network: Network = a.network.unwrap_or(Network::Bitcoin);
            btc::check_key_network(&watch.xpub, network)?;
            let row = btc_row(&watch, network, a.account_index)?;
            if a.internal_descriptor.is_some() && a.internal_descriptor != row.internal_descriptor {
                return Err(bad(
                    "the change descriptor does not belong to the receive descriptor".into(),
                ));
            }
            Ok(row)
        })
        .collect()
}

/// The result of `wallet list`.
#[derive(Debug, Serialize)]
pub struct WalletList {
    /// The wallets, by name.
    pub items: Vec<WalletView>,
    /// How many.
    pub total: usize,
}

/// The wallets as shown by `wallet list`.
pub fn list(conn: &Connection) -> Result<WalletList> {
    let items = wallets::list(conn)?
        .into_iter()
        .map(|w| view(conn, w, None, None))
        .collect::<Result<Vec<_>>>()?;
    Ok(WalletList {
        total: items.len(),
        items,
    })
}

/// A hot wallet about to be stored.
pub struct Hot<'a> {
    /// Its name.
    pub name: &'a str,
    /// The mnemonic (words).
    pub mnemonic: &'a str,
    /// The BIP-39 passphrase, if any.
    pub passphrase: Option<&'a str>,
    /// The accounts derived from them.
    pub accounts: &'a [AccountRow],
    /// The chains asked for (for the audit).
    pub chains: &'a [Chain],
    /// Add it even when its keys are already a wallet's.
    pub allow_duplicate: bool,
}

/// A mnemonic import's secrets (the words, the BIP-39 passphrase) and the accounts
/// derived from them, to store as a hot wallet ([`HotSeed::hot`]).
pub struct HotSeed {
    phrase: Zeroizing<String>,
    passphrase: Option<secrecy::SecretString>,
    accounts: Vec<AccountRow>,
    chains: Vec<Chain>,
}

impl HotSeed {
    /// Derives the accounts of `mnemonic` (with `passphrase`) on `chains` (each once).
    pub fn derive(
        mnemonic: &bip39::Mnemonic,
        passphrase: Option<secrecy::SecretString>,
        chains: &[Chain],
        derivation: &Derivation,
    ) -> Result<Self> {
        use secrecy::ExposeSecret as _;
        let chains = unique(chains);
        let pass = passphrase.as_ref().map(|p| p.expose_secret()).unwrap_or("");
        let accounts = derive_accounts(mnemonic, pass, &chains, derivation)?;
        Ok(HotSeed {
            phrase: Zeroizing::new(mnemonic.to_string()),
            passphrase,
            accounts,
            chains,
        })
    }

    /// The wallet to store, named `name`.
    pub fn hot<'a>(&'a self, name: &'a str, allow_duplicate: bool) -> Hot<'a> {
        use secrecy::ExposeSecret as _;
        Hot {
            name,
            mnemonic: &self.phrase,
            passphrase: self.passphrase.as_ref().map(|p| p.expose_secret()),
            accounts: &self.accounts,
            chains: &self.chains,
            allow_duplicate,
        }
    }
}

/// Stores a hot wallet: the name free, the keys not already a wallet (unless allowed),
/// the secret and accounts inserted; returns its id.
fn insert_hot(conn: &Connection, h: &Hot<'_>, now: i64) -> Result<i64> {
    let secret = wallets::NewSecret {
        mnemonic: h.mnemonic,
        passphrase: h.passphrase,
        derivation: wallets::SeedDerivation::Bip39,
    };
    wallets::ensure_name_free(conn, h.name)?;
    wallets::ensure_not_duplicate(conn, h.accounts, h.allow_duplicate)?;
    wallets::insert(conn, h.name, Some(secret), h.accounts, now)
}

/// `wallet create`'s write: the wallet stored (born now: nothing to scan before it) and
/// audited (`wallet_create`).
pub fn create(conn: &Connection, h: &Hot<'_>, words: usize, now: i64) -> Result<WalletRow> {
    let id = insert_hot(conn, h, now)?;
    wallets::set_birth(conn, id, now)?;
    let details = serde_json::json!({ "wallet": h.name, "chains": h.chains, "words": words, "passphrase": h.passphrase.is_some() });
    audit::record(
        conn,
        &Event::new("wallet_create", Severity::Info, true, details),
    )?;
    wallets::get(conn, h.name)
}

/// `wallet import`'s (and `restore wallet`'s) write of a mnemonic: stored and audited
/// (`wallet_import`, from `mnemonic`).
pub fn import(conn: &Connection, h: &Hot<'_>) -> Result<WalletRow> {
    insert_hot(conn, h, clock::now())?;
    let details = serde_json::json!({ "wallet": h.name, "chains": h.chains, "from": "mnemonic", "passphrase": h.passphrase.is_some() });
    audit::record(
        conn,
        &Event::new("wallet_import", Severity::Info, true, details),
    )?;
    wallets::get(conn, h.name)
}

/// What a mnemonic restores, stored nowhere (`restore wallet --dry-run`): each chain's
/// account path and first `shown` receive addresses, and the wallet of this vault that
/// already holds these keys, if one.
pub fn preview(
    conn: &Connection,
    mnemonic: &bip39::Mnemonic,
    passphrase: &str,
    chains: &[Chain],
    d: &Derivation,
    shown: u32,
) -> Result<(Vec<RestoredAccount>, Option<String>)> {
    let seed = btc::seed(mnemonic, passphrase);
    let accounts = crate::backup::restore::preview_accounts(
        &seed[..],
        chains,
        d.network,
        d.script_type,
        d.account,
        shown,
    )?;
    let rows = derive_accounts(mnemonic, passphrase, chains, d)?;
    Ok((accounts, wallets::duplicate_of(conn, &rows)?.map(|d| d.0)))
}

/// `restore wallet`'s write: the mnemonic imported ([`import`]) and the first
/// `gap_limit` addresses of each branch derived, in the caller's one transaction; the
/// wallet and its accounts with their first `shown` addresses.
pub fn restore(
    conn: &Connection,
    h: &Hot<'_>,
    gap_limit: u32,
    shown: u32,
) -> Result<(WalletRow, Vec<RestoredAccount>)> {
    let w = import(conn, h)?;
    crate::backup::restore::derive_gap(conn, &w, gap_limit)?;
    let accounts = crate::backup::restore::restored_accounts(&w, shown)?;
    Ok((w, accounts))
}

/// `wallet import`'s write of watch-only accounts: stored and audited.
pub fn import_watch_only(
    conn: &Connection,
    name: &str,
    accounts: &[AccountRow],
    allow_duplicate: bool,
) -> Result<WalletRow> {
    wallets::ensure_name_free(conn, name)?;
    wallets::ensure_not_duplicate(conn, accounts, allow_duplicate)?;
    wallets::insert(conn, name, None, accounts, clock::now())?;
    let chains: Vec<&str> = accounts.iter().map(|a| a.chain.name()).collect();
    let details = serde_json::json!({ "wallet": name, "chains": chains, "from": "watch_only" });
    audit::record(
        conn,
        &Event::new("wallet_import", Severity::Info, true, details),
    )?;
    wallets::get(conn, name)
}

/// `wallet rename`'s write, audited.
pub fn rename(conn: &Connection, old: &str, new: &str) -> Result<WalletRow> {
    wallets::rename(conn, old, new)?;
    let details = serde_json::json!({ "from": old, "to": new });
    audit::record(
        conn,
        &Event::new("wallet_rename", Severity::Info, true, details),
    )?;
    wallets::get(conn, new)
}

/// `wallet archive`'s write: hidden from lists, kept in the vault; audited.
pub fn archive(conn: &Connection, name: &str) -> Result<WalletRow> {
    wallets::set_archived(conn, name, true)?;
    audit::record(
        conn,
        &Event::new(
            "wallet_archive",
            Severity::Info,
            true,
            serde_json::json!({ "wallet": name }),
        ),
    )?;
    wallets::get(conn, name)
}

/// `wallet export --watch-only`'s write: the wallet's public accounts, the export
/// audited (`file`: where the caller writes it).
pub fn export(conn: &Connection, name: &str, file: Option<String>) -> Result<WatchOnlyExport> {
    let w = wallets::get(conn, name)?;
    audit::record(
        conn,
        &Event::new(
            "wallet_exported",
            Severity::Info,
            true,
            serde_json::json!({ "wallet": w.name, "watch_only": true, "file": file }),
        ),
    )?;
    Ok(WatchOnlyExport {
        format: "coffer-watch-only".into(),
        version: 1,
        name: w.name.clone(),
        accounts: w.accounts,
    })
}

/// A hot wallet and its secret (`wallet reveal`); a watch-only one is `invalid_input`.
pub fn secret_of(conn: &Connection, name: &str) -> Result<(WalletRow, WalletSecret)> {
    let w = wallets::get(conn, name)?;
    let Some(secret) = wallets::secret(conn, w.id)? else {
        return Err(Error::invalid(
            "wallet",
            format!("'{}' is watch-only: it has no mnemonic", w.name),
        ));
    };
    Ok((w, secret))
}

/// Audits a mnemonic shown (`mnemonic_revealed`).
pub fn record_reveal(conn: &Connection, wallet: &str) -> Result<()> {
    let details = serde_json::json!({ "wallet": wallet });
    audit::record(
        conn,
        &Event::new("mnemonic_revealed", Severity::Medium, true, details),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    #[test]
    fn typed_words_are_normalised_before_the_check() {
        let m = parse_mnemonic(&format!(
            "  {}\n",
            ABANDON.to_uppercase().replace(' ', "\t ")
        ))
        .unwrap();
        assert_eq!(m.to_string(), ABANDON);
        assert!(parse_mnemonic("abandon abandon").is_err());
    }

    #[test]
    fn chains_are_kept_once_in_order() {
        assert_eq!(
            unique(&[Chain::Eth, Chain::Btc, Chain::Eth]),
            vec![Chain::Eth, Chain::Btc]
        );
    }

    #[test]
    fn the_test_mnemonic_derives_the_reference_accounts() {
        let m = parse_mnemonic(ABANDON).unwrap();
        let d = Derivation {
            network: Network::Bitcoin,
            script_type: ScriptType::Segwit,
            account: 0,
        };
        let rows = derive_accounts(&m, "", &[Chain::Btc, Chain::Eth], &d).unwrap();
        assert_eq!(rows[0].fingerprint.as_deref(), Some("73c5da0a"));
        assert_eq!(rows[0].path.as_deref(), Some("m/84'/0'/0'"));
        assert_eq!(rows[1].path.as_deref(), Some("m/44'/60'/0'"));
        assert!(check_new_script_type(ScriptType::Legacy).is_err());
    }

    #[test]
    fn an_ethereum_address_row_is_checksummed() {
        let row = eth_address_row("0x9858effd232b4033e47d90003d41ec34ecaeda94").unwrap();
        assert_eq!(
            row.address.as_deref(),
            Some("0x9858EfFD232B4033E47d90003D41EC34EcaEda94")
        );
    }
}
