#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 12): the injector's heap floor over a long run, with the
# emulator pinned to core 0 and the injector (a plain JVM, no Maven) to core 1. The injector logs
# every collection (-Xlog:gc); the heap left after each one is the live data plus what the next young
# collection has not yet reached, so the lowest of a minute is that minute's floor. A leak shows as a
# floor that climbs minute after minute.
#   STREAMS=2000 STEP=40ms HOLD=10m scripts/bench-injector-heap.sh    # 2,000 streams at 25 tokens/s
#   STREAMS=4000 STEP=80ms HOLD=10m scripts/bench-injector-heap.sh    # 4,000 streams at 12.5 tokens/s
#   FAULT=503 STREAMS=1000 HOLD=60s BUCKET=10 scripts/bench-injector-heap.sh     # 1,000 users, every answer an instant 503
# Prints one row per BUCKET seconds of the injector's uptime (default 60: floor, collections, injector
# CPU), then the run's summary rows.
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
  LOAD=(-Dbenchmark.stream=false -Dabort.max-error-share=100 -Dabort.no-success-for=1h -Dreport.request-log=false)
else
  bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$STEP" -Demulator.decode-step-per-sequence=0ms \
    -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000
  LOAD=(-Dtarget.request-timeout=120s -Dreport.request-log=false)
fi

start=$(date +%s)
taskset -c 1 "${JAVA[@]}" -XX:+UseG1GC "-Xlog:gc:file=$OUT/gc.log" -Dllmload.results-dir="$OUT/gatling" \
  -Dtarget.base-url="http://127.0.0.1:$PORT" -Dbenchmark.streams="$STREAMS" -Dbenchmark.hold-time="$HOLD" "${LOAD[@]}" \
  io.gatling.app.Gatling -s io.llmload.bench.StreamingBenchmarkSimulation -rf "$OUT/gatling" -nr > "$OUT/gatling.log" 2>&1 &
INJECTOR=$!
: > "$OUT/cpu.txt"
while kill -0 "$INJECTOR" 2>/dev/null; do
  echo "$(( $(date +%s) - start )) $(awk '{print $14 + $15}' "/proc/$INJECTOR/stat" 2>/dev/null || echo)" >> "$OUT/cpu.txt"
  sleep 5
done
wait "$INJECTOR" || true

python3 - "$OUT/gc.log" "$OUT/cpu.txt" "$(getconf CLK_TCK)" "$BUCKET" <<'PY'
import re, sys
bucket = int(sys.argv[4])
floors = {}
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)s\].*Pause.*\s(\d+)M->(\d+)M\(\d+M\)", line)
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
ticks = float(sys.argv[3])
print(f"| seconds | heap after GC, lowest (MB) | collections | injector CPU (cores) |")
print("|---|---|---|---|")
previous = 0
for minute in sorted(floors):
    used = cpu.get(minute)
    cores = f"{(used - previous) / ticks / bucket:.2f}" if used is not None and minute in cpu else "-"
    if used is not None:
        previous = used
    print(f"| {minute * bucket}-{(minute + 1) * bucket} | {floors[minute][0]} | {floors[minute][1]} | {cores} |")
PY
grep -A3 '^level' "$OUT/gatling.log" | tail -2
grep 'KOs by kind' "$OUT/gatling.log" || true
