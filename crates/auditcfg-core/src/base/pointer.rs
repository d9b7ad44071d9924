//! RFC 6901 JSON Pointers: the one way paths are written in auditcfg.

use serde_json::Value;
use std::borrow::Cow;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
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
pub fn get<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    value.pointer(pointer)
}

/// Does `pattern` (a pointer whose tokens may be `*`, matching any one token)
/// match `pointer`?
pub fn matches(pattern: &str, pointer: &str) -> bool {
    let mut p = tokens(pattern);
    let mut q = tokens(pointer);
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                if a != "*" && a != b {
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
