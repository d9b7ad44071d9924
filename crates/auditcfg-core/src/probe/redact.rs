//! Keeping secrets out of what a probe prints.

use crate::secrets::{self, URL_CREDENTIAL_MASK};

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
}
