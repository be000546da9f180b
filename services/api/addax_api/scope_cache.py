"""Project scopes (the token's user, the project, the user's role in it) resolved recently, so that a
read answered from the response cache needs no database at all.

The rule is response_cache.py's: an entry is kept under the data version its request read first, and
every change made through the API bumps that version before it is answered, a removed member, a
demoted or deactivated user and a renamed project included, so the very next request reads the
database again. An entry also lives at most `ttl` seconds, which bounds how long a change made outside
the API (the command line) takes to count. Only reads (GET, HEAD) use it: a change always resolves its
scope in its own transaction, so it never writes through a copy.

What is kept are column values, not ORM objects: each request gets its own User and Project, attached
to its own session without a query (`make_transient_to_detached`, `merge(load=False)`), so they behave as if just loaded
(changes flush, relationships load) and no two threads ever share one. The password hash is not kept.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached

from addax_common.db import Project, User, UserRole

MAX_ENTRIES = 4096
NOT_KEPT = {User: frozenset({"password_hash"}), Project: frozenset()}
Model = TypeVar("Model", User, Project)


@dataclass(frozen=True)
class ScopeRow:
    user: User
    project: Project | None
    role: str | None  # the membership's role; None when not a member


@dataclass(frozen=True)
class _Entry:
    expires: float
    user: dict[str, Any]
    project: dict[str, Any]
    role: str | None


def _columns(obj: User | Project) -> dict[str, Any]:
    skip = NOT_KEPT[type(obj)]
    mapper: Mapper[Any] = inspect(type(obj))
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs if attr.key not in skip}


def _revive(db: Session, model: type[Model], values: dict[str, Any]) -> Model:
    obj = model(**copy.deepcopy(values))  # JSON columns are dicts: no request may change another's
    make_transient_to_detached(obj)
    # Persistent in this session, as if loaded by it, without SQL (or the session's own copy, when it
    # has loaded that row already).
    return db.merge(obj, load=False)


class ScopeCache:
    def __init__(self, ttl: float, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, int, str], _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, db: Session, version: str | None, user_id: int, slug: str) -> ScopeRow | None:
        """The scope kept for (user, slug) under `version`, attached to `db`; None when there is none."""
        if version is None or self.ttl <= 0:
            return None
        with self._lock:
            entry = self._entries.get((version, user_id, slug))
            if entry is None or entry.expires <= time.monotonic():
                return None
            self.hits += 1
        return ScopeRow(_revive(db, User, entry.user), _revive(db, Project, entry.project), entry.role)

    def put(self, version: str | None, slug: str, row: ScopeRow) -> None:
        """Keep a scope that let its request in (an active user, an existing project); refusals are
        not kept, so nobody can fill the cache with them."""
        if version is None or self.ttl <= 0 or row.project is None or not row.user.is_active:
            return
        if row.role is None and UserRole(row.user.role) != UserRole.ADMIN:  # not a member: a 404
            return
        entry = _Entry(time.monotonic() + self.ttl, _columns(row.user), _columns(row.project), row.role)
        with self._lock:
            self._entries[(version, row.user.id, slug)] = entry
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
