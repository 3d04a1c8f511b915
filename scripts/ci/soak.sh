#!/usr/bin/env bash
# Pipeline stage "Soak": the chosen simulation against TARGET_URL with the pipeline's shape parameters,
# judged by its SLOs and, with BASELINE, by the regression gate.
#   TARGET_URL     the endpoint (required: a soak of the embedded emulator measures the emulator;
#                  ALLOW_EMBEDDED_SOAK=true allows TARGET_URL=embedded for demos and the suite's tests)
#   SIMULATION     NewsCategorizationSimulation (default) | RunPodSoakSimulation | RunPodRampSimulation |
#                  CapacitySearchSimulation | BatchThroughputSimulation | MixedTrafficSimulation |
#                  EmbeddingsBenchmarkSimulation | ChatBenchmarkSimulation | VisionBenchmarkSimulation | AudioBenchmarkSimulation |
#                  ConversationSimulation
#   DURATION       hold time per level (news, conversations, capacity steps), soak length (RunPod soak, batch, mixed); default 30m
#   CONCURRENCY    requests, jobs or conversations in flight (news, conversations, RunPod soak, batch, mixed closed,
#                  inference benchmarks); default 10
#   LEVELS         a ladder instead of one level: news and conversations "1,10,25", RunPod ramp "1,2,3,4", capacity "start,step,max"
#   SLO_LEVEL      news: the level its SLOs are judged at (default: the last of LEVELS, else CONCURRENCY)
#   JOBS           RunPod soak: a number of jobs instead of DURATION; RunPod ramp: jobs per level
#   REQUESTS       batch and inference benchmarks: a number of requests (batch: instead of DURATION)
#   RATE           MixedTrafficSimulation: open-model arrivals per second (empty = closed model at CONCURRENCY)
#   BASELINE       regression baseline: "influx" (the last passing nights), a run folder / llm-summary.json / URL, or empty
# Exit codes as run-simulation.sh (0, 3 = SLO breached or regressed, 1 = did not complete), and 4 = not configured.
set -uo pipefail
cd "$(dirname "$0")/../.."
simulation=${SIMULATION:-NewsCategorizationSimulation}
duration=${DURATION:-30m}
concurrency=${CONCURRENCY:-10}
levels=${LEVELS:-}
target=${TARGET_URL:-}
if [[ -z "$target" || "$target" == "embedded" ]]; then
  if [[ "$target" == "embedded" && "${ALLOW_EMBEDDED_SOAK:-false}" == "true" ]]; then
    echo "llmload CI: soaking the EMBEDDED EMULATOR (ALLOW_EMBEDDED_SOAK): the figures are the emulator's, not a deployment's"
  else
    echo "llmload CI: TARGET_URL is not set: a soak needs the endpoint to measure (the embedded emulator only runs the smoke stage); set the TARGET_URL parameter"
    exit 4
  fi
fi
shape=()
case "$simulation" in
  NewsCategorizationSimulation)
    news_levels=${levels:-$concurrency}
    shape=(-Dnews.levels="$news_levels" -Dnews.slo-level="${SLO_LEVEL:-${news_levels##*,}}" -Dnews.hold-time="$duration") ;;
  ConversationSimulation)
    shape=(-Dconversation.levels="${levels:-$concurrency}" -Dconversation.hold-time="$duration") ;;
  RunPodSoakSimulation)
    if [[ -n "${JOBS:-}" ]]; then shape=(-Drunpod.soak.jobs="$JOBS" -Drunpod.soak.duration=0s)
    else shape=(-Drunpod.soak.duration="$duration"); fi
    shape+=(-Drunpod.soak.concurrency="$concurrency") ;;
  RunPodRampSimulation)
    shape=(-Drunpod.ramp.levels="${levels:-1,2,3,4}")
    [[ -n "${JOBS:-}" ]] && shape+=(-Drunpod.ramp.jobs-per-level="$JOBS") ;;
  CapacitySearchSimulation)
    shape=(-Dcapacity.hold-time="$duration")
    if [[ -n "$levels" ]]; then
      IFS=, read -r start step max <<< "$levels"
      shape+=(-Dcapacity.start="$start" -Dcapacity.step="$step" -Dcapacity.max="$max")
    fi ;;
  BatchThroughputSimulation)
    shape=(-Dsla.concurrency="$concurrency")
    if [[ -n "${REQUESTS:-}" ]]; then shape+=(-Dsla.requests="$REQUESTS" -Dsla.duration=0s)
    else shape+=(-Dsla.duration="$duration"); fi ;;
  MixedTrafficSimulation)
    shape=(-Dinference.mixed.duration="$duration")
    if [[ -n "${RATE:-}" ]]; then shape+=(-Dinference.mixed.model=open -Dinference.mixed.rate="$RATE")
    else shape+=(-Dinference.mixed.model=closed -Dinference.mixed.concurrency="$concurrency"); fi ;;
  EmbeddingsBenchmarkSimulation|ChatBenchmarkSimulation|VisionBenchmarkSimulation|AudioBenchmarkSimulation)
    capability=$(tr '[:upper:]' '[:lower:]' <<< "${simulation%BenchmarkSimulation}")
    shape=(-Dinference."$capability".concurrency="$concurrency")
    [[ -n "${REQUESTS:-}" ]] && shape+=(-Dinference."$capability".requests="$REQUESTS") ;;
  *)
    echo "llmload CI: unknown SIMULATION '$simulation'"
    exit 4 ;;
esac
[[ -n "${BASELINE:-}" ]] && shape+=(-Dregression.baseline="$BASELINE")
exec scripts/ci/run-simulation.sh "$simulation" "${shape[@]}" "$@"
