#!/usr/bin/env python3
"""Benchmark (docs/benchmarks.md section 1): how long this machine takes to wake a thread on another
core. A parent pinned to one core writes to a pipe after a pause; a child pinned to the other core,
blocked on the pipe, answers with the time it woke. Prints the wake-up latency percentiles in us.

    python3 scripts/bench-wake-latency.py 0 1 0.001    # cores 0 -> 1, 1 ms between wake-ups
    python3 scripts/bench-wake-latency.py 0 1 0.02     # 20 ms: the reader's core has gone idle
    python3 scripts/bench-wake-latency.py 0 0 0.001    # the same core (no inter-processor interrupt)
"""
import os
import sys
import time

ROUNDS = 2000


def main():
    writer_core, reader_core = int(sys.argv[1]), int(sys.argv[2])
    pause = float(sys.argv[3]) if len(sys.argv) > 3 else 0.001
    ping_read, ping_write = os.pipe()
    pong_read, pong_write = os.pipe()
    if os.fork() == 0:
        os.sched_setaffinity(0, {reader_core})
        for _ in range(ROUNDS):
            os.read(ping_read, 8)
            os.write(pong_write, time.monotonic_ns().to_bytes(8, "little"))
        os._exit(0)
    os.sched_setaffinity(0, {writer_core})
    latencies = []
    for _ in range(ROUNDS):
        time.sleep(pause)
        sent = time.monotonic_ns()
        os.write(ping_write, b"x" * 8)
        woke = int.from_bytes(os.read(pong_read, 8), "little")
        latencies.append((woke - sent) / 1000)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"core {writer_core} -> {reader_core}, {pause * 1000:g} ms apart: wake-up us "
          f"p50 {pick(0.5):.1f}  p90 {pick(0.9):.1f}  p99 {pick(0.99):.1f}  max {latencies[-1]:.1f}")


if __name__ == "__main__":
    main()
