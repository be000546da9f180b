"""Shared by the deployment configuration checks: repository paths, the .env.example reader, tool lookup."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from addax_common.settings import Settings

REPO = Path(__file__).resolve().parents[2]
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
    "CORE_PRIVATE_ADDRESS",
    "COMPOSE_FILE",
}
PYTHON_SERVICES = ("ingestion", "detection", "classification", "alerts", "api")
ONE_SHOT = ("minio-init", "migrate")
SETTING_NAMES = {name.upper() for name in Settings.model_fields}


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


