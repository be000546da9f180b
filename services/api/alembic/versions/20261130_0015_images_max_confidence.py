"""images.max_confidence: each image's highest detection confidence, kept by triggers, for the confidence sort

Revision ID: 0015
Revises: 0013
Create Date: 2026-11-30 04:00:00

`sort=confidence` aggregated every image's detections per request (180 ms at 100,000 images, and twice
for a detail page's prev/next). The column holds max(detections.confidence) (null: no detections), kept
by statement-level triggers on detections, so every writer (the detection worker, imports, a re-run that
replaces an image's detections) keeps it right without knowing it exists. With the index
ix_images_project_confidence the newest-first confidence order is an index walk.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

TAKEN_AT = "coalesce(captured_at, received_at)"
REFRESH = """
CREATE OR REPLACE FUNCTION images_refresh_max_confidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE images SET max_confidence = (SELECT max(d.confidence) FROM detections d WHERE d.image_id = images.id)
    WHERE images.id IN (SELECT image_id FROM changed);
    RETURN NULL;
END $$;
"""
# One trigger per event: transition tables cannot serve several events in one trigger.
TRIGGERS = {
    "detections_max_confidence_insert": "AFTER INSERT ON detections REFERENCING NEW TABLE AS changed",
    "detections_max_confidence_update": "AFTER UPDATE ON detections REFERENCING NEW TABLE AS changed",
    "detections_max_confidence_delete": "AFTER DELETE ON detections REFERENCING OLD TABLE AS changed",
}


def upgrade() -> None:
    op.add_column("images", sa.Column("max_confidence", sa.Float(), nullable=True))
    op.execute(REFRESH)
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT EXECUTE FUNCTION images_refresh_max_confidence()")
    op.execute(
        "UPDATE images SET max_confidence = top.value FROM "
        "(SELECT image_id, max(confidence) AS value FROM detections GROUP BY image_id) AS top "
        "WHERE images.id = top.image_id"
    )
    op.execute(
        "CREATE INDEX ix_images_project_confidence ON images "
        f"(project_id, coalesce(max_confidence, -1.0), (captured_at IS NOT NULL), {TAKEN_AT}, id)"
    )


def downgrade() -> None:
    op.drop_index("ix_images_project_confidence", table_name="images")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON detections")
    op.execute("DROP FUNCTION images_refresh_max_confidence()")
    op.drop_column("images", "max_confidence")
