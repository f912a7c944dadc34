//! Payment URIs as `send --to` takes them: BIP-21 (`bitcoin:ADDR?amount=…&label=…`) and
//! EIP-681 (`ethereum:0xADDR[@CHAIN][?value=WEI]`, and ERC-20
//! `ethereum:0xTOKEN[@CHAIN]/transfer?address=0xTO&uint256=N`). Parsing is exact: an
//! amount that is not exactly representable, a duplicate or unknown required parameter,
//! a bad percent-escape is refused with the reason, never rounded or guessed. (The
//! `receive` command writes these URIs.)

use crate::chain::amount;
use crate::error::{Error, Result};
use serde::Serialize;

/// Where a value of a payment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The payment URI.
    Uri,
    /// A command-line option.
    CommandLine,
    /// Both, and they agree.
    UriAndCommandLine,
}

impl Source {
    pub fn describe(self) -> &'static str {
        match self {
            Source::Uri => "the URI",
            Source::CommandLine => "the command line",
            Source::UriAndCommandLine => "the URI and the command line (equal)",
        }
    }
}

/// Where the values of a payment given as a URI came from (shown in its review).
#[derive(Debug, Clone, Serialize)]
pub struct Sources {
    /// The URI as given.
    pub uri: String,
    /// The payee.
    pub recipient: Source,
    /// The amount.
    pub amount: Source,
    /// The transaction's note (BTC) or label: the URI's `label`, or `--note`; none when
    /// neither gave one.
    pub label: Option<Source>,
    /// The URI's `message`, shown only.
    pub message: Option<String>,
    /// EIP-681: the chain id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<Source>,
    /// EIP-681 ERC-20 transfer: the token contract.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Source>,
}

/// A parsed payment URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentUri {
    /// BIP-21.
    Bitcoin(Bip21),
    /// EIP-681.
    Ethereum(Eip681),
}

/// A BIP-21 payment request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bip21 {
    /// The address, as written (upper-case QR spellings lowered).
    pub address: String,
    /// `amount`, in satoshis.
    pub amount_sat: Option<u64>,
    /// `label`, percent-decoded.
    pub label: Option<String>,
    /// `message`, percent-decoded.
    pub message: Option<String>,
}

/// An EIP-681 payment request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eip681 {
    /// `@chain_id`.
    pub chain_id: Option<u64>,
    /// What it pays.
    pub pay: EthPay,
}

/// What an EIP-681 URI pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EthPay {
    /// Ether to `to`, `value` in wei.
    Ether {
        /// The payee (0x…).
        to: String,
        /// `value`, wei.
        wei: Option<u128>,
    },
    /// An ERC-20 `transfer` of `token` to `to`, `amount` in the token's base units.
    Transfer {
        /// The token contract (0x…).
        token: String,
        /// `address`: the payee.
        to: String,
        /// `uint256`: base units.
        units: Option<u128>,
    },
}

fn bad(message: impl Into<String>) -> Error {
    Error::invalid("to", message.into())
}

/// `s` as a payment URI: `None` when it is not one (no `scheme:`), else the parsed URI
/// or why it is refused. `bitcoin:` and `ethereum:` are recognised (any case).
pub fn parse(s: &str) -> Option<Result<PaymentUri>> {
    let s = s.trim();
    let (scheme, rest) = s.split_once(':')?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    Some(match scheme.to_ascii_lowercase().as_str() {
        "bitcoin" => parse_bip21(rest).map(PaymentUri::Bitcoin),
        "ethereum" => parse_eip681(rest).map(PaymentUri::Ethereum),
        other => Err(bad(format!(
            "'{other}:' URIs are not payments coffer makes: give an address, a bitcoin: (BIP-21) or an ethereum: (EIP-681) URI"
        ))),
    })
}

/// The `key=value` pairs of a query, keys as written, values percent-decoded.
fn query(q: &str) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = vec![];
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k)?;
        if out.iter().any(|(o, _)| o.eq_ignore_ascii_case(&key)) {
            return Err(bad(format!(
                "the URI gives '{key}' twice: which one is meant cannot be known"
            )));
        }
        out.push((key, percent_decode(v)?));
    }
    Ok(out)
}

/// RFC 3986 percent-decoding; the result must be UTF-8. `+` stays `+`.
pub fn percent_decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    bad("the URI has a '%' not followed by two hex digits (a bad percent-escape)")
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad("the URI's percent-escapes are not UTF-8 text"))
}

fn parse_bip21(rest: &str) -> Result<Bip21> {
    let (addr, q) = rest.split_once('?').unwrap_or((rest, ""));
    let addr = addr.trim();
    if addr.is_empty() {
        return Err(bad("the bitcoin: URI has no address"));
    }
    // QR codes upper-case bech32 addresses (BITCOIN:BC1Q…); bech32 is case-insensitive.
    let lower = addr.to_ascii_lowercase();
    let address = if addr == addr.to_ascii_uppercase()
        && ["bc1", "tb1", "bcrt1"].iter().any(|p| lower.starts_with(p))
    {
        lower
    } else {
        addr.to_string()
    };
    let mut uri = Bip21 {
        address,
        amount_sat: None,
        label: None,
        message: None,
    };
    for (key, value) in query(q)? {
        match key.to_ascii_lowercase().as_str() {
            "amount" => uri.amount_sat = Some(bip21_amount(&value)?),
            "label" => uri.label = Some(value),
            "message" => uri.message = Some(value),
            k if k.starts_with("req-") => {
                return Err(bad(format!(
                    "the URI requires '{key}', which coffer does not support; BIP-21 says such a URI must not be paid"
                )));
            }
            // BIP-21: other parameters are optional and may be ignored.
            _ => {}
        }
    }
    Ok(uri)
}

/// A BIP-21 amount: decimal BTC, digits and at most one '.', at most 8 decimals.
fn bip21_amount(v: &str) -> Result<u64> {
    if v.is_empty()
        || v.starts_with('.')
        || !v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || v.matches('.').count() > 1
    {
        return Err(bad(format!(
            "the URI's amount '{v}' is not a decimal number of bitcoins (like 0.001)"
        )));
    }
    amount::parse_btc(v, "to").map_err(|_| {
        bad(format!(
            "the URI's amount '{v}' is not a bitcoin amount (at most 8 decimals, at most 21 million)"
        ))
    })
}

fn parse_eip681(rest: &str) -> Result<Eip681> {
    let (path, q) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.strip_prefix("pay-").unwrap_or(path);
    let (target, function) = match path.split_once('/') {
        Some((t, f)) => (t, Some(f)),
        None => (path, None),
    };
    let (target, chain_id) = match target.split_once('@') {
        Some((t, id)) => {
            let n = if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                id.parse::<u64>().ok()
            } else {
                None
            };
            let n = n.ok_or_else(|| {
                bad(format!(
                    "the URI's chain id '@{id}' is not a number (like @1 for mainnet)"
                ))
            })?;
            (t, Some(n))
        }
        None => (target, None),
    };
    let target = eth_address(target, "the URI's address")?;
    let params = query(q)?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let pay = match function {
        None => EthPay::Ether {
            to: target,
            wei: get("value").map(|v| number(v, "value")).transpose()?,
        },
        Some("transfer") => {
            let to = get("address")
                .ok_or_else(|| bad("the URI's ERC-20 transfer has no 'address' (the payee)"))?;
            EthPay::Transfer {
                token: target,
                to: eth_address(to, "the URI's transfer address")?,
                units: get("uint256").map(|v| number(v, "uint256")).transpose()?,
            }
        }
        Some(f) => {
            return Err(bad(format!(
                "the URI calls '{f}': coffer pays only ether and ERC-20 'transfer' URIs"
            )));
        }
    };
    Ok(Eip681 { chain_id, pay })
}

/// A 0x address of a URI (not an ENS name: coffer does not resolve names).
fn eth_address(s: &str, what: &str) -> Result<String> {
    let hex = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"));
    match hex {
        Some(h) if h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Ok(format!("0x{h}"))
        }
        _ if s.contains('.') => Err(bad(format!(
            "{what} '{s}' is a name (ENS), which coffer does not resolve: give the 0x address"
        ))),
        _ => Err(bad(format!(
            "{what} '{s}' is not an Ethereum address (0x and 40 hex digits)"
        ))),
    }
}

/// An EIP-681 number, exactly: `[+]DIGITS[.DIGITS][e|E DIGITS]`, which must be a whole
/// number of base units (`2.014e18` is 2014000000000000000).
pub fn number(v: &str, name: &str) -> Result<u128> {
    let refuse = |why: &str| {
        bad(format!(
            "the URI's {name} '{v}' {why} (EIP-681: a whole number of base units, like 1000000000000000000 or 1e18)"
        ))
    };
    let t = v.strip_prefix('+').unwrap_or(v);
    if t.starts_with('-') {
        return Err(refuse("is negative"));
    }
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let exp: u32 = match exp {
        None => 0,
        Some(e) if !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()) => {
            e.parse().map_err(|_| refuse("is too large"))?
        }
        Some(_) => return Err(refuse("has a bad exponent")),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty()
        || (mantissa.contains('.') && frac.is_empty())
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return Err(refuse("is not a number"));
    }
    let frac = frac.trim_end_matches('0');
    let shift = exp
        .checked_sub(frac.len() as u32)
        .ok_or_else(|| refuse("is not a whole number"))?;
    let digits = format!("{int}{frac}");
    let base: u128 = digits
        .trim_start_matches('0')
        .parse()
        .or_else(|_| {
            if digits.bytes().all(|b| b == b'0') {
                Ok(0)
            } else {
                Err(())
            }
        })
        .map_err(|()| refuse("is too large"))?;
    if base == 0 {
        return Ok(0);
    }
    10u128
        .checked_pow(shift)
        .and_then(|p| base.checked_mul(p))
        .ok_or_else(|| refuse("is too large"))
}

/// A BIP-21 URI: `bitcoin:ADDR?amount=…&label=…&message=…` (amount in BTC).
pub fn bip21(
    address: &str,
    sats: Option<u128>,
    label: Option<&str>,
    message: Option<&str>,
) -> String {
    let mut params = vec![];
    if let Some(s) = sats {
        params.push(format!(
            "amount={}",
            crate::chain::amount::format_units(s, 8, false)
        ));
    }
    if let Some(l) = label {
        params.push(format!("label={}", percent_encode(l)));
    }
    if let Some(m) = message {
        params.push(format!("message={}", percent_encode(m)));
    }
    with_query(format!("bitcoin:{address}"), &params)
}

/// An EIP-681 URI: `ethereum:0xADDR[@CHAIN_ID][?value=WEI]`.
pub fn eip681(address: &str, chain_id: Option<u64>, wei: Option<u128>) -> String {
    let mut uri = format!("ethereum:{address}");
    if let Some(id) = chain_id {
        uri.push_str(&format!("@{id}"));
    }
    let params: Vec<String> = wei.map(|w| format!("value={w}")).into_iter().collect();
    with_query(uri, &params)
}

fn with_query(base: String, params: &[String]) -> String {
    if params.is_empty() {
        base
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn btc(s: &str) -> Bip21 {
        match parse(s).unwrap().unwrap() {
            PaymentUri::Bitcoin(b) => b,
            other => panic!("{other:?}"),
        }
    }

    fn eth(s: &str) -> Eip681 {
        match parse(s).unwrap().unwrap() {
            PaymentUri::Ethereum(e) => e,
            other => panic!("{other:?}"),
        }
    }

    fn refused(s: &str) -> String {
        match parse(s).unwrap() {
            Err(Error::InvalidInput { message, .. }) => message,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn bip21_fields_exact_amounts_and_percent_decoding() {
        let u = btc("bitcoin:bc1qx?amount=0.001&label=Bob%20%26%20Alice&message=rent+March");
        assert_eq!(u.address, "bc1qx");
        assert_eq!(u.amount_sat, Some(100_000));
        assert_eq!(u.label.as_deref(), Some("Bob & Alice"));
        assert_eq!(u.message.as_deref(), Some("rent+March"));
        // BIP-21's own examples.
        let u = btc("bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?amount=20.3&label=Luke-Jr");
        assert_eq!(
            (u.amount_sat, u.label.as_deref()),
            (Some(2_030_000_000), Some("Luke-Jr"))
        );
        let u = btc(
            "bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?somethingyoudontunderstand=50&somethingelseyoudontget=999",
        );
        assert_eq!(u.amount_sat, None);
        assert!(refused("bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?req-somethingyoudontunderstand=50&req-somethingelseyoudontget=999").contains("req-somethingyoudontunderstand"));
        // Case-insensitive scheme; upper-case QR bech32.
        assert_eq!(btc("BITCOIN:BC1QXYZ").address, "bc1qxyz");
        assert_eq!(btc("Bitcoin:1Abc").address, "1Abc");
        // Exact amounts only.
        for bad in [
            "1e-3",
            "0.000000001",
            "-1",
            "1,5",
            "",
            ".5",
            "1.2.3",
            "0x10",
            "21000001",
        ] {
            assert!(
                parse(&format!("bitcoin:bc1qx?amount={bad}"))
                    .unwrap()
                    .is_err(),
                "{bad}"
            );
        }
        assert_eq!(
            btc("bitcoin:bc1qx?amount=21000000").amount_sat,
            Some(2_100_000_000_000_000)
        );
        assert!(refused("bitcoin:bc1qx?amount=1&amount=2").contains("twice"));
        assert!(refused("bitcoin:bc1qx?label=%zz").contains("percent"));
        assert!(refused("bitcoin:bc1qx?label=%ff").contains("UTF-8"));
        assert!(refused("bitcoin:?amount=1").contains("no address"));
        assert!(refused("lightning:lnbc1").contains("lightning"));
        assert!(parse("bc1qx").is_none());
        assert!(parse("0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B").is_none());
        // What `receive` writes reads back.
        let w = bip21("bc1qx", Some(150_000), Some("Bob & Alice ü"), Some("a=b?c"));
        let u = btc(&w);
        assert_eq!(
            (u.amount_sat, u.label.as_deref(), u.message.as_deref()),
            (Some(150_000), Some("Bob & Alice ü"), Some("a=b?c"))
        );
    }

    #[test]
    fn eip681_values_chain_ids_and_transfers() {
        let to = "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B";
        let u = eth(&format!("ethereum:{to}@1?value=2.014e18"));
        assert_eq!(u.chain_id, Some(1));
        assert_eq!(
            u.pay,
            EthPay::Ether {
                to: to.into(),
                wei: Some(2_014_000_000_000_000_000)
            }
        );
        assert_eq!(
            eth(&format!("ethereum:pay-{to}?value=1e18")).pay,
            EthPay::Ether {
                to: to.into(),
                wei: Some(1_000_000_000_000_000_000)
            }
        );
        assert_eq!(eth(&format!("ethereum:{to}")).chain_id, None);
        // EIP-681's own example: 1 unit of a token to an address.
        let u = eth(&format!(
            "ethereum:0x89205a3a3b2a69de6dbf7f01ed13b2108b2c43e7/transfer?address={to}&uint256=1"
        ));
        assert_eq!(
            u.pay,
            EthPay::Transfer {
                token: "0x89205a3a3b2a69de6dbf7f01ed13b2108b2c43e7".into(),
                to: to.into(),
                units: Some(1)
            }
        );
        // Exact numbers.
        for (v, want) in [
            ("1", 1u128),
            ("+5", 5),
            ("1.5e1", 15),
            ("1.50e1", 15),
            ("0", 0),
            ("0.0e5", 0),
            ("2014000000000000000", 2_014_000_000_000_000_000),
            ("1E3", 1000),
        ] {
            assert_eq!(number(v, "value").unwrap(), want, "{v}");
        }
        for v in [
            "1.5", "1e", "-1", "1e-3", "0x10", "", "1.", "1e40", "abc", "1.23e1",
        ] {
            assert!(number(v, "value").is_err(), "{v}");
        }
        assert!(refused(&format!("ethereum:{to}@x")).contains("chain id"));
        assert!(refused("ethereum:alice.eth?value=1").contains("ENS"));
        assert!(refused(&format!("ethereum:{to}/approve?address={to}")).contains("approve"));
        assert!(refused(&format!("ethereum:{to}/transfer?uint256=1")).contains("address"));
        // What `receive` writes reads back.
        assert_eq!(
            eth(&eip681(to, Some(5), Some(7))),
            Eip681 {
                chain_id: Some(5),
                pay: EthPay::Ether {
                    to: to.into(),
                    wei: Some(7)
                }
            }
        );
    }
}
