#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS]
# Builds the libFuzzer harnesses (the fuzz preset: clang++, ASan + UBSan, build/fuzz) and runs
# each one: its committed seeds first, then new inputs for its share of SECONDS (default 60 in
# all; the harnesses run `nproc` at a time, so each gets SECONDS * nproc / harnesses, at least
# 5 s). Prints one line per harness (runs, execs/s, corpus growth) and, for a crash or a
# violated invariant, the end of libFuzzer's log and the reproducer's path. Exits non-zero then.
# The corpus grown under build/fuzz/fuzz/work/ is kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-60}
scripts/install-deps.sh fuzz

jobs=$(nproc)
harnesses=$(ls fuzz/fuzz_*.cpp | wc -l)
per_harness=$(( budget * jobs / harnesses ))
[ "$per_harness" -ge 5 ] || per_harness=5

start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
echo "== fuzz: built in $(( $(date +%s) - start )) s; $harnesses harnesses, $per_harness s each, $jobs at a time" >&2
TALENTRAY_FUZZ_SECONDS=$per_harness ctest --preset fuzz -j "$jobs" --verbose
