#!/usr/bin/env bash
# Benchmark: TTFT/E2E measurement error with the emulator and the injector in separate JVMs pinned
# to separate cores (taskset), joined on the machine's monotonic clock.
#   STREAMS=100 HOLD=60s scripts/bench-accuracy-pinned.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS=${STREAMS:-100}
HOLD=${HOLD:-60s}
PORT=${PORT:-18082}
OUT=target/llmload/bench
mkdir -p "$OUT"
TRACES="$PWD/$OUT/pinned-traces-$STREAMS.jsonl"
rm -f "$TRACES"

taskset -c 0 scripts/run-emulator.sh -Demulator.port="$PORT" -Dllmload.emulator.trace-file="$TRACES" \
  -Demulator.decode-step-base=20ms -Demulator.decode-step-per-sequence=0ms -Demulator.prefill-per-token=0us \
  -Demulator.max-num-seqs=4096 -Demulator.max-batched-tokens=10000000 > "$OUT/pinned-emulator.log" 2>&1 &
EMULATOR=$!
for _ in $(seq 1 120); do grep -q "serving model" "$OUT/pinned-emulator.log" && break; sleep 1; done
EMULATOR_JVM=$(pgrep -f 'io.llmload.emulator.EmulatorMain' | head -1)

taskset -c 1 mvn -B -o gatling:test -Dgatling.simulationClass=io.llmload.bench.StreamingBenchmarkSimulation \
  -Dtarget.base-url="http://127.0.0.1:$PORT" -Dbenchmark.streams="$STREAMS" -Dbenchmark.hold-time="$HOLD" \
  -Dtarget.request-timeout=60s > "$OUT/pinned-gatling.log" 2>&1 || true
kill "$EMULATOR_JVM"; wait "$EMULATOR" || true
for _ in $(seq 1 30); do [ -s "$TRACES" ] && break; sleep 1; done

REQUESTS=$(ls -t target/gatling/streamingbenchmarksimulation-*/llm-requests.jsonl | head -1)
CP="$(mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout):target/classes:target/test-classes"
java -cp "$CP" io.llmload.bench.AccuracyReport "$REQUESTS" "$TRACES" 10 | tee "$OUT/pinned-accuracy-$STREAMS.txt"
