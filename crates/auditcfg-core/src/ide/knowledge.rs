//! What the core knows about one place of the document, gathered for
//! editors: the schema node (title, description, type, limits, default),
//! the preset values, hot reload, secrecy and the rules that check it.

use crate::codes::Code;
use crate::diff::impact;
use crate::environment::Environment;
use crate::form::{self, FieldKind};
use crate::pointer;
use crate::secrets::{self, SecretKind};
use serde_json::{Map, Value};

/// A schema node reached from the root, with the metadata of the nodes
/// that referred to it (their title, description and default win).
#[derive(Debug, Clone)]
pub struct Node {
    /// The node's keywords, merged (without `properties`).
    pub merged: Map<String, Value>,
    /// The node's properties, in schema order.
    pub properties: Vec<(&'static str, &'static Value)>,
    /// Does it accept `null`?
    pub nullable: bool,
    /// Its `additionalProperties` schema, when it is a map of values.
    additional: Option<&'static Value>,
    /// Its `items` schema, when it is an array.
    items: Option<&'static Value>,
}

const MAX_DEPTH: usize = 16;

impl Node {
    fn of(raw: &'static Value) -> Node {
        let root = crate::schema::schema();
        let mut layers: Vec<&'static Value> = Vec::new();
        let mut nullable = false;
        let mut node = raw;
        for _ in 0..MAX_DEPTH {
            layers.push(node);
            if let Some(target) = node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| root.pointer(p))
            {
                node = target;
                continue;
            }
            if let Some(alts) = node.get("anyOf").and_then(Value::as_array) {
                let is_null = |a: &Value| a.get("type").and_then(Value::as_str) == Some("null");
                let others: Vec<&'static Value> = alts.iter().filter(|a| !is_null(a)).collect();
                if others.len() == 1 && others.len() != alts.len() {
                    nullable = true;
                    node = others[0];
                    continue;
                }
            }
            break;
        }
        let mut merged = Map::new();
        // Innermost first, referring nodes override.
        for layer in layers.iter().rev() {
            if let Value::Object(m) = layer {
                for (k, v) in m {
                    if !matches!(k.as_str(), "properties" | "$ref" | "anyOf" | "$defs") {
                        merged.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        if let Some(Value::Array(ts)) = merged.get("type")
            && ts.iter().any(|t| t == "null")
        {
            nullable = true;
        }
        let target = *layers.last().unwrap_or(&raw);
        let properties = target
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default();
        let additional = target.get("additionalProperties").filter(|a| a.is_object());
        let items = target.get("items").filter(|a| a.is_object());
        Node {
            merged,
            properties,
            nullable,
            additional,
            items,
        }
    }

    /// A string keyword.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.merged.get(key).and_then(Value::as_str)
    }

    /// Does it define properties (an object with known fields)?
    pub fn is_object(&self) -> bool {
        !self.properties.is_empty() || self.merged.get("type").is_some_and(|t| t == "object")
    }

    /// How its value is edited.
    pub fn kind(&self) -> FieldKind {
        form::kind_of(&Value::Object(self.merged.clone()))
    }

    /// The node of a child key or index.
    pub fn child(&self, token: &str) -> Option<Node> {
        if let Some((_, v)) = self.properties.iter().find(|(k, _)| *k == token) {
            return Some(Node::of(v));
        }
        if let Some(items) = self.items
            && token.parse::<usize>().is_ok()
        {
            return Some(Node::of(items));
        }
        self.additional.map(Node::of)
    }

    /// The keys the schema requires.
    pub fn required(&self) -> Vec<&str> {
        self.merged
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The type in words (`integer`, `string (uri)`, `boolean or null`).
    pub fn type_name(&self) -> String {
        let mut t = match self.merged.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect::<Vec<_>>()
                .join(" or "),
            _ if self.merged.contains_key("enum") => "string".to_owned(),
            _ if self.is_object() => "object".to_owned(),
            _ => "any".to_owned(),
        };
        if let Some(f) = self.text("format")
            && !f.starts_with("uint")
            && !f.starts_with("int")
            && !f.starts_with("float")
            && !f.starts_with("double")
        {
            t.push_str(&format!(" ({f})"));
        }
        if self.nullable {
            t.push_str(" or null");
        }
        t
    }
}

/// The schema node at a pointer (`None` where the schema says nothing).
pub fn node_at(at: &str) -> Option<Node> {
    let mut node = Node::of(crate::schema::schema());
    for token in pointer::tokens(at) {
        node = node.child(&token)?;
    }
    Some(node)
}

/// Everything known about one place.
#[derive(Debug, Clone)]
pub struct Knowledge {
    /// The pointer described.
    pub pointer: String,
    /// The schema node.
    pub node: Node,
    /// The value in each preset (development, staging, production, test),
    /// `None` where the preset lacks it.
    pub presets: Vec<(Environment, Option<&'static Value>)>,
    /// A secret, and how it is masked.
    pub secret: Option<SecretKind>,
    /// Applied live, or restarts this component.
    pub restart: Option<&'static str>,
    /// The codes of the rules that check it.
    pub rules: Vec<Code>,
}

/// Gathers what is known about `at`.
pub fn knowledge(at: &str) -> Option<Knowledge> {
    let node = node_at(at)?;
    let presets = Environment::ALL
        .iter()
        .map(|env| (*env, preset_value(*env, at)))
        .collect();
    let restart = if node.is_object() {
        Some(impact::component(at))
    } else if impact::is_hot_reload(at) {
        None
    } else {
        Some(impact::component(at))
    };
    let rules = rules_for(at, &node);
    Some(Knowledge {
        pointer: at.to_owned(),
        secret: secrets::secret_kind(at),
        node,
        presets,
        restart,
        rules,
    })
}

/// The reference presets, parsed once.
fn presets() -> &'static [Value; 4] {
    static PRESETS: std::sync::OnceLock<[Value; 4]> = std::sync::OnceLock::new();
    PRESETS.get_or_init(|| Environment::ALL.map(crate::preset::reference))
}

/// The value at `at` in an environment's reference preset.
pub fn preset_value(env: Environment, at: &str) -> Option<&'static Value> {
    let i = Environment::ALL.iter().position(|e| *e == env)?;
    presets()[i].pointer(at)
}

/// Rules beyond the schema that look at a path (the schema's own codes
/// follow from the node's keywords). Patterns use `*` for any one token.
const RULE_PATHS: &[(Code, &[&str])] = &[
    (
        Code::RetryDelayOrder,
        &[
            "/retry/baseDelay",
            "/retry/maxDelay",
            "/reliableProcessor/retryConfig/*",
        ],
    ),
    (
        Code::EncryptionKeyRequired,
        &["/security/enableLogEncryption", "/security/encryptionKey"],
    ),
    (Code::EncryptionKeyLength, &["/security/encryptionKey"]),
    (
        Code::RecipientsRequired,
        &[
            "/compliance/reportingSchedule/enabled",
            "/compliance/reportingSchedule/recipients",
        ],
    ),
    (
        Code::ProductionIntegrity,
        &["/environment", "/security/enableIntegrityVerification"],
    ),
    (Code::ProductionDbSsl, &["/database/ssl"]),
    (Code::ProductionDebugLogging, &["/logging/level"]),
    (
        Code::DevWorkerConcurrency,
        &["/environment", "/worker/concurrency"],
    ),
    (
        Code::TestGdpr,
        &["/environment", "/compliance/gdpr/enabled"],
    ),
    (Code::UrlProtocol, &["/database/url", "/redis/url"]),
    (Code::LastUpdatedDate, &["/lastUpdated"]),
    (
        Code::RedisWithoutTls,
        &["/redis/url", "/server/auth/redisUrl"],
    ),
    (
        Code::EnvironmentMismatch,
        &[
            "/environment",
            "/logging/environment",
            "/server/environment",
        ],
    ),
    (
        Code::PoolMinMax,
        &[
            "/enhancedClient/connectionPool/minConnections",
            "/enhancedClient/connectionPool/maxConnections",
        ],
    ),
    (Code::PortConflict, &["/server/port", "/worker/port"]),
    (
        Code::ReplicaEqualsPrimary,
        &[
            "/database/url",
            "/enhancedClient/connectionPool/url",
            "/enhancedClient/replication/readReplicas",
        ],
    ),
    (
        Code::InvalidEmail,
        &[
            "/compliance/reportingSchedule/recipients",
            "/server/externalServices/smtp/from",
            "/server/externalServices/smtp/user",
        ],
    ),
    (Code::InvalidUrl, URL_FIELDS),
    (Code::InlineCredentials, URL_FIELDS),
    (
        Code::CorsWildcardCredentials,
        &["/server/cors/credentials", "/server/cors/origin"],
    ),
    (Code::ForeignEnvironmentHost, URL_FIELDS),
    (
        Code::PaginationLimits,
        &[
            "/server/performance/pagination/defaultLimit",
            "/server/performance/pagination/maxLimit",
        ],
    ),
    (Code::SessionSecretLength, &["/server/auth/sessionSecret"]),
    (
        Code::HipaaRetention,
        &[
            "/compliance/defaultRetentionDays",
            "/compliance/hipaa/enabled",
            "/compliance/hipaa/retentionYears",
        ],
    ),
    (Code::ProductionDebugMode, &["/logging/enableDebugMode"]),
    (
        Code::FullTraceSampling,
        &[
            "/observability/tracing/enabled",
            "/observability/tracing/sampleRate",
        ],
    ),
    (
        Code::ArchiveUnencrypted,
        &["/archive/encryptArchive", "/compliance/hipaa/enabled"],
    ),
];

const URL_FIELDS: &[&str] = &[
    "/database/url",
    "/redis/url",
    "/enhancedClient/connectionPool/url",
    "/enhancedClient/replication/readReplicas",
    "/logging/otlp/endpoint",
    "/monitoring/notification/url",
    "/observability/metrics/exporterEndpoint",
    "/observability/tracing/exporterEndpoint",
    "/security/kms/baseUrl",
    "/server/auth/betterAuthUrl",
    "/server/auth/dbUrl",
    "/server/auth/redisUrl",
    "/server/inngest/baseUrl",
    "/server/auth/trustedOrigins",
    "/server/auth/trustedOrigins/*",
    "/enhancedClient/replication/readReplicas/*",
];

/// The codes of the rules that check the value at `at`.
fn rules_for(at: &str, node: &Node) -> Vec<Code> {
    let mut out = Vec::new();
    let m = &node.merged;
    if m.contains_key("type") || m.contains_key("enum") {
        out.push(Code::WrongType);
    }
    if ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
        .iter()
        .any(|k| m.contains_key(*k))
    {
        out.push(Code::OutOfRange);
    }
    if m.contains_key("enum") {
        out.push(Code::InvalidEnum);
    }
    if m.contains_key("pattern") {
        out.push(Code::PatternMismatch);
    }
    if node.text("format").is_some_and(|f| {
        !f.starts_with("uint")
            && !f.starts_with("int")
            && !f.starts_with("float")
            && !f.starts_with("double")
    }) {
        out.push(Code::InvalidFormat);
    }
    let base = at.rsplit_once('/').map_or("", |(p, _)| p);
    let key = at.rsplit('/').next().unwrap_or("");
    if node_at(base).is_some_and(|p| p.required().contains(&key)) {
        out.push(Code::RequiredField);
    }
    for (code, paths) in RULE_PATHS {
        if paths.iter().any(|p| pointer::matches(p, at)) {
            out.push(*code);
        }
    }
    // Placeholders (`TODO`, `changeme`, `${VAR}`) are looked for in every
    // string, more strictly in secrets.
    let string = match m.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    if string || secrets::is_secret(at) {
        out.push(Code::PlaceholderSecret);
    }
    if node.is_object() {
        out.push(Code::UnknownField);
    }
    crate::base::sort::sort(&mut out);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_limits_defaults_presets_and_rules() {
        let k = knowledge("/database/poolSize").expect("known");
        assert_eq!(k.node.merged.get("minimum"), Some(&Value::from(1)));
        assert_eq!(k.node.merged.get("maximum"), Some(&Value::from(100)));
        assert_eq!(k.node.text("title"), Some("Pool size"));
        assert_eq!(k.presets.len(), 4);
        assert!(k.presets.iter().all(|(_, v)| v.is_some()));
        assert!(k.rules.contains(&Code::OutOfRange), "{:?}", k.rules);
        assert_eq!(k.restart, Some("database"));
        let live = knowledge("/worker/concurrency").expect("known");
        assert_eq!(live.restart, None);
        assert!(live.rules.contains(&Code::DevWorkerConcurrency));
        let secret = knowledge("/server/auth/sessionSecret").expect("known");
        assert_eq!(secret.secret, Some(SecretKind::Opaque));
        assert!(
            secret.rules.contains(&Code::SessionSecretLength)
                && secret.rules.contains(&Code::PlaceholderSecret)
        );
        assert!(knowledge("/nope").is_none());
        let smtp = node_at("/server/externalServices/smtp").expect("nullable object");
        assert!(smtp.nullable && smtp.is_object());
    }

    #[test]
    fn every_rule_path_is_a_schema_path() {
        for (code, paths) in RULE_PATHS {
            for p in *paths {
                if !p.contains('*') {
                    assert!(node_at(p).is_some(), "{code}: {p}");
                }
            }
        }
    }

    /// The table of rule paths is honest: every rule finding on the
    /// fixtures and on the presets validated as every environment is
    /// listed for its path.
    #[test]
    fn rule_findings_are_listed_for_their_paths() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/validate");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.extend(
            Environment::ALL
                .iter()
                .map(|e| crate::preset::reference_text(*e).to_owned()),
        );
        assert!(texts.len() > 10);
        let mut checked = 0;
        let mut missing = std::collections::BTreeSet::new();
        for text in &texts {
            for env in Environment::ALL {
                let options = crate::ValidateOptions {
                    environment: Some(env),
                    ..crate::ValidateOptions::default()
                };
                for d in crate::validate(text, &options).diagnostics {
                    if !matches!(
                        d.code.info().group,
                        crate::RuleGroup::Upstream | crate::RuleGroup::Review
                    ) {
                        continue;
                    }
                    let Some(k) = knowledge(&d.path) else {
                        continue;
                    };
                    checked += 1;
                    if !k.rules.contains(&d.code) {
                        missing.insert(format!("{} {}", d.code, d.path));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
        assert!(checked > 20, "{checked}");
    }
}
