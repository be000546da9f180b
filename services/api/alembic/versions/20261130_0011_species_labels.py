"""species_labels: labels a project's admins add to the species list reviewers correct from

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 03:10:00

A species correction must name a label of the project's list: the classifier's labels, the taxonomy's
labels and groups, blank / person / vehicle, and the rows of this table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "species_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name="fk_species_labels_project_id_projects", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name="fk_species_labels_created_by_users", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_species_labels"),
        sa.UniqueConstraint("project_id", "label", name="uq_species_labels_project_label"),
    )


def downgrade() -> None:
    op.drop_table("species_labels")
