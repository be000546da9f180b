"""images.species: the labels that count for each image's detections, kept by triggers, for the species filter

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 12:00:00

The species filter tested, per image, whether any rank-1 classification with one of the labels counts (a
human correction, or the machine's label of a detection nobody corrected). For a common species at a
million images PostgreSQL hashed every classification of it before counting 10,001 images: 360 ms per
uncached gallery page. The column holds that label set, kept by statement-level triggers on
classifications (so the classification worker, corrections, imports and re-runs keep it right without
knowing it exists), and a GIN index answers `species && ARRAY[...]` directly. The expression index
ix_classifications_top_label served only the old species test: dropped, one index less for every
classification written.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# The label that counts for a detection: its human correction, else the machine's rank-1 label
# (addax_api/queries/images.py, label_counts).
LABELS = """
    SELECT coalesce(array_agg(DISTINCT c.label ORDER BY c.label), '{}')
    FROM classifications c
    WHERE c.image_id = images.id AND c.rank = 1 AND c.label IS NOT NULL
      AND (c.source = 'human' OR NOT EXISTS (
          SELECT 1 FROM classifications h WHERE h.detection_id = c.detection_id AND h.source = 'human'))
"""
REFRESH = f"""
CREATE OR REPLACE FUNCTION images_refresh_species() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE images SET species = ({LABELS})
    WHERE images.id IN (SELECT image_id FROM changed);
    RETURN NULL;
END $$;
"""  # noqa: S608 - constant SQL, no input
# One trigger per event: transition tables cannot serve several events in one trigger.
TRIGGERS = {
    "classifications_species_insert": "AFTER INSERT ON classifications REFERENCING NEW TABLE AS changed",
    "classifications_species_update": "AFTER UPDATE ON classifications REFERENCING NEW TABLE AS changed",
    "classifications_species_delete": "AFTER DELETE ON classifications REFERENCING OLD TABLE AS changed",
}


def upgrade() -> None:
    op.add_column(
        "images", sa.Column("species", postgresql.ARRAY(sa.Text()), nullable=False, server_default="{}")
    )
    op.execute(REFRESH)
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT EXECUTE FUNCTION images_refresh_species()")
    op.execute(  # backfill
        f"UPDATE images SET species = ({LABELS}) "  # noqa: S608 - constant SQL, no input
        "WHERE EXISTS (SELECT 1 FROM classifications WHERE image_id = images.id)"
    )
    op.execute("CREATE INDEX ix_images_species ON images USING gin (species)")
    op.drop_index("ix_classifications_top_label", table_name="classifications")


def downgrade() -> None:
    op.create_index(
        "ix_classifications_top_label", "classifications", [sa.literal_column("(CASE WHEN rank = 1 THEN label END)")]
    )
    op.drop_index("ix_images_species", table_name="images")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON classifications")
    op.execute("DROP FUNCTION images_refresh_species()")
    op.drop_column("images", "species")
