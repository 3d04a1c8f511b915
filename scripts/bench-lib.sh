# Sourced by the pinned benchmark scripts (bench-scale-out.sh, bench-injector-cost.sh, ...): the project
# built, a java command over its test classpath, the emulator started on core 0, and a process's CPU.
#   bench_java <out dir> <heap>     sets JAVA=(java ... -cp <classpath>)
#   bench_emulator <out dir> <port> <-Demulator.* ...>   starts it pinned to core 0 (or to the cores
#                                   BENCH_EMULATOR_CORES lists), waits until it serves, stops it when the script exits
#   bench_injector <results dir> <port> <hold> <JVM options, -D keys ...>   starts StreamingBenchmarkSimulation
#                                   pinned to core 1 in the background (BENCH_INJECTOR_PID), console in <results dir>.log;
#                                   a request budget of 60 s unless the options set target.request-timeout
#   bench_cpu_ticks <pid>           its utime + stime now, in clock ticks
#   bench_cpu_until_exit <pid>      waits for it to exit and prints its ticks as last seen
#   bench_completed_between <results dir> <from ms> <to ms>   llmload's OK requests that ended in that window

bench_java() {
  local out=$1 heap=$2
  mvn -q -B -o test-compile > "$out/build.log"
  mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" > "$out/build.log"
  JAVA=(java --add-opens=java.base/java.lang=ALL-UNNAMED "-Xmx$heap" -cp "$(cat "$out/classpath.txt"):target/classes:target/test-classes")
}

bench_emulator() {
  local out=$1 port=$2
  shift 2
  taskset -c "${BENCH_EMULATOR_CORES:-0}" "${JAVA[@]}" -Demulator.port="$port" -Demulator.ground-truth-capacity=0 "$@" \
    io.llmload.emulator.EmulatorMain > "$out/emulator.log" 2>&1 &
  BENCH_EMULATOR_PID=$!
  trap 'kill $BENCH_EMULATOR_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do grep -q "serving model" "$out/emulator.log" && break; sleep 1; done
}

bench_injector() {
  local results=$1 port=$2 hold=$3
  shift 3
  # the request budget comes before the caller's options, which may set their own
  taskset -c 1 "${JAVA[@]}" -Dtarget.request-timeout=60s "$@" -Dllmload.results-dir="$results" \
    -Dtarget.base-url="http://127.0.0.1:$port" -Dbenchmark.hold-time="$hold" \
    io.gatling.app.Gatling -s io.llmload.bench.StreamingBenchmarkSimulation -rf "$results" -nr > "$results.log" 2>&1 &
  BENCH_INJECTOR_PID=$!
}

# utime + stime of a process in clock ticks (getconf CLK_TCK a second), from /proc
bench_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Follows a process until it exits and prints its CPU ticks as last seen (its /proc entry goes with it)
bench_cpu_until_exit() {
  local pid=$1 ticks=0
  while kill -0 "$pid" 2>/dev/null; do
    ticks=$(bench_cpu_ticks "$pid" 2>/dev/null || echo "$ticks")
    sleep 0.2
  done
  echo "$ticks"
}

# The requests (or streams) of an llmload run's request log (<results dir>/*/llm-requests.jsonl) that
# ended OK between two epoch milliseconds
bench_completed_between() {
  python3 - "$1" "$2" "$3" <<'PY'
import glob, json, sys
log = glob.glob(sys.argv[1] + "/*/llm-requests.jsonl")[0]
start, end = int(sys.argv[2]), int(sys.argv[3])
print(sum(1 for r in map(json.loads, open(log)) if r["ok"] and start <= r["start_ms"] + r["e2e_ms"] < end))
PY
}
