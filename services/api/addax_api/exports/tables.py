"""Reading a Camtrap DP CSV table and checking each row against the vendored table schema (the same
files an export declares): required fields, types, enums, ranges, patterns, unique keys. Problems name
the file, the line (the header is line 1) and the field."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from addax_api.exports import camtrap

MAX_PROBLEMS = 20


@dataclass
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def loc(self) -> list[str | int]:
        loc: list[str | int] = ["body", "file", self.file]
        if self.line is not None:
            loc.append(self.line)
        if self.field is not None:
            loc.append(self.field)
        return loc

    def describe(self) -> str:
        where = self.file + (f" line {self.line}" if self.line is not None else "")
        return f"{where}" + (f", field {self.field}" if self.field else "") + f": {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, name: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, line, name, message))

    def __bool__(self) -> bool:
        return bool(self.items)


def parse_datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("no UTC offset")
    return value


def _convert(kind: str, text: str) -> Any:
    if kind == "string" or kind == "any":
        return text
    if kind == "number":
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a finite number")
        return value
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError("not an integer")
        return int(text)
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise ValueError("not true or false")
    if kind == "datetime":
        return parse_datetime(text)
    raise ValueError(f"unsupported type {kind}")


def _check(spec: dict[str, Any], value: Any) -> str | None:
    rules = spec.get("constraints", {})
    if "enum" in rules and value not in rules["enum"]:
        return f"{value!r} is not one of {', '.join(rules['enum'])}"
    if "minimum" in rules and value < rules["minimum"]:
        return f"{value} is below the minimum {rules['minimum']}"
    if "maximum" in rules and value > rules["maximum"]:
        return f"{value} is above the maximum {rules['maximum']}"
    if "pattern" in rules and isinstance(value, str) and not re.fullmatch(rules["pattern"], value):
        return f"{value!r} does not match the pattern {rules['pattern']}"
    return None


def read(stream: IO[bytes], table: str, file: str, problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) for each valid row, values converted; invalid rows are reported and skipped."""
    schema = camtrap.table_schema(table)
    missing_values = set(schema.get("missingValues", [""]))
    specs = {f["name"]: f for f in schema["fields"]}
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.add(file, 1, None, f"not a readable UTF-8 CSV file: {exc}")
        return
    absent = [n for n, s in specs.items() if s.get("constraints", {}).get("required") and n not in header]
    if absent:
        problems.add(file, 1, absent[0], "required column missing from the header")
        return
    unique_fields = [n for n, s in specs.items() if s.get("constraints", {}).get("unique")]
    seen: dict[str, set[Any]] = {n: set() for n in unique_fields}
    try:
        for row in reader:
            line = reader.line_num
            values: dict[str, Any] = {}
            ok = True
            for name, spec in specs.items():
                raw = (row.get(name) or "").strip() if name in row else ""
                if raw in missing_values:
                    if spec.get("constraints", {}).get("required"):
                        problems.add(file, line, name, "required value missing")
                        ok = False
                    values[name] = None
                    continue
                try:
                    value = _convert(spec["type"], raw)
                except ValueError as exc:
                    problems.add(file, line, name, f"{raw!r} is not a valid {spec['type']} ({exc})")
                    ok = False
                    continue
                message = _check(spec, value)
                if message:
                    problems.add(file, line, name, message)
                    ok = False
                    continue
                values[name] = value
            for name in unique_fields:
                if values.get(name) is not None:
                    if values[name] in seen[name]:
                        problems.add(file, line, name, f"duplicate {name} {values[name]!r}")
                        ok = False
                    seen[name].add(values[name])
            if ok:
                yield line, values
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.add(file, reader.line_num, None, f"not a readable UTF-8 CSV file: {exc}")
