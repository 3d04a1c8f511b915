#!/usr/bin/env bash
# Soak readiness (docs/benchmarks.md §6): RunPodSoakSimulation at c=2 against the embedded emulator
# for DURATION (30m), metrics streaming to a local influxd; then the injector's heap and the
# InfluxDB write latency per 5-minute window, read back from InfluxDB (measurement llmload_sink).
#   DURATION=30m scripts/bench-influx-soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30m}
WINDOW=${WINDOW:-5m}
eval "$(scripts/influxd-local.sh start)"
trap 'scripts/influxd-local.sh stop "$INFLUX_DIR"' EXIT
RUN_ID="influx-soak-$(date -u +%Y%m%d-%H%M%S)"
echo "influxd at $INFLUX_URL ($INFLUX_DIR), run_id $RUN_ID, duration $DURATION"
mvn -q gatling:test -Dgatling.simulationClass=io.llmload.simulations.RunPodSoakSimulation \
  -Drunpod.soak.duration="$DURATION" -Dinflux.enabled=true -Dinflux.url="$INFLUX_URL" -Dinflux.run-id="$RUN_ID" \
  | grep -E "llmload|InfluxDB|^c=|^all|PASS|FAIL" || true
q() { curl -sG "$INFLUX_URL/query" --data-urlencode db=llmload --data-urlencode "q=$1"; echo; }
echo "--- per $WINDOW window: min heap used (MB, ~ live set), slowest batch write (ms), batch writes, queued points (max)"
q "SELECT min(heap_used_mb), max(write_max_ms), sum(writes), max(queued) FROM llmload_sink WHERE run_id='$RUN_ID' GROUP BY time($WINDOW) fill(none)"
echo "--- totals"
q "SELECT last(generated_total), last(written_total), last(dropped_total), last(failed_writes_total) FROM llmload_sink WHERE run_id='$RUN_ID'"
q "SELECT count(latency_ms) FROM llmload_request WHERE run_id='$RUN_ID'"
