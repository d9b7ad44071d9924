//! PostgreSQL facts through `tokio-postgres`, read-only: the SSL request,
//! a login, then `SELECT`s from `pg_settings`, `pg_extension`,
//! `pg_stat_statements` (`LIMIT 1`), `pg_is_in_recovery()`,
//! `pg_postmaster_start_time()` and `pg_control_system()`. Nothing else
//! is ever sent.
//!
//! TLS is negotiated here, not by the driver: the probe sends the SSL
//! request itself (so it learns whether the server offers TLS even when
//! the config does not use it), does the rustls handshake, and hands the
//! encrypted stream to `connect_raw` with TLS off.

use super::net::{self, Outcome};
use auditcfg_core::probe::{Failure, PgFacts, ServiceFacts, Target, redact};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, NoTls};

/// The SSLRequest message: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

const SETTINGS: &[&str] = &[
    "server_version",
    "max_connections",
    "superuser_reserved_connections",
    "reserved_connections",
    "statement_timeout",
    "log_min_duration_statement",
    "shared_preload_libraries",
];

pub(super) async fn probe(
    t: &Target,
    timeout: Duration,
    tls: Arc<rustls::ClientConfig>,
) -> Outcome {
    let deadline = Instant::now() + timeout;
    let urls = [t.url.as_str()];
    let Ok(url) = url::Url::parse(&t.url) else {
        return Outcome::failed(None, Failure::Other("the URL does not parse".into()));
    };
    let Some((host, port)) = net::host_port(&url, 5432) else {
        return Outcome::failed(None, Failure::Other("the URL has no host".into()));
    };
    // TLS is the probe's business (see the module doc): the URL's TLS
    // options (libpq's `verify-full`, `sslrootcert`, ... which the driver
    // does not know) are dropped before the driver reads the rest.
    let mut for_driver = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("ssl"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for_driver.set_query(None);
    if !kept.is_empty() {
        for_driver.query_pairs_mut().extend_pairs(kept);
    }
    let mut config = match tokio_postgres::Config::from_str(for_driver.as_str()) {
        Ok(c) => c,
        Err(e) => {
            return Outcome::failed(
                None,
                Failure::Other(format!(
                    "the URL is not a PostgreSQL URL the probe understands: {}",
                    redact(&e.to_string(), &urls)
                )),
            );
        }
    };
    if config.get_user().is_none() {
        // libpq and node-postgres default to the operating system's user.
        if let Ok(user) = std::env::var("PGUSER").or_else(|_| std::env::var("USER")) {
            config.user(user);
        }
    }
    config.application_name("auditcfg-probe");
    config.ssl_mode(tokio_postgres::config::SslMode::Disable);

    let (stream, connect_ms) = match net::connect(&host, port, deadline, timeout).await {
        Ok(s) => s,
        Err(f) => return Outcome::failed(None, f),
    };
    let left = || deadline.saturating_duration_since(Instant::now());
    let session = async {
        let mut stream = stream;
        let server_ssl = ssl_request(&mut stream).await?;
        let client = if t.tls {
            if !server_ssl {
                return Err(Failure::TlsUnsupported);
            }
            let s = net::tls(stream, &host, tls).await?;
            login(&config, s, &urls).await?
        } else if server_ssl {
            // The server said yes to TLS on this connection; start over
            // in clear text, as the config asks.
            drop(stream);
            let (plain, _) = net::connect(&host, port, deadline, timeout).await?;
            login(&config, plain, &urls).await?
        } else {
            login(&config, stream, &urls).await?
        };
        Ok((client, server_ssl))
    };
    let (client, server_ssl) = match tokio::time::timeout(left(), session).await {
        Err(_) => return Outcome::failed(Some(connect_ms), Failure::Timeout(net::ms(timeout))),
        Ok(Err(f)) => return Outcome::failed(Some(connect_ms), f),
        Ok(Ok(c)) => c,
    };
    let mut facts = PgFacts {
        server_ssl: Some(server_ssl),
        tls_used: t.tls,
        ..PgFacts::default()
    };
    // Queries get their own budget: the connect timeout again.
    let queries = read_facts(&client, &mut facts);
    if tokio::time::timeout(timeout, queries).await.is_err() {
        return Outcome::failed(
            Some(connect_ms),
            Failure::Other(format!(
                "no answer to read-only queries within {} ms",
                net::ms(timeout)
            )),
        );
    }
    Outcome {
        connect_ms: Some(connect_ms),
        result: Ok(ServiceFacts::Postgres(facts)),
    }
}

/// Sends the SSL request; `true` when the server offers TLS.
async fn ssl_request<S: AsyncRead + AsyncWrite + Unpin>(s: &mut S) -> Result<bool, Failure> {
    s.write_all(&SSL_REQUEST)
        .await
        .map_err(|e| Failure::Refused(net::io_reason(&e)))?;
    let mut answer = [0u8; 1];
    s.read_exact(&mut answer).await.map_err(|_| {
        Failure::Other("no answer to the SSL request: not a PostgreSQL server".into())
    })?;
    match answer[0] {
        b'S' => Ok(true),
        b'N' => Ok(false),
        _ => Err(Failure::Other(
            "unexpected answer to the SSL request: not a PostgreSQL server".into(),
        )),
    }
}

async fn login<S>(
    config: &tokio_postgres::Config,
    stream: S,
    urls: &[&str],
) -> Result<Client, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (client, connection) = config
        .connect_raw(stream, NoTls)
        .await
        .map_err(|e| classify(&e, urls))?;
    tokio::spawn(async move {
        // Ends when the client is dropped; its error was seen by a query.
        let _ = connection.await;
    });
    Ok(client)
}

fn classify(e: &tokio_postgres::Error, urls: &[&str]) -> Failure {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD {
            Failure::AuthRejected
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            Failure::NoHbaEntry
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            Failure::DatabaseMissing
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            Failure::TooManyConnections
        } else {
            Failure::Other(format!("{}: {}", code.code(), redact(db.message(), urls)))
        };
    }
    let text = e.to_string();
    // tokio-postgres has no public error kind: its configuration error for
    // a password the server asks for and the URL lacks reads so.
    if text.contains("password missing") {
        return Failure::AuthRequired;
    }
    if let Some(io) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<std::io::Error>())
    {
        return Failure::Other(format!("connection lost: {}", net::io_reason(io)));
    }
    Failure::Other(redact(&text, urls))
}

async fn read_facts(client: &Client, f: &mut PgFacts) {
    if let Ok(rows) = client
        .query(
            "SELECT name, setting FROM pg_catalog.pg_settings WHERE name = ANY($1)",
            &[&SETTINGS],
        )
        .await
    {
        for row in rows {
            let (Ok(name), Ok(setting)) =
                (row.try_get::<_, String>(0), row.try_get::<_, String>(1))
            else {
                continue;
            };
            match name.as_str() {
                "server_version" => f.version = Some(setting),
                "max_connections" => f.max_connections = setting.parse().ok(),
                "superuser_reserved_connections" => {
                    f.superuser_reserved_connections = setting.parse().ok();
                }
                "reserved_connections" => f.reserved_connections = setting.parse().ok(),
                // Both in milliseconds in pg_settings.
                "statement_timeout" => f.statement_timeout_ms = setting.parse().ok(),
                "log_min_duration_statement" => {
                    f.log_min_duration_statement_ms = setting.parse().ok();
                }
                "shared_preload_libraries" => {
                    f.shared_preload_libraries = Some(
                        setting
                            .split(',')
                            .map(|s| s.trim().trim_matches('"').to_owned())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    );
                }
                _ => {}
            }
        }
    }
    if let Ok(row) = client
        .query_one(
            "SELECT pg_catalog.pg_is_in_recovery(), pg_catalog.pg_postmaster_start_time()::text",
            &[],
        )
        .await
    {
        f.in_recovery = row.try_get(0).ok();
        f.postmaster_start = row.try_get(1).ok();
    }
    // Readable when the library is preloaded and the extension created
    // here: what the enhanced client's monitoring needs.
    if let Ok(row) = client
        .query_one(
            "SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements'",
            &[],
        )
        .await
    {
        let created = row.try_get::<_, i64>(0).is_ok_and(|n| n > 0);
        f.pg_stat_statements = Some(
            created
                && client
                    .simple_query("SELECT 1 FROM pg_stat_statements LIMIT 1")
                    .await
                    .is_ok(),
        );
    }
    // Needs privileges (superuser or pg_monitor on recent versions).
    if let Ok(row) = client
        .query_one(
            "SELECT system_identifier::text FROM pg_catalog.pg_control_system()",
            &[],
        )
        .await
    {
        f.system_identifier = row.try_get(0).ok();
    }
}
