#!/usr/bin/env bash
# The main job, end to end on this machine: builds the talentray command and the local mock
# server (release preset), starts talentray-mock over TLS on 127.0.0.1 with 20,000 candidates and
# the real rate limit (600 requests per 60 s per key), exports every candidate with the progress
# bar, checks the file against the API's totalCount (every row present, none twice), and prints
# the summary and the rate-limit counters. The mock is stopped on exit, whatever happens.
#
# Runs as root on a fresh Debian bookworm machine (scripts/install-deps.sh installs what is
# missing). Once built, the export takes about 20 s: 201 requests at 600/min.
#
# Environment: DEMO_CANDIDATES (default 20000), DEMO_FORMAT (jsonl or csv, default jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."

candidates=${DEMO_CANDIDATES:-20000}
format=${DEMO_FORMAT:-jsonl}

say() { printf '\n== %s\n' "$*" >&2; }

say "dependencies"
scripts/install-deps.sh

say "configure and build (release preset: talentray and talentray-mock)"
cmake --preset release >/dev/null
cmake --build --preset release --target talentray-cli talentray-mock -j "$(nproc)"
talentray=build/release/tools/cli/talentray
mock=build/release/tools/mock/talentray-mock

work=$(mktemp -d "${TMPDIR:-/tmp}/talentray-demo.XXXXXX")
mock_pid=""
stop_mock() {
  if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid"
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_mock EXIT
trap 'exit 130' INT TERM

say "start talentray-mock: TLS on 127.0.0.1, $candidates candidates, rate limit 600/60s per key"
"$mock" --host 127.0.0.1 --candidates "$candidates" --rate-limit 600/60s \
  --ca-out "$work/ca.pem" --keys-out "$work/keys.json" >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!

url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^listening on //p' "$work/mock.out")
  [ -n "$url" ] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "talentray-mock did not start:" >&2
    cat "$work/mock.err" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$url" ] || { echo "talentray-mock printed no 'listening on' line within 30 s" >&2; exit 1; }
echo "talentray-mock (pid $mock_pid) is listening on $url" >&2

# The platform admin's key sees every candidate. It goes to a file only this user can read and
# reaches talentray through --api-key-file: never on a command line.
umask 077
sed -n 's/.*"admin":{[^}]*"key":"\(tr_[A-Za-z0-9]*\)".*/\1/p' "$work/keys.json" >"$work/admin.key"
[ -s "$work/admin.key" ] || { echo "no admin key in $work/keys.json" >&2; exit 1; }

tr_cli() { "$talentray" --base-url "$url" --ca-file "$work/ca.pem" --api-key-file "$work/admin.key" "$@"; }

say "who am I"
tr_cli me

say "export every candidate ($format)"
output="$work/candidates.$format"
started=$(date +%s%N)
tr_cli export candidates --format "$format" --output "$output"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))

say "verify against the API's totalCount"
total=$(tr_cli candidates list --count)
if [ "$format" = jsonl ]; then
  rows=$(wc -l <"$output")
  distinct=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$output" | sort -u | wc -l)
else
  # One CRLF-ended record per row after the header; ids are the first field and never quoted.
  rows=$(($(grep -c $'\r$' "$output") - 1))
  distinct=$(tail -n +2 "$output" | sed -n 's/^\(cand_[0-9]*\),.*/\1/p' | sort -u | wc -l)
fi
echo "totalCount $total, rows in the file $rows, distinct ids $distinct" >&2
if [ "$rows" != "$total" ] || [ "$distinct" != "$total" ]; then
  echo "MISMATCH: the export does not hold every candidate exactly once" >&2
  exit 1
fi
printf 'OK: %s candidates exported exactly once in %d.%01d s (%s bytes)\n' \
  "$total" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)) "$(stat -c %s "$output")" >&2
