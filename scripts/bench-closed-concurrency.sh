#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 13): how many of a closed model's users are in flight at a
# high request rate. The emulator (core 0) answers a non-streamed max_tokens 1 completion after one
# STEP engine step; USERS closed-model users (the injector on core 1, a plain JVM) hold it for HOLD.
# The summary's "conc" column is the achieved concurrency: the summed request times over the window.
#   USERS=64 STEP=5ms HOLD=30s scripts/bench-closed-concurrency.sh     # 4,500-5,500 req/s (8ms: ~3,200)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
USERS=${USERS:-64}
STEP=${STEP:-5ms}
HOLD=${HOLD:-30s}
PORT=${PORT:-18084}
OUT=target/llmload/bench/closed-$USERS
rm -rf "$OUT"
mkdir -p "$OUT"

bench_java "$OUT" 1g
bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$STEP" -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=4096

# the run's default request budget (10 s), as before bench_injector: a request here takes a step or two of STEP
bench_injector "$OUT/gatling" "$PORT" "$HOLD" -XX:+UseG1GC ${INJECTOR_OPTS:-} -Dtarget.request-timeout=10s \
  -Dbenchmark.streams="$USERS" -Dbenchmark.stream=false -Dbenchmark.max-tokens=1 -Dreport.request-log=false
wait "$BENCH_INJECTOR_PID" || true
grep -A3 '^level' "$OUT/gatling.log" | tail -3
