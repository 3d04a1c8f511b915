#!/usr/bin/env python3
"""Writes grafana/provisioning/alerting/llmload-alert-rules.yaml: Grafana alert rules (file
provisioning, Grafana 10/11) for the alert bands of llmload.conf's alerts.news and alerts.runpod
(the news GPU-memory and queue-depth bands on the llmload_server points of server-metrics),
on the provisioned InfluxDB datasource. Contact points and notification policies are left to you.
Edit this file and run it again (needs python3-yaml):
    python3 scripts/generate-grafana-alert-rules.py
"""
import pathlib

import yaml

OUT = pathlib.Path(__file__).resolve().parent.parent / "grafana" / "provisioning" / "alerting" / "llmload-alert-rules.yaml"
DS_UID = "llmload-influxdb"
# the last 10 minutes of the workload's runs, whatever their run_id
WINDOW_SECONDS = 600
NEWS = "\"simulation\" = 'NewsCategorizationSimulation'"
RUNPOD = "\"simulation\" =~ /^RunPod/"


def rule(uid, title, query, op, limit, severity, workload, summary):
    return {
        "uid": uid, "title": title, "condition": "C",
        "data": [
            {"refId": "A", "relativeTimeRange": {"from": WINDOW_SECONDS, "to": 0}, "datasourceUid": DS_UID,
             "model": {"refId": "A", "rawQuery": True, "resultFormat": "time_series", "query": query}},
            {"refId": "B", "datasourceUid": "__expr__",
             "model": {"refId": "B", "type": "reduce", "expression": "A", "reducer": "last", "settings": {"mode": "dropNN"}}},
            {"refId": "C", "datasourceUid": "__expr__",
             "model": {"refId": "C", "type": "threshold", "expression": "B",
                       "conditions": [{"evaluator": {"type": op, "params": [limit]}}]}},
        ],
        # no llmload run in the window is not an alert
        "noDataState": "OK", "execErrState": "Error", "for": "1m",
        "labels": {"severity": severity, "workload": workload, "source": "llmload"},
        "annotations": {"summary": summary},
    }


def q(select, measurement, where):
    return f'SELECT {select} FROM "{measurement}" WHERE {where} AND $timeFilter GROUP BY time(1m) fill(none)'


def news_rules():
    p95 = q('percentile("latency_ms", 95)', "llmload_request", NEWS + " AND \"status\" = 'ok'")
    gpu = q('max("gpu_memory_used_pct")', "llmload_server", NEWS)
    waiting = q('max("waiting_requests")', "llmload_server", NEWS)
    success = q('100 * sum("ok") / sum("requests")', "llmload_second", NEWS)
    return [
        rule("llmload-news-success-warning", "news: success below 95 %", success, "lt", 95, "warning", "news",
             "News categorisation: under 95 % of requests succeed (a minute of the run)."),
        rule("llmload-news-success-critical", "news: success below 90 %", success, "lt", 90, "critical", "news",
             "News categorisation: under 90 % of requests succeed (a minute of the run)."),
        rule("llmload-news-p95-warning", "news: E2E p95 above 4 s", p95, "gt", 4000, "warning", "news",
             "News categorisation: p95 latency of successful requests above 4 s."),
        rule("llmload-news-p95-critical", "news: E2E p95 above 6 s", p95, "gt", 6000, "critical", "news",
             "News categorisation: p95 latency of successful requests above 6 s."),
        rule("llmload-news-gpu-memory-warning", "news: GPU memory above 85 %", gpu, "gt", 85, "warning", "news",
             "News categorisation: the GPU's memory (DCGM) above 85 % used."),
        rule("llmload-news-gpu-memory-critical", "news: GPU memory above 92 %", gpu, "gt", 92, "critical", "news",
             "News categorisation: the GPU's memory (DCGM) above 92 % used."),
        rule("llmload-news-queue-depth-warning", "news: server queue above 50", waiting, "gt", 50, "warning", "news",
             "News categorisation: more than 50 requests waiting in the server's queue."),
        rule("llmload-news-queue-depth-critical", "news: server queue above 100", waiting, "gt", 100, "critical", "news",
             "News categorisation: more than 100 requests waiting in the server's queue."),
    ]


def runpod_rules():
    ok = RUNPOD + " AND \"status\" = 'ok'"
    return [
        rule("llmload-runpod-exec-p95", "RunPod: execution p95 above 5 s", q('percentile("exec_ms", 95)', "llmload_request", ok),
             "gt", 5000, "warning", "runpod", "RunPod jobs: the workers' execution time p95 above 5 s."),
        rule("llmload-runpod-delay-p50", "RunPod: queue delay p50 above 2 s", q('percentile("queue_ms", 50)', "llmload_request", ok),
             "gt", 2000, "warning", "runpod", "RunPod jobs: median delayTime above 2 s (cold starts or too few workers)."),
        rule("llmload-runpod-total-p95", "RunPod: total p95 above 8 s", q('percentile("latency_ms", 95)', "llmload_request", ok),
             "gt", 8000, "warning", "runpod", "RunPod jobs: client-observed total p95 above 8 s."),
        rule("llmload-runpod-fail-rate", "RunPod: failure rate above 1 %", q('100 * sum("ko") / sum("requests")', "llmload_second", RUNPOD),
             "gt", 1, "critical", "runpod", "RunPod jobs: more than 1 % of jobs failed."),
    ]


def main():
    doc = {"apiVersion": 1, "groups": [
        {"orgId": 1, "name": "llmload news", "folder": "llmload", "interval": "1m", "rules": news_rules()},
        {"orgId": 1, "name": "llmload runpod", "folder": "llmload", "interval": "1m", "rules": runpod_rules()},
    ]}
    header = ("# Grafana alert rules for llmload's alert bands (generated by scripts/generate-grafana-alert-rules.py).\n"
              "# Copy to /etc/grafana/provisioning/alerting/ with the datasource of ../datasources/; add your own\n"
              "# contact points and notification policy (labels: source=llmload, workload, severity).\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + yaml.safe_dump(doc, sort_keys=False, width=200))
    print("wrote", OUT.name)


if __name__ == "__main__":
    main()
