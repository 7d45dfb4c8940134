#!/usr/bin/env bash
# bench/run.sh — builds the benchmarks and runs them all, printing markdown tables:
#   1. per-request cost over keep-alive TLS (bench_request_cost: SDK, libcurl multi, Beast floor)
#   2. rate-limit efficiency (bench_rate_limit), and against every limiter shape
#      (bench_limiter_shapes: the mock's sliding, fixed and bucket limiters, and nginx limit_req)
#   2c. many processes on one key, in-process budgets vs one shared through Redis
#      (bench_shared_budget, against a redis-server this script starts on a free port)
#   3. memory and scale of a bulk export (bench_pager_export, 10k / 100k / 1M rows)
#   4. bytes on the wire and CPU per 100-row page, gzip responses off and on (bench_gzip_page)
# The tables, with the machine, its load and this command, replace the generated part of
# bench/RESULTS.md (between its markers; the rest of that file is kept).
#
#   bench/run.sh                 # everything, about 12 minutes on 2 busy cores once built
#   bench/run.sh --no-results    # print only, leave bench/RESULTS.md alone
#   BUILD_DIR=... JOBS=... bench/run.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build/release}
jobs=${JOBS:-2}
write_results=1
[ "${1:-}" = "--no-results" ] && write_results=0
command_line="bench/run.sh${*:+ $*}"

# Packages: the project's own and what only the benchmarks need (libcurl, OpenSSL flavour).
"$root/scripts/install-deps.sh" bench

# Configure (again, so a libcurl installed just now is found) and build only what runs here.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTALENTRAY_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j"$jobs" --target bench_request_cost bench_client_sdk bench_client_beast \
  bench_client_curl talentray-mock bench_rate_limit bench_limiter_shapes bench_shared_budget bench_pager_export bench_gzip_page

# A Redis of its own for 2c: loopback, persistence off, stopped by its PID at exit.
redis_dir=$(mktemp -d)
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$redis_dir" >"$redis_dir/log" &
redis_pid=$!
tables=$(mktemp)
trap 'kill "$redis_pid" 2>/dev/null; rm -rf "$tables" "$redis_dir"' EXIT
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
  kill -0 "$redis_pid" || { echo "redis-server did not start: $(cat "$redis_dir/log")" >&2; exit 1; }
  sleep 0.1
done
started=$(date +%s)
{
  echo "Run of \`$command_line\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, Linux $(uname -r), $(g++ --version | head -1), Boost 1.81, $(openssl version | cut -d' ' -f1-2), libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2 || echo '?'). Shared with other builds: load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "### 1. Per-request cost over keep-alive TLS"
  echo
  "$build/bench/request_cost/bench_request_cost"
  echo
  echo "### 2. Rate-limit efficiency (bench_rate_limit)"
  echo
  "$build/bench/bench_rate_limit"
  echo
  echo "### 2b. Every limiter shape (bench_limiter_shapes)"
  echo
  "$build/bench/bench_limiter_shapes"
  echo
  echo "### 2c. Many processes, one key: in-process budgets vs one shared through Redis (bench_shared_budget)"
  echo
  "$build/bench/bench_shared_budget" --redis "redis://127.0.0.1:$redis_port/0"
  echo
  echo "### 3. Memory and scale of a bulk export (bench_pager_export)"
  echo
  "$build/bench/bench_pager_export"
  echo
  echo "### 4. Gzip responses: bytes and CPU per 100-row page (bench_gzip_page)"
  echo
  "$build/bench/bench_gzip_page"
  echo
  echo "Total run time $(( $(date +%s) - started )) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$tables"

if [ "$write_results" = 1 ]; then
  results="$root/bench/RESULTS.md"
  begin='<!-- bench/run.sh: generated tables begin -->'
  end='<!-- bench/run.sh: generated tables end -->'
  [ -f "$results" ] || printf '# Benchmark results\n\n%s\n%s\n' "$begin" "$end" >"$results"
  python3 - "$results" "$tables" "$begin" "$end" <<'PY'
import sys
path, tables, begin, end = sys.argv[1:]
text = open(path).read()
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + open(tables).read() + end + tail)
PY
  echo "wrote $results" >&2
fi
