#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md, "Against the peers"): llmload alone against the standalone emulator
# (core 0), the injector (a plain JVM) on core 1, measured in steady state: its CPU (utime + stime from
# /proc) and the requests it completed between WARM (45 s) and WARM + WINDOW (20 s) of the run, and with
# PERF=1 a perf profile of that window, grouped by scripts/perf-parts.py into the parts of a request.
#   MODE=short   64 users, non-streamed completions of max_tokens 1 (bench-peers.sh's short request)
#   MODE=streams STREAMS (1,000) streams of 100 tokens at 50 tokens/s
#   PERF=1 MODE=short scripts/bench-profile.sh
#   INJECTOR_OPTS="-Dinjector.stats-thread-scheduling=normal" MODE=short scripts/bench-profile.sh
# Prints "<req/s>, <requests per client CPU-second>"; with PERF=1 then the parts (perf's frame-pointer
# stacks and JIT symbol map cost CPU: compare shares between profiles, and unprofiled runs for totals).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
MODE=${MODE:-short}
STREAMS=${STREAMS:-1000}
WARM=${WARM:-45}
WINDOW=${WINDOW:-20}
PERF=${PERF:-0}
PORT=${PORT:-18091}
OUT=target/llmload/bench/profile-$MODE
rm -rf "$OUT"
mkdir -p "$OUT"
if [ "$MODE" = streams ]; then
  STEP=20ms
  REQUEST=(-Dbenchmark.streams="$STREAMS" -Dbenchmark.stream=true -Dbenchmark.max-tokens=100)
else
  STEP=0ms
  REQUEST=(-Dbenchmark.streams=64 -Dbenchmark.stream=false -Dbenchmark.max-tokens=1)
fi
PROFILING=()
[ "$PERF" = 1 ] && PROFILING=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer)

bench_java "$OUT" 1g
bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$STEP" -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000
bench_injector "$OUT/gatling" "$PORT" "$((WARM + WINDOW + 15))s" "${PROFILING[@]}" ${INJECTOR_OPTS:-} "${REQUEST[@]}" \
  -Dbenchmark.warm-up=0s
INJECTOR=$BENCH_INJECTOR_PID
sleep "$WARM"
cpu_start=$(bench_cpu_ticks "$INJECTOR"); from_ms=$(date +%s%3N)
if [ "$PERF" = 1 ]; then
  perf record -F 499 -g -p "$INJECTOR" -o "$OUT/perf.data" -- sleep "$WINDOW" > /dev/null 2>&1
else
  sleep "$WINDOW"
fi
cpu_end=$(bench_cpu_ticks "$INJECTOR"); to_ms=$(date +%s%3N)
wait "$INJECTOR" || true
completed=$(bench_completed_between "$OUT/gatling" "$from_ms" "$to_ms")
python3 - "$completed" "$((to_ms - from_ms))" "$((cpu_end - cpu_start))" "$(getconf CLK_TCK)" "$MODE" <<'PY' | tee "$OUT/result.txt"
import sys
done, millis, ticks, tck, mode = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
cpu = ticks / tck
unit = "streams" if mode == "streams" else "requests"
print(f"{done / (millis / 1000):,.0f} {unit}/s, {done / cpu:,.0f} {unit} per client CPU-second "
      f"({cpu:.2f} CPU-s, {1e6 * cpu / done:.1f} us a {unit[:-1]})")
PY
if [ "$PERF" = 1 ]; then
  per_request_us=$(sed -E 's/.*\(([0-9.]+) CPU-s, ([0-9.]+) us.*/\2/' "$OUT/result.txt")
  perf script -i "$OUT/perf.data" 2> /dev/null > "$OUT/perf.txt"
  python3 scripts/perf-parts.py "$OUT/perf.txt" "$per_request_us" | tee -a "$OUT/result.txt"
fi
