// Generated from the code registry by crates/auditcfg-core/tests/rule_docs.rs; do not edit.
// Regenerate: `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`.
// `explain(code)`: the documentation of a code, as `auditcfg explain` prints it.
const DOCS = {
  "AC001": {
    "code": "AC001",
    "name": "syntax-error",
    "group": "syntax",
    "severity": "error",
    "summary": "The text must be valid JSON or TOML.",
    "docs": "`AC001` syntax-error: the text is not valid JSON or TOML.\n\n**What.** The parser stopped at a character that cannot continue the document: a missing comma or colon, an unterminated string, a comment or a trailing comma in JSON, single quotes, a broken TOML table header. The range is the offending character; the message says what was expected.\n\n**Why.** The audit server reads its config with `JSON.parse`, which refuses the whole file for one stray character: the server does not start.\n\n**Example.** `{\"redis\": {\"url\": \"redis://localhost:6379\",}}` (trailing comma).\n\n**Fix.** Correct the character at the range; the help line says how when the cause is a common one (comments, trailing commas, single quotes)."
  },
  "AC002": {
    "code": "AC002",
    "name": "duplicate-key",
    "group": "syntax",
    "severity": "error",
    "summary": "A repeated key hides a value: JSON.parse silently keeps the last one.",
    "docs": "`AC002` duplicate-key: an object repeats a key.\n\n**What.** The same key appears twice in one object. The finding is on the later key and names the earlier one as a related range.\n\n**Why.** `JSON.parse` keeps the last value silently; a reader (or a reviewer of a diff) sees the first one and believes it applies.\n\n**Example.** `{\"port\": 3000, \"port\": 8080}`: the server listens on 8080.\n\n**Fix.** Remove the occurrence that is not meant (the quick fix removes the earlier one, which the server ignores anyway)."
  },
  "AC003": {
    "code": "AC003",
    "name": "byte-order-mark",
    "group": "syntax",
    "severity": "error",
    "summary": "Node's JSON.parse throws on a byte-order mark: the server does not start.",
    "docs": "`AC003` byte-order-mark: the file starts with a UTF-8 byte-order mark.\n\n**What.** The first bytes are `EF BB BF`, which some Windows editors write. An error in every rule selection; the rest of the document is still checked.\n\n**Why.** Node's `fs.readFile` keeps the mark and `JSON.parse` throws on it (Node 20: `Unexpected token '﻿'`): the server does not start.\n\n**Example.** A config saved as \"UTF-8 with BOM\".\n\n**Fix.** Save the file as UTF-8 without a byte-order mark."
  },
  "AC004": {
    "code": "AC004",
    "name": "invalid-utf8",
    "group": "syntax",
    "severity": "error",
    "summary": "Config files are UTF-8 text.",
    "docs": "`AC004` invalid-utf8: the bytes are not UTF-8.\n\n**What.** A byte sequence is not valid UTF-8 (Latin-1, UTF-16, a binary file). The range is the first invalid sequence.\n\n**Why.** The server reads its config as UTF-8; invalid bytes become U+FFFD and change names and secrets silently.\n\n**Example.** A file saved as Windows-1252 with `é` in a name.\n\n**Fix.** Re-save the file as UTF-8."
  },
  "AC005": {
    "code": "AC005",
    "name": "number-precision",
    "group": "syntax",
    "severity": "warning",
    "summary": "Integers beyond 2^53 change value when JavaScript reads them.",
    "docs": "`AC005` number-precision: an integer beyond 2^53.\n\n**What.** An integer whose magnitude exceeds 2^53 - 1, the largest JavaScript holds exactly.\n\n**Why.** `JSON.parse` rounds it to the nearest double: the server uses another value than the one written.\n\n**Example.** `\"maxSize\": 9007199254740993` is read as 9007199254740992.\n\n**Fix.** Use a value within ±9007199254740991, or a string if the field accepts one."
  },
  "AC006": {
    "code": "AC006",
    "name": "not-json-representable",
    "group": "syntax",
    "severity": "error",
    "summary": "The audit server reads JSON: every value needs a JSON form.",
    "docs": "`AC006` not-json-representable: a TOML value with no JSON form.\n\n**What.** A TOML `inf`, `nan` or an integer beyond 64 bits.\n\n**Why.** The server reads JSON; such a value cannot be written there.\n\n**Example.** `timeout = inf`.\n\n**Fix.** Write a finite number within range."
  },
  "AC007": {
    "code": "AC007",
    "name": "sealed-fields",
    "group": "syntax",
    "severity": "info",
    "summary": "Sealed (encrypted) secrets cannot be checked until they are opened.",
    "docs": "`AC007` sealed-fields: the document holds sealed secrets.\n\n**What.** The document's secrets are sealed (field-level encryption, `\"enc:v1:…\"` values with a `$auditcfgEncryption` block). Reported once, at the block, with the number of sealed values.\n\n**Why.** A sealed value is ciphertext: its format (URL, length, placeholder) cannot be checked, so those rules stay quiet on it instead of reporting every ciphertext as malformed.\n\n**Example.** The output of `auditcfg encrypt --fields`.\n\n**Fix.** Nothing to fix; to check the secrets themselves, open the document (`auditcfg decrypt --fields`) and validate that."
  },
  "AC008": {
    "code": "AC008",
    "name": "encrypted-config",
    "group": "syntax",
    "severity": "error",
    "summary": "An encrypted config must be decrypted before it can be checked.",
    "docs": "`AC008` encrypted-config: the text is an encrypted config.\n\n**What.** The file is the audit server's encrypted storage (`{\"algorithm\": \"AES-256-GCM\", \"iv\", \"data\", \"authTag\"}` or CBC) or a KMS-encrypted file (`{\"data\": ...}`), given where a plain config is expected (`validate`, `diff`, the app). Reported once, at its `algorithm` line, never quoting the ciphertext.\n\n**Why.** Its fields are not config fields: without this, the document would show one \"missing required field\" error per section and hide what it is.\n\n**Example.** `auditcfg validate config.enc.json`.\n\n**Fix.** Decrypt it first (`auditcfg decrypt FILE`, with the salt from `--salt` or `AUDIT_CONFIG_SALT` when the file does not record it), then validate the result. A KMS file opens only with the KMS."
  },
  "AC101": {
    "code": "AC101",
    "name": "required-field",
    "group": "schema",
    "severity": "error",
    "summary": "Every field the server reads must be present.",
    "docs": "`AC101` required-field: a field the server needs is missing.\n\n**What.** A key the schema marks as required is absent. The range points at the key of the object that should hold it.\n\n**Why.** Upstream reads every section and field; a missing one is `undefined` at run time and fails far from its cause.\n\n**Example.** A `redis` object without `url`.\n\n**Fix.** Add the field; the quick fix inserts it with the value of the preset for the document's environment."
  },
  "AC102": {
    "code": "AC102",
    "name": "wrong-type",
    "group": "schema",
    "severity": "error",
    "summary": "A value of the wrong type is misread or rejected by the server.",
    "docs": "`AC102` wrong-type: a value has the wrong JSON type.\n\n**What.** The value is not of the type the schema gives (a string where a number is expected, `null` for a required value, a fraction for an integer...).\n\n**Why.** Upstream compares with `typeof`; `\"5000\"` is not `5000`.\n\n**Example.** `\"connectTimeout\": \"5000\"`.\n\n**Fix.** Write the value with the expected type (`5000`, `true`, a list...)."
  },
  "AC103": {
    "code": "AC103",
    "name": "out-of-range",
    "group": "schema",
    "severity": "error",
    "summary": "Values outside their limits are rejected upstream or make no sense.",
    "docs": "`AC103` out-of-range: a number is outside its inclusive limits.\n\n**What.** The number is below the schema minimum or above its maximum. Upstream limits are copied exactly (e.g. `server.port` 3000..65535, `database.poolSize` 1..100); other fields get physical bounds (ratios 0..1, hours 0..23, non-negative durations).\n\n**Why.** Upstream rejects the same values; the others cannot be meant.\n\n**Example.** `\"poolSize\": 0`.\n\n**Fix.** Choose a value within the limits; the (unsafe) quick fix sets the nearest limit."
  },
  "AC104": {
    "code": "AC104",
    "name": "invalid-enum",
    "group": "schema",
    "severity": "error",
    "summary": "Enumerated settings accept only their listed values.",
    "docs": "`AC104` invalid-enum: a value is not one of the allowed values.\n\n**What.** An enumerated field (environment, log level, strategy, algorithm...) holds a value outside its list. Values are case-sensitive, as upstream compares them.\n\n**Why.** Upstream either rejects it or falls through to a default branch.\n\n**Example.** `\"backoffStrategy\": \"Exponential\"`.\n\n**Fix.** Use one of the listed values; the quick fix picks the closest one when a single value is near (a wrong case or a typo)."
  },
  "AC105": {
    "code": "AC105",
    "name": "pattern-mismatch",
    "group": "schema",
    "severity": "error",
    "summary": "Names and addresses must match the shapes the server expects.",
    "docs": "`AC105` pattern-mismatch: a string does not match its pattern.\n\n**What.** Version strings (`^[0-9A-Za-z_.-]+$`), host names, queue names (`^[a-zA-Z0-9_-]+$`) and recipient e-mail addresses (`^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$`) are checked with upstream patterns, written ASCII-exact.\n\n**Why.** Upstream rejects the same values.\n\n**Example.** `\"queueName\": \"audit queue\"`.\n\n**Fix.** Rewrite the value to match the pattern shown in the message."
  },
  "AC106": {
    "code": "AC106",
    "name": "invalid-format",
    "group": "schema",
    "severity": "error",
    "summary": "URLs must parse.",
    "docs": "`AC106` invalid-format: a string is not a valid URI.\n\n**What.** Fields typed as URIs must be absolute URIs. (`lastUpdated` is checked by `AC211`, as JavaScript's `Date.parse` reads it.)\n\n**Why.** A URL that does not parse is only found at run time, when the connection fails.\n\n**Example.** `\"tracing\": {\"exporterEndpoint\": \"not a url\"}`.\n\n**Fix.** Write an absolute URL (`https://collector:4318/v1/traces`)."
  },
  "AC107": {
    "code": "AC107",
    "name": "schema-violation",
    "group": "schema",
    "severity": "error",
    "summary": "The document must match the schema.",
    "docs": "`AC107` schema-violation: any other schema constraint.\n\n**What.** A constraint without a more specific code: string length, item counts, alternatives (`anyOf`/`oneOf`) none of which match (e.g. `server.cors.origin` must be a string or a list of strings).\n\n**Why.** The schema describes what the server reads.\n\n**Example.** `\"origin\": 42`.\n\n**Fix.** Change the value to one of the shapes the message names."
  },
  "AC201": {
    "code": "AC201",
    "name": "retry-delay-order",
    "group": "upstream",
    "severity": "error",
    "summary": "A retry cap below the base delay silently disables the backoff.",
    "docs": "`AC201` retry-delay-order: `maxDelay` must not be below `baseDelay`.\n\n**What.** `retry.maxDelay` must be greater than or equal to\n`retry.baseDelay`. We apply the same check to\n`reliableProcessor.retryConfig`, which upstream forgets.\n\n**Why.** The backoff starts at `baseDelay` and is capped at `maxDelay`; a\ncap below the start makes every retry wait `maxDelay`, silently ignoring\nthe configured backoff. Upstream's `validateConfiguration` rejects it.\n\n**Example.** `\"retry\": {\"baseDelay\": 5000, \"maxDelay\": 1000}` is reported\nat `/retry/maxDelay`.\n\n**Fix.** Raise `retry.maxDelay` to at least `retry.baseDelay` (or lower\nthe base delay)."
  },
  "AC202": {
    "code": "AC202",
    "name": "encryption-key-required",
    "group": "upstream",
    "severity": "error",
    "summary": "Log encryption cannot work without an encryption key.",
    "docs": "`AC202` encryption-key-required: log encryption needs a key.\n\n**What.** When `security.enableLogEncryption` is true,\n`security.encryptionKey` must be a non-empty string.\n\n**Why.** Without a key the server cannot encrypt audit logs: upstream's\n`validateConfiguration` rejects it, and `validateEnvironmentConfig`\nrejects it again at start-up in production.\n\n**Example.** `\"security\": {\"enableLogEncryption\": true, \"encryptionKey\": \"\"}`.\n\n**Fix.** Set `security.encryptionKey` (32 random bytes as hex), or turn\n`enableLogEncryption` off where encryption is not required."
  },
  "AC203": {
    "code": "AC203",
    "name": "encryption-key-length",
    "group": "upstream",
    "severity": "error",
    "summary": "Encryption keys shorter than 32 characters are weak; upstream rejects them.",
    "docs": "`AC203` encryption-key-length: a non-empty key has at least 32 characters.\n\n**What.** `security.encryptionKey`, when not empty, must be at least 32\ncharacters long (upstream's limit), counted as JavaScript's `length`\ncounts them: UTF-16 code units, so an emoji counts 2.\n\n**Why.** A short key is a weak key; upstream's `validateConfiguration`\nrejects it. The message never shows the key.\n\n**Example.** `\"encryptionKey\": \"short\"` is reported with its length only.\n\n**Fix.** Use a key of at least 32 characters: 32 random bytes as hex (64\ncharacters), kept in a secret store."
  },
  "AC204": {
    "code": "AC204",
    "name": "recipients-required",
    "group": "upstream",
    "severity": "error",
    "summary": "Enabled compliance reports must go to someone.",
    "docs": "`AC204` recipients-required: scheduled compliance reports need recipients.\n\n**What.** When `compliance.reportingSchedule.enabled` is true,\n`compliance.reportingSchedule.recipients` must not be empty.\n\n**Why.** Reports with nobody to receive them are compliance evidence that\nnever arrives. Upstream's `validateConfiguration` rejects it, and\nupstream's own staging and production presets trip it.\n\n**Example.** `\"reportingSchedule\": {\"enabled\": true, \"recipients\": []}`.\n\n**Fix.** Add at least one recipient address, or disable the scheduled\nreport."
  },
  "AC205": {
    "code": "AC205",
    "name": "production-integrity",
    "group": "upstream",
    "severity": "error",
    "summary": "Production audit logs must be tamper-evident.",
    "docs": "`AC205` production-integrity: production verifies audit log integrity.\n\n**What.** In production, `security.enableIntegrityVerification` must be\ntrue.\n\n**Why.** Tamper-evidence of audit logs is the point of a healthcare\naudit trail (HIPAA §164.312(c)). Upstream rejects production configs\nwithout it.\n\n**Example.** `\"environment\": \"production\", \"security\":\n{\"enableIntegrityVerification\": false}`.\n\n**Fix.** Set `security.enableIntegrityVerification` to `true` in\nproduction."
  },
  "AC206": {
    "code": "AC206",
    "name": "production-db-ssl",
    "group": "upstream",
    "severity": "error",
    "summary": "Protected health information must be encrypted in transit to the database.",
    "docs": "`AC206` production-db-ssl: production talks to PostgreSQL over TLS.\n\n**What.** In production, `database.ssl` must be true.\n\n**Why.** Audit events carry protected health information; they must be\nencrypted in transit. Upstream rejects production configs without it.\n\n**Example.** `\"environment\": \"production\", \"database\": {\"ssl\": false}`.\n\n**Fix.** Set `database.ssl` to `true` and use a TLS-enabled PostgreSQL\nendpoint."
  },
  "AC207": {
    "code": "AC207",
    "name": "production-debug-logging",
    "group": "upstream",
    "severity": "error",
    "summary": "Debug logs in production are noisy and may leak health data.",
    "docs": "`AC207` production-debug-logging: no debug logging in production.\n\n**What.** In production, `logging.level` must not be `debug`.\n\n**Why.** Debug logs are voluminous and may contain request payloads with\nhealth information. Upstream's `validateConfiguration` rejects it (and\n`validateEnvironmentConfig` warns about it at start-up).\n\n**Example.** `\"environment\": \"production\", \"logging\": {\"level\": \"debug\"}`.\n\n**Fix.** Set `logging.level` to `info` (or `warn`) in production."
  },
  "AC208": {
    "code": "AC208",
    "name": "dev-worker-concurrency",
    "group": "upstream",
    "severity": "warning",
    "summary": "More than 10 workers in development mostly measures contention.",
    "docs": "`AC208` dev-worker-concurrency: development keeps worker concurrency low.\n\n**What.** In development, `worker.concurrency` above 10 is a warning.\n\n**Why.** A laptop running ten-plus parallel workers against a local\ndatabase mostly measures contention; upstream's\n`validateEnvironmentConfig` warns about it.\n\n**Example.** `\"environment\": \"development\", \"worker\": {\"concurrency\": 16}`.\n\n**Fix.** Lower `worker.concurrency` to 10 or less in development; measure\nthroughput in staging."
  },
  "AC209": {
    "code": "AC209",
    "name": "test-gdpr",
    "group": "upstream",
    "severity": "warning",
    "summary": "GDPR processing in tests hints at real personal data in test.",
    "docs": "`AC209` test-gdpr: GDPR processing is usually off in test.\n\n**What.** In the test environment, `compliance.gdpr.enabled` true is a\nwarning.\n\n**Why.** Test data should be synthetic; GDPR processing in tests slows\nthem and hints that real personal data is present. Upstream's\n`validateEnvironmentConfig` warns about it.\n\n**Example.** `\"environment\": \"test\", \"compliance\": {\"gdpr\": {\"enabled\": true}}`.\n\n**Fix.** Turn `compliance.gdpr.enabled` off in test, or make sure the\ntest data is synthetic."
  },
  "AC210": {
    "code": "AC210",
    "name": "url-protocol",
    "group": "upstream",
    "severity": "error",
    "summary": "The server connects to Redis and PostgreSQL only with their own URL schemes.",
    "docs": "`AC210` url-protocol: the Redis and PostgreSQL URLs parse and use the\nright scheme.\n\n**What.** `redis.url` must parse as a URL with scheme `redis:` or\n`rediss:`; `database.url` with `postgresql:` or `postgres:`. Upstream\nchecks exactly this (`new URL(...)` and its `protocol`).\n\n**Why.** The server cannot connect otherwise, and fails at start-up\nrather than at review time. The message never shows the URL, which may\ncarry credentials.\n\n**Example.** `\"redis\": {\"url\": \"http://cache:6379\"}`.\n\n**Fix.** Use `redis://` or `rediss://` for Redis and `postgresql://` or\n`postgres://` for PostgreSQL."
  },
  "AC211": {
    "code": "AC211",
    "name": "last-updated-date",
    "group": "upstream",
    "severity": "error",
    "summary": "Upstream refuses a lastUpdated that Date.parse cannot read.",
    "docs": "`AC211` last-updated-date: `lastUpdated` is a date `Date.parse` reads.\n\n**What.** `lastUpdated` must be a string that JavaScript's `Date.parse`\nturns into a date: an ISO 8601 date (`2026-01-01`), date-time with or\nwithout a zone (`2026-01-01T00:00:00`, `2026-01-01T00:00:00.000Z`,\n`…+01:00`), as V8 reads them (`crate::base::js::date_parse_accepts`, compared\nwith Node 20 in `tests/js_semantics.rs`). Strings V8 reads only through\nits legacy, engine-specific parser (`Jan 1 2026`, `2026/01/01`) are\nrefused too: the contract asks for ISO 8601.\n\n**Why.** Upstream's `validateConfiguration` rejects a `lastUpdated` that\ndoes not parse as a date, and the server does not start.\n\n**Example.** `\"lastUpdated\": \"yesterday\"` is reported at `/lastUpdated`;\n`\"2026-01-01\"` is fine.\n\n**Fix.** Write an ISO 8601 date or date-time, e.g.\n`2026-01-01T00:00:00.000Z` (what `new Date().toISOString()` writes)."
  },
  "AC301": {
    "code": "AC301",
    "name": "placeholder-secret",
    "group": "review",
    "severity": "error",
    "summary": "Placeholder keys and endpoints make the server fail when it signs, encrypts or alerts.",
    "docs": "`AC301` placeholder-secret: no placeholder where a real value belongs.\n\n**What.** A string is reported when it is an obvious placeholder: it\nstarts with `your-` or `your_` (`your-event-key-here`), is four or more\n`X`s only, is `changeme`, `change-me`, `REPLACE_ME`, `TODO` or `<...>`,\nor contains an unexpanded `${...}` variable. In a secret field (see\n`crate::secrets`) the words `example`, `secret` and `password` as the\nwhole value, a placeholder password inside a connection URL, and a\nmasked value from a sanitised export (`***MASKED***`, or `***` as the\nURL's user or password) are reported too. Case is ignored. It is an error\nin staging and production and a warning elsewhere.\n\n**Why.** Upstream's presets ship placeholders for the Inngest keys, the\nKMS keys and token and the notification endpoint; the server starts with\nthem and fails later, when it signs, encrypts or alerts. The server does\nnot expand `${...}` either. The message names the path, never the value.\n\n**Example.** `\"inngest\": {\"eventKey\": \"your-event-key-here\"}` is reported\nat `/server/inngest/eventKey` as a placeholder value in a secret field.\n\n**Fix.** Replace the placeholder with the real value from your secret\nstore; for a key or secret the server only needs to be random, the\n(unsafe) quick fix writes 32 fresh random bytes as hex, generated locally\nand shown nowhere but in the fixed file."
  },
  "AC302": {
    "code": "AC302",
    "name": "redis-without-tls",
    "group": "review",
    "severity": "error",
    "summary": "Audit events and sessions must be encrypted in transit to Redis in production.",
    "docs": "`AC302` redis-without-tls: production talks to Redis over TLS.\n\n**What.** A Redis URL (`redis.url`, `server.auth.redisUrl`, or any other\nURL field with a Redis scheme) must use `rediss://` (TLS), not\n`redis://`. It is an error in production, a warning in staging, and not\nchecked elsewhere.\n\n**Why.** The queue and the session store carry audit events and session\ntokens; in production they must be encrypted in transit, like the\ndatabase connection (`AC206`). Upstream accepts both schemes. The message\nnever shows the URL, which may carry credentials.\n\n**Example.** `\"environment\": \"production\", \"server\": {\"auth\": {\"redisUrl\":\n\"redis://redis-prod:6379\"}}` is reported at `/server/auth/redisUrl`.\n\n**Fix.** Use `rediss://` (Redis over TLS) with a TLS-enabled Redis; the\n(unsafe) quick fix changes the scheme, which only works once the server\nspeaks TLS."
  },
  "AC303": {
    "code": "AC303",
    "name": "environment-mismatch",
    "group": "review",
    "severity": "error",
    "summary": "A section naming another environment was usually copied from the wrong file.",
    "docs": "`AC303` environment-mismatch: the sections agree on the environment.\n\n**What.** `server.environment` and `logging.environment` must name the\nsame environment as the top-level `environment` (upstream's aliases\n`dev`, `stage` and `prod` count as their environment).\n\n**Why.** The server reads the top-level field for its policies, but the\nAPI reports `server.environment` and every log line carries\n`logging.environment`: a production config that logs as `development`\nsends its logs to the wrong dashboards and alerts, and usually means a\nsection was copied from another environment's file.\n\n**Example.** `\"environment\": \"production\", \"logging\": {\"environment\":\n\"development\"}` is reported at `/logging/environment`.\n\n**Fix.** Set the section's `environment` to the document's `environment`;\nthe quick fix does it (safe)."
  },
  "AC304": {
    "code": "AC304",
    "name": "pool-min-max",
    "group": "review",
    "severity": "error",
    "summary": "A pool cannot keep more idle connections than it may open.",
    "docs": "`AC304` pool-min-max: the connection pool's minimum fits its maximum.\n\n**What.** `enhancedClient.connectionPool.minConnections` must not exceed\n`enhancedClient.connectionPool.maxConnections`.\n\n**Why.** The pool cannot keep more idle connections than it may open;\ndepending on the driver it refuses to start or silently caps the minimum.\nUpstream does not check it.\n\n**Example.** `\"connectionPool\": {\"minConnections\": 60, \"maxConnections\":\n50}` is reported at `/enhancedClient/connectionPool/minConnections`.\n\n**Fix.** Lower `minConnections` to at most `maxConnections`, or raise the\nmaximum."
  },
  "AC305": {
    "code": "AC305",
    "name": "port-conflict",
    "group": "review",
    "severity": "error",
    "summary": "The server and the worker cannot listen on the same port.",
    "docs": "`AC305` port-conflict: the server and the worker listen on different\nports.\n\n**What.** `server.port` must differ from `worker.port`.\n\n**Why.** The API server and the worker run side by side (on one host in\ndevelopment, often in one pod); the second to start fails with\n`EADDRINUSE`. Upstream checks each port's range, not the pair.\n\n**Example.** `\"server\": {\"port\": 3000}, \"worker\": {\"port\": 3000}` is\nreported at `/worker/port`.\n\n**Fix.** Give the worker its own port (e.g. `3001`)."
  },
  "AC306": {
    "code": "AC306",
    "name": "replica-equals-primary",
    "group": "review",
    "severity": "warning",
    "summary": "A read replica that is the primary, or listed twice, defeats read routing.",
    "docs": "`AC306` replica-equals-primary: read replicas are other databases.\n\n**What.** An item of `enhancedClient.replication.readReplicas` must not\npoint at the primary database (`database.url` or\n`enhancedClient.connectionPool.url`), nor repeat an earlier replica. URLs\nare compared parsed: same host (case-insensitive), port (5432 when\nomitted for PostgreSQL; `postgres:` and `postgresql:` are the same) and\ndatabase, ignoring a trailing slash, the user, password and query.\n\n**Why.** Reads routed to a \"replica\" that is the primary give none of\nthe relief replication was configured for, and a listed twice replica\ntakes twice its share of the reads. The message never shows the URLs,\nwhich may carry credentials.\n\n**Example.** `\"database\": {\"url\": \"postgresql://db:5432/audit\"}` with\n`\"readReplicas\": [\"postgresql://db/audit\"]` is reported at\n`/enhancedClient/replication/readReplicas/0`.\n\n**Fix.** Point each read replica at a distinct replica host, or remove\nthe entry."
  },
  "AC307": {
    "code": "AC307",
    "name": "invalid-email",
    "group": "review",
    "severity": "warning",
    "summary": "Reports and alerts sent to a malformed address are silently lost.",
    "docs": "`AC307` invalid-email: e-mail addresses are well formed.\n\n**What.** Every e-mail address of the document must be well formed:\nthe items of `compliance.reportingSchedule.recipients`,\n`server.externalServices.smtp.from` (`Name <address>` allowed) and\n`smtp.user` when it contains an `@`, and any string, or list of strings,\nunder a key named `email`, `recipients` or `from` (or ending in `Email`\nor `Emails`) anywhere; `from` elsewhere only when it contains an `@`.\nWell formed means: no spaces, exactly one `@`, a local part of 1 to 64\ncharacters without misplaced dots or special characters, and a domain\nwith at least one dot whose labels are letters (any script:\ninternationalised domains such as `bücher.de` are fine), digits and `-`\n(not first or last), ending in a top-level domain of two or more\nletters (or a `xn--` one). Each bad item is reported at its own pointer;\nempty strings are skipped, except as list items.\n\n**Why.** Upstream's pattern (`^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$`, checked\nexactly by the schema, `AC105`) accepts `a@b.c`, `a@-x.com` and\n`a..b@x.y!`; compliance reports sent to such an address are lost, and\nnobody notices until an audit asks for them. A warning, not an error:\nthe server accepts these addresses and starts.\n\n**Example.** `\"recipients\": [\"compliance@hospital\"]` is reported at\n`/compliance/reportingSchedule/recipients/0`: the domain has no dot.\n\n**Fix.** Write a complete address (`compliance@hospital.example`)."
  },
  "AC308": {
    "code": "AC308",
    "name": "invalid-url",
    "group": "review",
    "severity": "error",
    "summary": "A malformed URL is only found at run time, when traffic silently goes nowhere.",
    "docs": "`AC308` invalid-url: every URL-valued field is an absolute URL with a\nhost.\n\n**What.** The URL fields of the document must parse as absolute URLs\nwith a host: `server.auth.betterAuthUrl`, `server.auth.redisUrl`,\n`server.auth.dbUrl`, `server.inngest.baseUrl`,\n`monitoring.notification.url`, `observability.tracing.exporterEndpoint`,\n`observability.metrics.exporterEndpoint`, `logging.otlp.endpoint`,\n`security.kms.baseUrl`, `enhancedClient.connectionPool.url`, the items of\n`enhancedClient.replication.readReplicas` and `server.auth.trustedOrigins`,\n`server.cors.origin` (a string or a list; `*` excepted), and any other\nstring, or list of strings, under a key ending in `Url`, `url`,\n`Endpoint`, `endpoint`, `Uri` or `uri`. Empty strings are skipped, and\n`redis.url` and `database.url` are left to `AC210`.\n\n**Why.** Upstream checks only the Redis and PostgreSQL URLs; a malformed\nexporter endpoint, origin or notification URL is found at run time, when\ntraces, logins or alerts silently go nowhere. The message says what is\nwrong but never shows the URL, which may carry credentials.\n\n**Example.** `\"monitoring\": {\"notification\": {\"url\": \"XXXXXXXX\"}}` is\nreported as \"not a URL: relative URL without a base\".\n\n**Fix.** Write an absolute URL with a scheme and a host\n(`https://hooks.example.org/audit`)."
  },
  "AC309": {
    "code": "AC309",
    "name": "inline-credentials",
    "group": "review",
    "severity": "warning",
    "summary": "Credentials in a config file leak with every copy of it.",
    "docs": "`AC309` inline-credentials: no passwords inside URLs in the config file.\n\n**What.** A URL field (every one `AC308` knows, `redis.url` and\n`database.url` included) must not carry a password, either as\n`user:password@` or as a secret-looking query parameter (`?password=`,\n`?token=`, `?apiKey=`...). A warning in every environment. A masked\nexport's `***` is left to `AC301`.\n\n**Why.** Config files get copied, committed and attached to tickets;\ncredentials belong in the environment (`REDIS_URL`, `AUDIT_DB_URL`...)\nor in an encrypted config file. The message names the field, never the\ncredentials.\n\n**Example.** `\"database\": {\"url\": \"postgresql://audit:s3cret@db:5432/audit\"}`\nis reported at `/database/url`.\n\n**Fix.** Take the password out of the URL and provide it through the\nenvironment (e.g. `AUDIT_DB_URL`, `REDIS_URL`) or seal it (`auditcfg\nencrypt --fields`)."
  },
  "AC310": {
    "code": "AC310",
    "name": "cors-wildcard-credentials",
    "group": "review",
    "severity": "error",
    "summary": "A wildcard CORS origin with credentials breaks logins or opens the API to any site.",
    "docs": "`AC310` cors-wildcard-credentials: no wildcard origin with credentials.\n\n**What.** When `server.cors.credentials` is true, `server.cors.origin`\nmust not be `*` nor contain a `*` (as a string, or in any item of a\nlist).\n\n**Why.** Browsers refuse credentialed responses to a wildcard origin, so\nthe web client's logins fail; and CORS middlewares that \"fix\" it by\nreflecting the request's origin let any site make authenticated calls to\nan API holding health records.\n\n**Example.** `\"cors\": {\"origin\": \"*\", \"credentials\": true}` is reported\nat `/server/cors/origin`.\n\n**Fix.** List the allowed origins explicitly (`\"origin\":\n[\"https://portal.example.org\"]`), or turn `credentials` off if no browser\nsession is involved."
  },
  "AC311": {
    "code": "AC311",
    "name": "foreign-environment-host",
    "group": "review",
    "severity": "warning",
    "summary": "A production URL pointing at a local or another environment's host leaks or loses data.",
    "docs": "`AC311` foreign-environment-host: production URLs point at production\nhosts.\n\n**What.** In staging and production, the host of every URL field (all\nthose `AC308` knows, `redis.url` and `database.url`, the read replicas\nand the trusted and CORS origins included) must not be local\n(`localhost`, `*.localhost`, a loopback address, `0.0.0.0`, `::`) nor\nname another environment: a `-` or `.` separated part `dev`,\n`development`, `staging`, `stage`, `test`, `prod` or `production` that is\nnot the document's own (`redis-staging`, `postgres-dev.internal`). A\nwarning. The message shows the host only, never the URL.\n\n**Why.** Upstream's presets build production from development and\nstaging pieces: its production preset sends Better Auth's sessions to\n`redis-staging`, trusts `localhost` origins and reads replicas on\n`localhost`. Such a config starts, then leaks production sessions into\nstaging, or fails over to nothing.\n\n**Example.** `\"environment\": \"production\", \"server\": {\"auth\":\n{\"redisUrl\": \"redis://redis-staging:6379\"}}` is reported at\n`/server/auth/redisUrl`: host `redis-staging` looks like a staging host.\n\n**Fix.** Point the URL at the production host; keep local and staging\nhosts in their own configs."
  },
  "AC312": {
    "code": "AC312",
    "name": "pagination-limits",
    "group": "review",
    "severity": "error",
    "summary": "A default page size above the maximum is clamped or rejected on every plain list call.",
    "docs": "`AC312` pagination-limits: the default page size fits the maximum.\n\n**What.** `server.performance.pagination.defaultLimit` must not exceed\n`server.performance.pagination.maxLimit`.\n\n**Why.** A request without a limit gets the default; above the maximum\nit is either clamped (the default is a lie) or rejected (every plain\nlist call fails). Upstream does not check it.\n\n**Example.** `\"pagination\": {\"defaultLimit\": 500, \"maxLimit\": 100}` is\nreported at `/server/performance/pagination/defaultLimit`.\n\n**Fix.** Lower `defaultLimit` to at most `maxLimit`, or raise `maxLimit`."
  },
  "AC313": {
    "code": "AC313",
    "name": "session-secret-length",
    "group": "review",
    "severity": "error",
    "summary": "Better Auth needs a session secret of 32 characters or more; short ones can be forged.",
    "docs": "`AC313` session-secret-length: the session secret has at least 32\ncharacters.\n\n**What.** `server.auth.sessionSecret`, when not empty, must be at least\n32 characters long. An error in staging and production, a warning\nelsewhere.\n\n**Why.** Better Auth signs and encrypts sessions with it and requires 32\ncharacters or more; a short secret can be brute-forced, letting anyone\nforge a session to an API holding health records. Upstream does not\ncheck it. The message shows the length only, never the secret.\n\n**Example.** `\"auth\": {\"sessionSecret\": \"hunter2\"}` is reported at\n`/server/auth/sessionSecret` with its length (7).\n\n**Fix.** Use 32 random bytes as hex (64 characters), e.g. from\n`BETTER_AUTH_SECRET`."
  },
  "AC314": {
    "code": "AC314",
    "name": "hipaa-retention",
    "group": "review",
    "severity": "error",
    "summary": "HIPAA requires audit records to be kept for six years.",
    "docs": "`AC314` hipaa-retention: with HIPAA on, audit records are kept six years.\n\n**What.** When `compliance.hipaa.enabled` is true,\n`compliance.defaultRetentionDays` must be at least 2190 (six years) and\n`compliance.hipaa.retentionYears`, when present, at least 6. An error,\nexcept in `test`, where it is a warning: test data holds no real health\ninformation (upstream's test preset keeps records one day).\n\n**Why.** HIPAA (45 CFR §164.316(b)(2)) requires security documentation\nto be retained for six years, and audit records are held to the same\nperiod; records deleted earlier cannot be produced in an investigation.\nUpstream bounds the retention to 1..3650 days only.\n\n**Example.** `\"compliance\": {\"hipaa\": {\"enabled\": true},\n\"defaultRetentionDays\": 365}` is reported at\n`/compliance/defaultRetentionDays`.\n\n**Fix.** Keep audit records for at least 2190 days (six years) while\nHIPAA is on."
  },
  "AC315": {
    "code": "AC315",
    "name": "production-debug-mode",
    "group": "review",
    "severity": "warning",
    "summary": "The logger's debug mode in production may send health data to the logs.",
    "docs": "`AC315` production-debug-mode: no logger debug mode in production.\n\n**What.** In production, `logging.enableDebugMode` should be false.\n\n**Why.** Debug mode makes the logger log its own internals and full\npayloads whatever `logging.level` says, so health information can reach\nthe log pipeline even when `AC207` is satisfied. Upstream's production\npreset turns it off but nothing enforces it.\n\n**Example.** `\"environment\": \"production\", \"logging\": {\"enableDebugMode\":\ntrue}` is reported at `/logging/enableDebugMode`.\n\n**Fix.** Set `logging.enableDebugMode` to `false` in production."
  },
  "AC316": {
    "code": "AC316",
    "name": "full-trace-sampling",
    "group": "review",
    "severity": "info",
    "summary": "Tracing every production request is costly; a fraction usually suffices.",
    "docs": "`AC316` full-trace-sampling: production traces every request.\n\n**What.** In production, with `observability.tracing.enabled`, a\n`observability.tracing.sampleRate` of 1 (every request) is reported as\ninformation.\n\n**Why.** Full sampling multiplies the tracing backend's storage and cost\nwith the traffic and adds latency to every request; a fraction (0.1 or\nless) usually shows the same problems. Upstream's production preset\nsamples everything.\n\n**Example.** `\"environment\": \"production\", \"observability\": {\"tracing\":\n{\"enabled\": true, \"sampleRate\": 1}}` is reported at\n`/observability/tracing/sampleRate`.\n\n**Fix.** Lower `observability.tracing.sampleRate` (e.g. `0.1`) unless\nevery request must be traced."
  },
  "AC317": {
    "code": "AC317",
    "name": "archive-unencrypted",
    "group": "review",
    "severity": "warning",
    "summary": "Archives of a HIPAA audit trail should be encrypted at rest.",
    "docs": "`AC317` archive-unencrypted: production archives of health data are\nencrypted.\n\n**What.** In production, with `compliance.hipaa.enabled`,\n`archive.encryptArchive` should be true.\n\n**Why.** Archives hold the audit trail of protected health information\nand leave the database for cheaper, more widely readable storage; HIPAA\ntreats encryption at rest as the safe harbour against breach\nnotification. Upstream does not require it.\n\n**Example.** `\"environment\": \"production\", \"archive\": {\"encryptArchive\":\nfalse}` is reported at `/archive/encryptArchive`.\n\n**Fix.** Set `archive.encryptArchive` to `true` in production (and keep\nthe archive key outside the file)."
  },
  "AC318": {
    "code": "AC318",
    "name": "unknown-field",
    "group": "review",
    "severity": "info",
    "summary": "The server ignores unknown keys: a misspelt key is a setting that never applies.",
    "docs": "`AC318` unknown-field: a key the schema does not know, and the known key\nit probably meant.\n\n**What.** Every object key that the schema does not define is reported:\nas a warning with a suggestion when it is within two edits of a known\nsibling key (`conectTimeout` → `connectTimeout`) or differs from one only\nin case or by look-alike non-ASCII letters (a Cyrillic `е` in `rеdis`);\notherwise as info. Keys inside maps (`headers`, `endpointTTLOverrides`)\nare data, not fields, and are not checked. The document's `$schema` and\nthe field-encryption metadata block are known.\n\n**Why.** The server ignores keys it does not know, so a misspelt key is a\nsetting that silently never applies, while the default it falls back to\nlooks fine in review. Unknown keys are kept untouched by every auditcfg\noperation; this rule only says they are there.\n\n**Example.** `\"redis\": {\"conectTimeout\": 5000}` gets \"unknown field\n`conectTimeout`: did you mean `connectTimeout`?\".\n\n**Fix.** Rename the key to the known one it was meant to be; the quick\nfix does it (safe when exactly one known key is near and absent from that\nobject). Keys meant for other tools may stay: the server ignores them."
  },
  "AC401": {
    "code": "AC401",
    "name": "probe-unreachable",
    "group": "probe",
    "severity": "error",
    "summary": "The service does not answer: the name does not resolve, nothing listens, or no connection within the timeout.",
    "docs": "`AC401` probe-unreachable: The service does not answer: the name does not resolve, nothing listens, or no connection within the timeout.\n\n**What.** `auditcfg probe` could not reach the service a URL names: the host name does not resolve, nothing listens on the port, or no connection (TCP, TLS and login) was made within the connect timeout (`database.connectionTimeout` for PostgreSQL, `redis.connectTimeout` for Redis, capped by `--timeout`).\n\n**Why.** The server would fail the same way at start-up. Run the probe from the machine (or network) that will run the server.\n\n**Example.** `\"database\": {\"url\": \"postgresql://db:5999/audit\"}` with nothing on port 5999 is reported at `/database/url`: `cannot connect to db:5999: connection refused`.\n\n**Fix.** Check the host name and port, that the service runs and that this machine may reach it (firewall, security group); raise the connect timeout only if the network is known to be slow."
  },
  "AC402": {
    "code": "AC402",
    "name": "probe-auth-rejected",
    "group": "probe",
    "severity": "error",
    "summary": "The service refuses the credentials in the URL (or requires some).",
    "docs": "`AC402` probe-auth-rejected: The service refuses the credentials in the URL (or requires some).\n\n**What.** The service refused the user name or password in the URL (PostgreSQL `28P01`, Redis `WRONGPASS`), or requires one the URL does not give (Redis `NOAUTH`, PostgreSQL asking for a password).\n\n**Why.** A wrong password is the most common deployment-day failure. The message never shows the user name or the password.\n\n**Example.** `\"server\": {\"auth\": {\"dbUrl\": \"postgresql://auth:wrong@db/auth\"}}` is reported at `/server/auth/dbUrl`: `PostgreSQL refused the password`.\n\n**Fix.** Correct the user name or password (or provide it through the environment, e.g. `AUDIT_DB_URL`, `REDIS_URL`); create the role or ACL user if it does not exist."
  },
  "AC403": {
    "code": "AC403",
    "name": "probe-database-missing",
    "group": "probe",
    "severity": "error",
    "summary": "The database named in the URL does not exist on the server.",
    "docs": "`AC403` probe-database-missing: The database named in the URL does not exist on the server.\n\n**What.** PostgreSQL accepted the login, but the database in the URL's path does not exist (`3D000`), or `pg_hba.conf` has no entry for this user, database and address (`28000`).\n\n**Why.** Both stop the server at its first query; the second often means the server requires TLS (`hostssl`) and the config does not use it.\n\n**Example.** `postgresql://audit@db/audit_prd` (a typo of `audit_prod`) is reported at the URL's path.\n\n**Fix.** Correct the database name in the URL, create the database, or add a `pg_hba.conf` entry for this user, database and address (with `hostssl` if TLS is required)."
  },
  "AC404": {
    "code": "AC404",
    "name": "probe-tls-mismatch",
    "group": "probe",
    "severity": "error",
    "summary": "The config requires TLS and the server does not offer it (or, in production, the reverse).",
    "docs": "`AC404` probe-tls-mismatch: The config requires TLS and the server does not offer it (or, in production, the reverse).\n\n**What.** The config requires TLS (`database.ssl`, `enhancedClient.connectionPool.ssl`, `sslmode=require` in the URL, `rediss://`) but the server does not offer it (PostgreSQL answers `N` to the SSL request; a Redis port that does not speak TLS). In production, also the reverse: the server offers TLS and the config does not use it (a warning).\n\n**Why.** With TLS required the server cannot connect at all; without it, audit data and credentials cross the network in clear text.\n\n**Example.** `\"database\": {\"ssl\": true}` against a server with `ssl = off` is reported at `/database/ssl`.\n\n**Fix.** Turn TLS on in the service (PostgreSQL `ssl = on`, a TLS port for Redis), or make the config match what the service offers outside production."
  },
  "AC405": {
    "code": "AC405",
    "name": "probe-tls-certificate",
    "group": "probe",
    "severity": "error",
    "summary": "The server's TLS certificate is not trusted, expired, or names another host.",
    "docs": "`AC405` probe-tls-certificate: The server's TLS certificate is not trusted, expired, or names another host.\n\n**What.** The TLS handshake failed on the server's certificate: not signed by a trusted authority (the system's roots plus `--ca-file`), expired, or for another host name.\n\n**Why.** The server's client would refuse it too (or, worse, be configured to skip verification). Fix the certificate or give its authority.\n\n**Example.** `rediss://redis:6380` with a self-signed certificate is reported at `/redis/url`: `the certificate is not trusted`.\n\n**Fix.** Install a certificate whose name matches the host and that chains to a trusted CA, or pass the internal CA with `--ca-file` (and give it to the server the same way)."
  },
  "AC406": {
    "code": "AC406",
    "name": "probe-protocol-error",
    "group": "probe",
    "severity": "error",
    "summary": "The server answered, but not as the URL's service would, or refused a read-only query.",
    "docs": "`AC406` probe-protocol-error: The server answered, but not as the URL's service would, or refused a read-only query.\n\n**What.** The server answered, but not as PostgreSQL or Redis would (another service on the port), broke the protocol, has no free connection slot, or refused one of the probe's read-only queries.\n\n**Why.** The URL points at the wrong thing, or the server is in a state where the audit server cannot use it.\n\n**Example.** `redis://db:5432` (the PostgreSQL port) is reported at `/redis/url`: `no answer to PING like Redis`.\n\n**Fix.** Point the URL at the right service and port (a PostgreSQL URL at PostgreSQL, a Redis URL at Redis)."
  },
  "AC407": {
    "code": "AC407",
    "name": "probe-connection-budget",
    "group": "probe",
    "severity": "error",
    "summary": "The pools can open more connections than PostgreSQL allows.",
    "docs": "`AC407` probe-connection-budget: The pools can open more connections than PostgreSQL allows.\n\n**What.** The pools that open connections to one PostgreSQL server (`database.poolSize`, `enhancedClient.connectionPool.maxConnections`, `server.auth.poolSize`, counted once per URL that reaches that server, times `--instances`) can together open more connections than the server allows: `max_connections` minus `superuser_reserved_connections` (and `reserved_connections` on PostgreSQL 16+). Reported at the largest pool.\n\n**Why.** Under load the last connections fail with `too many clients`, usually at the worst moment.\n\n**Example.** Pools of 25 + 50 + 20 against `max_connections = 50` (3 reserved) is reported at `/enhancedClient/connectionPool/maxConnections`.\n\n**Fix.** Lower the pool sizes (`database.poolSize`, `enhancedClient.connectionPool.maxConnections`, `server.auth.poolSize`) or raise PostgreSQL's `max_connections`, counting every server instance."
  },
  "AC408": {
    "code": "AC408",
    "name": "probe-statement-timeout",
    "group": "probe",
    "severity": "warning",
    "summary": "The server cancels statements before database.queryTimeout would.",
    "docs": "`AC408` probe-statement-timeout: The server cancels statements before database.queryTimeout would.\n\n**What.** The server's `statement_timeout` (as the URL's user gets it) is set and shorter than `database.queryTimeout`.\n\n**Why.** The server cancels long statements before the client's own timeout: the client sees cancellations (`57014`) where it expects its timeout, and long audit queries (reports, archival) fail earlier than configured.\n\n**Example.** `statement_timeout = 30s` with `\"queryTimeout\": 60000` is reported at `/database/queryTimeout`.\n\n**Fix.** Align `statement_timeout` on the server (or the role) with `database.queryTimeout`."
  },
  "AC409": {
    "code": "AC409",
    "name": "probe-slow-query-log",
    "group": "probe",
    "severity": "info",
    "summary": "The server logs slow statements at a higher threshold than the client flags them.",
    "docs": "`AC409` probe-slow-query-log: The server logs slow statements at a higher threshold than the client flags them.\n\n**What.** With `enhancedClient.monitoring.enabled`, the server logs slow statements (`log_min_duration_statement` set) at a higher threshold than `enhancedClient.monitoring.slowQueryThreshold`.\n\n**Why.** Queries the client reports as slow leave no trace in the server log, which is where their plans would be found. Information only.\n\n**Example.** `log_min_duration_statement = 10s` with `\"slowQueryThreshold\": 3000` is reported at `/enhancedClient/monitoring/slowQueryThreshold`.\n\n**Fix.** Set `log_min_duration_statement` to the configured slow-query threshold, or change the threshold to match."
  },
  "AC410": {
    "code": "AC410",
    "name": "probe-pg-stat-statements",
    "group": "probe",
    "severity": "warning",
    "summary": "Query monitoring is on but pg_stat_statements is not loaded.",
    "docs": "`AC410` probe-pg-stat-statements: Query monitoring is on but pg_stat_statements is not loaded.\n\n**What.** `enhancedClient.monitoring.enabled` is true but `pg_stat_statements` is not in the server's `shared_preload_libraries`.\n\n**Why.** The enhanced client's query statistics and auto-optimisation read `pg_stat_statements`; without the library they have nothing to read.\n\n**Example.** A default PostgreSQL (`shared_preload_libraries = ''`) is reported at `/enhancedClient/monitoring/enabled`.\n\n**Fix.** Add `pg_stat_statements` to `shared_preload_libraries` (and `CREATE EXTENSION pg_stat_statements`), or turn the enhanced client's monitoring off."
  },
  "AC411": {
    "code": "AC411",
    "name": "probe-replica-not-in-recovery",
    "group": "probe",
    "severity": "error",
    "summary": "A read replica is a primary (not in recovery): reads may see other data.",
    "docs": "`AC411` probe-replica-not-in-recovery: A read replica is a primary (not in recovery): reads may see other data.\n\n**What.** A read replica (probed when `enhancedClient.replication.enabled`) answers `pg_is_in_recovery()` with false: it is a primary of its own.\n\n**Why.** Reads routed there see a database that does not follow the primary: audit queries return other (stale or different) data.\n\n**Example.** `\"readReplicas\": [\"postgresql://replica-1/audit\"]` where `replica-1` is a stand-alone server is reported at `/enhancedClient/replication/readReplicas/0`.\n\n**Fix.** Point the replica URL at a standby (a server in recovery), not at a primary."
  },
  "AC412": {
    "code": "AC412",
    "name": "probe-replica-is-primary",
    "group": "probe",
    "severity": "warning",
    "summary": "A read replica is the primary server itself, under another name.",
    "docs": "`AC412` probe-replica-is-primary: A read replica is the primary server itself, under another name.\n\n**What.** A read replica is the same running server as a primary URL (`database.url`, `enhancedClient.connectionPool.url`), reached under another name: same system identifier and start time.\n\n**Why.** Like `AC306`, which catches the same URL written twice: reads get none of the relief replication was configured for.\n\n**Example.** `database.url` `postgresql://db/audit` and replica `postgresql://10.0.0.5/audit` where `db` is `10.0.0.5` is reported at the replica.\n\n**Fix.** Point the replica URL at a replica host, not at the primary itself."
  },
  "AC413": {
    "code": "AC413",
    "name": "probe-redis-eviction",
    "group": "probe",
    "severity": "error",
    "summary": "Redis may evict keys (maxmemory-policy is not noeviction): queued events can be lost.",
    "docs": "`AC413` probe-redis-eviction: Redis may evict keys (maxmemory-policy is not noeviction): queued events can be lost.\n\n**What.** Redis's `maxmemory-policy` is not `noeviction`. An error for `redis.url` (the event queue), a warning for `server.auth.redisUrl` (sessions); a query cache with its own Redis may evict.\n\n**Why.** When memory runs out, Redis deletes keys: queued audit events (the queue's keys) are lost without an error, sessions end. Upstream's troubleshooting guide says to monitor eviction policies; for a queue the policy must be `noeviction`.\n\n**Example.** `maxmemory-policy allkeys-lru` is reported at `/redis/url`.\n\n**Fix.** Set `maxmemory-policy noeviction` on the Redis that holds the queue."
  },
  "AC414": {
    "code": "AC414",
    "name": "probe-redis-no-maxmemory",
    "group": "probe",
    "severity": "warning",
    "summary": "Redis has no memory limit (maxmemory 0) in production.",
    "docs": "`AC414` probe-redis-no-maxmemory: Redis has no memory limit (maxmemory 0) in production.\n\n**What.** In production, Redis runs without a memory limit (`maxmemory 0`).\n\n**Why.** Without a limit Redis grows until the operating system kills it, taking every queued event with it; with one (and `noeviction`) writes fail visibly instead.\n\n**Example.** A production config whose Redis has `maxmemory 0` is reported at `/redis/url`.\n\n**Fix.** Set `maxmemory` in production so Redis fails writes instead of the host running out of memory."
  },
  "AC415": {
    "code": "AC415",
    "name": "probe-redis-protected-mode",
    "group": "probe",
    "severity": "warning",
    "summary": "Redis accepts connections without a password and protected-mode is off, in production.",
    "docs": "`AC415` probe-redis-protected-mode: Redis accepts connections without a password and protected-mode is off, in production.\n\n**What.** In production, the URL gives no password, Redis accepted the connection, and `protected-mode` is off.\n\n**Why.** Anyone who reaches the port can read and change the queue. Upstream's deployment keeps protected mode on and requires a password.\n\n**Example.** `redis://redis-prod:6379` against `protected-mode no` without `requirepass` is reported at `/redis/url`.\n\n**Fix.** Turn `protected-mode` on (or bind Redis to private addresses with a password)."
  },
  "AC416": {
    "code": "AC416",
    "name": "probe-redis-persistence",
    "group": "probe",
    "severity": "warning",
    "summary": "The queue's Redis has append-only persistence off in production: queued events die with it.",
    "docs": "`AC416` probe-redis-persistence: The queue's Redis has append-only persistence off in production: queued events die with it.\n\n**What.** In production, the Redis of `redis.url` (the queue) has append-only persistence off (`appendonly no`).\n\n**Why.** Queued audit events that were accepted but not yet processed die with a Redis restart. Upstream's deployment runs Redis with `appendonly yes`.\n\n**Example.** A production config whose queue Redis has `aof_enabled:0` is reported at `/redis/url`.\n\n**Fix.** Turn `appendonly yes` on so queued events survive a Redis restart."
  },
  "AC417": {
    "code": "AC417",
    "name": "probe-connect-latency",
    "group": "probe",
    "severity": "warning",
    "summary": "Connecting takes more than half the configured connect timeout.",
    "docs": "`AC417` probe-connect-latency: Connecting takes more than half the configured connect timeout.\n\n**What.** The measured TCP connect time to a service is more than half of the configured connect timeout (`database.connectionTimeout`, `redis.connectTimeout`).\n\n**Why.** With that little margin, an ordinary latency spike becomes a failed connection. Raise the timeout or move closer to the service.\n\n**Example.** A 2,600 ms connect with `\"connectionTimeout\": 5000` is reported at `/database/connectionTimeout`.\n\n**Fix.** Raise the connect timeout, or move the service closer to the server."
  },
  "AC418": {
    "code": "AC418",
    "name": "probe-not-checked",
    "group": "probe",
    "severity": "info",
    "summary": "Something the probe could not check (no URL of the service, no permission to read a setting).",
    "docs": "`AC418` probe-not-checked: Something the probe could not check (no URL of the service, no permission to read a setting).\n\n**What.** Something the probe could not check: a URL field that is not a URL of its service (so it was not probed), or a setting the probe had no permission to read (Redis `CONFIG` disabled, PostgreSQL settings hidden).\n\n**Why.** A clean probe must mean \"checked and fine\", not \"not looked at\". Information only.\n\n**Example.** `\"redis\": {\"url\": \"http://redis:6379\"}` is reported at `/redis/url`: `not probed: not a redis:// or rediss:// URL`.\n\n**Fix.** Nothing to repair; give the probe the URL or the permission it names to check it too."
  },
  "AC500": {
    "code": "AC500",
    "name": "policy-rule",
    "group": "policy",
    "severity": "error",
    "summary": "An organisation policy's own rule (a CEL expression in a policy file) does not hold.",
    "docs": "`AC500` policy-rule: a rule of an organisation policy file does not hold.\n\n**What.** The registry row behind every finding of a policy rule (`auditcfg validate --policy org.toml`). Such a finding carries the rule's own code (`ORG001`), severity, message and help; this row only says where it comes from. A rule that cannot be evaluated (a missing key, a type mismatch) or that would exceed the evaluation limits is a finding of that rule saying why.\n\n**Why.** Organisations have rules of their own that no upstream validator knows (production databases on one network, TLS never switched off); written as CEL in a policy file they are checked everywhere the built-in rules are.\n\n**Example.** `[[rule]] code = \"ORG001\" path = \"/database\" rule = \"self.ssl\" message = \"production databases use TLS\"` reports `ORG001` at `/database` when `ssl` is false.\n\n**Fix.** Change the config so the rule holds, or ask the policy's owner; `auditcfg explain ORG001 --policy org.toml` shows the rule's expression. See docs/policies.md."
  }
};

const BY_NAME = new Map(Object.values(DOCS).map((d) => [d.name, d]));

/** The docs of a code (`AC313`, any case) or rule name (`session-secret-length`); `null` when unknown. */
export function explain(code) {
  if (typeof code !== 'string') {
    const error = new TypeError('code must be a string');
    error.name = 'AuditcfgError';
    error.code = 'INVALID_ARGUMENT';
    throw error;
  }
  const found = Object.hasOwn(DOCS, code.toUpperCase()) ? DOCS[code.toUpperCase()] : BY_NAME.get(code);
  return found ? { ...found } : null;
}
