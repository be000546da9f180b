"""The CLI (create-user, openapi) and scripts/create_user.py."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from addax_api import cli
from addax_common.db import AuditLog, User

REPO = Path(__file__).resolve().parents[3]


def test_create_user_command(api_settings, api_ctx, monkeypatch, capsys):
    assert cli.main(["create-user", "--email", "Field.Worker@example.org", "--role", "analyst", "--password", "pw-long-enough"], api_settings) == 0
    assert "created analyst field.worker@example.org" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("another-long-pw\n"))
    assert cli.main(["create-user", "--email", "boss@example.org", "--role", "admin", "--password-stdin", "--full-name", "Boss"], api_settings) == 0
    with api_ctx.sessions() as db:
        users = {u.email: u for u in db.scalars(select(User))}
        assert users["boss@example.org"].role.value == "admin" and users["boss@example.org"].full_name == "Boss"
        assert users["boss@example.org"].password_hash.startswith("$argon2id$")
        assert db.scalars(select(AuditLog.user_email).where(AuditLog.action == "user.create")).all() == ["cli", "cli"]
    # Duplicates and bad input are errors with a message, not tracebacks.
    assert cli.main(["create-user", "--email", "boss@example.org", "--role", "viewer", "--password", "pw-long-enough"], api_settings) == 1
    assert cli.main(["create-user", "--email", "x@example.org", "--role", "viewer", "--password", "short"], api_settings) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "password" in err


def test_openapi_command(api_settings, capsys):
    assert cli.main(["openapi"], api_settings) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["info"]["title"] == "AddaxAI Connect API" and "/api/projects/{slug}/images" in schema["paths"]


def test_create_user_script(api_settings, api_ctx):
    env = {
        **os.environ,
        "DATABASE_URL": api_settings.database_url,
        "REDIS_URL": api_settings.redis_url,
        "REDIS_PREFIX": api_settings.redis_prefix,
        "ENVIRONMENT": "test",
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/create_user.py"), "--email", "script@example.org", "--role", "viewer", "--password-stdin"],
        input="script-password\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with api_ctx.sessions() as db:
        assert db.scalars(select(User.role).where(User.email == "script@example.org")).one().value == "viewer"
