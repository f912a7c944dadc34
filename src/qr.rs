//! QR codes of addresses and payment URIs for a terminal (`addr show --qr`, `receive
//! --qr`, a 2FA enrolment's `otpauth:` URI): the text in `qr` of their JSON, and shown.

/// A QR code for a terminal, two modules per character cell.
pub fn qr_text(data: &str) -> crate::error::Result<String> {
    let code = qrcode::QrCode::new(data.as_bytes()).map_err(|e| anyhow::anyhow!("QR code: {e}"))?;
    Ok(code
        .render::<qrcode::render::unicode::Dense1x2>()
        .dark_color(qrcode::render::unicode::Dense1x2::Light)
        .light_color(qrcode::render::unicode::Dense1x2::Dark)
        .build()
        + "\n")
}

/// What goes into a QR code: a bech32 address, bare or as a BIP-21 URI without
/// parameters, in upper case (bech32 and BIP-21 allow it, and QR's alphanumeric mode then
/// makes a smaller code); anything else as it is (base58 and parameters are
/// case-sensitive).
pub fn qr_payload(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("bitcoin:").unwrap_or(&lower);
    let bech32 = ["bc1", "tb1", "bcrt1"].iter().any(|p| rest.starts_with(p));
    if bech32 && !s.contains('?') {
        s.to_ascii_uppercase()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::qr_payload;

    #[test]
    fn qr_payloads() {
        assert_eq!(qr_payload("bitcoin:bc1qx"), "BITCOIN:BC1QX");
        assert_eq!(qr_payload("bc1qx"), "BC1QX");
        assert_eq!(qr_payload("bitcoin:bc1qx?label=a"), "bitcoin:bc1qx?label=a");
        assert_eq!(qr_payload("1BvBMSEY"), "1BvBMSEY");
    }
}
