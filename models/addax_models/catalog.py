"""Which catalog the model tooling reads: ``--catalog FILE``, else ``$ADDAX_MODELS_CATALOG``, else the
repository's ``models/catalog.yaml``. The schema, its validation and the entry types are
``addax_common.model_catalog``, shared with the workers and the API."""

from __future__ import annotations

import os
from pathlib import Path

from addax_common import model_catalog

CATALOG_ENV = "ADDAX_MODELS_CATALOG"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "catalog.yaml"


def catalog_path() -> Path:
    return Path(os.environ.get(CATALOG_ENV) or DEFAULT_PATH)


def load_catalog(path: str | Path | None = None) -> model_catalog.Catalog:
    return model_catalog.load_catalog(path or catalog_path())
