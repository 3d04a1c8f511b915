#!/usr/bin/env bash
# Pipeline stage "Build and unit tests": the README's test command.
set -euo pipefail
cd "$(dirname "$0")/../.."
${MVN:-mvn -B} verify
