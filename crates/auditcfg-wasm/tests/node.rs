//! The bindings as WebAssembly under Node (`wasm-bindgen-test-runner`):
//! each exported function is called the way JavaScript calls it and its
//! result is checked against the core called directly, in the same module.
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p auditcfg-wasm --target wasm32-unknown-unknown
//! ```
#![cfg(target_arch = "wasm32")]

use auditcfg_core::{Environment, LineIndex, ValidateOptions};
use auditcfg_wasm as api;
use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PRESETS: [(&str, &str); 4] = [
    (
        "development",
        include_str!("../../auditcfg-core/presets/development.json"),
    ),
    (
        "staging",
        include_str!("../../auditcfg-core/presets/staging.json"),
    ),
    (
        "production",
        include_str!("../../auditcfg-core/presets/production.json"),
    ),
    (
        "test",
        include_str!("../../auditcfg-core/presets/test.json"),
    ),
];

/// A JavaScript value as JSON (what `JSON.stringify` sees).
fn to_json(v: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(v).expect("stringify").into();
    serde_json::from_str(&text).expect("JSON")
}

/// A JavaScript object from JSON.
fn js(value: Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("JSON.parse")
}

fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// The error thrown: an `Error` named `AuditcfgError`; returns its code.
fn error_code(e: &JsValue) -> String {
    let error = e.dyn_ref::<js_sys::Error>().expect("an Error");
    assert_eq!(String::from(error.name()), "AuditcfgError");
    assert!(api::is_auditcfg_error(e));
    js_sys::Reflect::get(e, &"code".into())
        .expect("code")
        .as_string()
        .expect("a string code")
}

#[wasm_bindgen_test]
fn validate_equals_the_core_on_every_preset() {
    for (env, source) in PRESETS {
        let result = to_json(&api::validate(text(source), JsValue::UNDEFINED).expect("validate"));
        let report = auditcfg_core::validate(source, &ValidateOptions::default());
        assert_eq!(result["environment"], env);
        assert_eq!(result["format"], "json");
        let counts = &result["counts"];
        assert_eq!(counts["errors"], report.counts.errors, "{env}");
        assert_eq!(counts["warnings"], report.counts.warnings, "{env}");
        assert_eq!(counts["infos"], report.counts.infos, "{env}");
        let index = LineIndex::new(source);
        let diagnostics = result["diagnostics"].as_array().expect("array");
        assert_eq!(diagnostics.len(), report.diagnostics.len());
        for (d, core) in diagnostics.iter().zip(&report.diagnostics) {
            assert_eq!(d["code"], core.code.as_str());
            assert_eq!(d["path"], core.path.as_str());
            assert_eq!(d["severity"], core.severity.as_str());
            let start = index.line_col(core.range.start);
            assert_eq!(d["range"]["start"]["offset"], core.range.start);
            assert_eq!(d["range"]["end"]["offset"], core.range.end);
            assert_eq!(d["range"]["start"]["line"], start.line);
            assert_eq!(d["range"]["start"]["columnUtf16"], start.column_utf16);
        }
    }
}

#[wasm_bindgen_test]
fn validate_options_reach_the_core() {
    let (_, dev) = PRESETS[0];
    let as_prod = to_json(
        &api::validate(
            text(dev),
            js(json!({"environment": "prod", "groups": ["schema", "upstream"]})),
        )
        .expect("validate"),
    );
    let core = auditcfg_core::validate(
        dev,
        &ValidateOptions {
            environment: Some(Environment::Production),
            ..ValidateOptions::upstream_only()
        },
    );
    assert_eq!(as_prod["environment"], "production");
    assert_eq!(
        as_prod["diagnostics"].as_array().map(Vec::len),
        Some(core.diagnostics.len())
    );
}

#[wasm_bindgen_test]
fn utf16_columns_after_emoji_and_cjk() {
    let source = "{\"😀監査\": 1, \"environment\": \"qa\"}";
    let result = to_json(&api::validate(text(source), JsValue::UNDEFINED).expect("validate"));
    let d = result["diagnostics"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["path"] == "/environment"))
        .expect("a finding at /environment");
    let byte = source.find("\"qa\"").expect("qa");
    let utf16 = source[..byte].encode_utf16().count();
    assert_eq!(d["range"]["start"]["offset"], byte);
    assert_eq!(d["range"]["start"]["column"], byte + 1);
    assert_eq!(d["range"]["start"]["columnUtf16"], utf16 + 1);
    assert_ne!(byte, utf16);
}

#[wasm_bindgen_test]
fn parse_gives_plain_values_as_json_parse_does() {
    let source = r#"{"b": 1, "a": [true, null, 2.5], "big": 9007199254740995}"#;
    let result = api::parse(text(source), JsValue::UNDEFINED).expect("parse");
    let value = js_sys::Reflect::get(&result, &"value".into()).expect("value");
    assert_eq!(
        to_json(&value),
        to_json(&js_sys::JSON::parse(source).expect("JSON.parse"))
    );
    let keys: Vec<String> = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["b", "a", "big"]);
    let failed = to_json(&api::parse(text("{"), JsValue::UNDEFINED).expect("parse"));
    assert_eq!(failed["ok"], false);
    assert!(failed.get("value").is_none());
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_codes() {
    let e = api::validate(text("{}"), js(json!({"environment": "qa"}))).expect_err("throws");
    assert_eq!(error_code(&e), "UNKNOWN_ENVIRONMENT");
    let e = api::validate(text("{}"), js(json!({"format": "yaml"}))).expect_err("throws");
    assert_eq!(error_code(&e), "UNKNOWN_FORMAT");
    let e = api::validate(text("{}"), js(json!({"enviroment": "prod"}))).expect_err("throws");
    assert_eq!(error_code(&e), "INVALID_ARGUMENT");
    let e = api::validate(JsValue::from_f64(1.0), JsValue::UNDEFINED).expect_err("throws");
    assert_eq!(error_code(&e), "INVALID_ARGUMENT");
    let e = api::convert(text("{\"a\": }"), text("toml"), JsValue::UNDEFINED).expect_err("throws");
    assert_eq!(error_code(&e), "SYNTAX");
    let diagnostics =
        to_json(&js_sys::Reflect::get(&e, &"diagnostics".into()).expect("diagnostics"));
    assert_eq!(diagnostics[0]["code"], "AC001");
    let e = api::convert(text("[1]"), text("toml"), JsValue::UNDEFINED).expect_err("throws");
    assert_eq!(error_code(&e), "UNREPRESENTABLE");
    assert!(!api::is_auditcfg_error(&js_sys::Error::new("other").into()));
}

#[wasm_bindgen_test]
fn presets_use_the_js_clock_and_random_numbers() {
    let a = to_json(&api::preset(text("prod")).expect("preset"));
    let b = to_json(&api::preset(text("production")).expect("preset"));
    let year = js_sys::Date::new_0().get_utc_full_year().to_string();
    assert!(
        a["lastUpdated"]
            .as_str()
            .is_some_and(|t| t.starts_with(&year)),
        "{}",
        a["lastUpdated"]
    );
    assert_ne!(
        a["security"]["encryptionKey"],
        b["security"]["encryptionKey"]
    );
    let e = api::preset(text("qa")).expect_err("throws");
    assert_eq!(error_code(&e), "UNKNOWN_ENVIRONMENT");
}

#[wasm_bindgen_test]
fn catalogs() {
    let rules = to_json(&api::rules().expect("rules"));
    assert_eq!(
        rules.as_array().map(Vec::len),
        Some(auditcfg_core::rules::catalog().len())
    );
    let secrets = to_json(&api::secret_paths().expect("secretPaths"));
    assert_eq!(
        secrets.as_array().map(Vec::len),
        Some(auditcfg_core::secrets::SECRET_PATHS.len())
    );
    assert_eq!(
        to_json(&api::schema().expect("schema")),
        *auditcfg_core::schema()
    );
    assert_eq!(
        api::version().as_string().as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let live = to_json(&api::hot_reloadable_fields().expect("hotReloadableFields"));
    assert!(
        live.as_array()
            .is_some_and(|a| a.contains(&json!("/logging/level")))
    );
}

#[wasm_bindgen_test]
fn encryption_round_trips_inside_wasm() {
    let (_, prod) = PRESETS[2];
    let fast = js(json!({"kdf": {"name": "PBKDF2", "iterations": 1000}}));
    let file = api::encrypt_file(text(prod), text("pw"), fast.clone()).expect("encryptFile");
    let plain =
        api::decrypt_file(file.clone(), text("pw"), JsValue::UNDEFINED).expect("decryptFile");
    let expected = auditcfg_core::to_json(&serde_json::from_str(prod).expect("JSON"));
    assert_eq!(plain.as_string(), Some(expected.clone()));
    let e = api::decrypt_file(file, text("nope"), JsValue::UNDEFINED).expect_err("throws");
    assert_eq!(error_code(&e), "WRONG_PASSWORD_OR_MODIFIED");
    let sealed = api::encrypt_fields(text(prod), text("pw"), fast).expect("encryptFields");
    assert!(sealed.as_string().is_some_and(|s| s.contains("enc:v1:")));
    let opened =
        api::decrypt_fields(sealed, text("pw"), JsValue::UNDEFINED).expect("decryptFields");
    assert_eq!(opened.as_string(), Some(expected));
}

#[wasm_bindgen_test]
fn diff_patch_merge() {
    let (_, prod) = PRESETS[2];
    let mut doc: Value = serde_json::from_str(prod).expect("JSON");
    doc["logging"]["level"] = json!("error");
    let changed = auditcfg_core::to_json(&doc);
    let d = to_json(&api::diff(text(prod), text(&changed), JsValue::UNDEFINED).expect("diff"));
    assert_eq!(d["summary"]["total"], 1);
    assert_eq!(d["changes"][0]["path"], "/logging/level");
    assert_eq!(d["changes"][0]["kind"], "changed");
    assert_eq!(d["changes"][0]["impact"]["kind"], "hotReload");
    let patch =
        api::to_json_patch(text(prod), text(&changed), JsValue::UNDEFINED).expect("toJsonPatch");
    let patched = api::apply_patch(text(prod), patch, JsValue::UNDEFINED).expect("applyPatch");
    assert_eq!(patched.as_string(), Some(changed));
    let merged = api::merge(
        text("{\"a\": {\"b\": 1}}"),
        text("{\"a\": {\"c\": 2}}"),
        JsValue::UNDEFINED,
    )
    .expect("merge");
    assert_eq!(
        serde_json::from_str::<Value>(&merged.as_string().expect("text")).expect("JSON"),
        json!({"a": {"b": 1, "c": 2}})
    );
}
