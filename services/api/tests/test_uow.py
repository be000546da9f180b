"""The unit of work (addax_api/uow.py): commit on success, roll back on error, after-commit hooks only
after a commit, and a failing hook never undoes or fails the stored change."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from addax_api.errors import Conflict
from addax_api.uow import UoW
from addax_common.db import Camera


def test_commit_rollback_and_hooks(app, client, api_ctx):
    ran: list[str] = []
    router = APIRouter()

    @router.post("/test/uow/ok")
    def ok(uow: UoW) -> dict[str, bool]:
        uow.db.add(Camera(name="uow-ok"))
        uow.after_commit("mark", lambda: ran.append("ok"))
        uow.after_commit("mark", lambda: ran.append("duplicate"))  # same name: runs once
        uow.after_commit("boom", lambda: 1 / 0)  # logged, the response is still a success
        uow.after_commit("after-boom", lambda: ran.append("after-boom"))
        return {"ok": True}

    @router.post("/test/uow/fail")
    def fail(uow: UoW) -> None:
        uow.db.add(Camera(name="uow-fail"))
        uow.db.flush()
        uow.after_commit("mark", lambda: ran.append("fail"))
        raise Conflict("refused")

    app.include_router(router)

    assert client.post("/test/uow/ok").json() == {"ok": True}
    assert ran == ["ok", "after-boom"]
    response = client.post("/test/uow/fail")
    assert response.status_code == 409 and response.json() == {"detail": "refused"}
    assert ran == ["ok", "after-boom"]  # no hook of the failed request ran
    with api_ctx.sessions() as db:
        names = set(db.scalars(select(Camera.name).where(Camera.name.like("uow-%"))).all())
    assert names == {"uow-ok"}
