//! Syntax colouring: a forgiving tokenizer for JSON and TOML that turns any
//! text (valid or not, half typed) into a flat list of byte-range tokens.
//!
//! It never fails and never allocates per character: the editor runs it over
//! the whole document on every keystroke (200 KB in about a millisecond). The
//! core's parsers decide what is valid; this only colours.

use auditcfg_core::Format;

/// What a token is, for colouring and bracket matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An object key (JSON string before `:`, TOML key before `=`).
    Key,
    /// A string value.
    String,
    /// A number (TOML: also `inf`, `nan`, hex/octal/binary integers).
    Number,
    /// `true`, `false`, `null`.
    Keyword,
    /// A TOML offset/local date-time, date or time.
    Date,
    /// `{`, `}`, `[` or `]` (never inside strings or comments).
    Bracket,
    /// `:`, `,`, `=` and the `.` of dotted TOML keys.
    Punct,
    /// A comment (`#` in TOML; `//` and `/* */` in JSON, which the core then
    /// reports as an error).
    Comment,
    /// A TOML table header (`[server.auth]`, `[[items]]`).
    Table,
    /// Something no grammar allows here.
    Invalid,
}

impl TokenKind {
    /// The CSS class of the token in the highlighted layer.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Key => "tk",
            TokenKind::String => "ts",
            TokenKind::Number => "tn",
            TokenKind::Keyword => "tw",
            TokenKind::Date => "td",
            TokenKind::Bracket => "tb",
            TokenKind::Punct => "tp",
            TokenKind::Comment => "tc",
            TokenKind::Table => "tt",
            TokenKind::Invalid => "tx",
        }
    }
}

/// One token: a half-open byte range and its kind. Whitespace and plain
/// text between tokens are not tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

/// Tokenizes a text in a format.
pub fn tokenize(text: &str, format: Format) -> Vec<Token> {
    match format {
        Format::Json => tokenize_json(text),
        Format::Toml => tokenize_toml(text),
    }
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    if end > start {
        out.push(Token { start, end, kind });
    }
}

/// Moves `i` forward to the next char boundary (for `Invalid` runs that
/// stopped inside a multi-byte character).
fn to_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A double-quoted string starting at `i` (on the quote). Ends after the
/// closing quote, or at the end of the line when unterminated.
fn scan_basic_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn tokenize_json(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            _ if is_ws(b) => i += 1,
            b'"' => {
                let end = scan_basic_string(bytes, i).min(bytes.len());
                let mut j = end;
                while j < bytes.len() && is_ws(bytes[j]) {
                    j += 1;
                }
                let kind = if bytes.get(j) == Some(&b':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                };
                push(&mut out, i, end, kind);
                i = end;
            }
            b'{' | b'}' | b'[' | b']' => {
                push(&mut out, i, i + 1, TokenKind::Bracket);
                i += 1;
            }
            b':' | b',' => {
                push(&mut out, i, i + 1, TokenKind::Punct);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    j += 1;
                }
                push(&mut out, i, j, TokenKind::Number);
                i = j;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/')) => {
                let j = line_end(bytes, i);
                push(&mut out, i, j, TokenKind::Comment);
                i = j;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'*')) => {
                let j = find(bytes, i + 2, b"*/").map_or(bytes.len(), |k| k + 2);
                push(&mut out, i, j, TokenKind::Comment);
                i = j;
            }
            _ if b.is_ascii_alphabetic() => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                let kind = match &text[i..j] {
                    "true" | "false" | "null" => TokenKind::Keyword,
                    _ => TokenKind::Invalid,
                };
                push(&mut out, i, j, kind);
                i = j;
            }
            _ => {
                let mut j = to_boundary(text, i + 1);
                while j < bytes.len()
                    && !is_ws(bytes[j])
                    && !b"{}[]:,\"".contains(&bytes[j])
                    && bytes[j] >= 0x80
                {
                    j += 1;
                }
                let j = to_boundary(text, j);
                push(&mut out, i, j, TokenKind::Invalid);
                i = j;
            }
        }
    }
    out
}

fn line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    i
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where a TOML tokenizer is: expecting a key (line start, after `{` or `,`
/// in an inline table) or a value (after `=`, inside arrays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Key,
    Value,
}

fn is_bare_key(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn tokenize_toml(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    // Open inline containers: `true` for an inline table, `false` for an array.
    let mut stack: Vec<bool> = Vec::new();
    let mut ctx = Ctx::Key;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\r' {
            i += 1;
            // A newline ends a key/value pair unless an array is open
            // (inline tables must fit on one line; an unclosed one is an
            // error the parser reports, and we start afresh).
            if stack.last() != Some(&false) {
                stack.clear();
                ctx = Ctx::Key;
                line_start = true;
            }
            continue;
        }
        if b == b' ' || b == b'\t' {
            i += 1;
            continue;
        }
        if b == b'#' {
            let j = line_end(bytes, i);
            push(&mut out, i, j, TokenKind::Comment);
            i = j;
            continue;
        }
        if line_start && b == b'[' && stack.is_empty() {
            // A table header: up to the closing bracket(s) on this line.
            let end = line_end(bytes, i);
            let mut j = i;
            let mut in_quote: Option<u8> = None;
            let mut close = end;
            while j < end {
                match (in_quote, bytes[j]) {
                    (None, q @ (b'"' | b'\'')) => in_quote = Some(q),
                    (Some(q), c) if c == q => in_quote = None,
                    (None, b'#') => {
                        close = j;
                        break;
                    }
                    (None, b']') => {
                        close = if bytes.get(j + 1) == Some(&b']') {
                            j + 2
                        } else {
                            j + 1
                        };
                        break;
                    }
                    _ => {}
                }
                j += 1;
            }
            let close = to_boundary(text, close);
            push(&mut out, i, close, TokenKind::Table);
            i = close;
            line_start = false;
            ctx = Ctx::Key;
            continue;
        }
        line_start = false;
        match ctx {
            Ctx::Key => match b {
                b'"' => {
                    let j = scan_basic_string(bytes, i);
                    push(&mut out, i, j, TokenKind::Key);
                    i = j;
                }
                b'\'' => {
                    let j = scan_literal_string(bytes, i);
                    push(&mut out, i, j, TokenKind::Key);
                    i = j;
                }
                b'.' => {
                    push(&mut out, i, i + 1, TokenKind::Punct);
                    i += 1;
                }
                b'=' => {
                    push(&mut out, i, i + 1, TokenKind::Punct);
                    i += 1;
                    ctx = Ctx::Value;
                }
                b'}' if stack.last() == Some(&true) => {
                    push(&mut out, i, i + 1, TokenKind::Bracket);
                    stack.pop();
                    i += 1;
                    ctx = after_value(&stack);
                }
                b',' => {
                    push(&mut out, i, i + 1, TokenKind::Punct);
                    i += 1;
                }
                _ if is_bare_key(b) => {
                    let mut j = i + 1;
                    while j < bytes.len() && is_bare_key(bytes[j]) {
                        j += 1;
                    }
                    push(&mut out, i, j, TokenKind::Key);
                    i = j;
                }
                _ => {
                    let j = to_boundary(text, i + 1);
                    push(&mut out, i, j, TokenKind::Invalid);
                    i = j;
                }
            },
            Ctx::Value => match b {
                b'"' => {
                    let j = if bytes[i..].starts_with(b"\"\"\"") {
                        scan_multiline(bytes, i, b"\"\"\"", true)
                    } else {
                        scan_basic_string(bytes, i)
                    };
                    push(&mut out, i, j, TokenKind::String);
                    i = j;
                    ctx = after_value(&stack);
                }
                b'\'' => {
                    let j = if bytes[i..].starts_with(b"'''") {
                        scan_multiline(bytes, i, b"'''", false)
                    } else {
                        scan_literal_string(bytes, i)
                    };
                    push(&mut out, i, j, TokenKind::String);
                    i = j;
                    ctx = after_value(&stack);
                }
                b'[' => {
                    push(&mut out, i, i + 1, TokenKind::Bracket);
                    stack.push(false);
                    i += 1;
                }
                b']' => {
                    push(&mut out, i, i + 1, TokenKind::Bracket);
                    if stack.last() == Some(&false) {
                        stack.pop();
                    }
                    i += 1;
                    ctx = after_value(&stack);
                }
                b'{' => {
                    push(&mut out, i, i + 1, TokenKind::Bracket);
                    stack.push(true);
                    i += 1;
                    ctx = Ctx::Key;
                }
                b'}' => {
                    push(&mut out, i, i + 1, TokenKind::Bracket);
                    if stack.last() == Some(&true) {
                        stack.pop();
                    }
                    i += 1;
                    ctx = after_value(&stack);
                }
                b',' => {
                    push(&mut out, i, i + 1, TokenKind::Punct);
                    i += 1;
                    ctx = if stack.last() == Some(&true) {
                        Ctx::Key
                    } else {
                        Ctx::Value
                    };
                }
                _ if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'_' | b'.') => {
                    let j = scan_toml_scalar(bytes, i);
                    let word = &text[i..j];
                    let kind = classify_toml_scalar(word);
                    push(&mut out, i, j, kind);
                    i = j;
                    ctx = after_value(&stack);
                }
                _ => {
                    let j = to_boundary(text, i + 1);
                    push(&mut out, i, j, TokenKind::Invalid);
                    i = j;
                }
            },
        }
    }
    out
}

/// After a value: inside an array the next thing is another value (after a
/// comma); elsewhere nothing but a comma, a closing bracket or the end of
/// the line may follow, which the `Value` state also handles.
fn after_value(stack: &[bool]) -> Ctx {
    match stack.last() {
        Some(true) => Ctx::Key,
        _ => Ctx::Value,
    }
}

fn scan_literal_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn scan_multiline(bytes: &[u8], i: usize, delim: &[u8], escapes: bool) -> usize {
    let mut j = i + 3;
    while j < bytes.len() {
        if escapes && bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j..].starts_with(delim) {
            // Up to two extra quotes may close the string (`""""`).
            let mut k = j + 3;
            let mut extra = 0;
            while extra < 2 && k < bytes.len() && bytes[k] == delim[0] {
                k += 1;
                extra += 1;
            }
            return k;
        }
        j += 1;
    }
    bytes.len()
}

fn scan_toml_scalar(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric()
            || matches!(bytes[j], b'+' | b'-' | b'_' | b'.' | b':'))
    {
        j += 1;
    }
    // `1979-05-27 07:32:00`: a date, a space, then a time.
    if j - i == 10
        && bytes[i..j].iter().filter(|&&c| c == b'-').count() == 2
        && bytes.get(j) == Some(&b' ')
        && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
        && bytes.get(j + 3) == Some(&b':')
    {
        j += 1;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'+' | b'-' | b'.' | b':'))
        {
            j += 1;
        }
    }
    j
}

fn classify_toml_scalar(word: &str) -> TokenKind {
    match word {
        "true" | "false" => return TokenKind::Keyword,
        "inf" | "+inf" | "-inf" | "nan" | "+nan" | "-nan" => return TokenKind::Number,
        _ => {}
    }
    let b = word.as_bytes();
    let digits_then =
        |n: usize, c: u8| b.len() > n && b[..n].iter().all(u8::is_ascii_digit) && b[n] == c;
    if digits_then(4, b'-') || digits_then(2, b':') {
        return TokenKind::Date;
    }
    let first = b.first().copied().unwrap_or(b' ');
    if first.is_ascii_digit() || ((first == b'+' || first == b'-') && b.len() > 1) {
        TokenKind::Number
    } else {
        TokenKind::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, format: Format) -> Vec<(&str, TokenKind)> {
        tokenize(text, format)
            .into_iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn json_tokens() {
        use TokenKind::*;
        let got = kinds(
            "{\"a\": [1, -2.5e3, true, null], \"b\" : \"x\\\"y\"}",
            Format::Json,
        );
        assert_eq!(
            got,
            vec![
                ("{", Bracket),
                ("\"a\"", Key),
                (":", Punct),
                ("[", Bracket),
                ("1", Number),
                (",", Punct),
                ("-2.5e3", Number),
                (",", Punct),
                ("true", Keyword),
                (",", Punct),
                ("null", Keyword),
                ("]", Bracket),
                (",", Punct),
                ("\"b\"", Key),
                (":", Punct),
                ("\"x\\\"y\"", String),
                ("}", Bracket),
            ]
        );
    }

    #[test]
    fn json_is_forgiving() {
        use TokenKind::*;
        // Unterminated string stops at the end of the line; brackets inside
        // strings are not brackets; comments are recognised.
        let got = kinds("{\"a\": \"[oops\n  // c\n  /* d */ nope, é}", Format::Json);
        assert_eq!(
            got,
            vec![
                ("{", Bracket),
                ("\"a\"", Key),
                (":", Punct),
                ("\"[oops", String),
                ("// c", Comment),
                ("/* d */", Comment),
                ("nope", Invalid),
                (",", Punct),
                ("é", Invalid),
                ("}", Bracket),
            ]
        );
        // Never panics on arbitrary cuts of a document.
        let text = "{\"k\": \"vé😀\", \"n\": [1, {\"x\": false}]}";
        for end in 0..=text.len() {
            if text.is_char_boundary(end) {
                for t in tokenize(&text[..end], Format::Json) {
                    assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                }
            }
        }
    }

    #[test]
    fn toml_tokens() {
        use TokenKind::*;
        let text = "# top\nenvironment = \"prod\" # c\n[server.auth]\nport = 3000\nx.y = [1, 'a', {k = true}]\nwhen = 1979-05-27T07:32:00Z\nd = 1979-05-27 07:32:00\n[[items]]\n";
        let got = kinds(text, Format::Toml);
        assert_eq!(
            got,
            vec![
                ("# top", Comment),
                ("environment", Key),
                ("=", Punct),
                ("\"prod\"", String),
                ("# c", Comment),
                ("[server.auth]", Table),
                ("port", Key),
                ("=", Punct),
                ("3000", Number),
                ("x", Key),
                (".", Punct),
                ("y", Key),
                ("=", Punct),
                ("[", Bracket),
                ("1", Number),
                (",", Punct),
                ("'a'", String),
                (",", Punct),
                ("{", Bracket),
                ("k", Key),
                ("=", Punct),
                ("true", Keyword),
                ("}", Bracket),
                ("]", Bracket),
                ("when", Key),
                ("=", Punct),
                ("1979-05-27T07:32:00Z", Date),
                ("d", Key),
                ("=", Punct),
                ("1979-05-27 07:32:00", Date),
                ("[[items]]", Table),
            ]
        );
    }

    #[test]
    fn toml_multiline_values() {
        use TokenKind::*;
        let text = "a = \"\"\"one\n[not.a.table]\ntwo\"\"\"\nb = [\n  1,\n  2,\n]\n[t]\n";
        let got = kinds(text, Format::Toml);
        assert_eq!(
            got,
            vec![
                ("a", Key),
                ("=", Punct),
                ("\"\"\"one\n[not.a.table]\ntwo\"\"\"", String),
                ("b", Key),
                ("=", Punct),
                ("[", Bracket),
                ("1", Number),
                (",", Punct),
                ("2", Number),
                (",", Punct),
                ("]", Bracket),
                ("[t]", Table),
            ]
        );
    }

    #[test]
    fn toml_is_forgiving() {
        let text = "a = {b = [1, \"x\nc = '''\n";
        for end in 0..=text.len() {
            for t in tokenize(&text[..end], Format::Toml) {
                assert!(t.end <= end && t.start < t.end);
            }
        }
    }
}
