//! Keeping secrets out of what a probe prints.

use crate::document::Document;
use crate::secrets::{self, SecretKind, URL_CREDENTIAL_MASK};

/// Removes credentials from a text that may quote them (a driver's error
/// message): every given URL, masked; its user name and password (raw and
/// percent-decoded, when at least 3 characters long, so that a one-letter
/// user does not blank the message); and the user-info part of any other
/// `scheme://user:password@` in the text.
pub fn redact(text: &str, urls: &[&str]) -> String {
    let mut out = text.to_owned();
    let mut words: Vec<String> = Vec::new();
    for raw in urls {
        if raw.is_empty() {
            continue;
        }
        out = out.replace(raw, &secrets::mask_url(raw));
        if let Ok(u) = url::Url::parse(raw) {
            for part in [u.username(), u.password().unwrap_or_default()] {
                if part.is_empty() {
                    continue;
                }
                words.push(part.to_owned());
                if let Ok(decoded) = percent_decode(part) {
                    words.push(decoded);
                }
            }
        }
    }
    // Longest first, so that a password containing the user name is
    // replaced whole.
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in words.iter().filter(|w| w.chars().count() >= 3) {
        out = out.replace(w.as_str(), URL_CREDENTIAL_MASK);
    }
    mask_userinfo(&out)
}

fn percent_decode(s: &str) -> Result<String, ()> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or(())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

/// `scheme://anything@` → `scheme://***@` wherever it occurs.
fn mask_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '"' | '\'' | '?' | '#'))
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(at) => {
                out.push_str(URL_CREDENTIAL_MASK);
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The document's source with every secret value blanked by placeholders
/// of the same length in bytes, characters and UTF-16 units (so every range
/// and every line/column stays valid), for edges that quote source lines:
/// a URL keeps its scheme, host and path (its user info and query are
/// blanked), other secrets are blanked whole. Line ends stay.
pub fn masked_source(doc: &Document) -> String {
    let mut bytes: Vec<u8> = doc.source().as_bytes().to_vec();
    let source = doc.source();
    for pointer in secrets::secret_pointers(doc.value()) {
        let loc = doc.locate(&pointer);
        if !loc.exact {
            continue;
        }
        let (start, end) = (loc.range.start, loc.range.end.min(source.len()));
        let Some(raw) = source.get(start..end) else {
            continue;
        };
        let (inner_start, inner) = strip_quotes(raw);
        let kind = secrets::secret_kind_within(&pointer);
        let spans: Vec<(usize, usize)> = match kind {
            Some(SecretKind::Url) if !inner.contains('\\') => url_secret_spans(inner),
            _ => vec![(0, inner.len())],
        };
        for (a, b) in spans {
            let abs = start + inner_start;
            blank(&mut bytes, source, abs + a, abs + b);
        }
    }
    // Placeholders replace whole characters by characters of the same
    // length: the bytes stay UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| "*".repeat(source.len()))
}

/// The content of a quoted scalar and its offset (JSON `"…"`, TOML `"…"`,
/// `'…'`, `"""…"""`, `'''…'''`); unquoted scalars (numbers) whole.
fn strip_quotes(raw: &str) -> (usize, &str) {
    for q in ["\"\"\"", "'''", "\"", "'"] {
        if raw.len() >= 2 * q.len() && raw.starts_with(q) && raw.ends_with(q) {
            return (q.len(), &raw[q.len()..raw.len() - q.len()]);
        }
    }
    (0, raw)
}

/// Byte spans of a URL's text to blank: the user info and the query.
fn url_secret_spans(s: &str) -> Vec<(usize, usize)> {
    let Some(scheme_end) = s.find("://") else {
        return vec![(0, s.len())];
    };
    let auth_start = scheme_end + 3;
    let auth_end = s[auth_start..]
        .find(['/', '?', '#'])
        .map_or(s.len(), |i| auth_start + i);
    let mut spans = Vec::new();
    if let Some(at) = s[auth_start..auth_end].rfind('@') {
        spans.push((auth_start, auth_start + at));
    }
    if let Some(q) = s.find('?') {
        spans.push((q + 1, s.len()));
    }
    spans
}

fn blank(bytes: &mut [u8], source: &str, start: usize, end: usize) {
    let Some(text) = source.get(start..end) else {
        return;
    };
    let mut at = start;
    for c in text.chars() {
        let len = c.len_utf8();
        if c != '\n' && c != '\r' {
            let placeholder = match len {
                1 => '*',
                2 => '\u{d7}',
                3 => '\u{2217}',
                _ => '\u{1d7ce}',
            };
            let mut buf = [0u8; 4];
            let enc = placeholder.encode_utf8(&mut buf);
            bytes[at..at + len].copy_from_slice(enc.as_bytes());
        }
        at += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_removes_urls_users_and_passwords() {
        let url = "postgresql://audit_user:s3cr%40t@db:5432/audit";
        let text = "password authentication failed for user \"audit_user\" (s3cr@t) at postgresql://audit_user:s3cr%40t@db:5432/audit; also redis://:other@r:6379/0";
        let out = redact(text, &[url]);
        for bad in ["audit_user", "s3cr", "other"] {
            assert!(!out.contains(bad), "{out}");
        }
        assert!(
            out.contains("db:5432/audit") && out.contains("r:6379/0"),
            "{out}"
        );
        // Short user names do not blank ordinary words.
        assert_eq!(redact("an error", &["postgres://a:b@h/db"]), "an error");
    }

    #[test]
    fn masked_source_keeps_lengths_and_hides_secrets() {
        let text = "{\n  \"database\": {\"url\": \"postgresql://audit:PÄSS€𝄞@db:5432/audit?password=Q\"},\n  \"security\": {\"encryptionKey\": \"KEYKEYKEY\"},\n  \"redis\": {\"url\": \"redis://cache:6379\"}\n}\n";
        let doc = Document::parse(text, None).document.expect("parses");
        let masked = masked_source(&doc);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.chars().count(), text.chars().count());
        assert_eq!(masked.encode_utf16().count(), text.encode_utf16().count());
        assert_eq!(masked.lines().count(), text.lines().count());
        for bad in ["audit:", "PÄSS", "KEYKEY", "=Q"] {
            assert!(!masked.contains(bad), "{masked}");
        }
        assert!(
            masked.contains("@db:5432/audit?") && masked.contains("redis://cache:6379"),
            "{masked}"
        );

        let toml = "[database]\nurl = 'postgres://u:TOMLPASS@h/db'\n";
        let doc = Document::parse(toml, None).document.expect("parses");
        let masked = masked_source(&doc);
        assert!(
            !masked.contains("TOMLPASS") && masked.contains("@h/db'"),
            "{masked}"
        );
    }
}
