"""The real platform, seeded, for developing the dashboard and running `npm run e2e` by hand.

Starts ingestion (with FTPS), detection, classification and the API (serving
services/frontend/dist) as child processes in a throw-away database and Redis prefix, seeded by
tests/support/e2e.py (three users, demo cameras, processed demo photos). It writes the environment
`npm run e2e` reads to a file and keeps running until interrupted.

    .venv/bin/python scripts/dev_stack.py [--env-file /tmp/addax-e2e.env] [--count 24]
    set -a; . /tmp/addax-e2e.env; set +a; (cd services/frontend && npm run e2e)

CI runs the same seeding through tests/test_e2e_browser.py.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from addax_common.settings import Settings  # noqa: E402
from tests.support.database import create_test_database, drop_database  # noqa: E402
from tests.support.e2e import seeded_stack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--env-file", default="/tmp/addax-e2e.env")
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="addax-dev-"))
    db_url = create_test_database()
    models = work / "models"
    subprocess.run([sys.executable, "-m", "addax_models.build_demo", "--out", str(models)], check=True, cwd=REPO)
    settings = Settings(
        _env_file=None, environment="test", database_url=db_url, redis_prefix=f"dev-{uuid.uuid4().hex[:8]}:",
        storage_dir=work / "storage", upload_dir=work / "uploads", ingest_stable_seconds=0.3,
        detector_model_path=models / "demo-detector.onnx", classifier_model_path=models / "demo-classifier.onnx",
    )
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        with seeded_stack(settings, work, args.count, args.seed) as (stack, env):
            Path(args.env_file).write_text("".join(f"{k}={v}\n" for k, v in env.items()))
            print(f"==> stack ready at {stack.api_url}; environment in {args.env_file}; logs in {work / 'logs'}", flush=True)
            while not stop["now"]:
                time.sleep(0.5)
                for name, proc in stack.procs.items():
                    if proc.poll() is not None:
                        print(f"!! {name} exited with {proc.returncode}", flush=True)
                        stop["now"] = True
    except KeyboardInterrupt:
        pass
    finally:
        drop_database(db_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
