#!/usr/bin/env bash
# One scaled-out run on Kubernetes: the injectors' Indexed Job (INJECTORS pods, all starting their
# first level at the same instant), then the merge Job over their results; exits with the merge's code.
#   INJECTORS=3 TARGET_URL=http://vllm:8000/v1 SIMULATION=NewsCategorizationSimulation deploy/k8s/run.sh [kubectl flags, e.g. -n loadtest]
# Needs: the image (deploy/Dockerfile) where the cluster can pull it, and deploy/k8s/results-pvc.yaml applied.
set -euo pipefail
cd "$(dirname "$0")/../.."
injectors=${INJECTORS:-3}
[[ "$injectors" =~ ^[1-9][0-9]*$ ]] || { echo "INJECTORS must be a positive integer, got '$injectors'" >&2; exit 2; }
start_at=$(START_DELAY=${START_DELAY:-90} scripts/ci/start-at.sh)
run_id=${LLMLOAD_RUN_ID:-llmload-k8s-$(date -u +%Y%m%d-%H%M%S)}
kubectl=${KUBECTL:-kubectl}
echo "llmload k8s: ${injectors} injectors, run ${run_id}, levels from ${start_at}"
$kubectl "$@" delete job llmload-injectors llmload-merge --ignore-not-found
sed -e "s/^  completions: [0-9]*/  completions: ${injectors}/" -e "s/^  parallelism: [0-9]*/  parallelism: ${injectors}/" \
    -e "/name: LLMLOAD_INJECTORS/{n;s/value: \"[0-9]*\"/value: \"${injectors}\"/}" \
    -e "s/__START_AT__/${start_at}/" -e "s/__RUN_ID__/${run_id}/" \
    ${TARGET_URL:+-e "/name: TARGET_URL/{n;s|value: .*|value: \"${TARGET_URL}\"|}"} \
    ${SIMULATION:+-e "/name: SIMULATION/{n;s|value: .*|value: ${SIMULATION}|}"} \
    deploy/k8s/injectors-job.yaml | $kubectl "$@" apply -f -
# the injectors' Job ends complete, or failed when a pod failed: the merge runs either way and says who is missing
$kubectl "$@" wait --for=condition=complete --timeout="${WAIT:-6h}" job/llmload-injectors \
  || echo "llmload k8s: the injectors' Job did not complete; merging what they left"
sed -e "/name: LLMLOAD_INJECTORS/{n;s/value: \"[0-9]*\"/value: \"${injectors}\"/}" \
    ${SIMULATION:+-e "/name: SIMULATION/{n;s|value: .*|value: ${SIMULATION}|}"} deploy/k8s/merge-job.yaml | $kubectl "$@" apply -f -
$kubectl "$@" wait --for=condition=complete --timeout=30m job/llmload-merge || true
$kubectl "$@" logs job/llmload-merge
exit_code=$($kubectl "$@" get pods -l job-name=llmload-merge -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')
exit "${exit_code:-1}"
