from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from addax_common.db import Base
from addax_common.settings import get_settings

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    # Tests pass their own database with `-x url=...` or config attributes; otherwise settings decide.
    return config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url") or get_settings().database_url


def _include_object(_obj, name, type_, _reflected, _compare_to):
    # PostGIS owns these tables; autogenerate must not try to drop them.
    return not (type_ == "table" and name in {"spatial_ref_sys", "layer", "topology"})


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, include_object=_include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config({"sqlalchemy.url": _url()}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, include_object=_include_object)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
