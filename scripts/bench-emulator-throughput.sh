#!/usr/bin/env bash
# Benchmark: the emulator's maximum requests/s for short non-streaming completions (max_tokens 1,
# zero-cost engine steps), driven by the Gatling injector with CLIENTS requests in flight.
#   CLIENTS=64 HOLD=30s scripts/bench-emulator-throughput.sh
# Both JVMs share this machine's cores; the script samples each one's CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
CLIENTS=${CLIENTS:-64}
HOLD=${HOLD:-30s}
PORT=${PORT:-18081}
OUT=target/llmload/bench
mkdir -p "$OUT"

scripts/run-emulator.sh -Demulator.port="$PORT" -Demulator.decode-step-base=0ms -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=4096 -Demulator.max-batched-tokens=10000000 \
  -Demulator.ground-truth-capacity=0 > "$OUT/throughput-emulator.log" 2>&1 &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "serving model" "$OUT/throughput-emulator.log" && break; sleep 1; done

ticks=$(getconf CLK_TCK)
before=$(bench_cpu_ticks "$EMULATOR"); t0=$(date +%s)
mvn -B -o gatling:test -Dgatling.simulationClass=io.llmload.bench.StreamingBenchmarkSimulation \
  -Dtarget.base-url="http://127.0.0.1:$PORT" -Dbenchmark.streams="$CLIENTS" -Dbenchmark.hold-time="$HOLD" \
  -Dbenchmark.max-tokens=1 -Dbenchmark.stream=false -Dbenchmark.prompt-repeats=1 > "$OUT/throughput-gatling.log" 2>&1 || true
after=$(bench_cpu_ticks "$EMULATOR"); t1=$(date +%s)
grep -A4 "llmload: StreamingBenchmarkSimulation" "$OUT/throughput-gatling.log" | tail -2
echo "emulator CPU over the whole run (incl. start-up and drain): $(awk -v d=$((after - before)) -v s=$((t1 - t0)) -v k="$ticks" 'BEGIN { printf "%.2f cores", d/s/k }')"
