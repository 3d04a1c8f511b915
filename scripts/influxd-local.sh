#!/usr/bin/env bash
# Starts a throw-away InfluxDB 1.x (Debian's `influxdb` package) on 127.0.0.1, data in a temp folder.
#   scripts/influxd-local.sh start   -> prints "INFLUX_URL=http://127.0.0.1:<port> INFLUX_DIR=<dir> INFLUX_PID=<pid>"
#   scripts/influxd-local.sh stop <dir>
set -euo pipefail
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
case "${1:-}" in
  start)
    command -v influxd >/dev/null || { echo "influxd not found: apt-get install -y influxdb" >&2; exit 1; }
    dir=$(mktemp -d /tmp/llmload-influx.XXXXXX)
    http=$(free_port); rpc=$(free_port)
    sed -e "s|@DIR@|$dir|g" -e "s|@HTTP_PORT@|$http|g" -e "s|@RPC_PORT@|$rpc|g" \
      "$(dirname "$0")/influxd-local.conf" > "$dir/influxdb.conf"
    influxd -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 100); do
      curl -sf "http://127.0.0.1:$http/ping" >/dev/null && break
      sleep 0.2
    done
    curl -sf "http://127.0.0.1:$http/ping" >/dev/null || { echo "influxd did not start; see $dir/influxd.log" >&2; exit 1; }
    echo "INFLUX_URL=http://127.0.0.1:$http INFLUX_DIR=$dir INFLUX_PID=$(cat "$dir/pid")"
    ;;
  stop)
    dir=${2:?usage: stop <dir>}
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start | stop <dir>" >&2; exit 2 ;;
esac
