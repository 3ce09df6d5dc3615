#!/usr/bin/env bash
# Runs the official RealWorld API suites (v2 and legacy, kept in ../shared) against a freshly
# started Ovation: on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set. Prints each
# suite's result and exits non-zero when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SUITE="${REALWORLD_SUITE:-$ROOT/../shared/tools/realworld-suite}"
PORT="${REALWORLD_PORT:-3390}"
[ -x "$SUITE" ] || { echo "realworld: runner not found at $SUITE"; exit 1; }

failed=0
passed_total=0
failed_total=0
server_pid=""

stop_server() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  server_pid=""
}
trap stop_server EXIT

run_against() { # engine, database url (empty for SQLite)
  local engine="$1" url="$2" data
  data="$(mktemp -d)"
  DATA_DIR="$data" DATABASE_URL="$url" PORT="$PORT" HOST=127.0.0.1 BASE_URL="http://127.0.0.1:$PORT" LOG_LEVEL=warn SEED_DEMO=1 \
    node --import ./src/web/jsx-hooks.ts src/main.ts >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  if ! curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
    echo "realworld ($engine): the server did not start"; cat "$data/server.log"; failed=1; stop_server; return
  fi
  for suite in v2 legacy; do
    local out
    out="$(RW_SUITE=$suite "$SUITE" "http://127.0.0.1:$PORT/api" 2>&1)"
    local status=$?
    local last
    last="$(printf '%s\n' "$out" | tail -n 1)"
    printf '%s\n' "$out" | grep -E '^FAIL' | head -n 40
    echo "realworld $suite ($engine): $last"
    local p f
    p="$(printf '%s' "$last" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed.*/\1/p')"
    f="$(printf '%s' "$last" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed.*/\2/p')"
    passed_total=$((passed_total + ${p:-0}))
    failed_total=$((failed_total + ${f:-1}))
    [ "$status" -eq 0 ] || failed=1
  done
  stop_server
  rm -rf "$data"
}

run_against sqlite ""

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  db="ovation_realworld_$$"
  admin="$TEST_DATABASE_URL"
  psql "$admin" -qc "drop database if exists $db" >/dev/null && psql "$admin" -qc "create database $db" >/dev/null
  run_against postgres "${TEST_DATABASE_URL%/*}/$db"
  psql "$admin" -qc "drop database if exists $db" >/dev/null
fi

echo "realworld: $passed_total passed, $failed_total failed"
exit $failed
