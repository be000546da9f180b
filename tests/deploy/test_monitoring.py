"""Prometheus rules and Alertmanager (promtool / amtool from Debian's prometheus and
prometheus-alertmanager), and the structure of the Loki, Promtail and Grafana configs."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import yaml

from tests.deploy.common import (
    MONITORING,
    REPO,
    require,
    run,
)

# Metric names Prometheus rules and dashboards may use besides the platform's own.
STANDARD_METRIC = re.compile(
    r"^(up|ALERTS|ALERTS_FOR_STATE|scrape_\w+|node_\w+|process_\w+|python_\w+|go_\w+|prometheus_\w+"
    r"|alertmanager_\w+|loki_\w+|promtail_\w+|grafana_\w+|minio_\w+)$"
)
PROMQL_WORDS = {
    # aggregations, functions, keywords
    "sum",
    "min",
    "max",
    "avg",
    "count",
    "stddev",
    "stdvar",
    "topk",
    "bottomk",
    "quantile",
    "count_values",
    "group",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "bool",
    "offset",
    "rate",
    "irate",
    "increase",
    "delta",
    "idelta",
    "deriv",
    "predict_linear",
    "histogram_quantile",
    "absent",
    "absent_over_time",
    "abs",
    "ceil",
    "floor",
    "round",
    "clamp",
    "clamp_min",
    "clamp_max",
    "exp",
    "ln",
    "log2",
    "log10",
    "sqrt",
    "time",
    "timestamp",
    "vector",
    "scalar",
    "sort",
    "sort_desc",
    "label_replace",
    "label_join",
    "changes",
    "resets",
    "avg_over_time",
    "min_over_time",
    "max_over_time",
    "sum_over_time",
    "count_over_time",
    "quantile_over_time",
    "last_over_time",
    "present_over_time",
    "inf",
    "nan",
    "e",
}



# Platform metric names, read from the code that defines them.
def platform_metrics() -> set[str]:
    names = {"addax_queue_depth", "addax_queue_in_flight", "addax_queue_delayed", "addax_dead_letters"}
    sources = [REPO / "shared/addax_common/metrics.py", REPO / "services/api/addax_api/metrics.py",
               REPO / "services/alerts/addax_alerts/metrics.py"]
    for source in sources:
        if not source.exists():
            continue
        for kind, name in re.findall(
            r"\b(Counter|Gauge|Histogram|Summary)\(\s*\"([a-z_:][a-z0-9_:]*)\"", source.read_text()
        ):
            if kind == "Counter":
                base = name[: -len("_total")] if name.endswith("_total") else name
                names |= {f"{base}_total", f"{base}_created"}
            elif kind in ("Histogram", "Summary"):
                names |= {f"{name}_bucket", f"{name}_sum", f"{name}_count", f"{name}_created"}
            else:
                names.add(name)
    return names


def metric_names(expr: str) -> set[str]:
    """Metric names in a PromQL expression (labels, strings, durations and functions removed)."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"\[[^\]]*\]", "", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\boffset\s+\d+[smhdwy]", " ", text)
    tokens = set(re.findall(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w(])", text))
    return {t for t in tokens if t.lower() not in PROMQL_WORDS}


def assert_known_metrics(exprs: list[str], where: str) -> None:
    known = platform_metrics()
    unknown = sorted({m for e in exprs for m in metric_names(e) if m not in known and not STANDARD_METRIC.match(m)})
    assert not unknown, f"{where} uses metrics no service exports: {unknown}"


def test_promtool_check_config():
    tool = require("promtool", "prometheus")
    result = run([tool, "check", "config", str(MONITORING / "prometheus.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_rules():
    tool = require("promtool", "prometheus")
    result = run([tool, "check", "rules", str(MONITORING / "prometheus-alerts.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_alert_rules_fire_as_specified():
    tool = require("promtool", "prometheus")
    tests = sorted(str(p) for p in (MONITORING / "tests").glob("*.test.yml"))
    assert len(tests) >= 2
    result = run([tool, "test", "rules", *tests])
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheus_scrapes_every_service():
    config = yaml.safe_load((MONITORING / "prometheus.yml").read_text())
    assert config["global"]["scrape_interval"] == "15s"
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    expected_ports = {"ingestion": 9101, "detection": 9102, "classification": 9103, "alerts": 9104, "api": 8000}
    for job, port in expected_ports.items():
        assert job in jobs, job
        targets = [t for sc in jobs[job].get("static_configs", []) for t in sc["targets"]]
        targets += [f"{n}:{sd['port']}" for sd in jobs[job].get("dns_sd_configs", []) for n in sd["names"]]
        assert f"{job}:{port}" in targets, f"{job} not scraped on {port}: {targets}"
    # Scalable services are discovered through DNS so every replica is scraped.
    assert "dns_sd_configs" in jobs["detection"] and "dns_sd_configs" in jobs["classification"]
    assert config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"] == ["alertmanager:9093"]
    assert {"node", "minio", "alertmanager"} <= set(jobs)


def test_alert_rules_cover_the_plan_and_use_existing_metrics():
    rules = yaml.safe_load((MONITORING / "prometheus-alerts.yml").read_text())
    alerts = {r["alert"]: r for g in rules["groups"] for r in g["rules"] if "alert" in r}
    for name in (
        "QueueBacklog",
        "ServiceDown",
        "ProcessingLatencyHigh",
        "HighFailureRate",
        "DeadLettersGrowing",
        "DiskAlmostFull",
        "NoImagesIngested",
    ):
        assert name in alerts, name
    assert alerts["QueueBacklog"]["for"] == "5m" and "> 100" in alerts["QueueBacklog"]["expr"]
    assert alerts["ServiceDown"]["for"] == "1m"
    assert "> 120" in alerts["ProcessingLatencyHigh"]["expr"]
    assert "> 0.05" in alerts["HighFailureRate"]["expr"]
    assert "[24h]" in alerts["NoImagesIngested"]["expr"]
    for name, rule in alerts.items():
        assert rule["labels"]["severity"] in ("critical", "warning", "info"), name
        assert rule["annotations"].get("summary") and rule["annotations"].get("description"), name
    assert_known_metrics([r["expr"] for r in alerts.values()], "prometheus-alerts.yml")


def test_metric_name_extraction():
    expr = 'sum by (stage) (rate(addax_images_failed_total{stage=~"a|b"}[5m])) / on() up offset 30m > 0.05'
    assert metric_names(expr) == {"addax_images_failed_total", "up"}
    assert metric_names("histogram_quantile(0.95, sum by (le) (rate(x_bucket[10m])))") == {"x_bucket"}


def render_alertmanager(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ALERTMANAGER_TEMPLATE": str(MONITORING / "alertmanager.yml"),
        "ALERTMANAGER_CONFIG": str(tmp_path / "alertmanager.yml"),
        "ALERT_EMAIL_TO": "ops@example.org",
        "ALERT_EMAIL_FROM": "alertmanager@example.org",
        "ALERT_SMTP_SMARTHOST": "smtp.example.org:587",
        "ALERT_SMTP_USERNAME": "alertmanager@example.org",
        "ALERT_SMTP_PASSWORD": 'p&ss|wo\\rd$1"x',
        "ALERT_WEBHOOK_URL": "http://alerts:9105/alertmanager",
        "ALERT_WEBHOOK_TOKEN": "am-token-0123456789abcdef0123456789abcdef",
    }
    env.update(overrides)
    return run(["sh", str(MONITORING / "alertmanager-render.sh")], env=env)


def test_alertmanager_config_renders_and_passes_amtool(tmp_path):
    tool = require("amtool", "prometheus-alertmanager")
    rendered = render_alertmanager(tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    config = yaml.safe_load((tmp_path / "alertmanager.yml").read_text())
    assert config["global"]["smtp_auth_password"] == 'p&ss|wo\\rd$1"x'  # literal, not shell-expanded
    receivers = {r["name"]: r for r in config["receivers"]}
    assert receivers["email"]["email_configs"][0]["to"] == "ops@example.org"
    webhook = receivers["email-and-webhook"]["webhook_configs"][0]
    assert webhook["url"] == "http://alerts:9105/alertmanager"
    assert webhook["http_config"]["authorization"] == {"type": "Bearer",
                                                       "credentials": "am-token-0123456789abcdef0123456789abcdef"}
    result = run([tool, "check-config", str(tmp_path / "alertmanager.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_alertmanager_render_refuses_missing_values(tmp_path):
    rendered = render_alertmanager(tmp_path, ALERT_EMAIL_TO="", ALERT_SMTP_PASSWORD="", ALERT_WEBHOOK_TOKEN="")
    assert rendered.returncode != 0
    assert "ALERT_EMAIL_TO is not set" in rendered.stderr
    assert "ALERT_WEBHOOK_TOKEN is not set" in rendered.stderr  # never an unauthenticated webhook
    assert "ALERT_SMTP_PASSWORD" not in rendered.stderr  # optional: relays without authentication


# --- Loki, Promtail, Grafana ----------------------------------------------------------------------------
def test_loki_keeps_logs_seven_days():
    config = yaml.safe_load((MONITORING / "loki-config.yml").read_text())
    assert config["limits_config"]["retention_period"] == "168h"
    assert config["limits_config"]["allow_structured_metadata"] is True
    assert config["compactor"]["retention_enabled"] is True
    assert config["compactor"]["delete_request_store"] == "filesystem"
    schema = config["schema_config"]["configs"][-1]
    assert schema["store"] == "tsdb" and schema["schema"] == "v13"
    assert config["server"]["http_listen_port"] == 3100


def test_promtail_labels_and_structured_metadata():
    config = yaml.safe_load((MONITORING / "promtail-config.yml").read_text())
    assert config["clients"][0]["url"] == "http://loki:3100/loki/api/v1/push"
    job = config["scrape_configs"][0]
    assert job["docker_sd_configs"][0]["host"] == "unix:///var/run/docker.sock"
    targets = {r.get("target_label") for r in job["relabel_configs"]}
    assert {"service", "container"} <= targets
    stages = {name: body for stage in job["pipeline_stages"] for name, body in stage.items()}
    assert {"level", "image_id"} <= set(stages["json"]["expressions"])
    assert "level" in stages["labels"]
    assert "image_id" not in stages["labels"], "image_id must not be a label (unbounded cardinality)"
    assert "image_id" in stages["structured_metadata"]


def test_grafana_provisioning():
    datasources = yaml.safe_load((MONITORING / "grafana/provisioning/datasources/datasources.yml").read_text())
    by_uid = {d["uid"]: d for d in datasources["datasources"]}
    assert by_uid["prometheus"]["url"] == "http://prometheus:9090" and by_uid["prometheus"]["isDefault"] is True
    assert by_uid["loki"]["url"] == "http://loki:3100"
    providers = yaml.safe_load((MONITORING / "grafana/provisioning/dashboards/dashboards.yml").read_text())
    path = providers["providers"][0]["options"]["path"]
    compose = (REPO / "docker-compose.yml").read_text()
    assert f"./monitoring/grafana/dashboards:{path}:ro" in compose


def test_grafana_dashboard():
    dashboard = json.loads((MONITORING / "grafana/dashboards/addax-pipeline.json").read_text())
    assert dashboard["uid"] and dashboard["title"]
    panels = dashboard["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "duplicate panel ids"
    exprs = []
    for panel in panels:
        assert {"h", "w", "x", "y"} <= set(panel["gridPos"]), panel["title"]
        for target in panel.get("targets", []):
            assert target["datasource"]["uid"] in ("prometheus", "loki"), panel["title"]
            if target["datasource"]["uid"] == "prometheus":
                exprs.append(target["expr"])
    joined = "\n".join(exprs)
    for needle in (
        "addax_queue_depth",
        "addax_images_processed_total",
        "addax_stage_duration_seconds_bucket",
        "addax_end_to_end_latency_seconds_bucket",
        "addax_images_failed_total",
        "addax_api_request_duration_seconds_bucket",
    ):
        assert needle in joined, f"dashboard has no panel on {needle}"
    assert_known_metrics(exprs, "the Grafana dashboard")


