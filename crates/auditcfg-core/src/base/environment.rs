//! The four deployment environments of the audit server.

use serde::{Deserialize, Serialize};

/// A deployment environment. Upstream accepts the aliases `dev`, `stage`
/// and `prod` wherever it reads an environment name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Local development.
    Development,
    /// Pre-production.
    Staging,
    /// Production: the strictest rules apply.
    Production,
    /// Automated tests.
    Test,
}

impl Environment {
    /// All environments, in upstream order.
    pub const ALL: [Environment; 4] = [
        Environment::Development,
        Environment::Staging,
        Environment::Production,
        Environment::Test,
    ];

    /// The canonical name, as written in a config document.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Staging => "staging",
            Environment::Production => "production",
            Environment::Test => "test",
        }
    }

    /// Parses a canonical name or one of the upstream aliases
    /// (`dev`, `stage`, `prod`). Case-sensitive, like upstream.
    pub fn from_name(name: &str) -> Option<Environment> {
        match name {
            "development" | "dev" => Some(Environment::Development),
            "staging" | "stage" => Some(Environment::Staging),
            "production" | "prod" => Some(Environment::Production),
            "test" => Some(Environment::Test),
            _ => None,
        }
    }

    /// Staging and production are held to production-grade review rules.
    pub fn is_production_like(self) -> bool {
        matches!(self, Environment::Staging | Environment::Production)
    }
}

impl std::fmt::Display for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Environment {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Environment::from_name(s).ok_or_else(|| crate::Error::UnknownEnvironment(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve() {
        assert_eq!(
            Environment::from_name("dev"),
            Some(Environment::Development)
        );
        assert_eq!(Environment::from_name("stage"), Some(Environment::Staging));
        assert_eq!(
            Environment::from_name("prod"),
            Some(Environment::Production)
        );
        assert_eq!(Environment::from_name("Production"), None);
        for env in Environment::ALL {
            assert_eq!(Environment::from_name(env.as_str()), Some(env));
        }
    }
}
