//! Exact decimal amounts. A user's `0.0015` becomes an integer in the asset's smallest
//! unit (satoshi, wei) by string arithmetic only: no floats, no rounding. More decimals
//! than the asset has is an error, never a rounding.

use crate::error::{Error, Result};

/// Satoshis per bitcoin.
pub const SAT_PER_BTC: u64 = 100_000_000;
/// The most bitcoin there can ever be, in satoshis.
pub const MAX_SAT: u64 = 21_000_000 * SAT_PER_BTC;

/// Parses a non-negative decimal (`12`, `0.5`, `1.25000`) with at most `decimals`
/// fraction digits into smallest units. `field` names the option in errors.
pub fn parse_units(s: &str, decimals: u32, field: &'static str) -> Result<u128> {
    let bad = |why: String| Error::invalid(field, format!("'{s}' {why}"));
    let t = s.trim();
    if t.starts_with('-') {
        return Err(bad("is negative".into()));
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || (t.contains('.') && frac.is_empty()) {
        return Err(bad(
            "is not a decimal number (write it like 0.5 or 12)".into()
        ));
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad(
            "is not a decimal number (digits and one '.' only)".into()
        ));
    }
    if frac.len() > decimals as usize {
        return Err(bad(format!(
            "has more than {decimals} decimals ({} given)",
            frac.len()
        )));
    }
    let scale = 10u128.pow(decimals);
    let int: u128 = int.parse().map_err(|_| bad("is too large".into()))?;
    let frac_units: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u128>()
            .map_err(|_| bad("is too large".into()))?
            * 10u128.pow(decimals - frac.len() as u32)
    };
    int.checked_mul(scale)
        .and_then(|v| v.checked_add(frac_units))
        .ok_or_else(|| bad("is too large".into()))
}

/// Smallest units as a decimal string with exactly `decimals` fraction digits when
/// `fixed`, else with trailing zeros (and a bare `.`) dropped.
pub fn format_units(v: u128, decimals: u32, fixed: bool) -> String {
    use std::fmt::Write as _;
    let scale = 10u128.pow(decimals);
    let (int, mut frac) = (v / scale, v % scale);
    // Written digit by digit (an export formats two amounts a row).
    let mut out = String::with_capacity(24 + decimals as usize);
    let _ = match u64::try_from(int) {
        Ok(small) => write!(out, "{small}"),
        Err(_) => write!(out, "{int}"),
    };
    if decimals == 0 {
        return out;
    }
    let mut digits = vec![b'0'; decimals as usize];
    // In u64 when it fits (8 decimals of bitcoin, 18 of ether): a u128 division is a
    // library call, ten times a u64 one.
    let mut small = u64::try_from(frac).ok();
    for d in digits.iter_mut().rev() {
        match &mut small {
            Some(0) => break,
            Some(f) => {
                *d = b'0' + (*f % 10) as u8;
                *f /= 10;
            }
            None if frac == 0 => break,
            None => {
                *d = b'0' + (frac % 10) as u8;
                frac /= 10;
                small = u64::try_from(frac).ok();
            }
        }
    }
    let end = if fixed {
        digits.len()
    } else {
        digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1)
    };
    if end > 0 {
        out.push('.');
        // ASCII digits.
        out.push_str(std::str::from_utf8(&digits[..end]).unwrap_or_default());
    }
    out
}

/// Parses a bitcoin amount: a BTC decimal with at most 8 decimals, or satoshis with a
/// `sat` suffix (`1500sat`); at most 21 million BTC.
pub fn parse_btc(s: &str, field: &'static str) -> Result<u64> {
    let t = s.trim();
    let sats = match t.strip_suffix("sats").or_else(|| t.strip_suffix("sat")) {
        Some(n) => parse_units(n.trim_end(), 0, field)?,
        None => parse_units(t, 8, field)?,
    };
    if sats > u128::from(MAX_SAT) {
        return Err(Error::invalid(
            field,
            format!("'{s}' is more than 21 million BTC"),
        ));
    }
    Ok(sats as u64)
}

/// Satoshis as a BTC decimal string with 8 decimals, as Bitcoin Core prints them.
pub fn format_btc(sats: u64) -> String {
    format_units(u128::from(sats), 8, true)
}

/// A signed satoshi amount as a BTC decimal string (`-0.00010000`).
pub fn format_btc_signed(sats: i64) -> String {
    let s = format_btc(sats.unsigned_abs());
    if sats < 0 { format!("-{s}") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_btc("0.00000001", "amount").unwrap(), 1);
        assert_eq!(parse_btc("1", "amount").unwrap(), SAT_PER_BTC);
        assert_eq!(parse_btc("0.1", "amount").unwrap(), 10_000_000);
        assert_eq!(parse_btc("007.50", "amount").unwrap(), 750_000_000);
        assert_eq!(parse_btc("1500sat", "amount").unwrap(), 1500);
        assert_eq!(parse_btc("21000000", "amount").unwrap(), MAX_SAT);
        assert_eq!(format_btc(1), "0.00000001");
        assert_eq!(format_btc_signed(-150_000), "-0.00150000");
        assert_eq!(format_units(1_500_000_000_000_000_000, 18, false), "1.5");
        assert_eq!(format_units(0, 18, false), "0");
    }

    /// The digit-by-digit formatting gives what the plain one (`{int}.{frac:0w}`,
    /// trailing zeros dropped unless fixed) gives, at every scale and at the edges.
    #[test]
    fn formats_units_as_the_plain_formatting_does() {
        fn plain(v: u128, decimals: u32, fixed: bool) -> String {
            let scale = 10u128.pow(decimals);
            let (int, frac) = (v / scale, v % scale);
            if decimals == 0 {
                return int.to_string();
            }
            let mut frac = format!("{frac:0width$}", width = decimals as usize);
            if !fixed {
                while frac.ends_with('0') {
                    frac.pop();
                }
                if frac.is_empty() {
                    return int.to_string();
                }
            }
            format!("{int}.{frac}")
        }
        let values = [
            0,
            1,
            5,
            10,
            99,
            100_000_000,
            123_456_789,
            2_100_000_000_000_000,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(30) + 7,
            u128::MAX,
        ];
        for v in values {
            for decimals in [0, 1, 2, 6, 8, 18, 30, 38] {
                for fixed in [false, true] {
                    assert_eq!(
                        format_units(v, decimals, fixed),
                        plain(v, decimals, fixed),
                        "{v} {decimals} {fixed}"
                    );
                }
            }
        }
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        for bad in [
            "",
            ".",
            ".5",
            "5.",
            "1e3",
            "0x10",
            "1,5",
            "+1",
            "-1",
            "-0.1",
            "1.2.3",
            " ",
            "NaN",
            "0.000000001",
            "21000000.00000001",
            "1 000",
        ] {
            assert!(parse_btc(bad, "amount").is_err(), "{bad:?} accepted");
        }
        let e = parse_btc("0.123456789", "amount").unwrap_err().to_string();
        assert!(e.contains("more than 8 decimals"), "{e}");
    }

    proptest! {
        #[test]
        fn sats_round_trip_through_the_decimal_string(sats in 0..=MAX_SAT) {
            prop_assert_eq!(parse_btc(&format_btc(sats), "amount").unwrap(), sats);
            prop_assert_eq!(
                parse_btc(&format_units(u128::from(sats), 8, false), "amount").unwrap(),
                sats
            );
        }

        #[test]
        fn decimal_strings_round_trip(int in 0u64..21_000_000, frac in "[0-9]{0,8}") {
            let s = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            let sats = parse_btc(&s, "amount").unwrap();
            let want = format!("{int}.{frac:0<8}");
            prop_assert_eq!(format_btc(sats), want);
        }

        #[test]
        fn more_than_8_decimals_is_refused(int in 0u64..21_000_000, frac in "[0-9]{9,12}") {
            let s = format!("{int}.{frac}");
            prop_assert!(parse_btc(&s, "amount").is_err());
        }

        #[test]
        fn negatives_are_refused(sats in 1..=MAX_SAT) {
            let s = format!("-{}", format_btc(sats));
            prop_assert!(parse_btc(&s, "amount").is_err());
        }

        #[test]
        fn above_21_million_is_refused(sats in (MAX_SAT + 1)..u64::MAX / 2) {
            prop_assert!(parse_btc(&format_btc(sats), "amount").is_err());
            let s = format!("{sats}sat");
            prop_assert!(parse_btc(&s, "amount").is_err());
        }
    }
}

/// A U256 of smallest units with `scale` decimals, as a decimal string (trailing zeros
/// of the fraction dropped).
pub fn format_scaled(v: alloy_primitives::U256, scale: u32) -> String {
    let digits = v.to_string();
    if scale == 0 {
        return digits;
    }
    let s = scale as usize;
    let padded = format!("{digits:0>width$}", width = s + 1);
    let (int, frac) = padded.split_at(padded.len() - s);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// The value of `units` (an asset with `decimals`) at `rate` (quote units per one
/// asset, an exact decimal of at most 18 decimals): the exact product, and the same
/// rounded half-up to two decimals (cents). Exact integer arithmetic only.
pub fn value_at(units: u128, decimals: u32, rate: &str) -> Result<(String, String)> {
    use alloy_primitives::U256;
    let frac_len = rate.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
    let r = parse_units(rate, frac_len, "rate")?;
    let product = U256::from(units) * U256::from(r);
    let scale = decimals + frac_len;
    let exact = format_scaled(product, scale);
    let cents = if scale <= 2 {
        product * U256::from(10u64).pow(U256::from(2 - scale))
    } else {
        let unit = U256::from(10u64).pow(U256::from(scale - 2));
        (product + unit / U256::from(2u64)) / unit
    };
    let c = cents.to_string();
    let padded = format!("{c:0>3}");
    let (int, frac) = padded.split_at(padded.len() - 2);
    Ok((exact, format!("{int}.{frac}")))
}

/// Parses a rate: a positive exact decimal with at most 18 decimals.
pub fn parse_rate(s: &str) -> Result<String> {
    let t = s.trim();
    let units = parse_units(t, 18, "rate")?;
    if units == 0 {
        return Err(Error::invalid(
            "rate",
            format!("'{s}' is not a positive rate"),
        ));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod value_tests {
    use super::*;

    #[test]
    fn values_are_exact_and_round_half_up() {
        assert_eq!(
            value_at(50_000_000, 8, "97000.12").unwrap(),
            ("48500.06".into(), "48500.06".into())
        );
        assert_eq!(
            value_at(1, 8, "97000").unwrap(),
            ("0.00097".into(), "0.00".into())
        );
        assert_eq!(value_at(6, 8, "97000").unwrap().1, "0.01"); // 0.00582 -> 0.01
        assert_eq!(
            value_at(1_500_000_000_000_000_000, 18, "3012.345").unwrap(),
            ("4518.5175".into(), "4518.52".into())
        );
        assert_eq!(value_at(0, 8, "1").unwrap().1, "0.00");
        assert!(
            parse_rate("0").is_err() && parse_rate("-1").is_err() && parse_rate("1e3").is_err()
        );
    }
}
