//! The typed model of the audit server's configuration document.
//!
//! [`AuditConfig`] mirrors upstream's `AuditConfig` field for field, with the
//! exact JSON names. Every struct keeps the keys it does not know in its
//! `extra` map, so parsing a document and writing it back loses nothing (an
//! unknown key moves to the end of its object, which is equal as JSON).
//!
//! The JSON Schema ([`json_schema`]) is derived from these types: the doc
//! comments become titles and descriptions (a leading `# ` line is the
//! title), the `#[schemars(...)]` attributes become the limits. The ranges of
//! upstream's `validateConfiguration` are copied exactly; other numbers get
//! physical bounds only (ports, percentages, ratios, hours, non-negative
//! counts and durations).
//!
//! Numbers that may be fractional are [`serde_json::Number`]s, so that `1`
//! and `1.0` both survive a round trip unchanged; whole numbers are `u32` or
//! `u64`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::Environment;

/// Keys this model does not know, kept in document order.
pub type Extra = Map<String, Value>;

/// The JSON Schema (draft 2020-12) of the whole document, generated from
/// [`AuditConfig`]: what `schemars::schema_for!(AuditConfig)` gives, with
/// the hard line breaks of the doc comments joined, so that editors show
/// each description as flowing text.
pub fn json_schema() -> Value {
    SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator()
        .into_root_schema_for::<AuditConfig>()
        .to_value()
}

/// Joins the lines of each paragraph of a schema's `description` (doc
/// comments are wrapped at 80 columns; a blank line still separates
/// paragraphs).
fn unwrap_description(schema: &mut Schema) {
    if let Some(Value::String(description)) = schema.get_mut("description") {
        let joined = description
            .split("\n\n")
            .map(|paragraph| {
                paragraph
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        *description = joined;
    }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A JSON object with free-form string keys whose values all have type `V`,
/// kept in document order (for HTTP headers and per-endpoint overrides).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderedMap<V>(pub IndexMap<String, V>);

impl<V> OrderedMap<V> {
    /// The value stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.get(key)
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0));
                while let Some((key, value)) = access.next_entry::<String, V>()? {
                    map.insert(key, value);
                }
                Ok(OrderedMap(map))
            }
        }

        deserializer.deserialize_map(OrderedMapVisitor(PhantomData))
    }
}

impl<V: JsonSchema> JsonSchema for OrderedMap<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("auditcfg_core::model::OrderedMap<{}>", V::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

/// Deserializes a key that must be present but may be `null` (serde treats
/// a missing `Option` as `None` unless a `deserialize_with` is given).
fn required_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

mod archive;
mod compliance;
mod document;
mod enhanced_client;
mod enums;
mod logging;
mod monitoring;
mod observability;
mod redis_database;
mod security;
mod server;
#[cfg(test)]
mod tests;
mod worker;

pub use archive::*;
pub use compliance::*;
pub use document::*;
pub use enhanced_client::*;
pub use enums::*;
pub use logging::*;
pub use monitoring::*;
pub use observability::*;
pub use redis_database::*;
pub use security::*;
pub use server::*;
pub use worker::*;
