#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 1, the headline): TTFT/E2E measurement error with the emulator
# and the injector in separate JVMs pinned to separate cores (taskset: emulator core 0, injector core 1),
# the stand-in for an endpoint on its own machine. Ground truth is exported by the emulator and joined
# with the client's request log on the machine's monotonic clock.
#   STREAMS=100 HOLD=60s scripts/bench-accuracy-pinned.sh
#   INJECTOR_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit"   JVM options for the injector
#   EMULATOR_OPTS="-Demulator.io-threads=2 ..."   JVM options and emulator keys for the emulator
#   AWAKE=1 ...   keeps both vCPUs out of their idle state with a SCHED_IDLE busy loop each (the
#                 injector preempts it at once; its CPU is not counted): on a VM, an idle vCPU takes
#                 milliseconds to wake (section 1 measures it), which this takes out of the figures
# Prints the accuracy report, then the injector's CPU (utime + stime of its JVM, from /proc) per
# streamed chunk.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
STREAMS=${STREAMS:-100}
HOLD=${HOLD:-60s}
PORT=${PORT:-18082}
OUT=target/llmload/bench/pinned-$STREAMS
rm -rf "$OUT"
mkdir -p "$OUT"
TRACES="$PWD/$OUT/traces.jsonl"

bench_java "$OUT" 1g
bench_emulator "$OUT" "$PORT" -Demulator.ground-truth-capacity=2000000 -Dllmload.emulator.trace-file="$TRACES" \
  -Demulator.decode-step-base=20ms -Demulator.decode-step-per-sequence=0ms -Demulator.prefill-per-token=0us \
  -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000 ${EMULATOR_OPTS:-}
if [ "${AWAKE:-0}" = 1 ]; then
  SPINNERS=()
  for core in 0 1; do
    chrt -i 0 taskset -c "$core" bash -c 'while :; do :; done' > /dev/null 2>&1 &
    SPINNERS+=($!)
  done
  trap 'kill $BENCH_EMULATOR_PID ${SPINNERS[*]} 2>/dev/null || true' EXIT
fi

bench_injector "$OUT/gatling" "$PORT" "$HOLD" -XX:+UseG1GC ${INJECTOR_OPTS:-} -Dbenchmark.streams="$STREAMS"
INJECTOR=$BENCH_INJECTOR_PID
emulator_cpu_before=$(bench_cpu_ticks "$BENCH_EMULATOR_PID")
cpu=$(bench_cpu_until_exit "$INJECTOR")
wait "$INJECTOR" || true
emulator_cpu=$(( $(bench_cpu_ticks "$BENCH_EMULATOR_PID") - emulator_cpu_before ))
kill "$BENCH_EMULATOR_PID"; wait "$BENCH_EMULATOR_PID" || true
for _ in $(seq 1 30); do [ -s "$TRACES" ] && break; sleep 1; done

REQUESTS=$(ls -t "$OUT"/gatling/*/llm-requests.jsonl | head -1)
"${JAVA[@]}" io.llmload.bench.AccuracyReport "$REQUESTS" "$TRACES" 10 | tee "$OUT/accuracy.txt"
python3 - "$REQUESTS" "$cpu" "$(getconf CLK_TCK)" "$emulator_cpu" <<'PY' | tee -a "$OUT/accuracy.txt"
import json, sys
chunks = requests = 0
for line in open(sys.argv[1]):
    record = json.loads(line)
    requests += 1
    chunks += record.get("chunks") or 0
seconds = float(sys.argv[2]) / float(sys.argv[3])
emulator = float(sys.argv[4]) / float(sys.argv[3])
print(f"injector CPU {seconds:.1f} s for {requests:,} requests and {chunks:,} streamed chunks "
      f"(whole run, start-up included): {1e6 * seconds / max(chunks, 1):.1f} us per chunk")
print(f"emulator CPU {emulator:.1f} s over the injector's run: {1e6 * emulator / max(chunks, 1):.1f} us per chunk; "
      f"the emulator serves {seconds / max(emulator, 1e-9):.2f}x what the injector consumes per CPU-second")
PY
