"""model management: run-time thresholds, reprocess jobs, people-blurred images

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 03:00:00

`runtime_settings` holds the thresholds (and the people-blurring switch) an admin changes without a
restart; `reprocess_jobs` / `reprocess_items` remember what a reprocess sent back through the
pipeline; `images.people_blurred` says whether people-blurred copies of an image exist.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runtime_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_runtime_settings_updated_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_runtime_settings")),
    )
    op.create_table(
        "reprocess_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stages", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), server_default="0", nullable=False),
        sa.Column("filters", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("detector", sa.String(120), nullable=True),
        sa.Column("classifier", sa.String(120), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("stages IN ('detection','classification')", name=op.f("ck_reprocess_jobs_stages_kind")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_reprocess_jobs_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_reprocess_jobs_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reprocess_jobs")),
    )
    op.create_index(
        "ix_reprocess_jobs_project_created", "reprocess_jobs", ["project_id", sa.text("created_at DESC")]
    )
    op.create_table(
        "reprocess_items",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("image_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["image_id"], ["images.id"], name=op.f("fk_reprocess_items_image_id_images"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["reprocess_jobs.id"], name=op.f("fk_reprocess_items_job_id_reprocess_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", "image_id", name=op.f("pk_reprocess_items")),
    )
    op.create_index("ix_reprocess_items_image", "reprocess_items", ["image_id"])
    op.add_column("images", sa.Column("people_blurred", sa.Boolean(), server_default="false", nullable=False))


def downgrade() -> None:
    op.drop_column("images", "people_blurred")
    op.drop_index("ix_reprocess_items_image", table_name="reprocess_items")
    op.drop_table("reprocess_items")
    op.drop_index("ix_reprocess_jobs_project_created", table_name="reprocess_jobs")
    op.drop_table("reprocess_jobs")
    op.drop_table("runtime_settings")
