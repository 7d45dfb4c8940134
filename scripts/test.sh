#!/usr/bin/env bash
# Builds everything and runs the whole test suite through ctest with the dev preset (debug,
# warnings as errors). `--asan` adds a second pass under the asan preset (AddressSanitizer +
# UndefinedBehaviorSanitizer). Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
presets=(dev)
for arg in "$@"; do
  case "$arg" in
    --asan) presets+=(asan) ;;
    *) echo "usage: scripts/test.sh [--asan]" >&2; exit 2 ;;
  esac
done

for preset in "${presets[@]}"; do
  echo "== $preset: configure and build" >&2
  start=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: built in $(( $(date +%s) - start )) s" >&2
done

for preset in "${presets[@]}"; do
  echo "== $preset: test" >&2
  ctest --preset "$preset" -j "$jobs"
done
