//! Encrypted data as the lower layers must recognise it: how a sealed
//! value (field-level encryption), its metadata block and a whole encrypted
//! config file (the audit server's secure storage, or a KMS file) look, for every layer that must leave
//! ciphertext alone (validation, diff, masking). Sealing and opening live
//! in `crate::crypto::fields`.

use crate::base::encoding::b64url_decode;
use crate::base::pointer;
use serde_json::Value;

/// Nonce length of a sealed value (AES-256-GCM).
pub const NONCE_LEN: usize = 12;
/// Authentication tag length of a sealed value.
pub const TAG_LEN: usize = 16;

/// The top-level key of the metadata block.
pub const METADATA_KEY: &str = "$auditcfgEncryption";
/// The prefix of every sealed value.
pub const SEALED_PREFIX: &str = "enc:v1:";
/// Does `s` look like a sealed value (`enc:v1:` and well-formed base64url
/// long enough for a nonce, a tag and at least one byte)?
pub fn is_sealed(s: &str) -> bool {
    s.strip_prefix(SEALED_PREFIX)
        .and_then(b64url_decode)
        .is_some_and(|raw| raw.len() > NONCE_LEN + TAG_LEN)
}

/// The pointers of every sealed-looking string value in a document, in
/// document order (the metadata block excluded), for diffs.
pub fn sealed_paths(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::String(s) if is_sealed(s) => out.push(at.to_owned()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &pointer::push(at, &i.to_string()), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    if at.is_empty() && k == METADATA_KEY {
                        continue;
                    }
                    walk(item, &pointer::push(at, k), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, "", &mut out);
    out
}

/// The kind of an encrypted config given where a plain config is
/// expected (`validate`, `diff`, the editor): `Some("AES-256-GCM")`,
/// `Some("AES-256-CBC")` or `Some("KMS")`; `None` for anything else (a
/// plain config, a sealed document, text that is not JSON). It looks at the
/// file's shape only (an `algorithm` the server knows, with `data`; or a
/// lone `data` string: KMS); `crate::crypto` decrypts and reports what is
/// wrong inside.
pub fn encrypted_config_kind(text: &str) -> Option<&'static str> {
    // Every encrypted file has a "data" member; a config does not, so most
    // texts are answered without a second parse.
    if !text.contains("\"data\"") {
        return None;
    }
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let has = |k: &str| map.contains_key(k);
    if !has("algorithm") && !has("iv") && !has("authTag") {
        let kms = matches!(map.get("data"), Some(Value::String(_))) && !has("environment");
        return kms.then_some("KMS");
    }
    if !matches!(map.get("data"), Some(Value::String(_))) {
        return None;
    }
    // Node accepts the names in any case; so does the server.
    match map.get("algorithm").and_then(Value::as_str) {
        Some(a) if a.eq_ignore_ascii_case("AES-256-GCM") => Some("AES-256-GCM"),
        Some(a) if a.eq_ignore_ascii_case("AES-256-CBC") => Some("AES-256-CBC"),
        _ => None,
    }
}

/// The one-line explanation for [`encrypted_config_kind`]'s `kind`.
pub fn encrypted_config_message(kind: &str) -> String {
    if kind == "KMS" {
        "this is a config encrypted by a key management service (KMS): decrypt it with the audit server's KMS tooling first".to_owned()
    } else {
        format!("this is an encrypted config ({kind}): decrypt it first")
    }
}
