"""deployments; images keep their EXIF time, their deployment, and sort undated images last

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 01:00:00

`images.exif_captured_at` holds the camera clock's time as read, so a deployment's clock offset can be
applied and undone exactly (captured_at = exif_captured_at + offset). Images without a capture time no
longer borrow their arrival time in date filters; they sort after every dated image, which the two
order indexes (newest first scans the first backwards, oldest first the second forwards) keep an
index scan.
"""
from __future__ import annotations

import geoalchemy2
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TAKEN_AT = "coalesce(captured_at, received_at)"


def upgrade() -> None:
    op.create_table(
        "deployments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "location",
            geoalchemy2.types.Geography(geometry_type="POINT", srid=4326, spatial_index=False),
            nullable=False,
        ),
        sa.Column("location_name", sa.String(200), nullable=True),
        sa.Column("camera_height_m", sa.Float(), nullable=True),
        sa.Column("bait", sa.String(200), nullable=True),
        sa.Column("habitat", sa.String(200), nullable=True),
        sa.Column("feature_type", sa.String(32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("clock_offset_seconds", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("end_at IS NULL OR end_at > start_at", name="ck_deployments_period"),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cameras.id"], name="fk_deployments_camera_id_cameras", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deployments"),
    )
    op.create_index("ix_deployments_camera_start", "deployments", ["camera_id", "start_at"])

    op.add_column("images", sa.Column("exif_captured_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("images", sa.Column("deployment_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        "fk_images_deployment_id_deployments", "images", "deployments", ["deployment_id"], ["id"],
        ondelete="SET NULL",
    )
    op.execute("UPDATE images SET exif_captured_at = captured_at WHERE captured_at IS NOT NULL")
    op.create_index("ix_images_deployment", "images", ["deployment_id"])
    op.drop_index("ix_images_project_taken_at", table_name="images")
    op.execute(
        "CREATE INDEX ix_images_project_dated_taken_at ON images "
        f"(project_id, (captured_at IS NOT NULL), {TAKEN_AT}, id)"
    )
    op.execute(
        f"CREATE INDEX ix_images_project_undated_taken_at ON images (project_id, (captured_at IS NULL), {TAKEN_AT}, id)"
    )


def downgrade() -> None:
    op.drop_index("ix_images_project_undated_taken_at", table_name="images")
    op.drop_index("ix_images_project_dated_taken_at", table_name="images")
    op.execute(f"CREATE INDEX ix_images_project_taken_at ON images (project_id, {TAKEN_AT} DESC, id DESC)")
    op.drop_index("ix_images_deployment", table_name="images")
    op.drop_constraint("fk_images_deployment_id_deployments", "images", type_="foreignkey")
    op.drop_column("images", "deployment_id")
    op.drop_column("images", "exif_captured_at")
    op.drop_index("ix_deployments_camera_start", table_name="deployments")
    op.drop_table("deployments")
