#!/usr/bin/env bash
# Capacity per context length, side by side: one CapacitySearchSimulation per capacity.context-tokens
# (0 = the news prompt), then one table (target/llmload/contexts/contexts.md).
#   CONTEXTS="0 12000 16000" scripts/capacity-by-context.sh -Dtarget.base-url=http://gpu-host:8000 -Dtarget.model=...
# On the emulator, raise its context window first: -Demulator.max-model-len=17000
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -q}
CONTEXTS=${CONTEXTS:-"0 12000 16000"}
out=target/llmload/contexts
rm -rf "$out" && mkdir -p "$out"
for tokens in $CONTEXTS; do
  echo "== capacity search at capacity.context-tokens=$tokens"
  # shellcheck disable=SC2086 # MVN may carry flags
  $MVN gatling:test -Dgatling.simulationClass=io.llmload.simulations.CapacitySearchSimulation \
    -Dcapacity.context-tokens="$tokens" "$@" < /dev/null | grep -E "capacity|Capacity" || true
  latest=$(ls -dt target/gatling/capacitysearchsimulation-* | head -n 1)
  cp "$latest/llm-summary.json" "$out/context-$tokens.summary.json"
done
# shellcheck disable=SC2086
$MVN exec:java -Dexec.mainClass=io.llmload.capacity.ContextTable -Dexec.args="$out"
