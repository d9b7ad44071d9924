//! Layering configs: a base with overlays on top, and the environment
//! variables the upstream factory reads.
//!
//! [`merge`] is a deep merge, **not** a merge patch: objects merge member
//! by member, arrays and scalars replace, and `null` in an overlay **sets**
//! the member to `null` (a merge patch would delete it; an overlay cannot
//! delete). Key order: the base's members stay where they are, new ones
//! follow in the overlay's order.
//!
//! [`apply_env`] applies the contract's variables (see [`ENV_VARS`]) to a
//! value. It is pure: the caller passes the variables (the CLI passes the
//! process environment, a browser passes none). The result says which
//! variables took effect and where, by **name and path only**: many of
//! them are secrets.

use crate::pointer;
use serde::Serialize;
use serde_json::{Map, Value};

/// `overlay` on top of `base`: objects merge recursively, arrays and
/// scalars replace, `null` sets `null`.
pub fn merge(base: &Value, overlay: &Value) -> Value {
    let mut out = base.clone();
    merge_into(&mut out, overlay);
    out
}

fn merge_into(target: &mut Value, overlay: &Value) {
    match (target, overlay) {
        (Value::Object(t), Value::Object(o)) => {
            for (k, v) in o {
                match t.get_mut(k.as_str()) {
                    Some(slot) => merge_into(slot, v),
                    None => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (target, overlay) => *target = overlay.clone(),
    }
}

/// Where one environment variable goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EnvVar {
    /// The variable's name.
    pub name: &'static str,
    /// The JSON Pointers it sets.
    pub paths: &'static [&'static str],
    /// A comma-separated list (trimmed, empty entries dropped) rather than
    /// a string.
    pub list: bool,
}

const fn var(name: &'static str, paths: &'static [&'static str]) -> EnvVar {
    EnvVar {
        name,
        paths,
        list: false,
    }
}

/// The variables the upstream factory reads, and where they go.
///
/// - `AUDIT_DB_URL` sets both the database URL and the enhanced client's
///   pool URL (upstream's factory feeds both from it).
/// - `AUDIT_DB_READ_REPLICA_URL_1`/`_2` set read replicas 0 and 1; when
///   the list is shorter, the URL is appended (the path reported is where
///   it landed).
/// - `OTLP_API_KEY` sets the `x-api-key` header of the OTLP log transport,
///   `OTLP_AUTH_HEADER` its `Authorization` header (our choice: these are
///   the headers OTLP collectors expect for each).
/// - `COMPLIANCE_RECIPIENTS` is comma-separated.
pub const ENV_VARS: &[EnvVar] = &[
    var("REDIS_URL", &["/redis/url"]),
    var(
        "AUDIT_DB_URL",
        &["/database/url", "/enhancedClient/connectionPool/url"],
    ),
    var(
        "AUDIT_DB_READ_REPLICA_URL_1",
        &["/enhancedClient/replication/readReplicas/0"],
    ),
    var(
        "AUDIT_DB_READ_REPLICA_URL_2",
        &["/enhancedClient/replication/readReplicas/1"],
    ),
    var("BETTER_AUTH_SECRET", &["/server/auth/sessionSecret"]),
    var("BETTER_AUTH_URL", &["/server/auth/betterAuthUrl"]),
    var("BETTER_AUTH_REDIS_URL", &["/server/auth/redisUrl"]),
    var("BETTER_AUTH_DB_URL", &["/server/auth/dbUrl"]),
    var("INNGEST_EVENT_KEY", &["/server/inngest/eventKey"]),
    var("INNGEST_SIGNING_KEY", &["/server/inngest/signingKey"]),
    var("INNGEST_BASE_URL", &["/server/inngest/baseUrl"]),
    var("NOTIFICATION_URL", &["/monitoring/notification/url"]),
    var(
        "NOTIFICATION_SECRET",
        &["/monitoring/notification/credentials/secret"],
    ),
    var(
        "OTLP_TRACES_ENDPOINT",
        &["/observability/tracing/exporterEndpoint"],
    ),
    var(
        "OTLP_METRICS_ENDPOINT",
        &["/observability/metrics/exporterEndpoint"],
    ),
    var("OTLP_LOGS_ENDPOINT", &["/logging/otlp/endpoint"]),
    var("OTLP_API_KEY", &["/logging/otlp/headers/x-api-key"]),
    var("OTLP_AUTH_HEADER", &["/logging/otlp/headers/Authorization"]),
    var("AUDIT_CRYPTO_SECRET", &["/security/encryptionKey"]),
    var("KMS_ENCRYPTION_KEY_ID", &["/security/kms/encryptionKey"]),
    var("KMS_SIGNING_KEY_ID", &["/security/kms/signingKey"]),
    var("INFISICAL_ACCESS_TOKEN", &["/security/kms/accessToken"]),
    var("INFISICAL_URL", &["/security/kms/baseUrl"]),
    EnvVar {
        name: "COMPLIANCE_RECIPIENTS",
        paths: &["/compliance/reportingSchedule/recipients"],
        list: true,
    },
];

/// One variable that took effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedVar {
    /// Its name (never its value).
    pub name: String,
    /// The pointers it set.
    pub paths: Vec<String>,
}

/// The result of [`apply_env`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvOverlay {
    /// The value with the variables applied.
    pub value: Value,
    /// The variables that took effect, in [`ENV_VARS`] order.
    pub applied: Vec<AppliedVar>,
    /// Contract variables that were set but had no effect: empty (or, for
    /// the recipient list, no entries), or their path runs through a value
    /// that is not an object.
    pub ignored: Vec<String>,
}

/// Applies the contract's environment variables in `vars` to `base`.
/// Variables not in [`ENV_VARS`] are not looked at; when a name repeats,
/// the last value wins. Missing parent objects are created.
pub fn apply_env(base: &Value, vars: &[(String, String)]) -> EnvOverlay {
    let mut value = base.clone();
    let mut applied = Vec::new();
    let mut ignored = Vec::new();
    for spec in ENV_VARS {
        let Some((_, raw)) = vars.iter().rev().find(|(name, _)| name == spec.name) else {
            continue;
        };
        let new = if spec.list {
            let items: Vec<Value> = raw
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        } else {
            (!raw.trim().is_empty()).then(|| Value::String(raw.clone()))
        };
        let Some(new) = new else {
            ignored.push(spec.name.to_owned());
            continue;
        };
        let paths: Vec<String> = spec
            .paths
            .iter()
            .filter_map(|path| set(&mut value, path, new.clone()))
            .collect();
        if paths.is_empty() {
            ignored.push(spec.name.to_owned());
        } else {
            applied.push(AppliedVar {
                name: spec.name.to_owned(),
                paths,
            });
        }
    }
    EnvOverlay {
        value,
        applied,
        ignored,
    }
}

/// Sets the value at `path`, creating missing objects (and a missing
/// array for an index). An index past the end appends. Returns the pointer
/// actually set, or `None` when the path runs through a scalar.
fn set(root: &mut Value, path: &str, new: Value) -> Option<String> {
    let tokens: Vec<String> = pointer::tokens(path).map(|t| t.into_owned()).collect();
    let (last, parents) = tokens.split_last()?;
    let mut cur = root;
    let mut actual = String::new();
    for (i, token) in parents.iter().enumerate() {
        let next_is_index = tokens
            .get(i + 1)
            .is_some_and(|t| t.parse::<usize>().is_ok());
        if cur.is_null() {
            *cur = Value::Object(Map::new());
        }
        let Value::Object(map) = cur else { return None };
        let slot = map.entry(token.clone()).or_insert(Value::Null);
        if slot.is_null() {
            *slot = if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            };
        }
        actual = pointer::push(&actual, token);
        cur = slot;
    }
    match cur {
        Value::Object(map) => {
            map.insert(last.clone(), new);
            Some(pointer::push(&actual, last))
        }
        Value::Array(items) => {
            let index = last.parse::<usize>().ok()?;
            let index = if index < items.len() {
                if let Some(slot) = items.get_mut(index) {
                    *slot = new;
                }
                index
            } else {
                items.push(new);
                items.len() - 1
            };
            Some(pointer::push(&actual, &index.to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn merge_is_deep_and_null_sets_null() {
        let base = json!({"a": {"b": 1, "c": [1, 2]}, "d": 1, "e": "x"});
        let over = json!({"a": {"c": [3], "z": true}, "d": null, "f": 2});
        let got = merge(&base, &over);
        assert_eq!(
            got,
            json!({"a": {"b": 1, "c": [3], "z": true}, "d": null, "e": "x", "f": 2})
        );
        assert_eq!(
            serde_json::to_string(&got).unwrap_or_default(),
            r#"{"a":{"b":1,"c":[3],"z":true},"d":null,"e":"x","f":2}"#
        );
        assert_eq!(merge(&json!({"a": 1}), &json!([1])), json!([1]));
    }

    #[test]
    fn env_vars_land_on_their_paths() {
        let base = json!({
            "redis": {"url": "redis://localhost:6379"},
            "database": {"url": "postgresql://localhost/db"},
            "enhancedClient": {"connectionPool": {"url": "postgresql://localhost/db"}, "replication": {"readReplicas": ["postgresql://r0/db"]}},
            "server": {"auth": {"sessionSecret": "old"}},
            "compliance": {"reportingSchedule": {"recipients": []}}
        });
        let env = vars(&[
            ("PATH", "/usr/bin"),
            ("REDIS_URL", "rediss://prod:6380"),
            ("AUDIT_DB_URL", "postgresql://u:p@prod/db"),
            ("AUDIT_DB_READ_REPLICA_URL_2", "postgresql://r1/db"),
            ("BETTER_AUTH_SECRET", "s3cret-VALUE"),
            ("INNGEST_EVENT_KEY", "evt"),
            ("OTLP_API_KEY", "k"),
            ("OTLP_AUTH_HEADER", "Bearer t"),
            ("COMPLIANCE_RECIPIENTS", " a@x.org, ,b@y.org,"),
            ("NOTIFICATION_URL", "  "),
        ]);
        let got = apply_env(&base, &env);
        let v = &got.value;
        assert_eq!(v.pointer("/redis/url"), Some(&json!("rediss://prod:6380")));
        assert_eq!(
            v.pointer("/enhancedClient/connectionPool/url"),
            Some(&json!("postgresql://u:p@prod/db"))
        );
        assert_eq!(
            v.pointer("/enhancedClient/replication/readReplicas"),
            Some(&json!(["postgresql://r0/db", "postgresql://r1/db"]))
        );
        assert_eq!(v.pointer("/server/inngest/eventKey"), Some(&json!("evt")));
        assert_eq!(
            v.pointer("/logging/otlp/headers/x-api-key"),
            Some(&json!("k"))
        );
        assert_eq!(
            v.pointer("/logging/otlp/headers/Authorization"),
            Some(&json!("Bearer t"))
        );
        assert_eq!(
            v.pointer("/compliance/reportingSchedule/recipients"),
            Some(&json!(["a@x.org", "b@y.org"]))
        );
        assert_eq!(got.ignored, ["NOTIFICATION_URL"]);
        let names: Vec<&str> = got.applied.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "REDIS_URL",
                "AUDIT_DB_URL",
                "AUDIT_DB_READ_REPLICA_URL_2",
                "BETTER_AUTH_SECRET",
                "INNGEST_EVENT_KEY",
                "OTLP_API_KEY",
                "OTLP_AUTH_HEADER",
                "COMPLIANCE_RECIPIENTS"
            ]
        );
        assert_eq!(
            got.applied[1].paths,
            ["/database/url", "/enhancedClient/connectionPool/url"]
        );
        let report = serde_json::to_string(&(&got.applied, &got.ignored)).unwrap_or_default();
        assert!(
            !report.contains("s3cret-VALUE") && !report.contains("u:p@"),
            "{report}"
        );
    }

    #[test]
    fn env_vars_never_break_through_scalars() {
        let base = json!({"server": "not an object"});
        let got = apply_env(&base, &vars(&[("BETTER_AUTH_URL", "https://x")]));
        assert_eq!(got.value, base);
        assert_eq!(got.ignored, ["BETTER_AUTH_URL"]);
        let got = apply_env(&json!(null), &vars(&[("REDIS_URL", "redis://x")]));
        assert_eq!(got.value, json!({"redis": {"url": "redis://x"}}));
    }
}
