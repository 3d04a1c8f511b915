#!/usr/bin/env bash
# Pipeline stage "Smoke": a short news run at 1 and 10 concurrent (where the news SLOs are judged)
# to prove the target answers before the soak.
set -uo pipefail
cd "$(dirname "$0")/../.."
LLMLOAD_RUN_ID="${LLMLOAD_RUN_ID:-smoke}-smoke" exec scripts/ci/run-simulation.sh NewsCategorizationSimulation \
  -Dnews.levels=1,10 -Dnews.hold-time="${SMOKE_HOLD:-10s}" "$@"
