#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md, "Injector cost per request"): the injector's CPU per request for
#   MODE=conversation  4-turn conversations at USERS (500) concurrent users, 100-token answers streamed at 50 tokens/s,
#                      2 s think time between turns (ConversationSimulation)
#   MODE=poisson       an open model of short requests (one-text embeddings of DIMENSION (16) floats, a ~300-byte
#                      answer) with Poisson arrivals at RATE (2,000)/s (MixedTrafficSimulation)
# The emulator runs pinned to core 0, the injector JVM to core 1. Each is run twice, for HOLD and for
# 5 s: the difference of their CPU-seconds (/proc utime + stime of the injector's process) over the
# difference of their requests is the cost of a request without the JVM's and Gatling's fixed start-up.
#   MODE=conversation USERS=500 HOLD=60s scripts/bench-injector-cost.sh
#   MODE=poisson RATE=2000 HOLD=30s scripts/bench-injector-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
MODE=${MODE:-conversation}
USERS=${USERS:-500}
RATE=${RATE:-2000}
HOLD=${HOLD:-60s}
PORT=${PORT:-18084}
OUT=target/llmload/bench/injector-cost
mkdir -p "$OUT"
bench_java "$OUT" 2g

case "$MODE" in
  conversation)
    SIMULATION=ConversationSimulation
    EMULATOR=(-Demulator.decode-step-base=20ms -Demulator.decode-step-per-sequence=0ms -Demulator.prefill-per-token=0us
              -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=100000000 -Demulator.answer-tokens-mean=400)
    shape() { echo "-Dconversation.levels=$USERS -Dconversation.hold-time=$1 -Dconversation.turns=4 -Dconversation.think-time=2s -Dconversation.max-tokens=100"; } ;;
  poisson)
    SIMULATION=MixedTrafficSimulation
    EMULATOR=(-Demulator.flavour=inference-server -Demulator.inference.max-concurrent=4096 -Demulator.inference.max-queue-size=100000
              -Demulator.inference.embedding.batching=false -Demulator.inference.embedding.base-cost=0ms
              -Demulator.inference.embedding.per-item-cost=0ms -Demulator.inference.embedding.per-char-cost=0us
              -Demulator.inference.embedding.dimension="${DIMENSION:-16}")
    shape() { echo "-Dinference.mixed.model=open -Dinference.mixed.rate=$RATE -Dinference.mixed.duration=$1 -Dinference.metrics-interval=0s -Dinference.mixed.weights.embeddings=100 -Dinference.mixed.weights.chat=0 -Dinference.mixed.weights.audio=0 -Dinference.mixed.weights.vision=0 -Dinference.embeddings.inputs-per-request=1 -Dinference.embeddings.dimension=${DIMENSION:-16}"; } ;;
  *) echo "MODE must be conversation or poisson" >&2; exit 2 ;;
esac

bench_emulator "$OUT" "$PORT" "${EMULATOR[@]}"
ticks=$(getconf CLK_TCK)

# one run: prints "<requests> <CPU-seconds>"
run() {
  local hold=$1 dir="$OUT/$MODE-$1"
  rm -rf "$dir"; mkdir -p "$dir"
  # shellcheck disable=SC2046 # the shape is a list of -D flags
  taskset -c 1 "${JAVA[@]}" -Dllmload.results-dir="$dir" -Dtarget.base-url="http://127.0.0.1:$PORT" -Dtarget.request-timeout=60s \
    -Dreport.request-log=false $(shape "$hold") io.gatling.app.Gatling -s "io.llmload.simulations.$SIMULATION" -rf "$dir" -nr \
    > "$dir/console.log" 2>&1 &
  local pid=$! cpu
  cpu=$(bench_cpu_until_exit "$pid")
  wait "$pid" || true
  python3 - "$dir" "$cpu" "$ticks" <<'PY'
import glob, json, sys
summary = json.load(open(glob.glob(sys.argv[1] + "/*/llm-summary.json")[0]))
requests = summary["overall"]["requests"] + sum(o["overall"]["requests"] for o in summary.get("other_requests", []))
print(requests, int(sys.argv[2]) / int(sys.argv[3]), summary["overall"]["latency_ms"].get("p95"))
PY
}

read -r full_requests full_cpu full_p95 < <(run "$HOLD")
read -r fixed_requests fixed_cpu _ < <(run 5s)
echo "latency p95 over the $HOLD run: $full_p95 ms (a p95 far above the emulator's own time means a side was saturated)"
python3 - "$MODE" "$HOLD" "$full_requests" "$full_cpu" "$fixed_requests" "$fixed_cpu" <<'PY'
import sys
mode, hold, fr, fc, xr, xc = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
per = (fc - xc) / (fr - xr)
print(f"{mode}, hold {hold}: {fr} requests in {fc:.1f} CPU-s; 5 s: {xr} requests in {xc:.1f} CPU-s")
print(f"  injector CPU per request (difference): {per * 1e6:.0f} us = {1000 * per:.3f} CPU-s per 1,000 requests; "
      f"{1 / per:,.0f} requests per CPU-second")
PY
