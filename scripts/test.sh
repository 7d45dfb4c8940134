#!/usr/bin/env bash
# Builds everything and runs the whole test suite through ctest: first the dev preset (debug,
# warnings as errors), then the asan preset (AddressSanitizer + UndefinedBehaviorSanitizer).
# Set TALENTRAY_SKIP_ASAN=1 to run only the first. Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
presets=(dev)
[ "${TALENTRAY_SKIP_ASAN:-0}" = 1 ] || presets+=(asan)

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
