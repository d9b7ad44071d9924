//! Semantic equality of JSON values, and the canonical JSON form used for
//! version hashes.
//!
//! Two values are equal when they mean the same to the audit server:
//! object key order never counts, and numbers compare by value
//! (`1000 == 1000.0`): exactly when both are integers, as `f64` when
//! either is a float (JavaScript has only `f64`).

use serde_json::{Number, Value};

/// Are two numbers equal by value? Integers compare exactly; when either is
/// a float both are compared as `f64`.
pub fn numbers_equal(x: &Number, y: &Number) -> bool {
    if x.is_f64() || y.is_f64() {
        return match (x.as_f64(), y.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
    }
    match (x.as_i64(), y.as_i64()) {
        (Some(a), Some(b)) => a == b,
        (None, None) => x.as_u64().is_some() && x.as_u64() == y.as_u64(),
        _ => false,
    }
}

/// Are two values equal in meaning? Key order is ignored, numbers compare
/// by value ([`numbers_equal`]), everything else structurally.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| values_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        (Value::String(x), Value::String(y)) => same_bytes(x.as_bytes(), y.as_bytes()),
        _ => a == b,
    }
}

/// `a == b` for the short keys and strings configs are made of, without a
/// call to `memcmp`: up to 16 bytes are compared as two (overlapping)
/// words, so the diff's walk pays a few instructions per key.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    fn words<const N: usize>(s: &[u8]) -> Option<(&[u8; N], &[u8; N])> {
        Some((s.first_chunk::<N>()?, s.last_chunk::<N>()?))
    }
    match a.len() {
        0..4 => a == b,
        4..8 => words::<4>(a) == words::<4>(b),
        8..=16 => words::<8>(a) == words::<8>(b),
        _ => a == b,
    }
}

/// Is the value a scalar (not an object or array)?
pub(crate) fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// The canonical JSON text of a value: compact, object keys sorted
/// (byte order of their UTF-8), and floats with an integral value below
/// 2^53 written as integers, so that values that [`values_equal`] calls
/// equal have one text.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::base::sort::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
    }
}

/// 2^53: beyond it `f64` no longer holds every integer.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

fn write_number(n: &Number, out: &mut String) {
    if let Some(f) = n.as_f64().filter(|_| n.is_f64())
        && f.fract() == 0.0
        && f.abs() < MAX_SAFE
    {
        // Integral and below 2^53: exactly representable as i64.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        out.push_str(&i.to_string());
        return;
    }
    out.push_str(&n.to_string());
}

fn write_string(s: &str, out: &mut String) {
    match serde_json::to_string(s) {
        Ok(text) => out.push_str(&text),
        // Serialising a `str` cannot fail; keep going regardless.
        Err(_) => out.push_str("\"\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_bytes_is_slice_equality_at_every_length_and_position() {
        for len in 0..40usize {
            let a: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{len} at {at}");
            }
            let mut longer = a.clone();
            longer.push(b'x');
            assert!(!same_bytes(&a, &longer), "{len}");
        }
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(values_equal(&json!(1000), &json!(1000.0)));
        assert!(values_equal(&json!(-3), &json!(-3.0)));
        assert!(!values_equal(&json!(1000), &json!(1000.5)));
        assert!(values_equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!values_equal(&json!(u64::MAX), &json!(i64::MAX)));
        assert!(!values_equal(&json!(1), &json!("1")));
    }

    #[test]
    fn key_order_is_ignored() {
        let a = json!({"a": 1, "b": {"c": [1, 2], "d": null}});
        let b = json!({"b": {"d": null, "c": [1.0, 2]}, "a": 1});
        assert!(values_equal(&a, &b));
        assert!(!values_equal(&a, &json!({"a": 1})));
        assert!(!values_equal(&json!([1, 2]), &json!([2, 1])));
    }

    #[test]
    fn canonical_text_is_order_and_representation_free() {
        let a = json!({"b": 1.0, "a": [true, null, "x\"y"], "c": 0.5});
        let b = json!({"c": 0.5, "a": [true, null, "x\"y"], "b": 1});
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(
            canonical_json(&a),
            r#"{"a":[true,null,"x\"y"],"b":1,"c":0.5}"#
        );
    }
}
