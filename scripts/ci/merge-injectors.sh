#!/usr/bin/env bash
# Merge stage of a scaled-out soak: the injectors' folders (target/llmload/injector/<index>/, unstashed)
# into target/llmload/report-<SIMULATION>/ (published like a one-injector run) with the SLO and
# regression JUnit files in target/llmload/slo-results/.
#   LLMLOAD_INJECTORS  how many injectors ran (a missing folder is reported missing, the rest merged)
# Exit codes as run-simulation.sh: 0 passed, 3 SLO breached or regressed, 1 incomplete or not merged.
set -uo pipefail
cd "$(dirname "$0")/../.."
simulation=${SIMULATION:-NewsCategorizationSimulation}
count=${LLMLOAD_INJECTORS:?LLMLOAD_INJECTORS must be set}
folders=()
for ((i = 0; i < count; i++)); do folders+=("target/llmload/injector/${i}"); done
out="target/llmload/report-${simulation}"
rm -rf "$out"
scripts/merge.sh "$out" "${folders[@]}" 2>&1 | tee "target/llmload/${simulation}-merge-console.log"
status=${PIPESTATUS[0]}
case $status in
  0) echo "llmload CI: ${simulation} on ${count} injectors passed its SLOs"; exit 0 ;;
  3) echo "llmload CI: ${simulation} on ${count} injectors breached an SLO or regressed (see target/llmload/slo-results)"; exit 3 ;;
  1) echo "llmload CI: ${simulation}: an injector is missing or stopped early; the figures are of the rest"; exit 1 ;;
  *) echo "llmload CI: the injectors' results could not be merged (exit ${status}); see the console"; exit 1 ;;
esac
