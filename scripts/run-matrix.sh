#!/usr/bin/env bash
# The batch test matrix of llmload.conf's matrix.categories: BatchThroughputSimulation once per cell
# (category, name, the keys it sets), then one report (target/llmload/matrix/matrix.md): each cell
# with its SLO verdicts, change against the baseline cell and GPU memory, and each category's range.
#   REQUESTS=500 scripts/run-matrix.sh [-Dllmload.config=my-matrix.conf] [-Dkey=value ...]
# The -D arguments go to every cell (e.g. the target); a cell's own keys come after them.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -q}
REQUESTS=${REQUESTS:-500}
out=target/llmload/matrix
rm -rf "$out" && mkdir -p "$out"
# shellcheck disable=SC2086 # MVN may carry flags
# only the plan's lines (category TAB name TAB keys), without the colour codes Maven may print
$MVN compile exec:java -Dexec.mainClass=io.llmload.capacity.MatrixPlan "$@" | sed 's/\x1b\[[0-9;]*m//g' | grep -P '\t' > "$out/plan.tsv"
n=0
while IFS=$'\t' read -r category name keys; do
  n=$((n + 1))
  cell="$out/cell-$(printf %03d $n)"
  echo "== cell $n: $category / $name"
  # shellcheck disable=SC2086 # the cell's keys are separate -D arguments
  $MVN gatling:test -Dgatling.simulationClass=io.llmload.simulations.BatchThroughputSimulation \
    -Dsla.requests="$REQUESTS" -Dsla.duration=0s "$@" $keys < /dev/null | grep -E "^\| [0-9]|Measured|PASS|FAIL" || true
  latest=$(ls -dt target/gatling/batchthroughputsimulation-* | head -n 1)
  cp "$latest/sla-projection.json" "$cell.json"
  cp "$latest/llm-summary.json" "$cell.summary.json"
  printf '%s\t%s\n' "$category" "$name" > "$cell.labels"
done < "$out/plan.tsv"
$MVN exec:java -Dexec.mainClass=io.llmload.capacity.MatrixTable -Dexec.args="$out"
