//! The semantic diff: change kinds, impacts, array edits, number and key
//! order equality, ranges, secrets, and the four presets.

use auditcfg_core::diff::{
    self, ChangeKind, Impact, apply_merge_patch, apply_patch_ops, diff_values, to_json_patch,
    to_merge_patch, values_equal,
};
use auditcfg_core::{Document, Environment, Format, preset};
use serde_json::{Value, json};

fn doc(text: &str) -> Document {
    Document::parse(text, None)
        .document
        .expect("test input parses")
}

fn json_doc(v: &Value) -> Document {
    doc(&auditcfg_core::to_json(v))
}

fn restart(component: &'static str) -> Impact {
    Impact::Restart { component }
}

fn secret(component: &'static str) -> Impact {
    Impact::SecretChanged { component }
}

fn summary_line(d: &diff::Diff) -> Vec<(String, String, Impact)> {
    d.changes
        .iter()
        .map(|c| {
            let kind = match &c.kind {
                ChangeKind::Moved { from, to } => format!("moved {from}->{to}"),
                other => format!("{other:?}").to_lowercase(),
            };
            (c.path.clone(), kind, c.impact)
        })
        .collect()
}

#[test]
fn each_change_kind() {
    let a = json!({"server": {"port": 3000, "host": "a", "gone": {"x": 1}}, "retry": {"retryableErrors": ["A", "B", "C"]}});
    let b = json!({"server": {"port": 3001, "host": "a", "new": [1]}, "retry": {"retryableErrors": ["B", "C", "A"]}});
    let d = diff_values(&a, &b);
    assert_eq!(
        summary_line(&d),
        [
            ("/server/port".into(), "changed".into(), restart("server")),
            ("/server/gone".into(), "removed".into(), restart("server")),
            ("/server/new".into(), "added".into(), restart("server")),
            (
                "/retry/retryableErrors/2".into(),
                "moved /retry/retryableErrors/0->/retry/retryableErrors/2".into(),
                restart("worker")
            ),
        ]
    );
    let removed = &d.changes[1];
    assert_eq!(removed.before, Some(json!({"x": 1})));
    assert_eq!(removed.after, None);
    let added = &d.changes[2];
    assert_eq!(
        (added.before.as_ref(), added.after.as_ref()),
        (None, Some(&json!([1])))
    );
    let s = &d.summary;
    assert_eq!(
        (s.total, s.added, s.removed, s.changed, s.moved),
        (4, 1, 1, 1, 1)
    );
    assert_eq!((s.live, s.restart, s.secrets), (0, 4, 0));
    assert_eq!(s.restart_components, ["server", "worker"]);
}

#[test]
fn hot_reload_paths_apply_live_with_upstream_names_fixed() {
    let a = json!({
        "worker": {"concurrency": 2, "port": 3001},
        "monitoring": {"metricsInterval": 1, "alertThresholds": {"errorRate": 0.1, "processingLatency": 1, "queueDepth": 1, "memoryUsage": 0.5}, "healthCheckInterval": 1},
        "retry": {"maxRetries": 1, "baseDelay": 1, "maxDelay": 1},
        "reliableProcessor": {"circuitBreakerConfig": {"failureThreshold": 1, "recoveryTimeout": 1, "monitoringPeriod": 1},
                              "deadLetterConfig": {"alertThreshold": 1, "queueName": "q"}},
        "logging": {"level": "info"},
        "compliance": {"reportingSchedule": {"enabled": false, "frequency": "daily", "includeGDPR": false}},
        "version": "1", "lastUpdated": "2026-01-01T00:00:00.000Z"
    });
    let b = json!({
        "worker": {"concurrency": 3, "port": 3001},
        "monitoring": {"metricsInterval": 2, "alertThresholds": {"errorRate": 0.2, "processingLatency": 2, "queueDepth": 2, "memoryUsage": 0.6}, "healthCheckInterval": 2},
        "retry": {"maxRetries": 2, "baseDelay": 2, "maxDelay": 2},
        "reliableProcessor": {"circuitBreakerConfig": {"failureThreshold": 2, "recoveryTimeout": 2, "monitoringPeriod": 1},
                              "deadLetterConfig": {"alertThreshold": 2, "queueName": "q"}},
        "logging": {"level": "warn"},
        "compliance": {"reportingSchedule": {"enabled": true, "frequency": "weekly", "includeGDPR": false}},
        "version": "2", "lastUpdated": "2026-02-01T00:00:00.000Z"
    });
    let d = diff_values(&a, &b);
    assert_eq!(d.summary.total, 18);
    assert!(
        d.changes.iter().all(|c| c.impact == Impact::HotReload),
        "{:#?}",
        d.changes
    );
    assert_eq!(d.summary.live, 18);
    assert!(d.summary.restart_components.is_empty());

    // Not on the list: the circuit breaker's monitoringPeriod, the dead
    // letter queue name, a reporting flag.
    let mut c = b.clone();
    c["reliableProcessor"]["circuitBreakerConfig"]["monitoringPeriod"] = json!(5);
    c["reliableProcessor"]["deadLetterConfig"]["queueName"] = json!("other");
    c["compliance"]["reportingSchedule"]["includeGDPR"] = json!(true);
    let d = diff_values(&b, &c);
    assert_eq!(
        d.changes.iter().map(|c| c.impact).collect::<Vec<_>>(),
        [restart("worker"), restart("worker"), restart("compliance")]
    );
}

#[test]
fn parent_objects_are_judged_leaf_by_leaf() {
    // Upstream never reloads a parent object; every leaf here is live.
    let a = json!({"monitoring": {"enabled": true}});
    let b = json!({"monitoring": {"enabled": true, "alertThresholds": {"errorRate": 0.1, "queueDepth": 50}}});
    let d = diff_values(&a, &b);
    assert_eq!(
        summary_line(&d),
        [(
            "/monitoring/alertThresholds".into(),
            "added".into(),
            Impact::HotReload
        )]
    );
    // One leaf needing a restart makes the whole subtree a restart.
    let b = json!({"monitoring": {"enabled": true, "alertThresholds": {"errorRate": 0.1}, "patternDetection": {"offHoursStart": 22}}});
    let d = diff_values(&a, &b);
    assert_eq!(d.changes[1].impact, restart("monitoring"));
    // Replacing an object with a scalar: both sides' leaves count.
    let d = diff_values(&json!({"retry": {"maxRetries": 1}}), &json!({"retry": 5}));
    assert_eq!(
        summary_line(&d),
        [("/retry".into(), "changed".into(), restart("worker"))]
    );
}

#[test]
fn restart_components_follow_the_path() {
    let cases = [
        ("/redis/connectTimeout", "redis"),
        ("/database/poolSize", "database"),
        (
            "/enhancedClient/connectionPool/maxConnections",
            "database pool",
        ),
        (
            "/enhancedClient/queryCacheFactory/queryCache/maxSizeMB",
            "query cache",
        ),
        (
            "/enhancedClient/partitioning/retentionDays",
            "database client",
        ),
        ("/server/port", "server"),
        ("/worker/port", "worker"),
        ("/reliableProcessor/queueName", "worker"),
        ("/retry/backoffStrategy", "worker"),
        ("/monitoring/enabled", "monitoring"),
        ("/observability/tracing/enabled", "observability"),
        ("/security/hashAlgorithm", "server"),
        ("/compliance/defaultRetentionDays", "compliance"),
        ("/archive/format", "archive"),
        ("/logging/prettyPrint", "logging"),
        ("/validation/maxEventSize", "server"),
        ("/environment", "server"),
        ("/unknownSection/x", "server"),
    ];
    for (path, component) in cases {
        let mut a = json!({});
        let mut b = json!({});
        for (v, n) in [(&mut a, 1), (&mut b, 2)] {
            let mut slot = &mut *v;
            for t in auditcfg_core::pointer::tokens(path) {
                slot = &mut slot[t.as_ref()];
            }
            *slot = json!(n);
        }
        let d = diff_values(&a, &b);
        assert_eq!(d.changes.len(), 1, "{path}");
        assert_eq!(d.changes[0].path, path);
        assert_eq!(d.changes[0].impact, restart(component), "{path}");
    }
}

#[test]
fn array_edits_insert_delete_move_replace() {
    let a = json!({"retry": {"retryableErrors": ["A", "B", "C", "D", "E"]}});
    let b = json!({"retry": {"retryableErrors": ["E", "A", "X", "C", "D", "F"]}});
    let d = diff_values(&a, &b);
    let kinds: Vec<(String, String)> = summary_line(&d)
        .into_iter()
        .map(|(p, k, _)| (p, k))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "/retry/retryableErrors/0".to_owned(),
                "moved /retry/retryableErrors/4->/retry/retryableErrors/0".to_owned()
            ),
            ("/retry/retryableErrors/2".to_owned(), "changed".to_owned()),
            ("/retry/retryableErrors/5".to_owned(), "added".to_owned()),
        ]
    );
    assert_eq!(d.changes[1].before, Some(json!("B")));
    assert_eq!(d.changes[1].after, Some(json!("X")));

    let d = diff_values(&json!([1, 2, 3]), &json!([1, 3]));
    assert_eq!(
        summary_line(&d),
        [("/1".into(), "removed".into(), restart("server"))]
    );
    let d = diff_values(&json!([1, 3]), &json!([1, 2, 3]));
    assert_eq!(
        summary_line(&d),
        [("/1".into(), "added".into(), restart("server"))]
    );
}

#[test]
fn arrays_of_objects_compare_index_by_index() {
    let a = json!({"l": [{"n": 1, "m": 1}, {"n": 2}]});
    let b = json!({"l": [{"n": 1, "m": 2}, {"n": 2}, {"n": 3}]});
    let d = diff_values(&a, &b);
    let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["/l/0/m", "/l/2"]);
}

#[test]
fn huge_arrays_fall_back_to_index_wise() {
    let a: Vec<Value> = (0..10_000).map(|i| json!(i)).collect();
    let b: Vec<Value> = (0..10_000).map(|i| json!(i + 1)).collect();
    let d = diff_values(&Value::Array(a.clone()), &Value::Array(b.clone()));
    assert_eq!(d.summary.changed, 10_000);
    let ops = to_json_patch(&Value::Array(a.clone()), &Value::Array(b.clone()));
    let got = apply_patch_ops(&Value::Array(a), &ops).expect("applies");
    assert!(values_equal(&got, &Value::Array(b)));
}

#[test]
fn numbers_compare_by_value_and_key_order_never_counts() {
    let a = doc(
        r#"{"server": {"port": 3000, "timeout": 1000}, "retry": {"baseDelay": 1e3}, "list": [1, 2.0]}"#,
    );
    let b = doc(
        "{\n  \"list\": [1.0, 2],\n  \"retry\": {\"baseDelay\": 1000},\n  \"server\": {\"timeout\": 1000.0, \"port\": 3000}\n}",
    );
    assert!(diff::diff(&a, &b).is_empty());
    let c = doc(
        r#"{"server": {"port": 3000, "timeout": 1000.5}, "retry": {"baseDelay": 1000}, "list": [1, 2]}"#,
    );
    let d = diff::diff(&a, &c);
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].path, "/server/timeout");
}

#[test]
fn json_and_toml_mix() {
    let toml =
        "[server]\nport = 3000\ntimeout = 1000.0\n\n[retry]\nretryableErrors = [\"A\", \"B\"]\n";
    let json =
        r#"{"retry": {"retryableErrors": ["A", "B"]}, "server": {"timeout": 1000, "port": 3000}}"#;
    let (t, j) = (doc(toml), doc(json));
    assert_eq!(t.format(), Format::Toml);
    assert!(diff::diff(&t, &j).is_empty());
    let json2 =
        r#"{"retry": {"retryableErrors": ["B"]}, "server": {"timeout": 1000, "port": 3001}}"#;
    let j2 = doc(json2);
    let d = diff::diff(&t, &j2);
    assert_eq!(d.changes.len(), 2);
    let port = &d.changes[0];
    assert_eq!(port.path, "/server/port");
    assert_eq!(t.slice(port.range_a.expect("in a")), "3000");
    assert_eq!(j2.slice(port.range_b.expect("in b")), "3001");
    let removed = &d.changes[1];
    assert_eq!(removed.path, "/retry/retryableErrors/0");
    assert_eq!(t.slice(removed.range_a.expect("in a")), "\"A\"");
    assert_eq!(removed.range_b, None);
}

#[test]
fn ranges_point_at_the_values_in_both_sources() {
    let a_text = preset::reference_text(Environment::Development);
    let b_text = preset::reference_text(Environment::Production);
    let (a, b) = (doc(a_text), doc(b_text));
    let d = diff::diff(&a, &b);
    assert!(d.changes.len() > 50);
    for c in &d.changes {
        if let Some(r) = c.range_b {
            let shown: Value =
                serde_json::from_str(b.slice(r)).expect("a value's range holds the value");
            assert_eq!(Some(&shown), b.value().pointer(&c.path), "{}", c.path);
            assert_eq!(r, b.locate(&c.path).range, "{}", c.path);
        }
        if let (Some(r), ChangeKind::Changed | ChangeKind::Removed) = (c.range_a, &c.kind) {
            let shown: Value =
                serde_json::from_str(a.slice(r)).expect("a value's range holds the value");
            assert_eq!(Some(&shown), a.value().pointer(&c.path), "{}", c.path);
        }
    }
    // The same through TOML: ranges land on the TOML text.
    let toml = auditcfg_core::to_toml(b.value()).expect("presets convert");
    let bt = doc(&toml);
    let d2 = diff::diff(&a, &bt);
    assert_eq!(d2.changes.len(), d.changes.len());
    let port = d2
        .changes
        .iter()
        .find(|c| c.path == "/worker/port")
        .expect("worker port changes");
    assert_eq!(bt.slice(port.range_b.expect("in b")), "3001");
}

#[test]
fn self_diff_of_every_preset_is_empty() {
    // Upstream reports every array (15 in the development preset) as changed.
    for env in Environment::ALL {
        let text = preset::reference_text(env);
        let (a, b) = (doc(text), doc(text));
        let d = diff::diff(&a, &b);
        assert!(d.is_empty(), "{env}: {:?}", d.changes);
        assert_eq!(d.summary.total, 0);
        assert!(to_json_patch(a.value(), b.value()).is_empty());
        assert_eq!(to_merge_patch(a.value(), b.value()), Ok(json!({})));
    }
}

#[test]
fn presets_pairwise_patch_round_trips() {
    for ea in Environment::ALL {
        for eb in Environment::ALL {
            let a = preset::reference(ea);
            let b = preset::reference(eb);
            let d = diff_values(&a, &b);
            assert_eq!(d.is_empty(), ea == eb);
            let ops = to_json_patch(&a, &b);
            let got = apply_patch_ops(&a, &ops).expect("own patch applies");
            assert!(values_equal(&got, &b), "{ea} -> {eb}");
            assert!(diff_values(&got, &b).is_empty());
            match to_merge_patch(&a, &b) {
                Ok(p) => assert!(values_equal(&apply_merge_patch(&a, &p), &b), "{ea} -> {eb}"),
                // Development and staging set maxRetriesPerRequest to null.
                Err(e) => {
                    assert_eq!(e.path, "/redis/maxRetriesPerRequest", "{ea} -> {eb}");
                    assert_eq!(b.pointer(&e.path), Some(&Value::Null));
                    assert_ne!(a.pointer(&e.path), Some(&Value::Null));
                }
            }
        }
    }
}

#[test]
fn development_to_production_reads_right() {
    let a = doc(preset::reference_text(Environment::Development));
    let b = doc(preset::reference_text(Environment::Production));
    let d = diff::diff(&a, &b);
    let s = &d.summary;
    assert_eq!(s.total, s.live + s.restart + s.secrets);
    assert_eq!(s.total, s.added + s.removed + s.changed + s.moved);
    assert_eq!(
        s.restart,
        s.restart_by_component
            .iter()
            .map(|c| c.count)
            .sum::<usize>()
    );
    let find = |p: &str| d.changes.iter().find(|c| c.path == p).map(|c| c.impact);
    assert_eq!(find("/worker/concurrency"), Some(Impact::HotReload));
    assert_eq!(find("/logging/level"), Some(Impact::HotReload));
    assert_eq!(find("/database/poolSize"), Some(restart("database")));
    assert_eq!(find("/security/encryptionKey"), Some(secret("server")));
    // Another host: the database restarts to use it (issue #16, item 6).
    assert_eq!(find("/database/url"), Some(restart("database")));
    assert_eq!(find("/version"), None);
}

#[test]
fn a_changed_connection_url_restarts_its_component_masked() {
    // Every connection URL of the registry: a new host, port or database
    // is a restart of the component that connects, shown masked.
    let cases = [
        ("/redis/url", "redis"),
        ("/database/url", "database"),
        ("/enhancedClient/connectionPool/url", "database pool"),
        ("/server/auth/dbUrl", "server"),
        ("/server/auth/redisUrl", "server"),
    ];
    for (path, component) in cases {
        let mut a = json!({});
        let mut b = json!({});
        let tokens: Vec<&str> = path.split('/').skip(1).collect();
        let (last, parents) = tokens.split_last().expect("path");
        let mut sa = &mut a;
        let mut sb = &mut b;
        for t in parents {
            sa = &mut sa[*t];
            sb = &mut sb[*t];
        }
        sa[*last] = json!("postgres://u:MARK-old@old-host:5432/audit");
        sb[*last] = json!("postgres://u:MARK-new@new-host:5432/audit");
        let d = diff_values(&a, &b);
        let all = format!("{d:?} {}", serde_json::to_string(&d).expect("serialises"));
        assert!(!all.contains("MARK"), "{all}");
        let c = d.changes.iter().find(|c| c.path == path).expect(path);
        assert_eq!(c.impact, restart(component), "{path}");
        assert_eq!(
            c.after,
            Some(json!("postgres://***:***@new-host:5432/audit")),
            "{path}"
        );
        assert!(d.summary.restart_components.contains(&component.to_owned()));
        // The same URL with only its password changed rotates a secret.
        let mut b2 = a.clone();
        let mut s2 = &mut b2;
        for t in parents {
            s2 = &mut s2[*t];
        }
        s2[*last] = json!("postgres://u:MARK-rotated@old-host:5432/audit");
        let d = diff_values(&a, &b2);
        let c = d.changes.iter().find(|c| c.path == path).expect(path);
        assert_eq!(c.impact, secret(component), "{path}");
    }
    // Inside a replaced subtree too.
    let a = json!({"redis": {"url": "redis://old:6379", "db": 0}});
    let b = json!({"redis": {"url": "redis://new:6379"}});
    let d = diff_values(&a, &b);
    assert!(d.changes.iter().all(|c| !c.is_secret()), "{:#?}", d.changes);
}

#[test]
fn secrets_are_masked_with_fingerprints() {
    let a = json!({
        "server": {"auth": {"sessionSecret": "MARK-old-session"}},
        "redis": {"url": "redis://u:MARK-redis-old@h:6379"},
        "archive": {"note": "enc:v1:MARKold", "same": "enc:v1:MARKsame"},
        "x": {"clientSecret": "MARK-heuristic-old"},
        "security": {"kms": {"accessToken": null}}
    });
    let b = json!({
        "server": {"auth": {"sessionSecret": "MARK-new-session"}, "externalServices": {"smtp": {"host": "h", "pass": "MARK-smtp"}}},
        "redis": {"url": "redis://u:MARK-redis-new@h:6379"},
        "archive": {"note": "enc:v1:MARKnew", "same": "enc:v1:MARKsame"},
        "x": {"clientSecret": "MARK-heuristic-new"},
        "security": {"kms": {"accessToken": "MARK-token"}}
    });
    let d = diff_values(&a, &b);
    let all = format!("{d:?} {}", serde_json::to_string(&d).expect("serialises"));
    assert!(!all.contains("MARK"), "{all}");
    assert_eq!(d.summary.secrets, d.summary.total, "{:#?}", d.changes);
    let by_path = |p: &str| d.changes.iter().find(|c| c.path == p).expect(p);
    let session = by_path("/server/auth/sessionSecret");
    assert_eq!(session.before, Some(json!("***MASKED***")));
    assert_eq!(
        session.fingerprint_before,
        Some(auditcfg_core::secrets::fingerprint(&json!(
            "MARK-old-session"
        )))
    );
    assert_ne!(session.fingerprint_before, session.fingerprint_after);
    let url = by_path("/redis/url");
    assert_eq!(url.after, Some(json!("redis://***:***@h:6379")));
    assert!(url.fingerprint_after.is_some());
    let sealed = by_path("/archive/note");
    assert_eq!(sealed.impact, secret("archive"));
    assert!(sealed.fingerprint_before.is_some());
    assert!(d.changes.iter().all(|c| c.path != "/archive/same"));
    let smtp = by_path("/server/externalServices");
    assert_eq!(
        smtp.after,
        Some(json!({"smtp": {"host": "h", "pass": "***MASKED***"}}))
    );
    assert_eq!(smtp.fingerprint_after, None);
    let token = by_path("/security/kms/accessToken");
    assert_eq!(
        (token.before.as_ref(), token.fingerprint_before.as_ref()),
        (Some(&Value::Null), None)
    );
    assert!(token.fingerprint_after.is_some());
}

#[test]
fn unknown_fields_are_diffed_and_patched_too() {
    let a = json!({"server": {"port": 3000, "x-custom": {"k": [1, {"deep": true}]}}});
    let b =
        json!({"server": {"port": 3000, "x-custom": {"k": [1, {"deep": false}], "new/key~": 1}}});
    let d = diff_values(&a, &b);
    let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/server/x-custom/k/1/deep", "/server/x-custom/new~1key~0"]
    );
    let got = apply_patch_ops(&a, &to_json_patch(&a, &b)).expect("applies");
    assert_eq!(got, b);
}

#[test]
fn large_maps_diff_fast_and_right() {
    let mut a = serde_json::Map::new();
    for i in 0..50_000 {
        a.insert(format!("/api/v1/tenants/{i}/search"), json!(60 + i % 600));
    }
    let mut b = a.clone();
    for i in (0..50_000).step_by(100) {
        b.insert(format!("/api/v1/tenants/{i}/search"), json!(1));
    }
    let (a, b) = (json!({"server": {"o": a}}), json!({"server": {"o": b}}));
    let (da, db) = (json_doc(&a), json_doc(&b));
    let d = diff::diff(&da, &db);
    assert_eq!(d.summary.total, 500);
    assert_eq!(d.changes[0].path, "/server/o/~1api~1v1~1tenants~10~1search");
    assert_eq!(db.slice(d.changes[0].range_b.expect("in b")), "1");
}

#[test]
fn type_changes_and_roots() {
    let d = diff_values(&json!({"a": 1}), &json!([1]));
    assert_eq!(
        summary_line(&d),
        [("".into(), "changed".into(), restart("server"))]
    );
    let d = diff_values(&json!(null), &json!(null));
    assert!(d.is_empty());
    let d = diff_values(&json!({"a": {"b": 1}}), &json!({"a": [1]}));
    assert_eq!(d.changes[0].path, "/a");
}
