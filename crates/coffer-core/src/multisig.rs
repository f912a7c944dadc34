//! Multisig wallets: an M-of-N `sortedmulti` descriptor wallet of cosigner keys with
//! origins, and optionally a key of this vault at BIP-48 `m/48'/coin'/account'/script'`;
//! this vault's cosigner key with its origin, for the other cosigners; watch-only
//! multisig accounts from their descriptors.

use crate::chain::{Network, btc};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::wallets::{self, AccountRow, WalletRow};
use miniscript::ForEachKey as _;
use miniscript::descriptor::{Descriptor, DescriptorPublicKey};
use rusqlite::Connection;
use serde::Serialize;
use std::str::FromStr as _;

/// The script of a multisig wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiScript {
    /// Native segwit: `wsh(sortedmulti(…))` (BIP-48 script type 2').
    Wsh,
    /// Nested segwit: `sh(wsh(sortedmulti(…)))` (BIP-48 script type 1').
    ShWsh,
    /// Taproot: `tr(NUMS, multi_a(…))` (3' as Sparrow and others use).
    Tr,
}

impl MultiScript {
    /// The BIP-48 script type (hardened index).
    pub fn bip48(self) -> u32 {
        match self {
            MultiScript::Wsh => 2,
            MultiScript::ShWsh => 1,
            MultiScript::Tr => 3,
        }
    }

    /// The stored script type of the account.
    pub fn stored(self) -> &'static str {
        match self {
            MultiScript::Wsh => "multisig_wsh",
            MultiScript::ShWsh => "multisig_sh_wsh",
            MultiScript::Tr => "multisig_tr",
        }
    }
}

/// BIP-341's provably unspendable key (H), the internal key of taproot multisig.
const NUMS: &str = "50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0";

/// This vault's cosigner key of a hot wallet: `[fp/48'/coin'/account'/type']xpub`, and
/// the origin's fingerprint and path.
pub fn local_key(
    conn: &Connection,
    w: &WalletRow,
    network: Network,
    script: MultiScript,
    account: u32,
) -> Result<(String, String, String)> {
    let master = crate::pay::btc::master_key(conn, w, network)?;
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let path = format!(
        "m/48'/{}'/{account}'/{}'",
        network.coin_type(),
        script.bip48()
    );
    let xprv = master
        .derive_priv(&secp, &btc::path(&path)?)
        .map_err(|e| anyhow::anyhow!("deriving the cosigner key: {e}"))?;
    let xpub = bitcoin::bip32::Xpub::from_priv(&secp, &xprv);
    let fp = master.fingerprint(&secp).to_string();
    let origin = path.trim_start_matches("m/");
    Ok((format!("[{fp}/{origin}]{xpub}"), fp, path))
}

/// A cosigner key as given: with its origin, an extended public key of `network`, no
/// derivation after it (the wallet adds `/0/*` and `/1/*`).
fn parse_cosigner(s: &str, network: Network) -> Result<(DescriptorPublicKey, String)> {
    let s = s.trim();
    let bad = |m: String| Error::invalid("cosigner", format!("'{s}': {m}"));
    let key = DescriptorPublicKey::from_str(s).map_err(|_| {
        bad(btc::xkeys_in(s)
            .into_iter()
            .find_map(btc::xkey_problem)
            .unwrap_or_else(|| {
                "not an extended public key with its origin: [fingerprint/48'/…]xpub…".into()
            }))
    })?;
    let DescriptorPublicKey::XPub(x) = &key else {
        return Err(bad(
            "give an extended public key with its origin, [fingerprint/48'/…]xpub…".into(),
        ));
    };
    if x.origin.is_none() {
        return Err(bad(
            "its origin is missing: [fingerprint/48'/coin'/account'/type']xpub… (the cosigner's software shows it)".into(),
        ));
    }
    if !x.derivation_path.is_empty() || x.wildcard != miniscript::descriptor::Wildcard::None {
        return Err(bad(
            "give the account key itself, without /0/* (the wallet adds the branches)".into(),
        ));
    }
    let kind: bitcoin::NetworkKind = network.to_bitcoin().into();
    if x.xkey.network != kind {
        return Err(bad(format!(
            "it is a key of another network than {} (xpub for bitcoin, tpub for test networks)",
            network.name()
        )));
    }
    btc::parse_xpub(&x.xkey.to_string())?;
    Ok((key, s.to_string()))
}

/// The descriptor of one branch (0 receive, 1 change), with its checksum.
fn descriptor(script: MultiScript, threshold: u8, keys: &[String], branch: u32) -> Result<String> {
    let list = keys
        .iter()
        .map(|k| format!("{k}/{branch}/*"))
        .collect::<Vec<_>>()
        .join(",");
    let text = match script {
        MultiScript::Wsh => format!("wsh(sortedmulti({threshold},{list}))"),
        MultiScript::ShWsh => format!("sh(wsh(sortedmulti({threshold},{list})))"),
        // miniscript 12 has no sortedmulti_a: multi_a over the keys in the one order
        // every cosigner uses (sorted as given), so the descriptor is the same for all.
        MultiScript::Tr => format!("tr({NUMS},multi_a({threshold},{list}))"),
    };
    let d = Descriptor::<DescriptorPublicKey>::from_str(&text).map_err(|e| {
        Error::invalid(
            "descriptor",
            format!("not a usable multisig descriptor: {e}"),
        )
    })?;
    d.sanity_check()
        .map_err(|e| Error::invalid("descriptor", format!("not a safe descriptor: {e}")))?;
    Ok(d.to_string())
}

/// `wallet create-multisig` output.
#[derive(Debug, Serialize)]
pub struct Created {
    /// The wallet.
    pub name: String,
    /// `hot` when this vault holds one of the keys, else `watch_only`.
    pub kind: String,
    /// M.
    pub threshold: u8,
    /// N.
    pub keys: usize,
    /// The network.
    pub network: Network,
    /// `wsh`, `sh-wsh` or `tr`.
    pub script_type: String,
    /// Receive descriptor with checksum.
    pub external_descriptor: String,
    /// Change descriptor with checksum.
    pub internal_descriptor: String,
    /// This vault's key, when `--with-local` was given.
    pub local_key: Option<String>,
    /// The first receive address.
    pub first_address: String,
}

/// What `wallet create-multisig` asks for.
#[derive(Debug)]
pub struct Spec {
    /// The new wallet's name.
    pub name: String,
    /// The cosigners' keys, with their origins.
    pub cosigners: Vec<String>,
    /// M.
    pub threshold: u8,
    /// The hot wallet whose seed adds this vault's key.
    pub with_local: Option<String>,
    /// The network.
    pub network: Network,
    /// The script.
    pub script_type: MultiScript,
    /// The BIP-48 account of the local key.
    pub account: u32,
    /// Add the wallet even when one has the same descriptors.
    pub allow_duplicate: bool,
}

/// Creates a multisig wallet in one write of `vault`: the keys checked, the wallet
/// stored and audited.
pub fn create(vault: &Vault, spec: &Spec) -> Result<Created> {
    wallets::validate_name(&spec.name)?;
    // One write: the checks read the vault the change is made to.
    vault.write(|conn| create_in(conn, spec))
}

fn create_in(conn: &Connection, args: &Spec) -> Result<Created> {
    wallets::ensure_name_free(conn, &args.name)?;
    let mut keys = vec![];
    let mut xpubs = std::collections::BTreeSet::new();
    for c in &args.cosigners {
        let (k, text) = parse_cosigner(c, args.network)?;
        if !xpubs.insert(match &k {
            DescriptorPublicKey::XPub(x) => x.xkey.to_string(),
            _ => text.clone(),
        }) {
            return Err(Error::invalid(
                "cosigner",
                format!("'{text}' is given twice"),
            ));
        }
        keys.push(text);
    }
    let mut local = None;
    let mut secret = None;
    if let Some(name) = &args.with_local {
        let lw = wallets::get(conn, name)?;
        let (key, fp, path) = local_key(conn, &lw, args.network, args.script_type, args.account)?;
        let x = match DescriptorPublicKey::from_str(&key) {
            Ok(DescriptorPublicKey::XPub(x)) => x.xkey.to_string(),
            _ => key.clone(),
        };
        if !xpubs.insert(x) {
            return Err(Error::invalid(
                "cosigner",
                "this vault's key is also given as --cosigner",
            ));
        }
        secret = wallets::secret(conn, lw.id)?;
        keys.push(key.clone());
        local = Some((key, fp, path));
    }
    // One order for every cosigner: the same keys give the same descriptor text
    // (sortedmulti sorts the keys in each script anyway).
    keys.sort();
    let n = keys.len();
    let limit = if args.script_type == MultiScript::Tr {
        999
    } else {
        20
    };
    if n < 2 || n > limit {
        return Err(Error::invalid(
            "cosigner",
            format!(
                "a multisig wallet has 2 to {limit} keys ({n} given: --cosigner and --with-local)"
            ),
        ));
    }
    if args.threshold == 0 || usize::from(args.threshold) > n {
        return Err(Error::invalid(
            "threshold",
            format!("--threshold must be 1 to {n} (the number of keys)"),
        ));
    }
    let external = descriptor(args.script_type, args.threshold, &keys, 0)?;
    let internal = descriptor(args.script_type, args.threshold, &keys, 1)?;
    let account = AccountRow {
        id: 0,
        chain: crate::chain::Chain::Btc,
        network: Some(args.network),
        script_type: Some(args.script_type.stored().into()),
        account_index: args.account,
        fingerprint: local.as_ref().map(|(_, fp, _)| fp.clone()),
        path: local.as_ref().map(|(_, _, p)| p.clone()),
        xpub: None,
        external_descriptor: Some(external.clone()),
        internal_descriptor: Some(internal.clone()),
        address: None,
    };
    let first_address = account.addresses(0, 0, 1)?.remove(0);
    let now = clock::now();
    let script_name = match args.script_type {
        MultiScript::Wsh => "wsh",
        MultiScript::ShWsh => "sh-wsh",
        MultiScript::Tr => "tr",
    };
    let s = secret.as_ref().map(|s| wallets::NewSecret {
        mnemonic: s.mnemonic.as_str(),
        passphrase: s.passphrase.as_deref().map(|p| p.as_str()),
        derivation: s.derivation,
    });
    wallets::ensure_not_duplicate(conn, std::slice::from_ref(&account), args.allow_duplicate)?;
    wallets::insert(conn, &args.name, s, std::slice::from_ref(&account), now)?;
    audit::record(
        conn,
        &Event::new(
            "wallet_create_multisig",
            Severity::Info,
            true,
            serde_json::json!({
                "wallet": args.name, "threshold": args.threshold, "keys": n,
                "script_type": script_name, "network": args.network.name(),
                "local": args.with_local,
            }),
        ),
    )?;
    Ok(Created {
        name: args.name.clone(),
        kind: if secret.is_some() {
            "hot"
        } else {
            "watch_only"
        }
        .into(),
        threshold: args.threshold,
        keys: n,
        network: args.network,
        script_type: script_name.into(),
        external_descriptor: external,
        internal_descriptor: internal,
        local_key: local.map(|(k, _, _)| k),
        first_address,
    })
}

/// `wallet export --cosigner-key` output.
#[derive(Debug, Serialize)]
pub struct CosignerKey {
    /// The wallet whose seed it comes from.
    pub wallet: String,
    /// `[fingerprint/48'/coin'/account'/type']xpub…`.
    pub key: String,
    /// The master key fingerprint.
    pub fingerprint: String,
    /// Its derivation path.
    pub path: String,
    /// The network.
    pub network: Network,
}

/// This vault's cosigner key of wallet `name` (`wallet export --cosigner-key`),
/// audited, in one write of `vault`.
pub fn export_key(
    vault: &Vault,
    name: &str,
    network: Option<Network>,
    script: MultiScript,
    account: u32,
) -> Result<CosignerKey> {
    // One write: the key is derived from the vault the export is audited in.
    vault.write_light(|conn| {
        let w = wallets::get(conn, name)?;
        let network = match network {
            Some(n) => n,
            None => w
                .accounts
                .iter()
                .find(|a| a.chain == crate::chain::Chain::Btc)
                .and_then(|a| a.network)
                .unwrap_or(Network::Bitcoin),
        };
        let (key, fingerprint, path) = local_key(conn, &w, network, script, account)?;
        audit::record(
            conn,
            &Event::new(
                "cosigner_key_exported",
                Severity::Info,
                true,
                serde_json::json!({ "wallet": w.name, "path": path }),
            ),
        )?;
        Ok(CosignerKey {
            wallet: w.name,
            key,
            fingerprint,
            path,
            network,
        })
    })
}

/// A watch-only multisig account from its receive descriptor (and change descriptor;
/// without one, the same keys on branch 1): checked, with checksums, of `network`.
pub fn watch_row(external: &str, internal: Option<&str>, network: Network) -> Result<AccountRow> {
    use miniscript::descriptor::DescriptorType;
    let parse = |s: &str| {
        Descriptor::<DescriptorPublicKey>::from_str(s.trim()).map_err(|e| {
            Error::invalid(
                "descriptor",
                btc::descriptor_problem(
                    s,
                    &e,
                    "wsh(sortedmulti(2,[fingerprint/48'/0'/0'/2']xpub…/0/*,…))",
                ),
            )
        })
    };
    let ext = parse(external)?;
    let script = match ext.desc_type() {
        DescriptorType::WshSortedMulti => MultiScript::Wsh,
        DescriptorType::ShWshSortedMulti => MultiScript::ShWsh,
        DescriptorType::Tr if crate::chain::btc::threshold_of(&ext.to_string()).is_some() => {
            MultiScript::Tr
        }
        _ => {
            return Err(Error::invalid(
                "descriptor",
                "a multisig descriptor is wsh(sortedmulti(…)), sh(wsh(sortedmulti(…))) or tr(…, multi_a(…))",
            ));
        }
    };
    let kind: bitcoin::NetworkKind = network.to_bitcoin().into();
    let mut wrong_network = false;
    ext.for_each_key(|k| {
        if let DescriptorPublicKey::XPub(x) = k {
            wrong_network |= x.xkey.network != kind;
        }
        true
    });
    if wrong_network {
        return Err(Error::invalid(
            "descriptor",
            format!(
                "its keys are of another network than {} (xpub for bitcoin, tpub for test networks)",
                network.name()
            ),
        ));
    }
    let ext_text = ext.to_string();
    let body = ext_text.split('#').next().unwrap_or(&ext_text);
    let int = match internal {
        Some(i) => parse(i)?,
        None => parse(&body.replace("/0/*", "/1/*"))?,
    };
    let int_text = int.to_string();
    let int_body = int_text.split('#').next().unwrap_or(&int_text);
    if int_body == body || int_body.replace("/1/*", "/0/*") != body {
        return Err(Error::invalid(
            "descriptor",
            "the change descriptor must be the receive descriptor's keys on branch /1/*",
        ));
    }
    Ok(AccountRow {
        id: 0,
        chain: crate::chain::Chain::Btc,
        network: Some(network),
        script_type: Some(script.stored().into()),
        account_index: 0,
        fingerprint: None,
        path: None,
        xpub: None,
        external_descriptor: Some(ext_text),
        internal_descriptor: Some(int_text),
        address: None,
    })
}

/// Whether a descriptor is a multisig one.
pub fn is_multisig(descriptor: &str) -> bool {
    descriptor.contains("multi(") || descriptor.contains("multi_a(")
}
