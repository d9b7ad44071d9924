//! A password strength estimate for the encryption view's meter: the
//! entropy of the characters used, less what guessable patterns give away
//! (common passwords, repeats, sequences, keyboard rows). Small and
//! deterministic, no dictionary download.

/// How strong a password looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strength {
    /// Estimated entropy in bits.
    pub bits: f64,
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
}

impl Strength {
    /// The score in words.
    pub fn label(&self) -> &'static str {
        match self.score {
            0 => "very weak",
            1 => "weak",
            2 => "fair",
            3 => "strong",
            _ => "very strong",
        }
    }
}

const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "123456",
    "12345678",
    "123456789",
    "qwerty",
    "letmein",
    "welcome",
    "admin",
    "changeme",
    "secret",
    "iloveyou",
    "monkey",
    "dragon",
    "abc123",
    "football",
    "baseball",
    "master",
    "shadow",
    "trustno1",
    "sunshine",
    "princess",
    "azerty",
    "hunter2",
    "default",
    "test",
    "guest",
    "root",
    "audit",
    "hipaa",
];
const ROWS: &[&str] = &[
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1234567890",
    "abcdefghijklmnopqrstuvwxyz",
];

/// Estimates a password's strength.
pub fn estimate(password: &str) -> Strength {
    let chars: Vec<char> = password.chars().collect();
    if chars.is_empty() {
        return Strength {
            bits: 0.0,
            score: 0,
        };
    }
    let (mut lower, mut upper, mut digit, mut symbol, mut other) =
        (false, false, false, false, false);
    for c in &chars {
        match c {
            'a'..='z' => lower = true,
            'A'..='Z' => upper = true,
            '0'..='9' => digit = true,
            c if c.is_ascii() => symbol = true,
            _ => other = true,
        }
    }
    let pool = [
        (lower, 26),
        (upper, 26),
        (digit, 10),
        (symbol, 33),
        (other, 100),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| *n)
    .sum::<u32>()
    .max(1);
    let per_char = f64::from(pool).log2();
    // Characters that follow a guessable pattern count for little: a repeat
    // of the previous character, or the next one on a keyboard row or in
    // the alphabet.
    let lowered: Vec<char> = password.to_lowercase().chars().collect();
    let mut effective = 0.0;
    for (i, c) in lowered.iter().enumerate() {
        let predictable = i > 0 && {
            let prev = lowered[i - 1];
            prev == *c
                || ROWS.iter().any(|row| {
                    let pair: String = [prev, *c].iter().collect();
                    let rev: String = [*c, prev].iter().collect();
                    row.contains(&pair) || row.contains(&rev)
                })
        };
        effective += if predictable { 1.0 } else { per_char };
    }
    let base: String = lowered
        .iter()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_owned();
    let common = COMMON
        .iter()
        .any(|w| lowered.iter().collect::<String>() == *w || (base.len() >= 4 && base == *w));
    let bits = if common {
        effective.min(10.0)
    } else {
        effective
    };
    let score = match bits {
        b if b < 28.0 => 0,
        b if b < 40.0 => 1,
        b if b < 60.0 => 2,
        b if b < 80.0 => 3,
        _ => 4,
    };
    Strength { bits, score }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_strong() {
        assert_eq!(estimate("").score, 0);
        assert_eq!(estimate("password").score, 0);
        assert_eq!(estimate("Password1").score, 0, "a common word with a digit");
        assert_eq!(estimate("aaaaaaaaaaaaaaaa").score, 0, "repeats");
        assert_eq!(estimate("qwertyuiop").score, 0, "a keyboard row");
        assert_eq!(estimate("abcdefgh12345678").score, 0, "sequences");
        assert!(estimate("k7#Qm2").score <= 1, "short");
        assert!(estimate("correct horse battery staple").score >= 3);
        assert_eq!(estimate("T9v#pL2@xQ8!mZ4&wR6k").score, 4);
        assert_eq!(estimate("T9v#pL2@xQ8!mZ4&wR6k").label(), "very strong");
        let a = estimate("lakeviewMarch");
        let b = estimate("lakeviewMarch7!");
        assert!(b.bits > a.bits);
    }
}
