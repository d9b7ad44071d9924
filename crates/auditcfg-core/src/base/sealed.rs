//! Sealed values (field-level encryption) as data: how a sealed value and
//! the metadata block are recognised, for every layer that must leave
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
