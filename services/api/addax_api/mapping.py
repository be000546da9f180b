"""Building response models from ORM rows whose attributes carry the response's field names."""

from __future__ import annotations

from typing import Any


def attributes(source: Any, *names: str) -> dict[str, Any]:
    """The named attributes of `source` (an ORM object or a result row), as keyword arguments for a schema."""
    return {name: getattr(source, name) for name in names}
