//! Interoperability with upstream's scheme as Node's `crypto` implements it
//! (`tests/node/upstream_crypto.mjs` at the workspace root): Node encrypts →
//! we decrypt, we encrypt → Node decrypts, for GCM and CBC × PBKDF2 and
//! scrypt, with upstream's default parameters. Needs `node` on PATH: a
//! missing Node fails the test (it never passes silently).

// In a module named `crypto` so that `cargo test -p auditcfg-core crypto`
// selects these tests too.
mod crypto {
    use auditcfg_core::crypto::{
        Algorithm, FileOptions, FileParams, Kdf, decrypt_file, encrypt_file, upstream_plaintext,
    };
    use serde_json::Value;
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::{Command, Stdio};

    const PASSWORD: &str = "correct horse battery staple ✓";

    fn script() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/node/upstream_crypto.mjs")
    }

    fn preset(name: &str) -> Value {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("presets/{name}.json"));
        let text = std::fs::read_to_string(&path).expect("preset readable");
        serde_json::from_str(&text).expect("preset is JSON")
    }

    fn kdf_args(kdf: &Kdf) -> Vec<String> {
        match *kdf {
            Kdf::Pbkdf2 { iterations } => vec![
                "--kdf".into(),
                "PBKDF2".into(),
                "--iterations".into(),
                iterations.to_string(),
            ],
            Kdf::Scrypt { log_n, r, p } => vec![
                "--kdf".into(),
                "scrypt".into(),
                "--scrypt-n".into(),
                (1u64 << log_n).to_string(),
                "--scrypt-r".into(),
                r.to_string(),
                "--scrypt-p".into(),
                p.to_string(),
            ],
        }
    }

    /// Runs the Node script; panics with its stderr when it fails.
    fn node(mode: &str, args: &[String], stdin: &str) -> String {
        let mut child = match Command::new("node")
            .arg(script())
            .arg(mode)
            .args(args)
            .env("AUDIT_CONFIG_PASSWORD", PASSWORD)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(child) => child,
            Err(e) => panic!(
                "the Node interop tests need `node` (Node.js 18 or later) on PATH, and it could not be started: {e}"
            ),
        };
        child
            .stdin
            .take()
            .expect("stdin piped")
            .write_all(stdin.as_bytes())
            .expect("write to node");
        let out = child.wait_with_output().expect("node runs");
        assert!(
            out.status.success(),
            "node {mode} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("node prints UTF-8")
    }

    fn combos() -> Vec<(Algorithm, Kdf)> {
        let mut v = Vec::new();
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Aes256Cbc] {
            // Upstream's defaults: PBKDF2 100,000 and Node's scrypt N=16384, r=8, p=1.
            for kdf in [Kdf::PBKDF2_UPSTREAM, Kdf::SCRYPT_UPSTREAM] {
                v.push((algorithm, kdf));
            }
        }
        v
    }

    #[test]
    fn node_encrypts_we_decrypt() {
        let config = preset("production");
        let expected = upstream_plaintext(&config).expect("plaintext");
        let salt = [0x5au8; 32];
        for (algorithm, kdf) in combos() {
            let mut args = vec![
                "--algorithm".to_owned(),
                algorithm.name().to_owned(),
                "--salt".to_owned(),
                hex::encode(salt),
            ];
            args.extend(kdf_args(&kdf));
            let file = node("encrypt", &args, &config.to_string());
            let fallback = FileParams {
                salt: Some(salt.to_vec()),
                kdf: Some(kdf),
            };
            let text = decrypt_file(&file, PASSWORD, &fallback)
                .unwrap_or_else(|e| panic!("{algorithm:?} {kdf:?}: {e}"));
            // Node's JSON.stringify(config, null, 2) and serde_json's pretty
            // printer agree byte for byte on the preset.
            assert_eq!(text.as_str(), expected.as_str(), "{algorithm:?} {kdf:?}");
            // And a wrong password is the one error.
            assert_eq!(
                decrypt_file(&file, "not the password", &fallback)
                    .expect_err("wrong password")
                    .to_string(),
                "wrong password or the file was modified"
            );
        }
    }

    #[test]
    fn we_encrypt_node_decrypts() {
        let config = preset("staging");
        let plaintext = upstream_plaintext(&config).expect("plaintext");
        let salt = vec![0xa5u8; 32];
        for (algorithm, kdf) in combos() {
            for embed_params in [false, true] {
                let opts = FileOptions {
                    algorithm,
                    kdf,
                    salt: Some(salt.clone()),
                    embed_params,
                };
                let file = encrypt_file(&plaintext, PASSWORD, &opts).expect("encrypt");
                let mut args = vec!["--salt".to_owned(), hex::encode(&salt)];
                args.extend(kdf_args(&kdf));
                let back = node("decrypt", &args, &file);
                assert_eq!(
                    back,
                    plaintext.as_str(),
                    "{algorithm:?} {kdf:?} {embed_params}"
                );
            }
        }
    }

    #[test]
    fn stringify_matches_serde_pretty_on_every_preset() {
        for name in ["development", "staging", "production", "test"] {
            let config = preset(name);
            let ours = upstream_plaintext(&config).expect("plaintext");
            let node_text = node("stringify", &[], &config.to_string());
            assert_eq!(ours.as_str(), node_text, "{name}");
        }
    }

    #[test]
    fn stringify_differences_are_as_documented() {
        // Ordinary values: identical (also large exponents: both write 1e+21).
        let same = r#"{"a": [], "b": {}, "c": "tab\t quote\" ctl\u0001 é ☃", "d": 0.05, "e": -3, "f": [true, null], "g": 1e21, "h": 1.5e-7}"#;
        let v: Value = serde_json::from_str(same).expect("json");
        assert_eq!(
            upstream_plaintext(&v).expect("text").as_str(),
            node("stringify", &[], same)
        );
        // Documented differences (see `upstream_plaintext`).
        for (input, serde_out, node_out) in [
            (r#"{"x": 1.0}"#, "1.0", "1"),
            (r#"{"x": 1E5}"#, "100000.0", "100000"),
            (r#"{"x": -0}"#, "-0.0", "0"),
            (r#"{"x": 1e20}"#, "1e+20", "100000000000000000000"),
            (r#"{"x": 0.000001}"#, "1e-6", "0.000001"),
            (
                r#"{"x": 9007199254740993}"#,
                "9007199254740993",
                "9007199254740992",
            ),
        ] {
            let v: Value = serde_json::from_str(input).expect("json");
            let ours = upstream_plaintext(&v).expect("text");
            let theirs = node("stringify", &[], input);
            assert_eq!(ours.as_str(), format!("{{\n  \"x\": {serde_out}\n}}"));
            assert_eq!(theirs, format!("{{\n  \"x\": {node_out}\n}}"));
        }
        let keys = r#"{"b": 1, "2": 2, "1": 3}"#;
        let v: Value = serde_json::from_str(keys).expect("json");
        assert_eq!(
            upstream_plaintext(&v).expect("text").as_str(),
            "{\n  \"b\": 1,\n  \"2\": 2,\n  \"1\": 3\n}"
        );
        assert_eq!(
            node("stringify", &[], keys),
            "{\n  \"1\": 3,\n  \"2\": 2,\n  \"b\": 1\n}"
        );
    }
}
