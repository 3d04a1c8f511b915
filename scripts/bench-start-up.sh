#!/usr/bin/env bash
# Benchmark (docs/benchmarks.md section 14): the fixed cost of a run on a built project. Runs the
# default simulation at c=1 for 5 s ROUNDS times and prints, per run: seconds from the command to
# the first request sent (the request log's first start_ms), seconds from the last answer to the
# command's end, and the CPU-seconds of the whole command (Maven and the Gatling JVM, /usr/bin/time).
#   ROUNDS=3 scripts/bench-start-up.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
OUT=target/llmload/bench/start-up
mkdir -p "$OUT"
mvn -q -B -o test-compile > "$OUT/build.log"

echo "| run | to the first request (s) | after the last answer (s) | CPU-s of the command |"
echo "|---|---|---|---|"
for run in $(seq 1 "$ROUNDS"); do
  start_ms=$(date +%s%3N)
  /usr/bin/time -f "%U %S" -o "$OUT/time.txt" mvn -q -B -o gatling:test -Dnews.levels=1 -Dnews.slo-level=1 \
    -Dnews.hold-time=5s > "$OUT/run-$run.log" 2>&1 || true
  end_ms=$(date +%s%3N)
  requests=$(ls -td target/gatling/newscategorizationsimulation-*/ | head -1)llm-requests.jsonl
  python3 - "$requests" "$start_ms" "$end_ms" "$OUT/time.txt" "$run" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
first = min(r["start_ms"] for r in records)
last = max(r["start_ms"] + r["e2e_ms"] for r in records)
user, system = map(float, open(sys.argv[4]).read().split()[-2:])
start, end = int(sys.argv[2]), int(sys.argv[3])
print(f"| {sys.argv[5]} | {(first - start) / 1000:.2f} | {(end - last) / 1000:.2f} | {user + system:.1f} |")
PY
done
