#!/usr/bin/env bash
# Ratio table of two capacity searches (e.g. an A10 run and an L20 run):
#   scripts/compare-runs.sh target/gatling/<a10 run>/capacity-search.json target/gatling/<l20 run>/capacity-search.json
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 2 ]] || { echo "usage: $0 <run A capacity-search.json> <run B capacity-search.json>" >&2; exit 2; }
mvn -q compile exec:java -Dexec.mainClass=io.llmload.capacity.CompareRuns -Dexec.args="$(realpath "$1") $(realpath "$2")"
