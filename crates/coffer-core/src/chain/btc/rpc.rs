//! A Bitcoin Core node over JSON-RPC (the bitcoincore-rpc client that bdk_bitcoind_rpc
//! uses): connection with a cookie file or user and password, and the check that the
//! node's chain is the wallet's network.

use crate::chain::Network;
use crate::error::{Error, Result};
use bdk_bitcoind_rpc::bitcoincore_rpc::{self, Auth, Client, RpcApi as _};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How to authenticate to the node (stored in the vault; never printed).
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RpcAuth {
    /// The node's `.cookie` file.
    Cookie(PathBuf),
    /// `rpcuser` and `rpcpassword`.
    UserPass(String, String),
}

impl std::fmt::Debug for RpcAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RpcAuth::Cookie(p) => write!(f, "Cookie({})", p.display()),
            RpcAuth::UserPass(u, _) => write!(f, "UserPass({u}, <redacted>)"),
        }
    }
}

/// The name `getblockchaininfo.chain` gives a network.
pub fn chain_name(n: Network) -> &'static str {
    match n {
        Network::Bitcoin => "main",
        Network::Testnet => "test",
        Network::Testnet4 => "testnet4",
        Network::Signet => "signet",
        Network::Regtest => "regtest",
    }
}

/// The message of HTTP 401 from a node.
const WRONG_CREDENTIALS: &str = "the Bitcoin node refused the credentials (HTTP 401): check \
    --rpc-cookie, or --rpc-user and --rpc-password-file";

/// A node's failure as coffer's error: wrong credentials (HTTP 401) are
/// `backend_auth` (exit 3); an unreachable node, a timeout, a TLS connection that could
/// not be trusted, an unreadable cookie file or an error answer are `backend` (exit 7),
/// with the node's own message.
pub fn node_error(e: bitcoincore_rpc::Error) -> Error {
    use bitcoincore_rpc::jsonrpc::{self, simple_http};
    match &e {
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r)) => Error::Backend(format!(
            "the Bitcoin node answered an error: {} (code {})",
            r.message, r.code
        )),
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Transport(t)) => {
            if let Some(tls) = t.downcast_ref::<TlsError>() {
                return tls.to_error();
            }
            match t.downcast_ref::<simple_http::Error>() {
                Some(simple_http::Error::HttpErrorCode(401 | 403)) => {
                    Error::BackendAuth(WRONG_CREDENTIALS.into())
                }
                Some(simple_http::Error::SocketError(io)) => {
                    Error::Backend(format!("cannot reach the Bitcoin node: {io}"))
                }
                _ => Error::Backend(format!("the Bitcoin node: {t}")),
            }
        }
        bitcoincore_rpc::Error::Io(io) => Error::Backend(format!(
            "cannot read the node's cookie file: {io} (is the node running? it rewrites the \
             cookie at each start)"
        )),
        _ => Error::Backend(format!("the Bitcoin node: {e}")),
    }
}

/// A broadcast the node did not take: its reason (`insufficient fee`,
/// `bad-txns-inputs-missingorspent`, …), or why it could not be asked.
pub fn refused(e: bitcoincore_rpc::Error) -> Error {
    use bitcoincore_rpc::jsonrpc;
    match &e {
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r)) => Error::Backend(format!(
            "the node refused the transaction: {} (code {})",
            r.message, r.code
        )),
        _ => node_error(e),
    }
}

/// Fails while the node is still in initial block download: its view of the chain (and
/// of our coins) is incomplete.
pub fn require_synced(info: &NodeInfo) -> Result<()> {
    if info.initial_block_download {
        return Err(Error::Backend(format!(
            "the Bitcoin node is still in initial block download (at block {}); \
             sync again when it has caught up",
            info.height
        )));
    }
    Ok(())
}

/// What `backend test` reports of a node.
#[derive(Debug, Clone, Serialize)]
pub struct NodeInfo {
    /// `subversion`, e.g. `/Satoshi:31.99.0/`.
    pub version: String,
    /// Its chain (`main`, `test`, `testnet4`, `signet`, `regtest`).
    pub chain: String,
    /// Its best height.
    pub height: u64,
    /// Whether it is still in initial block download.
    pub initial_block_download: bool,
    /// The round trip of one call (ms).
    pub rtt_ms: u64,
}

/// How coffer may talk to a node at a URL, decided before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wire {
    /// `http://` to this machine (127.0.0.0/8, `[::1]`, `localhost`): plain HTTP, as
    /// `bitcoin-cli` does.
    LocalHttp,
    /// `https://`: TLS with the server's certificate verified against the system's
    /// trusted CAs (or `SSL_CERT_FILE` / `SSL_CERT_DIR`).
    Tls,
}

/// Whether `host` (as written in a URL) names this machine.
fn is_loopback(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    ip.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

/// Checks a node URL before any connection: the node's credentials (cookie or password)
/// travel in every request, so they never go in clear over a network. `https://` is
/// TLS (never plain HTTP); `http://` only to this machine; no `user:password@` in the
/// URL (it would be stored and shown with it).
fn wire(url: &str) -> Result<Wire> {
    crate::chain::eth::rpc::check_url(url)?;
    let (wire, rest) = match url.split_once("://") {
        Some(("http", rest)) => (Wire::LocalHttp, rest),
        Some(("https", rest)) => (Wire::Tls, rest),
        _ => {
            return Err(Error::invalid(
                "rpc",
                format!("'{url}' is not an http:// or https:// URL"),
            ));
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(Error::invalid(
            "rpc",
            "the node URL must not hold credentials (user:password@): \
             use --rpc-cookie, or --rpc-user and --rpc-password-file",
        ));
    }
    let host = if authority.starts_with('[') {
        authority
            .find(']')
            .map_or(authority, |end| &authority[..=end])
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(Error::invalid("rpc", format!("'{url}' names no host")));
    }
    if wire == Wire::LocalHttp && !is_loopback(host) {
        return Err(Error::invalid(
            "rpc",
            format!(
                "refusing to send the node's credentials in clear to {host}: http:// is only \
                 for a node on this machine (127.0.0.1, localhost, [::1]); use https:// \
                 (a TLS proxy in front of the node) or an SSH tunnel to 127.0.0.1"
            ),
        ));
    }
    Ok(wire)
}

/// Why a request over TLS failed (the transport error of [`TlsTransport`]).
#[derive(Debug)]
enum TlsError {
    /// The node answered with this HTTP status and no JSON-RPC document.
    Status(u16, String),
    /// The answer was not JSON-RPC.
    Json(String),
    /// The connection (direct or through a SOCKS5 proxy), its TLS handshake or the
    /// exchange failed: the error as coffer reports it.
    Backend(String),
}

impl std::fmt::Display for TlsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TlsError::Status(code, reason) => write!(f, "HTTP {code} {reason}"),
            TlsError::Json(e) => write!(f, "an answer that is not JSON-RPC: {e}"),
            TlsError::Backend(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for TlsError {}

impl TlsError {
    fn to_error(&self) -> Error {
        match self {
            TlsError::Status(401 | 403, _) => Error::BackendAuth(WRONG_CREDENTIALS.into()),
            TlsError::Status(code @ 300..=399, reason) => Error::Backend(format!(
                "the Bitcoin node answered HTTP {code} {reason}: a redirect, which coffer \
                 does not follow (set the URL it points to)"
            )),
            TlsError::Status(code, reason) => {
                Error::Backend(format!("the Bitcoin node answered HTTP {code} {reason}"))
            }
            TlsError::Json(e) => Error::Backend(format!(
                "the Bitcoin node answered something that is not JSON-RPC: {e}"
            )),
            TlsError::Backend(e) => Error::Backend(e.clone()),
        }
    }
}

/// How a failed TLS handshake with the node (`what`: "the Bitcoin node at URL") is told:
/// nothing was sent, and why the connection is not trusted.
fn handshake_failed(what: &str, io: &std::io::Error) -> Error {
    let Some(e) = tls_failure(io) else {
        return Error::Backend(format!("cannot reach {what}: {io}"));
    };
    let why = match e {
        rustls::Error::InvalidCertificate(_) => {
            "its certificate must be issued for that host by a CA this machine \
             trusts, or by one named by SSL_CERT_FILE"
        }
        rustls::Error::InvalidMessage(_)
        | rustls::Error::InappropriateMessage { .. }
        | rustls::Error::InappropriateHandshakeMessage { .. } => {
            "it does not speak TLS: a node without a TLS proxy in front is only \
             reached with http:// on its own machine"
        }
        _ => "the TLS handshake failed",
    };
    Error::Backend(format!(
        "no trusted TLS connection to {what}: {e}; nothing was sent ({why})"
    ))
}

/// The TLS error (rustls) behind an I/O error of a TLS connection, if that is what it is.
fn tls_failure(io: &std::io::Error) -> Option<&rustls::Error> {
    io.get_ref()?.downcast_ref::<rustls::Error>()
}

/// JSON-RPC over HTTPS (certificates verified against the platform's trusted CAs), or
/// over HTTP(S) through a SOCKS5 proxy, on one kept-alive connection
/// ([`crate::chain::net::Http`]): a sync of hundreds of calls makes one TLS handshake,
/// not hundreds. Redirects are not followed: they would carry the credentials elsewhere.
struct TlsTransport {
    url: String,
    /// How the node is named in errors: "the Bitcoin node at URL".
    what: String,
    /// The connection (through the route's SOCKS5 proxy, if any), kept between calls.
    http: crate::chain::net::Http,
    /// The `Authorization` header (`Basic …`): a secret, never formatted.
    authorization: Option<secrecy::SecretString>,
}

impl TlsTransport {
    /// POSTs `body`; `idempotent`: it may be sent again when a kept connection turns
    /// out closed (not a broadcast).
    fn post<R: serde::de::DeserializeOwned>(
        &self,
        body: &impl Serialize,
        idempotent: bool,
    ) -> Result<R, TlsError> {
        let body = serde_json::to_vec(body).map_err(|e| TlsError::Json(e.to_string()))?;
        let auth = self
            .authorization
            .as_ref()
            .map(secrecy::ExposeSecret::expose_secret);
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let a = self
            .http
            .request(
                "POST",
                &self.url,
                &headers,
                Some(&body),
                idempotent,
                &self.what,
            )
            .map_err(|e| {
                TlsError::Backend(match e {
                    Error::Backend(m) => m,
                    e => e.to_string(),
                })
            })?;
        if a.status == 401 || a.status == 403 || (300..400).contains(&a.status) {
            return Err(TlsError::Status(a.status, a.reason));
        }
        // Bitcoin Core answers an RPC error with a JSON body and HTTP 404/500.
        match serde_json::from_slice(&a.body) {
            Ok(v) => Ok(v),
            Err(_) if a.status != 200 => Err(TlsError::Status(a.status, a.reason)),
            Err(e) => Err(TlsError::Json(e.to_string())),
        }
    }
}

/// Whether a node call changes something when asked twice (a broadcast): never sent again
/// on a new connection once written.
fn sends(method: &str) -> bool {
    matches!(
        method,
        "sendrawtransaction" | "submitpackage" | "sendtoaddress" | "sendmany" | "send"
    )
}

impl bitcoincore_rpc::jsonrpc::Transport for TlsTransport {
    fn send_request(
        &self,
        r: bitcoincore_rpc::jsonrpc::Request,
    ) -> std::result::Result<bitcoincore_rpc::jsonrpc::Response, bitcoincore_rpc::jsonrpc::Error>
    {
        let idempotent = !sends(r.method);
        self.post(&r, idempotent)
            .map_err(|e| bitcoincore_rpc::jsonrpc::Error::Transport(Box::new(e)))
    }

    fn send_batch(
        &self,
        rs: &[bitcoincore_rpc::jsonrpc::Request],
    ) -> std::result::Result<Vec<bitcoincore_rpc::jsonrpc::Response>, bitcoincore_rpc::jsonrpc::Error>
    {
        let idempotent = !rs.iter().any(|r| sends(r.method));
        self.post(&rs, idempotent)
            .map_err(|e| bitcoincore_rpc::jsonrpc::Error::Transport(Box::new(e)))
    }

    fn fmt_target(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url)
    }
}

/// A client of the node at `url`, checked: it answers, on the chain of `network`. The
/// URL is checked first ([`wire`]): `https://` always speaks TLS, `http://` only
/// reaches this machine. Through `route`'s SOCKS5 proxy when it has one.
pub fn connect(
    url: &str,
    route: &crate::chain::net::Route,
    auth: &RpcAuth,
    network: Network,
) -> Result<(Client, NodeInfo)> {
    let wire = wire(url)?;
    let auth = match auth {
        RpcAuth::Cookie(p) => Auth::CookieFile(p.clone()),
        RpcAuth::UserPass(u, p) => Auth::UserPass(u.clone(), p.clone()),
    };
    let (user, pass) = auth.get_user_pass().map_err(node_error)?;
    let timeout = crate::chain::eth::rpc::timeout();
    let client = match wire {
        Wire::LocalHttp if route.proxy.is_none() => {
            let transport = bitcoincore_rpc::jsonrpc::simple_http::SimpleHttpTransport::builder()
                .url(url)
                .map_err(|e| Error::invalid("rpc", format!("not a usable node URL: {e}")))?
                .timeout(std::time::Duration::from_secs(timeout));
            let transport = match user {
                Some(u) => transport.auth(u, pass),
                None => transport,
            };
            bitcoincore_rpc::jsonrpc::Client::with_transport(transport.build())
        }
        Wire::Tls | Wire::LocalHttp => {
            use base64::Engine as _;
            let authorization = user.map(|u| {
                let mut plain = zeroize::Zeroizing::new(u);
                plain.push(':');
                plain.push_str(pass.as_deref().unwrap_or_default());
                let encoded = zeroize::Zeroizing::new(
                    base64::engine::general_purpose::STANDARD.encode(plain.as_bytes()),
                );
                secrecy::SecretString::from(format!("Basic {}", encoded.as_str()))
            });
            let http = crate::chain::net::Http::new(
                route.proxy.as_deref(),
                std::time::Duration::from_secs(timeout),
            )
            .with_tls(route.cert_sha256.as_deref(), Some(handshake_failed));
            bitcoincore_rpc::jsonrpc::Client::with_transport(TlsTransport {
                url: url.to_string(),
                what: format!("the Bitcoin node at {url}"),
                http,
                authorization,
            })
        }
    };
    let client = Client::from_jsonrpc(client);
    let t0 = std::time::Instant::now();
    let info = client.get_blockchain_info().map_err(node_error)?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    let chain = chain_name_of(&info.chain);
    if chain != chain_name(network) {
        return Err(Error::Backend(format!(
            "the node at {url} is on chain '{chain}', not {} ({})",
            network.name(),
            chain_name(network)
        )));
    }
    let version = client
        .get_network_info()
        .map(|n| n.subversion)
        .unwrap_or_default();
    Ok((
        client,
        NodeInfo {
            version,
            chain: chain.to_string(),
            height: info.blocks,
            initial_block_download: info.initial_block_download,
            rtt_ms,
        },
    ))
}

fn chain_name_of(n: &bitcoin::Network) -> &'static str {
    match n {
        bitcoin::Network::Bitcoin => "main",
        bitcoin::Network::Testnet => "test",
        bitcoin::Network::Testnet4 => "testnet4",
        bitcoin::Network::Signet => "signet",
        _ => "regtest",
    }
}

/// The first block whose time is at or after `time` (Unix seconds), or the tip's height
/// plus one when none is, by binary search over block times (which are not strictly
/// ordered: callers leave a margin).
pub fn first_block_at(client: &Client, time: i64) -> Result<u64> {
    let time_of = |h: u64| -> Result<i64> {
        let hash = client.get_block_hash(h).map_err(node_error)?;
        let header = client.get_block_header_info(&hash).map_err(node_error)?;
        Ok(header.time as i64)
    };
    let tip = client.get_block_count().map_err(node_error)?;
    let (mut lo, mut hi) = (0u64, tip + 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if time_of(mid)? < time {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_reaches_this_machine() {
        for url in [
            "http://127.0.0.1:8332",
            "http://127.0.0.1",
            "http://127.1.2.3:18443/wallet/x",
            "http://localhost:8332",
            "http://LOCALHOST.:8332",
            "http://[::1]:8332",
        ] {
            assert_eq!(wire(url).unwrap(), Wire::LocalHttp, "{url}");
        }
        for url in [
            "https://127.0.0.1:8332",
            "https://node.example.org",
            "https://192.168.1.10:443/",
            "https://[2001:db8::1]:8443",
        ] {
            assert_eq!(wire(url).unwrap(), Wire::Tls, "{url}");
        }
        for url in [
            "http://192.168.1.10:8332",
            "http://10.0.0.5",
            "http://node.example.org:8332",
            "http://localhost.example.org:8332",
            "http://127.0.0.1.nip.io:8332",
            "http://0.0.0.0:8332",
            "http://[2001:db8::1]:8332",
            "http://[::ffff:c0a8:10a]:8332",
            "http://:8332",
            "http://u:p@127.0.0.1:8332",
            "https://u:p@node.example.org",
            "http://127.0.0.1@node.example.org:8332",
            "ftp://127.0.0.1",
            "127.0.0.1:8332",
        ] {
            let e = wire(url).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{url}");
            assert!(!e.to_string().contains("u:p"), "{e}");
        }
    }
}
