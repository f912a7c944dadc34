//! Rates from outside the vault: an HTTP source (`rates fetch`) and a CSV file
//! (`rates import`).

use super::parse_pair;
use crate::chain::amount;
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::rates::Rate;

/// Reads rates from an HTTP source (`format`: `coingecko` or `pairs`); any failure is
/// `backend` (exit 7).
pub fn fetch(url: &str, format: &str) -> Result<Vec<Rate>> {
    let timeout = std::env::var("COFFER_RPC_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let response = minreq::get(url)
        .with_timeout(timeout)
        .send()
        .map_err(|e| Error::RateSource(format!("{url} did not answer: {e}")))?;
    if !(200..300).contains(&response.status_code) {
        return Err(Error::RateSource(format!(
            "{url} answered HTTP {} {}",
            response.status_code, response.reason_phrase
        )));
    }
    let doc: serde_json::Value = serde_json::from_slice(response.as_bytes())
        .map_err(|_| Error::RateSource(format!("{url} did not answer with JSON")))?;
    let now = clock::now();
    let source = format!("{format} {url}");
    let as_rate = |v: &serde_json::Value| -> Option<String> {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return None,
        };
        amount::parse_rate(&text).ok()
    };
    let mut out = vec![];
    let obj = doc
        .as_object()
        .ok_or_else(|| Error::RateSource(format!("{url}: expected a JSON object")))?;
    match format {
        "coingecko" => {
            for (id, quotes) in obj {
                let base = match id.as_str() {
                    "bitcoin" => "BTC",
                    "ethereum" => "ETH",
                    _ => continue,
                };
                for (quote, v) in quotes.as_object().into_iter().flatten() {
                    if let (Some(rate), Ok(pair)) =
                        (as_rate(v), parse_pair(&format!("{base}/{quote}")))
                    {
                        out.push(Rate {
                            pair,
                            time: now,
                            rate,
                            source: source.clone(),
                        });
                    }
                }
            }
        }
        _ => {
            for (pair, v) in obj {
                if let (Some(rate), Ok(pair)) = (as_rate(v), parse_pair(pair)) {
                    out.push(Rate {
                        pair,
                        time: now,
                        rate,
                        source: source.clone(),
                    });
                }
            }
        }
    }
    if out.is_empty() {
        return Err(Error::RateSource(format!("{url} answered no usable rate")));
    }
    Ok(out)
}

/// Parses a CSV of `time,pair,rate` rows; the first bad row is an error naming it.
pub fn parse_csv(text: &str) -> Result<Vec<Rate>> {
    let mut out = vec![];
    let now = clock::now();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && line.to_lowercase().starts_with("time")) {
            continue;
        }
        let bad = |why: String| {
            Error::invalid(
                "file",
                format!("row {}: {why}; nothing was imported", i + 1),
            )
        };
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let [time, pair, rate] = cells[..] else {
            return Err(bad(format!("'{line}' is not time,pair,rate")));
        };
        let time = match time.parse::<i64>() {
            Ok(t) => t,
            Err(_) => clock::parse_date(time, now).map_err(|e| bad(e.to_string()))?,
        };
        out.push(Rate {
            pair: parse_pair(pair).map_err(|e| bad(e.to_string()))?,
            time,
            rate: amount::parse_rate(rate).map_err(|e| bad(e.to_string()))?,
            source: "import".into(),
        });
    }
    Ok(out)
}
