"""images.sequence_id: the frames of one trigger (addax_common/sequences.py)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 03:00:00

`sequence_id` is the id of the first frame of the image's sequence. A BEFORE INSERT trigger makes an
image its own sequence when the insert leaves the column out (every writer that is not ingestion or
the deployments code, raw SQL included), so the column can be NOT NULL; the chaining itself runs in
the application after the insert. Existing images are chained here with the same statement.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from addax_common.sequences import CHAIN_SQL

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("images", sa.Column("sequence_id", sa.UUID(), nullable=True))
    op.execute("UPDATE images SET sequence_id = id")
    op.execute(CHAIN_SQL.format(scope="true"))
    op.alter_column("images", "sequence_id", nullable=False)
    op.execute(
        """
        CREATE FUNCTION images_own_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.sequence_id IS NULL THEN
                NEW.sequence_id := NEW.id;
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER images_own_sequence BEFORE INSERT ON images FOR EACH ROW EXECUTE FUNCTION images_own_sequence()"
    )
    op.create_index("ix_images_sequence", "images", ["sequence_id", "captured_at"])


def downgrade() -> None:
    op.drop_index("ix_images_sequence", table_name="images")
    op.execute("DROP TRIGGER images_own_sequence ON images")
    op.execute("DROP FUNCTION images_own_sequence()")
    op.drop_column("images", "sequence_id")
