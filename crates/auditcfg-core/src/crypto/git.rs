//! What git's drivers need for documents with sealed fields (the CLI's
//! `auditcfg git-setup`, `mask --fingerprints`, `git-merge`):
//!
//! - [`fingerprint_view`]: the document as a diff should show it: every
//!   secret a fingerprint ([`crate::secrets::fingerprint`]: `sha256:` and 8
//!   hex digits), sealed values `enc:v1:sha256:…` (the fingerprint of the
//!   ciphertext, which stays the same while the secret does), the metadata
//!   block without its per-value digests;
//! - [`merge_sealed`]: a three-way merge on values (objects key by key,
//!   arrays and scalars whole) of two edited versions of a document and
//!   their common ancestor. With the password every sealed value is opened
//!   on its own (tag verified), the merge runs on the plaintexts and the
//!   result is sealed and authenticated again; without it the merge runs
//!   on the ciphertexts (a secret changed on one side only merges cleanly)
//!   and the result must be resealed (`auditcfg encrypt --fields`) before
//!   it opens.

use super::CryptoError;
use super::fields::{
    METADATA_KEY, is_sealed, open_each_with_password, reseal_merged, sealed_paths,
};
use crate::{pointer, secrets};
use serde_json::{Map, Value};

/// The document as git's `textconv` shows it (see the module docs).
pub fn fingerprint_view(doc: &Value) -> Value {
    let sealed = sealed_paths(doc);
    let mut out = doc.clone();
    for p in secrets::secret_pointers(doc) {
        if let Some(slot) = out.pointer_mut(&p)
            && !slot.as_str().is_some_and(is_sealed)
        {
            *slot = Value::String(secrets::fingerprint(slot));
        }
    }
    for p in &sealed {
        if let Some(slot) = out.pointer_mut(p) {
            let fp = secrets::fingerprint(slot);
            *slot = Value::String(format!("enc:v1:{fp}"));
        }
    }
    if let Some(Value::Object(meta)) = out.get_mut(METADATA_KEY) {
        meta.shift_remove("digests");
    }
    out
}

/// The result of [`merge_sealed`].
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The merged document (at a conflict: our side's value).
    pub merged: Value,
    /// JSON Pointers changed differently on both sides.
    pub conflicts: Vec<String>,
    /// Was the result sealed and authenticated again (password given and
    /// a sealed side)? If not and it is sealed, it opens only after
    /// `auditcfg encrypt --fields` with the password.
    pub resealed: bool,
}

/// Three-way merge of `ours` and `theirs` against `base` (see the module
/// docs). Any of the three may be sealed or plain.
pub fn merge_sealed(
    base: &Value,
    ours: &Value,
    theirs: &Value,
    password: Option<&str>,
) -> Result<MergeOutcome, CryptoError> {
    for v in [base, ours, theirs] {
        if !v.is_object() {
            return Err(CryptoError::NotAnObject);
        }
    }
    let sealed_side = [ours, theirs, base]
        .into_iter()
        .find(|v| v.get(METADATA_KEY).is_some());
    let strip = |v: &Value| -> Result<Value, CryptoError> {
        match (password, v.get(METADATA_KEY).is_some()) {
            (Some(pw), true) => open_each_with_password(v, pw),
            _ => {
                let mut v = v.clone();
                if let Value::Object(m) = &mut v {
                    m.shift_remove(METADATA_KEY);
                }
                Ok(v)
            }
        }
    };
    let (b, o, t) = (strip(base)?, strip(ours)?, strip(theirs)?);
    let mut conflicts = Vec::new();
    let merged = merge3(Some(&b), Some(&o), Some(&t), "", &mut conflicts)
        .unwrap_or_else(|| Value::Object(Map::new()));
    let Some(template) = sealed_side else {
        return Ok(MergeOutcome {
            merged,
            conflicts,
            resealed: false,
        });
    };
    match password {
        Some(pw) => {
            // Everything sealed on either side stays sealed.
            let mut listed = listed_of(ours);
            listed.extend(listed_of(theirs));
            let merged = reseal_merged(&merged, template, pw, &listed)?;
            Ok(MergeOutcome {
                merged,
                conflicts,
                resealed: true,
            })
        }
        None => {
            // Keep the sealed side's metadata, listing every sealed value
            // of the result; its MAC is stale until resealed.
            let mut merged = merged;
            let now: Vec<Value> = sealed_paths(&merged)
                .into_iter()
                .map(Value::String)
                .collect();
            if let (Value::Object(m), Some(Value::Object(meta))) =
                (&mut merged, template.get(METADATA_KEY))
            {
                let mut meta = meta.clone();
                meta.insert("sealed".to_owned(), Value::Array(now));
                m.insert(METADATA_KEY.to_owned(), Value::Object(meta));
            }
            Ok(MergeOutcome {
                merged,
                conflicts,
                resealed: false,
            })
        }
    }
}

fn listed_of(doc: &Value) -> Vec<String> {
    doc.get(METADATA_KEY)
        .and_then(|m| m.get("sealed"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Three-way merge of one value; `None` means absent.
fn merge3(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    at: &str,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    if base == theirs {
        return ours.cloned();
    }
    if let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs) {
        let empty = Map::new();
        let b = match base {
            Some(Value::Object(b)) => b,
            _ => &empty,
        };
        let mut out = Map::new();
        let keys = o
            .keys()
            .chain(t.keys().filter(|k| !o.contains_key(*k)))
            .chain(
                b.keys()
                    .filter(|k| !o.contains_key(*k) && !t.contains_key(*k)),
            );
        for k in keys {
            let here = pointer::push(at, k);
            if let Some(v) = merge3(b.get(k), o.get(k), t.get(k), &here, conflicts) {
                out.insert(k.clone(), v);
            }
        }
        return Some(Value::Object(out));
    }
    conflicts.push(at.to_owned());
    ours.or(theirs).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::fields::{FieldOptions, open_fields, seal_fields};
    use crate::crypto::kdf::Kdf;
    use serde_json::json;

    fn opts() -> FieldOptions {
        FieldOptions {
            kdf: Kdf::Pbkdf2 { iterations: 1_000 },
            salt: Some(vec![8; 32]),
            extra_pointers: vec![],
        }
    }

    fn doc() -> Value {
        json!({
            "environment": "production",
            "redis": {"url": "redis://:pw@cache:6379"},
            "database": {"url": "postgresql://u:p@db/audit", "poolSize": 10},
            "security": {"encryptionKey": "k".repeat(64)},
            "worker": {"concurrency": 4, "queueName": "q"}
        })
    }

    #[test]
    fn plain_three_way_merge() {
        let base = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1]});
        let ours = json!({"a": 2, "b": {"c": 2, "d": 3}, "e": [1]});
        let theirs = json!({"a": 1, "b": {"c": 5, "d": 3}, "f": true});
        let m = merge_sealed(&base, &ours, &theirs, None).expect("merge");
        assert_eq!(m.merged, json!({"a": 2, "b": {"c": 5, "d": 3}, "f": true}));
        assert!(m.conflicts.is_empty());
        let theirs = json!({"a": 3, "b": {"c": 2, "d": 4}, "e": [1]});
        let m = merge_sealed(&base, &ours, &theirs, None).expect("merge");
        assert_eq!(m.conflicts, ["/a"]);
        assert_eq!(m.merged["a"], 2);
        assert_eq!(m.merged["b"]["d"], 4);
    }

    #[test]
    fn sealed_merge_with_and_without_the_password() {
        let base = seal_fields(&doc(), "pw", &opts(), None).expect("seal");
        let mut ours = base.clone();
        ours["worker"]["concurrency"] = json!(8);
        let mut plain_theirs = doc();
        plain_theirs["redis"]["url"] = json!("redis://:new@cache:6379");
        let theirs = seal_fields(&plain_theirs, "pw", &opts(), Some(&base)).expect("reseal");
        // With the password: merged on plaintexts, sealed and MAC'd again.
        let m = merge_sealed(&base, &ours, &theirs, Some("pw")).expect("merge");
        assert!(m.conflicts.is_empty() && m.resealed);
        let opened = open_fields(&m.merged, "pw").expect("opens");
        assert_eq!(opened["worker"]["concurrency"], 8);
        assert_eq!(opened["redis"]["url"], "redis://:new@cache:6379");
        assert_eq!(m.merged["database"]["url"], base["database"]["url"]);
        // Without: merged on ciphertexts; resealing makes it open.
        let m = merge_sealed(&base, &ours, &theirs, None).expect("merge");
        assert!(m.conflicts.is_empty() && !m.resealed);
        assert_eq!(m.merged["redis"]["url"], theirs["redis"]["url"]);
        let r = crate::crypto::reseal_fields(&m.merged, "pw", &[]).expect("reseal");
        assert_eq!(
            open_fields(&r.doc, "pw").expect("opens")["worker"]["concurrency"],
            8
        );
        // Both sides change the same secret: a conflict.
        let mut other = doc();
        other["redis"]["url"] = json!("redis://:third@cache:6379");
        let ours2 = seal_fields(&other, "pw", &opts(), Some(&base)).expect("reseal");
        let m = merge_sealed(&base, &ours2, &theirs, Some("pw")).expect("merge");
        assert_eq!(m.conflicts, ["/redis/url"]);
        // A wrong password merges nothing.
        assert!(merge_sealed(&base, &ours, &theirs, Some("wrong")).is_err());
    }

    #[test]
    fn the_textconv_view_shows_fingerprints_only() {
        let sealed = seal_fields(&doc(), "pw", &opts(), None).expect("seal");
        let view = fingerprint_view(&sealed).to_string();
        assert!(!view.contains("kkkk") && !view.contains("postgresql://u:p"));
        assert!(!view.contains("digests"));
        let v = fingerprint_view(&sealed);
        assert!(
            v["redis"]["url"]
                .as_str()
                .expect("str")
                .starts_with("enc:v1:sha256:")
        );
        let plain = fingerprint_view(&doc());
        assert!(
            plain["security"]["encryptionKey"]
                .as_str()
                .expect("str")
                .starts_with("sha256:")
        );
        assert!(!plain.to_string().contains("kkkk"));
    }
}
