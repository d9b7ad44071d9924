#!/usr/bin/env bash
# `auditcfg probe` against REAL services (no mocks): starts PostgreSQL and
# Redis servers on loopback, on free ports, with temporary data directories,
# one set-up per fault plus a healthy one, runs the probe and checks every
# finding's code and config path, that the healthy set-up gives nothing,
# that no password appears in any output, and that an unreachable replica
# costs at most its connect timeout. Every server is stopped at the end,
# also on failure. Needs `scripts/setup.sh services` (postgresql,
# redis-server, openssl).
#   scripts/test-probe.sh            (builds the CLI in debug first)
#   AUDITCFG_BIN=path scripts/test-probe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\033[1m[probe-test]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[probe-test] FAIL:\033[0m %s\n' "$*" >&2; exit 1; }

if [ -z "${AUDITCFG_BIN:-}" ]; then
  cargo build -q -p auditcfg-cli --locked
  AUDITCFG_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/auditcfg"
fi
BIN=$AUDITCFG_BIN
[ -x "$BIN" ] || fail "no binary at $BIN"

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PG_BIN/initdb" ] || fail "PostgreSQL not installed: run scripts/setup.sh services"
command -v redis-server >/dev/null || fail "redis-server not installed: run scripts/setup.sh services"

WORK=$(mktemp -d /tmp/auditcfg-probe.XXXXXX)
chmod 755 "$WORK"
# PostgreSQL refuses to run as root: use the postgres account then.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS_PG=(runuser -u postgres --)
  # Logs, sockets and data directories are written by that account.
  chown postgres "$WORK"
else
  AS_PG=()
fi

PG_DIRS=()
REDIS_PIDS=()
LISTENER_PID=""
cleanup() {
  local rc=$?
  for d in "${PG_DIRS[@]}"; do
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  for p in "${REDIS_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  [ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null || true
  # Redis flushes its append-only file and removes its pid file on the way
  # out: wait for every server to be gone before removing their directories,
  # or `rm` races with their last writes.
  for p in "${REDIS_PIDS[@]}" $LISTENER_PID; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  done
  if [ $rc -ne 0 ] && [ -d "$WORK" ]; then
    log "server logs:"; tail -n 20 "$WORK"/*.log 2>/dev/null >&2 || true
  fi
  for _ in 1 2 3 4 5; do
    rm -rf "$WORK" 2>/dev/null && break
    sleep 0.5
  done
  [ -d "$WORK" ] && log "could not remove $WORK (left behind)"
  exit $rc
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Distinctive passwords: grepped for in every output.
PW_AUDIT='Pw-audit-6c1f9e'
PW_AUTH='Pw-auth-2b7d41'
PW_WRONG='Pw-wrong-93ad0c'
PW_REDIS='Pw-redis-5e8a27'
PASSWORDS=("$PW_AUDIT" "$PW_AUTH" "$PW_WRONG" "$PW_REDIS")

# --- certificates: one CA, one server certificate for 127.0.0.1/localhost
log "certificates"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=auditcfg probe test CA" \
  -keyout "$WORK/ca.key" -out "$WORK/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$WORK/server.key" -out "$WORK/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > "$WORK/ext.cnf"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial \
  -days 2 -extfile "$WORK/ext.cnf" -out "$WORK/server.pem" >/dev/null 2>&1
chmod 600 "$WORK/server.key"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/server.key" "$WORK/server.pem"
cp "$WORK/server.key" "$WORK/redis.key"; chmod 600 "$WORK/redis.key"

# --- PostgreSQL
# pg_start NAME PORT EXTRA_OPTIONS...: initdb (scram passwords), start.
pg_init() {
  local dir=$WORK/$1
  mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --no-sync >/dev/null
}
pg_run() {
  local dir=$WORK/$1 port=$2; shift 2
  PG_DIRS+=("$dir")
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$dir" -l "$WORK/$(basename "$dir").log" -w -t 30 \
    -o "-p $port -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off $*" start >/dev/null
}
psql_su() { # PORT SQL
  "${AS_PG[@]}" "$PG_BIN/psql" -q -X -h "$WORK" -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$2" >/dev/null
}
pg_users() { # PORT: the audit and auth users and databases
  psql_su "$1" "CREATE ROLE audit LOGIN PASSWORD '$PW_AUDIT'; CREATE ROLE auth LOGIN PASSWORD '$PW_AUTH'; CREATE ROLE replicator LOGIN REPLICATION PASSWORD '$PW_AUDIT';"
  psql_su "$1" "CREATE DATABASE audit OWNER audit"
  psql_su "$1" "CREATE DATABASE auth OWNER auth"
  "${AS_PG[@]}" "$PG_BIN/psql" -q -X -h "$WORK" -p "$1" -U postgres -d audit -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION pg_stat_statements" >/dev/null
}
SSL_OPTS="-c ssl=on -c ssl_cert_file=$WORK/server.pem -c ssl_key_file=$WORK/server.key"

PG_OK=$(free_port); PG_REPLICA=$(free_port); PG_NOSSL=$(free_port); PG_LOWMAX=$(free_port)
log "PostgreSQL: healthy :$PG_OK (+ streaming replica :$PG_REPLICA), ssl off :$PG_NOSSL, max_connections 20 :$PG_LOWMAX"
pg_init ok
printf 'host replication replicator 127.0.0.1/32 scram-sha-256\n' >> "$WORK/ok/pg_hba.conf"
pg_run ok "$PG_OK" "$SSL_OPTS -c max_connections=200 -c shared_preload_libraries=pg_stat_statements"
pg_users "$PG_OK"
mkdir -p "$WORK/replica"; chmod 700 "$WORK/replica"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/replica"
PGPASSWORD=$PW_AUDIT "${AS_PG[@]}" env PGPASSWORD="$PW_AUDIT" "$PG_BIN/pg_basebackup" \
  -h 127.0.0.1 -p "$PG_OK" -U replicator -D "$WORK/replica" -R -X stream --no-sync --checkpoint=fast >/dev/null
pg_run replica "$PG_REPLICA" "$SSL_OPTS -c max_connections=200 -c shared_preload_libraries=pg_stat_statements"
pg_init nossl
pg_run nossl "$PG_NOSSL" "-c ssl=off"
pg_users "$PG_NOSSL"
pg_init lowmax
pg_run lowmax "$PG_LOWMAX" "$SSL_OPTS -c max_connections=20 -c superuser_reserved_connections=3"
pg_users "$PG_LOWMAX"

# --- Redis
redis_run() { # NAME ARGS...
  local name=$1; shift
  mkdir -p "$WORK/$name"
  redis-server --bind 127.0.0.1 --dir "$WORK/$name" --save '' --daemonize yes \
    --pidfile "$WORK/$name.pid" --logfile "$WORK/$name.log" "$@"
  for _ in $(seq 50); do [ -s "$WORK/$name.pid" ] && break; sleep 0.1; done
  REDIS_PIDS+=("$(cat "$WORK/$name.pid")")
}
R_OK=$(free_port); R_LRU=$(free_port); R_TLS=$(free_port)
log "Redis: password :$R_OK, allkeys-lru :$R_LRU, TLS :$R_TLS"
redis_run ok --port "$R_OK" --requirepass "$PW_REDIS" --maxmemory 64mb --appendonly yes
redis_run lru --port "$R_LRU" --maxmemory 64mb --maxmemory-policy allkeys-lru --appendonly yes
redis_run tls --port 0 --tls-port "$R_TLS" --tls-cert-file "$WORK/server.pem" --tls-key-file "$WORK/redis.key" \
  --tls-ca-cert-file "$WORK/ca.pem" --tls-auth-clients no --requirepass "$PW_REDIS" --maxmemory 64mb --appendonly yes

# A port that accepts TCP and never answers: an unreachable replica that
# only the timeout ends.
BLACKHOLE=$(free_port)
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $BLACKHOLE)); s.listen(16)
time.sleep(600)" &
LISTENER_PID=$!
CLOSED=$(free_port)
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $BLACKHOLE), 1)" 2>/dev/null && break; sleep 0.1
done

# --- configs (production, from the reference preset)
PRESET=crates/auditcfg-core/presets/production.json
python3 - "$PRESET" "$WORK" <<EOF
import json, sys, copy
base = json.load(open(sys.argv[1])); work = sys.argv[2]
pg = lambda port, user, pw, db, host="127.0.0.1", q="": f"postgresql://{user}:{pw}@{host}:{port}/{db}{q}"
ok = copy.deepcopy(base)
ok["database"]["url"] = pg($PG_OK, "audit", "$PW_AUDIT", "audit")
ok["database"]["ssl"] = True
ok["enhancedClient"]["connectionPool"]["url"] = pg($PG_OK, "audit", "$PW_AUDIT", "audit")
ok["enhancedClient"]["connectionPool"]["ssl"] = True
ok["enhancedClient"]["replication"]["enabled"] = True
ok["enhancedClient"]["replication"]["readReplicas"] = [pg($PG_REPLICA, "audit", "$PW_AUDIT", "audit")]
ok["server"]["auth"]["dbUrl"] = pg($PG_OK, "auth", "$PW_AUTH", "auth", q="?sslmode=require")
ok["redis"]["url"] = "rediss://:$PW_REDIS@127.0.0.1:$R_TLS"
ok["server"]["auth"]["redisUrl"] = "rediss://:$PW_REDIS@127.0.0.1:$R_TLS/1"
json.dump(ok, open(f"{work}/healthy.json", "w"), indent=2)

bad = copy.deepcopy(ok)
bad["database"]["url"] = pg($PG_NOSSL, "audit", "$PW_AUDIT", "audit")          # ssl: true, server ssl off
bad["database"]["connectionTimeout"] = 1000
bad["enhancedClient"]["connectionPool"]["url"] = pg($PG_LOWMAX, "audit", "$PW_AUDIT", "audit")  # 50 > 17
bad["enhancedClient"]["replication"]["readReplicas"] = [
    pg($PG_LOWMAX, "audit", "$PW_AUDIT", "audit", host="localhost"),  # the pool's server, a primary
    pg($BLACKHOLE, "audit", "$PW_AUDIT", "audit"),                     # never answers
    pg($CLOSED, "audit", "$PW_AUDIT", "audit"),                        # nothing listens
]
bad["server"]["auth"]["dbUrl"] = pg($PG_OK, "auth", "$PW_WRONG", "auth", q="?sslmode=require")
bad["redis"]["url"] = "redis://127.0.0.1:$R_LRU"                                 # allkeys-lru
bad["server"]["auth"]["redisUrl"] = "rediss://:$PW_REDIS@127.0.0.1:$R_OK/1"      # rediss to a plain port
bad["enhancedClient"]["queryCacheFactory"]["redis"]["url"] = "redis://:$PW_WRONG@127.0.0.1:$R_OK"
json.dump(bad, open(f"{work}/faulty.json", "w"), indent=2)
EOF

OUT=$WORK/out
mkdir -p "$OUT"
RUN=0
# probe NAME [ENV=VALUE...] -- ARGS...: runs the probe, keeps stdout, stderr
# and the exit code, checks both outputs for every password.
probe() {
  local name=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  RUN=$((RUN + 1))
  set +e
  env "${envs[@]}" "$BIN" probe --color never "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
  echo $? >"$OUT/$name.rc"
  set -e
  for pw in "${PASSWORDS[@]}"; do
    if grep -qF -- "$pw" "$OUT/$name.out" "$OUT/$name.err"; then
      grep -nF -- "$pw" "$OUT/$name.out" "$OUT/$name.err" >&2
      fail "$name: a password appears in the output"
    fi
  done
}
rc() { cat "$OUT/$1.rc"; }
# findings NAME: "CODE PATH" per line, from JSON output
findings() {
  python3 -c 'import json,sys; [print(d["code"], d["path"]) for f in json.load(open(sys.argv[1])) for d in f["diagnostics"]]' "$OUT/$1.out"
}
expect() { # NAME "CODE PATH"...
  local name=$1; shift
  local got; got=$(findings "$name")
  for want in "$@"; do
    grep -qxF -- "$want" <<<"$got" || {
      python3 -c 'import json,sys; [print(d["code"], d["path"], d["message"]) for f in json.load(open(sys.argv[1])) for d in f["diagnostics"]]' "$OUT/$name.out" >&2
      cat "$OUT/$name.err" >&2
      fail "$name: missing finding '$want'"
    }
  done
}

log "healthy set-up: nothing to report"
probe healthy -- "$WORK/healthy.json" --format json --ca-file "$WORK/ca.pem"
[ "$(rc healthy)" = 0 ] || { cat "$OUT/healthy.out" "$OUT/healthy.err" >&2; fail "healthy: exit $(rc healthy)"; }
[ -z "$(findings healthy)" ] || { findings healthy >&2; fail "healthy: findings"; }
grep -q "PostgreSQL .* over TLS" "$OUT/healthy.err" || { cat "$OUT/healthy.err" >&2; fail "healthy: no PostgreSQL summary"; }
grep -q "Redis .* over TLS" "$OUT/healthy.err" || fail "healthy: no Redis summary"

log "healthy set-up, human and SARIF output"
probe healthy-human -- "$WORK/healthy.json" --ca-file "$WORK/ca.pem"
[ "$(rc healthy-human)" = 0 ] || fail "healthy-human: exit $(rc healthy-human)"
grep -q "0 errors, 0 warnings, 0 info" "$OUT/healthy-human.out" || { cat "$OUT/healthy-human.out" >&2; fail "healthy-human: summary"; }

log "healthy set-up without the CA: certificates refused"
probe untrusted -- "$WORK/healthy.json" --format json --only redis
[ "$(rc untrusted)" = 1 ] || fail "untrusted: exit $(rc untrusted)"
expect untrusted "AC405 /redis/url" "AC405 /server/auth/redisUrl"

log "healthy set-up, three server instances: connection budget"
probe instances -- "$WORK/healthy.json" --format json --ca-file "$WORK/ca.pem" --instances 3 --only postgres
expect instances "AC407 /enhancedClient/connectionPool/maxConnections"

log "faulty set-up: each fault at its config path"
start=$(date +%s%N)
probe faulty -- "$WORK/faulty.json" --format json --ca-file "$WORK/ca.pem" --timeout 1000
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(rc faulty)" = 1 ] || { cat "$OUT/faulty.err" >&2; fail "faulty: exit $(rc faulty)"; }
expect faulty \
  "AC404 /database/ssl" \
  "AC407 /enhancedClient/connectionPool/maxConnections" \
  "AC410 /enhancedClient/monitoring/enabled" \
  "AC411 /enhancedClient/replication/readReplicas/0" \
  "AC412 /enhancedClient/replication/readReplicas/0" \
  "AC401 /enhancedClient/replication/readReplicas/1" \
  "AC401 /enhancedClient/replication/readReplicas/2" \
  "AC402 /server/auth/dbUrl" \
  "AC413 /redis/url" \
  "AC404 /server/auth/redisUrl" \
  "AC402 /enhancedClient/queryCacheFactory/redis/url"
grep -q "within 1000 ms" "$OUT/faulty.out" || fail "faulty: the unreachable replica's timeout is not the one given"
# A correctness bound, not a benchmark: a replica that never answers costs
# its 1000 ms connect timeout, not minutes. (1000 ms, not less: a loaded CI
# machine needs a few hundred for a TLS + SCRAM login in a debug build.)
[ "$elapsed_ms" -lt 5000 ] || fail "faulty: took ${elapsed_ms} ms with a 1000 ms timeout"
log "faulty set-up took ${elapsed_ms} ms (timeout 1000 ms)"

log "faulty set-up, human and SARIF output (no password in quoted source lines either)"
probe faulty-human -- "$WORK/faulty.json" --ca-file "$WORK/ca.pem" --timeout 1000
[ "$(rc faulty-human)" = 1 ] || fail "faulty-human: exit $(rc faulty-human)"
grep -q "AC413 probe-redis-eviction" "$OUT/faulty-human.out" || fail "faulty-human: no AC413"
grep -q '│' "$OUT/faulty-human.out" || fail "faulty-human: no quoted source"
[ -n "${PROBE_TEST_SHOW:-}" ] && cat "$OUT/faulty-human.out" "$OUT/faulty-human.err" >&2
probe faulty-sarif -- "$WORK/faulty.json" --format sarif --ca-file "$WORK/ca.pem" --timeout 1000
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
ids = {r["ruleId"] for r in s["runs"][0]["results"]}
rules = {r["id"] for r in s["runs"][0]["tool"]["driver"]["rules"]}
assert {"AC401", "AC402", "AC404", "AC407", "AC413"} <= ids, ids
assert ids <= rules, ids - rules
' "$OUT/faulty-sarif.out" || fail "faulty-sarif: results"

log "--only redis probes no PostgreSQL"
probe only-redis -- "$WORK/faulty.json" --format json --only redis --ca-file "$WORK/ca.pem"
if findings only-redis | grep -E ' /(database|enhancedClient/(connectionPool|replication)|server/auth/dbUrl)'; then
  fail "only-redis: PostgreSQL findings"
fi
expect only-redis "AC413 /redis/url"

log "--env-vars: AUDIT_DB_URL overrides the config, as on the server"
probe env-vars "AUDIT_DB_URL=postgresql://audit:$PW_AUDIT@127.0.0.1:$PG_NOSSL/audit" -- \
  "$WORK/healthy.json" --format json --ca-file "$WORK/ca.pem" --env-vars --only postgres
expect env-vars "AC404 /database/ssl" "AC404 /enhancedClient/connectionPool/ssl"
grep -q "env: AUDIT_DB_URL" "$OUT/env-vars.err" || fail "env-vars: not reported"

log "sealed secrets are opened with the password"
AUDIT_CONFIG_PASSWORD='sealing pass' "$BIN" encrypt --fields --iterations 1000 "$WORK/healthy.json" \
  -o "$WORK/sealed.json"
grep -qF "$PW_AUDIT" "$WORK/sealed.json" && fail "sealed: the password is still in clear"
probe sealed "AUDIT_CONFIG_PASSWORD=sealing pass" -- "$WORK/sealed.json" --format json --ca-file "$WORK/ca.pem"
[ "$(rc sealed)" = 0 ] || { cat "$OUT/sealed.out" "$OUT/sealed.err" >&2; fail "sealed: exit $(rc sealed)"; }
[ -z "$(findings sealed)" ] || { findings sealed >&2; fail "sealed: findings"; }

log "nothing was written: Redis has no keys, PostgreSQL no new tables"
for port in "$R_OK" "$R_LRU"; do
  n=$(redis-cli -h 127.0.0.1 -p "$port" -a "$PW_REDIS" --no-auth-warning DBSIZE 2>/dev/null || redis-cli -h 127.0.0.1 -p "$port" DBSIZE)
  [ "$n" = 0 ] || fail "Redis :$port has $n keys"
done

log "all $RUN probe runs passed"
