"""scripts/start.sh's supervisord configuration: DETECTION_WORKERS / CLASSIFICATION_WORKERS processes per
model stage, each with a metrics port of its own (issue 15, item 1). Parsed by supervisord itself."""

from __future__ import annotations

import os

from supervisor.options import ServerOptions

from tests.deploy.common import REPO, SETTING_NAMES, run


def supervisor_conf(tmp_path, **env: str) -> dict[str, dict[str, str]]:
    """Program name -> its environment, as supervisord reads the file start.sh would write."""
    # A checkout of our own (links to the venv and the services), so no developer's .env is read.
    root = tmp_path / "root"
    for folder in ("data/logs", "data/run"):
        (root / folder).mkdir(parents=True)
    for link in (".venv", "services"):
        (root / link).symlink_to(REPO / link)
    clean = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    script = REPO / "scripts/lib/supervisor-conf.sh"
    result = run(["bash", "-c", f"source {script} && write_supervisor_conf {root} 0"], cwd=root, env=clean | env)
    assert result.returncode == 0, result.stderr
    conf = tmp_path / "supervisord.conf"
    conf.write_text(result.stdout)
    options = ServerOptions()
    options.realize(["-c", str(conf)])
    programs = {group.name: group.process_configs[0] for group in options.process_group_configs}
    for name, program in programs.items():
        assert program.command.endswith(f"python -m addax_{name.partition('-')[0]}"), name
    return {name: program.environment or {} for name, program in programs.items()}


def test_two_processes_per_model_stage_by_default(tmp_path):
    # Two sharing the cores (Settings.worker_processes; one on a single-core host), one of each other service.
    programs = supervisor_conf(tmp_path)
    extra = {"detection-2", "classification-2"} if (os.cpu_count() or 1) > 1 else set()
    assert set(programs) == {"ingestion", "detection", "classification", "alerts", "api"} | extra
    assert all("METRICS_PORT" not in env for name, env in programs.items() if name not in extra)


def test_several_workers_get_their_own_names_and_metrics_ports(tmp_path):
    programs = supervisor_conf(tmp_path, DETECTION_WORKERS="3", CLASSIFICATION_WORKERS="2")
    assert set(programs) == {"ingestion", "detection", "detection-2", "detection-3", "classification",
                             "classification-2", "alerts", "api"}
    ports = {name: env.get("METRICS_PORT") for name, env in programs.items()}
    assert ports["detection-2"] == "9202" and ports["detection-3"] == "9302" and ports["classification-2"] == "9203"
    assert ports["detection"] is None  # the first keeps the default, where Prometheus looks


def test_workers_sized_to_the_cores_by_threads(tmp_path):
    cores = os.cpu_count() or 1
    programs = supervisor_conf(tmp_path, ONNX_INTRA_OP_THREADS="1")
    assert sum(name.startswith("detection") for name in programs) == cores
    assert sum(name.startswith("classification") for name in programs) == cores
