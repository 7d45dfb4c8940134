#!/usr/bin/env bash
# Installs the Debian bookworm packages the build, the tests and the tools need, skipping those
# already present. Runs as root (or through sudo when it is available).
#
#   scripts/install-deps.sh          the default set
#   scripts/install-deps.sh fuzz     also clang and libFuzzer, for the fuzz preset (fuzz/)
#   scripts/install-deps.sh bench    also libcurl (OpenSSL flavour), for bench/run.sh
#   scripts/install-deps.sh chromium also a headless browser, for the test that renders the
#                                    `talentray bench --report` page (skipped without it)
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  lld               # links the project's own programs several times faster than GNU ld (optional)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev openssl
  zlib1g-dev        # gzip responses (optional in the library) and `talentray export --gzip`
  catch2            # the test framework (Catch2 v2, single header)
  libcli11-dev      # command-line parsing for talentray and talentray-mock
  libfmt-dev        # formatting in the tools
  nginx-light       # a real rate limiter (limit_req) for the scheduler's integration test and bench
  libhiredis-dev    # the Redis protocol of the shared rate budget (TALENTRAY_WITH_REDIS)
  redis-server      # a real Redis for the shared budget's tests and bench (started by them, no service)
  tinyproxy-bin     # a real HTTP proxy for test/integration/proxy_test.cpp (the binary, no service)
  prometheus-cpp-dev  # the metrics example (examples/prometheus_metrics.cpp) only; not the library
)
for extra in "$@"; do
  case "$extra" in
    fuzz) packages+=(clang libclang-rt-14-dev) ;;  # clang++ 14 and its libFuzzer/sanitizer runtimes
    # The libcurl client of bench_request_cost must use OpenSSL, as the other two clients do.
    bench) packages+=(libcurl4-openssl-dev) ;;
    chromium) packages+=(chromium) ;;
    *) echo "usage: scripts/install-deps.sh [fuzz] [bench] [chromium]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
