//! Time: the current instant, RFC 3339 rendering, and the parsing of user-given dates
//! (`2026-01-31`, RFC 3339, relative `7d`) and durations (`2s`, `15m`, `1h30m`).

use crate::error::{Error, Result};
use jiff::{SignedDuration, Timestamp, ToSpan, tz::TimeZone};

/// The variable that fixes the clock for tests (Unix seconds). Honoured only for a vault
/// made with the test KDF, in an environment with `COFFER_KDF_PROFILE=test`: see
/// [`check_test_clock`] and [`allow_for_vault`].
pub const TEST_NOW: &str = "COFFER_TEST_NOW";

/// Whether the vault this process works on was made with the test KDF (decided from
/// its keyslots, see [`allow_for_vault`]); until then the clock is the real one.
static TEST_VAULT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn requested() -> Option<i64> {
    static NOW: std::sync::OnceLock<Option<i64>> = std::sync::OnceLock::new();
    *NOW.get_or_init(|| {
        let test_profile = std::env::var("COFFER_KDF_PROFILE").is_ok_and(|p| p == "test");
        std::env::var(TEST_NOW)
            .ok()
            .filter(|_| test_profile)
            .and_then(|v| v.trim().parse().ok())
    })
}

fn test_now() -> Option<i64> {
    requested().filter(|_| TEST_VAULT.load(std::sync::atomic::Ordering::Relaxed))
}

/// Refuses `COFFER_TEST_NOW` outside tests (without `COFFER_KDF_PROFILE=test`) or
/// malformed: a fixed clock would defeat lockouts and one-time codes.
pub fn check_test_clock() -> Result<()> {
    let Ok(v) = std::env::var(TEST_NOW) else {
        return Ok(());
    };
    if !std::env::var("COFFER_KDF_PROFILE").is_ok_and(|p| p == "test") {
        return Err(Error::Usage(format!(
            "{TEST_NOW} fixes the clock for tests only; it needs COFFER_KDF_PROFILE=test"
        )));
    }
    if v.trim().parse::<i64>().is_err() {
        return Err(Error::Usage(format!("{TEST_NOW} must be Unix seconds")));
    }
    Ok(())
}

/// Lets `COFFER_TEST_NOW` fix the clock when the vault in use is a test vault: every
/// keyslot has the test KDF's parameters. That is data an attacker cannot forge without
/// the vault key: slots with other parameters than those they were sealed with no longer
/// unwrap, and the profile's binding (checked at unlock) covers them. Refuses a fixed
/// clock for any other vault (a usage error), so lockouts, backoffs, one-time codes and
/// session lifetimes always run on the real clock there.
pub fn allow_for_vault(test_vault: bool, user: &str) -> Result<()> {
    let test_profile = std::env::var("COFFER_KDF_PROFILE").is_ok_and(|p| p == "test");
    TEST_VAULT.store(
        test_vault && test_profile,
        std::sync::atomic::Ordering::Relaxed,
    );
    if requested().is_none() {
        return Ok(());
    }
    if !test_vault {
        return Err(Error::Usage(format!(
            "{TEST_NOW} fixes the clock of test vaults only; {user}'s vault uses the \
             production KDF"
        )));
    }
    Ok(())
}

/// Whether this process works on a test vault in the test environment (what
/// [`allow_for_vault`] decided): the condition of every test hook (the fixed clock, the
/// decryption counter of [`crate::vault::store`]).
pub fn test_vault() -> bool {
    TEST_VAULT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    test_now().unwrap_or_else(|| Timestamp::now().as_second())
}

/// Now, in Unix milliseconds (for ordering events within a second).
pub fn now_ms() -> i64 {
    test_now()
        .map(|s| s * 1000)
        .unwrap_or_else(|| Timestamp::now().as_millisecond())
}

/// Unix seconds as an RFC 3339 UTC string, e.g. `2026-11-23T13:00:00Z`.
pub fn rfc3339(unix: i64) -> String {
    Timestamp::from_second(unix)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| unix.to_string())
}

/// Unix milliseconds as an RFC 3339 UTC string with exactly three decimals.
pub fn rfc3339_ms(unix_ms: i64) -> String {
    Timestamp::from_millisecond(unix_ms)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|_| unix_ms.to_string())
}

/// Parses a duration such as `2s`, `15m`, `1h30m`, `12h` or `90` (seconds) into seconds.
pub fn parse_duration(s: &str) -> Result<u64> {
    let t = s.trim();
    let bad = || {
        Error::invalid(
            "duration",
            format!("'{s}' is not a duration (examples: 30s, 15m, 1h30m)"),
        )
    };
    let secs = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<u64>().map_err(|_| bad())?
    } else {
        let d: SignedDuration = t.parse().map_err(|_| bad())?;
        if d.is_negative() || d.subsec_nanos() != 0 {
            return Err(bad());
        }
        d.as_secs() as u64
    };
    if secs == 0 {
        return Err(Error::invalid("duration", "must be longer than zero"));
    }
    Ok(secs)
}

/// Renders seconds compactly, e.g. `14m 59s`.
pub fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m {s}s"),
        _ => format!("{h}h {m}m"),
    }
}

/// Parses a point in time given as `2026-01-31` (UTC midnight), RFC 3339, or relative to
/// now (`30m`, `12h`, `7d`, `2w`, `3mo`, `1y`; a bare `m` means minutes).
pub fn parse_date(s: &str, now: i64) -> Result<i64> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts.as_second());
    }
    if let Ok(date) = t.parse::<jiff::civil::Date>() {
        let zdt = date
            .to_zoned(TimeZone::UTC)
            .map_err(|e| Error::invalid("date", e.to_string()))?;
        return Ok(zdt.timestamp().as_second());
    }
    relative(t, now).ok_or_else(|| {
        Error::invalid(
            "date",
            format!("'{s}' is not a date (examples: 2026-01-31, 2026-01-31T12:00:00Z, 7d, 12h)"),
        )
    })
}

fn relative(t: &str, now: i64) -> Option<i64> {
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = t.split_at(split);
    let n: i64 = num.parse().ok()?;
    let span = match unit {
        "s" => n.seconds(),
        "m" | "min" => n.minutes(),
        "h" => n.hours(),
        "d" => n.days(),
        "w" => n.weeks(),
        "mo" => n.months(),
        "y" => n.years(),
        _ => return None,
    };
    let zdt = Timestamp::from_second(now).ok()?.to_zoned(TimeZone::UTC);
    Some(zdt.checked_sub(span).ok()?.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2s").unwrap(), 2);
        assert_eq!(parse_duration("15m").unwrap(), 900);
        assert_eq!(parse_duration("1h30m").unwrap(), 5400);
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("-5s").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn dates() {
        let now = 1_767_225_600; // 2026-01-01T00:00:00Z
        assert_eq!(parse_date("2026-01-01", now).unwrap(), now);
        assert_eq!(parse_date("2026-01-01T00:00:00Z", now).unwrap(), now);
        assert_eq!(parse_date("7d", now).unwrap(), now - 7 * 86400);
        assert_eq!(parse_date("12h", now).unwrap(), now - 12 * 3600);
        assert!(parse_date("yesterday-ish", now).is_err());
        assert_eq!(rfc3339(now), "2026-01-01T00:00:00Z");
        assert_eq!(rfc3339_ms(now * 1000 + 240), "2026-01-01T00:00:00.240Z");
    }
}
