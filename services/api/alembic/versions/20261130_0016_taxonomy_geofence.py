"""classification rows keep their label's taxonomy and rank (roll-up); projects get a country geofence

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 03:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("classifications", sa.Column("taxon_rank", sa.String(length=16), nullable=True))
    op.add_column("classifications", sa.Column("taxonomy", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column(
        "projects",
        sa.Column("geofence_countries", postgresql.ARRAY(sa.String(length=3)), server_default="{}", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("projects", "geofence_countries")
    op.drop_column("classifications", "taxonomy")
    op.drop_column("classifications", "taxon_rank")
