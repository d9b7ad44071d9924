//! The whole-file format: round trips, tampering, truncation, hostile
//! parameters, file kinds.

// In a module named `crypto` so that `cargo test -p auditcfg-core crypto`
// selects these tests too.
mod crypto {
    use auditcfg_core::crypto::{
        Algorithm, CryptoError, FileKind, FileOptions, FileParams, Kdf, decrypt_file, encrypt_file,
        inspect_file, upstream_plaintext,
    };
    use serde_json::{Value, json};

    const PW: &str = "pässwörd";
    const FAST_PBKDF2: Kdf = Kdf::Pbkdf2 { iterations: 1_000 };
    const FAST_SCRYPT: Kdf = Kdf::Scrypt {
        log_n: 10,
        r: 8,
        p: 1,
    };

    fn config() -> Value {
        json!({
            "environment": "test",
            "version": "1.0.0",
            "security": {"encryptionKey": "0123456789abcdef0123456789abcdef", "ratio": 0.5},
            "unknownSection": {"kept": [1, 2, 3]}
        })
    }

    fn plaintext() -> String {
        upstream_plaintext(&config())
            .expect("plaintext")
            .to_string()
    }

    fn opts(algorithm: Algorithm, kdf: Kdf, embed_params: bool) -> FileOptions {
        FileOptions {
            algorithm,
            kdf,
            salt: Some(vec![9u8; 32]),
            embed_params,
        }
    }

    fn fallback(kdf: Kdf) -> FileParams {
        FileParams {
            salt: Some(vec![9u8; 32]),
            kdf: Some(kdf),
        }
    }

    const WRONG: CryptoError = CryptoError::WrongPasswordOrModified;

    #[test]
    fn round_trip_every_algorithm_kdf_and_mode() {
        let text = plaintext();
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            for kdf in [FAST_PBKDF2, FAST_SCRYPT] {
                for embed in [true, false] {
                    let file = encrypt_file(&text, PW, &opts(algorithm, kdf, embed)).expect("enc");
                    // Embedded parameters need nothing from the caller.
                    let params = if embed {
                        FileParams::default()
                    } else {
                        fallback(kdf)
                    };
                    let back = decrypt_file(&file, PW, &params).expect("dec");
                    assert_eq!(back.as_str(), text, "{algorithm:?} {kdf:?} {embed}");
                    let v: Value = serde_json::from_str(&file).expect("file is JSON");
                    assert_eq!(v.get("salt").is_some(), embed);
                    assert_eq!(
                        v.get("authTag").is_some(),
                        algorithm == Algorithm::Aes256Gcm
                    );
                }
            }
        }
    }

    #[test]
    fn round_trip_with_upstream_defaults() {
        // PBKDF2 100,000 and scrypt N = 16384, r = 8, p = 1, random salt.
        let text = plaintext();
        for kdf in [Kdf::PBKDF2_UPSTREAM, Kdf::SCRYPT_UPSTREAM] {
            let o = FileOptions {
                kdf,
                salt: None,
                ..FileOptions::default()
            };
            let file = encrypt_file(&text, PW, &o).expect("enc");
            assert_eq!(
                decrypt_file(&file, PW, &FileParams::default())
                    .expect("dec")
                    .as_str(),
                text
            );
            let err = decrypt_file(&file, "wrong", &FileParams::default()).expect_err("wrong");
            assert_eq!(err, WRONG);
        }
        // Default options: GCM + PBKDF2 600,000, the current guidance.
        let file = encrypt_file(&text, PW, &FileOptions::default()).expect("enc");
        match inspect_file(&file) {
            FileKind::Gcm(info) => assert_eq!(info.kdf, Some(Kdf::PBKDF2_DEFAULT)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_password_never_yields_plaintext() {
        let text = plaintext();
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            let file = encrypt_file(&text, PW, &opts(algorithm, FAST_PBKDF2, true)).expect("enc");
            for wrong in ["", "password", "pässwörd ", "PÄSSWÖRD"] {
                assert_eq!(
                    decrypt_file(&file, wrong, &FileParams::default()),
                    Err(WRONG),
                    "{algorithm:?} {wrong:?}"
                );
            }
        }
    }

    fn set_hex(file: &str, key: &str, bytes: &[u8]) -> String {
        let mut v: Value = serde_json::from_str(file).expect("json");
        v[key] = Value::from(hex::encode(bytes));
        serde_json::to_string_pretty(&v).expect("json")
    }

    fn get_hex(file: &str, key: &str) -> Vec<u8> {
        let v: Value = serde_json::from_str(file).expect("json");
        hex::decode(v[key].as_str().expect("hex string")).expect("hex")
    }

    #[test]
    fn gcm_every_flipped_bit_of_a_small_file_is_detected() {
        let small = r#"{"a":1}"#;
        let file =
            encrypt_file(small, PW, &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, true)).expect("enc");
        let mut tried = 0;
        for key in ["iv", "data", "authTag"] {
            let orig = get_hex(&file, key);
            for i in 0..orig.len() {
                for bit in 0..8 {
                    let mut bytes = orig.clone();
                    bytes[i] ^= 1 << bit;
                    let tampered = set_hex(&file, key, &bytes);
                    assert_eq!(
                        decrypt_file(&tampered, PW, &FileParams::default()),
                        Err(WRONG),
                        "{key}[{i}] bit {bit}"
                    );
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 8 * (16 + 7 + 16));
    }

    #[test]
    fn gcm_every_modified_byte_is_detected() {
        let text = plaintext();
        let file =
            encrypt_file(&text, PW, &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, true)).expect("enc");
        for key in ["iv", "data", "authTag"] {
            let orig = get_hex(&file, key);
            for i in 0..orig.len() {
                for delta in [0x01u8, 0x80, 0xff] {
                    let mut bytes = orig.clone();
                    bytes[i] ^= delta;
                    let tampered = set_hex(&file, key, &bytes);
                    assert_eq!(
                        decrypt_file(&tampered, PW, &FileParams::default()),
                        Err(WRONG),
                        "{key}[{i}] ^ {delta:#x}"
                    );
                }
            }
        }
        // Changing the embedded parameters changes the key: detected too.
        let mut v: Value = serde_json::from_str(&file).expect("json");
        v["iterations"] = json!(1_001);
        assert_eq!(
            decrypt_file(&v.to_string(), PW, &FileParams::default()),
            Err(WRONG)
        );
        let mut v: Value = serde_json::from_str(&file).expect("json");
        v["salt"] = json!("08".repeat(32));
        assert_eq!(
            decrypt_file(&v.to_string(), PW, &FileParams::default()),
            Err(WRONG)
        );
        // Declaring the GCM ciphertext to be CBC.
        let mut v: Value = serde_json::from_str(&file).expect("json");
        v["algorithm"] = json!("AES-256-CBC");
        assert_eq!(
            decrypt_file(&v.to_string(), PW, &FileParams::default()),
            Err(WRONG)
        );
    }

    #[test]
    fn cbc_tampering_maps_to_the_one_error_or_is_undetectable() {
        // CBC has no tag. Every detected modification is the one error (padding
        // or UTF-8/JSON of the plaintext: no oracle telling them apart); some
        // modifications cannot be detected at all, which is why GCM is the
        // default. A flipped IV bit changes one plaintext byte of the first
        // block: inside a string that still parses.
        let text = plaintext();
        let file =
            encrypt_file(&text, PW, &opts(Algorithm::Aes256Cbc, FAST_PBKDF2, true)).expect("enc");
        let mut undetected = 0;
        for key in ["iv", "data"] {
            let orig = get_hex(&file, key);
            for i in 0..orig.len() {
                let mut bytes = orig.clone();
                bytes[i] ^= 0x01;
                let tampered = set_hex(&file, key, &bytes);
                match decrypt_file(&tampered, PW, &FileParams::default()) {
                    Err(e) => assert_eq!(e, WRONG, "{key}[{i}]"),
                    Ok(back) => {
                        assert_ne!(back.as_str(), text);
                        undetected += 1;
                    }
                }
            }
        }
        assert!(
            undetected > 0,
            "CBC is expected to miss some modifications (this documents it)"
        );
        // Truncating whole blocks breaks the padding or the JSON: detected.
        let data = get_hex(&file, "data");
        for cut in [16, 32, data.len() - 16] {
            let tampered = set_hex(&file, "data", &data[..data.len() - cut]);
            assert_eq!(
                decrypt_file(&tampered, PW, &FileParams::default()),
                Err(WRONG)
            );
        }
        // Not a whole number of blocks.
        let tampered = set_hex(&file, "data", &data[..data.len() - 1]);
        assert_eq!(
            decrypt_file(&tampered, PW, &FileParams::default()),
            Err(WRONG)
        );
    }

    #[test]
    fn truncations_never_decrypt() {
        let small = r#"{"a":1}"#;
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            let file = encrypt_file(small, PW, &opts(algorithm, FAST_PBKDF2, true)).expect("enc");
            // Every prefix of the file text: never Ok, never a panic.
            for end in 0..file.len() {
                if !file.is_char_boundary(end) {
                    continue;
                }
                let r = decrypt_file(&file[..end], PW, &FileParams::default());
                assert!(r.is_err(), "{algorithm:?} prefix {end} decrypted");
            }
            // Data shortened byte by byte: the one error.
            let data = get_hex(&file, "data");
            for len in 0..data.len() {
                let tampered = set_hex(&file, "data", &data[..len]);
                assert_eq!(
                    decrypt_file(&tampered, PW, &FileParams::default()),
                    Err(WRONG),
                    "{algorithm:?} data[..{len}]"
                );
            }
        }
        // A shortened tag is a malformed file (we require all 16 bytes, unlike
        // Node, which accepts 4-byte tags unless told otherwise).
        let file =
            encrypt_file(small, PW, &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, true)).expect("enc");
        let tag = get_hex(&file, "authTag");
        let err = decrypt_file(
            &set_hex(&file, "authTag", &tag[..4]),
            PW,
            &FileParams::default(),
        )
        .expect_err("short tag");
        assert!(
            matches!(
                err,
                CryptoError::InvalidField {
                    field: "authTag",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn malformed_files_have_distinct_errors() {
        let file = encrypt_file(
            &plaintext(),
            PW,
            &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, true),
        )
        .expect("enc");
        let v: Value = serde_json::from_str(&file).expect("json");
        let with = |key: &str, value: Value| {
            let mut v = v.clone();
            v[key] = value;
            v.to_string()
        };
        let without = |key: &str| {
            let mut v = v.clone();
            v.as_object_mut().expect("object").remove(key);
            v.to_string()
        };
        let check = |text: String, expected: &str| {
            let err = decrypt_file(&text, PW, &FileParams::default()).expect_err("malformed");
            assert_ne!(err, WRONG);
            assert!(err.to_string().contains(expected), "{err} !~ {expected}");
            assert!(matches!(inspect_file(&text), FileKind::Invalid(e) if e == err));
        };
        check("this is not json".into(), "is not JSON");
        check(with("iv", json!("0011")), "`iv` must be 16 bytes");
        check(with("iv", json!("x".repeat(32))), "`iv` is not valid hex");
        check(
            with("data", json!("abc")),
            "`data` is not valid hex (odd number",
        );
        check(with("authTag", json!(42)), "`authTag` must be a string");
        check(
            with("algorithm", json!("AES-128-ECB")),
            "unsupported algorithm",
        );
        check(without("iv"), "no `iv` key");
        check(without("data"), "no `data` key");
        check(with("salt", json!("nothex")), "`salt` is not valid hex");
        check(with("kdf", json!("bcrypt")), "`kdf` must be");
        let mut scrypt = v.clone();
        scrypt["kdf"] = json!("scrypt");
        scrypt["scryptN"] = json!(1000);
        check(scrypt.to_string(), "scrypt N = 1000 is not a power of two");
        // No salt anywhere.
        let upstream = encrypt_file(
            &plaintext(),
            PW,
            &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, false),
        )
        .expect("enc");
        assert_eq!(
            decrypt_file(&upstream, PW, &FileParams::default()),
            Err(CryptoError::MissingSalt)
        );
    }

    #[test]
    fn hostile_kdf_parameters_are_refused_before_any_work() {
        // Each of these would take minutes or gigabytes if it were run; the
        // bound error comes back instead (the test would time out otherwise).
        let file = encrypt_file(
            &plaintext(),
            PW,
            &opts(Algorithm::Aes256Gcm, FAST_PBKDF2, true),
        )
        .expect("enc");
        let v: Value = serde_json::from_str(&file).expect("json");
        let hostile = |patch: Value| {
            let mut v = v.clone();
            for (k, val) in patch.as_object().expect("object") {
                v[k] = val.clone();
            }
            decrypt_file(&v.to_string(), PW, &FileParams::default()).expect_err("refused")
        };
        let e = hostile(json!({"iterations": 4_000_000_000u64}));
        assert!(
            matches!(
                e,
                CryptoError::KdfParamOutOfBounds {
                    param: "PBKDF2 iterations",
                    max: 10_000_000,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(
            e.to_string(),
            "PBKDF2 iterations = 4000000000 is out of bounds: allowed 1000..=10000000"
        );
        let e = hostile(json!({"iterations": 99_999_999_999u64}));
        assert!(matches!(e, CryptoError::KdfParamOutOfBounds { .. }), "{e}");
        let e =
            hostile(json!({"kdf": "scrypt", "scryptN": 1u64 << 40, "scryptR": 8, "scryptP": 1}));
        assert!(
            matches!(
                e,
                CryptoError::KdfParamOutOfBounds {
                    param: "scrypt log_n",
                    ..
                }
            ),
            "{e}"
        );
        let e =
            hostile(json!({"kdf": "scrypt", "scryptN": 1u64 << 20, "scryptR": 32, "scryptP": 1}));
        assert!(matches!(e, CryptoError::ScryptMemory { .. }), "{e}");
        assert!(e.to_string().contains("256 MiB"));
        let e =
            hostile(json!({"kdf": "scrypt", "scryptN": 1u64 << 18, "scryptR": 8, "scryptP": 16}));
        assert!(matches!(e, CryptoError::ScryptWork { .. }), "{e}");
        let e =
            hostile(json!({"kdf": "scrypt", "scryptN": 1024, "scryptR": 1_000_000, "scryptP": 1}));
        assert!(
            matches!(
                e,
                CryptoError::KdfParamOutOfBounds {
                    param: "scrypt r",
                    ..
                }
            ),
            "{e}"
        );
        let e = hostile(
            json!({"kdf": "scrypt", "scryptN": 1024, "scryptR": 8, "scryptP": 4_294_967_295u64}),
        );
        assert!(
            matches!(
                e,
                CryptoError::KdfParamOutOfBounds {
                    param: "scrypt p",
                    ..
                }
            ),
            "{e}"
        );
        let e = hostile(json!({"salt": "00".repeat(4096)}));
        assert!(
            matches!(e, CryptoError::SaltLength { len: 4096, .. }),
            "{e}"
        );
        // Hostile options are refused on encryption too.
        let err = encrypt_file(
            &plaintext(),
            PW,
            &opts(Algorithm::Aes256Gcm, Kdf::Pbkdf2 { iterations: 10 }, true),
        )
        .expect_err("too few iterations");
        assert!(matches!(
            err,
            CryptoError::KdfParamOutOfBounds { min: 1000, .. }
        ));
    }

    #[test]
    fn kms_and_plain_files_are_recognised() {
        let kms = "{\n  \"data\": \"AQICAHh...base64 from the KMS...\"\n}";
        assert_eq!(inspect_file(kms), FileKind::Kms);
        let err = decrypt_file(kms, PW, &FileParams::default()).expect_err("kms");
        assert_eq!(err, CryptoError::KmsEncrypted);
        assert!(err.to_string().contains("key management service (KMS)"));
        assert_eq!(inspect_file(&plaintext()), FileKind::NotEncrypted);
        assert_eq!(
            decrypt_file(&plaintext(), PW, &FileParams::default()),
            Err(CryptoError::NotEncrypted)
        );
        assert_eq!(inspect_file("[1, 2]"), FileKind::NotEncrypted);
        // A config that merely has a top-level `data` string is not KMS.
        assert_eq!(
            inspect_file(r#"{"environment": "test", "data": "x"}"#),
            FileKind::NotEncrypted
        );
    }

    #[test]
    fn errors_never_contain_secrets() {
        let secret_pw = "hunter2-SECRET";
        let text = plaintext();
        let file = encrypt_file(
            &text,
            secret_pw,
            &opts(Algorithm::Aes256Cbc, FAST_PBKDF2, true),
        )
        .expect("enc");
        let data = get_hex(&file, "data");
        let mut messages = Vec::new();
        for i in 0..data.len() {
            let mut d = data.clone();
            d[i] ^= 0x5a;
            if let Err(e) = decrypt_file(
                &set_hex(&file, "data", &d),
                secret_pw,
                &FileParams::default(),
            ) {
                messages.push(e.to_string());
            }
        }
        messages.push(
            decrypt_file(&file, "wrong", &FileParams::default())
                .expect_err("wrong")
                .to_string(),
        );
        for m in messages {
            assert!(!m.contains("hunter2"), "{m}");
            assert!(!m.contains("0123456789abcdef"), "{m}");
            assert!(!m.contains("environment"), "{m}");
        }
    }
}
