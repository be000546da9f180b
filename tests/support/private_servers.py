"""Private Redis and PostgreSQL servers for fault tests: a test may stop, wipe or restart these, never
the machine's shared ones. Each is ended by the pid it started, nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.support.servers import free_port, wait_for_port


class PrivateRedis:
    """redis-server on a free port without persistence: `restart()` brings it back empty, like a Redis
    that lost its data."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return str(versions[-1] / name)


class PrivatePostgres:
    """A PostgreSQL cluster of its own (initdb + pg_ctl in a temporary directory, on a free port), with
    one database copied from `source_url` (a migrated test database: pg_dump is seconds faster than
    running every migration again). initdb refuses to run as root, so as root the cluster belongs to
    `postgres`."""

    def __init__(self, directory: Path, source_url: str) -> None:
        self.directory = directory
        self.source_url = source_url
        self.data = directory / "pgdata"
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/addax"

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)

    def start(self) -> PrivatePostgres:
        if not self.data.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.directory, "postgres", "postgres")
                # The test's tmp_path parents are root's: the postgres user must be able to walk to its directory.
                for parent in self.directory.parents:
                    if str(parent).startswith("/tmp/") and parent.stat().st_mode & 0o001 == 0:
                        parent.chmod(parent.stat().st_mode | 0o001)
            self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync",
                      "-E", "UTF8")
            self._pg_ctl_start()
            self._run(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "addax")
            self._copy_database()
        else:
            self._pg_ctl_start()
        return self

    def _copy_database(self) -> None:
        source = make_url(self.source_url).set(drivername="postgresql").render_as_string(hide_password=False)
        dump = subprocess.run(["pg_dump", "--no-owner", source], check=True, capture_output=True, timeout=60).stdout
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "addax"],
            input=dump, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
        )

    def _pg_ctl_start(self) -> None:
        # fsync off: the cluster is thrown away, and the fault tests need fast restarts.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "30", "start",
                  "-l", str(self.directory / "postgres.log"))
        wait_for_port(self.port)

    def stop(self) -> None:
        # pg_ctl signals the postmaster recorded in this data directory's pid file, and no other.
        if (self.data / "postmaster.pid").exists():
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self._pg_ctl_start()
