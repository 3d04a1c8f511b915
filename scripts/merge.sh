#!/usr/bin/env bash
# One test from several injectors (docs/scale-out.md): merges the injectors' result folders (each a
# Gatling run folder holding llm-results.json, llm-histograms.hlog, simulation.log, llm-requests.jsonl)
# into <out folder>: llm-summary.json|md, the SLO (and regression) JUnit files, and Gatling's HTML report.
#   scripts/merge.sh <out folder> <injector folder>...
# Exit 0 passed, 3 an SLO or regression rule failed, 1 an injector missing or stopped early, 2 refused.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 <out folder> <injector folder>..." >&2; exit 2; }
args=()
for a in "$@"; do args+=("$(realpath -m "$a")"); done
# Gatling's log reader needs java.lang opened to it, in the JVM exec:java runs in
export MAVEN_OPTS="${MAVEN_OPTS:-} --add-opens=java.base/java.lang=ALL-UNNAMED"
exec ${MVN:-mvn} -q compile exec:java -Dexec.mainClass=io.llmload.merge.MergeMain -Dexec.args="${args[*]}"
