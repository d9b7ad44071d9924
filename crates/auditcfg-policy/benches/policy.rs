//! Four policy rules on the production preset: compiled once, evaluated
//! per document (the issue's target: under 50 µs natively). Results go to
//! BENCHMARKS.md.

use auditcfg_core::policy::{self, Policy};
use auditcfg_core::{Document, Environment};
use auditcfg_policy::Cel;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const FOUR_RULES: &str = r#"
[[rule]]
code = "ORG001"
environments = ["production"]
path = "/database"
rule = "self.ssl && self.url.startsWith('postgresql://db.internal')"
message = "production databases live on db.internal, with TLS"

[[rule]]
code = "ORG002"
path = "/compliance/hipaa/retentionYears"
rule = "self >= 7"
message = "audit records are kept seven years"

[[rule]]
code = "ORG003"
rule = "config.database.poolSize <= 20 && config.redis.url.startsWith('rediss://')"
message = "the pool may not outgrow the database; Redis over TLS"

[[rule]]
code = "ORG005"
path = "/server/cors/origin"
rule = "self.all(o, o.startsWith('https://'))"
message = "CORS origins are HTTPS"
"#;

fn bench(c: &mut Criterion) {
    let cel = Cel::default();
    let Ok(policy) = Policy::parse(FOUR_RULES, &cel) else {
        return;
    };
    let text = auditcfg_core::preset::reference_text(Environment::Production);
    let Some(doc) = Document::parse(text, None).document else {
        return;
    };
    let mut group = c.benchmark_group("policy");
    group.bench_function("four_rules_production_preset", |b| {
        b.iter(|| {
            black_box(policy::check(
                &cel,
                &[&policy],
                black_box(&doc),
                Some(Environment::Production),
            ))
        })
    });
    // The same without the rule that reads `config` (the whole document is
    // then never converted): what the conversion costs.
    let three = FOUR_RULES
        .replace(
            "code = \"ORG003\"\nrule",
            "code = \"ORG003\"\npath = \"/database/poolSize\"\nrule",
        )
        .replace(
            "config.database.poolSize <= 20 && config.redis.url.startsWith('rediss://')",
            "self <= 20",
        );
    if let Ok(three) = Policy::parse(&three, &cel) {
        group.bench_function("four_path_rules_production_preset", |b| {
            b.iter(|| {
                black_box(policy::check(
                    &cel,
                    &[&three],
                    black_box(&doc),
                    Some(Environment::Production),
                ))
            })
        });
    }
    group.bench_function("compile_four_rules", |b| {
        b.iter(|| black_box(Policy::parse(black_box(FOUR_RULES), &cel).is_ok()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
