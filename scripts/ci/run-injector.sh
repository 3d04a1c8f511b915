#!/usr/bin/env bash
# One injector of a scaled-out soak (a parallel branch of the pipeline, or a pod of deploy/k8s):
# the soak stage's simulation and shape (soak.sh) at this injector's share, then its result folder
# copied to target/llmload/injector/<index>/ for the merge (the pipeline stashes it).
#   INJECTOR_INDEX     0-based index of this injector (Kubernetes: JOB_COMPLETION_INDEX)
#   LLMLOAD_INJECTORS  how many injectors share the run
#   LLMLOAD_START_AT   the instant they all start at (scripts/ci/start-at.sh)
# and soak.sh's variables. Exit 0, or 1 when the part did not run or complete (the merge reports it missing).
set -uo pipefail
cd "$(dirname "$0")/../.."
index=${INJECTOR_INDEX:-${JOB_COMPLETION_INDEX:-}}
[[ -n "$index" ]] || { echo "llmload CI: INJECTOR_INDEX is not set"; exit 1; }
[[ -n "${LLMLOAD_INJECTORS:-}" && -n "${LLMLOAD_START_AT:-}" ]] || { echo "llmload CI: LLMLOAD_INJECTORS and LLMLOAD_START_AT must be set"; exit 1; }
simulation=${SIMULATION:-NewsCategorizationSimulation}
export LLMLOAD_RUN_ID=${LLMLOAD_RUN_ID:-${simulation}-${LLMLOAD_START_AT}}
echo "llmload CI: injector ${index} of ${LLMLOAD_INJECTORS}, starting ${LLMLOAD_START_AT}"
scripts/ci/soak.sh -Dinjector.index="$index"
status=$?
out="target/llmload/injector/${index}"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
if [[ -f "target/llmload/report-${simulation}/llm-results.json" ]]; then
  cp -r "target/llmload/report-${simulation}" "$out"
else
  echo "llmload CI: injector ${index} wrote no results (exit ${status})"
  exit 1
fi
# a part has no SLO verdict of its own (the merge judges the whole): only "did not complete" counts here
[[ $status -eq 1 || $status -eq 4 ]] && exit 1
exit 0
