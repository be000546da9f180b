"""The compose files, checked through `docker-compose config` (apt-get install docker-compose)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.deploy.common import (
    ONE_SHOT,
    PYTHON_SERVICES,
    REPO,
    env_with_real_secrets,
    require,
    run,
)

# The queue workers share services/worker.Dockerfile: name -> metrics port (a build argument).
WORKERS = {"detection": "9102", "classification": "9103", "alerts": "9104"}


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
        if name in WORKERS:
            # One worker recipe; the build arguments pick the package and the metrics port.
            assert services[name]["build"]["dockerfile"] == "services/worker.Dockerfile", name
            assert services[name]["build"]["args"] == {"SERVICE": name, "METRICS_PORT": WORKERS[name]}, name
            assert WORKERS[name] in " ".join(services[name]["healthcheck"]["test"]), name
        else:
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
    assert {"services/frontend/Dockerfile", "services/worker.Dockerfile"} <= dockerfiles
    missing = sorted(d for d in dockerfiles if not (REPO / d).exists())
    assert not missing, f"compose builds from Dockerfiles that do not exist: {missing}"


def test_worker_dockerfile_is_driven_by_its_build_arguments():
    recipe = (REPO / "services/worker.Dockerfile").read_text()
    assert "ARG SERVICE" in recipe and "ARG METRICS_PORT" in recipe
    assert "COPY services/${SERVICE}/ services/${SERVICE}/" in recipe
    assert "pip install -c constraints.txt ./services/${SERVICE}" in recipe
    assert "addax_${ADDAX_WORKER}" in recipe and "ENV ADDAX_WORKER=${SERVICE}" in recipe
    # The model check needs the catalog at the default MODELS_CATALOG_PATH (relative to WORKDIR /app).
    assert "WORKDIR /app" in recipe and "COPY models/catalog.yaml models/catalog.yaml" in recipe
    for name in WORKERS:
        assert not (REPO / f"services/{name}/Dockerfile").exists(), f"{name}: use services/worker.Dockerfile"


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




@pytest.fixture(scope="module")
def multihost_dir(tmp_path_factory) -> Path:
    """The compose files of a multi-host deployment beside a .env as ansible/multihost.yml writes it."""
    directory = tmp_path_factory.mktemp("multihost")
    for name in ("docker-compose.yml", "docker-compose.core.yml", "docker-compose.workers.yml"):
        shutil.copy(REPO / name, directory / name)
    env = env_with_real_secrets() | {"CORE_PRIVATE_ADDRESS": "10.0.0.10"}
    (directory / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    return directory


def test_multihost_core_publishes_the_data_stores_on_the_private_address_only(multihost_dir):
    services = compose_config(multihost_dir, "docker-compose.yml", "docker-compose.core.yml")["services"]
    expected = {"postgres": "5432", "redis": "6379", "minio": "9000"}
    for name, port in expected.items():
        assert published(services[name]) == [f"10.0.0.10:{port}:{port}/tcp"], name
        assert "backend" in services[name]["networks"] and "cluster" in services[name]["networks"], name
    # Nothing else changes: still only nginx and FTPS on public addresses.
    public = {name for name, svc in services.items() if svc.get("ports")} - set(expected)
    assert public == {"frontend", "ingestion"}


def test_multihost_workers_match_the_single_host_services(multihost_dir, compose_dir):
    workers = compose_config(multihost_dir, "docker-compose.workers.yml")["services"]
    single = compose_config(compose_dir, "docker-compose.yml")["services"]
    assert set(workers) == {"detection", "classification"}
    for name, svc in workers.items():
        assert "container_name" not in svc and "ports" not in svc, f"{name}: must scale with --scale"
        for key in ("image", "command", "healthcheck", "deploy", "restart", "logging"):
            assert svc[key] == single[name][key], (name, key)
        assert svc["build"]["args"] == single[name]["build"]["args"]
        assert svc["build"]["dockerfile"] == single[name]["build"]["dockerfile"]
        assert [m[1:] for m in mounts(svc)] == [m[1:] for m in mounts(single[name])]
        env = svc["environment"]
        assert "@10.0.0.10:5432/addax" in env["DATABASE_URL"] and env["REDIS_URL"].endswith("@10.0.0.10:6379/0")
        assert env["S3_ENDPOINT_URL"] == "http://10.0.0.10:9000"
    # The declared environment (before .env is merged in) is the same but for where the core is.
    raw_workers = yaml.safe_load((REPO / "docker-compose.workers.yml").read_text())["services"]
    raw_single = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    elsewhere = ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT_URL")
    for name in workers:
        mine = {k: v for k, v in raw_workers[name]["environment"].items() if k not in elsewhere}
        theirs = {k: v for k, v in raw_single[name]["environment"].items() if k not in elsewhere}
        assert mine == theirs, name
