#!/usr/bin/env bash
# Builds everything and runs the whole test suite through ctest with the dev preset (debug,
# warnings as errors). Each option adds a pass with its own preset and build directory:
#   --asan  the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   --tsan  test_thread_safety and test_scheduler under ThreadSanitizer
#   --fuzz  the libFuzzer harnesses of the response parsers (fuzz/), each a ctest test that
#           replays its seeds and fuzzes for TALENTRAY_FUZZ_SECONDS (20 s; clang is installed)
# Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
presets=(dev)
extra_deps=()
for arg in "$@"; do
  case "$arg" in
    --asan) presets+=(asan) ;;
    --tsan) presets+=(tsan) ;;
    --fuzz) presets+=(fuzz); extra_deps+=(fuzz) ;;
    *) echo "usage: scripts/test.sh [--asan] [--tsan] [--fuzz]" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh "${extra_deps[@]}"

for preset in "${presets[@]}"; do
  echo "== $preset: configure and build" >&2
  start=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: built in $(( $(date +%s) - start )) s" >&2
done

for preset in "${presets[@]}"; do
  echo "== $preset: test" >&2
  verbose=()
  [ "$preset" = fuzz ] && verbose=(--verbose)  # each harness prints one line: runs, execs/s, corpus
  ctest --preset "$preset" -j "$jobs" "${verbose[@]}"
done
