"""image_tallies: image counts per (project, camera, capture day, status, label), kept by triggers

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 21:00:00

At a million images every dashboard statistic was a pass over the project's images (summary 2.7 s,
per-camera 2.7 s), and a busy pipeline invalidates them every few seconds. Counts kept as images change
answer the unfiltered, camera and date-filtered views from far fewer rows instead.

Writers never update a shared counter: a statement-level trigger on images appends the statement's net
change to image_tally_changes (insert-only, so pipeline workers never wait on one another's counter rows
nor deadlock over them), and compact_image_tallies() folds the changes into image_tallies under an
advisory lock, and into image_tallies_monthly, the same counts by month for views of whole months. Readers
sum the folded counts and the changes in one snapshot, so an answer is exact whether or not the changes
were folded yet.

A row with label '' counts images; a row with a label counts the images whose images.species (migration
0018) holds it (n) and their detections with that label (detections), which images.species_detections now
keeps beside images.species. camera_id 0 stands for an image without camera.
"""

from __future__ import annotations

from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# images.species and, in the same order, how many detections have each label: the label that counts for
# a detection is its human correction, else the machine's rank-1 label (queries/images.py, label_counts).
LABELS = """
    SELECT coalesce(array_agg(label ORDER BY label), '{}'), coalesce(array_agg(detections ORDER BY label), '{}')
    FROM (SELECT c.label, count(*) AS detections
          FROM classifications c
          WHERE c.image_id = images.id AND c.rank = 1 AND c.label IS NOT NULL
            AND (c.source = 'human' OR NOT EXISTS (
                SELECT 1 FROM classifications h WHERE h.detection_id = c.detection_id AND h.source = 'human'))
          GROUP BY c.label) labels
"""
REFRESH = f"""
CREATE OR REPLACE FUNCTION images_refresh_species() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE images SET (species, species_detections) = ({LABELS})
    WHERE images.id IN (SELECT image_id FROM changed);
    RETURN NULL;
END $$;
"""  # noqa: S608 - constant SQL, no input

KEY = "project_id, camera_id, day, dated, status, label"

# One row per (image, '' and each of its labels) of a transition table, signed.
ROWS = """
    SELECT r.project_id, coalesce(r.camera_id, 0) AS camera_id,
           (coalesce(r.captured_at, r.received_at) AT TIME ZONE 'UTC')::date AS day,
           r.captured_at IS NOT NULL AS dated, r.status, l.label,
           {sign} AS n, {sign} * coalesce(l.detections, 0) AS detections
    FROM {table} r CROSS JOIN LATERAL (
        SELECT ''::text, 0 UNION ALL SELECT * FROM unnest(r.species, r.species_detections)) l(label, detections)
    WHERE l.label IS NOT NULL
"""


def _append(*parts: str) -> str:
    return (
        f"INSERT INTO image_tally_changes ({KEY}, n, detections) "  # noqa: S608 - constant SQL, no input
        f"SELECT {KEY}, sum(n), sum(detections) FROM ({' UNION ALL '.join(parts)}) rows GROUP BY {KEY} "
        "HAVING sum(n) <> 0 OR sum(detections) <> 0;"
    )


FUNCTIONS = {
    "images_tally_insert": _append(ROWS.format(sign=1, table="new_rows")),
    "images_tally_update": _append(ROWS.format(sign=1, table="new_rows"), ROWS.format(sign=-1, table="old_rows")),
    "images_tally_delete": _append(ROWS.format(sign=-1, table="old_rows")),
}
# One trigger per event: transition tables cannot serve several events in one trigger.
TRIGGERS = {
    "images_tally_insert": "AFTER INSERT ON images REFERENCING NEW TABLE AS new_rows",
    "images_tally_update": "AFTER UPDATE ON images REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "images_tally_delete": "AFTER DELETE ON images REFERENCING OLD TABLE AS old_rows",
}

# The rows of `source` with their day moved to the first of its month: image_tallies_monthly, what a view
# of whole months (the unfiltered dashboard, a month's range, monthly bars) reads; 10x fewer rows than
# the daily ones at a million images on 50 cameras over two years.
MONTHS = "SELECT project_id, camera_id, date_trunc('month', day)::date AS day, dated, status, label, n, detections FROM {source}"


def _fold(table: str, rows: str) -> str:
    """INSERT adding `rows` (grouped by key) to `table`'s counts."""
    return (
        f"INSERT INTO {table} AS t ({KEY}, n, detections) "  # noqa: S608 - constant SQL, no input
        f"SELECT {KEY}, sum(n), sum(detections) FROM ({rows}) r GROUP BY {KEY} "
        f"HAVING sum(n) <> 0 OR sum(detections) <> 0 ORDER BY {KEY} "
        f"ON CONFLICT ON CONSTRAINT pk_{table} DO UPDATE SET n = t.n + excluded.n, detections = t.detections + excluded.detections"
    )


# Returns the number of monthly rows written, 0 when another session is compacting. Zero rows are kept
# (a later image on the same key reuses them); readers ignore them. Both tables in one statement, from the
# same snapshot of the changes.
COMPACT = f"""
CREATE OR REPLACE FUNCTION compact_image_tallies() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE written integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('compact_image_tallies')) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM image_tally_changes RETURNING {KEY}, n, detections),
         daily AS ({_fold("image_tallies", "SELECT * FROM moved")} RETURNING 1)
    {_fold("image_tallies_monthly", MONTHS.format(source="moved"))};
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END $$;
"""  # noqa: S608 - constant SQL, no input


def _columns() -> list[sa.Column]:
    return [
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dated", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("detections", sa.BigInteger(), nullable=False),
    ]


def _migration_0018():
    path = Path(__file__).with_name("20261130_0018_images_species.py")
    spec = spec_from_file_location("migration_0018", path)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    op.add_column(
        "images",
        sa.Column("species_detections", postgresql.ARRAY(sa.Integer()), nullable=False, server_default="{}"),
    )
    op.execute(REFRESH)
    op.execute(  # before the tally triggers exist: this touches every classified image once
        f"UPDATE images SET (species, species_detections) = ({LABELS}) "  # noqa: S608 - constant SQL, no input
        "WHERE EXISTS (SELECT 1 FROM classifications WHERE image_id = images.id)"
    )
    for table in ("image_tallies", "image_tallies_monthly"):
        op.create_table(table, *_columns(), sa.PrimaryKeyConstraint(*KEY.split(", "), name=f"pk_{table}"))
        # A date range over every camera: the key leads with the camera.
        op.create_index(f"ix_{table}_project_day", table, ["project_id", "day"])
    op.create_table(
        "image_tally_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_image_tally_changes"),
    )
    for name, body in FUNCTIONS.items():
        op.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$;"
        )
        op.execute(f"CREATE TRIGGER {name} {TRIGGERS[name]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
    op.execute(COMPACT)
    # Backfill from the images as they are now, in the transaction that creates the triggers.
    op.execute(_fold("image_tallies", ROWS.format(sign=1, table="images")))
    op.execute(_fold("image_tallies_monthly", MONTHS.format(source="image_tallies")))
    # "Processed today" on the summary: the images completed since midnight, from an index range.
    op.create_index("ix_images_project_completed", "images", ["project_id", sa.text("completed_at DESC")])


def downgrade() -> None:
    op.drop_index("ix_images_project_completed", table_name="images")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON images")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute("DROP FUNCTION IF EXISTS compact_image_tallies()")
    op.drop_table("image_tally_changes")
    op.drop_table("image_tallies_monthly")
    op.drop_table("image_tallies")
    op.execute(_migration_0018().REFRESH)
    op.drop_column("images", "species_detections")
