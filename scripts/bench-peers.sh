#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md, "Against the peers"): wrk, hey, Locust and llmload, one after the
# other, against one standalone emulator with the same request: a non-streamed completion of
# max_tokens 1 over CONNECTIONS (64) connections. The emulator is pinned to core 0, each client to core 1.
#
# Each client runs twice, for WINDOW and for 5 s. Its cost per request is the difference of its CPU
# seconds (utime + stime of its process, threads included, from /proc) over the difference of its
# requests, so its start-up is left out. One table a round: req/s of the WINDOW run, client CPU-s per
# 1,000 requests, requests per client CPU-second, and each tool's CPU per request against llmload's.
#   ROUNDS=2 WINDOW=15s scripts/bench-peers.sh
# wrk, hey and Locust are Debian packages (wrk, hey, python3-locust); the script installs the missing
# ones with apt-get when it runs as root, else names them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
CONNECTIONS=${CONNECTIONS:-64}
WINDOW=${WINDOW:-15s}
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

bench_java "$OUT" 1g
bench_emulator "$OUT" "$PORT" -Demulator.decode-step-base=0ms -Demulator.decode-step-per-sequence=0ms \
  -Demulator.prefill-per-token=0us -Demulator.max-num-seqs=4096
ticks=$(getconf CLK_TCK)
seconds() { echo "${1%s}"; }

cat > "$OUT/locustfile.py" <<PY
from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

class Completion(FastHttpUser):
    wait_time = constant(0)

    @task
    def complete(self):
        self.client.post("/v1/completions", data='$BODY', headers={"Content-Type": "application/json"})
PY

# one client run: "<requests> <CPU-seconds>"; the command's first word is the tool, the rest its arguments
measure() {
  local tool=$1 duration=$2 log="$OUT/$1-$2.log"
  local s
  s=$(seconds "$duration")
  case "$tool" in
    wrk) taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$duration" -s scripts/wrk-completion.lua "$URL" > "$log" 2>&1 & ;;
    hey) taskset -c 1 hey -z "$duration" -c "$CONNECTIONS" -m POST -T application/json -d "$BODY" "$URL" > "$log" 2>&1 & ;;
    locust) taskset -c 1 locust -f "$OUT/locustfile.py" --headless -u "$CONNECTIONS" -r "$CONNECTIONS" -t "$duration" \
              --host "http://127.0.0.1:$PORT" --csv "$OUT/locust-$duration" --only-summary > "$log" 2>&1 & ;;
    llmload) rm -rf "$OUT/llmload-$duration"
             taskset -c 1 "${JAVA[@]}" -Dllmload.results-dir="$OUT/llmload-$duration" -Dtarget.base-url="http://127.0.0.1:$PORT" \
               -Dbenchmark.streams="$CONNECTIONS" -Dbenchmark.stream=false -Dbenchmark.max-tokens=1 -Dbenchmark.hold-time="$duration" \
               -Dbenchmark.warm-up=0s -Dreport.request-log=false io.gatling.app.Gatling -s io.llmload.bench.StreamingBenchmarkSimulation \
               -rf "$OUT/llmload-$duration" -nr > "$log" 2>&1 & ;;
  esac
  local pid=$! cpu
  cpu=$(bench_cpu_until_exit "$pid")
  wait "$pid" || true
  local requests
  case "$tool" in
    wrk) requests=$(awk '/requests in/ {print $1}' "$log") ;;
    hey) requests=$(awk '/\[200\]/ {print $2}' "$log") ;;
    locust) requests=$(python3 -c 'import csv,sys; print(next(r["Request Count"] for r in csv.DictReader(open(sys.argv[1])) if r["Name"] == "Aggregated"))' "$OUT/locust-${duration}_stats.csv") ;;
    llmload) requests=$(python3 -c 'import glob,json,sys; print(json.load(open(glob.glob(sys.argv[1] + "/*/llm-summary.json")[0]))["overall"]["requests"])' "$OUT/llmload-$duration") ;;
  esac
  echo "$requests $(python3 -c "print(${cpu} / ${ticks})") $s"
}

for round in $(seq 1 "$ROUNDS"); do
  results=()
  for tool in wrk hey locust llmload; do
    measure "$tool" 3s > /dev/null   # warm-up of the emulator's JIT and of the tool
    read -r long_requests long_cpu long_s < <(measure "$tool" "$WINDOW")
    read -r short_requests short_cpu _ < <(measure "$tool" 5s)
    results+=("$tool $long_requests $long_cpu $long_s $short_requests $short_cpu")
  done
  echo "round $round of $ROUNDS (window $WINDOW, $CONNECTIONS connections, max_tokens 1, not streamed):"
  printf '%s\n' "${results[@]}" | python3 -c '
import sys
rows = []
for line in sys.stdin:
    tool, lr, lc, ls, sr, sc = line.split()
    lr, lc, ls, sr, sc = int(lr), float(lc), float(ls), int(sr), float(sc)
    per = (lc - sc) / (lr - sr)
    rows.append((tool, lr / ls, per))
llmload = next(per for tool, _, per in rows if tool == "llmload")
print("| tool | req/s | client CPU-s per 1,000 requests | requests per client CPU-s | CPU per request vs llmload |")
print("|---|---|---|---|---|")
for tool, rate, per in rows:
    print(f"| {tool} | {rate:,.0f} | {1000 * per:.3f} | {1 / per:,.0f} | {per / llmload:.2f} |")
'
done
