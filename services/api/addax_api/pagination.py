"""Page-number pagination shared by the list endpoints."""

from __future__ import annotations

import math
from typing import Annotated, Generic, Self, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_PAGE = 1_000_000

PageParam = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")]


# Page sizes; the number is the maximum, the route states its default (`limit: Limit200 = 50`).
Limit200 = Annotated[int, Query(ge=1, le=200, description="Items per page (1..200)")]
Limit500 = Annotated[int, Query(ge=1, le=500, description="Items per page (1..500)")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    limit: int
    pages: int
    total_exact: bool = Field(
        True, description="False when `total` is a lower bound: there are more (lists that stop counting early)"
    )

    @classmethod
    def build(cls, items: list[T], total: int, page: int, limit: int, *, total_exact: bool = True) -> Self:
        pages = math.ceil(total / limit) if total else 0
        return cls(items=items, total=total, page=page, limit=limit, pages=pages, total_exact=total_exact)
