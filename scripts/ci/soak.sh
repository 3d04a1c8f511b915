#!/usr/bin/env bash
# Pipeline stage "Soak": the chosen simulation with the pipeline's parameters.
#   SIMULATION (RunPodSoakSimulation), DURATION (30m), JOBS (empty = use DURATION), CONCURRENCY (2)
set -uo pipefail
cd "$(dirname "$0")/../.."
simulation=${SIMULATION:-RunPodSoakSimulation}
duration=${DURATION:-30m}
concurrency=${CONCURRENCY:-2}
case "$simulation" in
  RunPodSoakSimulation)
    if [[ -n "${JOBS:-}" ]]; then shape=(-Drunpod.soak.jobs="$JOBS" -Drunpod.soak.duration=0s)
    else shape=(-Drunpod.soak.duration="$duration"); fi
    shape+=(-Drunpod.soak.concurrency="$concurrency") ;;
  RunPodRampSimulation)
    shape=(-Drunpod.ramp.levels="${LEVELS:-1,2,3,4}") ;;
  NewsCategorizationSimulation)
    shape=(-Dnews.levels="${LEVELS:-$concurrency}" -Dnews.slo-level="${SLO_LEVEL:-$concurrency}" -Dnews.hold-time="$duration") ;;
  *)
    shape=() ;;
esac
exec scripts/ci/run-simulation.sh "$simulation" "${shape[@]}" "$@"
