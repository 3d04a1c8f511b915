#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md, "Scale-out"): 1, 2 and 3 injector processes of one test against one
# emulator, merged by scripts/merge.sh. The emulator is pinned to core 0, every injector to core 1
# (this machine has two), so the injectors never take the emulator's core; the table gives what
# they held together and the CPU they spent.
#   INJECTORS="1 2 3" STREAMS=1000 MAX_TOKENS=100 STREAM=true HOLD=30s scripts/bench-scale-out.sh   # streams
#   INJECTORS="1 2 3" STREAMS=64 MAX_TOKENS=1 STREAM=false HOLD=30s scripts/bench-scale-out.sh      # short requests
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
INJECTORS=${INJECTORS:-1 2 3}
STREAMS=${STREAMS:-1000}
MAX_TOKENS=${MAX_TOKENS:-100}
STREAM=${STREAM:-true}
HOLD=${HOLD:-30s}
PORT=${PORT:-18083}
OUT=target/llmload/bench/scale-out
mkdir -p "$OUT"
bench_java "$OUT" 1g

# 20 ms a token (50 tokens/s a stream) for streams; zero-cost steps for short requests
step=20ms; [[ "$STREAM" == "false" ]] && step=0ms
bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$step" -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=100000000

echo "$STREAMS streams, max_tokens $MAX_TOKENS, stream=$STREAM, hold $HOLD; client CPU-s = every injector process, start-up included"
printf '%-9s %10s %10s %14s %12s %14s %18s\n' injectors requests "req/s" "in flight" "tokens/s" "client CPU-s" "CPU-s per 1,000"
for n in $INJECTORS; do
  run="$OUT/$n-injectors"
  rm -rf "$run"; mkdir -p "$run"
  start=$(date -u -d "+20 sec" +%FT%TZ)
  for ((i = 0; i < n; i++)); do
    LLMLOAD_INJECTORS=$n LLMLOAD_START_AT=$start JOB_COMPLETION_INDEX=$i \
      taskset -c 1 /usr/bin/time -f "%U %S" -o "$run/cpu-$i" "${JAVA[@]}" -Dllmload.results-dir="$run/$i" \
      -Dtarget.base-url="http://127.0.0.1:$PORT" -Dtarget.request-timeout=60s -Dbenchmark.streams="$STREAMS" \
      -Dbenchmark.hold-time="$HOLD" -Dbenchmark.max-tokens="$MAX_TOKENS" -Dbenchmark.stream="$STREAM" -Dbenchmark.prompt-repeats=1 \
      io.gatling.app.Gatling -s io.llmload.bench.StreamingBenchmarkSimulation -rf "$run/$i" -nr > "$run/injector-$i.log" 2>&1 &
  done
  wait $(jobs -p | grep -v "^$BENCH_EMULATOR_PID$") 2>/dev/null || true
  folders=()
  for ((i = 0; i < n; i++)); do folders+=("$(ls -d "$run/$i"/*/ | head -1)"); done
  "${JAVA[@]}" io.llmload.merge.MergeMain "$run/merged" "${folders[@]}" > "$run/merge.log" 2>&1 || true
  cpu=$(cat "$run"/cpu-* | awk '{ s += $1 + $2 } END { printf "%.1f", s }')
  python3 - "$run/merged/llm-summary.json" "$n" "$cpu" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
level = s["levels"][0]
requests = level["requests"]
cpu = float(sys.argv[3])
print(f'{sys.argv[2]:<9} {requests:>10} {level["requests_per_s"]:>10} {level["load_fidelity"]["achieved_concurrency"]:>14} '
      f'{level["output_tokens_per_s"]:>12} {cpu:>14} {1000 * cpu / requests:>18.3f}')
PY
done
