//! RFC 6901 JSON Pointers: the one way paths are written in auditcfg.

use serde_json::Value;
use std::borrow::Cow;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one reference token (`~1` → `/`, `~0` → `~`).
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The proper ancestors of a pointer, nearest the root first, without the
/// root itself: `/a/b/c` gives `/a`, `/a/b`.
pub fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    pointer
        .match_indices('/')
        .skip(1)
        .map(move |(i, _)| &pointer[..i])
}

/// Appends one token to a pointer.
pub fn push(pointer: &str, token: &str) -> String {
    let token = escape(token);
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    out.push_str(&token);
    out
}

/// Appends one token to a pointer built in place: the walks keep one
/// buffer, push a token on the way down and [`String::truncate`] on the way
/// back, so a pointer costs an allocation only when a finding keeps it.
pub fn push_into(buf: &mut String, token: &str) {
    buf.push('/');
    // The runs between the characters to escape go in whole: keys such as
    // `/api/v1/...` (endpoint overrides) have a `/` every few bytes, and
    // pushing them a `char` at a time was a quarter of a large
    // document's schema check in WebAssembly (issue #15).
    let mut rest = token;
    while let Some(at) = rest.bytes().position(|b| b == b'~' || b == b'/') {
        // `~` and `/` are ASCII: `at` and `at + 1` are char boundaries.
        let (run, tail) = rest.split_at(at);
        buf.push_str(run);
        buf.push_str(if tail.starts_with('~') { "~0" } else { "~1" });
        rest = tail.get(1..).unwrap_or_default();
    }
    buf.push_str(rest);
}

/// Appends an array index to a pointer built in place (see [`push_into`]).
pub fn push_index_into(buf: &mut String, index: usize) {
    buf.push('/');
    let mut digits = [0u8; 20];
    let mut n = index;
    let mut i = digits.len();
    loop {
        i -= 1;
        // A digit: always below 10.
        digits[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        buf.push(char::from(d));
    }
}

/// The unescaped tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer
        .strip_prefix('/')
        .into_iter()
        .flat_map(|rest| rest.split('/'))
        .map(unescape)
}

/// Builds a pointer from unescaped tokens.
pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in tokens {
        out.push('/');
        out.push_str(&escape(t));
    }
    out
}

/// The dotted form upstream uses in change records (`redis.url`).
pub fn to_dotted(pointer: &str) -> String {
    let mut out = String::new();
    for (i, t) in tokens(pointer).enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(&t);
    }
    out
}

/// Parses a dotted path (`redis.url`) into a pointer.
pub fn from_dotted(dotted: &str) -> String {
    if dotted.is_empty() {
        return String::new();
    }
    from_tokens(dotted.split('.'))
}

/// Looks a pointer up in a value (same semantics as `Value::pointer`).
/// Without an allocation per token (`Value::pointer` unescapes every token
/// into a new `String`; the rules look up dozens of pointers per document).
pub fn get<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    // One pass over the bytes per token (its end and whether it has an
    // escape), no searcher per token: the rules look up dozens of pointers.
    let bytes = rest.as_bytes();
    let mut target = value;
    let mut start = 0;
    loop {
        let mut end = start;
        let mut escaped = false;
        while let Some(&b) = bytes.get(end).filter(|&&b| b != b'/') {
            escaped |= b == b'~';
            end += 1;
        }
        let raw = rest.get(start..end)?;
        let token = if escaped {
            unescape(raw)
        } else {
            Cow::Borrowed(raw)
        };
        target = match target {
            Value::Object(map) => member(map, &token)?,
            Value::Array(list) => parse_index(&token).and_then(|i| list.get(i))?,
            _ => return None,
        };
        if end >= bytes.len() {
            return Some(target);
        }
        start = end + 1;
    }
}

/// Objects up to this size are scanned for a key instead of hashed.
const SCAN_UP_TO: usize = 32;

/// The value of `key` in an object (same as `Map::get`): small objects,
/// which most of a config's are, are scanned (a length check per key)
/// instead of hashing the key with SipHash.
pub fn member<'v>(map: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v Value> {
    if map.len() <= SCAN_UP_TO {
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// An array index as `Value::pointer` reads it: no sign, no leading zero.
fn parse_index(s: &str) -> Option<usize> {
    if s.starts_with('+') || (s.starts_with('0') && s.len() != 1) {
        return None;
    }
    s.parse().ok()
}

/// Does `pattern` (a pointer whose tokens may be `*`, matching any one token)
/// match `pointer`?
pub fn matches(pattern: &str, pointer: &str) -> bool {
    // Both are escaped the same way (RFC 6901), so tokens compare as
    // written: no unescaping, no `char` searcher (this runs for every leaf
    // against every registry path).
    fn raw(p: &str) -> impl Iterator<Item = &[u8]> {
        p.strip_prefix('/')
            .into_iter()
            .flat_map(|rest| rest.as_bytes().split(|&b| b == b'/'))
    }
    let mut p = raw(pattern);
    let mut q = raw(pointer);
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                if a != b"*" && a != b {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_exclude_the_root_and_the_pointer() {
        assert_eq!(
            ancestors("/a/b~1c/d").collect::<Vec<_>>(),
            ["/a", "/a/b~1c"]
        );
        assert_eq!(ancestors("/a").count(), 0);
        assert_eq!(ancestors("").count(), 0);
    }

    #[test]
    fn escape_round_trip() {
        let p = from_tokens(["a/b", "c~d", "e"]);
        assert_eq!(p, "/a~1b/c~0d/e");
        let back: Vec<_> = tokens(&p).collect();
        assert_eq!(back, ["a/b", "c~d", "e"]);
        assert_eq!(tokens("").count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn building_in_place_matches_escape(token in "[a/~ü1-]{0,12}", prefix in "(/[a-z]{1,3}){0,2}") {
            let mut buf = prefix.clone();
            push_into(&mut buf, &token);
            proptest::prop_assert_eq!(&buf, &format!("{prefix}/{}", escape(&token)));
            proptest::prop_assert_eq!(tokens(&buf).last().map(|t| t.into_owned()), Some(token));
        }
    }

    #[test]
    fn building_in_place_matches_push() {
        for token in [
            "a",
            "b/c",
            "d~e",
            "",
            "ü/~",
            "/",
            "~",
            "~1",
            "//~~",
            "/api/v1/x",
            "ü/",
        ] {
            let mut buf = String::from("/x");
            push_into(&mut buf, token);
            assert_eq!(buf, push("/x", token));
        }
        for i in [0usize, 7, 10, 12_345, usize::MAX] {
            let mut buf = String::new();
            push_index_into(&mut buf, i);
            assert_eq!(buf, push("", &i.to_string()));
        }
    }

    #[test]
    fn get_is_value_pointer() {
        let v = serde_json::json!({"a": {"b/c": [1, {"d~e": 2}], "": 3}, "0": 4});
        for p in [
            "",
            "/",
            "/a",
            "/a/b~1c",
            "/a/b~1c/1/d~0e",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/a/b~1c/9",
            "/a/",
            "/0",
            "a",
            "/a/b~1c/1/d~0e/x",
            "/a/b~01c",
        ] {
            assert_eq!(get(&v, p), v.pointer(p), "{p}");
        }
    }

    #[test]
    fn dotted() {
        assert_eq!(to_dotted("/redis/url"), "redis.url");
        assert_eq!(from_dotted("redis.url"), "/redis/url");
        assert_eq!(from_dotted(""), "");
    }

    #[test]
    fn wildcard_match() {
        assert!(matches("/a/*/c", "/a/0/c"));
        assert!(!matches("/a/*/c", "/a/0/d"));
        assert!(!matches("/a/*", "/a/0/d"));
        assert!(!matches("/a/*/c", "/a/0"));
    }
}
