#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json (Grafana 10/11, InfluxQL on the provisioned datasource).

The dashboards are generated so that panel ids, datasource references, variables and the
reports' thresholds stay consistent; edit this file and run it again:
    python3 scripts/generate-grafana-dashboards.py
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "grafana" / "dashboards"
DS = {"type": "influxdb", "uid": "llmload-influxdb"}
SCHEMA_VERSION = 39
RUN = '"simulation" =~ /^$simulation$/ AND "run_id" =~ /^$run_id$/ AND "target" =~ /^$target$/'


def variable(name, query, label, include_all=True):
    return {
        "name": name, "label": label, "type": "query", "datasource": DS, "query": query,
        "refresh": 2, "includeAll": include_all, "allValue": ".*", "multi": False, "sort": 1,
        "current": {"selected": True, "text": "All", "value": "$__all"} if include_all else {},
        "options": [], "hide": 0,
    }


VARIABLES = [
    variable("simulation", 'SHOW TAG VALUES FROM "llmload_request" WITH KEY = "simulation"', "Simulation"),
    variable("run_id", 'SHOW TAG VALUES FROM "llmload_request" WITH KEY = "run_id" WHERE "simulation" =~ /^$simulation$/', "Run"),
    variable("target", 'SHOW TAG VALUES FROM "llmload_request" WITH KEY = "target"', "Target"),
]

ANNOTATIONS = {"list": [
    {"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True, "hide": True,
     "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts", "type": "dashboard"},
    {"datasource": DS, "enable": True, "iconColor": "purple", "name": "llmload run start/end",
     "query": 'SELECT "event_name" FROM "llmload_run" WHERE $timeFilter AND ' + RUN, "textColumn": "event_name",
     "tagsColumn": "run_id"},
    {"datasource": DS, "enable": True, "iconColor": "red", "name": "llmload live alerts",
     "query": 'SELECT "text", "measured" FROM "llmload_alert" WHERE $timeFilter AND ' + RUN, "textColumn": "text",
     "tagsColumn": "alert,state"},
]}


def thresholds(steps, base="green"):
    """steps: [(value, color)] above the base colour."""
    return {"mode": "absolute", "steps": [{"color": base, "value": None}] + [{"color": c, "value": v} for v, c in steps]}


class Dashboard:
    def __init__(self, uid, title, description, time_from="now-6h", variables=VARIABLES):
        self.uid, self.title, self.description, self.time_from = uid, title, description, time_from
        self.variables = variables
        self.panels = []
        self.y = 0

    def panel(self, title, queries, unit, kind="timeseries", steps=None, description="", fmt="time_series", width=12, height=8,
              base="green"):
        pid = len(self.panels) + 1
        x = 0 if not self.panels or self.panels[-1]["gridPos"]["x"] + self.panels[-1]["gridPos"]["w"] + width > 24 \
            else self.panels[-1]["gridPos"]["x"] + self.panels[-1]["gridPos"]["w"]
        if x == 0 and self.panels:
            self.y += self.panels[-1]["gridPos"]["h"]
        defaults = {"unit": unit}
        if steps:
            defaults["thresholds"] = thresholds(steps, base)
            defaults["custom"] = {"thresholdsStyle": {"mode": "line+area" if kind == "timeseries" else "line"}}
        targets = []
        for i, (query, alias) in enumerate(queries):
            targets.append({"refId": chr(ord("A") + i), "datasource": DS, "rawQuery": True, "query": query,
                            "alias": alias, "resultFormat": fmt})
        self.panels.append({
            "id": pid, "type": kind, "title": title, "description": description, "datasource": DS,
            "gridPos": {"x": x, "y": self.y, "w": width, "h": height},
            "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["mean", "max"]},
                        "tooltip": {"mode": "multi"}},
        })

    def write(self):
        doc = {
            "uid": self.uid, "title": self.title, "description": self.description, "tags": ["llmload"],
            "schemaVersion": SCHEMA_VERSION, "version": 1, "editable": True, "timezone": "browser",
            "time": {"from": self.time_from, "to": "now"}, "refresh": "10s", "graphTooltip": 1,
            "templating": {"list": self.variables}, "annotations": ANNOTATIONS, "panels": self.panels, "links": [
                {"title": "llmload dashboards", "type": "dashboards", "tags": ["llmload"], "asDropdown": True,
                 "includeVars": True, "keepTime": True}],
        }
        (OUT / (self.uid + ".json")).write_text(json.dumps(doc, indent=2) + "\n")


def q(select, measurement, group="time($__interval) fill(null)", extra="", rp=None):
    source = f'"{rp}"."{measurement}"' if rp else f'"{measurement}"'
    return f'SELECT {select} FROM {source} WHERE $timeFilter AND {RUN}{extra} GROUP BY {group}'


def overview():
    d = Dashboard("llmload-overview", "llmload — overview", "Load, users, errors and latency of a run (any simulation).")
    d.panel("Requests per second", [(q('mean("requests_per_s")', "llmload_second", 'time($__interval), "injector" fill(null)'), "$tag_injector")], "reqps")
    d.panel("Active users (requests in flight)", [(q('mean("in_flight")', "llmload_second", 'time($__interval), "injector" fill(null)'), "$tag_injector")], "short")
    d.panel("Errors by kind", [(q('sum("count")', "llmload_errors", 'time($__interval), "failure_kind" fill(0)'), "$tag_failure_kind")], "short",
            kind="timeseries", description="KOs per interval by failure kind (the stable part of the reason).")
    d.panel("Success rate", [(q('sum("ok") / sum("requests") * 100', "llmload_second"), "success %")], "percent",
            steps=[(90, "orange"), (95, "green")], base="red",
            description="News report bands: below 95 % warning, below 90 % critical.")
    d.panel("Latency p50 / p95 / p99 (sent → last byte)", [
        (q('percentile("latency_ms", 50)', "llmload_request"), "p50"),
        (q('percentile("latency_ms", 95)', "llmload_request"), "p95"),
        (q('percentile("latency_ms", 99)', "llmload_request"), "p99")], "ms",
        steps=[(4000, "orange"), (6000, "red")], description="News report alert bands: p95 > 4 s warning, > 6 s critical.", width=24)
    d.write()


def llm():
    d = Dashboard("llmload-llm", "llmload — LLM metrics", "TTFT, inter-token latency, tokens/s and token counts (docs/metrics.md).")
    d.panel("Time to first token p50 / p95", [
        (q('percentile("ttft_ms", 50)', "llmload_request"), "TTFT p50"),
        (q('percentile("ttft_ms", 95)', "llmload_request"), "TTFT p95")], "ms", steps=[(1000, "red")],
        description="SLO ttft-p95-at-10: 1 s.")
    d.panel("Inter-token latency p50 / p95 (per-request mean gap)", [
        (q('percentile("itl_ms", 50)', "llmload_request"), "ITL p50"),
        (q('percentile("itl_ms", 95)', "llmload_request"), "ITL p95")], "ms", steps=[(50, "red")],
        description="SLO itl-p95-at-10: 50 ms.")
    d.panel("Output tokens per second", [(q('mean("output_tokens_per_s")', "llmload_second", 'time($__interval), "injector" fill(null)'), "$tag_injector")], "short")
    d.panel("Prompt and completion tokens per request", [
        (q('mean("prompt_tokens")', "llmload_request"), "prompt tokens"),
        (q('mean("completion_tokens")', "llmload_request"), "completion tokens")], "short")
    d.panel("Latency by load level (p95)", [(q('percentile("latency_ms", 95)', "llmload_request", 'time($__interval), "level" fill(null)'), "c=$tag_level")], "ms",
            steps=[(3500, "red")], description="SLO latency-p95-at-10: 3.5 s.", width=24)
    d.panel("Server: running and waiting requests", [
        (q('max("running_requests")', "llmload_server"), "running"),
        (q('max("waiting_requests")', "llmload_server"), "waiting")], "short", steps=[(50, "orange"), (100, "red")],
        description="From the server's /metrics (vLLM, llama.cpp, TGI, SGLang). Alert bands: queue depth 50 / 100.")
    d.panel("Server: KV-cache use", [(q('max("kv_cache_usage_pct")', "llmload_server"), "KV cache")], "percent")
    d.panel("GPU memory used (DCGM)", [(q('max("gpu_memory_used_pct")', "llmload_server"), "GPU memory")], "percent",
            steps=[(85, "orange"), (92, "red")], description="From a DCGM exporter (server-metrics.dcgm-url). Alert bands: 85 % / 92 %.", width=24)
    d.write()


def runpod():
    d = Dashboard("llmload-runpod", "llmload — RunPod serverless", "Queue (delayTime) vs execution (executionTime) vs overhead, and the endpoint's workers.")
    d.panel("Job latency breakdown (p50)", [
        (q('percentile("queue_ms", 50)', "llmload_request"), "queue"),
        (q('percentile("exec_ms", 50)', "llmload_request"), "execution"),
        (q('percentile("overhead_ms", 50)', "llmload_request"), "overhead")], "ms",
        description="Stacked: total p50 ≈ queue + execution + overhead.", width=24)
    d.panel("Execution p95", [(q('percentile("exec_ms", 95)', "llmload_request"), "exec p95")], "ms", steps=[(5000, "red")],
            description="Alert: exec_ms P95 > 5000 ms.", width=8)
    d.panel("Queue delay p50", [(q('percentile("queue_ms", 50)', "llmload_request"), "delay p50")], "ms", steps=[(2000, "red")],
            description="Alert: delay_ms P50 > 2000 ms.", width=8)
    d.panel("Total p95", [(q('percentile("latency_ms", 95)', "llmload_request"), "total p95")], "ms", steps=[(8000, "red")],
            description="Alert: total_ms P95 > 8000 ms.", width=8)
    d.panel("Workers", [
        (q('mean("workers_idle")', "llmload_runpod_health"), "idle"),
        (q('mean("workers_running")', "llmload_runpod_health"), "running"),
        (q('mean("workers_initializing")', "llmload_runpod_health"), "initializing")], "short")
    d.panel("Jobs", [
        (q('mean("jobs_in_queue")', "llmload_runpod_health"), "in queue"),
        (q('mean("jobs_in_progress")', "llmload_runpod_health"), "in progress")], "short")
    d.panel("Fail rate", [(q('sum("ko") / sum("requests") * 100', "llmload_second"), "fail %")], "percent", steps=[(1, "red")],
            description="Alert: fail_rate > 1 %.", width=24)
    d.write()


def capacity():
    d = Dashboard("llmload-capacity", "llmload — capacity ladder", "Per concurrency step: P95 against the SLO line, throughput, success.")
    by_level = '"level"'
    d.panel("P95 per step vs SLO (3.81 s)", [(q('percentile("latency_ms", 95)', "llmload_request", by_level), "p95")], "ms",
            kind="barchart", fmt="table", steps=[(3810, "red")], description="Capacity = the largest step under the line.")
    d.panel("P99 per step", [(q('percentile("latency_ms", 99)', "llmload_request", by_level), "p99")], "ms", kind="barchart", fmt="table")
    d.panel("Requests per step", [(q('count("latency_ms")', "llmload_request", by_level), "requests")], "short", kind="barchart", fmt="table")
    d.panel("Output tokens per step", [(q('sum("completion_tokens")', "llmload_request", by_level), "tokens")], "short", kind="barchart", fmt="table")
    d.panel("P95 over time, by step", [(q('percentile("latency_ms", 95)', "llmload_request", 'time($__interval), "level" fill(null)'), "c=$tag_level")], "ms",
            steps=[(3810, "red")], width=24)
    d.write()


def soak_trends():
    d = Dashboard("llmload-soak-trends", "llmload — soak trends across nights",
                  "One point per run and day: is tonight's soak worse than last week's?", time_from="now-30d")
    per_night = 'time(1d), "run_id" fill(none)'
    d.panel("Latency p95 per night", [(q('percentile("latency_ms", 95)', "llmload_request", per_night), "$tag_run_id")], "ms",
            steps=[(8000, "red")])
    d.panel("Error rate per night", [(q('sum("ko") / sum("requests") * 100', "llmload_second", per_night), "$tag_run_id")], "percent",
            steps=[(1, "red")])
    d.panel("Throughput per night (requests/s)", [(q('mean("requests_per_s")', "llmload_second", per_night), "$tag_run_id")], "reqps")
    d.panel("Output tokens/s per night", [(q('mean("output_tokens_per_s")', "llmload_second", per_night), "$tag_run_id")], "short")
    d.panel("Injector heap (min used per hour)", [(q('min("heap_used_mb")', "llmload_sink", 'time(1h), "run_id" fill(none)'), "$tag_run_id")], "decmbytes",
            description="A rising floor across a night means a leak.")
    d.panel("InfluxDB points dropped per run", [(q('last("dropped_total")', "llmload_sink", '"run_id"'), "$tag_run_id")], "short",
            kind="barchart", fmt="table")
    # the hourly roll-ups of scripts/influx-retention.sh (retention policy "trends"): kept after the raw points expire
    d.panel("TTFT p95 per night (roll-up)", [(q('max("ttft_p95_ms")', "llmload_request_1h", per_night, extra=" AND \"status\" = 'ok'", rp="trends"),
                                              "$tag_run_id")], "ms", steps=[(1000, "red")],
            description="From the trends retention policy (scripts/influx-retention.sh).")
    d.panel("Latency p95 per night (roll-up)", [(q('max("latency_p95_ms")', "llmload_request_1h", per_night, extra=" AND \"status\" = 'ok'", rp="trends"),
                                                 "$tag_run_id")], "ms")
    d.panel("SLO and regression failures per night", [
        (q('max("slo_failures")', "llmload_run_1h", per_night, rp="trends"), "SLO failures $tag_run_id"),
        (q('max("regression_failures")', "llmload_run_1h", per_night, rp="trends"), "regressions $tag_run_id")], "short",
        kind="barchart", fmt="table", steps=[(1, "red")], description="0 = every SLO held and nothing regressed against the baseline.")
    d.panel("Live alerts fired per night", [(q('sum("fired")', "llmload_alert_1h", per_night, rp="trends"), "$tag_run_id")], "short",
            kind="barchart", fmt="table", steps=[(1, "orange")])
    d.write()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    overview()
    llm()
    runpod()
    capacity()
    soak_trends()
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("*.json"))))
