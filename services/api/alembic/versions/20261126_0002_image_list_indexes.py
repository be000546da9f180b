"""indexes for the image list: capture time with fallback, top labels, human labels

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:00:00

The gallery filters and sorts by `coalesce(captured_at, received_at)` (images without EXIF time fall
back to their arrival), with `id` as tie-breaker; these indexes match that expression exactly, so
`ORDER BY ... LIMIT` walks an index instead of sorting the table. The species filter tests
`CASE WHEN rank = 1 THEN label END`; as an expression index it also gets its own statistics, so the
planner knows how rare a species is as the *top* label (a plain label index counts ranks 2-5 too and
made the planner walk all images looking for a rare species). The partial index on human
classifications keeps "does this detection have a human label?" a tiny lookup.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_images_taken_at",
        "images",
        [sa.literal_column("coalesce(captured_at, received_at) DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.create_index(
        "ix_images_camera_taken_at",
        "images",
        ["camera_id", sa.literal_column("coalesce(captured_at, received_at) DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.create_index(
        "ix_classifications_top_label",
        "classifications",
        [sa.literal_column("(CASE WHEN rank = 1 THEN label END)")],
        unique=False,
    )
    op.create_index(
        "ix_classifications_human_detection",
        "classifications",
        ["detection_id"],
        unique=False,
        postgresql_where=sa.text("source = 'human'"),
    )


def downgrade() -> None:
    op.drop_index("ix_classifications_human_detection", table_name="classifications")
    op.drop_index("ix_classifications_top_label", table_name="classifications")
    op.drop_index("ix_images_camera_taken_at", table_name="images")
    op.drop_index("ix_images_taken_at", table_name="images")
