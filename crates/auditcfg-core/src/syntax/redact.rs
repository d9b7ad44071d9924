//! Where the secrets of a text are, whether the text parses or not: the
//! byte ranges that every output showing the text itself must hide (drafts
//! in browser storage, source excerpts under findings).
//!
//! What is secret is the registry's call ([`crate::secrets`]); this module
//! only finds it in text, on the error-tolerant view
//! ([`super::tolerant`]):
//!
//! 1. every value at a secret path (every occurrence: a shadowed duplicate
//!    key is found too), a URL secret by its credentials only;
//! 2. the credentials of every URL-looking string anywhere (`user:pass@`,
//!    `?password=`);
//! 3. every other occurrence of a secret value found by 1 (a copy in an
//!    unknown field, a token pasted into a webhook URL);
//! 4. values the caller remembers as secret (`known`), wherever they occur;
//! 5. when the text does not parse (so paths cannot be trusted), every run
//!    of characters that looks like a key or a token
//!    ([`secrets::looks_like_token`]).

use super::Format;
use super::tolerant::{self, ValueKind};
use crate::base::field_names::is_field_name;
use crate::diagnostic::TextRange;
use crate::secrets::{self, SecretKind};

/// Why a range is secret (and so what it is replaced by).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The content of a quoted value at a secret path (or a copy of one,
    /// or a remembered value).
    Value,
    /// An unquoted value (a number, a bare word) at a secret path: a
    /// replacement must add quotes.
    Bare,
    /// A password or secret query value inside a URL.
    UrlCredential,
    /// A user name inside a URL (hidden too, but not searched for
    /// elsewhere: `postgres` is also a word).
    UrlUser,
    /// A run that looks like a key or token, in text that does not parse.
    Token,
}

/// One secret range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Bytes of the text, on character boundaries, never empty.
    pub range: TextRange,
    /// Why.
    pub found: Found,
}

/// Every secret of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    /// Sorted, non-overlapping (overlaps are merged).
    pub spans: Vec<Span>,
    /// Did the text parse? When not, the spans are a best effort
    /// (paths recovered from broken syntax, plus the token heuristic).
    pub parsed: bool,
    /// `false` when part of the text could not be looked at (the tolerant
    /// scan's depth or size caps): then the spans may miss a secret.
    pub complete: bool,
}

/// Copies of secret values shorter than this are not searched for
/// elsewhere (a `"1"` would match everywhere).
const MIN_COPY: usize = 8;
/// At most this many distinct secret values are searched for as copies.
const MAX_COPIES: usize = 256;

/// Finds every secret of `text` (JSON or TOML, detected when `format` is
/// `None`), parseable or not. `known` are secret values remembered from
/// elsewhere (the last version that parsed), found wherever they occur.
pub fn secret_ranges(text: &str, format: Option<Format>, known: &[String]) -> Secrets {
    let format = format.unwrap_or_else(|| Format::detect(text));
    let parsed = super::parse(text, format).value.is_some();
    let mut spans: Vec<Span> = Vec::new();
    let mut complete = true;
    // When the text does not parse, its format is a guess too: look at it
    // both ways (extra spans only ever hide more).
    let formats: &[Format] = match (parsed, format) {
        (true, _) => &[format][..],
        (false, Format::Json) => &[Format::Json, Format::Toml][..],
        (false, Format::Toml) => &[Format::Toml, Format::Json][..],
    };
    let kind_at = |p: &str| {
        if parsed {
            secrets::secret_kind_within(p)
        } else {
            secrets::secret_kind_loose(p)
        }
    };
    let credentials = secrets::url_credentials(text);
    for &f in formats {
        let scan = tolerant::scan(text, f);
        complete &= scan.complete || (!parsed && f != format);
        for e in &scan.entries {
            let bare = match e.kind {
                ValueKind::String => false,
                ValueKind::Number | ValueKind::Word => true,
                _ => continue,
            };
            let c = e.content;
            if c.start >= c.end {
                continue;
            }
            // A string cut before its closing quote: a URL in it may be
            // cut inside its credentials (`postgres://user:pa`).
            let cut = !bare && e.value.end == c.end;
            // One URL, nothing the URL pass stops at inside it, and every
            // `@` closing credentials the URL pass found.
            let url_with_found_credentials = || {
                let v = &text[c.start..c.end];
                v.matches("://").count() == 1
                    && !v.bytes().any(|b| {
                        b.is_ascii_whitespace()
                            || matches!(
                                b,
                                b'\''
                                    | b'"'
                                    | b'`'
                                    | b'<'
                                    | b'>'
                                    | b'\\'
                                    | b','
                                    | b'{'
                                    | b'}'
                                    | b'['
                                    | b']'
                            )
                    })
                    && v.match_indices('@').all(|(i, _)| {
                        credentials
                            .iter()
                            .any(|(r, _)| r.end == c.start + i && r.start >= c.start)
                    })
            };
            match kind_at(&e.pointer) {
                // In text that does not parse, a value can leave its
                // parent (`"headers":{}"x-key":"…"` puts `x-key` beside
                // `headers`): a key the schema does not define may be
                // below a wildcard secret path, so its value is hidden.
                None if !parsed
                    && e.key.is_some()
                    && !crate::pointer::tokens(&e.pointer)
                        .last()
                        .is_some_and(|k| is_field_name(&k))
                    && text[c.start..c.end]
                        .bytes()
                        .any(|b| b.is_ascii_alphanumeric()) =>
                {
                    spans.push(Span {
                        range: c,
                        found: if bare { Found::Bare } else { Found::Value },
                    });
                }
                None => {}
                Some(SecretKind::Url) if !bare && !cut && url_with_found_credentials() => {
                    // Found by the URL pass below. A URL secret that is
                    // not a URL, is cut, or has an `@` the URL pass cannot
                    // place, is hidden whole (as `mask_url` does).
                }
                Some(_) => spans.push(Span {
                    range: c,
                    found: if bare { Found::Bare } else { Found::Value },
                }),
            }
        }
    }
    for (r, password) in credentials {
        spans.push(Span {
            range: TextRange::new(r.start, r.end),
            found: if password {
                Found::UrlCredential
            } else {
                Found::UrlUser
            },
        });
    }
    // Copies of the values found, and the remembered ones.
    let mut values: Vec<&str> = Vec::new();
    for s in spans.iter().filter(|s| s.found != Found::UrlUser) {
        let v = &text[s.range.start..s.range.end];
        if v.len() >= MIN_COPY && v != secrets::MASK && !values.contains(&v) {
            values.push(v);
            if values.len() >= MAX_COPIES {
                break;
            }
        }
    }
    let mut escaped_known = Vec::new();
    for k in known
        .iter()
        .filter(|k| k.len() >= 4 && k.as_str() != secrets::MASK)
    {
        escaped_known.push(k.clone());
        // As written inside a JSON or TOML basic string.
        if let Ok(q) = serde_json::to_string(k)
            && q.len() > 2
            && q[1..q.len() - 1] != **k
        {
            escaped_known.push(q[1..q.len() - 1].to_owned());
        }
    }
    let mut copies = Vec::new();
    for v in values
        .iter()
        .copied()
        .chain(escaped_known.iter().map(String::as_str))
    {
        for (i, m) in text.match_indices(v) {
            copies.push(Span {
                range: TextRange::new(i, i + m.len()),
                found: Found::Value,
            });
        }
    }
    spans.extend(copies);
    if !parsed {
        spans.extend(token_runs(text));
        spans.extend(named_pairs(text));
    }
    Secrets {
        spans: merge(spans),
        parsed,
        complete,
    }
}

/// In text that does not parse, quotes cannot be trusted either (one
/// stray `"` turns a minified document inside out): ignoring every quote,
/// each `name : value` or `name = value` whose name names a secret
/// ([`secrets::secret_kind_loose`]) hides its value.
fn named_pairs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let sep = |b: u8| matches!(b, b':' | b'=' | b',' | b'{' | b'}' | b'[' | b']');
    let blank = |b: u8| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`');
    // Words: (start, end, the separator after it).
    let mut out = Vec::new();
    let mut prev: Option<(usize, usize)> = None;
    // The name before the last `{` (`headers` for `headers: {x: ...}`).
    let mut parent: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if blank(b) {
            i += 1;
            continue;
        }
        if sep(b) {
            match b {
                b':' | b'=' => {}
                b'{' | b'[' => {
                    if let Some(p) = prev.take() {
                        parent = Some(p);
                    }
                }
                b'}' | b']' => {
                    parent = None;
                    prev = None;
                }
                _ => prev = None,
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !blank(bytes[i]) && !sep(bytes[i]) {
            i += 1;
        }
        // The word before, if a `:` or `=` stands between them.
        if let Some((ks, ke)) = prev {
            let between = &text[ke..start];
            if between.bytes().any(|b| b == b':' || b == b'=')
                && between.bytes().all(|b| blank(b) || b == b':' || b == b'=')
                && secrets::secret_kind_loose(&crate::pointer::push(
                    &parent.map_or_else(String::new, |(ps, pe)| {
                        crate::pointer::push("", &text[ps..pe])
                    }),
                    &text[ks..ke],
                ))
                .is_some_and(|k| k == SecretKind::Opaque)
            {
                out.push(Span {
                    range: TextRange::new(start, i),
                    found: Found::Value,
                });
            }
        }
        prev = Some((start, i));
    }
    out
}

/// Runs of the key/token alphabet that look like keys or tokens.
fn token_runs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let in_run =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_' | b'.');
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !in_run(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && in_run(bytes[i]) {
            i += 1;
        }
        let run = &text[start..i];
        // A path or URL splits into its segments; a token is one of them
        // (or the whole run, for base64 with `/`).
        if secrets::looks_like_token(run) {
            out.push(Span {
                range: TextRange::new(start, i),
                found: Found::Token,
            });
            continue;
        }
        let mut seg_start = start;
        for (j, b) in run
            .bytes()
            .enumerate()
            .chain(std::iter::once((run.len(), b'/')))
        {
            if matches!(b, b'/' | b'.' | b'=') {
                let seg = &text[seg_start..start + j];
                if secrets::looks_like_token(seg) {
                    out.push(Span {
                        range: TextRange::new(seg_start, start + j),
                        found: Found::Token,
                    });
                }
                seg_start = start + j + 1;
            }
        }
    }
    out
}

/// Sorts spans and merges overlapping ones (the merged span keeps the
/// first kind unless they differ, then it is a [`Found::Value`]).
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| s.range.start < s.range.end);
    crate::base::sort::sort_by_key(&mut spans, |s| {
        (s.range.start, std::cmp::Reverse(s.range.end))
    });
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = out.last_mut()
            && s.range.start < last.range.end
        {
            if s.range.end > last.range.end {
                last.range.end = s.range.end;
                if last.found != s.found {
                    last.found = Found::Value;
                }
            }
            continue;
        }
        out.push(s);
    }
    out
}

/// The text with every span replaced for storage: values by
/// [`secrets::MASK`] (quoted when the value was bare), URL credentials by
/// [`secrets::URL_CREDENTIAL_MASK`], tokens by [`secrets::MASK`].
pub fn redact(text: &str, found: &Secrets) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in &found.spans {
        out.push_str(&text[at..s.range.start]);
        out.push_str(match s.found {
            Found::Value | Found::Token => secrets::MASK,
            Found::Bare => "\"***MASKED***\"",
            Found::UrlCredential | Found::UrlUser => secrets::URL_CREDENTIAL_MASK,
        });
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The text with every span overwritten in place by placeholders of the
/// **same length in bytes and the same width on screen** (`*` per ASCII
/// character; a two-byte character becomes `¤`, a three-byte one `∗`, a
/// four-byte one (emoji, wide) `🔒`), so that byte ranges and underlines
/// computed on the original still fit.
pub fn mask_in_place(text: &str, found: &Secrets) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in &found.spans {
        out.push_str(&text[at..s.range.start]);
        for c in text[s.range.start..s.range.end].chars() {
            match c.len_utf8() {
                1 if c == '\n' || c == '\r' || c == '\t' => out.push(c),
                1 => out.push('*'),
                2 => out.push('¤'),
                3 => out.push('∗'),
                _ => out.push('🔒'),
            }
        }
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The secret values of a text that parses, as strings (for callers that
/// remember them to strip a later version that does not parse). Empty
/// when the text does not parse.
pub fn secret_values(text: &str, format: Option<Format>) -> Vec<String> {
    let found = secret_ranges(text, format, &[]);
    if !found.parsed {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for s in found.spans.iter().filter(|s| s.found != Found::UrlUser) {
        let v = &text[s.range.start..s.range.end];
        if v != secrets::MASK && v != secrets::URL_CREDENTIAL_MASK && !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str, format: Option<Format>) -> String {
        redact(text, &secret_ranges(text, format, &[]))
    }

    #[test]
    fn secret_paths_urls_and_copies() {
        let t = r#"{"server": {"auth": {"sessionSecret": "first-SECRET"}}, "server": {"auth": {"sessionSecret": "second-SECRET", "x": 1}}, "redis": {"url": "rediss://u:pw-SECRET@h:6380"}, "security": {"encryptionKey": 12345}, "x-copy": "see first-SECRET", "x-url": "postgres://a:other-SECRET@db/x"}"#;
        let found = secret_ranges(t, None, &[]);
        assert!(found.parsed && found.complete);
        let out = redact(t, &found);
        assert!(!out.contains("SECRET"), "{out}");
        assert!(!out.contains("12345"), "{out}");
        assert!(out.contains(r#""encryptionKey": "***MASKED***""#), "{out}");
        assert!(out.contains("rediss://***:***@h:6380"), "{out}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&out).is_ok(),
            "{out}"
        );
        // Booleans named like secrets are not.
        assert_eq!(
            hidden(r#"{"cors": {"credentials": true}}"#, None),
            r#"{"cors": {"credentials": true}}"#
        );
    }

    #[test]
    fn broken_text_is_still_covered() {
        for t in [
            r#"{"server": {"auth": {"sessionSecret": "cut-SECRET"#,
            "{'server': {'auth': {'sessionSecret': 'quoted-SECRET'}}}",
            r#"{{"security": {"encryptionKey" "nocolon-SECRET"}"#,
            "[server.auth\nsessionSecret = \"toml-SECRET\"\n[[x\n",
            "password = 'SECRET-word' {",
            r#"{""server":{"auth":{"sessionSecret":"SECRET-inside-out"}}}"#,
        ] {
            let found = secret_ranges(t, None, &[]);
            assert!(!found.parsed, "{t}");
            let out = redact(t, &found);
            assert!(!out.contains("SECRET"), "{t} -> {out}");
        }
        // Tokens without a key that names them, in broken text.
        let t =
            r#"{"x": "9f86d081884c7d659a2feaa0c55ad015", "y": "sk_live_4eC39HqLyjWDarjtT1zdp7dc" "#;
        let out = hidden(t, None);
        assert!(!out.contains("9f86d0") && !out.contains("sk_live"), "{out}");
        // Remembered values, raw and escaped.
        let t = "{\"a\": \"remembered\\\"q\" garbage";
        let out = redact(t, &secret_ranges(t, None, &["remembered\"q".to_owned()]));
        assert!(!out.contains("remembered"), "{out}");
    }

    #[test]
    fn in_place_masks_keep_lengths() {
        let t = r#"{"server": {"auth": {"sessionSecret": "pässwört😀中"}}}"#;
        let out = mask_in_place(t, &secret_ranges(t, None, &[]));
        assert_eq!(out.len(), t.len());
        assert!(!out.contains("pässwört"));
        assert!(out.contains("\"*¤***¤**🔒∗\""), "{out}");
    }
}
