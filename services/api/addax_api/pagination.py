"""Page-number pagination shared by the list endpoints."""

from __future__ import annotations

import math
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

MAX_PAGE = 1_000_000

PageParam = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]


def limit_param(default: int = 50, maximum: int = 200):
    # The route states the default itself (`limit: limit_param(50, 200) = 50`); check it is in range.
    if not 1 <= default <= maximum:
        raise ValueError(f"default limit {default} is outside 1..{maximum}")
    return Annotated[int, Query(ge=1, le=maximum, description=f"Items per page (1..{maximum})")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    limit: int
    pages: int

    @classmethod
    def build(cls, items: list[T], total: int, page: int, limit: int) -> Page[T]:
        return cls(items=items, total=total, page=page, limit=limit, pages=math.ceil(total / limit) if total else 0)
