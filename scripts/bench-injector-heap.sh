#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 12): the injector's heap over a long run, with the emulator
# pinned to core 0 and the injector (a plain JVM, no Maven) to core 1. Every BUCKET seconds (default
# 60) the script asks the injector for a class histogram (jcmd GC.class_histogram, a full collection):
# its total is the live heap at that moment, and a leak shows as a live heap that climbs bucket after
# bucket. The injector also logs every collection (-Xlog:gc); the lowest heap after a young collection
# in a bucket is printed beside it (it includes old garbage no concurrent cycle has reclaimed yet).
#   STREAMS=2000 STEP=40ms HOLD=10m scripts/bench-injector-heap.sh    # 2,000 streams at 25 tokens/s
#   STREAMS=4000 STEP=80ms HOLD=10m scripts/bench-injector-heap.sh    # 4,000 streams at 12.5 tokens/s
#   FAULT=503 STREAMS=1000 HOLD=60s BUCKET=10 scripts/bench-injector-heap.sh   # 1,000 users, every answer an instant 503
# Prints one row a bucket (live heap, lowest after a young GC, collections, injector CPU), then the
# run's summary rows.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
STREAMS=${STREAMS:-2000}
STEP=${STEP:-40ms}
HOLD=${HOLD:-10m}
PORT=${PORT:-18083}
FAULT=${FAULT:-}
BUCKET=${BUCKET:-60}
OUT=target/llmload/bench/heap-$STREAMS${FAULT:+-$FAULT}
rm -rf "$OUT"
mkdir -p "$OUT"

bench_java "$OUT" 1g
if [ -n "$FAULT" ]; then
  bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base=0ms -Demulator.prefill-per-token=0us \
    -Demulator.faults.error-rate=1.0 -Demulator.faults.error-status="$FAULT"
  # the run must not stop itself: every request fails on purpose
  LOAD=(-Dbenchmark.stream=false -Dtarget.request-timeout=10s -Dabort.max-error-share=100 -Dabort.no-success-for=1h -Dreport.request-log=false)
else
  bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$STEP" -Demulator.decode-step-per-sequence=0ms \
    -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000
  LOAD=(-Dtarget.request-timeout=120s -Dreport.request-log=false)
fi

start=$(date +%s)
bench_injector "$OUT/gatling" "$PORT" "$HOLD" -XX:+UseG1GC "-Xlog:gc:file=$OUT/gc.log" -Dbenchmark.streams="$STREAMS" "${LOAD[@]}"
INJECTOR=$BENCH_INJECTOR_PID
: > "$OUT/cpu.txt"
: > "$OUT/live.txt"
next_histogram=$BUCKET
while kill -0 "$INJECTOR" 2>/dev/null; do
  elapsed=$(( $(date +%s) - start ))
  echo "$elapsed $(bench_cpu_ticks "$INJECTOR" 2>/dev/null || echo)" >> "$OUT/cpu.txt"
  if [ "$elapsed" -ge "$next_histogram" ]; then
    echo "$elapsed $(jcmd "$INJECTOR" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}')" >> "$OUT/live.txt"
    next_histogram=$(( next_histogram + BUCKET ))
  fi
  sleep 1
done
wait "$INJECTOR" || true

python3 - "$OUT/gc.log" "$OUT/cpu.txt" "$(getconf CLK_TCK)" "$BUCKET" "$OUT/live.txt" <<'PY'
import re, sys
bucket = int(sys.argv[4])
floors = {}
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)s\].*Pause Young.*\s(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        minute = int(float(m.group(1)) // bucket)
        after = int(m.group(3))
        low, count = floors.get(minute, (after, 0))
        floors[minute] = (min(low, after), count + 1)
cpu = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 2:
        cpu[int(parts[0]) // bucket] = int(parts[1])
live = {}
for line in open(sys.argv[5]):
    parts = line.split()
    if len(parts) == 2:
        live[(int(parts[0]) - 1) // bucket] = int(parts[1]) / 1e6
ticks = float(sys.argv[3])
print(f"| seconds | live heap at the end (MB) | lowest after a young GC (MB) | collections | injector CPU (cores) |")
print("|---|---|---|---|---|")
previous = 0
for minute in sorted(floors):
    used = cpu.get(minute)
    cores = f"{(used - previous) / ticks / bucket:.2f}" if used is not None and minute in cpu else "-"
    if used is not None:
        previous = used
    shown = f"{live[minute]:.1f}" if minute in live else "-"
    print(f"| {minute * bucket}-{(minute + 1) * bucket} | {shown} | {floors[minute][0]} | {floors[minute][1]} | {cores} |")
PY
grep -A3 '^level' "$OUT/gatling.log" | tail -2
grep 'KOs by kind' "$OUT/gatling.log" || true
