#!/usr/bin/env bash
# Two runs side by side: every figure of their llm-summary.json (any simulation: news, RunPod,
# inference, capacity, batch) with B ÷ A, and with --rules <workload> the regression rules of
# regression.<workload> judged with A as the baseline and B as tonight (exit 3 on a regression).
#   scripts/compare.sh <run A folder or llm-summary.json> <run B ...> [--rules news] [-Dkey=value ...]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 <run A> <run B> [--rules <workload>] [-Dkey=value ...]" >&2; exit 2; }
a=$(realpath "$1"); b=$(realpath "$2"); shift 2
args=("$a" "$b")
props=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rules) args+=(--rules "$2"); shift 2 ;;
    -D*) props+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
exec ${MVN:-mvn} -q compile exec:java -Dexec.mainClass=io.llmload.compare.CompareMain -Dexec.args="${args[*]}" "${props[@]}"
