"""The unit of work of one request: its database session, who is acting, and what must happen once the
change is committed (cache invalidation, queue pushes, events).

Routers that change data take `UoW` instead of a session. The dependency commits when the route
returns and rolls back when it raises, so a change and its audit row land together or not at all.
After-commit hooks run only after a successful commit (ARCHITECTURE §3: enqueue after commit, so a
worker never sees an image whose row is not there yet); a failing hook is logged, never turned into an
error response, because the change itself is already stored and the reconciler or cache TTL catches up.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor
from addax_api.deps import get_db
from addax_common.logging import get_logger

log = get_logger(__name__)


class UnitOfWork:
    def __init__(self, request: Request, db: Session) -> None:
        self.db = db
        self._request = request
        self._hooks: list[tuple[str, Callable[[], Any]]] = []

    @property
    def actor(self) -> Actor:
        """The signed-in user (set by the role dependency) and the request's address and agent."""
        return Actor.from_request(self._request, getattr(self._request.state, "user", None))

    @property
    def state(self) -> Any:
        return self._request.app.state

    def after_commit(self, name: str, hook: Callable[[], Any]) -> None:
        """Run `hook` once the transaction is committed; `name` is for the log if it fails. A hook
        registered twice under the same name runs once (several changes, one invalidation)."""
        if all(existing != name for existing, _ in self._hooks):
            self._hooks.append((name, hook))

    def invalidate_stats(self, project_id: int) -> None:
        cache = self.state.stats_cache
        self.after_commit(f"stats_invalidate:{project_id}", lambda: cache.invalidate(project_id))

    def enqueue(self, queue: str, image_id: uuid.UUID) -> None:
        """Push an image onto a worker queue after the commit. If Redis is down, the reconciler
        re-enqueues it later (the row's status says what is pending)."""
        self.after_commit(f"enqueue:{queue}:{image_id}", lambda: self.state.ctx.queue(queue).push(image_id))

    def commit(self) -> None:
        self.db.commit()
        hooks, self._hooks = self._hooks, []
        for name, hook in hooks:
            try:
                hook()
            except Exception as exc:  # noqa: BLE001 - the change is stored; a failed side effect is logged
                log.warning("after_commit_failed", hook=name, error=str(exc))

    def rollback(self) -> None:
        self._hooks = []
        self.db.rollback()


def get_uow(request: Request, db: Annotated[Session, Depends(get_db)]) -> Iterator[UnitOfWork]:
    uow = UnitOfWork(request, db)
    try:
        yield uow
    except BaseException:
        uow.rollback()
        raise
    uow.commit()


# scope="function": the commit runs when the route returns, before the response is sent, so a failed
# commit is an error response rather than a success the database never stored.
UoW = Annotated[UnitOfWork, Depends(get_uow, scope="function")]
