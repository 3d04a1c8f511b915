#!/usr/bin/env bash
# Bounds what the nightly soaks keep in InfluxDB: raw points in retention policy "raw" (the default,
# influx.retention.raw-duration, 30d) and hourly roll-ups per run in "trends" (INF) by continuous
# queries, for the soak-trends dashboard. Idempotent. --backfill rolls up the raw points kept so far.
#   scripts/influx-retention.sh -Dinflux.url=http://influx:8086 [-Dinflux.retention.raw-duration=14d] [--backfill]
# Credentials: INFLUX_USER / INFLUX_PASSWORD in the environment, as for the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
props=()
for a in "$@"; do
  case "$a" in
    -D*) props+=("$a") ;;
    --backfill) args+=(--backfill) ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done
exec ${MVN:-mvn} -q compile exec:java -Dexec.mainClass=io.llmload.sink.InfluxRetention -Dexec.args="${args[*]:-}" "${props[@]}"
