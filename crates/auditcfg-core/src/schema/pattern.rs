//! JSON Schema `pattern`s for the compact validator (`schema/lite.rs`): the
//! part of ECMAScript's regular expressions that schemas use, matched in
//! time linear in the text.
//!
//! A pattern is an ECMAScript regular expression without flags, and a value
//! matches when the expression matches anywhere in it (`RegExp.test`). This
//! module reads literals, `.`, `^`, `$`, `|`, groups `( )` and `(?: )`,
//! the quantifiers `* + ? {n} {n,} {n,m}` (also lazy: a test does not care),
//! bracketed classes with ranges and negation, the escapes `\d \D \w \W \s
//! \S` (ECMAScript's meaning without the `u` flag: `\s` is its whitespace,
//! [`crate::base::js::is_regex_whitespace`]), `\t \n \v \f \r \0`, `\xHH`,
//! `\uHHHH` and an escaped punctuation character. Anything else (look-
//! around, back-references, `\b`, classes like `\p{..}`) is an error when
//! the schema is compiled, never a silent mismatch.
//!
//! The pattern compiles to a small automaton (Thompson's construction),
//! run over the text with every live state at once (a Pike VM without
//! captures): no backtracking, so a hostile string cannot make a match
//! slow. It replaced the `regex-lite` crate in the wasm builds (~25 KB of
//! code for six patterns); tests compare the two on every pattern of the
//! schema and on generated ones.

use crate::base::js::is_regex_whitespace;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    program: Vec<Inst>,
}

/// The most instructions a pattern may compile to (counted repetitions are
/// copied out): bounds the work per character.
const MAX_PROGRAM: usize = 4_096;

#[derive(Debug, Clone)]
enum Inst {
    Char(char),
    /// `.`: anything but a line terminator.
    Any,
    Class(Class),
    /// Try both.
    Split(usize, usize),
    Jump(usize),
    /// `^`.
    Start,
    /// `$`.
    End,
    Match,
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
    shorthands: Vec<Shorthand>,
}

#[derive(Debug, Clone, Copy)]
enum Shorthand {
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl Shorthand {
    fn matches(self, c: char) -> bool {
        match self {
            Shorthand::Digit(yes) => c.is_ascii_digit() == yes,
            Shorthand::Word(yes) => (c.is_ascii_alphanumeric() || c == '_') == yes,
            Shorthand::Space(yes) => is_regex_whitespace(c) == yes,
        }
    }
}

impl Class {
    fn matches(&self, c: char) -> bool {
        let hit = self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
            || self.shorthands.iter().any(|s| s.matches(c));
        hit != self.negated
    }
}

/// The syntax tree while parsing.
#[derive(Debug, Clone)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Concat(Vec<Node>),
    Alternate(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

impl Pattern {
    /// Compiles an ECMAScript pattern; the error says what is not supported
    /// or malformed, and where.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let chars: Vec<char> = source.chars().collect();
        let mut parser = Parser {
            chars: &chars,
            at: 0,
            depth: 0,
        };
        let node = parser.alternation()?;
        if parser.at < chars.len() {
            return Err(parser.error("unmatched `)`"));
        }
        let mut program = Vec::new();
        emit(&node, &mut program)?;
        program.push(Inst::Match);
        Ok(Pattern { program })
    }

    /// Does the pattern match anywhere in `text` (`RegExp.prototype.test`)?
    pub fn is_match(&self, text: &str) -> bool {
        let n = self.program.len();
        let mut current = States::new(n);
        let mut next = States::new(n);
        let mut stack = Vec::new();
        let len = text.len();
        let mut chars = text.char_indices().peekable();
        let mut at = 0;
        // A program that starts with `^` can start a match only at 0 (its
        // first state fails everywhere else): once no state is live after
        // that, nothing can match.
        let anchored = matches!(self.program.first(), Some(Inst::Start));
        loop {
            // Unanchored: a match may start at every position.
            if (!anchored || at == 0) && self.add(&mut current, &mut stack, 0, at, len) {
                return true;
            }
            if anchored && current.list.is_empty() {
                return false;
            }
            let Some((_, c)) = chars.next() else {
                return false;
            };
            at = chars.peek().map_or(len, |&(i, _)| i);
            next.clear();
            for i in 0..current.list.len() {
                let pc = current.list[i];
                let advance = match &self.program[pc] {
                    Inst::Char(want) => *want == c,
                    Inst::Any => !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'),
                    Inst::Class(class) => class.matches(c),
                    _ => false,
                };
                if advance && self.add(&mut next, &mut stack, pc + 1, at, len) {
                    return true;
                }
            }
            std::mem::swap(&mut current, &mut next);
        }
    }

    /// Adds `pc` and what it reaches without reading a character, at byte
    /// `at` of a text of `len` bytes; true when that reaches `Match`.
    fn add(
        &self,
        states: &mut States,
        stack: &mut Vec<usize>,
        pc: usize,
        at: usize,
        len: usize,
    ) -> bool {
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if !states.insert(pc) {
                continue;
            }
            match self.program[pc] {
                Inst::Match => {
                    stack.clear();
                    return true;
                }
                Inst::Jump(to) => stack.push(to),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Start if at == 0 => stack.push(pc + 1),
                Inst::End if at == len => stack.push(pc + 1),
                _ => {}
            }
        }
        false
    }
}

/// A set of program counters in insertion order (a sparse set).
#[derive(Debug)]
struct States {
    list: Vec<usize>,
    seen: Vec<bool>,
}

impl States {
    fn new(n: usize) -> Self {
        States {
            list: Vec::with_capacity(n),
            seen: vec![false; n],
        }
    }

    fn insert(&mut self, pc: usize) -> bool {
        match self.seen.get_mut(pc) {
            Some(seen) if !*seen => {
                *seen = true;
                self.list.push(pc);
                true
            }
            _ => false,
        }
    }

    fn clear(&mut self) {
        for &pc in &self.list {
            self.seen[pc] = false;
        }
        self.list.clear();
    }
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at character {}", self.at + 1)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(self.error("groups nested too deeply"));
        }
        let mut options = vec![self.concatenation()?];
        while self.eat('|') {
            options.push(self.concatenation()?);
        }
        self.depth -= 1;
        Ok(if options.len() == 1 {
            options.remove(0)
        } else {
            Node::Alternate(options)
        })
    }

    fn concatenation(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.remove(0),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.counted()? {
                Some(bounds) => bounds,
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            self.at += 1;
        }
        if matches!(atom, Node::Start | Node::End) {
            return Err(self.error("nothing to repeat"));
        }
        // Lazy or greedy: the same answer for a test.
        self.eat('?');
        if self.quantifier_ahead() {
            return Err(self.error("nothing to repeat"));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    /// Does a quantifier start at the cursor (a `{` only when it forms one)?
    fn quantifier_ahead(&self) -> bool {
        match self.peek() {
            Some('*' | '+' | '?') => true,
            Some('{') => {
                let mut probe = Parser {
                    chars: self.chars,
                    at: self.at,
                    depth: self.depth,
                };
                matches!(probe.counted(), Ok(Some(_)))
            }
            _ => false,
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor (consumed); `None` when the
    /// brace does not start one (then it is a literal, as in ECMAScript).
    fn counted(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let start = self.at;
        self.at += 1;
        let Some(min) = self.number() else {
            self.at = start;
            return Ok(None);
        };
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                match self.number() {
                    Some(max) => Some(max),
                    None => {
                        self.at = start;
                        return Ok(None);
                    }
                }
            }
        } else {
            Some(min)
        };
        if !self.eat('}') {
            self.at = start;
            return Ok(None);
        }
        if max.is_some_and(|max| max < min) {
            return Err(self.error("numbers out of order in {} quantifier"));
        }
        Ok(Some((min, max)))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        let mut value: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(d);
            self.at += 1;
        }
        (self.at > start).then_some(value)
    }

    fn atom(&mut self) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Err(self.error("unexpected end"));
        };
        self.at += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Any,
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    return Err(self.error("look-around and named groups are not supported"));
                }
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return Err(self.error("missing `)`"));
                }
                inner
            }
            '[' => Node::Class(self.class()?),
            '\\' => match self.escape()? {
                Escaped::Char(c) => Node::Char(c),
                Escaped::Shorthand(s) => Node::Class(Class {
                    negated: false,
                    ranges: Vec::new(),
                    shorthands: vec![s],
                }),
            },
            '*' | '+' | '?' => return Err(self.error("nothing to repeat")),
            '{' => {
                self.at -= 1;
                if self.quantifier_ahead() {
                    return Err(self.error("nothing to repeat"));
                }
                self.at += 1;
                Node::Char('{')
            }
            ')' => return Err(self.error("unmatched `)`")),
            // `]` and `}` alone are literals (ECMAScript, Annex B).
            c => Node::Char(c),
        })
    }

    fn class(&mut self) -> Result<Class, String> {
        let negated = self.eat('^');
        let mut class = Class {
            negated,
            ranges: Vec::new(),
            shorthands: Vec::new(),
        };
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("missing `]`"));
            };
            self.at += 1;
            if c == ']' {
                return Ok(class);
            }
            let low = match c {
                '\\' => match self.escape()? {
                    Escaped::Char(c) => c,
                    Escaped::Shorthand(s) => {
                        class.shorthands.push(s);
                        continue;
                    }
                },
                c => c,
            };
            // A range, unless the `-` is last or the end is a shorthand.
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let high = match self.peek() {
                    Some('\\') => {
                        self.at += 1;
                        match self.escape()? {
                            Escaped::Char(c) => c,
                            Escaped::Shorthand(_) => {
                                return Err(self.error("a class shorthand cannot end a range"));
                            }
                        }
                    }
                    Some(c) => {
                        self.at += 1;
                        c
                    }
                    None => return Err(self.error("missing `]`")),
                };
                if high < low {
                    return Err(self.error("range out of order in character class"));
                }
                class.ranges.push((low, high));
            } else {
                class.ranges.push((low, low));
            }
        }
    }

    /// After a `\`.
    fn escape(&mut self) -> Result<Escaped, String> {
        let Some(c) = self.peek() else {
            return Err(self.error("`\\` at end of pattern"));
        };
        self.at += 1;
        Ok(match c {
            'd' => Escaped::Shorthand(Shorthand::Digit(true)),
            'D' => Escaped::Shorthand(Shorthand::Digit(false)),
            'w' => Escaped::Shorthand(Shorthand::Word(true)),
            'W' => Escaped::Shorthand(Shorthand::Word(false)),
            's' => Escaped::Shorthand(Shorthand::Space(true)),
            'S' => Escaped::Shorthand(Shorthand::Space(false)),
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'v' => Escaped::Char('\u{b}'),
            'f' => Escaped::Char('\u{c}'),
            'r' => Escaped::Char('\r'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => Escaped::Char('\0'),
            'x' => Escaped::Char(self.hex(2)?),
            'u' => Escaped::Char(self.hex(4)?),
            c if c.is_ascii_punctuation() => Escaped::Char(c),
            c => return Err(self.error(&format!("the escape \\{c} is not supported"))),
        })
    }

    fn hex(&mut self, digits: usize) -> Result<char, String> {
        let mut value = 0;
        for _ in 0..digits {
            let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                return Err(self.error("malformed hexadecimal escape"));
            };
            value = value * 16 + d;
            self.at += 1;
        }
        char::from_u32(value)
            .ok_or_else(|| self.error("escape names no character (a lone surrogate)"))
    }
}

enum Escaped {
    Char(char),
    Shorthand(Shorthand),
}

fn push(program: &mut Vec<Inst>, inst: Inst) -> Result<usize, String> {
    if program.len() >= MAX_PROGRAM {
        return Err("pattern too large (counted repetitions copy their part)".to_owned());
    }
    program.push(inst);
    Ok(program.len() - 1)
}

/// Thompson's construction: appends `node`'s instructions.
fn emit(node: &Node, program: &mut Vec<Inst>) -> Result<(), String> {
    match node {
        Node::Empty => {}
        Node::Char(c) => {
            push(program, Inst::Char(*c))?;
        }
        Node::Any => {
            push(program, Inst::Any)?;
        }
        Node::Class(class) => {
            push(program, Inst::Class(class.clone()))?;
        }
        Node::Start => {
            push(program, Inst::Start)?;
        }
        Node::End => {
            push(program, Inst::End)?;
        }
        Node::Concat(items) => {
            for item in items {
                emit(item, program)?;
            }
        }
        Node::Alternate(options) => {
            // split L1, next; L1: a; jump end; next: split L2, ... last
            let mut jumps = Vec::new();
            for (i, option) in options.iter().enumerate() {
                if i + 1 < options.len() {
                    let split = push(program, Inst::Split(0, 0))?;
                    emit(option, program)?;
                    jumps.push(push(program, Inst::Jump(0))?);
                    let next = program.len();
                    program[split] = Inst::Split(split + 1, next);
                } else {
                    emit(option, program)?;
                }
            }
            let end = program.len();
            for j in jumps {
                program[j] = Inst::Jump(end);
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                emit(node, program)?;
            }
            match max {
                None => {
                    // L: split body, end; body; jump L
                    let split = push(program, Inst::Split(0, 0))?;
                    emit(node, program)?;
                    push(program, Inst::Jump(split))?;
                    let end = program.len();
                    program[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    // Each optional copy: split body, end.
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(push(program, Inst::Split(0, 0))?);
                        emit(node, program)?;
                    }
                    let end = program.len();
                    for s in splits {
                        program[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Pattern;
    use crate::base::js::pattern_for_rust;
    use proptest::prelude::*;

    fn m(p: &str, s: &str) -> bool {
        Pattern::new(p).expect(p).is_match(s)
    }

    /// The same answer as `regex-lite` given the pattern rewritten for Rust
    /// (`pattern_for_rust`), the engine the compact validator used before.
    fn same_as_regex_lite(p: &str, s: &str) -> Result<(), TestCaseError> {
        let reference = regex_lite::Regex::new(&pattern_for_rust(p)).expect(p);
        prop_assert_eq!(m(p, s), reference.is_match(s), "pattern {:?} on {:?}", p, s);
        Ok(())
    }

    /// Every `pattern` of the schema, as the validator meets them.
    fn schema_patterns() -> Vec<String> {
        let schema: serde_json::Value =
            serde_json::from_str(crate::schema::SCHEMA_TEXT).expect("schema");
        let mut out = Vec::new();
        let mut stack = vec![&schema];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(p)) = m.get("pattern") {
                        out.push(p.clone());
                    }
                    stack.extend(m.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_schemas_patterns_compile_and_decide_known_cases() {
        let patterns = schema_patterns();
        assert!(patterns.len() >= 6, "{patterns:?}");
        for p in &patterns {
            Pattern::new(p).expect(p);
        }
        let email = r"^[^\s@]+@[^\s@]+\.[^\s@]+$";
        assert!(m(email, "ops@example.org"));
        assert!(!m(email, "ops@example"));
        assert!(!m(email, "ops @example.org"));
        assert!(
            !m(email, "ops@exa\u{a0}mple.org"),
            "JavaScript's \\s includes U+00A0"
        );
        assert!(m(email, "ops@exa\u{85}mple.org"), "and not U+0085");
        let host = r"^(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$";
        assert!(m(host, "db.internal.example"));
        assert!(!m(host, "db..internal"));
        assert!(!m(host, "db.internal."));
        let redis = r"^[Rr][Ee][Dd][Ii][Ss][Ss]?://";
        assert!(m(redis, "REDISS://h:6379") && m(redis, "redis://") && !m(redis, " redis://"));
        let pg = r"^[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?://";
        assert!(m(pg, "postgresql://x") && m(pg, "Postgres://x") && !m(pg, "postgresq://x"));
    }

    #[test]
    fn ecmascript_syntax_beyond_the_schema() {
        assert!(m("ab|cd", "xxcdxx") && !m("^ab|cd$", "xcdx") && m("^ab|cd$", "abz"));
        assert!(m("^a{2,3}$", "aaa") && !m("^a{2,3}$", "aaaa") && !m("^a{2,3}$", "a"));
        assert!(m("^a{2,}$", "aaaaa") && m("^a{2}$", "aa") && !m("^a{2}$", "aaa"));
        assert!(
            m("^a{,2}$", "a{,2}"),
            "not a quantifier: literal, as in ECMAScript"
        );
        assert!(m("^x{$", "x{"));
        assert!(
            m(r"^\d+\.\d*$", "12.") && !m(r"^\d+$", "١٢"),
            "\\d is ASCII"
        );
        assert!(m(r"^\w+$", "a_Z9") && !m(r"^\w+$", "é"));
        assert!(m(r"^[\w.-]+$", "a.b-c") && !m(r"^[^\d]+$", "a1"));
        assert!(m(r"^\u00e9\x41$", "éA"));
        assert!(m("^.$", "é") && !m("^.$", "\n") && !m("^.$", "\u{2028}"));
        assert!(m("^(?:ab)+?$", "abab") && m("^a*?$", ""));
        assert!(m("", "anything") && m("^$", "") && !m("^$", "x"));
        assert!(m("^[a-]$", "-") && m("^[-a]$", "-") && m(r"^[a\-z]$", "-") && !m("^[a-c]$", "-"));
        assert!(m(r"^\/\$\^$", "/$^"));
    }

    #[test]
    fn what_is_not_supported_or_malformed_is_an_error() {
        for bad in [
            "(?=a)", "(?!a)", "(?<n>a)", r"\1", r"\b", r"\p{L}", "a)", "(a", "[a", "*a", "a**",
            "a{2}{3}", "^*", "[z-a]", "a{3,2}", r"\x4", r"\ud800", "\\", r"[a-\d]",
        ] {
            assert!(Pattern::new(bad).is_err(), "{bad:?} should be refused");
        }
        let deep = "(".repeat(100) + &")".repeat(100);
        assert!(Pattern::new(&deep).is_err());
        assert!(Pattern::new("a{5000}").is_err(), "copies are bounded");
    }

    #[test]
    fn a_hostile_text_takes_linear_time() {
        // A backtracking engine takes quadratic (or worse) steps here.
        let text = format!("a@{}", "b.".repeat(200_000));
        assert!(!m(r"^[^\s@]+@[^\s@]+\.[^\s@]+$ ", &text));
        let text = "a".repeat(100_000) + "!";
        assert!(!m(r"^(?:a+)+$", &text));
        assert!(!m(r"^(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$", &text));
    }

    /// Patterns built from the pieces the syntax has, over a small alphabet.
    fn pattern() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("a".to_owned()),
            Just("b".to_owned()),
            Just(".".to_owned()),
            Just(r"\.".to_owned()),
            Just("@".to_owned()),
            Just(r"\s".to_owned()),
            Just(r"\S".to_owned()),
            Just(r"\d".to_owned()),
            Just(r"\w".to_owned()),
            Just("[a-c]".to_owned()),
            Just(r"[^\s@]".to_owned()),
            Just("[^a]".to_owned()),
            Just("[.-]".to_owned()),
        ];
        let piece = (
            atom,
            prop_oneof![
                Just(""),
                Just("*"),
                Just("+"),
                Just("?"),
                Just("{2}"),
                Just("{1,3}"),
                Just("{2,}")
            ],
        )
            .prop_map(|(a, q)| format!("{a}{q}"));
        let seq = proptest::collection::vec(piece, 0..5).prop_map(|v| v.concat());
        let group = (
            seq.clone(),
            seq.clone(),
            prop_oneof![Just(""), Just("*"), Just("+"), Just("?")],
        )
            .prop_map(|(a, b, q)| format!("(?:{a}|{b}){q}"));
        (
            any::<bool>(),
            proptest::collection::vec(prop_oneof![seq, group], 1..3),
            any::<bool>(),
        )
            .prop_map(|(start, parts, end)| {
                format!(
                    "{}{}{}",
                    if start { "^" } else { "" },
                    parts.concat(),
                    if end { "$" } else { "" }
                )
            })
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('b'),
                Just('c'),
                Just('.'),
                Just('@'),
                Just('-'),
                Just('1'),
                Just(' '),
                Just('\n'),
                Just('\u{a0}'),
                Just('\u{85}'),
                Just('\u{feff}'),
                Just('é'),
                Just('_'),
                Just('/')
            ],
            0..12,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_schemas_patterns_agree_with_regex_lite(i in any::<prop::sample::Index>(), s in text(), host in "[a-z0-9.-]{0,12}") {
            let patterns = schema_patterns();
            let p = &patterns[i.index(patterns.len())];
            same_as_regex_lite(p, &s)?;
            same_as_regex_lite(p, &host)?;
            same_as_regex_lite(p, &format!("{s}@{host}"))?;
        }

        #[test]
        fn generated_patterns_agree_with_regex_lite(p in pattern(), s in text()) {
            same_as_regex_lite(&p, &s)?;
        }
    }
}
