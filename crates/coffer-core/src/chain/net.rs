//! The transport under the backends: a TCP connection made directly or through a SOCKS5
//! proxy (`socks5h://HOST:PORT`, e.g. Tor's 127.0.0.1:9050; the proxy resolves the
//! backend's host name, never a local DNS lookup), TLS over it with the server's
//! certificate verified against the platform's trusted CAs or pinned by its SHA-256
//! fingerprint (also handed to the Esplora client's HTTP stack: [`tls_config`]), and a
//! small kept-alive HTTP/1.1 client ([`Http`]) for JSON-RPC and the explorer's GET.
//!
//! The proxy is a SOCKS5 CONNECT tunnel written here (RFC 1928, no authentication, the
//! host sent as a domain name: ~60 lines). The `socks` crate (0.3.4, last released in
//! 2022) was weighed: it is cheap to build, but it connects to the proxy with no timeout
//! and does the handshake before the caller can set one, so a proxy that accepts and
//! stalls would hang coffer; here the connection, the handshake and every read have the
//! backend's timeout. The Electrum client (electrum-client's `RawClient`) and the
//! JSON-RPC client both take any `Read + Write` stream, so one tunnel serves them.

use crate::error::{Error, Result};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use sha2::Digest as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a backend is reached beyond its URL: a SOCKS5 proxy, a pinned certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Route {
    /// `socks5h://HOST:PORT`, when the backend is reached through a proxy.
    pub proxy: Option<String>,
    /// The SHA-256 of the server's DER certificate (64 lowercase hex digits), when it is
    /// pinned (TLS only).
    pub cert_sha256: Option<String>,
}

impl Route {
    /// Direct, with the platform's CAs.
    pub fn direct() -> Route {
        Route::default()
    }
}

/// Checks a proxy URL: `socks5h://HOST:PORT` (returns HOST and PORT). `socks5://` (a
/// local DNS lookup, which would leak the names looked up) and anything else is
/// `invalid_input`.
pub fn parse_proxy(url: &str) -> Result<(String, u16)> {
    let bad = || {
        Error::invalid(
            "proxy",
            // The URL is not repeated: one with a user name and password (refused) would
            // put the password in the output.
            "a proxy is socks5h://HOST:PORT, with no user name or password (e.g. \
             socks5h://127.0.0.1:9050 for Tor; socks5h: the proxy resolves host names)"
                .to_string(),
        )
    };
    let rest = url.strip_prefix("socks5h://").ok_or_else(bad)?;
    host_port(rest.trim_end_matches('/')).ok_or_else(bad)
}

/// `HOST:PORT` (an IPv6 host in brackets) split, or none.
pub fn host_port(s: &str) -> Option<(String, u16)> {
    let (h, p) = s.rsplit_once(':')?;
    let port = p.parse::<u16>().ok()?;
    let h = h
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(h);
    if h.is_empty() || h.contains(['/', '@', ' ']) {
        return None;
    }
    Some((h.to_string(), port))
}

/// Checks a certificate fingerprint: 64 hex digits, `:` separators allowed (as openssl
/// prints them); returns the lowercase hex.
pub fn parse_fingerprint(s: &str) -> Result<String> {
    let hex: String = s
        .trim()
        .trim_start_matches("sha256 Fingerprint=")
        .chars()
        .filter(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(hex)
    } else {
        Err(Error::invalid(
            "cert_sha256",
            format!("{s}: a certificate fingerprint is its SHA-256, 64 hex digits"),
        ))
    }
}

/// A TCP connection to `host:port`, through the proxy when one is given (the proxy
/// resolves `host`). Read and write time out after `timeout`. `what` names the server in
/// errors (`backend`).
pub fn tcp(
    host: &str,
    port: u16,
    proxy: Option<&str>,
    timeout: Duration,
    what: &str,
) -> Result<TcpStream> {
    let (to_host, to_port) = match proxy {
        Some(p) => parse_proxy(p)?,
        None => (host.to_string(), port),
    };
    let via = || proxy.map(|p| format!(" (through {p})")).unwrap_or_default();
    let fail = |e: std::io::Error| Error::Backend(format!("{what}{}: {e}", via()));
    let addr = (to_host.as_str(), to_port)
        .to_socket_addrs()
        .map_err(fail)?
        .next()
        .ok_or_else(|| Error::Backend(format!("{what}{}: no address", via())))?;
    let mut s = TcpStream::connect_timeout(&addr, timeout).map_err(fail)?;
    // Requests are written whole: no need to hold small writes back.
    s.set_nodelay(true).map_err(fail)?;
    s.set_read_timeout(Some(timeout)).map_err(fail)?;
    s.set_write_timeout(Some(timeout)).map_err(fail)?;
    if proxy.is_some() {
        socks5_connect(&mut s, host, port)
            .map_err(|e| Error::Backend(format!("{what}{}: the proxy: {e}", via())))?;
    }
    Ok(s)
}

/// The SOCKS5 handshake (no authentication) and a CONNECT to `host:port`, the host sent
/// as a name (or an IP literal as an address) for the proxy to resolve.
fn socks5_connect(s: &mut TcpStream, host: &str, port: u16) -> std::io::Result<()> {
    use std::io::{Error as E, ErrorKind::Other};
    s.write_all(&[5, 1, 0])?;
    let mut hello = [0u8; 2];
    s.read_exact(&mut hello)?;
    if hello != [5, 0] {
        return Err(E::new(Other, "not a SOCKS5 proxy without authentication"));
    }
    let mut req = vec![5, 1, 0];
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            req.push(1);
            req.extend(ip.octets());
        }
        Ok(std::net::IpAddr::V6(ip)) => {
            req.push(4);
            req.extend(ip.octets());
        }
        Err(_) => {
            let name =
                u8::try_from(host.len()).map_err(|_| E::new(Other, "the host name is too long"))?;
            req.push(3);
            req.push(name);
            req.extend(host.as_bytes());
        }
    }
    req.extend(port.to_be_bytes());
    s.write_all(&req)?;
    let mut head = [0u8; 4];
    s.read_exact(&mut head)?;
    if head[0] != 5 {
        return Err(E::new(Other, "a malformed SOCKS5 answer"));
    }
    if head[1] != 0 {
        let why = match head[1] {
            1 => "general failure",
            2 => "not allowed by its rules",
            3 => "network unreachable",
            4 => "host unreachable",
            5 => "connection refused",
            6 => "TTL expired",
            7 => "command not supported",
            8 => "address type not supported",
            _ => "unknown error",
        };
        return Err(E::new(
            Other,
            format!("it could not connect ({why}, SOCKS5 code {})", head[1]),
        ));
    }
    let skip = match head[3] {
        1 => 4,
        4 => 16,
        3 => {
            let mut n = [0u8; 1];
            s.read_exact(&mut n)?;
            usize::from(n[0])
        }
        _ => return Err(E::new(Other, "a malformed SOCKS5 answer")),
    };
    let mut rest = vec![0u8; skip + 2];
    s.read_exact(&mut rest)?;
    Ok(())
}

/// A connection: plain TCP or TLS over TCP.
pub enum Stream {
    /// Plain TCP.
    Plain(TcpStream),
    /// TLS.
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// Verifies a server's certificate: the pinned fingerprint when there is one (the
/// certificate is then trusted whoever issued it), else the platform's verifier. It
/// notes the fingerprint it saw and why it refused, for the error.
#[derive(Debug)]
struct Checker {
    pin: Option<String>,
    platform: rustls_platform_verifier::Verifier,
    provider: Arc<rustls::crypto::CryptoProvider>,
    seen: Mutex<Option<String>>,
    /// Whether it refused the certificate it saw.
    refused: std::sync::atomic::AtomicBool,
}

impl rustls::client::danger::ServerCertVerifier for Checker {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        let got = hex::encode(sha2::Sha256::digest(end_entity.as_ref()));
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(got.clone());
        let verdict = match &self.pin {
            Some(want) if *want == got => {
                Ok(rustls::client::danger::ServerCertVerified::assertion())
            }
            Some(_) => Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            )),
            None => self.platform.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            ),
        };
        if verdict.is_err() {
            self.refused
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The fingerprint of the certificate a TLS configuration refused, if it refused one.
pub type Refused = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// A TLS client configuration that checks the server's certificate with the pinned
/// fingerprint `pin` when given, else the platform's verifier, and a function that
/// tells the fingerprint of a certificate it refused (for [`tls_refusal`]), if it
/// refused one. For clients that do their own handshake (the Esplora client's HTTP
/// stack).
pub fn tls_config(pin: Option<&str>, what: &str) -> Result<(rustls::ClientConfig, Refused)> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let setup = |e: rustls::Error| Error::Backend(format!("{what}: TLS: {e}"));
    let platform = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(setup)?;
    let checker = Arc::new(Checker {
        pin: pin.map(str::to_string),
        platform,
        provider: provider.clone(),
        seen: Mutex::new(None),
        refused: Default::default(),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(setup)?
        .dangerous()
        .with_custom_certificate_verifier(checker.clone())
        .with_no_client_auth();
    let seen = move || {
        if !checker.refused.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        checker
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    };
    Ok((config, Arc::new(seen)))
}

/// TLS over `sock` to `host` (`what` names the server in errors, e.g. `Electrum server
/// ssl://h:50002`): the handshake is done here, so a certificate that is not trusted,
/// a fingerprint that does not match or a server that does not speak TLS is a `backend`
/// error before a byte of the protocol is sent.
pub fn tls(sock: TcpStream, host: &str, pin: Option<&str>, what: &str) -> Result<Stream> {
    handshake(sock, host, pin, what, &|e, seen| {
        tls_error(what, e, pin, seen)
    })
}

/// [`tls`], a failed handshake told by `failed` (given the I/O error and the fingerprint
/// of a certificate the check refused).
fn handshake(
    sock: TcpStream,
    host: &str,
    pin: Option<&str>,
    what: &str,
    failed: &dyn Fn(&std::io::Error, Option<String>) -> Error,
) -> Result<Stream> {
    let (config, seen) = tls_config(pin, what)?;
    let setup = |e: rustls::Error| Error::Backend(format!("{what}: TLS: {e}"));
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| Error::Backend(format!("{what}: '{host}' is not a valid TLS server name")))?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(setup)?;
    let mut s = rustls::StreamOwned::new(conn, sock);
    while s.conn.is_handshaking() {
        if let Err(e) = s.conn.complete_io(&mut s.sock) {
            return Err(failed(&e, seen()));
        }
    }
    Ok(Stream::Tls(Box::new(s)))
}

/// The error of a TLS handshake that refused the server's certificate (the fingerprint
/// it presented is `seen`), with what to do; `flag` is the option that pins one.
pub fn tls_refusal(what: &str, pin: Option<&str>, seen: &str, flag: &str) -> Error {
    match pin {
        Some(pin) => Error::Backend(format!(
            "{what}: its certificate's SHA-256 fingerprint is {seen}, not the pinned \
             {pin}: it may not be your server (or its certificate was renewed: check \
             the new fingerprint on the server and pin it again)"
        )),
        None => Error::Backend(format!(
            "{what}: its certificate is not trusted. A personal server's self-signed \
             certificate can be pinned: read its fingerprint on the server (`openssl x509 \
             -in CERT.pem -noout -fingerprint -sha256`, or `openssl s_client -connect \
             HOST:PORT < /dev/null | openssl x509 -fingerprint -sha256`), compare it with \
             the one this server presented ({seen}) and pass it with {flag}"
        )),
    }
}

/// The error of a failed TLS handshake, with what to do.
fn tls_error(what: &str, e: &std::io::Error, pin: Option<&str>, seen: Option<String>) -> Error {
    let tls = e.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>());
    match (tls, pin, seen) {
        (Some(rustls::Error::InvalidCertificate(_)), Some(pin), Some(seen)) => {
            Error::Backend(format!(
                "{what}: its certificate's SHA-256 fingerprint is {seen}, not the pinned \
                 {pin}: it may not be your server (or its certificate was renewed: check \
                 the new fingerprint on the server and pin it again)"
            ))
        }
        (Some(rustls::Error::InvalidCertificate(c)), None, Some(seen)) => Error::Backend(format!(
            "{what}: its certificate is not trusted ({c:?}). A personal server's \
                 self-signed certificate can be pinned: read its fingerprint on the server \
                 (`openssl x509 -in CERT.pem -noout -fingerprint -sha256`, or `openssl \
                 s_client -connect HOST:PORT < /dev/null | openssl x509 -fingerprint \
                 -sha256`), compare it with the one this server presented ({seen}) and \
                 pass it with --electrum-cert-sha256"
        )),
        (Some(e), _, _) => Error::Backend(format!(
            "{what}: the TLS handshake failed ({e}); is it a TLS server (ssl://) and not a \
             plain one (tcp://)?"
        )),
        (None, _, _) => Error::Backend(format!(
            "{what}: the TLS handshake failed ({e}); is it a TLS server (ssl://) and not a \
             plain one (tcp://)?"
        )),
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The reason phrase.
    pub reason: String,
    /// The body.
    pub body: Vec<u8>,
}

/// POSTs `body` to `url` (`http://` or `https://`) through the SOCKS5 proxy `proxy`
/// (the proxy resolves the host), on a connection of its own; `headers` are added (e.g.
/// `Authorization`). Redirects are answers like any other (never followed). A client
/// that asks more than once keeps its connection with an [`Http`] instead.
pub fn post_via_proxy(
    url: &str,
    proxy: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> Result<Answer> {
    Http::new(Some(proxy), timeout).request("POST", url, headers, Some(body), false, url)
}

/// GETs `url` (`http://` or `https://`) with the query `query` (percent-encoded here)
/// through the SOCKS5 proxy `proxy`, as [`post_via_proxy`]. `what` names the endpoint
/// in errors (the query may hold an API key: it is never in an error).
pub fn get_via_proxy(
    url: &str,
    query: &[(&str, &str)],
    proxy: &str,
    timeout: Duration,
    what: &str,
) -> Result<Answer> {
    let full = with_query(url, query);
    Http::new(Some(proxy), timeout).request("GET", &full, &[], None, true, what)
}

/// `url` with `query` appended, each name and value percent-encoded
/// (`application/x-www-form-urlencoded`).
pub fn with_query(url: &str, query: &[(&str, &str)]) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in query {
        q.append_pair(k, v);
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{}", q.finish())
}

/// Where a request goes: TLS or not, the host and port to connect to, the `Host`
/// header and the path with its query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    tls: bool,
    host: String,
    port: u16,
    authority: String,
    path: String,
}

impl Target {
    fn parse(url: &str, what: &str) -> Result<Target> {
        let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(Error::invalid(
                "url",
                format!("'{what}' is not an http:// or https:// URL"),
            ));
        };
        let (authority, path) = match rest.find(['/', '?']) {
            Some(i) if rest.as_bytes()[i] == b'?' => (&rest[..i], format!("/{}", &rest[i..])),
            Some(i) => (&rest[..i], rest[i..].to_string()),
            None => (rest, "/".to_string()),
        };
        let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
        let (host, port) = host_port(authority)
            .or_else(|| {
                let h = authority
                    .strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .unwrap_or(authority);
                (!h.is_empty()).then(|| (h.to_string(), if tls { 443 } else { 80 }))
            })
            .ok_or_else(|| Error::invalid("url", format!("'{what}': no host")))?;
        Ok(Target {
            tls,
            host,
            port,
            authority: authority.to_string(),
            path,
        })
    }

    /// The connection's identity: a kept connection serves the same one only.
    fn origin(&self) -> (bool, &str, u16) {
        (self.tls, &self.host, self.port)
    }
}

/// How a client of [`Http`] tells a failed TLS handshake: given what the endpoint is
/// called in errors and the handshake's I/O error (a `rustls::Error` inside when TLS
/// itself failed).
pub type TlsFailure = fn(&str, &std::io::Error) -> Error;

/// A connection kept open for the next request, and the origin it is to.
struct Kept {
    origin: (bool, String, u16),
    conn: BufReader<Stream>,
}

/// An HTTP/1.1 client that keeps its connection (direct or tunnelled through a SOCKS5
/// proxy, TLS or not) open between requests to the same origin, so that a sync of
/// hundreds of JSON-RPC calls opens one tunnel, not hundreds (each SOCKS5 tunnel, and
/// over Tor each circuit stream, costs round trips). A kept connection the server has
/// closed is opened again once; a request that is not idempotent (a broadcast) is never
/// sent again once it was written whole: its failure is the caller's to report.
pub struct Http {
    proxy: Option<String>,
    timeout: Duration,
    /// The pinned SHA-256 of the server's certificate, and how a failed TLS handshake is
    /// told (see [`Http::with_tls`]).
    pin: Option<String>,
    tls_failure: Option<TlsFailure>,
    kept: Mutex<Option<Kept>>,
    opened: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("proxy", &self.proxy)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// How one exchange on a connection failed: the error, and whether the request had been
/// written whole (the server may have acted on it).
struct Failed {
    error: std::io::Error,
    written: bool,
}

impl Http {
    /// A client through `proxy` (`socks5h://HOST:PORT`) when given, else direct; each
    /// read and write may take `timeout`.
    pub fn new(proxy: Option<&str>, timeout: Duration) -> Http {
        Http {
            proxy: proxy.map(str::to_string),
            timeout,
            pin: None,
            tls_failure: None,
            kept: Mutex::new(None),
            opened: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The same client, checking a TLS server's certificate against `pin` (its SHA-256)
    /// when given (else the platform's trusted CAs), and telling a failed handshake with
    /// `failure` (the client's own words and hints) when given.
    pub fn with_tls(mut self, pin: Option<&str>, failure: Option<TlsFailure>) -> Http {
        self.pin = pin.map(str::to_string);
        self.tls_failure = failure;
        self
    }

    /// How many connections (tunnels, through a proxy) it has opened so far.
    pub fn opened(&self) -> usize {
        self.opened.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn open(&self, t: &Target, what: &str) -> Result<BufReader<Stream>> {
        let sock = tcp(&t.host, t.port, self.proxy.as_deref(), self.timeout, what)?;
        self.opened
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let s = if t.tls {
            let pin = self.pin.as_deref();
            handshake(
                sock,
                &t.host,
                pin,
                what,
                &|e, seen| match self.tls_failure {
                    Some(told) => told(what, e),
                    None => tls_error(what, e, pin, seen),
                },
            )?
        } else {
            Stream::Plain(sock)
        };
        Ok(BufReader::new(s))
    }

    /// One request (`method`, with `body` when there is one, `headers` added) to `url`
    /// (`http://` or `https://`), on the kept connection when there is one to the same
    /// origin. `idempotent`: the request may be sent again when a kept connection turns
    /// out closed after it was written. `what` names the endpoint in errors.
    pub fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        idempotent: bool,
        what: &str,
    ) -> Result<Answer> {
        let t = Target::parse(url, what)?;
        let via = self
            .proxy
            .as_deref()
            .map(|p| format!(" (through {p})"))
            .unwrap_or_default();
        let fail = |e: std::io::Error| Error::Backend(format!("{what}{via}: {e}"));
        let mut head = format!("{method} {} HTTP/1.1\r\nHost: {}\r\n", t.path, t.authority);
        if let Some(body) = body {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let reused = kept
            .take()
            .filter(|k| {
                let (tls, host, port) = t.origin();
                k.origin == (tls, host.to_string(), port)
            })
            .map(|k| k.conn)
            .filter(idle_and_open);
        let mut again = reused.is_some();
        let mut conn = match reused {
            Some(c) => c,
            None => self.open(&t, what)?,
        };
        loop {
            match exchange(&mut conn, head.as_bytes(), body) {
                Ok((answer, keep)) => {
                    if keep {
                        let (tls, host, port) = t.origin();
                        *kept = Some(Kept {
                            origin: (tls, host.to_string(), port),
                            conn,
                        });
                    }
                    return Ok(answer);
                }
                // The kept connection was closed by the server (its idle timeout) before
                // it read the request, or the request may safely be asked again.
                Err(f) if again && (idempotent || !f.written) => {
                    again = false;
                    conn = self.open(&t, what)?;
                }
                Err(f) => return Err(fail(f.error)),
            }
        }
    }
}

/// Whether a kept connection is still usable: nothing to read on it (an idle server
/// sends nothing; a close, a TLS alert or stray bytes mean it is done).
fn idle_and_open(conn: &BufReader<Stream>) -> bool {
    if !conn.buffer().is_empty() {
        return false;
    }
    let sock = match conn.get_ref() {
        Stream::Plain(s) => s,
        Stream::Tls(s) => &s.sock,
    };
    if sock.set_nonblocking(true).is_err() {
        return false;
    }
    let mut b = [0u8; 1];
    let open = matches!(sock.peek(&mut b), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
    sock.set_nonblocking(false).is_ok() && open
}

/// Writes one request and reads its answer: the answer and whether the connection may
/// serve another request.
fn exchange(
    conn: &mut BufReader<Stream>,
    head: &[u8],
    body: Option<&[u8]>,
) -> std::result::Result<(Answer, bool), Failed> {
    let unwritten = |error| Failed {
        error,
        written: false,
    };
    // One write for the head and the body: two small writes would wait for the peer's
    // delayed ACK of the first (Nagle), some 40 ms per request.
    let mut request = Vec::with_capacity(head.len() + body.map_or(0, <[u8]>::len));
    request.extend_from_slice(head);
    request.extend_from_slice(body.unwrap_or_default());
    let s = conn.get_mut();
    s.write_all(&request).map_err(unwritten)?;
    s.flush().map_err(unwritten)?;
    read_answer(conn).map_err(|error| Failed {
        error,
        written: true,
    })
}

/// Reads an HTTP/1.x answer: the status line, the headers, the body (by Content-Length,
/// chunked, or to the end of the connection), and whether the connection may serve
/// another request (HTTP/1.1, no `Connection: close`, a body of known length).
fn read_answer(mut r: impl BufRead) -> std::io::Result<(Answer, bool)> {
    use std::io::{Error as E, ErrorKind::InvalidData};
    let bad = || E::new(InvalidData, "a malformed HTTP answer");
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(E::new(
            std::io::ErrorKind::UnexpectedEof,
            "the connection was closed before an answer",
        ));
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err(bad());
    }
    let mut keep = version == "HTTP/1.1";
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
    let reason = parts.next().unwrap_or_default().to_string();
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(bad());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim();
            if k.eq_ignore_ascii_case("content-length") {
                length = Some(v.parse::<usize>().map_err(|_| bad())?);
            } else if k.eq_ignore_ascii_case("transfer-encoding") {
                chunked = v.eq_ignore_ascii_case("chunked");
            } else if k.eq_ignore_ascii_case("connection") {
                keep &= !v.eq_ignore_ascii_case("close");
            }
        }
    }
    let mut body = vec![];
    if status == 204 || status == 304 || (100..200).contains(&status) {
        // No body.
    } else if chunked {
        loop {
            line.clear();
            r.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| bad())?;
            if size == 0 {
                break;
            }
            let start = body.len();
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..])?;
            line.clear();
            r.read_line(&mut line)?;
        }
        // The trailer, up to its empty line: the next answer starts after it.
        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
                break;
            }
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        r.read_exact(&mut body)?;
    } else {
        keep = false;
        r.read_to_end(&mut body)?;
    }
    Ok((
        Answer {
            status,
            reason,
            body,
        },
        keep,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_are_socks5h() {
        assert_eq!(
            parse_proxy("socks5h://127.0.0.1:9050").unwrap(),
            ("127.0.0.1".to_string(), 9050)
        );
        assert_eq!(
            parse_proxy("socks5h://[::1]:9050/").unwrap(),
            ("::1".to_string(), 9050)
        );
        for bad in [
            "socks5://127.0.0.1:9050",
            "http://127.0.0.1:8080",
            "socks5h://127.0.0.1",
            "socks5h://:9050",
            "127.0.0.1:9050",
        ] {
            assert_eq!(
                parse_proxy(bad).unwrap_err().code(),
                "invalid_input",
                "{bad}"
            );
        }
        // A password in a proxy URL is refused without being repeated.
        let e = parse_proxy("socks5h://me:hunter22@127.0.0.1:9050").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(!e.to_string().contains("hunter22"), "{e}");
    }

    #[test]
    fn fingerprints_as_openssl_prints_them() {
        let hex = "ab".repeat(32);
        let colons = vec!["AB"; 32].join(":");
        assert_eq!(parse_fingerprint(&hex).unwrap(), hex);
        assert_eq!(parse_fingerprint(&colons).unwrap(), hex);
        assert_eq!(
            parse_fingerprint(&format!("sha256 Fingerprint={colons}")).unwrap(),
            hex
        );
        for bad in ["ab", &"zz".repeat(32), &"ab".repeat(33)] {
            assert_eq!(parse_fingerprint(bad).unwrap_err().code(), "invalid_input");
        }
    }

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(
            with_query("http://h/api", &[("a", "b c"), ("k", "x&y=z/é")]),
            "http://h/api?a=b+c&k=x%26y%3Dz%2F%C3%A9"
        );
        assert_eq!(
            with_query("http://h/api?v=2", &[("a", "1")]),
            "http://h/api?v=2&a=1"
        );
        assert_eq!(with_query("http://h/", &[]), "http://h/");
    }

    #[test]
    fn http_answers_by_length_chunks_or_end() {
        let (a, keep) =
            read_answer(&b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}xx"[..]).unwrap();
        assert_eq!((a.status, a.body, keep), (200, b"{}".to_vec(), true));
        // A chunked answer is read up to its trailer's end: the next one follows.
        let mut two = &b"HTTP/1.1 500 Internal\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n1\r\n \r\n0\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"[..];
        let (a, keep) = read_answer(&mut two).unwrap();
        assert_eq!(
            (a.status, a.reason.as_str(), a.body, keep),
            (500, "Internal", b"{} ".to_vec(), true)
        );
        let (a, keep) = read_answer(&mut two).unwrap();
        assert_eq!((a.status, a.body, keep), (200, b"x".to_vec(), false));
        let (a, keep) = read_answer(&b"HTTP/1.0 401 Unauthorized\r\n\r\nno"[..]).unwrap();
        assert_eq!((a.status, a.body, keep), (401, b"no".to_vec(), false));
        assert!(read_answer(&b"SSH-2.0\r\n"[..]).is_err());
    }

    /// A server on 127.0.0.1 that answers `per_connection` requests on each connection,
    /// then reads one more and closes without answering it when `read_extra`, or closes
    /// at once; it counts the requests it read.
    fn server(per_connection: usize, read_extra: bool) -> (String, Arc<Mutex<usize>>) {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}/", l.local_addr().unwrap().port());
        let asked = Arc::new(Mutex::new(0));
        let count = asked.clone();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { continue };
                let mut r = BufReader::new(s.try_clone().unwrap());
                let reads = per_connection + usize::from(read_extra);
                for n in 0..reads {
                    let mut line = String::new();
                    let mut len = 0;
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            break;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap();
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    if line != "\r\n" {
                        break;
                    }
                    let mut body = vec![0; len];
                    r.read_exact(&mut body).unwrap();
                    *count.lock().unwrap() += 1;
                    if n < per_connection {
                        let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    }
                }
            }
        });
        (url, asked)
    }

    /// Requests share one connection; one the server closed is opened again.
    #[test]
    fn connections_are_kept_and_opened_again_when_closed() {
        let (url, asked) = server(2, false);
        let http = Http::new(None, Duration::from_secs(5));
        for _ in 0..2 {
            let a = http
                .request("POST", &url, &[], Some(b"{}"), true, "test")
                .unwrap();
            assert_eq!(a.body, b"ok");
        }
        assert_eq!(http.opened(), 1);
        // The server closed the connection after two answers: the third request goes
        // on a new one (whether the close was seen before sending or after).
        let a = http
            .request("POST", &url, &[], Some(b"{}"), true, "test")
            .unwrap();
        assert_eq!(a.body, b"ok");
        assert_eq!((http.opened(), *asked.lock().unwrap()), (2, 3));
    }

    /// A kept connection that the server drops after reading the request: an idempotent
    /// request is sent again once on a new connection; a broadcast is not (the server
    /// may have acted on it) and fails.
    #[test]
    fn a_broadcast_is_never_sent_twice() {
        let (url, asked) = server(1, true);
        let http = Http::new(None, Duration::from_secs(5));
        http.request("POST", &url, &[], Some(b"{}"), false, "test")
            .unwrap();
        // The server reads the next request on this connection, then drops it unanswered.
        let e = http
            .request("POST", &url, &[], Some(b"{}"), false, "test")
            .unwrap_err();
        assert_eq!(e.code(), "backend");
        assert_eq!((http.opened(), *asked.lock().unwrap()), (1, 2));
        // An idempotent request on a connection that fails the same way is asked again.
        let http = Http::new(None, Duration::from_secs(5));
        http.request("POST", &url, &[], Some(b"{}"), true, "test")
            .unwrap();
        let a = http
            .request("POST", &url, &[], Some(b"{}"), true, "test")
            .unwrap();
        assert_eq!(a.body, b"ok");
        assert_eq!((http.opened(), *asked.lock().unwrap()), (2, 5));
    }
}
