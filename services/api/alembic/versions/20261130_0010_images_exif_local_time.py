"""images keep the EXIF wall-clock time, read in their deployment's time zone

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 03:00:00

EXIF capture times carry no zone on almost every camera trap. `images.exif_local_time` keeps that
wall-clock time so the time zone of the image's deployment can be applied, and re-applied when the
zone is corrected (addax_common/deployments.py). Existing images whose EXIF time was read as UTC, or
in a named camera zone, get it back from `exif_captured_at`; the others (EXIF with an offset, or a
fixed-offset camera zone) keep their time as it is.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

UTC_BASIS = "no offset in EXIF: camera clock assumed UTC"
ZONE_BASIS = "camera time zone "


def upgrade() -> None:
    op.add_column("images", sa.Column("exif_local_time", sa.DateTime(timezone=False), nullable=True))
    op.execute(
        sa.text(
            "UPDATE images SET exif_local_time = exif_captured_at AT TIME ZONE 'UTC' "
            "WHERE exif_captured_at IS NOT NULL AND exif->>'_capture_time' = :basis"
        ).bindparams(basis=UTC_BASIS)
    )
    op.execute(
        sa.text(
            "UPDATE images SET exif_local_time = exif_captured_at AT TIME ZONE z.name "
            "FROM pg_timezone_names AS z "
            "WHERE exif_captured_at IS NOT NULL AND exif->>'_capture_time' = :prefix || z.name"
        ).bindparams(prefix=ZONE_BASIS)
    )


def downgrade() -> None:
    op.drop_column("images", "exif_local_time")
