"""Shell scripts parse, and a real backup + restore round trip of scripts/backup.sh and scripts/restore.sh
in local mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.deploy.common import (
    REPO,
    SETTING_NAMES,
    require,
    run,
)


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
