//! `auditcfg probe FILE [--env ENV] [--env-vars] [--format human|json|sarif]
//! [--timeout MS] [--only postgres|redis] [--instances N] [--ca-file PEM]`
//!
//! Connects, read-only, to every PostgreSQL and Redis the config names and
//! reports what the live services say about the config, as `AC4xx`
//! diagnostics rendered like `validate`'s. The knowledge (which URLs, which
//! timeouts, what the facts mean) is in `auditcfg_core::probe`; this module
//! only gathers facts:
//! - `net.rs`: DNS, TCP with the connect timeout, TLS (rustls with the
//!   system's roots and `--ca-file`), error classification;
//! - `pg.rs`: PostgreSQL through `tokio-postgres` (`SELECT` from
//!   `pg_settings`, `pg_is_in_recovery()`, `pg_control_system()` only);
//! - `resp.rs`: a minimal Redis client that can only send `AUTH`, `PING`,
//!   `INFO` and `CONFIG GET` (the type has no other command).
//!
//! Every service is probed concurrently on one current-thread runtime;
//! identical targets (same URL, TLS and timeout, e.g. `database.url` and
//! the pool's URL) are probed once.

mod net;
mod pg;
mod resp;

use super::diff::stderr_line;
use crate::render::{self, FileReport};
use crate::{Failure, Outcome, io};
use auditcfg_core::crypto::{self, FileKind, FileParams, METADATA_KEY};
use auditcfg_core::overlay::{ENV_VARS, apply_env};
use auditcfg_core::probe::{self, Probed, Service, Target};
use auditcfg_core::validate::Report;
use auditcfg_core::{Counts, Document, Environment};
use clap::ValueEnum;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Only {
    Postgres,
    Redis,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The config (JSON or TOML; field-sealed or encrypted files are opened with the password).
    file: String,
    /// Judge as this environment instead of the document's own.
    #[arg(long, value_parser = super::parse_env)]
    env: Option<Environment>,
    /// Apply the contract's environment variables (REDIS_URL, AUDIT_DB_URL...) first, as the server does.
    #[arg(long)]
    env_vars: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Upper bound, in milliseconds, on every connect timeout of the config.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    timeout: u64,
    /// Probe only PostgreSQL or only Redis.
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// Server instances that share the databases (multiplies the pools).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    instances: u32,
    /// Also trust the certificate authorities in this PEM file.
    #[arg(long)]
    ca_file: Option<String>,
    /// Environment variable holding the password of sealed or encrypted configs (else: prompt).
    #[arg(long, default_value = "AUDIT_CONFIG_PASSWORD")]
    password_env: String,
}

pub(crate) fn run(args: &Args, color: bool) -> Result<Outcome, Failure> {
    let (name, raw) = io::read_text(&args.file)?;
    let text = open_file(&name, raw, &args.password_env)?;
    let parse = Document::parse(&text, None);
    let Some(doc) = parse.document else {
        return Err(Failure(render::first_error(
            &name,
            &text,
            &parse.diagnostics,
        )));
    };
    let mut value = doc.value().clone();
    if value.get(METADATA_KEY).is_some() {
        let pw = super::crypto::password_from(&args.password_env, false)?;
        value = crypto::open_fields(&value, &pw)?;
    }
    if args.env_vars {
        value = overlay(&value);
    }
    let only = args.only.map(|o| match o {
        Only::Postgres => Service::Postgres,
        Only::Redis => Service::Redis,
    });
    let targets = probe::targets(&value, only);
    let tls = Arc::new(net::tls_config(args.ca_file.as_deref())?);
    let probed = gather(&targets, Duration::from_millis(args.timeout), tls)?;
    for p in &probed {
        stderr_line(&format!("probe: {}", probe::describe(p)));
    }
    if targets.is_empty() {
        stderr_line("probe: the config names no PostgreSQL or Redis URL to probe");
    }
    let mut diagnostics = probe::diagnose(&value, args.env, args.instances, only, &probed);
    doc.place(&mut diagnostics);
    auditcfg_core::diagnostic::sort(&mut diagnostics);
    let environment = args.env.or_else(|| {
        value
            .get("environment")
            .and_then(serde_json::Value::as_str)
            .and_then(Environment::from_name)
    });
    let report = Report {
        format: doc.format(),
        environment,
        counts: Counts::of(&diagnostics),
        diagnostics,
    };
    // Human output masks the secrets of every quoted source line itself
    // (`syntax::redact`, as for `validate`).
    let files = [FileReport {
        name,
        text: doc.source().to_owned(),
        report,
        error: None,
    }];
    let output = match args.format {
        OutputFormat::Human => render::human::reports(&files, color),
        OutputFormat::Json => render::json::reports(&files)?,
        OutputFormat::Sarif => render::sarif::reports(&files)?,
    };
    io::out(&output)?;
    Ok(if files[0].report.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// A whole-file encrypted config is decrypted (its parameters embedded);
/// anything else is returned as it is.
fn open_file(name: &str, text: String, password_env: &str) -> Result<String, Failure> {
    match crypto::inspect_file(&text) {
        FileKind::Gcm(_) | FileKind::Cbc(_) => {
            let pw = super::crypto::password_from(password_env, false)?;
            let plain = crypto::decrypt_file(&text, &pw, &FileParams::default())?;
            Ok(plain.to_string())
        }
        FileKind::Kms => Err(Failure(format!(
            "{name} is a KMS-encrypted file: only the KMS service (Infisical) can decrypt it"
        ))),
        _ => Ok(text),
    }
}

fn overlay(value: &serde_json::Value) -> serde_json::Value {
    let vars: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| ENV_VARS.iter().any(|spec| spec.name == k))
        .collect();
    let env = apply_env(value, &vars);
    for applied in &env.applied {
        stderr_line(&format!(
            "env: {} → {}",
            applied.name,
            applied.paths.join(", ")
        ));
    }
    for name in &env.ignored {
        stderr_line(&format!(
            "env: {name} ignored (empty, or its path runs through a non-object)"
        ));
    }
    env.value
}

/// Probes every distinct target concurrently; returns one [`Probed`] per
/// target, in target order.
fn gather(
    targets: &[Target],
    cap: Duration,
    tls: Arc<rustls::ClientConfig>,
) -> Result<Vec<Probed>, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async move {
        let mut distinct: Vec<&Target> = Vec::new();
        for t in targets {
            if !distinct.iter().any(|d| d.probe_key() == t.probe_key()) {
                distinct.push(t);
            }
        }
        let mut set = tokio::task::JoinSet::new();
        for (i, t) in distinct.iter().enumerate() {
            let t = (*t).clone();
            let tls = tls.clone();
            let timeout = Duration::from_millis(t.connect_timeout_ms).min(cap);
            set.spawn(async move {
                let result = match t.service {
                    Service::Postgres => pg::probe(&t, timeout, tls).await,
                    Service::Redis => resp::probe(&t, timeout, tls).await,
                };
                (i, timeout, result)
            });
        }
        let mut results: Vec<Option<(Duration, net::Outcome)>> = vec![None; distinct.len()];
        while let Some(joined) = set.join_next().await {
            let (i, timeout, outcome) =
                joined.map_err(|e| Failure(format!("a probe task failed: {e}")))?;
            results[i] = Some((timeout, outcome));
        }
        Ok(targets
            .iter()
            .map(|t| {
                let i = distinct
                    .iter()
                    .position(|d| d.probe_key() == t.probe_key())
                    .unwrap_or_default();
                let (timeout, outcome) = results[i].clone().unwrap_or((
                    cap,
                    net::Outcome {
                        connect_ms: None,
                        result: Err(probe::Failure::Other("not probed".into())),
                    },
                ));
                Probed {
                    target: t.clone(),
                    timeout_ms: timeout.as_millis() as u64,
                    connect_ms: outcome.connect_ms,
                    result: outcome.result,
                }
            })
            .collect())
    })
}
