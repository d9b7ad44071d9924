//! The fuzz targets' bodies: each takes the raw bytes libFuzzer generates
//! and drives one flow of `auditcfg-core`, asserting the invariants the
//! core promises. A panic (a failed assertion included) is a crash that
//! libFuzzer saves under `fuzz/artifacts/<target>/`.
//!
//! `crates/auditcfg-core/tests/hostile_regressions.rs` replays the inputs
//! saved in `tests/hostile/fuzz-regressions/<target>/` through the same
//! calls (keep the two in step).
//!
//! Two-input targets (`diff`, `patch_apply`) split the bytes at the first
//! NUL byte (or in the middle when there is none).

use auditcfg_core::crypto::{self, FileKind, FileParams, Kdf};
use auditcfg_core::diff::{
    RecordContext, apply_json_patch, apply_merge_patch, apply_patch_ops, change_records,
    parse_json_patch, to_json_lines, to_json_patch, to_merge_patch, values_equal,
};
use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Document, Format, LineIndex, merge, parse, secrets, to_json, to_toml};
use serde_json::Value;

/// The password every seed of the decryption targets uses.
pub const PASSWORD: &str = "pw";
/// The cheapest KDF the bounds allow (seeds use it; files that ask for
/// more are inspected but not decrypted: the cost bounds have their own
/// tests, and a fuzzer should not spend seconds per input in PBKDF2).
pub const FAST: Kdf = Kdf::Pbkdf2 { iterations: 1_000 };

/// The TOML reader (the `toml` crate) stops at 80 levels; JSON is read to
/// 128. Known bug, with its own failing regression test
/// (`hostile_regressions::toml_writer_refuses_what_toml_readers_cannot_read`):
/// not asserted here so that fuzzing keeps looking for new ones.
const TOML_READ_DEPTH: usize = 79;

/// Splits two-input data at the first NUL byte (or in the middle).
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Text in, as every edge gives it to the core: bytes checked for UTF-8
/// (`AC004`), then validated as detected, as JSON and as TOML. Every
/// diagnostic range lies inside the text, on character boundaries, and
/// maps to a line and column; a document that parses survives JSON (and,
/// when TOML can hold it, TOML) unchanged; masking keeps every value's
/// place; a document does not differ from itself.
pub fn parse_validate(data: &[u8]) {
    let text = match auditcfg_core::syntax::check_utf8(data) {
        Ok(t) => t,
        Err(d) => {
            assert_eq!(d.code, "AC004");
            assert!(d.range.end <= data.len());
            return;
        }
    };
    let index = LineIndex::new(text);
    for format in [None, Some(Format::Json), Some(Format::Toml)] {
        let report = validate(
            text,
            &ValidateOptions {
                format,
                ..ValidateOptions::default()
            },
        );
        for d in &report.diagnostics {
            assert!(
                d.range.start <= d.range.end && d.range.end <= text.len(),
                "{d:?}"
            );
            // Known bug, with its own failing regression test
            // (`hostile_regressions::diagnostic_ranges_fall_on_character_boundaries`):
            // a finding about a missing top-level field of a TOML file that
            // starts with a BOM gets the range 0..1, inside the BOM.
            let known_bom_bug =
                d.range == auditcfg_core::TextRange::new(0, 1) && text.starts_with('\u{feff}');
            assert!(
                known_bom_bug
                    || (text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end)),
                "{d:?}"
            );
            let _ = index.line_col(d.range.start);
            assert!(!d.message.is_empty());
        }
        let Some(doc) = parse(text, format).document else {
            continue;
        };
        let v = doc.value();
        let json = to_json(v);
        let back = parse(&json, Some(Format::Json))
            .document
            .expect("our JSON reads back");
        assert!(back.value() == v, "JSON round trip changed the value");
        match to_toml(v) {
            Ok(toml) if depth(v) <= TOML_READ_DEPTH => {
                let back = parse(&toml, Some(Format::Toml));
                let back = back.document.unwrap_or_else(|| {
                    panic!("our TOML does not read back: {:?}", back.diagnostics)
                });
                assert!(back.value() == v, "TOML round trip changed the value");
            }
            _ => {}
        }
        let masked = secrets::mask_document(v);
        assert_eq!(
            secrets::secret_pointers(&masked).len(),
            secrets::secret_pointers(v).len(),
            "masking moved secrets"
        );
        assert!(
            auditcfg_core::diff(&doc, &doc).is_empty(),
            "a document differs from itself"
        );
    }
}

/// Two documents (any mix of JSON and TOML): the diff, its change records,
/// and the patches made from it. The JSON Patch `a → b` applied to `a`
/// gives `b`; so does the merge patch when it can be made.
pub fn diff(data: &[u8]) {
    let (a, b) = split(data);
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return;
    };
    let (Some(a), Some(b)) = (
        Document::parse(a, None).document,
        Document::parse(b, None).document,
    ) else {
        return;
    };
    let d = auditcfg_core::diff(&a, &b);
    assert_eq!(d.summary.total, d.changes.len());
    for c in &d.changes {
        for r in [c.range_a, c.range_b].into_iter().flatten() {
            assert!(r.start <= r.end);
        }
    }
    let records = change_records(&d, &RecordContext::default());
    assert_eq!(records.len(), d.changes.len());
    let _ = to_json_lines(&records);
    let ops = to_json_patch(a.value(), b.value());
    let patched = apply_patch_ops(a.value(), &ops).expect("our own JSON Patch applies");
    assert!(
        values_equal(&patched, b.value()),
        "JSON Patch a->b applied to a is not b"
    );
    assert_eq!(
        d.is_empty(),
        ops.is_empty(),
        "diff and patch disagree on equality"
    );
    if let Ok(mp) = to_merge_patch(a.value(), b.value()) {
        assert!(
            values_equal(&apply_merge_patch(a.value(), &mp), b.value()),
            "merge patch a->b applied to a is not b"
        );
    }
}

/// Is decrypting with these parameters cheap enough for a fuzzer?
fn cheap(kdf: Option<Kdf>) -> bool {
    match kdf {
        None => true,
        Some(Kdf::Pbkdf2 { iterations }) => iterations <= 2_000,
        Some(Kdf::Scrypt { log_n, r, p }) => log_n <= 11 && r <= 8 && p <= 2,
    }
}

/// A whole encrypted file: inspected, then decrypted with the seeds'
/// password when its KDF is cheap (a file without parameters gets the
/// cheap KDF and a fixed salt). Anything that decrypts is a JSON text.
pub fn decrypt_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let kdf = match crypto::inspect_file(text) {
        FileKind::Gcm(info) | FileKind::Cbc(info) => info.kdf,
        FileKind::Kms | FileKind::NotEncrypted | FileKind::Invalid(_) => None,
    };
    if !cheap(kdf) {
        return;
    }
    let fallback = FileParams {
        salt: Some(vec![7; 16]),
        kdf: Some(FAST),
    };
    if let Ok(plain) = crypto::decrypt_file(text, PASSWORD, &fallback) {
        assert!(
            serde_json::from_str::<Value>(&plain).is_ok(),
            "decrypted text is not JSON"
        );
    }
}

/// A document with sealed fields: opened with the seeds' password when its
/// KDF is cheap. What opens has no metadata block and no sealed value left
/// at a listed path.
pub fn decrypt_fields(data: &[u8]) {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let _ = crypto::sealed_paths(&v);
    let meta = v.get(crypto::METADATA_KEY);
    let kdf_cost = |k: &str| meta.and_then(|m| m.get(k)).and_then(Value::as_u64);
    let too_slow = kdf_cost("iterations").is_some_and(|i| i > 2_000)
        || kdf_cost("scryptN").is_some_and(|n| n > 2_048)
        || kdf_cost("scryptR").is_some_and(|r| r > 8)
        || kdf_cost("scryptP").is_some_and(|p| p > 2)
        // Absent numbers take upstream's (expensive) defaults.
        || meta.is_some_and(|m| {
            let kdf = m.get("kdf").and_then(Value::as_str).map(str::to_ascii_lowercase);
            match kdf.as_deref() {
                Some("scrypt") => m.get("scryptN").is_none(),
                Some("pbkdf2") | None => m.get("iterations").is_none(),
                Some(_) => false,
            }
        });
    if too_slow {
        return;
    }
    if let Ok(opened) = crypto::open_fields(&v, PASSWORD) {
        assert!(
            opened.get(crypto::METADATA_KEY).is_none(),
            "metadata left after opening"
        );
    }
}

/// A document and a patch (JSON Patch array or merge patch object): parse
/// the operations, apply both kinds, merge as an overlay. A JSON Patch
/// that applies leaves the input untouched (it works on a copy) and gives
/// the same result when its parsed operations are applied.
pub fn patch_apply(data: &[u8]) {
    let (a, b) = split(data);
    let (Ok(doc), Ok(patch)) = (
        serde_json::from_slice::<Value>(a),
        serde_json::from_slice::<Value>(b),
    ) else {
        return;
    };
    let before = doc.clone();
    let applied = apply_json_patch(&doc, &patch);
    assert_eq!(doc, before);
    if let Ok(ops) = parse_json_patch(&patch) {
        let again = apply_patch_ops(&doc, &ops);
        assert_eq!(applied.is_ok(), again.is_ok());
        if let (Ok(x), Ok(y)) = (&applied, &again) {
            assert_eq!(x, y);
        }
    }
    let _ = apply_merge_patch(&doc, &patch);
    let merged = merge(&doc, &patch);
    if !patch.is_object() || !doc.is_object() {
        // An overlay that is not an object replaces the base.
        assert_eq!(merged, patch);
    }
}
