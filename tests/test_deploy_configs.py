"""Checks of the deployment configuration: .env.example, the compose files, Prometheus rules and
Alertmanager (promtool / amtool), Loki / Promtail / Grafana structure, nginx, Ansible, and a real
backup + restore round trip of scripts/backup.sh and scripts/restore.sh in local mode.

Installs nothing. A check whose tool is missing is skipped with the package to install:
  apt-get install --no-install-recommends docker-compose prometheus prometheus-alertmanager
  (optional: nginx-light for the nginx checks; ansible-core + ansible from PyPI for --syntax-check).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import yaml

from addax_common.settings import Settings

REPO = Path(__file__).resolve().parents[1]
MONITORING = REPO / "monitoring"
ANSIBLE = REPO / "ansible"

# Variables .env.example documents that Settings does not read (compose, scripts, Ansible).
COMPOSE_ONLY = {
    "COMPOSE_PROJECT_NAME",
    "DOMAIN",
    "TLS_CERT_DIR",
    "POSTGRES_PASSWORD",
    "REDIS_PASSWORD",
    "MINIO_ROOT_USER",
    "MINIO_ROOT_PASSWORD",
    "GRAFANA_ADMIN_PASSWORD",
    "UPLOAD_HOST_DIR",
    "FTPS_PUBLISH_ADDRESS",
    "FTPS_PUBLISH_PORT",
    "ALERT_EMAIL_TO",
    "ALERT_EMAIL_FROM",
    "ALERT_SMTP_SMARTHOST",
    "ALERT_SMTP_USERNAME",
    "ALERT_SMTP_PASSWORD",
    "ALERT_WEBHOOK_URL",
    "S3_PUBLIC_ENDPOINT_URL",
    "BACKUP_DIR",
    "BACKUP_RETENTION_DAYS",
    "BACKUP_REMOTE",
    "ADDAX_IMAGE_PREFIX",
    "ADDAX_IMAGE_TAG",
}
PYTHON_SERVICES = ("ingestion", "detection", "classification", "api")
ONE_SHOT = ("minio-init", "migrate")
SETTING_NAMES = {name.upper() for name in Settings.model_fields}

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


def require(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed (apt-get install --no-install-recommends {package})")
    return path


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 60)
    return subprocess.run(cmd, **kwargs)


def env_example() -> dict[str, str]:
    """Active (uncommented) NAME=value lines of .env.example."""
    values = {}
    for line in (REPO / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def env_with_real_secrets() -> dict[str, str]:
    values = env_example()
    return {k: re.sub(r"CHANGE_ME\w*", lambda _: uuid.uuid4().hex * 2, v) for k, v in values.items()}


# Platform metric names, read from the code that defines them.
def platform_metrics() -> set[str]:
    names = {"addax_queue_depth", "addax_queue_in_flight", "addax_queue_delayed", "addax_dead_letters"}
    sources = [REPO / "shared/addax_common/metrics.py", REPO / "services/api/addax_api/metrics.py"]
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


# --- .env.example ----------------------------------------------------------------------------------
def test_env_example_documents_every_setting():
    text = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]*)=", text, flags=re.M))
    missing = sorted(SETTING_NAMES - documented)
    assert not missing, f".env.example does not document: {missing}"


def test_env_example_has_no_unknown_variables():
    unknown = sorted(set(env_example()) - SETTING_NAMES - COMPOSE_ONLY)
    assert not unknown, f".env.example sets variables nothing reads: {unknown}"


def test_env_example_placeholders_are_refused_and_real_values_load(monkeypatch, tmp_path):
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    placeholder = tmp_path / "placeholder.env"
    placeholder.write_text((REPO / ".env.example").read_text())
    with pytest.raises(ValueError, match="JWT_SECRET"):
        Settings(_env_file=placeholder)

    real = tmp_path / "real.env"
    real.write_text("".join(f"{k}={v}\n" for k, v in env_with_real_secrets().items()))
    settings = Settings(_env_file=real)
    assert settings.environment == "production"
    assert settings.storage_backend == "s3"
    assert settings.cookie_secure is True
    assert settings.cors_origins == ["https://cameratrap.example.org"]
    assert settings.ftps_account_list()[0][0] == "camera01"
    assert len(settings.passive_port_range) == 20


# --- docker compose ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compose_dir(tmp_path_factory) -> Path:
    """The compose files beside a .env made from .env.example (compose needs the env file)."""
    directory = tmp_path_factory.mktemp("compose")
    for name in ("docker-compose.yml", "docker-compose.dev.yml"):
        shutil.copy(REPO / name, directory / name)
    (directory / ".env").write_text("".join(f"{k}={v}\n" for k, v in env_with_real_secrets().items()))
    return directory


def compose_config(compose_dir: Path, *files: str) -> dict:
    tool = require("docker-compose", "docker-compose")
    args = [tool]
    for name in files:
        args += ["-f", name]
    quiet = run([*args, "config", "-q"], cwd=compose_dir)
    assert quiet.returncode == 0, quiet.stderr
    full = run([*args, "config"], cwd=compose_dir)
    assert full.returncode == 0, full.stderr
    return yaml.safe_load(full.stdout)


def published(service: dict) -> list[str]:
    """Ports as "[ip:]published:target/proto", whichever form docker-compose printed them in."""
    ports = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ip = f"{port['host_ip']}:" if port.get("host_ip") else ""
            port = f"{ip}{port['published']}:{port['target']}/{port.get('protocol', 'tcp')}"
        ports.append(str(port))
    return ports


def mounts(service: dict) -> list[tuple[str, str, str]]:
    """Volumes as (source, target, mode); docker-compose v1 adds ":rw" to the short form."""
    result = []
    for volume in service.get("volumes", []):
        parts = str(volume).split(":")
        result.append((parts[0], parts[1], parts[2] if len(parts) > 2 else "rw"))
    return result


def test_production_compose(compose_dir):
    config = compose_config(compose_dir, "docker-compose.yml")
    services = config["services"]
    expected = {
        "postgres",
        "redis",
        "minio",
        "minio-init",
        "migrate",
        "ingestion",
        "detection",
        "classification",
        "api",
        "frontend",
        "prometheus",
        "alertmanager",
        "loki",
        "promtail",
        "grafana",
    }
    assert expected <= set(services), f"missing services: {expected - set(services)}"
    assert config["networks"]["backend"].get("internal") is True

    # Only nginx and FTPS are reachable from outside.
    exposed = {name for name, svc in services.items() if svc.get("ports")}
    assert exposed == {"frontend", "ingestion"}
    assert {"80:80/tcp", "443:443/tcp"} <= set(published(services["frontend"]))
    ftps = published(services["ingestion"])
    assert "0.0.0.0:21:2121/tcp" in ftps
    assert "0.0.0.0:30000:30000/tcp" in ftps and "0.0.0.0:30019:30019/tcp" in ftps and len(ftps) == 21

    for name, svc in services.items():
        assert "container_name" not in svc, f"{name}: container_name prevents --scale"
        assert svc["logging"]["driver"] == "json-file" and "max-size" in svc["logging"]["options"], name
        if name in ONE_SHOT:
            assert svc.get("restart") in ("no", None), name
        else:
            assert svc.get("restart") == "unless-stopped", name
            assert "memory" in svc.get("deploy", {}).get("resources", {}).get("limits", {}), f"{name}: no memory limit"

    for name in (*PYTHON_SERVICES, "migrate"):
        env = services[name]["environment"]
        assert env["ENVIRONMENT"] == "production", name
        assert env["STORAGE_BACKEND"] == "s3", name
        assert env["S3_ENDPOINT_URL"] == "http://minio:9000", name
        assert (
            env["DATABASE_URL"].startswith("postgresql+psycopg2://addax:")
            and "@postgres:5432/addax" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"].endswith("@redis:6379/0"), name
        assert env["SERVICE_NAME"] == name, name
        assert services[name]["build"]["context"] == str(compose_dir), f"{name}: build context must be the repo root"
        assert services[name]["build"]["dockerfile"] == f"services/{'api' if name == 'migrate' else name}/Dockerfile"
    for name in PYTHON_SERVICES:
        assert services[name]["command"] == ["python", "-m", f"addax_{name}"]
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["minio-init"]["condition"] == "service_completed_successfully", name
        assert "healthcheck" in services[name], name
    assert services["migrate"]["command"] == ["alembic", "-c", "services/api/alembic.ini", "upgrade", "head"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"

    for name in ("detection", "classification"):
        assert "ports" not in services[name]
        assert any(t == "/models" and m == "ro" for _, t, m in mounts(services[name])), f"{name}: models not read-only"
        assert services[name]["environment"]["DETECTOR_MODEL_PATH"].startswith("/models/")

    assert services["postgres"]["image"] == "postgis/postgis:15-3.4"
    assert "healthcheck" in services["postgres"]
    assert ("postgres-data", "/var/lib/postgresql/data", "rw") in mounts(services["postgres"])
    redis_cmd = services["redis"]["command"]
    assert redis_cmd[redis_cmd.index("--appendonly") + 1] == "yes"
    assert services["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    assert services["frontend"]["build"]["dockerfile"] == "services/frontend/Dockerfile"
    assert services["ingestion"]["environment"]["UPLOAD_DIR"] == "/data/uploads"
    assert any(t == "/data/uploads" and m == "rw" for _, t, m in mounts(services["ingestion"]))


def test_compose_bind_mounts_exist_in_the_repository(compose_dir):
    config = compose_config(compose_dir, "docker-compose.yml", "docker-compose.dev.yml")
    runtime = {"models/weights", "data/uploads", "certs", "services/api", "shared", "services/frontend"}
    for name, svc in config["services"].items():
        for volume in svc.get("volumes", []):
            source = str(volume).split(":")[0]
            if not source.startswith(str(compose_dir) + "/"):
                continue
            relative = source[len(str(compose_dir)) + 1 :]
            if relative in runtime:
                continue
            assert (REPO / relative).exists(), f"{name} mounts {relative}, which is not in the repository"


def test_compose_dockerfiles_exist():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    dockerfiles = {svc["build"]["dockerfile"] for svc in compose["services"].values() if "build" in svc}
    assert (REPO / "services/frontend/Dockerfile").exists()
    missing = sorted(d for d in dockerfiles if not (REPO / d).exists())
    if missing:
        pytest.skip(f"not written yet: {missing}")


def test_development_override(compose_dir):
    config = compose_config(compose_dir, "docker-compose.yml", "docker-compose.dev.yml")
    services = config["services"]
    ports = {name: published(svc) for name, svc in services.items()}
    assert "127.0.0.1:5432:5432/tcp" in ports["postgres"]
    assert "127.0.0.1:6379:6379/tcp" in ports["redis"]
    assert "127.0.0.1:9001:9001/tcp" in ports["minio"]
    assert "127.0.0.1:8000:8000/tcp" in ports["api"]
    assert "127.0.0.1:5173:5173/tcp" in ports["frontend-dev"]
    assert "--reload" in services["api"]["command"]
    assert any(t == "/src/services/api" and m == "ro" for _, t, m in mounts(services["api"]))
    assert services["api"]["environment"]["ENVIRONMENT"] == "development"
    # Debug ports stay on loopback; only nginx and FTPS are public, as in production.
    for name, entries in ports.items():
        for entry in entries:
            if name not in ("frontend", "ingestion"):
                assert entry.startswith("127.0.0.1:"), f"{name} publishes {entry} beyond loopback"
        if entries and name not in ("frontend", "ingestion", "alertmanager", "frontend-dev"):
            assert "edge" in services[name]["networks"], f"{name}: ports on an internal-only network are not published"


def test_dockerignore_keeps_secrets_and_environments_out():
    patterns = (REPO / ".dockerignore").read_text().splitlines()
    for pattern in (".env", ".venv", ".git", "**/node_modules", "data", "models/weights"):
        assert pattern in patterns, pattern


# --- Prometheus and Alertmanager -------------------------------------------------------------------------
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
        "ALERT_WEBHOOK_URL": "http://alerts:9104/api/alertmanager",
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
    assert receivers["email-and-webhook"]["webhook_configs"][0]["url"] == "http://alerts:9104/api/alertmanager"
    result = run([tool, "check-config", str(tmp_path / "alertmanager.yml")])
    assert result.returncode == 0, result.stdout + result.stderr


def test_alertmanager_render_refuses_missing_values(tmp_path):
    rendered = render_alertmanager(tmp_path, ALERT_EMAIL_TO="", ALERT_SMTP_PASSWORD="")
    assert rendered.returncode != 0
    assert "ALERT_EMAIL_TO is not set" in rendered.stderr
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


# --- nginx ------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    """services/frontend/nginx.conf rendered for example.org on two free loopback ports, running."""
    nginx = require("nginx", "nginx-light")
    openssl = require("openssl", "openssl")
    root = tmp_path_factory.mktemp("nginx")
    certs = root / "certs"
    certs.mkdir()
    made = run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=example.org",
            "-keyout",
            str(certs / "privkey.pem"),
            "-out",
            str(certs / "fullchain.pem"),
        ]
    )
    assert made.returncode == 0, made.stderr
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>AddaxAI Connect</title><div id=root></div>")
    (dist / "assets" / "index-3f2a1b.js").write_text("console.log('addax');\n" * 200)
    http_port, https_port = free_port(), free_port()
    site = (REPO / "services/frontend/nginx.conf").read_text()
    assert "${DOMAIN}" in site
    site = site.replace("${DOMAIN}", "example.org").replace("/etc/nginx/certs", str(certs))
    site = site.replace("${MAP_TILE_ORIGIN}", map_tile_origin("http://{s}.tiles.station.lan:8080/{z}/{x}/{y}.png"))
    site = site.replace("/usr/share/nginx/html", str(dist))
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.M)
    site = site.replace("listen 80 ", f"listen 127.0.0.1:{http_port} ")
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
    (root / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"{k}_temp_path {root}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (root / "nginx.conf").write_text(
        f"{user}pid {root}/nginx.pid;\nerror_log {root}/error.log;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}include {root}/site.conf;\n}}\n"
    )
    checked = run([nginx, "-t", "-c", str(root / "nginx.conf"), "-p", str(root)])
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [nginx, "-c", str(root / "nginx.conf"), "-p", str(root), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield http_port, https_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def map_tile_origin(url: str | None) -> str:
    """MAP_TILE_ORIGIN as the nginx image's entrypoint sources it (docker/15-map-tile-origin.envsh)."""
    env = {"PATH": os.environ["PATH"]} | ({} if url is None else {"MAP_TILE_URL": url})
    script = REPO / "services/frontend/docker/15-map-tile-origin.envsh"
    done = run(["sh", "-c", f'. "{script}" && printf %s "$MAP_TILE_ORIGIN"'], env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "url,origin",
    [
        (None, "https://tile.openstreetmap.org"),  # MAP_TILE_URL unset: the API's default
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("http://{s}.tiles.lan/{z}/{x}/{y}.png", "http://*.tiles.lan"),
        ("HTTP://Tiles.LAN:8081/{z}/{x}/{y}.png", "http://tiles.lan:8081"),
        ("/tiles/{z}/{x}/{y}.png", ""),  # same origin: 'self' covers it
        ("", ""),
        ("http://tiles.lan;script-src *;/{z}", ""),  # cannot smuggle a directive into the header
        ("javascript:alert(1)", ""),
    ],
)
def test_nginx_map_tile_origin_matches_the_api(url, origin):
    assert map_tile_origin(url) == origin
    if url is not None and origin:
        assert Settings(map_tile_url=url).map_tile_origin == origin


def test_nginx_redirects_http_and_serves_health(nginx_site):
    import httpx

    http_port, _ = nginx_site
    response = httpx.get(f"http://127.0.0.1:{http_port}/images/1?x=2", headers={"Host": "example.org"})
    assert response.status_code == 301
    assert response.headers["location"] == "https://example.org/images/1?x=2"
    assert httpx.get(f"http://127.0.0.1:{http_port}/nginx-health").text == "ok\n"


def test_nginx_spa_fallback_headers_and_asset_caching(nginx_site):
    import httpx

    _, https_port = nginx_site
    with httpx.Client(
        base_url=f"https://127.0.0.1:{https_port}", verify=False, headers={"Host": "example.org"}
    ) as client:
        page = client.get("/cameras/12/images")
        assert page.status_code == 200 and "AddaxAI Connect" in page.text
        assert page.headers["strict-transport-security"].startswith("max-age=")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        img_src = next(d.split()[1:] for d in page.headers["content-security-policy"].split(";") if d.split()[:1] == ["img-src"])
        assert img_src == ["'self'", "data:", "blob:", "https://s3.example.org", "http://*.tiles.station.lan:8080"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "no-cache" in page.headers["cache-control"]
        asset = client.get("/assets/index-3f2a1b.js", headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "max-age=31536000"
        assert asset.headers["content-encoding"] == "gzip"
        assert asset.headers["strict-transport-security"]  # inherited: no add_header in locations
        assert client.get("/assets/missing-abc.js").status_code == 404


# --- Ansible ----------------------------------------------------------------------------------------------
def ansible_files() -> list[Path]:
    return sorted(p for p in ANSIBLE.rglob("*") if p.suffix in (".yml", ".example") and p.is_file())


def test_ansible_yaml_parses_and_roles_are_tagged():
    files = ansible_files()
    assert files
    for path in files:
        yaml.safe_load(path.read_text())
    play = yaml.safe_load((ANSIBLE / "playbook.yml").read_text())[0]
    roles = {entry["role"]: entry for entry in play["roles"]}
    assert set(roles) == {"docker", "vsftpd", "firewall", "ssl", "app"}
    for name, entry in roles.items():
        assert name in entry["tags"], f"role {name} has no tag"
        tasks = yaml.safe_load((ANSIBLE / "roles" / name / "tasks/main.yml").read_text())
        for task in tasks:
            assert name in task.get("tags", []), f"{name}: task {task.get('name')!r} is not tagged"


def test_vsftpd_template_forces_ftps_into_the_upload_dir():
    template = (ANSIBLE / "roles/vsftpd/templates/vsftpd.conf.j2").read_text()
    for line in (
        "ssl_enable=YES",
        "force_local_logins_ssl=YES",
        "force_local_data_ssl=YES",
        "anonymous_enable=NO",
        "chroot_local_user=YES",
        "pasv_min_port=",
        "pasv_max_port=",
        "pasv_address=",
        "local_root={{ vsftpd_upload_dir }}/$USER",
    ):
        assert line in template, line
    defaults = yaml.safe_load((ANSIBLE / "roles/vsftpd/defaults/main.yml").read_text())
    assert defaults["vsftpd_upload_dir"] == "{{ app_upload_dir }}"
    shared = yaml.safe_load((ANSIBLE / "group_vars/all.yml").read_text())
    assert shared["app_upload_dir"] == "{{ app_dir }}/data/uploads"
    # The env template hands the same folder to compose (UPLOAD_HOST_DIR -> /data/uploads in ingestion).
    assert "UPLOAD_HOST_DIR={{ app_upload_dir }}" in (ANSIBLE / "roles/app/templates/env.j2").read_text()


def ansible_vars() -> dict:
    import jinja2

    values: dict = {}
    for path in (
        ANSIBLE / "roles/app/defaults/main.yml",
        ANSIBLE / "group_vars/all.yml",
        ANSIBLE / "group_vars/production.yml.example",
    ):
        values.update(yaml.safe_load(path.read_text()) or {})
    values.update(
        ansible_managed="managed by Ansible",
        ansible_host="203.0.113.10",
        ansible_default_ipv4={"address": "203.0.113.10"},
    )
    for _ in range(5):  # resolve {{ ... }} references between variables
        values = {k: jinja2.Template(v).render(values) if isinstance(v, str) else v for k, v in values.items()}
    return values


@pytest.mark.parametrize("ftps_mode", ["builtin", "vsftpd"])
def test_ansible_env_template_renders_known_settings(ftps_mode, monkeypatch, tmp_path):
    import jinja2

    values = ansible_vars()
    values["ftps_mode"] = ftps_mode
    values["addax_secrets"] = {k: uuid.uuid4().hex * 2 for k in values["addax_secrets"]}
    values["ftps_accounts"] = [
        {"name": "camera01", "password": uuid.uuid4().hex, "camera": "Camera 01"},
        {"name": "site2", "password": uuid.uuid4().hex},
    ]
    env = jinja2.Template((ANSIBLE / "roles/app/templates/env.j2").read_text(), keep_trailing_newline=True).render(
        values
    )
    pairs = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", env, flags=re.M))
    unknown = sorted(set(pairs) - SETTING_NAMES - COMPOSE_ONLY)
    assert not unknown, f"env.j2 writes variables nothing reads: {unknown}"
    assert pairs["FTPS_ENABLED"] == ("false" if ftps_mode == "vsftpd" else "true")
    if ftps_mode == "vsftpd":
        assert pairs["FTPS_PUBLISH_ADDRESS"] == "127.0.0.1" and pairs["FTPS_PUBLISH_PORT"] != "21"
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / ".env"
    path.write_text(env)
    settings = Settings(_env_file=path)  # production validation passes with real secrets
    assert [a[0] for a in settings.ftps_account_list()] == ["camera01", "site2"]
    assert settings.ftps_account_list()[0][2] == "Camera 01"


def test_ansible_playbook_syntax(tmp_path):
    tool = shutil.which("ansible-playbook")
    if not tool:
        pytest.skip("ansible-playbook is not installed (pip install ansible; optional)")
    inventory = tmp_path / "inventory.yml"
    shutil.copy(ANSIBLE / "inventory.yml.example", inventory)
    result = run([tool, "-i", str(inventory), "playbook.yml", "--syntax-check"], cwd=ANSIBLE, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- Backup and restore -----------------------------------------------------------------------------------
@pytest.mark.parametrize("script", ["scripts/backup.sh", "scripts/restore.sh"])
def test_scripts_parse_with_bash(script):
    text = (REPO / script).read_text()
    assert "set -euo pipefail" in text
    result = run(["bash", "-n", str(REPO / script)])
    assert result.returncode == 0, result.stderr
    assert os.access(REPO / script, os.X_OK), f"{script} is not executable"


@pytest.mark.parametrize("script", ["scripts/minio-init.sh", "monitoring/alertmanager-render.sh"])
def test_container_scripts_parse_with_sh(script):
    result = run(["sh", "-n", str(REPO / script)])
    assert result.returncode == 0, result.stderr


ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def psql(sql: str, database: str = "postgres") -> str:
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
    result = run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql])
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def tree_digest(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_backup_and_restore_round_trip_local_mode(tmp_path):
    for tool, package in (
        ("pg_dump", "postgresql-client"),
        ("pg_restore", "postgresql-client"),
        ("psql", "postgresql-client"),
    ):
        require(tool, package)
    probe = run(["psql", ADMIN_URL, "-qtAc", "SELECT 1"], timeout=10)
    if probe.returncode != 0:
        pytest.skip(f"no PostgreSQL on 127.0.0.1:5432: {probe.stderr.strip()}")

    database = f"addax_backup_test_{uuid.uuid4().hex[:10]}"
    psql(f'CREATE DATABASE "{database}"')
    try:
        has_postgis = psql("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'") == "1"
        location = "geography(Point, 4326)" if has_postgis else "text"
        point = "ST_GeogFromText('POINT(5.1 52.1)')" if has_postgis else "'POINT(5.1 52.1)'"
        psql(
            ("CREATE EXTENSION postgis; " if has_postgis else "")
            + f"CREATE TABLE cameras (id serial PRIMARY KEY, name text NOT NULL, location {location}); "
            + f"INSERT INTO cameras (name, location) SELECT 'camera ' || g, {point} FROM generate_series(1, 50) g; "
            + "CREATE INDEX cameras_name ON cameras (name);",
            database,
        )
        snapshot_sql = "SELECT string_agg(id || ':' || name || ':' || location::text, ',' ORDER BY id) FROM cameras"
        rows_before = psql(snapshot_sql, database)

        storage = tmp_path / "storage"
        (storage / "raw-images/1/2025/06/01").mkdir(parents=True)
        (storage / "raw-images/1/2025/06/01/a1.jpg").write_bytes(os.urandom(4096))
        (storage / "crops").mkdir()
        (storage / "crops/a1_0.jpg").write_bytes(b"\xff\xd8crop")
        (storage / "thumbnails").mkdir()
        (storage / "thumbnails/a1.jpg").write_bytes(b"\xff\xd8thumb")
        files_before = tree_digest(storage)

        backups = tmp_path / "backups"
        # A backup older than the retention period, which the next run must rotate out.
        stale = backups / "20000101T000000Z"
        stale.mkdir(parents=True)
        (stale / "manifest.txt").write_text("created_utc=20000101T000000Z\n")
        old = time.time() - 40 * 86400
        os.utime(stale, (old, old))

        env_file = tmp_path / "local.env"
        env_file.write_text(
            f"DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/{database}\n"
            f"STORAGE_BACKEND=directory\nSTORAGE_DIR={storage}\nBACKUP_DIR={backups}\nBACKUP_RETENTION_DAYS=30\n"
        )
        clean_env = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES and not k.startswith("BACKUP_")}

        def script(*args: str, **kwargs) -> subprocess.CompletedProcess:
            return run(
                [str(REPO / "scripts" / args[0]), *args[1:], "--mode", "local", "--env-file", str(env_file)],
                env=clean_env,
                timeout=120,
                **kwargs,
            )

        first = script("backup.sh")
        assert first.returncode == 0, first.stderr
        assert not stale.exists(), "the 40-day-old backup was not rotated out"
        made = sorted(p for p in backups.iterdir() if p.name.startswith("20"))
        assert len(made) == 1
        backup = made[0]
        assert (backup / "database.dump").stat().st_size > 0
        assert (backup / "env").stat().st_mode & 0o077 == 0, "the env copy must be private"
        manifest = (backup / "manifest.txt").read_text()
        assert "storage_backend=directory" in manifest and "storage_files=3" in manifest

        # Damage everything after the backup: the restore must bring back the backed-up state.
        psql("DELETE FROM cameras WHERE id > 10; INSERT INTO cameras (name) VALUES ('after backup')", database)
        shutil.rmtree(storage)

        refused = script("restore.sh", str(backup), stdin=subprocess.DEVNULL)
        assert refused.returncode != 0 and "--yes" in refused.stderr
        assert psql("SELECT count(*) FROM cameras", database) == "11", "a refused restore must change nothing"

        restored = script("restore.sh", str(backup), "--yes")
        assert restored.returncode == 0, restored.stderr
        assert psql(snapshot_sql, database) == rows_before
        assert (
            psql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'cameras' AND indexname = 'cameras_name'", database
            )
            == "cameras_name"
        )
        assert tree_digest(storage) == files_before

        # A second backup hard-links unchanged files to the first one.
        time.sleep(1.1)  # backups are named by the second
        second = script("backup.sh")
        assert second.returncode == 0, second.stderr
        latest = sorted(p for p in backups.iterdir() if p.name.startswith("20"))[-1]
        assert latest != backup
        assert (latest / "storage/crops/a1_0.jpg").stat().st_ino == (backup / "storage/crops/a1_0.jpg").stat().st_ino
    finally:
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
