#!/usr/bin/env bash
# run_harness.sh HARNESS SEED_DIR WORK_DIR SECONDS
# (TALENTRAY_FUZZ_SECONDS in the environment, when set, replaces SECONDS: scripts/fuzz.sh sets
# the time per harness from its budget without reconfiguring.)
# Replays the seeds of one harness, fuzzes it for SECONDS, and prints one summary line (runs,
# execs/s, corpus growth). On a crash, a timeout, a leak or a violated invariant it prints the
# end of libFuzzer's log and the reproducer's path and exits non-zero.
set -uo pipefail
harness=$1 seeds=$2 work=$3 seconds=${TALENTRAY_FUZZ_SECONDS:-$4}
name=$(basename "$harness")
mkdir -p "$work/corpus" "$work/artifacts"
log="$work/fuzz.log"

# The first corpus directory receives new inputs: the work corpus, never the committed seeds.
"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds" >"$log" 2>&1
status=$?

stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
echo "$name: $(stat number_of_executed_units) runs, $(stat average_exec_per_sec) execs/s," \
     "$(stat new_units_added) new inputs, corpus $(find "$work/corpus" -type f | wc -l) files," \
     "peak RSS $(stat peak_rss_mb) MB, ${seconds} s"
if [ "$status" -ne 0 ]; then
  tail -n 60 "$log"
  reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  echo "$name: FAILED (exit $status); reproducer: ${reproducer:-none}; replay with: $harness ${reproducer:-}"
  exit 1
fi
