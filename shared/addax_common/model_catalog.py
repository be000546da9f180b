"""Typed loader and validator for ``models/catalog.yaml``: the one reader of the catalog, used by the
workers' start-up check (``model_check``), the API's Models page and the model tooling (``addax_models``).
A bad catalog raises ``CatalogError`` with one line that names the file, the entry and the field.

Entry schema (required unless marked optional):
    name          unique, [a-z0-9][a-z0-9._-]*
    version       the upstream release (string), what the ONNX metadata's ``version`` says
    demo          true for stand-in models that only know the demo photos' coloured shapes
    task          detection | classification
    format        pt | onnx
    file          file name the weights are stored under
    sha256        64 hex chars, or null when not known yet (never guessed)
    input_size    square input side in pixels (int) or null
    labels        list of class names, or null (then labels_url or notes say where)
    license       licence of the weights (SPDX-like id)
    source        mapping with exactly one of: url | build | bucket | path
    optional: labels_url, output_format (yolov5 | yolov8 | logits | probabilities | null),
              architecture, inference_license, homepage, archive, notes
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import yaml

Task = Literal["detection", "classification"]
SourceKind = Literal["url", "build", "bucket", "path"]

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TASKS = ("detection", "classification")
_FORMATS = ("pt", "onnx")
_SOURCES = ("url", "build", "bucket", "path")
_OUTPUT_FORMATS = ("yolov5", "yolov8", "logits", "probabilities")
_REQUIRED = ("name", "version", "demo", "task", "format", "file", "sha256", "input_size", "labels", "license", "source")
_OPTIONAL = (
    "labels_url",
    "output_format",
    "architecture",
    "inference_license",
    "homepage",
    "archive",
    "notes",
)


class CatalogError(ValueError):
    """The catalog file is malformed, or a model name is unknown."""


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    value: str  # the URL, builder module, bucket key or local path

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"  # as the ONNX metadata's ``source`` says it


@dataclass(frozen=True)
class ModelEntry:
    name: str
    version: str
    demo: bool
    task: Task
    format: Literal["pt", "onnx"]
    file: str
    sha256: str | None
    input_size: int | None
    labels: tuple[str, ...] | None
    license: str
    source: Source
    labels_url: str | None = None
    output_format: str | None = None
    architecture: str | None = None
    inference_license: str | None = None
    homepage: str | None = None
    archive: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Catalog:
    version: int
    models: tuple[ModelEntry, ...]

    def names(self) -> list[str]:
        return [m.name for m in self.models]

    def get(self, name: str) -> ModelEntry:
        for model in self.models:
            if model.name == name:
                return model
        raise CatalogError(f"unknown model {name!r}; the catalog has: {', '.join(self.names())}")


def load_catalog(path: str | Path) -> Catalog:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"catalog {path} cannot be read: {_one_line(exc)}") from exc
    return parse_catalog(raw, f"catalog {path}")


def _one_line(exc: Exception) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem and exc.problem_mark:
        mark = exc.problem_mark
        return f"{exc.problem} (line {mark.line + 1}, column {mark.column + 1})"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def parse_catalog(raw: Any, origin: str = "<catalog>") -> Catalog:
    if not isinstance(raw, dict) or not isinstance(raw.get("models"), list):
        raise CatalogError(f"{origin}: expected a mapping with a 'models' list")
    version = raw.get("version", 1)
    if not isinstance(version, int):
        raise CatalogError(f"{origin}: 'version' must be an integer")
    entries = tuple(_entry(item, f"{origin}: models[{i}]") for i, item in enumerate(raw["models"]))
    seen: set[str] = set()
    for entry in entries:
        if entry.name in seen:
            raise CatalogError(f"{origin}: duplicate model name {entry.name!r}")
        seen.add(entry.name)
    return Catalog(version, entries)


def _entry(item: Any, where: str) -> ModelEntry:
    if not isinstance(item, dict):
        raise CatalogError(f"{where}: expected a mapping")
    missing = [k for k in _REQUIRED if k not in item]
    unknown = [k for k in item if k not in _REQUIRED + _OPTIONAL]
    if missing or unknown:
        raise CatalogError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    where = f"{where} ({item['name']})"

    name = _str(item, "name", where)
    if not _NAME.match(name):
        raise CatalogError(f"{where}: name must match {_NAME.pattern}")
    task = _choice(item, "task", _TASKS, where)
    fmt = _choice(item, "format", _FORMATS, where)
    sha = item["sha256"]
    if sha is not None and not (isinstance(sha, str) and _SHA256.match(sha)):
        raise CatalogError(f"{where}: sha256 must be 64 lower-case hex characters or null")
    size = item["input_size"]
    if size is not None and not (isinstance(size, int) and not isinstance(size, bool) and size > 0):
        raise CatalogError(f"{where}: input_size must be a positive integer or null")
    labels = item["labels"]
    if labels is not None:
        if not (isinstance(labels, list) and labels and all(isinstance(x, str) and x for x in labels)):
            raise CatalogError(f"{where}: labels must be a non-empty list of strings or null")
        if len(set(labels)) != len(labels):
            raise CatalogError(f"{where}: labels contain duplicates")
    elif task == "detection":
        raise CatalogError(f"{where}: detection models must list their labels")
    if not isinstance(item["demo"], bool):
        raise CatalogError(f"{where}: demo must be true or false")
    output_format = item.get("output_format")
    if output_format is not None and output_format not in _OUTPUT_FORMATS:
        raise CatalogError(f"{where}: output_format must be one of {_OUTPUT_FORMATS} or null")
    optional = {k: item.get(k) for k in _OPTIONAL if k != "output_format"}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise CatalogError(f"{where}: {key} must be a string or null")
    return ModelEntry(
        name=name,
        version=_version(item, where),
        demo=item["demo"],
        task=cast(Task, task),
        format=cast(Literal["pt", "onnx"], fmt),
        file=_file_name(item, where),
        sha256=sha,
        input_size=size,
        labels=tuple(labels) if labels is not None else None,
        license=_str(item, "license", where),
        source=_source(item["source"], where),
        output_format=output_format,
        **optional,
    )


def _str(item: dict[str, Any], key: str, where: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where}: {key} must be a non-empty string")
    return value


def _version(item: dict[str, Any], where: str) -> str:
    value = item["version"]
    # YAML reads 1.3 as a float: ask for quotes rather than guess how it was written.
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f'{where}: version must be a non-empty string (quote numbers: "1.3")')
    return value


def _choice(item: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = item[key]
    if value not in choices:
        raise CatalogError(f"{where}: {key} must be one of {choices}, got {value!r}")
    return cast(str, value)


def _file_name(item: dict[str, Any], where: str) -> str:
    value = _str(item, "file", where)
    if "/" in value or "\\" in value or value in (".", ".."):
        raise CatalogError(f"{where}: file must be a bare file name, got {value!r}")
    return value


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise CatalogError(f"{where}: source must have exactly one of {_SOURCES}")
    ((kind, value),) = raw.items()
    if kind not in _SOURCES or not isinstance(value, str) or not value:
        raise CatalogError(f"{where}: source must have exactly one of {_SOURCES} with a string value")
    if kind == "url" and not re.match(r"^(https?|file)://", value):
        raise CatalogError(f"{where}: source url must be http(s):// or file://")
    return Source(cast(SourceKind, kind), value)
