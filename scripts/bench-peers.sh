#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md, "Against the peers"): wrk, hey, Locust and llmload, one after the
# other, against one standalone emulator with the same request: a non-streamed completion of
# max_tokens 1 over CONNECTIONS (64) connections. The emulator is pinned to core 0, each client to core 1.
#
# Each tool runs once a round and is measured in steady state: its CPU (utime + stime of its process,
# threads included, from /proc) and the requests it completed between WARM (45 s: past the JVM's JIT
# compilation, which on one core runs for 30-55 s) and WARM + WINDOW of its run. Completed requests
# come from llmload's request log (on, as by default), from the Locust user's own completion times,
# and for wrk and hey, which report their whole run's rate only, from that rate. One table a round: req/s,
# client CPU-s per 1,000 requests, requests per client CPU-second, each tool's CPU per request
# against llmload's.
#   ROUNDS=2 WARM=45s WINDOW=30s scripts/bench-peers.sh
#
# MODE=streams: streamed completions instead, 100 tokens at 50 tokens/s a stream (the emulator's 20 ms
# steps), over STREAMS connections, by Locust (an HttpUser that reads the SSE lines, parses each
# chunk's JSON and times the first token and every gap, as an LLM test in Locust does) and llmload
# (StreamingBenchmarkSimulation), with wrk (reading the bytes only) as the floor; the same steady-state
# window. Its table is per stream: streams per client CPU-second, each tool's CPU per stream.
#   MODE=streams STREAMS=1000 ROUNDS=2 WARM=45s WINDOW=30s scripts/bench-peers.sh
# wrk, hey and Locust are Debian packages (wrk, hey, python3-locust); the script installs the missing
# ones with apt-get when it runs as root, else names them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
MODE=${MODE:-short}
STREAMS=${STREAMS:-100}
CONNECTIONS=${CONNECTIONS:-64}
WINDOW=${WINDOW:-30s}
WARM=${WARM:-45s}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18085}
OUT=target/llmload/bench/peers
URL="http://127.0.0.1:$PORT/v1/completions"
BODY='{"model":"emulated-model","prompt":"Say hello.","max_tokens":1,"stream":false}'
mkdir -p "$OUT"

missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v hey > /dev/null || missing+=(hey)
command -v locust > /dev/null || missing+=(python3-locust)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  else
    echo "bench-peers: install ${missing[*]} first (apt-get install -y ${missing[*]})" >&2
    exit 2
  fi
fi

PROMPT=$(python3 -c 'print("Write about the weather. " * 4)')
STREAM_BODY="{\"model\":\"emulated-model\",\"prompt\":\"$PROMPT\",\"max_tokens\":100,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"
if [ "$MODE" = streams ]; then
  CONNECTIONS=$STREAMS
  TOOLS=(wrk locust llmload)
  STEP=20ms
  WRK_SCRIPT=scripts/wrk-stream.lua
  LLMLOAD_REQUEST=(-Dbenchmark.stream=true -Dbenchmark.max-tokens=100)
else
  TOOLS=(wrk hey locust llmload)
  STEP=0ms
  WRK_SCRIPT=scripts/wrk-completion.lua
  LLMLOAD_REQUEST=(-Dbenchmark.stream=false -Dbenchmark.max-tokens=1)
fi

bench_java "$OUT" 1g
bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base="$STEP" -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=8192 -Demulator.max-batched-tokens=10000000
ticks=$(getconf CLK_TCK)
seconds() { echo "${1%s}"; }

# the Locust user's completion times, written when its run stops: measure_steady counts those in its window
cat > "$OUT/locustfile.py" <<PY
import json
import os
import time

from locust import HttpUser, constant, events, task
from locust.contrib.fasthttp import FastHttpUser

COMPLETED = []


@events.test_stop.add_listener
def write_completions(environment, **kwargs):
    with open(os.environ["COMPLETIONS_FILE"], "w") as out:
        out.write("\\n".join(f"{t:.0f}" for t in COMPLETED))
PY
if [ "$MODE" = streams ]; then
  # HttpUser (requests): the Debian FastHttpUser reads a whole body before it returns, so it cannot time a stream
  cat >> "$OUT/locustfile.py" <<PY


BODY = '$STREAM_BODY'


class Stream(HttpUser):
    wait_time = constant(0)

    @task
    def stream(self):
        start = time.perf_counter()
        first = last = None
        gaps = []
        with self.client.post("/v1/completions", data=BODY, headers={"Content-Type": "application/json"},
                              stream=True, timeout=120, catch_response=True) as response:
            for line in response.iter_lines():
                if not line.startswith(b"data: ") or line == b"data: [DONE]":
                    continue
                choices = json.loads(line[6:]).get("choices")
                if choices and choices[0].get("text"):
                    now = time.perf_counter()
                    if first is None:
                        first = now
                    else:
                        gaps.append(now - last)
                    last = now
            response.success()
        COMPLETED.append(time.time() * 1000)
        if first is not None:
            self.environment.events.request.fire(request_type="SSE", name="ttft", response_time=(first - start) * 1000,
                                                 response_length=len(gaps) + 1, exception=None, context={})
PY
else
  cat >> "$OUT/locustfile.py" <<PY


class Completion(FastHttpUser):
    wait_time = constant(0)

    @task
    def complete(self):
        self.client.post("/v1/completions", data='$BODY', headers={"Content-Type": "application/json"})
        COMPLETED.append(time.time() * 1000)
PY
fi

# starts one client run of <tool> for <duration> in the background: sets TOOL_PID, its log is $OUT/<tool>-<duration>.log
start_tool() {
  local tool=$1 duration=$2 log="$OUT/$1-$2.log"
  case "$tool" in
    wrk) taskset -c 1 wrk -t1 -c"$CONNECTIONS" --timeout 60s -d"$duration" -s "$WRK_SCRIPT" "$URL" > "$log" 2>&1 & ;;
    hey) taskset -c 1 hey -z "$duration" -c "$CONNECTIONS" -m POST -T application/json -d "$BODY" "$URL" > "$log" 2>&1 & ;;
    locust) taskset -c 1 locust -f "$OUT/locustfile.py" --headless -u "$CONNECTIONS" -r "$CONNECTIONS" -t "$duration" \
              --host "http://127.0.0.1:$PORT" --only-summary > "$log" 2>&1 & ;;
    llmload) rm -rf "$OUT/llmload-$duration"
             bench_injector "$OUT/llmload-$duration" "$PORT" "$duration" -Dbenchmark.streams="$CONNECTIONS" "${LLMLOAD_REQUEST[@]}" \
               -Dbenchmark.warm-up=0s ;;
  esac
  TOOL_PID=$!
}

# one client run, steady state: "<requests or streams completed> <CPU-seconds>" between WARM and WARM + WINDOW of it
measure_steady() {
  local tool=$1 warm window duration cpu_start cpu_end from_ms to_ms completed
  warm=$(seconds "$WARM"); window=$(seconds "$WINDOW"); duration="$((warm + window + 5))s"
  export COMPLETIONS_FILE="$OUT/locust-completions.txt"
  rm -f "$COMPLETIONS_FILE"
  start_tool "$tool" "$duration"
  sleep "$warm"
  cpu_start=$(bench_cpu_ticks "$TOOL_PID"); from_ms=$(date +%s%3N)
  sleep "$window"
  cpu_end=$(bench_cpu_ticks "$TOOL_PID"); to_ms=$(date +%s%3N)
  wait "$TOOL_PID" || true
  case "$tool" in
    # wrk and hey tell only their whole run's rate, steady once their connections are open (hey's status
    # counts stop at 1,000,000 responses; its Requests/sec counts them all)
    wrk|hey) completed=$(awk -v w="$window" '/Requests\/sec:/ {printf "%d", $2 * w}' "$OUT/$tool-$duration.log") ;;
    locust) completed=$(awk -v from="$from_ms" -v to="$to_ms" '$1 >= from && $1 < to {n++} END {print n + 0}' "$COMPLETIONS_FILE") ;;
    llmload) completed=$(bench_completed_between "$OUT/llmload-$duration" "$from_ms" "$to_ms") ;;
  esac
  echo "$completed $(python3 -c "print((${cpu_end} - ${cpu_start}) / ${ticks})")"
}

UNIT=$([ "$MODE" = streams ] && echo stream || echo request)
for round in $(seq 1 "$ROUNDS"); do
  results=()
  for tool in "${TOOLS[@]}"; do
    results+=("$tool $(measure_steady "$tool")")
  done
  if [ "$MODE" = streams ]; then
    echo "round $round of $ROUNDS ($CONNECTIONS streams of 100 tokens at 50 tokens/s; CPU and streams from $WARM to $WARM + $WINDOW of each run):"
  else
    echo "round $round of $ROUNDS ($CONNECTIONS connections, max_tokens 1, not streamed; CPU and requests from $WARM to $WARM + $WINDOW of each run):"
  fi
  printf '%s\n' "${results[@]}" | WINDOW_S="$(seconds "$WINDOW")" UNIT="$UNIT" python3 -c '
import os, sys
window, unit = float(os.environ["WINDOW_S"]), os.environ["UNIT"]
rows = []
for line in sys.stdin:
    tool, done, cpu = line.split()
    rows.append((tool, int(done) / window, float(cpu) / int(done)))
llmload = next(per for tool, _, per in rows if tool == "llmload")
print(f"| tool | {unit}s/s | client CPU-s per 1,000 {unit}s | {unit}s per client CPU-s | CPU per {unit} vs llmload |")
print("|---|---|---|---|---|")
for tool, rate, per in rows:
    print(f"| {tool} | {rate:,.0f} | {1000 * per:.3f} | {1 / per:,.0f} | {per / llmload:.2f} |")
'
done
