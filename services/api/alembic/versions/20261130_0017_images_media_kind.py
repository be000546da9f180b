"""images.media_kind: videos from SD cards are stored and listed as media of kind video

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 04:20:00

Every existing row is an image. A video is stored in raw-images like a photo, gets a poster frame
(ffmpeg) or a placeholder as its thumbnail, and is not run through the image models: it is written
`completed` with no detections, so the reconciler never re-queues it.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("images", sa.Column("media_kind", sa.String(16), server_default="image", nullable=False))
    op.create_check_constraint("media_kind", "images", "media_kind IN ('image', 'video')")


def downgrade() -> None:
    op.drop_constraint("media_kind", "images", type_="check")
    op.drop_column("images", "media_kind")
