"""The dashboard end to end in Debian Chromium against the real running stack (issue 5).

Starts every service as a process on this run's database, seeds users and processed demo photos
(tests/support/e2e.py), then runs the Playwright suite (services/frontend/tests/e2e, playwright-core
driving /usr/bin/chromium). The suite saves a screenshot of every page under $TMPDIR/addax-e2e-screenshots/,
or, with SCREENSHOT_DIR=docs/screenshots, over the pictures the docs show (tracked: commit them on purpose).

E2E_FILES=alerts (names of files in services/frontend/tests/e2e, without `.e2e.mjs`, space-separated)
runs only those files against the same seeded stack: quicker while working on one page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.e2e import seeded_stack
from tests.support.servers import REPO

FRONTEND = REPO / "services/frontend"
pytestmark = pytest.mark.slow


# The suite visits every page at two screen sizes with axe: on a busy two-core machine it needs
# more than the default 300 s. It takes about 300 s alone and 490 s beside the other workers on an
# idle machine; a CI run on a machine running everything about twice as slowly took 1,275 s (before
# settle() stopped waiting 15 s for a network that never went idle). The npm run below has its own
# 2,400 s limit.
@pytest.mark.timeout(2700)
def test_dashboard_in_chromium(model_settings, tmp_path):
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    assert Path(chromium).exists(), "Chromium is missing: scripts/install.sh installs Debian's chromium"
    npm = shutil.which("npm")
    assert npm, "npm is missing: scripts/install.sh installs Node.js"
    if not (FRONTEND / "dist/index.html").exists():
        subprocess.run([npm, "run", "--silent", "build"], cwd=FRONTEND, check=True)
    with seeded_stack(model_settings, tmp_path) as (stack, env):
        assert int(env["E2E_SEEDED_IMAGES"]) >= 20, stack.logs("ingestion")[-2000:]
        only = os.environ.get("E2E_FILES", "").split()
        command = [npm, "run", "--silent", "e2e"]
        if only:
            command = ["node", "--test", "--test-concurrency=1", *(f"tests/e2e/{name}.e2e.mjs" for name in only)]
        result = subprocess.run(
            command, cwd=FRONTEND, env=os.environ | env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=2400,
        )
        print(result.stdout[-20000:])
        assert result.returncode == 0, result.stdout[-6000:] + "\n--- api log ---\n" + stack.logs("api")[-3000:]
        assert "# fail 0" in result.stdout
