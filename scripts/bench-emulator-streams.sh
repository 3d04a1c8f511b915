#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 15): how many streamed chunks a second the emulator writes, with
# IO_THREADS event loops on EMULATOR_CORES, read by wrk (apt-get install -y wrk; far cheaper per chunk
# than any JVM client) on core 1. Zero-cost engine steps: the emulator writes as fast as it can.
#   IO_THREADS=1 EMULATOR_CORES=0 STREAMS=1000 DURATION=20s scripts/bench-emulator-streams.sh
#   IO_THREADS=2 EMULATOR_CORES=0,1 ...   the second loop on the core wrk also uses
#   EMULATOR_OPTS="-D..."   more JVM options and emulator keys for the emulator
# Prints wrk's report, chunks/s (100 a request) and each process's CPU per chunk (from /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
IO_THREADS=${IO_THREADS:-1}
EMULATOR_CORES=${EMULATOR_CORES:-0}
STREAMS=${STREAMS:-1000}
DURATION=${DURATION:-20s}
PORT=${PORT:-18084}
OUT=target/llmload/bench/emulator-streams-$IO_THREADS
rm -rf "$OUT"
mkdir -p "$OUT"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }

bench_java "$OUT" 1g
BENCH_EMULATOR_CORES=$EMULATOR_CORES bench_emulator "$OUT" "$PORT" -Demulator.io-threads="$IO_THREADS" \
  -Demulator.decode-step-base=0ms -Demulator.decode-step-per-sequence=0ms -Demulator.prefill-per-token=0us \
  -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000 ${EMULATOR_OPTS:-}
EMULATOR=$BENCH_EMULATOR_PID

# warm-up (the JIT), then the measured run
taskset -c 1 wrk -t1 -c"$STREAMS" --timeout 60s -d10s -s scripts/wrk-stream.lua "http://127.0.0.1:$PORT/v1/completions" > /dev/null
emulator_before=$(bench_cpu_ticks "$EMULATOR")
taskset -c 1 wrk -t1 -c"$STREAMS" --timeout 60s -d"$DURATION" -s scripts/wrk-stream.lua "http://127.0.0.1:$PORT/v1/completions" \
  > "$OUT/wrk.txt" &
WRK=$!
wrk_ticks=$(bench_cpu_until_exit "$WRK")
wait "$WRK"
emulator_ticks=$(( $(bench_cpu_ticks "$EMULATOR") - emulator_before ))
cat "$OUT/wrk.txt"
python3 - "$OUT/wrk.txt" "$emulator_ticks" "$wrk_ticks" "$(getconf CLK_TCK)" "$IO_THREADS" <<'PY'
import re, sys
report = open(sys.argv[1]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1))
chunks = rate * 100
amount, unit = re.search(r"\d+ requests in ([\d.]+)(m?s)", report).groups()
seconds = float(amount) / (1000 if unit == "ms" else 1)
ticks = float(sys.argv[4])
emulator, wrk = float(sys.argv[2]) / ticks, float(sys.argv[3]) / ticks
print(f"io-threads {sys.argv[5]}: {chunks:,.0f} chunks/s; emulator {emulator / seconds:.2f} cores, "
      f"{1e6 * emulator / (chunks * seconds):.1f} us per chunk; wrk {1e6 * wrk / (chunks * seconds):.1f} us per chunk")
PY
