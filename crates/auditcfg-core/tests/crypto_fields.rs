//! Field-level encryption on the upstream presets: what is sealed, that
//! everything else survives, and that any change anywhere is detected.

// In a module named `crypto` so that `cargo test -p auditcfg-core crypto`
// selects these tests too.
mod crypto {
    use auditcfg_core::crypto::{
        CryptoError, FieldOptions, Kdf, METADATA_KEY, is_sealed, open_fields, seal_fields,
        sealed_paths,
    };
    use auditcfg_core::{pointer, secrets};
    use serde_json::{Value, json};
    use std::path::PathBuf;

    const PW: &str = "field password";
    const WRONG: CryptoError = CryptoError::WrongPasswordOrModified;

    fn fast() -> FieldOptions {
        FieldOptions {
            kdf: Kdf::Pbkdf2 { iterations: 1_000 },
            ..FieldOptions::default()
        }
    }

    fn preset(name: &str) -> Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("presets/{name}.json"));
        let text = std::fs::read_to_string(&path).expect("preset readable");
        serde_json::from_str(&text).expect("preset is JSON")
    }

    /// A preset with secrets filled in and unknown fields everywhere.
    fn rich() -> Value {
        let mut doc = preset("production");
        doc["database"]["url"] = json!("postgresql://audit:db-PASSWORD-123@db:5432/audit");
        doc["monitoring"]["notification"]["credentials"]["password"] = json!(987654);
        doc["x-unknown"] = json!({
            "nested": [1.5, -2, 1e300, "tab\t", {"deep": null}],
            "clé/with~odd": {"my/password": "slash-SECRET"},
            "empty": {}, "list": []
        });
        doc["server"]["x-added"] = json!(true);
        doc
    }

    fn scalar_pointers(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    scalar_pointers(item, &pointer::push(at, &i.to_string()), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    scalar_pointers(item, &pointer::push(at, k), out);
                }
            }
            _ => out.push(at.to_owned()),
        }
    }

    #[test]
    fn every_registry_secret_is_sealed_and_round_trips() {
        for name in ["development", "staging", "production", "test"] {
            let doc = preset(name);
            let sealed = seal_fields(&doc, PW, &fast(), None).expect("seal");
            let expected = secrets::secret_pointers(&doc);
            assert!(!expected.is_empty());
            assert_eq!(sealed_paths(&sealed), expected, "{name}");
            assert_eq!(sealed[METADATA_KEY]["sealed"], json!(expected));
            for p in &expected {
                let v = sealed.pointer(p).and_then(Value::as_str).expect("string");
                assert!(is_sealed(v), "{name} {p}");
                assert!(v.starts_with("enc:v1:"));
            }
            // The metadata block is the last key.
            assert_eq!(
                sealed
                    .as_object()
                    .and_then(|m| m.keys().next_back())
                    .map(String::as_str),
                Some(METADATA_KEY)
            );
            let opened = open_fields(&sealed, PW).expect("open");
            assert_eq!(opened.to_string(), doc.to_string(), "{name}");
        }
    }

    #[test]
    fn secret_values_do_not_appear_in_the_sealed_document() {
        let doc = rich();
        let sealed = seal_fields(&doc, PW, &fast(), None).expect("seal");
        let text = serde_json::to_string_pretty(&sealed).expect("json");
        for needle in [
            "db-PASSWORD-123",
            "987654",
            "slash-SECRET",
            doc["security"]["encryptionKey"].as_str().expect("key"),
            doc["server"]["auth"]["sessionSecret"]
                .as_str()
                .expect("secret"),
        ] {
            assert!(!text.contains(needle), "{needle} leaked");
        }
        // Non-string secrets become strings (the plaintext is their JSON).
        assert!(sealed["monitoring"]["notification"]["credentials"]["password"].is_string());
        // Keys needing pointer escapes are sealed under their escaped pointer.
        assert!(
            sealed_paths(&sealed).contains(&"/x-unknown/clé~1with~0odd/my~1password".to_owned())
        );
    }

    #[test]
    fn unknown_fields_survive_seal_and_open_unchanged() {
        let doc = rich();
        let sealed = seal_fields(&doc, PW, &fast(), None).expect("seal");
        assert_eq!(sealed["x-unknown"]["nested"], doc["x-unknown"]["nested"]);
        assert_eq!(sealed["server"]["x-added"], json!(true));
        let opened = open_fields(&sealed, PW).expect("open");
        // Same text: same values, same key order, same number formatting.
        assert_eq!(
            serde_json::to_string_pretty(&opened).expect("json"),
            serde_json::to_string_pretty(&doc).expect("json")
        );
        // Survives a trip through text, as a file on disk would.
        let reparsed: Value =
            serde_json::from_str(&serde_json::to_string_pretty(&sealed).expect("json"))
                .expect("json");
        assert_eq!(
            open_fields(&reparsed, PW).expect("open").to_string(),
            doc.to_string()
        );
    }

    fn mutate(v: &mut Value) {
        *v = match v.take() {
            Value::Null => json!(0),
            Value::Bool(b) => json!(!b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => json!(i.wrapping_add(1)),
                None => json!(n.as_f64().unwrap_or(0.0) * 2.0 + 1.0),
            },
            Value::String(s) => json!(format!("{s}x")),
            other => other,
        };
    }

    #[test]
    fn any_change_anywhere_is_detected() {
        let doc = rich();
        let sealed = seal_fields(&doc, PW, &fast(), None).expect("seal");
        let mut leaves = Vec::new();
        scalar_pointers(&sealed, "", &mut leaves);
        let mut checked = 0;
        for p in leaves {
            if p == format!("/{METADATA_KEY}/version") || p == format!("/{METADATA_KEY}/cipher") {
                continue; // these have their own errors, below
            }
            let mut tampered = sealed.clone();
            mutate(tampered.pointer_mut(&p).expect("leaf"));
            let r = open_fields(&tampered, PW);
            assert!(
                matches!(
                    r,
                    Err(CryptoError::WrongPasswordOrModified | CryptoError::InvalidField { .. })
                ),
                "{p}: {r:?}"
            );
            checked += 1;
        }
        assert!(checked >= 250, "{checked}");
        // Structural changes.
        let mut added = sealed.clone();
        added["redis"]["newKey"] = json!(1);
        assert_eq!(open_fields(&added, PW), Err(WRONG));
        let mut removed = sealed.clone();
        removed["redis"]
            .as_object_mut()
            .expect("object")
            .shift_remove("connectTimeout");
        assert_eq!(open_fields(&removed, PW), Err(WRONG));
        let mut unlisted = sealed.clone();
        unlisted[METADATA_KEY]["sealed"]
            .as_array_mut()
            .expect("array")
            .pop();
        assert_eq!(open_fields(&unlisted, PW), Err(WRONG));
        let mut reordered = sealed.clone();
        reordered["retry"]["retryableErrors"]
            .as_array_mut()
            .expect("array")
            .reverse();
        assert_eq!(open_fields(&reordered, PW), Err(WRONG));
        let mut v2 = sealed.clone();
        v2[METADATA_KEY]["version"] = json!(2);
        assert!(matches!(
            open_fields(&v2, PW),
            Err(CryptoError::UnsupportedVersion(_))
        ));
        let mut cipher = sealed.clone();
        cipher[METADATA_KEY]["cipher"] = json!("AES-256-CBC");
        assert!(matches!(
            open_fields(&cipher, PW),
            Err(CryptoError::InvalidMetadata(_))
        ));
    }

    #[test]
    fn swapping_sealed_values_between_fields_fails() {
        let sealed = seal_fields(&rich(), PW, &fast(), None).expect("seal");
        let paths = sealed_paths(&sealed);
        let (a, b) = (&paths[0], &paths[1]);
        let mut swapped = sealed.clone();
        let va = sealed.pointer(a).expect("a").clone();
        let vb = sealed.pointer(b).expect("b").clone();
        *swapped.pointer_mut(a).expect("a") = vb;
        *swapped.pointer_mut(b).expect("b") = va;
        assert_eq!(open_fields(&swapped, PW), Err(WRONG));
    }

    #[test]
    fn wrong_password_is_the_one_error() {
        let sealed = seal_fields(&rich(), PW, &fast(), None).expect("seal");
        for wrong in ["", "field password ", "Field password"] {
            let err = open_fields(&sealed, wrong).expect_err("wrong");
            assert_eq!(err, WRONG);
            assert_eq!(err.to_string(), "wrong password or the file was modified");
        }
    }

    #[test]
    fn scrypt_metadata_round_trips() {
        let opts = FieldOptions {
            kdf: Kdf::Scrypt {
                log_n: 10,
                r: 8,
                p: 1,
            },
            ..FieldOptions::default()
        };
        let doc = preset("test");
        let sealed = seal_fields(&doc, PW, &opts, None).expect("seal");
        let meta = &sealed[METADATA_KEY];
        assert_eq!(meta["kdf"], "scrypt");
        assert_eq!(meta["scryptN"], 1024);
        assert_eq!(meta["scryptR"], 8);
        assert_eq!(meta["scryptP"], 1);
        assert_eq!(meta["version"], 1);
        assert_eq!(meta["cipher"], "AES-256-GCM");
        assert_eq!(meta["salt"].as_str().map(str::len), Some(64));
        assert_eq!(meta["mac"].as_str().map(str::len), Some(64));
        assert_eq!(
            open_fields(&sealed, PW).expect("open").to_string(),
            doc.to_string()
        );
    }

    #[test]
    fn hostile_metadata_parameters_are_refused_before_any_work() {
        let sealed = seal_fields(&rich(), PW, &fast(), None).expect("seal");
        let mut hostile = sealed.clone();
        hostile[METADATA_KEY]["iterations"] = json!(2_000_000_000u64);
        assert!(matches!(
            open_fields(&hostile, PW),
            Err(CryptoError::KdfParamOutOfBounds {
                param: "PBKDF2 iterations",
                ..
            })
        ));
        let mut hostile = sealed.clone();
        let meta = hostile[METADATA_KEY].as_object_mut().expect("object");
        meta.insert("kdf".into(), json!("scrypt"));
        meta.insert("scryptN".into(), json!(1u64 << 22));
        meta.insert("scryptR".into(), json!(8));
        assert!(matches!(
            open_fields(&hostile, PW),
            Err(CryptoError::KdfParamOutOfBounds {
                param: "scrypt log_n",
                ..
            })
        ));
        let mut hostile = sealed;
        let meta = hostile[METADATA_KEY].as_object_mut().expect("object");
        meta.insert("kdf".into(), json!("scrypt"));
        meta.insert("scryptN".into(), json!(1u64 << 20));
        meta.insert("scryptR".into(), json!(16));
        assert!(matches!(
            open_fields(&hostile, PW),
            Err(CryptoError::ScryptMemory { .. })
        ));
    }

    #[test]
    fn resealing_keeps_unchanged_ciphertexts_byte_for_byte() {
        let doc = rich();
        let v1 = seal_fields(&doc, PW, &fast(), None).expect("seal");
        let mut edited = doc.clone();
        edited["security"]["encryptionKey"] = json!("f".repeat(64));
        edited["worker"]["concurrency"] = json!(7);
        let v2 = seal_fields(&edited, PW, &fast(), Some(&v1)).expect("reseal");
        let changed: Vec<String> = sealed_paths(&v2)
            .into_iter()
            .filter(|p| v1.pointer(p) != v2.pointer(p))
            .collect();
        assert_eq!(changed, ["/security/encryptionKey"]);
        assert_eq!(v2[METADATA_KEY]["salt"], v1[METADATA_KEY]["salt"]);
        assert_ne!(v2[METADATA_KEY]["mac"], v1[METADATA_KEY]["mac"]);
        assert_eq!(
            open_fields(&v2, PW).expect("open").to_string(),
            edited.to_string()
        );
        // A secret that was added is sealed fresh; one that was removed is gone.
        let mut grown = edited.clone();
        grown["server"]["externalServices"] = json!({"smtp": {"pass": "smtp-pass"}});
        let v3 = seal_fields(&grown, PW, &fast(), Some(&v2)).expect("reseal");
        assert!(sealed_paths(&v3).contains(&"/server/externalServices/smtp/pass".to_owned()));
        assert_eq!(
            open_fields(&v3, PW).expect("open").to_string(),
            grown.to_string()
        );
        // A tampered previous version is refused rather than trusted.
        let mut bad = v1.clone();
        bad["worker"]["concurrency"] = json!(49);
        assert_eq!(seal_fields(&edited, PW, &fast(), Some(&bad)), Err(WRONG));
    }

    #[test]
    fn is_sealed_is_strict() {
        assert!(!is_sealed("enc:v1:"));
        assert!(!is_sealed("enc:v1:not base64!"));
        assert!(!is_sealed("enc:v1:AAAA")); // too short for nonce and tag
        assert!(!is_sealed("plain value"));
        assert!(!is_sealed(&format!("enc:v2:{}", "A".repeat(40))));
        assert!(is_sealed(&format!("enc:v1:{}", "A".repeat(40))));
    }
}
