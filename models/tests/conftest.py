from __future__ import annotations

import time
from pathlib import Path

import pytest

from addax_models.build_demo import DemoModels, build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoModels, float]:
    """Demo models built once for this folder, with the build time in seconds."""
    out: Path = tmp_path_factory.mktemp("demo-models")
    start = time.perf_counter()
    models = build(out)
    return models, time.perf_counter() - start
