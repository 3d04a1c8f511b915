#!/usr/bin/env bash
# Runs the LLM endpoint emulator in its own JVM (for benchmarks, or to poke at it with curl).
#   scripts/run-emulator.sh -Demulator.port=8000 -Demulator.decode-step-base=20ms
# Stop with Ctrl-C. Settings: the emulator section of src/main/resources/llmload.conf, checked as in a
# run (an unknown key stops it with one line naming the key).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B compile
CP="$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout):target/classes"
exec java ${EMULATOR_JAVA_OPTS:--Xmx1g} "$@" -cp "$CP" io.llmload.emulator.EmulatorMain
