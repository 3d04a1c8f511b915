#!/usr/bin/env bash
# Runs one simulation for CI and turns the outcome into an exit code the pipeline acts on:
#   0 = passed, 3 = ran but an SLO was breached or a regression rule failed (build UNSTABLE or FAILED, as the pipeline says),
#   1 = did not run properly or did not complete (stopped early by an abort.* rule; the reason is printed).
# Usage: scripts/ci/run-simulation.sh <SimulationClassSimpleName> [-Dkey=value ...]
# Environment (all optional): TARGET_URL, LLMLOAD_RUN_ID, INFLUX_URL, GRAFANA_URL, MVN (default "mvn -B").
# Never prints secrets: keys reach the JVM through the environment only (see llmload.conf *-env keys).
set -uo pipefail
cd "$(dirname "$0")/../.."
simulation=${1:?usage: run-simulation.sh <Simulation> [-Dkey=value ...]}
shift
MVN=${MVN:-mvn -B}
run_id=${LLMLOAD_RUN_ID:-${simulation}-$(date -u +%Y%m%d-%H%M%S)}
args=(gatling:test "-Dgatling.simulationClass=io.llmload.simulations.${simulation}" "-Dinflux.run-id=${run_id}")
[[ -n "${TARGET_URL:-}" ]] && args+=("-Dtarget.base-url=${TARGET_URL}")
[[ -n "${INFLUX_URL:-}" ]] && args+=("-Dinflux.enabled=true" "-Dinflux.url=${INFLUX_URL}")
[[ -n "${GRAFANA_URL:-}" ]] && args+=("-Dinflux.grafana-url=${GRAFANA_URL}")
junit="target/llmload/slo-results/TEST-llmload-slo-${simulation}.xml"
regression="target/llmload/slo-results/TEST-llmload-regression-${simulation}.xml"
rm -f "$junit" "$regression"
mkdir -p target/llmload
echo "llmload CI: ${simulation}, run_id ${run_id}"
# shellcheck disable=SC2086 # MVN may carry flags
$MVN "${args[@]}" "$@" 2>&1 | tee "target/llmload/${simulation}-console.log"
status=${PIPESTATUS[0]}

# the run's report folder, published by the pipeline as one stable path
latest=$(ls -dt target/gatling/"${simulation,,}"-* 2>/dev/null | head -n 1 || true)
if [[ -n "$latest" ]]; then
  rm -rf "target/llmload/report-${simulation}"
  cp -r "$latest" "target/llmload/report-${simulation}"
fi
if [[ -n "${GRAFANA_URL:-}" ]]; then
  grep -o "Grafana: .*" "target/llmload/${simulation}-console.log" | tail -n 1 | sed 's/^Grafana: //' > target/llmload/grafana-link.txt || true
fi

if grep -q "^  DID NOT COMPLETE: " "target/llmload/${simulation}-console.log"; then
  # an abort.* rule stopped the load (a dead or drowning endpoint): not an SLO verdict
  echo "llmload CI: ${simulation} did not complete: $(grep -m1 "^  DID NOT COMPLETE: " "target/llmload/${simulation}-console.log" | sed 's/^  DID NOT COMPLETE: //')"
  exit 1
fi
if [[ $status -eq 0 ]]; then
  echo "llmload CI: ${simulation} passed its SLOs"
  exit 0
fi
breached=0
if [[ -f "$junit" ]] && grep -Eq 'failures="[1-9][0-9]*"' "$junit"; then
  echo "llmload CI: ${simulation} breached an SLO (see ${junit})"
  breached=1
fi
if [[ -f "$regression" ]] && grep -Eq 'failures="[1-9][0-9]*"' "$regression"; then
  echo "llmload CI: ${simulation} regressed against its baseline (see ${regression})"
  breached=1
fi
[[ $breached -eq 1 ]] && exit 3
echo "llmload CI: ${simulation} did not complete (exit ${status}); see target/llmload/${simulation}-console.log"
exit 1
