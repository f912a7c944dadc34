//! Bitcoin keys and addresses: BIP-39 mnemonic to seed, BIP-32 derivation, the account
//! keys and addresses of BIP-44 (P2PKH), BIP-49 (P2SH-P2WPKH), BIP-84 (P2WPKH) and
//! BIP-86 (P2TR), and address validation with the precise reason for a refusal.

pub mod backend;
pub mod electrum;
pub mod esplora;
pub mod message;
pub mod rpc;

use super::Network;
use crate::error::{Error, Result};
use bitcoin::bip32::{DerivationPath, Xpriv, Xpub};
use bitcoin::secp256k1::{All, Secp256k1};
use bitcoin::{Address, CompressedPublicKey, NetworkKind};
use serde::Serialize;
use std::str::FromStr;
use zeroize::Zeroizing;

/// The script type of a Bitcoin account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptType {
    /// BIP-44 P2PKH (imports only).
    Legacy,
    /// BIP-49 P2SH-P2WPKH (imports only).
    NestedSegwit,
    /// BIP-84 native segwit P2WPKH (the default).
    Segwit,
    /// BIP-86 taproot key path P2TR.
    Taproot,
}

impl crate::chain::Named for ScriptType {
    const NAMES: &'static [(Self, &'static str, &'static str)] = &[
        (ScriptType::Legacy, "legacy", "BIP-44 P2PKH (imports only)"),
        (
            ScriptType::NestedSegwit,
            "nested-segwit",
            "BIP-49 P2SH-P2WPKH (imports only)",
        ),
        (
            ScriptType::Segwit,
            "segwit",
            "BIP-84 native segwit P2WPKH (the default)",
        ),
        (
            ScriptType::Taproot,
            "taproot",
            "BIP-86 taproot key path P2TR",
        ),
    ];
}

impl ScriptType {
    /// The BIP-43 purpose of the derivation path.
    pub fn purpose(self) -> u32 {
        match self {
            ScriptType::Legacy => 44,
            ScriptType::NestedSegwit => 49,
            ScriptType::Segwit => 84,
            ScriptType::Taproot => 86,
        }
    }
}

/// Parses a BIP-39 English mnemonic, naming the offending word or the checksum.
pub fn parse_mnemonic(phrase: &str) -> Result<bip39::Mnemonic> {
    bip39::Mnemonic::parse_in_normalized(bip39::Language::English, phrase).map_err(|e| {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let message = match e {
            bip39::Error::UnknownWord(i) => {
                format!(
                    "word {} ('{}') is not in the BIP-39 English word list",
                    i + 1,
                    words.get(i).copied().unwrap_or("?")
                )
            }
            bip39::Error::BadWordCount(n) => {
                format!("{n} words: a mnemonic has 12, 15, 18, 21 or 24 words")
            }
            bip39::Error::InvalidChecksum => {
                "the checksum does not match: a word is wrong or out of order".into()
            }
            other => other.to_string(),
        };
        Error::invalid("mnemonic", message)
    })
}

/// The 64-byte BIP-39 seed of a mnemonic and passphrase, the passphrase NFKD-normalised
/// as BIP-39 requires (what python-mnemonic, Trezor, Electrum and Core-compatible
/// wallets derive).
pub fn seed(mnemonic: &bip39::Mnemonic, passphrase: &str) -> Zeroizing<[u8; 64]> {
    Zeroizing::new(mnemonic.to_seed(passphrase))
}

/// The seed as coffer derived it before it normalised passphrases: the passphrase's
/// bytes as typed. Kept for the wallets made then (see `vault::wallets::SeedDerivation`);
/// it equals [`seed`] unless the passphrase changes under NFKD.
pub fn seed_unnormalized(mnemonic: &bip39::Mnemonic, passphrase: &str) -> Zeroizing<[u8; 64]> {
    Zeroizing::new(mnemonic.to_seed_normalized(passphrase))
}

/// Whether NFKD normalisation changes `passphrase` (never for ASCII): only then do
/// [`seed`] and [`seed_unnormalized`] differ.
pub fn nfkd_changes(passphrase: &str) -> bool {
    let mut cow = std::borrow::Cow::Borrowed(passphrase);
    bip39::Mnemonic::normalize_utf8_cow(&mut cow);
    cow != passphrase
}

/// The BIP-32 master key of a seed.
pub fn master(seed: &[u8], network: Network) -> Result<Xpriv> {
    let kind: NetworkKind = network.to_bitcoin().into();
    Xpriv::new_master(kind, seed).map_err(|e| anyhow::anyhow!("BIP-32 master key: {e}").into())
}

/// Parses a path such as `m/84'/0'/0'` (also `h` or `H` for hardened).
pub fn path(s: &str) -> Result<DerivationPath> {
    DerivationPath::from_str(&s.replace(['h', 'H'], "'"))
        .map_err(|e| Error::invalid("derivation_path", format!("'{s}': {e}")))
}

/// Checks the BIP-32 serialization rules the `bitcoin` crate does not enforce: a
/// private key's data starts with 0x00, and a depth-0 key has a zero parent
/// fingerprint and child number (BIP-32 test vector 5).
fn check_bip32_encoding(s: &str, private: bool) -> Result<()> {
    let bad =
        |why: &str| Error::invalid("extended_key", format!("not a valid extended key: {why}"));
    let data = bitcoin::base58::decode_check(s.trim()).map_err(|e| bad(&e.to_string()))?;
    if data.len() != 78 {
        return Err(bad("wrong length"));
    }
    if data[4] == 0 && (data[5..9] != [0; 4] || data[9..13] != [0; 4]) {
        return Err(bad(
            "a depth-0 key must have no parent fingerprint and child number 0",
        ));
    }
    if private && data[45] != 0 {
        return Err(bad("the private key data must start with 0x00"));
    }
    Ok(())
}

/// Parses an extended public key (xpub/tpub) strictly.
pub fn parse_xpub(s: &str) -> Result<Xpub> {
    check_bip32_encoding(s, false)?;
    Xpub::from_str(s.trim()).map_err(|e| {
        Error::invalid(
            "extended_key",
            format!("not a valid extended public key: {e}"),
        )
    })
}

/// Parses an extended private key (xprv/tprv) strictly.
pub fn parse_xpriv(s: &str) -> Result<Xpriv> {
    check_bip32_encoding(s, true)?;
    Xpriv::from_str(s.trim()).map_err(|e| {
        Error::invalid(
            "extended_key",
            format!("not a valid extended private key: {e}"),
        )
    })
}

/// The account path `m/purpose'/coin'/account'`.
pub fn account_path(script: ScriptType, network: Network, account: u32) -> Result<DerivationPath> {
    path(&format!(
        "m/{}'/{}'/{account}'",
        script.purpose(),
        network.coin_type()
    ))
}

/// A derived Bitcoin account: its key origin and extended public key.
pub struct Account {
    /// The master key fingerprint (hex).
    pub fingerprint: String,
    /// The account path.
    pub path: DerivationPath,
    /// The account extended public key.
    pub xpub: Xpub,
    /// The script type.
    pub script: ScriptType,
    /// The network.
    pub network: Network,
}

impl Account {
    /// Derives the account of `script` and number `account` from a master key.
    pub fn derive(
        secp: &Secp256k1<All>,
        master: &Xpriv,
        script: ScriptType,
        network: Network,
        account: u32,
    ) -> Result<Self> {
        let path = account_path(script, network, account)?;
        let xprv = master
            .derive_priv(secp, &path)
            .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
        Ok(Account {
            fingerprint: master.fingerprint(secp).to_string(),
            path,
            xpub: Xpub::from_priv(secp, &xprv),
            script,
            network,
        })
    }

    /// The output descriptors with key origin and checksum, external (`/0/*`) and
    /// internal (`/1/*`), as Bitcoin Core's `importdescriptors` and Sparrow read them.
    pub fn descriptors(&self) -> Result<(String, String)> {
        self.watch().descriptors()
    }

    /// The public part of this account.
    pub fn watch(&self) -> WatchAccount {
        WatchAccount {
            origin: Some((self.fingerprint.clone(), self.path.clone())),
            xpub: self.xpub,
            script: self.script,
        }
    }

    /// The address at `change/index` (change 0 = receiving, 1 = change).
    pub fn address(&self, secp: &Secp256k1<All>, change: u32, index: u32) -> Result<Address> {
        let child = self
            .xpub
            .derive_pub(secp, &path(&format!("m/{change}/{index}"))?)
            .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
        Ok(address_of(secp, &child, self.script, self.network))
    }
}

/// The address of a public key for a script type and network.
pub fn address_of(
    secp: &Secp256k1<All>,
    key: &Xpub,
    script: ScriptType,
    network: Network,
) -> Address {
    let pk = CompressedPublicKey(key.public_key);
    let net = network.to_bitcoin();
    match script {
        ScriptType::Legacy => Address::p2pkh(pk, net),
        ScriptType::NestedSegwit => Address::p2shwpkh(&pk, net),
        ScriptType::Segwit => Address::p2wpkh(&pk, net),
        ScriptType::Taproot => Address::p2tr(secp, key.public_key.x_only_public_key().0, None, net),
    }
}

/// What `addr validate` says about a Bitcoin address.
#[derive(Debug, Serialize)]
pub struct AddressInfo {
    /// The address as given.
    pub address: String,
    /// The networks it is valid on.
    pub networks: Vec<Network>,
    /// `p2pkh`, `p2sh`, `p2wpkh`, `p2wsh`, `p2tr`, or null for a future witness version.
    pub address_type: Option<String>,
    /// The witness version of a segwit address.
    pub witness_version: Option<u8>,
    /// The output script (hex).
    pub script_pubkey: String,
}

/// Validates a Bitcoin address, optionally for one network; the error says precisely why
/// it is refused (checksum, wrong network, unknown witness version, …).
pub fn validate_address(s: &str, network: Option<Network>) -> Result<AddressInfo> {
    let unchecked = Address::from_str(s.trim())
        .map_err(|e| Error::invalid("address", parse_failure(s.trim(), e)))?;
    let networks: Vec<Network> = Network::ALL
        .into_iter()
        .filter(|n| unchecked.is_valid_for_network(n.to_bitcoin()))
        .collect();
    if let Some(want) = network.filter(|n| !networks.contains(n)) {
        let names: Vec<&str> = networks.iter().map(|n| n.name()).collect();
        return Err(Error::invalid(
            "address",
            format!(
                "the address is for {}, not {}",
                names.join("/"),
                want.name()
            ),
        ));
    }
    let checked = unchecked.assume_checked();
    let witness_version = checked.witness_program().map(|p| p.version().to_num());
    Ok(AddressInfo {
        address: s.trim().to_string(),
        networks,
        address_type: checked.address_type().map(|t| t.to_string()),
        witness_version,
        script_pubkey: checked.script_pubkey().to_hex_string(),
    })
}

/// Why an address does not parse, in words a person can act on (never the parser's
/// internals): an address of the other chain, a typo (checksum mismatch), a character
/// such addresses never hold, a wrong length, an unknown prefix.
fn parse_failure(s: &str, e: bitcoin::address::ParseError) -> String {
    let lower = s.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x")
        && hex.len() == 40
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return "that is an Ethereum address; pass --chain eth".into();
    }
    let bech32 = ["bc1", "tb1", "bcrt1"].iter().any(|p| lower.starts_with(p));
    let detail = if bech32 {
        match bitcoin::bech32::segwit::decode(s) {
            Err(d) => error_chain(&d),
            Ok(_) => error_chain(&e),
        }
    } else {
        error_chain(&e)
    }
    .to_ascii_lowercase();
    if detail.contains("checksum") || detail.contains("residue") {
        return "the address has a typo (checksum mismatch): check it character by character"
            .into();
    }
    if bech32 {
        if detail.contains("mixed case") || detail.contains("mixed-case") {
            return "the address mixes upper and lower case letters, which no segwit address does"
                .into();
        }
        if let Some(c) = s
            .chars()
            .skip(lower.find('1').map_or(0, |i| i + 1))
            .find(|c| !"qpzry9x8gf2tvdw0s3jn54khce6mua7l".contains(c.to_ascii_lowercase()))
        {
            return format!(
                "'{c}' cannot appear in a segwit address (bech32 has no 1, b, i or o): a typo?"
            );
        }
        if detail.contains("version") {
            return "the address uses a segwit version that is not defined".into();
        }
        if detail.contains("length") || detail.contains("too long") || detail.contains("too short")
        {
            return "the address has the wrong length for a segwit address (a character missing or extra?)"
                .into();
        }
        return "not a valid segwit address: check it character by character".into();
    }
    if let Some(c) = s
        .chars()
        .find(|c| !"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".contains(*c))
    {
        return format!(
            "'{c}' cannot appear in a Bitcoin address (there is no 0, O, I or l in one): a typo?"
        );
    }
    if detail.contains("length") || detail.contains("too long") || detail.contains("too short") {
        return "the address has the wrong length (a character missing or extra?)".into();
    }
    "not a Bitcoin address: it starts like none (1, 3, bc1 on mainnet; m, n, 2, tb1 on test networks; bcrt1 on regtest)".into()
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !parts.last().is_some_and(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = s.source();
    }
    parts.join(": ")
}

/// The threshold M and the number of keys N of a multisig descriptor, if it is one.
pub fn threshold_of(descriptor: &str) -> Option<(usize, usize)> {
    use miniscript::ForEachKey as _;
    let d = miniscript::Descriptor::<miniscript::DescriptorPublicKey>::from_str(descriptor).ok()?;
    let text = d.to_string();
    let start = text
        .find("sortedmulti(")
        .or_else(|| text.find("multi_a("))?;
    let inner = &text[start..];
    let open = inner.find('(')?;
    let m: usize = inner[open + 1..].split(',').next()?.parse().ok()?;
    let mut n = 0;
    d.for_each_key(|_| {
        n += 1;
        true
    });
    Some((m, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mnemonic_errors_name_the_word_or_the_checksum() {
        let e = parse_mnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandonx").unwrap_err();
        assert!(e.to_string().contains("word 12 ('abandonx')"), "{e}");
        let e = parse_mnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon").unwrap_err();
        assert!(e.to_string().contains("checksum"), "{e}");
        let e = parse_mnemonic("abandon about").unwrap_err();
        assert!(e.to_string().contains("2 words"), "{e}");
    }

    #[test]
    fn wrong_network_is_named() {
        let e = validate_address(
            "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
            Some(Network::Regtest),
        )
        .unwrap_err();
        assert!(e.to_string().contains("bitcoin, not regtest"), "{e}");
    }

    #[test]
    fn address_errors_say_what_is_wrong_in_plain_words() {
        let msg = |a: &str| validate_address(a, None).unwrap_err().to_string();
        for (a, want) in [
            (
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
                "that is an Ethereum address; pass --chain eth",
            ),
            // BIP-173's example with its last character changed.
            (
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
                "typo (checksum mismatch)",
            ),
            (
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb",
                "'b' cannot appear",
            ),
            // The genesis address with its last character changed.
            (
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
                "typo (checksum mismatch)",
            ),
            ("10zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "'0' cannot appear"),
            ("1A1zP1eP5Q", "typo"),
            ("hello", "'l' cannot appear"),
        ] {
            let m = msg(a);
            assert!(m.contains(want), "{a}: {m}");
            for internal in ["base58", "residue", "0x30", "bech32 error", "parse"] {
                assert!(!m.contains(internal), "{a}: {m}");
            }
        }
    }
}

/// A watch-only Bitcoin account read from an xpub or a descriptor.
#[derive(Debug, Clone)]
pub struct WatchAccount {
    /// Master fingerprint and account path, when the key origin is known.
    pub origin: Option<(String, DerivationPath)>,
    /// The account extended public key (standard xpub/tpub version).
    pub xpub: Xpub,
    /// The script type.
    pub script: ScriptType,
}

impl WatchAccount {
    /// The receive and change descriptors of this account, with checksum.
    pub fn descriptors(&self) -> Result<(String, String)> {
        let origin = match &self.origin {
            Some((fp, path)) => format!("[{fp}/{path}]"),
            None => String::new(),
        };
        let key = format!("{origin}{}", self.xpub);
        let wrap = |branch: u32| -> Result<String> {
            let body = match self.script {
                ScriptType::Legacy => format!("pkh({key}/{branch}/*)"),
                ScriptType::NestedSegwit => format!("sh(wpkh({key}/{branch}/*))"),
                ScriptType::Segwit => format!("wpkh({key}/{branch}/*)"),
                ScriptType::Taproot => format!("tr({key}/{branch}/*)"),
            };
            let sum = miniscript::descriptor::checksum::desc_checksum(&body)
                .map_err(|e| anyhow::anyhow!("descriptor checksum: {e}"))?;
            Ok(format!("{body}#{sum}"))
        };
        Ok((wrap(0)?, wrap(1)?))
    }
}

/// Checks that an extended key's network kind fits `network`.
pub fn check_key_network(xpub: &Xpub, network: Network) -> Result<()> {
    let want: NetworkKind = network.to_bitcoin().into();
    if xpub.network != want {
        let is = if xpub.network == NetworkKind::Main {
            "mainnet (xpub/ypub/zpub)"
        } else {
            "test networks (tpub/upub/vpub)"
        };
        return Err(Error::invalid(
            "xpub",
            format!(
                "the key is for {is}, the wallet's network is {}",
                network.name()
            ),
        ));
    }
    Ok(())
}

/// What is wrong with an extended key's text (`xpub…`, `tpub…`), in words a person can
/// act on (never the base58 decoder's); None when it decodes to 78 bytes.
pub fn xkey_problem(key: &str) -> Option<String> {
    let key = key.trim();
    if let Some(c) = key
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() || "0OIl".contains(*c))
    {
        return Some(format!(
            "'{c}' cannot appear in an extended key (there is no 0, O, I or l in one): a typo?"
        ));
    }
    match bitcoin::base58::decode_check(key) {
        Ok(d) if d.len() == 78 => None,
        Ok(_) => {
            Some("the extended key has the wrong length (a character missing or extra?)".into())
        }
        Err(e) if e.to_string().to_ascii_lowercase().contains("checksum") => Some(
            "the extended key has a typo (checksum mismatch): copy it again from its source".into(),
        ),
        Err(_) => {
            Some("the extended key has the wrong length (a character missing or extra?)".into())
        }
    }
}

/// The extended keys (`xpub…`, `tpub…` and the SLIP-132 forms) in a descriptor or key
/// expression, as written.
pub fn xkeys_in(s: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = s;
    while let Some(i) = [
        "xpub", "tpub", "ypub", "zpub", "upub", "vpub", "xprv", "tprv",
    ]
    .iter()
    .filter_map(|p| rest.find(p))
    .min()
    {
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        out.push(&tail[..end]);
        rest = &tail[end..];
    }
    out
}

/// Why a descriptor does not parse, in words: a key with a typo, a checksum (`#…`) that
/// does not match, else what a descriptor looks like (`example`). `err` is the parser's
/// message, read for its kind only and never shown.
pub fn descriptor_problem(s: &str, err: &dyn std::fmt::Display, example: &str) -> String {
    if let Some(why) = xkeys_in(s).into_iter().find_map(xkey_problem) {
        return why;
    }
    if s.contains('#') && err.to_string().to_ascii_lowercase().contains("checksum") {
        return "the descriptor's checksum (after #) does not match it: a character was \
                changed or mistyped; copy it again from its source"
            .into();
    }
    format!("not a descriptor coffer reads: expected e.g. {example}")
}

/// Parses an account extended public key in any SLIP-132 form: `xpub`/`tpub` (script
/// type as given), `ypub`/`upub` (nested segwit), `zpub`/`vpub` (native segwit).
pub fn parse_any_xpub(s: &str, given: ScriptType) -> Result<(Xpub, ScriptType)> {
    let bad = |why: String| Error::invalid("xpub", why);
    if let Some(why) = xkey_problem(s) {
        return Err(bad(why));
    }
    let mut data = bitcoin::base58::decode_check(s.trim())
        .map_err(|_| bad("not an extended public key".into()))?;
    if data.len() != 78 {
        return Err(bad("not an extended public key: wrong length".into()));
    }
    const XPUB: [u8; 4] = [0x04, 0x88, 0xb2, 0x1e];
    const TPUB: [u8; 4] = [0x04, 0x35, 0x87, 0xcf];
    let (version, script) = match data[..4] {
        [0x04, 0x88, 0xb2, 0x1e] => (XPUB, given),
        [0x04, 0x35, 0x87, 0xcf] => (TPUB, given),
        [0x04, 0x9d, 0x7c, 0xb2] => (XPUB, ScriptType::NestedSegwit), // ypub
        [0x04, 0x4a, 0x52, 0x62] => (TPUB, ScriptType::NestedSegwit), // upub
        [0x04, 0xb2, 0x47, 0x46] => (XPUB, ScriptType::Segwit),       // zpub
        [0x04, 0x5f, 0x1c, 0xf6] => (TPUB, ScriptType::Segwit),       // vpub
        _ if s.contains("prv") => {
            return Err(bad(
                "this is a private key: import the wallet with --mnemonic-file or --mnemonic-stdin"
                    .into(),
            ));
        }
        _ => {
            return Err(bad(
                "unknown extended key version (expected xpub, ypub, zpub, tpub, upub or vpub)"
                    .into(),
            ));
        }
    };
    data[..4].copy_from_slice(&version);
    let standard = bitcoin::base58::encode_check(&data);
    Ok((parse_xpub(&standard)?, script))
}

/// Parses a watch-only descriptor of a single-key account: `wpkh`, `tr` (key path only),
/// `pkh` or `sh(wpkh)` over `[fingerprint/path]xpub/0/*` (or `/1/*`). Returns the
/// account and the branch (0 receive, 1 change). Private keys and other shapes are
/// refused with the reason.
pub fn parse_descriptor(s: &str) -> Result<(WatchAccount, u32)> {
    use miniscript::ForEachKey;
    use miniscript::descriptor::{Descriptor, DescriptorPublicKey, ShInner, Wildcard};
    let bad = |why: String| Error::invalid("descriptor", why);
    let s = s.trim();
    if s.contains("prv") {
        return Err(bad("it holds a private key: a watch-only import takes public descriptors; import the seed with --mnemonic-file or --mnemonic-stdin instead".into()));
    }
    let desc = Descriptor::<DescriptorPublicKey>::from_str(s).map_err(|e| {
        bad(descriptor_problem(
            s,
            &e,
            "wpkh([fingerprint/84'/0'/0']xpub…/0/*)",
        ))
    })?;
    let script = match &desc {
        Descriptor::Wpkh(_) => ScriptType::Segwit,
        Descriptor::Pkh(_) => ScriptType::Legacy,
        Descriptor::Tr(t) if t.tap_tree().is_none() => ScriptType::Taproot,
        Descriptor::Sh(sh) if matches!(sh.as_inner(), ShInner::Wpkh(_)) => ScriptType::NestedSegwit,
        _ => return Err(bad("only single-key wpkh, tr, pkh and sh(wpkh) descriptors are supported here (multisig comes later)".into())),
    };
    let mut keys = vec![];
    desc.for_each_key(|k| {
        keys.push(k.clone());
        true
    });
    let Some(DescriptorPublicKey::XPub(x)) = keys.first() else {
        return Err(bad(
            "the key must be an extended public key with a /0/* or /1/* wildcard".into(),
        ));
    };
    let branch = match (x.derivation_path.as_ref(), x.wildcard) {
        ([c], Wildcard::Unhardened) if c.is_normal() && u32::from(*c) <= 1 => u32::from(*c),
        _ => {
            return Err(bad(
                "the key must end in /0/* (receive) or /1/* (change)".into()
            ));
        }
    };
    let origin = x
        .origin
        .as_ref()
        .map(|(fp, path)| (fp.to_string(), path.clone()));
    Ok((
        WatchAccount {
            origin,
            xpub: parse_xpub(&x.xkey.to_string())?,
            script,
        },
        branch,
    ))
}
