//! Drafts kept in the browser's storage so that work survives a reload or
//! a crash, without ever writing a plaintext secret there: a draft is
//! either **stripped** (every secret replaced by `***MASKED***`, URLs
//! keeping their shape without credentials; the real values stay in the
//! tab's memory only) or **sealed** (the whole draft encrypted with a key
//! derived from the user's password, in the audit server's file format).
//! No DOM here: the app moves the strings to and from `localStorage`.

use auditcfg_core::crypto::{self, FileOptions, Kdf};
use auditcfg_core::secrets::{self, SecretKind};
use auditcfg_core::{Document, TextRange};
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

/// The text with every secret value replaced, formatting kept. When the
/// text does not parse, the `known` secret strings (from the last version
/// that parsed) are replaced wherever they occur. `None` when a secret
/// could still be left in (the text does not parse and holds a secret we
/// cannot locate): then nothing must be stored.
pub fn strip_secrets(text: &str, known: &[String]) -> Option<(String, usize)> {
    let parse = Document::parse(text, None);
    if let Some(doc) = parse.document {
        let mut edits: Vec<(TextRange, String)> = Vec::new();
        for p in secrets::secret_pointers(doc.value()) {
            // Strings and numbers only: a switch named like a secret
            // (`cors.credentials`) keeps its type.
            let Some(v) = doc
                .value()
                .pointer(&p)
                .filter(|v| v.is_string() || v.is_number())
            else {
                continue;
            };
            let masked = match (secrets::secret_kind(&p), v) {
                (Some(SecretKind::Url), Value::String(s)) => secrets::mask_url(s),
                _ => secrets::MASK.to_owned(),
            };
            if v.as_str() == Some(masked.as_str()) {
                continue;
            }
            let loc = doc.locate(&p);
            if !loc.exact {
                continue;
            }
            edits.push((loc.range, serde_json::to_string(&masked).ok()?));
        }
        edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        let mut out = text.to_owned();
        let mut count = edits.len();
        for (range, with) in edits {
            out.get(range.start..range.end)?;
            out.replace_range(range.start..range.end, &with);
        }
        // A secret may also sit where no registry path points (a token in
        // a webhook URL's path, a copy in an unknown field): every secret
        // string goes, wherever it is.
        let mut all = secret_strings(text).unwrap_or_default();
        all.extend(known.iter().cloned());
        for s in all.iter().filter(|s| s.len() >= 8) {
            if out.contains(s.as_str()) {
                count += out.matches(s.as_str()).count();
                out = out.replace(s.as_str(), secrets::MASK);
            }
        }
        // Belt and braces: stripping the result again finds nothing, and
        // no secret value remembered from earlier versions survives.
        let again = Document::parse(&out, None).document?;
        let clean = secrets::secret_pointers(again.value()).iter().all(|p| {
            match again.value().pointer(p) {
                Some(Value::String(s)) => s == secrets::MASK || url_without_password(s),
                Some(v) => !v.is_number(),
                None => true,
            }
        });
        return clean.then_some((out, count));
    }
    let mut out = text.to_owned();
    let mut count = 0;
    for s in known.iter().filter(|s| !s.is_empty()) {
        let escaped = serde_json::to_string(s).ok()?;
        let inner = &escaped[1..escaped.len() - 1];
        for needle in [s.as_str(), inner] {
            if out.contains(needle) {
                count += out.matches(needle).count();
                out = out.replace(needle, secrets::MASK);
            }
        }
    }
    Some((out, count))
}

/// Is `s` a URL whose password, if any, is masked?
fn url_without_password(s: &str) -> bool {
    let Some((_, rest)) = s.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    match authority.rsplit_once('@') {
        None => true,
        Some((cred, _)) => cred
            .split_once(':')
            .is_none_or(|(_, pw)| pw == secrets::URL_CREDENTIAL_MASK),
    }
}

/// Every secret string of a text that parses (kept in memory to strip
/// drafts of texts that do not parse).
pub fn secret_strings(text: &str) -> Option<Vec<String>> {
    let doc = Document::parse(text, None).document?;
    let mut out = Vec::new();
    for p in secrets::secret_pointers(doc.value()) {
        let url = secrets::secret_kind(&p) == Some(SecretKind::Url);
        match doc.value().pointer(&p) {
            Some(Value::String(s)) if s != secrets::MASK => {
                // A URL is public but for its password; other secrets are
                // secret whole.
                if !url {
                    out.push(s.clone());
                } else if let Some((_, rest)) = s.split_once("://")
                    && let Some((cred, _)) = rest.rsplit_once('@')
                    && let Some((_, password)) = cred.split_once(':')
                    && !password.is_empty()
                    && password != secrets::URL_CREDENTIAL_MASK
                {
                    out.push(password.to_owned());
                }
            }
            Some(Value::Number(n)) => out.push(n.to_string()),
            _ => {}
        }
    }
    Some(out)
}

/// A stored draft record (what goes into `localStorage`).
pub fn stripped_record(text: &str, count: usize, name: Option<&str>, saved_at: f64) -> String {
    json!({
        "v": 1,
        "protection": "stripped",
        "removed": count,
        "name": name,
        "savedAt": saved_at,
        "text": text,
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

    const TEXT: &str = r#"{
  "environment": "production",
  "redis": {"url": "rediss://user:S3cretRedisPw@cache:6380"},
  "security": {"encryptionKey": "MARKER-ENCRYPTION-KEY-0123456789"},
  "server": {"auth": {"sessionSecret": "MARKER-SESSION-SECRET"}, "port": 3000},
  "x-unknown": "kept"
}"#;

    #[test]
    fn stripping_removes_every_secret_and_keeps_the_rest() {
        let (out, n) = strip_secrets(TEXT, &[]).expect("strippable");
        assert_eq!(n, 3);
        for s in [
            "S3cretRedisPw",
            "MARKER-ENCRYPTION-KEY",
            "MARKER-SESSION-SECRET",
        ] {
            assert!(!out.contains(s), "{s} in {out}");
        }
        assert!(out.contains("\"x-unknown\": \"kept\""));
        assert!(out.contains("rediss://***:***@cache:6380"), "{out}");
        assert!(out.contains("\"port\": 3000"));
        // A URL without credentials, and a URL's user name appearing
        // elsewhere, do not block the draft.
        let public = TEXT.replace("user:S3cretRedisPw@", "");
        let known = secret_strings(&public).expect("parses");
        assert!(strip_secrets(&public, &known).is_some());
        let with_user = TEXT.replace("\"x-unknown\": \"kept\"", "\"x-unknown\": \"user\"");
        let known = secret_strings(&with_user).expect("parses");
        assert!(strip_secrets(&with_user, &known).is_some());
        // A secret copied where no registry path points goes too; a switch
        // named like a secret keeps its type.
        let copied = TEXT.replace(
            "\"x-unknown\": \"kept\"",
            "\"x-unknown\": \"https://hooks.example.org/MARKER-SESSION-SECRET\", \"cors\": {\"credentials\": true}",
        );
        let (out2, _) = strip_secrets(&copied, &[]).expect("strippable");
        assert!(!out2.contains("MARKER-SESSION-SECRET"), "{out2}");
        // Stripping twice changes nothing more.
        let (again, n) = strip_secrets(&out, &[]).expect("strippable");
        assert_eq!((again.as_str(), n), (out.as_str(), 0));
    }

    #[test]
    fn broken_text_is_stripped_with_the_known_secrets() {
        let known = secret_strings(TEXT).expect("parses");
        assert!(known.iter().any(|s| s == "S3cretRedisPw"));
        let broken = TEXT.replace("\"port\": 3000", "\"port\": ");
        assert!(Document::parse(&broken, None).document.is_none());
        let (out, n) = strip_secrets(&broken, &known).expect("strippable");
        assert!(n >= 3);
        for s in &known {
            assert!(!out.contains(s.as_str()), "{s}");
        }
    }

    #[test]
    fn records_round_trip() {
        let (text, n) = strip_secrets(TEXT, &[]).expect("strippable");
        let rec = stripped_record(&text, n, Some("prod.json"), 5.0);
        assert_eq!(
            read_record(&rec),
            Some(Stored::Stripped {
                text: text.clone(),
                name: Some("prod.json".to_owned()),
                removed: 3,
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
