//! URLs as `new URL()` reads them (the WHATWG URL Standard, through the
//! `url` crate), with a fast path for the plain URLs configs are made of.
//!
//! Parsing with `url::Url::parse` costs about 6,000 instructions per URL
//! (it walks the input as `char`s, filters tabs and newlines, serialises a
//! new `String`); a production config holds a dozen URLs and several rules
//! look at each. Most of them are as plain as `postgresql://db:5432/audit`
//! or `https://host.example.com/v1/logs`: [`parse`] reads those in one
//! pass over the bytes and borrows every part from the text. Anything else
//! (upper case, percent signs, IPv6, `xn--` labels, numeric hosts but a
//! dotted quad, default-looking edge cases) goes to the `url` crate, so the
//! answers are always the `url` crate's: a property test compares every
//! accessor on generated URLs.

use std::fmt::Write;
use std::net::Ipv4Addr;

/// A URL that parsed: borrowed parts of a plain URL, or the `url` crate's.
#[derive(Debug, Clone)]
pub enum WebUrl<'a> {
    /// A plain URL, every part a slice of the text.
    Plain(Plain<'a>),
    /// Any other URL, as the `url` crate parsed it.
    Full(Box<url::Url>),
}

/// The parts of a plain URL (`scheme://[user[:password]@]host[:port][/path][?query]`,
/// each in the subset [`parse`] accepts, so that each equals what the
/// `url` crate would serialise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain<'a> {
    scheme: &'a str,
    username: &'a str,
    password: Option<&'a str>,
    host: &'a str,
    ipv4: Option<Ipv4Addr>,
    port: Option<u16>,
    path: &'a str,
    query: Option<&'a str>,
    /// The whole text, and whether it is already its serialisation (no
    /// default port, no port's leading zero, no special URL's empty path):
    /// then `href` borrows it.
    raw: &'a str,
    verbatim: bool,
}

/// Parses `raw` as `new URL(raw)` does.
pub fn parse(raw: &str) -> Result<WebUrl<'_>, url::ParseError> {
    match plain(raw) {
        Some(p) => Ok(WebUrl::Plain(p)),
        None => url::Url::parse(raw).map(|u| WebUrl::Full(Box::new(u))),
    }
}

/// The special schemes' default ports (`file` has none and is never plain).
fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        "ftp" => Some(21),
        _ => None,
    }
}

fn is_special(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp" | "file")
}

/// A byte class of [`CLASS`]: kept as written in a user name or password
/// (the userinfo percent-encode set's complement, without `%`).
const USERINFO: u8 = 1;
/// Kept as written in a path of any scheme (without `%`, `'`, `\` and the
/// dot segments, which the `url` crate rewrites).
const PATH: u8 = 2;
/// A lower-case scheme's byte after its first letter.
const SCHEME: u8 = 4;
/// A plain host label's byte.
const LABEL: u8 = 8;

/// Each byte's classes: one load per byte instead of a search of the
/// class's punctuation (this runs over every byte of every URL).
static CLASS: [u8; 256] = {
    const fn has(set: &[u8], b: u8) -> bool {
        let mut i = 0;
        while i < set.len() {
            if set[i] == b {
                return true;
            }
            i += 1;
        }
        false
    }
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let alnum = c.is_ascii_alphanumeric();
        let lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        let mut k = 0;
        if alnum || has(b"-._~!$&'()*+,", c) {
            k |= USERINFO;
        }
        if alnum || has(b"-._~!$&()*+,;=:@/", c) {
            k |= PATH;
        }
        if lower || has(b"+-.", c) {
            k |= SCHEME;
        }
        if lower || c == b'-' {
            k |= LABEL;
        }
        t[b] = k;
        b += 1;
    }
    t
};

fn is(b: u8, class: u8) -> bool {
    CLASS[usize::from(b)] & class != 0
}

/// The value of a run of 1 to 5 ASCII digits (`None` for anything else).
fn decimal(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// A host label kept as written: lower-case letters, digits and inner
/// hyphens, not an IDNA `xn--` label, at most 63 bytes.
fn plain_label(l: &[u8]) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && l.iter().all(|&b| is(b, LABEL))
        && l.first() != Some(&b'-')
        && l.last() != Some(&b'-')
        && l.get(2..4) != Some(b"--")
}

/// A dotted quad without leading zeros (`192.168.1.114`).
fn dotted_quad(host: &[u8]) -> Option<Ipv4Addr> {
    let mut parts = [0u8; 4];
    let mut n = 0;
    for part in host.split(|&b| b == b'.') {
        let slot = parts.get_mut(n)?;
        if part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return None;
        }
        *slot = u8::try_from(decimal(part)?).ok()?;
        n += 1;
    }
    (n == 4).then(|| Ipv4Addr::from(parts))
}

/// Is `host` (not a dotted quad) made of plain labels, and, for a special
/// scheme, is its last label a word (a last label that could be a number
/// goes through the IPv4 parser: left to the crate)?
fn plain_host(host: &[u8], special: bool) -> bool {
    let mut last: &[u8] = &[];
    for label in host.split(|&b| b == b'.') {
        if !plain_label(label) {
            return false;
        }
        last = label;
    }
    !special || last.first().is_some_and(u8::is_ascii_lowercase)
}

fn find(bytes: &[u8], f: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.iter().position(|&b| f(b))
}

/// The fast path: `Some` only for a URL whose every part the `url` crate
/// keeps as written.
fn plain(raw: &str) -> Option<Plain<'_>> {
    let bytes = raw.as_bytes();
    // Printable ASCII only: no trimming, no tab or newline removal, no
    // percent-encoding of anything; `#` and `\` are never plain. Each byte
    // is checked below against the class of the part it is in, and every
    // class holds only such bytes (`classes_are_printable_ascii`), so no
    // pass of its own is needed; slices are taken with `get`, which fails
    // off a character boundary.
    let colon = find(bytes, |b| b == b':')?;
    let (scheme, sb) = (raw.get(..colon)?, &bytes[..colon]);
    if !sb.first()?.is_ascii_lowercase()
        || !sb.iter().all(|&b| is(b, SCHEME))
        || scheme == "file"
        || bytes.get(colon + 1..colon + 3) != Some(b"//")
    {
        return None;
    }
    let special = is_special(scheme);
    let start = colon + 3;
    // The authority ends at the first `/` or `?`.
    let end = find(&bytes[start..], |b| b == b'/' || b == b'?').map_or(bytes.len(), |i| start + i);
    let authority = &bytes[start..end];
    let (username, password, host_at) = match authority.iter().rposition(|&b| b == b'@') {
        None => ("", None, start),
        Some(at) => {
            let info = &authority[..at];
            if !info.iter().all(|&b| is(b, USERINFO) || b == b':') {
                return None;
            }
            let (user, pass) = match find(info, |b| b == b':') {
                Some(c) => (
                    raw.get(start..start + c)?,
                    Some(raw.get(start + c + 1..start + at)?),
                ),
                None => (raw.get(start..start + at)?, None),
            };
            // A second `:`, an empty password, or an empty user name
            // without a password is serialised differently: left to the
            // crate.
            if pass.is_some_and(|p| p.is_empty() || p.contains(':'))
                || (user.is_empty() && pass.is_none())
            {
                return None;
            }
            (user, pass, start + at + 1)
        }
    };
    let hostport = &bytes[host_at..end];
    let (host_end, port, zero_led) = match find(hostport, |b| b == b':') {
        Some(c) => {
            let digits = hostport.get(c + 1..)?;
            let n = decimal(digits)?;
            let zero_led = digits.len() > 1 && digits[0] == b'0';
            (host_at + c, Some(u16::try_from(n).ok()?), zero_led)
        }
        None => (end, None, false),
    };
    let host_bytes = &bytes[host_at..host_end];
    let ipv4 = if special {
        dotted_quad(host_bytes)
    } else {
        None
    };
    if ipv4.is_none() && !plain_host(host_bytes, special) {
        return None;
    }
    let tail = &bytes[end..];
    let q = find(tail, |b| b == b'?');
    let path = &tail[..q.unwrap_or(tail.len())];
    // A dot segment starts with `/.` (rare: looked for in full only then).
    let dot_segment = || {
        path.windows(2).any(|w| w == b"/.")
            && path
                .split(|&b| b == b'/')
                .any(|seg| seg == b"." || seg == b"..")
    };
    if !path.iter().all(|&b| is(b, PATH))
        || dot_segment()
        || !q.is_none_or(|q| tail[q + 1..].iter().all(|&b| is(b, PATH) || b == b'?'))
    {
        return None;
    }
    let path_str = raw.get(end..end + path.len())?;
    let query = match q {
        Some(q) => Some(raw.get(end + q + 1..)?),
        None => None,
    };
    let default = port.is_some() && default_port(scheme) == port;
    let empty_special_path = special && path_str.is_empty();
    Some(Plain {
        raw,
        verbatim: !zero_led && !default && !empty_special_path,
        scheme,
        username,
        password,
        host: raw.get(host_at..host_end)?,
        ipv4,
        port: port.filter(|&p| default_port(scheme) != Some(p)),
        // A special URL's empty path is `/`.
        path: if special && path_str.is_empty() {
            "/"
        } else {
            path_str
        },
        query,
    })
}

impl WebUrl<'_> {
    /// The scheme, lower-cased, without the colon.
    pub fn scheme(&self) -> &str {
        match self {
            WebUrl::Plain(p) => p.scheme,
            WebUrl::Full(u) => u.scheme(),
        }
    }

    /// The user name (percent-encoded; empty when none).
    pub fn username(&self) -> &str {
        match self {
            WebUrl::Plain(p) => p.username,
            WebUrl::Full(u) => u.username(),
        }
    }

    /// The password (percent-encoded), if any.
    pub fn password(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => p.password,
            WebUrl::Full(u) => u.password(),
        }
    }

    /// The host as text, if any.
    pub fn host_str(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => Some(p.host),
            WebUrl::Full(u) => u.host_str(),
        }
    }

    /// The host, if any.
    pub fn host(&self) -> Option<url::Host<&str>> {
        match self {
            WebUrl::Plain(p) => Some(match p.ipv4 {
                Some(ip) => url::Host::Ipv4(ip),
                None => url::Host::Domain(p.host),
            }),
            WebUrl::Full(u) => u.host(),
        }
    }

    /// The port, unless it is the scheme's default.
    pub fn port(&self) -> Option<u16> {
        match self {
            WebUrl::Plain(p) => p.port,
            WebUrl::Full(u) => u.port(),
        }
    }

    /// The port, or the scheme's default port.
    pub fn port_or_known_default(&self) -> Option<u16> {
        match self {
            WebUrl::Plain(p) => p.port.or_else(|| default_port(p.scheme)),
            WebUrl::Full(u) => u.port_or_known_default(),
        }
    }

    /// The path (percent-encoded).
    pub fn path(&self) -> &str {
        match self {
            WebUrl::Plain(p) => p.path,
            WebUrl::Full(u) => u.path(),
        }
    }

    /// The query string without the `?`, if any.
    pub fn query(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => p.query,
            WebUrl::Full(u) => u.query(),
        }
    }

    /// The URL as the `url` crate serialises it (`href`).
    pub fn href(&self) -> std::borrow::Cow<'_, str> {
        match self {
            WebUrl::Plain(p) if p.verbatim => p.raw.into(),
            WebUrl::Plain(p) => {
                let mut out =
                    String::with_capacity(p.scheme.len() + p.host.len() + p.path.len() + 16);
                out.push_str(p.scheme);
                out.push_str("://");
                if !p.username.is_empty() || p.password.is_some() {
                    out.push_str(p.username);
                    if let Some(pw) = p.password {
                        out.push(':');
                        out.push_str(pw);
                    }
                    out.push('@');
                }
                out.push_str(p.host);
                if let Some(port) = p.port {
                    let _ = write!(out, ":{port}");
                }
                out.push_str(p.path);
                if let Some(q) = p.query {
                    out.push('?');
                    out.push_str(q);
                }
                out.into()
            }
            WebUrl::Full(u) => u.as_str().into(),
        }
    }

    /// The query's `application/x-www-form-urlencoded` pairs.
    pub fn query_pairs(&self) -> url::form_urlencoded::Parse<'_> {
        url::form_urlencoded::parse(self.query().unwrap_or("").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What every accessor answers.
    fn accessors(w: &WebUrl<'_>) -> String {
        let pairs: Vec<_> = w.query_pairs().into_owned().collect();
        format!(
            "{:?}",
            (
                w.scheme(),
                w.username(),
                w.password(),
                w.host().map(|h| h.to_owned()),
                w.host_str(),
                w.port(),
                w.port_or_known_default(),
                w.path(),
                w.query(),
                pairs,
                w.href(),
            )
        )
    }

    /// Every accessor of `raw`'s fast parse equals the `url` crate's.
    fn agrees(raw: &str) -> Result<bool, String> {
        let full = url::Url::parse(raw);
        let Some(p) = plain(raw) else {
            return Ok(false);
        };
        let u =
            full.map_err(|e| format!("{raw:?}: the crate fails ({e}), the fast path parses"))?;
        let got = accessors(&WebUrl::Plain(p));
        let want = accessors(&WebUrl::Full(Box::new(u)));
        if got == want {
            Ok(true)
        } else {
            Err(format!("{raw:?}: fast {got:?}, url crate {want:?}"))
        }
    }

    #[test]
    fn classes_are_printable_ascii() {
        for b in 0..=255u8 {
            if CLASS[usize::from(b)] != 0 {
                assert!(
                    (0x21..0x7f).contains(&b) && b != b'#' && b != b'\\',
                    "{b:#x}"
                );
            }
        }
        // The parts' separators are printable too, and a byte outside every
        // class makes a URL leave the fast path wherever it is.
        for raw in [
            "http://h/a\u{7f}",
            "http://h/\u{e9}",
            "http://h /a",
            "http://h/a\tb",
            "ht\ntp://h",
            "http://u\u{0}:p@h",
            "http://h:80\u{1}",
            "http://h/?q=\u{85}",
            "http://h/a#b",
            "http://h\\a",
            "redis://h:6379\n",
            "http://h.\u{e9}",
        ] {
            assert!(plain(raw).is_none(), "{raw:?}");
        }
    }

    #[test]
    fn the_presets_urls_take_the_fast_path_and_agree() {
        for raw in [
            "http://192.168.1.114:4318/v1/metrics",
            "http://localhost:3000",
            "https://infisical.smedrec.qzz.io",
            "postgresql://localhost:5432/audit_dev",
            "postgresql://postgres-prod:5432/audit_prod",
            "redis://redis-staging:6379",
            "rediss://redis-prod:6380",
            "rediss://:secret@redis-prod:6380",
            "postgresql://audit:pw@db:5432/audit?sslmode=require&password=x",
            "https://host.example.com:443/",
        ] {
            assert_eq!(agrees(raw), Ok(true), "{raw}");
        }
    }

    #[test]
    fn what_the_crate_rewrites_is_left_to_it() {
        for raw in [
            "HTTP://host",
            "http://Host",
            "http://host/a/../b",
            "http://host/%41",
            "http://0x7f.1",
            "http://127.1",
            "http://010.0.0.1",
            "http://[::1]:80",
            "http://xn--nxasmq6b.com",
            "http://host#frag",
            "http://user:@host",
            "http://@host",
            "http://host:",
            "file:///etc/passwd",
            "http:host",
            " http://host",
            "http://a..b",
            "http://h\u{e9}te",
        ] {
            assert!(plain(raw).is_none(), "{raw}");
            // And the public parse still answers as the crate does.
            assert_eq!(
                parse(raw).map(|u| u.scheme().to_owned()),
                url::Url::parse(raw).map(|u| u.scheme().to_owned())
            );
        }
    }

    #[test]
    fn bad_ports_and_hosts_are_errors_as_in_the_crate() {
        for raw in [
            "http://host:99999",
            "http://",
            "redis://h:65536",
            "http://a b",
        ] {
            assert_eq!(parse(raw).err(), url::Url::parse(raw).err(), "{raw}");
        }
    }

    fn part(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
        proptest::sample::select(options)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// URLs put together from parts chosen to sit on both sides of
        /// every limit of the fast path.
        #[test]
        fn the_fast_path_agrees_with_the_crate(
            scheme in part(&["http", "https", "ws", "wss", "ftp", "redis", "rediss",
                "postgresql", "postgres", "x+y.z-1", "HTTP", "file", "1a"]),
            sep in part(&["://", ":/", ":", ":///"]),
            user in part(&["", "u", "audit", "", "a.b~c", "u!$&'()*+,", "u;x", "U", "%41", "u@v"]),
            pass in part(&["-", "", "pw", "***", "p:q", "p=q", "p%3A", "MARKER"]),
            host in part(&["localhost", "db", "redis-prod", "a.b.c", "a-", "-a", "ab--c",
                "xn--abc", "1.2.3.4", "256.1.1.1", "01.2.3.4", "1.2.3", "127.1", "0x7f",
                "host.123", "h.example.com", "", "a..b", "a.", "Host", "h_x", "[::1]"]),
            port in part(&["", ":80", ":443", ":21", ":0", ":5432", ":65535", ":65536",
                ":0080", ":", ":x", ":123456"]),
            path in part(&["", "/", "/v1/logs", "/a/./b", "/a/../b", "/.", "/%2e", "/a b",
                "/a'b", "/a;b=c", "/~u/@x:y", "//x", "/a\\b"]),
            query in part(&["", "?", "?a=b", "?a=b&c=d+e", "?x=%20", "?a'b", "?a?b",
                "?sslmode=require&password=secret", "#f", "?a#f"]),
        ) {
            let userinfo = match (user, pass) {
                ("", "-") => String::new(),
                (u, "-") => format!("{u}@"),
                (u, p) => format!("{u}:{p}@"),
            };
            let raw = format!("{scheme}{sep}{userinfo}{host}{port}{path}{query}");
            prop_assert!(agrees(&raw).is_ok(), "{}", agrees(&raw).err().unwrap_or_default());
            // The public parse fails exactly when the crate's does.
            prop_assert_eq!(parse(&raw).is_ok(), url::Url::parse(&raw).is_ok());
        }

        /// Arbitrary printable text never makes the fast path disagree.
        #[test]
        fn arbitrary_text_agrees(raw in "[a-z]{1,6}://[a-zA-Z0-9:@.%/?=&#~_-]{0,30}") {
            prop_assert!(agrees(&raw).is_ok(), "{}", agrees(&raw).err().unwrap_or_default());
        }
    }
}
