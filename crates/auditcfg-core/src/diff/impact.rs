//! What a change does to the running audit server: applied live, needs a
//! component restarted, or rotates a secret.
//!
//! - **Live** ([`Impact::HotReload`]): the contract's hot-reload list, with
//!   upstream's bug fixed (`circuitBreaker.*` and `deadLetter.*` name the
//!   real paths under `reliableProcessor`), plus the bookkeeping fields
//!   `version` and `lastUpdated` (nothing reads them at run time) and our
//!   field-encryption block (`$auditcfgEncryption`, which the server never
//!   sees).
//! - **Restart** ([`Impact::Restart`]): everything else, attributed to the
//!   component owning the path (see [`component`]). A change of the
//!   top-level `environment` restarts the whole `server` (it switches the
//!   environment's policies), as do unknown top-level sections; a change
//!   spanning several components (all of `/enhancedClient` replaced) is
//!   attributed to the one owning its path (`database client`, which owns
//!   the pool and the query cache).
//! - **Secret** ([`Impact::SecretChanged`]): a change touching a secret
//!   (per [`crate::secrets`]) or a sealed field-level ciphertext (a string
//!   starting with `enc:v1:`). Secrets are read at start-up, so the
//!   component named there restarts too.
//! - A **connection URL** (a secret of kind [`SecretKind::Url`]:
//!   `redis.url`, `database.url`, the pool's, `server.auth.dbUrl`/`redisUrl`)
//!   whose masked form changed (another scheme, host, port, database or
//!   option) is a [`Impact::Restart`] of its component: the server connects
//!   elsewhere. It is shown masked (credentials `***`), with fingerprints.
//!   Only a change of the credentials inside it is a secret change.
//!
//! A change to a whole subtree (an added section, an object replaced by a
//! scalar) is judged leaf by leaf, which fixes upstream's "a parent object
//! is never hot-reloadable": the change is a secret change if any leaf is a
//! secret, a restart if any leaf is not hot-reloadable, live otherwise.

use crate::base::sealed::{METADATA_KEY, SEALED_PREFIX};
use crate::pointer;
use crate::secrets::{self, SecretKind};
use serde::Serialize;
use serde_json::Value;

/// What applying a change does to the running server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Impact {
    /// Applied live (hot reload); nothing restarts.
    HotReload,
    /// The component must restart to pick the change up.
    Restart {
        /// `redis`, `database`, `database pool`, `query cache`,
        /// `database client`, `server`, `worker`, `monitoring`,
        /// `observability`, `compliance`, `archive` or `logging`.
        component: &'static str,
    },
    /// A secret changed (values are masked in every output, fingerprints
    /// tell old and new apart). The component restarts to read it.
    SecretChanged {
        /// The component that reads the secret.
        component: &'static str,
    },
}

impl Impact {
    /// The component that restarts, if any.
    pub fn component(&self) -> Option<&'static str> {
        match self {
            Impact::HotReload => None,
            Impact::Restart { component } | Impact::SecretChanged { component } => Some(component),
        }
    }
}

/// The paths upstream reloads live, with its `circuitBreaker.*` and
/// `deadLetter.*` names corrected, plus `version` and `lastUpdated`.
pub const HOT_RELOAD_PATHS: &[&str] = &[
    "/worker/concurrency",
    "/monitoring/metricsInterval",
    "/monitoring/alertThresholds/errorRate",
    "/monitoring/alertThresholds/processingLatency",
    "/monitoring/alertThresholds/queueDepth",
    "/monitoring/alertThresholds/memoryUsage",
    "/monitoring/healthCheckInterval",
    "/retry/maxRetries",
    "/retry/baseDelay",
    "/retry/maxDelay",
    "/reliableProcessor/circuitBreakerConfig/failureThreshold",
    "/reliableProcessor/circuitBreakerConfig/recoveryTimeout",
    "/reliableProcessor/deadLetterConfig/alertThreshold",
    "/logging/level",
    "/compliance/reportingSchedule/enabled",
    "/compliance/reportingSchedule/frequency",
    // Bookkeeping: nothing reads them at run time.
    "/version",
    "/lastUpdated",
];

/// Is a change at `pointer` (a leaf) applied live?
pub fn is_hot_reload(pointer: &str) -> bool {
    HOT_RELOAD_PATHS.contains(&pointer) || in_metadata_block(pointer)
}

/// Is `pointer` inside our field-encryption block (`/$auditcfgEncryption`)?
fn in_metadata_block(pointer: &str) -> bool {
    pointer
        .strip_prefix('/')
        .and_then(|rest| rest.strip_prefix(METADATA_KEY))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The component that restarts when the value at `pointer` changes,
/// from the path's first tokens. `environment` and unknown top-level
/// sections are attributed to the whole `server`, as is the document root.
pub fn component(pointer: &str) -> &'static str {
    // Raw tokens: an escaped token (`~0`, `~1`) never equals these names,
    // so there is nothing to unescape.
    // Bytes, not a `char` searcher: this runs for every change.
    let mut tokens = pointer.as_bytes().split(|&b| b == b'/').skip(1);
    let first = tokens.next();
    let second = tokens.next();
    component_of(first, second)
}

/// [`component`] from the path's first two tokens, raw or unescaped (no
/// component's name has a `~` or a `/`, so both read the same).
pub(crate) fn component_of(first: Option<&[u8]>, second: Option<&[u8]>) -> &'static str {
    match first {
        Some(b"redis") => "redis",
        Some(b"database") => "database",
        Some(b"enhancedClient") => match second {
            Some(b"connectionPool") => "database pool",
            Some(b"queryCacheFactory") => "query cache",
            _ => "database client",
        },
        Some(b"worker" | b"reliableProcessor" | b"retry") => "worker",
        Some(b"monitoring") => "monitoring",
        Some(b"observability") => "observability",
        Some(b"compliance") => "compliance",
        Some(b"archive") => "archive",
        Some(b"logging") => "logging",
        Some(b"version" | b"lastUpdated") => "metadata",
        Some(k) if k == METADATA_KEY.as_bytes() => "metadata",
        // server, security, validation, environment, unknown sections, root.
        _ => "server",
    }
}

/// Is this a sealed field-level ciphertext (`enc:v1:…`)?
pub fn is_sealed_string(v: &Value) -> bool {
    matches!(v, Value::String(s) if s.starts_with(SEALED_PREFIX))
}

/// Is the value at `pointer` itself a secret (by path, or as a sealed
/// ciphertext)?
pub fn is_secret_value(pointer: &str, v: &Value) -> bool {
    secrets::is_secret_value(pointer, v) || is_sealed_string(v)
}

/// Walks the leaves of `v` (scalars, and empty objects and arrays) with
/// their pointers; `path` is restored on return.
pub(crate) fn for_each_leaf(v: &Value, path: &mut String, f: &mut impl FnMut(&str, &Value)) {
    let len = path.len();
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, item) in map {
                pointer::push_into(path, k);
                for_each_leaf(item, path, f);
                path.truncate(len);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                pointer::push_index_into(path, i);
                for_each_leaf(item, path, f);
                path.truncate(len);
            }
        }
        _ => f(path, v),
    }
}

/// Does a change at a connection-URL secret path (kind
/// [`SecretKind::Url`]) change what the server connects to, not only the
/// credentials in it? Compares the masked forms; an added or removed URL,
/// or one that is not a string, counts as a change. A sealed ciphertext on
/// either side does not (its content is unknown: a secret change).
pub fn url_target_changed(pointer: &str, before: Option<&Value>, after: Option<&Value>) -> bool {
    let kind = secrets::secret_kind(pointer);
    if kind != Some(SecretKind::Url) {
        return false;
    }
    let masked = |v: Option<&Value>| match v {
        Some(v @ Value::String(s)) if !is_sealed_string(v) => Some(secrets::mask_url(s)),
        _ => None,
    };
    let (a, b) = (masked(before), masked(after));
    masked_url_target_changed(kind, before, a.as_deref(), after, b.as_deref())
}

/// [`url_target_changed`] for a leaf whose secret kind is `kind` and whose
/// URL strings are already masked (`masked_*`: [`secrets::mask_url`] of a
/// string side that is not sealed, else `None`), so that the diff parses
/// each URL once for showing it and for this check.
pub(crate) fn masked_url_target_changed(
    kind: Option<SecretKind>,
    before: Option<&Value>,
    masked_before: Option<&str>,
    after: Option<&Value>,
    masked_after: Option<&str>,
) -> bool {
    if kind != Some(SecretKind::Url) {
        return false;
    }
    fn side<'m>(v: Option<&Value>, masked: Option<&'m str>) -> Option<Option<&'m str>> {
        match v {
            Some(v) if is_sealed_string(v) => None,
            Some(Value::String(_)) => Some(masked),
            Some(_) | None => Some(None),
        }
    }
    match (side(before, masked_before), side(after, masked_after)) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

/// The pointers of the secret leaves in `v` (found at `at`).
pub fn secret_leaves(at: &str, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = at.to_owned();
    for_each_leaf(v, &mut path, &mut |p, leaf| {
        if is_secret_value(p, leaf) {
            out.push(p.to_owned());
        }
    });
    out
}

/// The impact of a change at `pointer` from `before` to `after` (either may
/// be absent), judged over every leaf of both sides.
pub fn impact_of(pointer: &str, before: Option<&Value>, after: Option<&Value>) -> Impact {
    let mut secret = false;
    let mut restart = false;
    let mut path = String::with_capacity(pointer.len() + 32);
    for side in [before, after].into_iter().flatten() {
        path.clear();
        path.push_str(pointer);
        for_each_leaf(side, &mut path, &mut |p, leaf| {
            // A connection URL inside an added or removed subtree is a
            // place to connect to: a restart (shown masked), not a secret.
            let url_inside = p != pointer
                && !is_sealed_string(leaf)
                && leaf.is_string()
                && secrets::secret_kind(p) == Some(SecretKind::Url);
            secret |= is_secret_value(p, leaf) && !url_inside;
            restart |= !is_hot_reload(p);
        });
    }
    // The URL itself changed: another target is a restart.
    let scalar = |v: Option<&Value>| !matches!(v, Some(Value::Object(_) | Value::Array(_)));
    if secret && scalar(before) && scalar(after) && url_target_changed(pointer, before, after) {
        secret = false;
    }
    let component = component(pointer);
    if secret {
        Impact::SecretChanged { component }
    } else if restart {
        Impact::Restart { component }
    } else {
        Impact::HotReload
    }
}

/// A copy of `v` (found at `at`) fit to show: secrets masked as
/// [`crate::secrets::mask_value_at`] does, and sealed ciphertexts replaced
/// by [`secrets::MASK`] too.
pub fn mask_for_display(at: &str, v: &Value) -> Value {
    let mut masked = secrets::mask_value_at(v, at);
    mask_sealed(&mut masked);
    masked
}

fn mask_sealed(v: &mut Value) {
    match v {
        Value::String(_) if is_sealed_string(v) => *v = Value::String(secrets::MASK.to_owned()),
        Value::Array(items) => items.iter_mut().for_each(mask_sealed),
        Value::Object(map) => map.values_mut().for_each(mask_sealed),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn components_by_prefix() {
        assert_eq!(component("/redis/url"), "redis");
        assert_eq!(
            component("/enhancedClient/connectionPool/maxConnections"),
            "database pool"
        );
        assert_eq!(
            component("/enhancedClient/queryCacheFactory/type"),
            "query cache"
        );
        assert_eq!(
            component("/enhancedClient/replication/enabled"),
            "database client"
        );
        assert_eq!(component("/enhancedClient"), "database client");
        assert_eq!(component("/retry/jitter"), "worker");
        assert_eq!(component("/reliableProcessor/queueName"), "worker");
        assert_eq!(component("/security/hashAlgorithm"), "server");
        assert_eq!(component("/validation/maxEventSize"), "server");
        assert_eq!(component("/environment"), "server");
        assert_eq!(component("/somethingNew/x"), "server");
        assert_eq!(component(""), "server");
    }

    #[test]
    fn hot_reload_list_uses_real_paths() {
        assert!(is_hot_reload(
            "/reliableProcessor/circuitBreakerConfig/failureThreshold"
        ));
        assert!(is_hot_reload(
            "/reliableProcessor/deadLetterConfig/alertThreshold"
        ));
        assert!(!is_hot_reload("/circuitBreaker/failureThreshold"));
        assert!(!is_hot_reload(
            "/reliableProcessor/deadLetterConfig/queueName"
        ));
        assert!(is_hot_reload("/$auditcfgEncryption/mac"));
    }

    #[test]
    fn subtrees_are_judged_leaf_by_leaf() {
        let live = json!({"errorRate": 0.1, "queueDepth": 100});
        assert_eq!(
            impact_of("/monitoring/alertThresholds", None, Some(&live)),
            Impact::HotReload
        );
        let mixed = json!({"maxRetries": 3, "backoffStrategy": "fixed"});
        assert_eq!(
            impact_of("/retry", Some(&mixed), None),
            Impact::Restart {
                component: "worker"
            }
        );
        let smtp = json!({"host": "h", "pass": "p"});
        assert_eq!(
            impact_of("/server/externalServices/smtp", None, Some(&smtp)),
            Impact::SecretChanged {
                component: "server"
            }
        );
        let sealed = json!("enc:v1:AAAA");
        assert_eq!(
            impact_of("/worker/concurrency", None, Some(&sealed)),
            Impact::SecretChanged {
                component: "worker"
            }
        );
    }

    #[test]
    fn display_masks_sealed_values_and_secrets() {
        let v = json!({"a": "enc:v1:xyz", "password": "hunter2", "b": ["enc:v1:q"]});
        let m = mask_for_display("/x", &v).to_string();
        assert!(
            !m.contains("xyz") && !m.contains("hunter2") && !m.contains("enc:v1"),
            "{m}"
        );
    }
}
