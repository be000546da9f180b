"""ftp_accounts: upload accounts created in the dashboard (plain FTP opt-in, IP allow-list)

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-29 20:00:00

Accounts from the FTPS_ACCOUNTS setting stay in the setting; this table holds the ones an admin
creates in the dashboard, read by the ingestion FTP server. Passwords are argon2id hashes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ftp_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("camera_name", sa.String(120), nullable=True),
        sa.Column("allow_plain_ftp", sa.Boolean(), nullable=False, server_default="false"),
        sa.Column("ip_allowlist", postgresql.ARRAY(sa.String(64)), nullable=False, server_default="{}"),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default="true"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_ftp_accounts_created_by_users",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_ftp_accounts"),
        sa.UniqueConstraint("username", name="uq_ftp_accounts_username"),
    )


def downgrade() -> None:
    op.drop_table("ftp_accounts")
