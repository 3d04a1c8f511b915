"""Groups a `perf script` dump of the injector into the parts of a request (docs/benchmarks.md,
"Against the peers"). A sample belongs to the first "owner" found anywhere in its stack (work done
on its behalf), else to the kernel when its leaf is there, else to the innermost Java frame a part
names.
    python3 scripts/perf-parts.py perf.txt <client CPU microseconds a request>
Prints a Markdown table row per part: its share of the samples and of the microseconds.
"""
import collections
import re
import sys

samples = open(sys.argv[1]).read().split('\n\n')
per_request_us = float(sys.argv[2])
owners = [
 ('Gatling stats writes (waking its stats thread, that thread\'s work)', ['pthread_cond_signal', 'gatling.core.stats', 'gatling.core.actor']),
 # one part: the JIT inlines the request log's line into the recording of the statistics, and then
 # no RequestLog frame is left to tell them apart
 ("llmload's record (statistics, live watch, request log)",
  ['RequestLog', 'OutputStreamWriter', 'LlmMetrics.record', 'LevelStats', 'HdrHistogram', 'LatencyHistogram', 'LiveWatch']),
 ('client-side token counts (jtokkit)', ['jtokkit', 'TokenCounter', 'PromptTokenCounts']),
]
leaves = [
 ('answer parsing (SSE, JSON)', ['CompletionDecoder', 'JsonAnswer', 'SseParser', 'AnswerDecoder', 'jackson']),
 ('request body, headers, URI', ['CompletionCall', 'java.net.URI', 'HttpCall', 'Completion.open', 'DefaultHeaders', 'HttpObjectEncoder', 'HttpHeadersEncoder']),
 ('Gatling session and actions', ['gatling.core.session', 'gatling.core.action', 'RequestAction', 'gatling.core']),
 ('Netty (pipeline, HTTP decoder, buffers, event loop)', ['io.netty', 'NettyTransport', 'ResponseReader']),
]
parts = collections.Counter()
total = 0
for s in samples:
    lines = s.strip().split('\n')
    if len(lines) < 2: continue
    comm = lines[0].split()[0]
    fr = [re.sub(r'^\s*[0-9a-f]+\s+', '', l.strip()) for l in lines[1:]]
    total += 1
    name = None
    # pool-1-thread-N: Gatling's actor threads (its ActorSystem makes the JVM's first Executors pool)
    if comm.startswith('pool-1'): name = owners[0][0]
    if name is None:
        for n, pats in owners:
            if any(p in f for f in fr for p in pats): name = n; break
    if name is None and comm[:2] in ('C1', 'C2', 'VM', 'G1', 'GC'): name = 'JIT compiler, GC, VM threads'
    if name is None and fr and ('[kernel' in fr[0] or 'vdso' in fr[0] or 'libc' in fr[0]): name = 'kernel (sockets, TCP, epoll, scheduling)'
    if name is None:
        for f in fr:
            for n, pats in leaves:
                if any(p in f for p in pats): name = n; break
            if name: break
    parts[name or 'other'] += 1
print(f"{total} samples; {per_request_us:.1f} us of client CPU a request (or a stream)")
for name, n in parts.most_common():
    print(f"| {name} | {100*n/total:.1f} % | {per_request_us*n/total:.1f} |")
