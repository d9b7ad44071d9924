//! DNS, TCP and TLS for the probes, with their errors classified into the
//! core's [`Failure`] (never a driver's text that could carry a URL).

use crate::Failure as CliFailure;
use auditcfg_core::probe::{Failure, ServiceFacts, redact};
use rustls::pki_types::{CertificateDer, ServerName, pem::PemObject};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// What one probe found.
#[derive(Debug, Clone)]
pub(super) struct Outcome {
    pub connect_ms: Option<u64>,
    pub result: Result<ServiceFacts, Failure>,
}

impl Outcome {
    pub fn failed(connect_ms: Option<u64>, f: Failure) -> Self {
        Outcome {
            connect_ms,
            result: Err(f),
        }
    }
}

/// The TLS client configuration: ring, the system's roots and `--ca-file`.
pub(super) fn tls_config(ca_file: Option<&str>) -> Result<rustls::ClientConfig, CliFailure> {
    let mut roots = rustls::RootCertStore::empty();
    // The system's store may be missing or partly unreadable; the probe
    // then reports untrusted certificates, which is the truth on this host.
    let native = rustls_native_certs::load_native_certs();
    for cert in native.certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .map_err(|e| CliFailure(format!("--ca-file {path}: {e}")))?
            .collect::<Result<_, _>>()
            .map_err(|e| CliFailure(format!("--ca-file {path}: {e}")))?;
        if certs.is_empty() {
            return Err(CliFailure(format!(
                "--ca-file {path}: no certificate in it"
            )));
        }
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| CliFailure(format!("--ca-file {path}: {e}")))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CliFailure(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// Resolves and connects within `deadline`; returns the stream and the
/// time the TCP connection took.
pub(super) async fn connect(
    host: &str,
    port: u16,
    deadline: Instant,
    timeout: Duration,
) -> Result<(TcpStream, u64), Failure> {
    let left = || deadline.saturating_duration_since(Instant::now());
    let addrs: Vec<std::net::SocketAddr> =
        match tokio::time::timeout(left(), tokio::net::lookup_host((host, port))).await {
            Err(_) => return Err(Failure::Timeout(ms(timeout))),
            Ok(Err(e)) => return Err(Failure::Dns(io_reason(&e))),
            Ok(Ok(a)) => a.collect(),
        };
    if addrs.is_empty() {
        return Err(Failure::Dns("no address".into()));
    }
    let mut last = None;
    for addr in addrs {
        let start = Instant::now();
        match tokio::time::timeout(left(), TcpStream::connect(addr)).await {
            Err(_) => return Err(Failure::Timeout(ms(timeout))),
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                return Ok((stream, ms(start.elapsed())));
            }
            Ok(Err(e)) => last = Some(e),
        }
    }
    Err(Failure::Refused(
        last.map_or_else(|| "no address".into(), |e| io_reason(&e)),
    ))
}

/// A TLS handshake on a connected stream, verifying the certificate
/// against `host`.
pub(super) async fn tls(
    stream: TcpStream,
    host: &str,
    config: Arc<rustls::ClientConfig>,
) -> Result<TlsStream<TcpStream>, Failure> {
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| Failure::Other("the host is not a valid TLS server name".into()))?;
    TlsConnector::from(config)
        .connect(name, stream)
        .await
        .map_err(|e| classify_tls(&e))
}

/// Certificate problems apart from a peer that does not speak TLS.
pub(super) fn classify_tls(e: &std::io::Error) -> Failure {
    let tls = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    match tls {
        Some(rustls::Error::InvalidCertificate(c)) => Failure::Certificate(cert_reason(c)),
        Some(rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. }) => {
            Failure::TlsUnsupported
        }
        Some(other) => Failure::TlsHandshake(other.to_string()),
        None if matches!(
            e.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
        ) =>
        {
            Failure::TlsUnsupported
        }
        None => Failure::TlsHandshake(io_reason(e)),
    }
}

fn cert_reason(c: &rustls::CertificateError) -> String {
    use rustls::CertificateError as C;
    match c {
        C::UnknownIssuer => "not signed by a trusted authority (self-signed or unknown CA)".into(),
        C::Expired | C::ExpiredContext { .. } => "expired".into(),
        C::NotValidYet | C::NotValidYetContext { .. } => "not valid yet".into(),
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            "issued for another host name".into()
        }
        C::Revoked => "revoked".into(),
        other => format!("{other:?}"),
    }
}

/// An I/O error's reason without its OS decoration (never a URL).
pub(super) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => "connection refused".into(),
        K::ConnectionReset => "connection reset".into(),
        K::TimedOut => "timed out".into(),
        K::HostUnreachable => "host unreachable".into(),
        K::NetworkUnreachable => "network unreachable".into(),
        K::AddrNotAvailable => "address not available".into(),
        K::UnexpectedEof => "the server closed the connection".into(),
        _ => redact(&e.to_string(), &[]),
    }
}

pub(super) fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Host and port of a URL (IPv6 brackets removed for DNS).
pub(super) fn host_port(url: &url::Url, default: u16) -> Option<(String, u16)> {
    let host = match url.host()? {
        url::Host::Ipv6(a) => a.to_string(),
        other => other.to_string(),
    };
    Some((host, url.port().unwrap_or(default)))
}
