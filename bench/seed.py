"""Seeding shared by the benchmarks that fill a throw-away database: bulk COPY of prepared rows, and a
project member to sign the API's requests as."""

from __future__ import annotations

import io

import sqlalchemy as sa


def copy_rows(engine: sa.Engine, tables: list[tuple[str, str, io.StringIO]], serial: tuple[str, ...],
              analyze: bool = False) -> None:
    """COPYs each (table, columns, tab-separated rows) in order in one transaction, then moves the id
    sequences of the `serial` tables past the ids written, so later inserts do not collide; with
    `analyze`, runs VACUUM ANALYZE after the commit."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for table, columns, data in tables:
            data.seek(0)
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", data)
        for table in serial:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        raw.commit()
        if analyze:
            raw.set_isolation_level(0)  # VACUUM cannot run inside a transaction
            cursor.execute("VACUUM ANALYZE")
    finally:
        raw.close()


def project_viewer_token(ctx, settings, slug: str, email: str = "bench@example.org") -> str:
    """A bearer token of a new viewer who is a member of project `slug`: every request pays the
    membership check, as a real user's does (a server admin's would skip it)."""
    from addax_api.security import create_access_token
    from addax_common.db import Project, ProjectMember, User, UserRole

    with ctx.sessions() as db:
        viewer = User(email=email, role=UserRole.VIEWER, password_hash="x")
        db.add(viewer)
        db.flush()
        project_id = db.scalar(sa.select(Project.id).where(Project.slug == slug))
        db.add(ProjectMember(project_id=project_id, user_id=viewer.id, role=UserRole.VIEWER))
        db.commit()
        return create_access_token(settings, viewer, ttl=7200)
