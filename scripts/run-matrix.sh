#!/usr/bin/env bash
# Batch-throughput test matrix: BatchThroughputSimulation for every batch size x concurrency x model,
# then one comparison table (target/llmload/matrix/matrix.md).
#   BATCH_SIZES="64 128 256" CONCURRENCY="2 4 8" MODELS="emulated-model" REQUESTS=500 scripts/run-matrix.sh
# BATCH_KEY is the configuration key the batch size sets: emulator.max-num-seqs (the emulated server's
# batch) by default; against a real server, its batch is the server's own setting and the axis is a label.
set -euo pipefail
cd "$(dirname "$0")/.."
BATCH_SIZES=${BATCH_SIZES:-"64 128 256"}
CONCURRENCY=${CONCURRENCY:-"2 4 8"}
MODELS=${MODELS:-"emulated-model"}
REQUESTS=${REQUESTS:-500}
BATCH_KEY=${BATCH_KEY:-emulator.max-num-seqs}
out=target/llmload/matrix
rm -rf "$out" && mkdir -p "$out"
n=0
for model in $MODELS; do
  for batch in $BATCH_SIZES; do
    for c in $CONCURRENCY; do
      n=$((n + 1))
      label="batch_size=$batch concurrency=$c model=$model"
      echo "== cell $n: $label"
      mvn -q gatling:test -Dgatling.simulationClass=io.llmload.simulations.BatchThroughputSimulation \
        -D"$BATCH_KEY"="$batch" -Dsla.concurrency="$c" -Dtarget.model="$model" -Dsla.requests="$REQUESTS" "$@" \
        | grep -E "^\| [0-9]|Measured" || true
      latest=$(ls -dt target/gatling/batchthroughputsimulation-* | head -n 1)
      cp "$latest/sla-projection.json" "$out/cell-$(printf %03d $n).json"
      echo "$label" > "$out/cell-$(printf %03d $n).labels"
    done
  done
done
mvn -q compile exec:java -Dexec.mainClass=io.llmload.capacity.MatrixTable -Dexec.args="$out"
