#!/usr/bin/env bash
# Pipeline stage "Smoke": a short news run at 1 and 10 concurrent (where the news SLOs are judged) to
# prove the target answers before the soak. Without TARGET_URL it runs against the embedded emulator,
# and says so: that proves the build, not an endpoint.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${TARGET_URL:-}" || "${TARGET_URL}" == "embedded" ]]; then
  echo "llmload CI: smoke against the EMBEDDED EMULATOR (TARGET_URL not set): this checks the build, not an endpoint"
  unset TARGET_URL
fi
LLMLOAD_RUN_ID="${LLMLOAD_RUN_ID:-smoke}-smoke" exec scripts/ci/run-simulation.sh NewsCategorizationSimulation \
  -Dnews.levels=1,10 -Dnews.slo-level=10 -Dnews.hold-time="${SMOKE_HOLD:-10s}" -Dregression.baseline= "$@"
