"""scripts/stop.sh returns only once supervisord and its programs are gone, so `stop.sh && start.sh`
finds the ports free (issue 13, item 5). A throw-away supervisord in a copy of the script's layout
runs a program that holds a port and takes a moment to exit, like the API or the FTPS server."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from tests.deploy.common import REPO, run
from tests.support.servers import free_port
from tests.support.stack import wait_until

# Holds a port; on SIGTERM it waits `linger` seconds before closing it (a service finishing a request).
PROGRAM = """
import signal, socket, sys, time
linger = float(sys.argv[2])
sock = socket.socket(); sock.bind(("127.0.0.1", int(sys.argv[1]))); sock.listen()
def stop(_signum, _frame):
    if linger >= 0:
        time.sleep(linger)
        sys.exit(0)
signal.signal(signal.SIGTERM, stop)
while True:
    time.sleep(0.05)
"""


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def platform():
    """A copy of scripts/stop.sh beside a .venv link and a supervisord.conf, as start.sh leaves them.
    Returns a function that starts supervisord with one program; what it started is killed by pid."""
    # Not pytest's tmp_path: under xdist it is long enough (…/popen-gw0/test_…/) to push supervisord's
    # control socket past the 107-byte limit of a Unix socket path.
    top = Path(tempfile.mkdtemp(prefix="addax-stop-"))
    root = top / "root"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts/stop.sh", root / "scripts/stop.sh")
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    run_dir = root / "data/run"
    run_dir.mkdir(parents=True)
    (root / "program.py").write_text(PROGRAM)
    started: list[int] = []

    def start(port: int, linger: float, stopwaitsecs: int) -> tuple[int, int]:
        (run_dir / "supervisord.conf").write_text(textwrap.dedent(f"""\
            [supervisord]
            logfile={root}/supervisord.log
            pidfile={run_dir}/supervisord.pid
            childlogdir={root}
            [unix_http_server]
            file={run_dir}/supervisor.sock
            [supervisorctl]
            serverurl=unix://{run_dir}/supervisor.sock
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            [program:api]
            command={sys.executable} {root}/program.py {port} {linger}
            startsecs=0
            stopwaitsecs={stopwaitsecs}
            """))
        conf = str(run_dir / "supervisord.conf")
        subprocess.run([str(root / ".venv/bin/supervisord"), "-c", conf], check=True, timeout=30)
        wait_until(lambda: not port_is_free(port), 15, interval=0.05, what="the program listening")
        ctl = [str(root / ".venv/bin/supervisorctl"), "-c", conf]
        supervisord = int(subprocess.run([*ctl, "pid"], capture_output=True, text=True, timeout=10).stdout)
        child = int(subprocess.run([*ctl, "pid", "api"], capture_output=True, text=True, timeout=10).stdout)
        started.extend([child, supervisord])
        return supervisord, child

    yield root, start
    for pid in started:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(top, ignore_errors=True)


def test_stop_waits_until_supervisord_and_its_programs_are_gone(platform):
    root, start = platform
    port = free_port()
    supervisord, child = start(port, linger=0.5, stopwaitsecs=10)

    result = run(["bash", str(root / "scripts/stop.sh")], timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    # The moment it returns, a new start could bind the same port.
    assert not alive(supervisord) and not alive(child)
    assert port_is_free(port)
    assert not (root / "data/run/supervisord.pid").exists()


def test_stop_gives_up_after_its_timeout_with_a_clear_message(platform):
    root, start = platform
    supervisord, _child = start(free_port(), linger=-1, stopwaitsecs=60)  # ignores SIGTERM for a minute

    result = run(["bash", str(root / "scripts/stop.sh"), "--timeout", "1"], timeout=30)
    assert result.returncode == 1
    assert f"supervisord (pid {supervisord}) is still running after 1 s" in result.stderr
    assert alive(supervisord)


def test_stop_when_nothing_runs(platform):
    root, _start = platform
    result = run(["bash", str(root / "scripts/stop.sh")], timeout=30)
    assert result.returncode == 0 and "not running" in result.stdout
