//! The model against the presets, the schema against the model.

use super::*;
use serde_json::json;

const PRESETS: [(&str, &str); 4] = [
    (
        "development",
        include_str!("../../../presets/development.json"),
    ),
    ("staging", include_str!("../../../presets/staging.json")),
    (
        "production",
        include_str!("../../../presets/production.json"),
    ),
    ("test", include_str!("../../../presets/test.json")),
];

fn preset(name: &str) -> Value {
    let text = PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("known preset");
    serde_json::from_str(text).expect("preset parses")
}

#[test]
fn presets_round_trip_exactly() {
    for (name, text) in PRESETS {
        let original: Value = serde_json::from_str(text).expect("preset parses");
        let config = AuditConfig::from_value(&original)
            .unwrap_or_else(|e| panic!("{name}: does not fit the model: {e}"));
        let back = config.to_value();
        assert_eq!(back, original, "{name}: round trip changed the document");
        // Same key order too: the pretty-printed texts are identical.
        assert_eq!(
            serde_json::to_string_pretty(&back).expect("serializes"),
            serde_json::to_string_pretty(&original).expect("serializes"),
            "{name}: round trip changed the key order"
        );
        // And parsing the output again gives the same model.
        assert_eq!(AuditConfig::from_value(&back).expect("reparses"), config);
    }
}

#[test]
fn unknown_fields_survive() {
    let mut doc = preset("development");
    doc["futureTopLevel"] = json!({"a": [1, 2.5, null]});
    doc["redis"]["futureOption"] = json!(true);
    doc["server"]["performance"]["streaming"]["x"] = json!("y");
    doc["logging"]["otlp"]["compression"] = json!("gzip");
    doc["monitoring"]["notification"]["credentials"]["apiKey"] = json!("k");
    doc["server"]["externalServices"]["queue"] = json!({"kind": "sqs"});

    let config = AuditConfig::from_value(&doc).expect("fits the model");
    assert_eq!(
        config.extra.get("futureTopLevel"),
        Some(&json!({"a": [1, 2.5, null]}))
    );
    assert_eq!(config.redis.extra.get("futureOption"), Some(&json!(true)));
    assert_eq!(
        config.server.performance.streaming.extra.get("x"),
        Some(&json!("y"))
    );
    assert_eq!(config.to_value(), doc);
}

#[test]
fn optional_blocks_round_trip() {
    let mut doc = preset("production");
    doc["server"]["externalServices"] = json!({
        "smtp": {"host": "smtp.example.com", "port": 587, "secure": false,
                 "user": "u", "pass": "p", "from": "a@example.com"},
        "webhook": {"url": "https://hooks.example.com/x", "method": "POST",
                    "headers": {"Authorization": "Bearer t", "X-A": "b"},
                    "timeout": 5000,
                    "retryConfig": {"maxRetries": 3, "backoffMultiplier": 1.5,
                                    "maxBackoffDelay": 30000}},
        "storage": {"provider": "s3", "config": {"bucket": "b", "nested": {"k": 1}},
                    "path": "/exports", "retention": {"days": 90, "autoCleanup": true}}
    });
    doc["server"]["performance"]["responseCache"]["endpointTTLOverrides"] =
        json!({"/api/v1/z": 10, "/api/v1/a": 2.5});
    doc["server"]["performance"]["responseCache"]["disableCachePatterns"] =
        json!(["/api/v1/stream*"]);
    doc["server"]["monitoring"]["tracingEndpoint"] = json!("http://collector:4318");
    doc["enhancedClient"]["connectionPool"]["validationQuery"] = json!("SELECT 1");
    doc["monitoring"]["notification"]["channels"] =
        json!({"email": ["a@example.com"], "slack": [], "telegram": [], "webhook": []});
    doc["monitoring"]["notification"]["templates"] =
        json!({"error": "e", "alert": "a", "patternDetection": "p"});
    doc["monitoring"]["notification"]["credentials"]["username"] = json!("u");
    doc["monitoring"]["notification"]["credentials"]["password"] = json!("p");
    doc["observability"]["tracing"]["headers"] = json!({"x-api-key": "k"});
    doc["security"]["kms"]["algorithm"] = json!("AES-256-CBC");
    doc["security"]["kms"]["kdf"] = json!("scrypt");
    doc["security"]["kms"]["salt"] = json!("00ff");
    doc["security"]["kms"]["iterations"] = json!(100000);
    doc["security"]["hashAlgorithm"] = json!("SHA-512");
    doc["compliance"]["hipaa"]["requiredFields"] = json!(["principalId"]);
    doc["compliance"]["custom"] =
        json!([{"name": "n", "rules": [{"field": "f", "required": true, "message": "m"}]}]);
    doc["retry"]["backoffMultiplier"] = json!(2.0);
    doc["retry"]["jitter"] = json!(true);
    doc["server"]["cors"]["origin"] = json!("*");
    doc["logging"]["file"] = json!({"name": "file", "enabled": false, "filename": "a.log",
        "maxSize": 10485760, "maxFiles": 5, "rotateDaily": false,
        "rotationInterval": "daily", "compress": true, "retentionDays": 30, "level": "fatal"});
    doc["logging"]["redis"] = json!({"host": "localhost", "port": 6379, "enableTLS": true,
        "dataStructure": "stream", "tlsOptions": {"rejectUnauthorized": true}});
    doc["logging"]["performance"] = json!({"enabled": true, "sampleRate": 0.1});
    doc["logging"]["batch"] = json!({"maxSize": 100, "timeoutMs": 5000});
    doc["logging"]["retry"] = json!({"maxAttempts": 3, "multiplier": 2});

    let config = AuditConfig::from_value(&doc).expect("fits the model");
    assert_eq!(config.security.hash_algorithm, HashAlgorithm::Sha512);
    assert_eq!(config.server.cors.origin, CorsOrigin::One("*".into()));
    let ttl = config
        .server
        .performance
        .response_cache
        .endpoint_ttl_overrides
        .as_ref()
        .expect("present");
    assert_eq!(ttl.0.keys().collect::<Vec<_>>(), ["/api/v1/z", "/api/v1/a"]);
    assert_eq!(config.to_value(), doc);
    // 2.0 stays a float, 2 stays an integer.
    assert_eq!(config.to_value()["retry"]["backoffMultiplier"], json!(2.0));
    assert_eq!(
        config.to_value()["logging"]["retry"]["multiplier"],
        json!(2)
    );
}

#[test]
fn max_retries_per_request_is_required_but_nullable() {
    let mut doc = preset("development");
    assert!(AuditConfig::from_value(&doc).is_ok());
    doc["redis"]["maxRetriesPerRequest"] = json!(7);
    let config = AuditConfig::from_value(&doc).expect("fits");
    assert_eq!(config.redis.max_retries_per_request, Some(7));
    doc["redis"]
        .as_object_mut()
        .expect("object")
        .remove("maxRetriesPerRequest");
    let err = AuditConfig::from_value(&doc).expect_err("missing key is an error");
    assert!(err.to_string().contains("maxRetriesPerRequest"), "{err}");

    let schema = json_schema();
    let redis = resolve(&schema, &schema["$defs"]["RedisConfig"]);
    let required = redis["required"].as_array().expect("required list");
    assert!(required.contains(&json!("maxRetriesPerRequest")));
    assert_eq!(
        redis["properties"]["maxRetriesPerRequest"]["type"],
        json!(["integer", "null"])
    );
}

#[test]
fn wrong_values_are_rejected() {
    let mut doc = preset("development");
    doc["security"]["hashAlgorithm"] = json!("MD5");
    assert!(AuditConfig::from_value(&doc).is_err());
    let mut doc = preset("development");
    doc["logging"]["level"] = json!("fatal");
    assert!(AuditConfig::from_value(&doc).is_err());
    let mut doc = preset("development");
    doc["environment"] = json!("prod");
    assert!(AuditConfig::from_value(&doc).is_err());
}

// --- schema walking ------------------------------------------------------

/// Follows `$ref` (into `$defs`) until a schema without one is reached.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let pointer = r.strip_prefix('#').expect("local $ref");
                schema = root
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {r}"));
            }
            None => return schema,
        }
    }
    panic!("$ref cycle");
}

/// The alternatives of a schema: itself, or its `anyOf`/`oneOf`
/// branches (resolved), e.g. for `Option<T>`.
fn alternatives<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(root, schema);
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            out.extend(branches.iter().map(|b| resolve(root, b)));
        }
    }
    out
}

/// The object schema among the alternatives: one with `properties`, or
/// a map (`additionalProperties` schema) when `want_properties` is false.
fn object_schema<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    let alts = alternatives(root, schema);
    alts.iter()
        .find(|s| s.get("properties").is_some())
        .or_else(|| {
            alts.iter()
                .find(|s| s.get("additionalProperties").is_some_and(Value::is_object))
        })
        .copied()
}

fn array_items<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    alternatives(root, schema)
        .into_iter()
        .find_map(|s| s.get("items"))
}

fn walk(root: &Value, schema: &Value, value: &Value, path: &str, missing: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let Some(obj) = object_schema(root, schema) else {
                missing.push(format!("{path} (no object schema)"));
                return;
            };
            for (key, child) in map {
                let child_path = format!("{path}/{key}");
                let child_schema = match obj.get("properties").and_then(|p| p.get(key)) {
                    Some(s) => s,
                    None => match obj.get("additionalProperties") {
                        // A typed map: any key is fine.
                        Some(s) if s.is_object() && obj.get("properties").is_none() => s,
                        _ => {
                            missing.push(child_path);
                            continue;
                        }
                    },
                };
                walk(root, child_schema, child, &child_path, missing);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            let Some(item_schema) = array_items(root, schema) else {
                missing.push(format!("{path} (no items schema)"));
                return;
            };
            for (i, item) in items.iter().enumerate() {
                walk(root, item_schema, item, &format!("{path}/{i}"), missing);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_walk_reports_unknown_keys() {
    let schema = json_schema();
    let mut doc = preset("development");
    doc["redis"]["futureOption"] = json!(1);
    doc["compliance"]["custom"] = json!([{"name": "n", "rules": [{"field": "f", "x": 1}]}]);
    doc["logging"]["otlp"]["headers"] = json!({"Authorization": "Bearer t"});
    let mut missing = Vec::new();
    walk(&schema, &schema, &doc, "", &mut missing);
    assert_eq!(
        missing,
        ["/redis/futureOption", "/compliance/custom/0/rules/0/x"]
    );
}

#[test]
fn schema_has_a_property_for_every_preset_key() {
    let schema = json_schema();
    assert_eq!(
        schema["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
    for (name, _) in PRESETS {
        let mut missing = Vec::new();
        walk(&schema, &schema, &preset(name), "", &mut missing);
        assert!(missing.is_empty(), "{name}: no schema for {missing:?}");
    }
}

/// The schema of the property at a dotted path.
fn property_schema<'a>(root: &'a Value, path: &str) -> &'a Value {
    let mut schema = root;
    for segment in path.split('.') {
        let obj = object_schema(root, schema)
            .unwrap_or_else(|| panic!("{path}: no object schema before `{segment}`"));
        schema = obj["properties"]
            .get(segment)
            .unwrap_or_else(|| panic!("{path}: no property `{segment}`"));
    }
    schema
}

/// The contract's rules table: every numeric range, inclusive.
const CONTRACT_RANGES: &[(&str, f64, f64)] = &[
    ("redis.connectTimeout", 1000.0, 60000.0),
    ("redis.commandTimeout", 1000.0, 60000.0),
    ("redis.retryDelayOnFailover", 100.0, 10000.0),
    ("database.poolSize", 1.0, 100.0),
    ("database.connectionTimeout", 1000.0, 60000.0),
    ("database.queryTimeout", 1000.0, 300000.0),
    ("database.maxConnectionAttempts", 1.0, 10.0),
    ("server.port", 3000.0, 65535.0),
    ("worker.concurrency", 1.0, 50.0),
    ("worker.port", 3000.0, 65535.0),
    ("worker.shutdownTimeout", 1000.0, 60000.0),
    ("retry.maxRetries", 0.0, 10.0),
    ("retry.baseDelay", 100.0, 10000.0),
    ("retry.maxDelay", 1000.0, 300000.0),
    (
        "reliableProcessor.circuitBreakerConfig.failureThreshold",
        1.0,
        100.0,
    ),
    (
        "reliableProcessor.circuitBreakerConfig.recoveryTimeout",
        1000.0,
        300000.0,
    ),
    (
        "reliableProcessor.circuitBreakerConfig.monitoringPeriod",
        1000.0,
        3600000.0,
    ),
    (
        "reliableProcessor.circuitBreakerConfig.minimumThroughput",
        1.0,
        100.0,
    ),
    (
        "reliableProcessor.deadLetterConfig.alertThreshold",
        1.0,
        1000.0,
    ),
    (
        "reliableProcessor.deadLetterConfig.maxRetentionDays",
        1.0,
        365.0,
    ),
    ("monitoring.metricsInterval", 1000.0, 300000.0),
    ("monitoring.alertThresholds.errorRate", 0.0, 1.0),
    (
        "monitoring.alertThresholds.processingLatency",
        100.0,
        60000.0,
    ),
    ("monitoring.alertThresholds.queueDepth", 10.0, 10000.0),
    ("monitoring.alertThresholds.memoryUsage", 0.1, 1.0),
    ("monitoring.healthCheckInterval", 5000.0, 300000.0),
    ("compliance.defaultRetentionDays", 1.0, 3650.0),
];

#[test]
fn schema_has_every_contract_range() {
    let schema = json_schema();
    for &(path, min, max) in CONTRACT_RANGES {
        let prop = property_schema(&schema, path);
        assert_eq!(
            prop.get("minimum").and_then(Value::as_f64),
            Some(min),
            "{path}: minimum"
        );
        assert_eq!(
            prop.get("maximum").and_then(Value::as_f64),
            Some(max),
            "{path}: maximum"
        );
    }
}

#[test]
fn schema_has_contract_patterns_and_enums() {
    let schema = json_schema();
    let patterns = [
        ("version", r"^[0-9A-Za-z_.-]+$"),
        ("server.host", r"^(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$"),
        ("worker.queueName", r"^[a-zA-Z0-9_-]+$"),
        (
            "reliableProcessor.deadLetterConfig.queueName",
            r"^[a-zA-Z0-9_-]+$",
        ),
        ("redis.url", r"^[Rr][Ee][Dd][Ii][Ss][Ss]?://"),
        (
            "database.url",
            r"^[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?://",
        ),
    ];
    for (path, pattern) in patterns {
        assert_eq!(
            property_schema(&schema, path)["pattern"],
            json!(pattern),
            "{path}"
        );
    }
    let recipients = property_schema(&schema, "compliance.reportingSchedule.recipients");
    assert_eq!(
        recipients["items"]["pattern"],
        json!(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
    );
    // Date.parse decides (AC211), not JSON Schema's stricter date-time.
    assert_eq!(property_schema(&schema, "lastUpdated").get("format"), None);
    let hash = resolve(&schema, property_schema(&schema, "security.hashAlgorithm"));
    assert_eq!(hash["enum"], json!(["SHA-256", "SHA-512"]));
    let level = resolve(&schema, property_schema(&schema, "logging.level"));
    assert_eq!(level["enum"], json!(["debug", "info", "warn", "error"]));
}

#[test]
fn schema_fields_have_titles_and_descriptions() {
    let schema = json_schema();
    let defs = schema["$defs"].as_object().expect("$defs");
    let objects = defs
        .iter()
        .map(|(name, def)| (name.as_str(), def))
        .chain([("AuditConfig", &schema)]);
    let mut bare = Vec::new();
    for (def_name, def) in objects {
        let Some(props) = def.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for (key, prop) in props {
            let title = prop.get("title").and_then(Value::as_str).unwrap_or("");
            let description = prop
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            if title.is_empty()
                || description.is_empty()
                || title.contains('\n')
                || description.contains('\n')
            {
                bare.push(format!("{def_name}.{key}"));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "fields without a clean title/description: {bare:?}"
    );
    assert!(
        !schema.to_string().contains("\"default\""),
        "no defaults here"
    );
}
