"""Project scopes kept in memory for reads (addax_api/scope_cache.py): a gallery page answered from the
response cache touches no database connection, and a change of membership, role or account made
through the API counts for the very next request."""

from __future__ import annotations

import time

from sqlalchemy import event, select, update

from addax_api.scope_cache import ScopeCache, ScopeRow
from addax_common.db import Project, ProjectMember, User, UserRole

IMAGES = "/api/projects/default/images"
PROJECT = "/api/projects/default"


class Checkouts:
    """Connections taken from the API's pool while the block runs."""

    def __init__(self, engine) -> None:
        self.engine, self.count = engine, 0

    def _checkout(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> Checkouts:
        event.listen(self.engine, "checkout", self._checkout)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "checkout", self._checkout)


def test_a_kept_gallery_page_needs_no_database_connection(client, app, users, seed, api_ctx):
    seed.image(seed.camera("Quebec"))
    first = client.get(IMAGES, headers=users.viewer.headers)
    assert first.status_code == 200, first.text
    hits = app.state.scope_cache.hits
    with Checkouts(api_ctx.engine) as checkouts:
        again = client.get(IMAGES, headers=users.viewer.headers)
        counts = client.get(f"{IMAGES}/status-counts", headers=users.viewer.headers)
        assert client.get(f"{IMAGES}/status-counts", headers=users.viewer.headers).content == counts.content
    assert again.content == first.content
    assert checkouts.count == 1  # the first status-counts query only; the gallery page and its repeat none
    assert app.state.scope_cache.hits == hits + 3


def test_removing_a_member_counts_for_the_very_next_read(client, users, seed):
    seed.image(seed.camera("Romeo"))
    assert client.get(IMAGES, headers=users.viewer.headers).status_code == 200
    removed = client.delete(f"{PROJECT}/members/{users.viewer.id}", headers=users.admin.headers)
    assert removed.status_code == 204, removed.text
    refused = client.get(IMAGES, headers=users.viewer.headers)
    assert refused.status_code == 404
    assert refused.json()["detail"] == "project not found"


def test_a_role_changed_through_the_api_counts_at_once(client, users, seed):
    seed.image(seed.camera("Sierra"))
    assert client.get(f"{PROJECT}/members", headers=users.analyst.headers).status_code == 403
    promoted = client.patch(f"{PROJECT}/members/{users.analyst.id}", json={"role": "admin"}, headers=users.admin.headers)
    assert promoted.status_code == 200, promoted.text
    assert client.get(f"{PROJECT}/members", headers=users.analyst.headers).status_code == 200
    other = client.patch(f"{PROJECT}/members/{users.viewer.id}", json={"role": "admin"}, headers=users.admin.headers)
    assert other.status_code == 200, other.text  # a project keeps at least one admin
    demoted = client.patch(f"{PROJECT}/members/{users.analyst.id}", json={"role": "viewer"}, headers=users.admin.headers)
    assert demoted.status_code == 200, demoted.text
    assert client.get(f"{PROJECT}/members", headers=users.analyst.headers).status_code == 403


def test_a_deactivated_account_is_refused_at_once(client, users, seed):
    assert client.get(IMAGES, headers=users.viewer.headers).status_code == 200
    off = client.patch(f"/api/users/{users.viewer.id}", json={"is_active": False}, headers=users.admin.headers)
    assert off.status_code == 200, off.text
    refused = client.get(IMAGES, headers=users.viewer.headers)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "user is inactive or no longer exists"


def test_a_change_always_reads_its_scope_from_the_database(client, users, seed, api_ctx):
    """A demotion made straight in the database (no version bump) is not seen by kept reads until they
    expire, but a change by the demoted user is refused at once."""
    image_id = seed.image(seed.camera("Tango"))
    assert client.get(IMAGES, headers=users.analyst.headers).status_code == 200
    with api_ctx.sessions() as db:
        db.execute(update(ProjectMember).where(ProjectMember.user_id == users.analyst.id).values(role=UserRole.VIEWER))
        db.commit()
    assert client.get(IMAGES, headers=users.analyst.headers).status_code == 200  # kept, as documented
    refused = client.post(f"{IMAGES}/{image_id}/approve", headers=users.analyst.headers)
    assert refused.status_code == 403
    assert "analyst" in refused.json()["detail"]


def default_project(db) -> Project:
    return db.scalars(select(Project).where(Project.slug == "default")).one()


def test_kept_scopes_are_fresh_objects_of_each_session(api_ctx, users):
    cache = ScopeCache(ttl=30)
    with api_ctx.sessions() as db:
        user, project = db.get(User, users.viewer.id), default_project(db)
        cache.put("v1", "default", ScopeRow(user, project, UserRole.VIEWER))
        expected = (user.id, user.email, user.is_active, project.id, project.name)
    with api_ctx.sessions() as first, api_ctx.sessions() as second:
        a = cache.get(first, "v1", users.viewer.id, "default")
        b = cache.get(second, "v1", users.viewer.id, "default")
        assert a is not None and b is not None and a.role == UserRole.VIEWER
        assert (a.user.id, a.user.email, a.user.is_active, a.project.id, a.project.name) == expected
        assert a.user is not b.user and a.project is not b.project
        assert a.user in first and a.user not in second  # attached to its own session, as if loaded by it
        assert a.user.password_hash  # not kept: loaded from the database when asked for
        a.project.name = "Renamed in one request"
        assert b.project.name == expected[4]
        first.flush()  # a change to an attached object is written like any other
        assert first.scalar(select(Project.name).where(Project.id == expected[3])) == "Renamed in one request"
        first.rollback()
        assert cache.get(second, "v2", users.viewer.id, "default") is None  # another data version
        assert cache.get(second, None, users.viewer.id, "default") is None  # no Redis: nothing is kept


def test_an_entry_lives_at_most_its_ttl_and_refusals_are_not_kept(api_ctx, users):
    with api_ctx.sessions() as db:
        viewer, admin, project = db.get(User, users.viewer.id), db.get(User, users.admin.id), default_project(db)
        short = ScopeCache(ttl=0.05)
        short.put("v1", "default", ScopeRow(viewer, project, UserRole.VIEWER))
        assert short.get(db, "v1", viewer.id, "default") is not None
        time.sleep(0.1)
        assert short.get(db, "v1", viewer.id, "default") is None
        cache = ScopeCache(ttl=30)
        cache.put("v1", "elsewhere", ScopeRow(viewer, None, None))  # no such project: a 404
        assert cache.get(db, "v1", viewer.id, "elsewhere") is None
        cache.put("v1", "default", ScopeRow(viewer, project, None))  # not a member: a 404
        assert cache.get(db, "v1", viewer.id, "default") is None
        cache.put("v1", "default", ScopeRow(admin, project, None))  # a server admin needs no membership
        assert cache.get(db, "v1", admin.id, "default") is not None
        viewer.is_active = False
        cache.put("v2", "default", ScopeRow(viewer, project, UserRole.VIEWER))  # deactivated: a 401
        assert cache.get(db, "v2", viewer.id, "default") is None
        db.rollback()
