//! The four upstream presets. `preset(env)` equals the reference preset in
//! every field but the secrets upstream generates afresh (random 32-byte
//! hex) and `lastUpdated` (now).

use crate::Error;
use crate::environment::Environment;
use serde_json::Value;

/// The reference preset text of an environment, exactly as upstream's
/// factory produces it (`lastUpdated` fixed to 2026-01-01).
pub fn reference_text(env: Environment) -> &'static str {
    match env {
        Environment::Development => include_str!("../../presets/development.json"),
        Environment::Staging => include_str!("../../presets/staging.json"),
        Environment::Production => include_str!("../../presets/production.json"),
        Environment::Test => include_str!("../../presets/test.json"),
    }
}

/// The reference preset of an environment as a value.
pub fn reference(env: Environment) -> Value {
    serde_json::from_str(reference_text(env)).unwrap_or(Value::Null)
}

/// The pointers upstream fills with a fresh random secret in a preset.
pub fn generated_secret_paths(env: Environment) -> &'static [&'static str] {
    match env {
        // Development keeps upstream's placeholder session secret.
        Environment::Development => &["/security/encryptionKey"],
        _ => &["/security/encryptionKey", "/server/auth/sessionSecret"],
    }
}

/// 32 random bytes as 64 lower-case hex digits, from the operating
/// system's generator.
pub fn random_hex_32() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    let mut out = String::with_capacity(64);
    for b in bytes {
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}

/// Formats Unix milliseconds as JavaScript's `Date.prototype.toISOString`
/// does (`2026-01-01T00:00:00.000Z`).
pub fn iso_timestamp(unix_millis: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_millis) * 1_000_000)
        .ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    ))
}

/// The preset of an environment (name or alias) with fresh secrets and
/// `lastUpdated` set to `unix_millis`. Pure but for the random secrets;
/// the caller supplies the clock (the browser passes `Date.now()`).
pub fn preset_at(env: &str, unix_millis: i64) -> Result<Value, Error> {
    let env: Environment = env.parse()?;
    let mut value = reference(env);
    for path in generated_secret_paths(env) {
        if let Some(slot) = value.pointer_mut(path) {
            *slot = Value::String(random_hex_32()?);
        }
    }
    if let (Some(slot), Some(now)) = (
        value.pointer_mut("/lastUpdated"),
        iso_timestamp(unix_millis),
    ) {
        *slot = Value::String(now);
    }
    Ok(value)
}

/// The preset of an environment (name or alias) with fresh secrets and
/// `lastUpdated` set to now (system clock; not available in the browser,
/// where [`preset_at`] is used).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn preset(env: &str) -> Result<Value, Error> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    preset_at(env, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_equal_reference_but_for_generated_fields() {
        for env in Environment::ALL {
            let mut fresh = preset(env.as_str()).unwrap();
            let reference = reference(env);
            for path in generated_secret_paths(env) {
                let a = fresh
                    .pointer(path)
                    .and_then(Value::as_str)
                    .unwrap()
                    .to_owned();
                let b = reference.pointer(path).and_then(Value::as_str).unwrap();
                assert_eq!(a.len(), 64);
                assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
                assert_ne!(a, b, "{env} {path} was not regenerated");
                *fresh.pointer_mut(path).unwrap() = reference.pointer(path).cloned().unwrap();
            }
            assert_ne!(fresh["lastUpdated"], reference["lastUpdated"]);
            fresh["lastUpdated"] = reference["lastUpdated"].clone();
            assert_eq!(fresh, reference, "{env}");
        }
    }

    #[test]
    fn aliases_and_unknown_environments() {
        assert_eq!(preset_at("prod", 0).unwrap()["environment"], "production");
        assert_eq!(preset_at("stage", 0).unwrap()["environment"], "staging");
        assert_eq!(preset_at("dev", 0).unwrap()["environment"], "development");
        let e = preset_at("qa", 0).unwrap_err();
        assert!(e.to_string().contains("unknown environment `qa`"), "{e}");
    }

    #[test]
    fn timestamps_look_like_javascript() {
        assert_eq!(
            iso_timestamp(1_767_225_600_000).unwrap(),
            "2026-01-01T00:00:00.000Z"
        );
        assert_eq!(
            iso_timestamp(1_767_225_600_123).unwrap(),
            "2026-01-01T00:00:00.123Z"
        );
    }
}
