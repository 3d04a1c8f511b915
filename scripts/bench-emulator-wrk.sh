#!/usr/bin/env bash
# Benchmark: the emulator's maximum requests/s for short non-streaming completions, driven by wrk
# (apt-get install -y wrk), a load generator far lighter than a JVM. Emulator pinned to core 0,
# wrk to core 1, so neither steals the other's CPU.
#   CONNECTIONS=64 DURATION=30s scripts/bench-emulator-wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
PORT=${PORT:-18083}
OUT=target/llmload/bench
mkdir -p "$OUT"
taskset -c 0 scripts/run-emulator.sh -Demulator.port="$PORT" -Demulator.decode-step-base=0ms \
  -Demulator.decode-step-per-sequence=0ms -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=4096 \
  -Demulator.ground-truth-capacity=0 > "$OUT/wrk-emulator.log" 2>&1 &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "serving model" "$OUT/wrk-emulator.log" && break; sleep 1; done
# warm-up, then the measured run
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d10s -s scripts/wrk-completion.lua "http://127.0.0.1:$PORT/v1/completions" > /dev/null
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk-completion.lua \
  "http://127.0.0.1:$PORT/v1/completions" | tee "$OUT/wrk-$CONNECTIONS.txt"
