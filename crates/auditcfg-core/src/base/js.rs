//! What JavaScript (Node 20, which runs the audit server) makes of a value,
//! where upstream's rules depend on it: `Date.parse`, `String.prototype.length`,
//! the `\s` of its regular expressions, `new URL(...).protocol`. Upstream
//! rules use these so that their verdicts are the server's; the tests in
//! `tests/js_semantics.rs` compare each function with real Node.

/// Does `Date.parse(s)` return a number (not `NaN`) for an ISO 8601 string?
///
/// Implements V8's ISO date-time grammar (ECMAScript's Date Time String
/// Format with V8's extensions): `YYYY` or `±YYYYYY` (not `-000000`), then
/// optionally `-MM` (01–12) and `-DD` (01–31, not checked against the month:
/// `2026-02-30` is 2 March, as in V8); optionally `T` (or `t`), `HH:mm`,
/// `:ss`, `.` and any number of fraction digits (`24:00:00.000` is the end
/// of the day); a zone `Z`, `z`, `±HH:mm` or `±HHmm` after a time, or `Z`
/// after a date; and the result within ±8.64e15 ms of the epoch.
///
/// Strings outside that grammar are refused, although V8's legacy fallback
/// parser reads some of them (`Jan 1 2026`, `2026/01/01`, `1`,
/// `2026-01-01junk`, full-width digits): what such a string means differs
/// between engines and versions, and the contract asks for ISO 8601. That is
/// the one place where this check is stricter than `Date.parse`.
pub fn date_parse_accepts(s: &str) -> bool {
    parse_iso_millis(s).is_some()
}

/// Milliseconds since the epoch of an ISO string in V8's grammar (see
/// [`date_parse_accepts`]); times without a zone are taken as UTC.
pub fn parse_iso_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, n: usize| -> Option<i64> {
        let part = b.get(*i..*i + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        Some(
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')),
        )
    };
    let year = match b.first() {
        Some(sign @ (b'+' | b'-')) => {
            i = 1;
            let y = digits(&mut i, 6)?;
            if *sign == b'-' {
                if y == 0 {
                    return None;
                }
                -y
            } else {
                y
            }
        }
        _ => digits(&mut i, 4)?,
    };
    let mut month = 1;
    let mut day = 1;
    if b.get(i) == Some(&b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        month = digits(&mut i, 2)?;
        if !(1..=12).contains(&month) {
            return None;
        }
        if b.get(i) == Some(&b'-') {
            i += 1;
            day = digits(&mut i, 2)?;
            if !(1..=31).contains(&day) {
                return None;
            }
        }
    }
    let mut millis_of_day = 0i64;
    let mut offset_minutes = 0i64;
    match b.get(i) {
        None => {}
        // A date followed by a zone letter: V8 reads it (as UTC).
        Some(b'Z' | b'z') if i + 1 == b.len() => {}
        Some(b'T' | b't') => {
            i += 1;
            let hour = digits(&mut i, 2)?;
            if b.get(i) != Some(&b':') {
                return None;
            }
            i += 1;
            let minute = digits(&mut i, 2)?;
            let mut second = 0;
            let mut fraction_nonzero = false;
            let mut millis = 0;
            if b.get(i) == Some(&b':') {
                i += 1;
                second = digits(&mut i, 2)?;
                if b.get(i) == Some(&b'.') {
                    i += 1;
                    let start = i;
                    while b.get(i).is_some_and(u8::is_ascii_digit) {
                        i += 1;
                    }
                    let frac = b.get(start..i)?;
                    if frac.is_empty() {
                        return None;
                    }
                    fraction_nonzero = frac.iter().any(|&d| d != b'0');
                    millis = frac
                        .iter()
                        .chain(std::iter::repeat(&b'0'))
                        .take(3)
                        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
                }
            }
            if hour > 24 || minute > 59 || second > 59 {
                return None;
            }
            if hour == 24 && (minute != 0 || second != 0 || fraction_nonzero) {
                return None;
            }
            millis_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
            match b.get(i) {
                None => {}
                Some(b'Z' | b'z') if i + 1 == b.len() => {}
                Some(sign @ (b'+' | b'-')) => {
                    let negative = *sign == b'-';
                    i += 1;
                    let oh = digits(&mut i, 2)?;
                    if b.get(i) == Some(&b':') {
                        i += 1;
                    }
                    let om = digits(&mut i, 2)?;
                    if i != b.len() || oh > 23 || om > 59 {
                        return None;
                    }
                    offset_minutes = if negative { -1 } else { 1 } * (oh * 60 + om);
                }
                Some(_) => return None,
            }
        }
        Some(_) => return None,
    }
    let days = days_from_civil(year, month, 1) + (day - 1);
    let t = days * 86_400_000 + millis_of_day - offset_minutes * 60_000;
    (t.abs() <= 8_640_000_000_000_000).then_some(t)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `s.length` in JavaScript: UTF-16 code units (an emoji counts 2).
pub fn length(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Is `c` matched by `\s` in a JavaScript regular expression? (ECMAScript
/// WhiteSpace and LineTerminator: unlike Unicode's White_Space, it includes
/// U+FEFF and excludes U+0085.)
pub fn is_regex_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// The character class JavaScript's `\s` stands for, written for Rust
/// regex engines (which read `\s` as Unicode White_Space).
pub const REGEX_WHITESPACE_CLASS: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// A JavaScript regular expression's source rewritten for Rust's regex
/// engines, where `\s`, `\d` and `\w` mean their Unicode classes: `\s`
/// becomes JavaScript's whitespace class ([`REGEX_WHITESPACE_CLASS`]), `\d`
/// `0-9` and `\w` `A-Za-z0-9_` (JavaScript without the `u` flag), inside or
/// outside a bracketed class. Everything else is copied.
pub fn pattern_for_rust(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(k @ ('s' | 'd' | 'w')) => {
                    let class = match k {
                        's' => REGEX_WHITESPACE_CLASS,
                        'd' => "0-9",
                        _ => "A-Za-z0-9_",
                    };
                    if in_class {
                        out.push_str(class);
                    } else {
                        out.push('[');
                        out.push_str(class);
                        out.push(']');
                    }
                }
                Some(k @ ('S' | 'D' | 'W')) if !in_class => {
                    let class = match k {
                        'S' => REGEX_WHITESPACE_CLASS,
                        'D' => "0-9",
                        _ => "A-Za-z0-9_",
                    };
                    out.push_str("[^");
                    out.push_str(class);
                    out.push(']');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Upstream's e-mail check, exactly: `/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)`.
pub fn upstream_email(s: &str) -> bool {
    if s.chars().any(is_regex_whitespace) {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    // `[^\s@]+\.[^\s@]+`: a dot with something on each side.
    !local.is_empty()
        && domain
            .char_indices()
            .any(|(i, c)| c == '.' && i > 0 && i + 1 < domain.len())
}

/// `new URL(s).protocol` without the colon, lower-cased as `new URL` does
/// (`REDIS://h` → `redis`); `None` when `new URL` throws.
pub fn url_protocol(s: &str) -> Option<String> {
    super::web_url::parse(s).ok().map(|u| u.scheme().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_node_reads_them() {
        // Node 20 answers (see tests/js_semantics.rs for the full comparison).
        for s in [
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.000Z",
            "2026",
            "2026-01",
            "2026-02-30",
            "2026-01-01T24:00:00Z",
            "+002026-01-01",
            "2026-01-01t00:00:00z",
            "2026-01-01T00:00:00+0100",
        ] {
            assert!(date_parse_accepts(s), "{s}");
        }
        for s in [
            "yesterday",
            "",
            "2026-13-01",
            "2026-01-01T24:00:01Z",
            "-000000-01-01",
            "2026-01-01T00:00:00Z ",
            "+275760-09-14",
        ] {
            assert!(!date_parse_accepts(s), "{s}");
        }
        assert_eq!(parse_iso_millis("2026-01-01"), Some(1_767_225_600_000));
        assert_eq!(
            parse_iso_millis("2026-02-30"),
            parse_iso_millis("2026-03-02")
        );
    }

    #[test]
    fn lengths_and_whitespace_are_javascripts() {
        assert_eq!(length("😀"), 2);
        assert_eq!(length(&"😀".repeat(16)), 32);
        assert!(is_regex_whitespace('\u{feff}') && !is_regex_whitespace('\u{85}'));
        assert!(upstream_email("ops@bücher.de"));
        assert!(upstream_email("a@b.c") && !upstream_email("a@b.") && !upstream_email("a@.b"));
        assert!(!upstream_email("a\u{feff}@b.de") && upstream_email("a\u{85}@b.de"));
        assert_eq!(url_protocol("REDIS://h").as_deref(), Some("redis"));
        let email = regex_lite::Regex::new(&pattern_for_rust(r"^[^\s@]+@[^\s@]+\.[^\s@]+$"))
            .expect("compiles");
        for s in [
            "ops@bücher.de",
            "a@b.c",
            "a\u{85}@b.de",
            "a\u{feff}@b.de",
            "a\u{a0}@b.de",
            "a b@c.d",
        ] {
            assert_eq!(email.is_match(s), upstream_email(s), "{s:?}");
        }
        assert_eq!(
            pattern_for_rust(r"^[\d\w\-\.]+$"),
            r"^[0-9A-Za-z0-9_\-\.]+$"
        );
    }
}
