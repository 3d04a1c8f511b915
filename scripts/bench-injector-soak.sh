#!/usr/bin/env bash
# Benchmark: the injector (Gatling JVM) holding STREAMS concurrent streams against a standalone
# emulator for HOLD; samples the injector's heap (jstat) and CPU (/proc) every SAMPLE seconds.
#   STREAMS=1000 HOLD=10m scripts/bench-injector-soak.sh
# Output: target/llmload/bench/soak-<streams>.csv (+ the Gatling run's llm-summary.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
STREAMS=${STREAMS:-1000}
HOLD=${HOLD:-10m}
PORT=${PORT:-18080}
SAMPLE=${SAMPLE:-15}
OUT=target/llmload/bench
mkdir -p "$OUT"
CSV="$OUT/soak-$STREAMS.csv"

# 50 tokens/s a stream: one 20 ms engine step per token, no batching slowdown, room for every stream
scripts/run-emulator.sh -Demulator.port="$PORT" -Demulator.decode-step-base=20ms -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=4096 -Demulator.max-batched-tokens=10000000 \
  > "$OUT/soak-emulator.log" 2>&1 &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "serving model" "$OUT/soak-emulator.log" && break; sleep 1; done

mvn -B -o gatling:test -Dgatling.simulationClass=io.llmload.bench.StreamingBenchmarkSimulation \
  -Dtarget.base-url="http://127.0.0.1:$PORT" -Dbenchmark.streams="$STREAMS" -Dbenchmark.hold-time="$HOLD" \
  -Dbenchmark.max-tokens=500 -Dtarget.request-timeout=120s > "$OUT/soak-gatling.log" 2>&1 &
GATLING=$!

ticks=$(getconf CLK_TCK)
cpu_ticks() { bench_cpu_ticks "$1" 2>/dev/null || echo 0; }
echo "elapsed_s,injector_heap_used_mb,injector_old_gen_mb,injector_young_gcs,injector_cpu_cores,emulator_cpu_cores" > "$CSV"
start=$(date +%s); prev_inj=0; prev_emu=$(cpu_ticks "$EMULATOR"); injector=""
while kill -0 "$GATLING" 2>/dev/null; do
  sleep "$SAMPLE"
  [ -z "$injector" ] && injector=$(pgrep -f 'io.gatling.app.Gatling' | head -1 || true)
  [ -z "$injector" ] && continue
  gc=$(jstat -gc "$injector" 2>/dev/null | tail -1) || continue
  [ -z "$gc" ] && continue
  inj=$(cpu_ticks "$injector"); emu=$(cpu_ticks "$EMULATOR")
  echo "$gc" | awk -v t=$(( $(date +%s) - start )) -v di=$(( inj - prev_inj )) -v de=$(( emu - prev_emu )) \
    -v s="$SAMPLE" -v k="$ticks" -v first="$prev_inj" \
    '{ used=($3+$4+$6+$8)/1024; old=$8/1024; if (first > 0) printf "%d,%.1f,%.1f,%d,%.2f,%.2f\n", t, used, old, $13, di/s/k, de/s/k }' >> "$CSV"
  prev_inj=$inj; prev_emu=$emu
done
wait "$GATLING" || true
echo "samples: $CSV"
