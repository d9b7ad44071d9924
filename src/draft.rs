//! Drafts kept in the browser's storage so that work survives a reload or
//! a crash, without ever writing a plaintext secret there: a draft is
//! either **stripped** (every secret replaced by `***MASKED***`, URLs
//! keeping their shape without credentials; the real values stay in the
//! tab's memory only) or **sealed** (the whole draft encrypted with a key
//! derived from the user's password, in the audit server's file format).
//! No DOM here: the app moves the strings to and from `localStorage`.

use auditcfg_core::crypto::{self, FileOptions, Kdf};
use auditcfg_core::secrets;
use auditcfg_core::syntax::redact;
use serde_json::{Map, Value, json};

/// The `localStorage` key of the draft.
pub const DRAFT_KEY: &str = "auditcfg.draft.v1";
/// The `localStorage` key of earlier versions (stripped), for the diff.
pub const VERSIONS_KEY: &str = "auditcfg.versions.v1";
/// Earlier versions kept.
pub const MAX_VERSIONS: usize = 10;

/// How a stored draft protects its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protection {
    /// Secrets removed (`count` of them); they are not in storage.
    Stripped {
        /// Secrets replaced.
        count: usize,
    },
    /// Encrypted with the user's password.
    Sealed,
}

/// A text stripped of its secrets, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    /// The text, every secret replaced (`***MASKED***`, URLs keeping
    /// their shape with `***` credentials).
    pub text: String,
    /// How many secrets were replaced.
    pub removed: usize,
    /// Did the text parse? When not, the secrets were found on the core's
    /// error-tolerant view (secret keys, URL credentials, values that look
    /// like keys or tokens, values remembered from the last version that
    /// parsed): a best effort, and the draft says so.
    pub parsed: bool,
}

/// The text with every secret value replaced, formatting kept, found by
/// the core ([`redact::secret_ranges`]: the secret registry on the
/// error-tolerant view, so it works whether the text parses or not, and
/// finds every occurrence of a duplicate key). `known` are secret values
/// remembered from the last version that parsed, replaced wherever they
/// occur. `None` when a secret could still be left in (part of the text
/// was beyond the scan's limits, or stripping the result again still
/// finds one): then nothing must be stored unprotected.
pub fn strip_secrets(text: &str, known: &[String]) -> Option<Stripped> {
    let found = redact::secret_ranges(text, None, known);
    if !found.complete {
        return None;
    }
    let out = redact::redact(text, &found);
    // Belt and braces: looking at the result again finds only masks.
    let again = redact::secret_ranges(&out, None, known);
    let clean = again.complete
        && again.spans.iter().all(|s| {
            let v = &out[s.range.start..s.range.end];
            v == secrets::MASK || v == secrets::URL_CREDENTIAL_MASK
        });
    clean.then_some(Stripped {
        text: out,
        removed: found.spans.len(),
        parsed: found.parsed,
    })
}

/// Every secret value of a text that parses (kept in memory to strip
/// drafts of later texts that do not parse); empty when it does not.
pub fn secret_strings(text: &str) -> Vec<String> {
    redact::secret_values(text, None)
}

/// What the status bar says about a stripped draft. Never "no secrets"
/// for a text that was not fully checked.
pub fn stripped_note(s: &Stripped) -> String {
    match (s.parsed, s.removed) {
        (true, 0) => "Draft saved in this browser (no secrets in it).".to_owned(),
        (true, n) => format!(
            "Draft saved in this browser without its {}: they are never stored unencrypted (protect drafts with a password in Encrypt to keep them).",
            crate::findings::plural(n, "secret")
        ),
        (false, n) => format!(
            "Draft saved in this browser, but the text does not parse: secrets were looked for on a best-effort view (secret keys, URL credentials, key-like values) and {} removed. Protect drafts with a password in Encrypt to be sure.",
            match n {
                0 => "none was".to_owned(),
                1 => "1 was".to_owned(),
                n => format!("{n} were"),
            }
        ),
    }
}

/// What the status bar says when a draft could not be stripped safely.
pub const NOT_SAVED_NOTE: &str = "Draft not saved: part of the text could not be checked for secrets (protect drafts with a password in Encrypt, or fix the syntax).";

/// A stored draft record (what goes into `localStorage`).
/// `parsed: false` says the secrets were found on the error-tolerant view
/// of a text that does not parse.
pub fn stripped_record(s: &Stripped, name: Option<&str>, saved_at: f64) -> String {
    json!({
        "v": 1,
        "protection": "stripped",
        "removed": s.removed,
        "parsed": s.parsed,
        "name": name,
        "savedAt": saved_at,
        "text": s.text,
    })
    .to_string()
}

/// A sealed draft record: the text (and name) encrypted with a key derived
/// from the user's password (`key` = PBKDF2 of the password, `salt`,
/// `kdf`), in the audit server's whole-file format.
pub fn sealed_record(
    text: &str,
    name: Option<&str>,
    saved_at: f64,
    key: &[u8; 32],
    salt: &[u8],
    kdf: Kdf,
) -> Result<String, String> {
    let plaintext = json!({ "text": text, "name": name }).to_string();
    let opts = FileOptions {
        kdf,
        salt: Some(salt.to_vec()),
        ..FileOptions::default()
    };
    let file =
        crypto::encrypt_file_with_key(&plaintext, key, salt, &opts).map_err(|e| e.to_string())?;
    Ok(json!({
        "v": 1,
        "protection": "sealed",
        "savedAt": saved_at,
        "file": file,
    })
    .to_string())
}

/// A draft read back from storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// Secrets were removed: the text can be restored as is.
    Stripped {
        /// The text (secrets masked).
        text: String,
        /// The file name.
        name: Option<String>,
        /// How many secrets were removed.
        removed: usize,
        /// Did the text parse when stored (`false`: its secrets were found
        /// on the error-tolerant view)? Records from before this field
        /// read as `true`.
        parsed: bool,
        /// When (ms since the epoch).
        saved_at: f64,
    },
    /// Encrypted: needs the password.
    Sealed {
        /// The encrypted file.
        file: String,
        /// When.
        saved_at: f64,
    },
}

/// Reads a record; `None` for anything else (then it is ignored).
pub fn read_record(stored: &str) -> Option<Stored> {
    let v: Map<String, Value> = serde_json::from_str(stored).ok()?;
    if v.get("v")?.as_u64()? != 1 {
        return None;
    }
    let saved_at = v.get("savedAt").and_then(Value::as_f64).unwrap_or(0.0);
    match v.get("protection")?.as_str()? {
        "stripped" => Some(Stored::Stripped {
            text: v.get("text")?.as_str()?.to_owned(),
            name: v.get("name").and_then(Value::as_str).map(str::to_owned),
            removed: v.get("removed").and_then(Value::as_u64).unwrap_or(0) as usize,
            parsed: v.get("parsed").and_then(Value::as_bool).unwrap_or(true),
            saved_at,
        }),
        "sealed" => Some(Stored::Sealed {
            file: v.get("file")?.as_str()?.to_owned(),
            saved_at,
        }),
        _ => None,
    }
}

/// Opens a sealed draft with the key derived from the password: the text
/// and the file name.
pub fn open_sealed(file: &str, key: &[u8; 32]) -> Result<(String, Option<String>), String> {
    let plain = crypto::decrypt_file_with_key(file, key).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_str(&plain).map_err(|e| e.to_string())?;
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or("the draft has no text")?
        .to_owned();
    let name = v.get("name").and_then(Value::as_str).map(str::to_owned);
    Ok((text, name))
}

/// One earlier version (always stripped) for the diff's "earlier version".
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// When (ms since the epoch).
    pub saved_at: f64,
    /// The file name.
    pub name: Option<String>,
    /// The text, secrets masked.
    pub text: String,
}

/// Reads the stored versions (newest first); anything unreadable is
/// skipped.
pub fn read_versions(stored: &str) -> Vec<Version> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(stored) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| {
            Some(Version {
                saved_at: i.get("savedAt")?.as_f64()?,
                name: i.get("name").and_then(Value::as_str).map(str::to_owned),
                text: i.get("text")?.as_str()?.to_owned(),
            })
        })
        .collect()
}

/// Adds a version (already stripped) in front, dropping the oldest beyond
/// [`MAX_VERSIONS`] and an identical previous one.
pub fn push_version(stored: &str, version: Version) -> String {
    let mut all = read_versions(stored);
    all.retain(|v| v.text != version.text);
    all.insert(0, version);
    all.truncate(MAX_VERSIONS);
    Value::Array(
        all.into_iter()
            .map(|v| json!({"savedAt": v.saved_at, "name": v.name, "text": v.text}))
            .collect(),
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use auditcfg_core::Document;

    const TEXT: &str = r#"{
  "environment": "production",
  "redis": {"url": "rediss://user:S3cretRedisPw@cache:6380"},
  "security": {"encryptionKey": "MARKER-ENCRYPTION-KEY-0123456789"},
  "server": {"auth": {"sessionSecret": "MARKER-SESSION-SECRET"}, "port": 3000},
  "x-unknown": "kept"
}"#;

    fn strip(text: &str, known: &[String]) -> Stripped {
        strip_secrets(text, known).expect("strippable")
    }

    #[test]
    fn stripping_removes_every_secret_and_keeps_the_rest() {
        let s = strip(TEXT, &[]);
        let out = &s.text;
        // Three values, the URL's user name and password.
        assert_eq!((s.removed, s.parsed), (4, true));
        for m in [
            "S3cretRedisPw",
            "MARKER-ENCRYPTION-KEY",
            "MARKER-SESSION-SECRET",
        ] {
            assert!(!out.contains(m), "{m} in {out}");
        }
        assert!(out.contains("\"x-unknown\": \"kept\""));
        assert!(out.contains("rediss://***:***@cache:6380"), "{out}");
        assert!(out.contains("\"port\": 3000"));
        // A URL without credentials, and a URL's user name appearing
        // elsewhere, do not block the draft.
        let public = TEXT.replace("user:S3cretRedisPw@", "");
        let known = secret_strings(&public);
        assert!(strip_secrets(&public, &known).is_some());
        let with_user = TEXT.replace("\"x-unknown\": \"kept\"", "\"x-unknown\": \"user\"");
        let known = secret_strings(&with_user);
        let s = strip(&with_user, &known);
        assert!(s.text.contains("\"x-unknown\": \"user\""), "{}", s.text);
        // A secret copied where no registry path points goes too; a switch
        // named like a secret keeps its type.
        let copied = TEXT.replace(
            "\"x-unknown\": \"kept\"",
            "\"x-unknown\": \"https://hooks.example.org/MARKER-SESSION-SECRET\", \"cors\": {\"credentials\": true}",
        );
        let s2 = strip(&copied, &[]);
        assert!(!s2.text.contains("MARKER-SESSION-SECRET"), "{}", s2.text);
        assert!(s2.text.contains("\"credentials\": true"));
        // Stripping twice changes nothing more.
        let again = strip(out, &[]);
        assert_eq!(again.text, *out);
    }

    #[test]
    fn broken_text_is_stripped_with_the_known_secrets() {
        let known = secret_strings(TEXT);
        assert!(known.iter().any(|s| s == "S3cretRedisPw"));
        let broken = TEXT.replace("\"port\": 3000", "\"port\": ");
        assert!(Document::parse(&broken, None).document.is_none());
        let s = strip(&broken, &known);
        assert!(!s.parsed);
        assert!(s.removed >= 3);
        for k in &known {
            assert!(!s.text.contains(k.as_str()), "{k}");
        }
    }

    /// Issue 11, item 1: a text that does not parse was stored with every
    /// secret in clear, as `protection: "stripped", removed: 0`.
    #[test]
    fn broken_text_without_known_secrets_keeps_none() {
        for broken in [
            r#"{"server": {"auth": {"sessionSecret": "MARKER-SESSION"}}, "redis": {"url": "redis://u:MARKER-PW@h"}, "x": "cut"#,
            "{'server': {'auth': {'sessionSecret': 'MARKER-QUOTED'}}}",
            r#"{{"security": {"encryptionKey": "MARKER-BRACES"}}"#,
            "[server.auth\nsessionSecret = \"MARKER-TOML\"\n[database]\nurl = \"postgres://a:MARKER-DB@h/x",
        ] {
            let s = strip(broken, &[]);
            let rec = stripped_record(&s, None, 0.0);
            assert!(!rec.contains("MARKER"), "{rec}");
            assert!(rec.contains("\"parsed\":false"), "{rec}");
            assert!(s.removed > 0);
            assert!(!stripped_note(&s).contains("no secrets"));
        }
        // Even with nothing found, a broken text is never "no secrets".
        let s = strip("{\"a\": ", &[]);
        assert_eq!((s.removed, s.parsed), (0, false));
        assert!(
            !stripped_note(&s).contains("no secrets"),
            "{}",
            stripped_note(&s)
        );
    }

    /// Issue 11, item 1: the shadowed first of two duplicate keys was
    /// stored in clear.
    #[test]
    fn shadowed_duplicate_keys_are_stripped() {
        let dup = r#"{"server": {"auth": {"sessionSecret": "MARKER-FIRST", "sessionSecret": "second-value-long"}}}"#;
        let s = strip(dup, &[]);
        let rec = stripped_record(&s, None, 0.0);
        assert!(
            !rec.contains("MARKER") && !rec.contains("second-value"),
            "{rec}"
        );
    }

    #[test]
    fn text_beyond_the_scan_limits_is_not_stored() {
        let deep = format!("{}\"sessionSecret\": \"x\"", "[".repeat(1000));
        assert_eq!(strip_secrets(&deep, &[]), None);
    }

    #[test]
    fn records_round_trip() {
        let s = strip(TEXT, &[]);
        let rec = stripped_record(&s, Some("prod.json"), 5.0);
        assert_eq!(
            read_record(&rec),
            Some(Stored::Stripped {
                text: s.text.clone(),
                name: Some("prod.json".to_owned()),
                removed: 4,
                parsed: true,
                saved_at: 5.0
            })
        );
        let salt = [1u8; 32];
        let kdf = Kdf::Pbkdf2 { iterations: 1000 };
        let key = crypto::derive_key(b"pw", &salt, &kdf).expect("key");
        let rec = sealed_record(TEXT, None, 6.0, &key, &salt, kdf).expect("seal");
        assert!(!rec.contains("MARKER"), "no plaintext");
        let Some(Stored::Sealed { file, saved_at }) = read_record(&rec) else {
            panic!("sealed");
        };
        assert_eq!(saved_at, 6.0);
        assert_eq!(open_sealed(&file, &key).expect("open").0, TEXT);
        // The CLI's format: the password alone opens it.
        let plain = crypto::decrypt_file(&file, "pw", &Default::default()).expect("decrypt");
        assert!(plain.contains("MARKER-SESSION-SECRET"));
        let wrong = crypto::derive_key(b"px", &salt, &kdf).expect("key");
        assert!(open_sealed(&file, &wrong).is_err());
        assert_eq!(read_record("{}"), None);
        assert_eq!(read_record("not json"), None);
    }

    #[test]
    fn versions_are_bounded_and_deduplicated() {
        let mut stored = String::new();
        for i in 0..15 {
            let v = Version {
                saved_at: f64::from(i),
                name: None,
                text: format!("{{\"n\": {}}}", i % 12),
            };
            stored = push_version(&stored, v);
        }
        let all = read_versions(&stored);
        assert_eq!(all.len(), MAX_VERSIONS);
        assert_eq!(all[0].saved_at, 14.0);
        assert_eq!(read_versions("garbage"), vec![]);
    }
}
