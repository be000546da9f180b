"""upload doors: upload keys, resumable upload sessions, and which door and sender each image came by

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 03:10:00

`images.upload_door` is ftps for every image so far (FTPS was the only door); `uploaded_by` is the
signed-in user of a web upload, `upload_key_id` the key of the HTTP upload API or the CLI.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upload_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("key_hash", name="uq_upload_keys_key_hash"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name="fk_upload_keys_project_id_projects", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name="fk_upload_keys_camera_id_cameras", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_upload_keys_created_by_users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_upload_keys"),
    )
    op.create_index("ix_upload_keys_project", "upload_keys", ["project_id"])
    op.create_table(
        "upload_sessions",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("door", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("upload_key_id", sa.Integer(), nullable=True),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("image_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("image_status", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name="fk_upload_sessions_project_id_projects", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_upload_sessions_user_id_users", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["upload_key_id"], ["upload_keys.id"], name="fk_upload_sessions_upload_key_id_upload_keys", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name="fk_upload_sessions_camera_id_cameras", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_upload_sessions"),
    )
    op.create_index("ix_upload_sessions_created", "upload_sessions", ["created_at"])
    op.add_column("images", sa.Column("upload_door", sa.String(16), server_default="ftps", nullable=False))
    op.add_column("images", sa.Column("uploaded_by", sa.Integer(), nullable=True))
    op.add_column("images", sa.Column("upload_key_id", sa.Integer(), nullable=True))
    op.create_foreign_key("fk_images_uploaded_by_users", "images", "users", ["uploaded_by"], ["id"], ondelete="SET NULL")
    op.create_foreign_key(
        "fk_images_upload_key_id_upload_keys", "images", "upload_keys", ["upload_key_id"], ["id"], ondelete="SET NULL"
    )


def downgrade() -> None:
    op.drop_constraint("fk_images_upload_key_id_upload_keys", "images", type_="foreignkey")
    op.drop_constraint("fk_images_uploaded_by_users", "images", type_="foreignkey")
    op.drop_column("images", "upload_key_id")
    op.drop_column("images", "uploaded_by")
    op.drop_column("images", "upload_door")
    op.drop_index("ix_upload_sessions_created", table_name="upload_sessions")
    op.drop_table("upload_sessions")
    op.drop_index("ix_upload_keys_project", table_name="upload_keys")
    op.drop_table("upload_keys")
