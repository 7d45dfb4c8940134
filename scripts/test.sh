#!/usr/bin/env bash
# Builds everything and runs the whole test suite through ctest, one pass per preset, each in
# its own build directory:
#   dev   the whole suite, debug, warnings as errors
#   asan  the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   tsan  test_thread_safety and test_scheduler under ThreadSanitizer
#   fuzz  the libFuzzer harnesses of the response parsers (fuzz/), each a ctest test that
#         replays its seeds and fuzzes for TALENTRAY_FUZZ_SECONDS (20 s; clang is installed)
# With no option every pass runs (this is what CI runs); options pick passes: --dev, --asan,
# --tsan, --fuzz. Stops at the first pass that fails; ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
presets=()
extra_deps=()
[ $# -eq 0 ] && set -- --dev --asan --tsan --fuzz
for arg in "$@"; do
  case "$arg" in
    # The dev and asan passes run the test that renders `talentray bench --report` in a browser.
    --dev) presets+=(dev); extra_deps+=(chromium) ;;
    --asan) presets+=(asan); extra_deps+=(chromium) ;;
    --tsan) presets+=(tsan) ;;
    --fuzz) presets+=(fuzz); extra_deps+=(fuzz) ;;
    *) echo "usage: scripts/test.sh [--dev] [--asan] [--tsan] [--fuzz]   (none: all four)" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh "${extra_deps[@]}"

for preset in "${presets[@]}"; do
  echo "== $preset: configure and build" >&2
  start=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: built in $(( $(date +%s) - start )) s; test" >&2
  verbose=()
  [ "$preset" = fuzz ] && verbose=(--verbose)  # each harness prints one line: runs, execs/s, corpus
  ctest --preset "$preset" -j "$jobs" "${verbose[@]}"
done
