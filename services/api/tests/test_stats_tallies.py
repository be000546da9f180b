"""The tallies (migration 0019) against the images they count: after inserts, pipeline transitions, moves,
corrections, deletions and a deleted camera, folded or not, the summary, species, timeline and per-camera
answers read from the tallies equal those computed from the images."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from addax_api.queries.filters import ImageQuery
from addax_api.stats import repository, tallies
from addax_common.db import Classification, Detection, Image, ImageTally, ImageTallyChange, ImageTallyMonthly, Project
from tests.support.database import create_test_database, drop_database, migrate

STATUSES = ["received", "detecting", "detected", "classifying", "completed", "completed", "failed", "rejected"]
LABELS = ["red deer", "roe deer", "wild boar", "red fox", "badger"]
DAY0 = datetime(2025, 3, 1, tzinfo=UTC)


def midnight(days: int) -> datetime:
    return DAY0 + timedelta(days=days)


def queries(project_id: int, cameras: list[int]) -> list[ImageQuery]:
    q = ImageQuery(project_id=project_id)
    return [
        q,
        ImageQuery(project_id=project_id, camera_ids=(cameras[0],)),
        ImageQuery(project_id=project_id, camera_ids=tuple(cameras[:2])),
        ImageQuery(project_id=project_id, date_from=midnight(40)),
        ImageQuery(project_id=project_id, date_to=midnight(300)),
        ImageQuery(project_id=project_id, date_from=midnight(10), date_to=midnight(200), camera_ids=(cameras[1],)),
        ImageQuery(project_id=project_id, capture_time="unknown"),
        ImageQuery(project_id=project_id, capture_time="known"),
        ImageQuery(project_id=project_id, capture_time="any", date_from=midnight(100)),
        # whole months: read from the monthly counts
        ImageQuery(project_id=project_id, date_from=datetime(2025, 4, 1, tzinfo=UTC), date_to=datetime(2025, 9, 1, tzinfo=UTC)),
        ImageQuery(project_id=project_id, camera_ids=(cameras[0],), date_to=datetime(2026, 1, 1, tzinfo=UTC)),
    ]


def assert_same_answers(db, project_id: int, cameras: list[int], now: datetime) -> None:
    for q in queries(project_id, cameras):
        assert tallies.covers(q)
        assert tallies.summary(db, q, now) == repository.summary(db, q, now), q
        assert sorted(tallies.species(db, q)) == sorted(repository.species(db, q)), q
        assert tallies.cameras(db, q) == [tuple(row) for row in repository.cameras(db, q)], q
        for interval in ("day", "week", "month"):
            assert tallies.timeline(db, q, interval) == repository.timeline(db, q, interval), (q, interval)


@contextmanager
def folding_held(api_ctx) -> Iterator[None]:
    """Holds the fold's advisory lock from another connection, as a session folding at that moment would."""
    with api_ctx.engine.connect() as other:
        other.execute(text("SELECT pg_advisory_lock(hashtext('compact_image_tallies'))"))
        try:
            yield
        finally:
            other.execute(text("SELECT pg_advisory_unlock(hashtext('compact_image_tallies'))"))


def pending_changes(db) -> int:
    return db.scalar(select(func.count()).select_from(ImageTallyChange))


def seed_images(seed, rng: random.Random, cameras: list[int | None], count: int) -> list[uuid.UUID]:
    ids = []
    for _ in range(count):
        status = rng.choice(STATUSES)
        dated = rng.random() < 0.85
        detections = []
        if status == "completed":
            for _ in range(rng.randint(0, 3)):
                machine = [(rng.choice(LABELS), 0.8), (rng.choice(LABELS), 0.1)]
                detections.append(("animal", 0.9, machine, rng.choice(LABELS) if rng.random() < 0.2 else None))
        ids.append(
            seed.image(
                rng.choice(cameras),
                captured_at=midnight(rng.randint(0, 400)) + timedelta(hours=rng.randint(0, 23)) if dated else None,
                received_at=midnight(rng.randint(380, 420)) + timedelta(minutes=rng.randint(0, 1000)),
                status=status,
                detections=detections,
                thumbnail=False,
            )
        )
    return ids


def test_tallies_answer_as_the_images_do_through_every_kind_of_change(api_ctx, seed):
    rng = random.Random(13)
    cams = [seed.camera(name) for name in ("Alpha", "Bravo", "Charlie", "Delta")]
    ids = seed_images(seed, rng, [*cams[:3], None], 80)
    now = midnight(410)

    with api_ctx.sessions() as db:
        assert pending_changes(db) > 0  # the triggers appended; nothing folded yet
        assert_same_answers(db, 1, cams, now)  # folds first
        assert pending_changes(db) == 0
        daily, monthly = (db.scalar(select(func.count()).select_from(t)) for t in (ImageTally, ImageTallyMonthly))
        assert 0 < monthly < daily
        other = Project(slug="other", name="Other")
        db.add(other)
        db.commit()

        # The pipeline's transitions, in batches as the workers write them, left unfolded.
        moving = rng.sample(ids, 30)
        db.execute(
            text("UPDATE images SET status = 'detecting' WHERE id = ANY(:ids) AND status = 'received'"), {"ids": moving}
        )
        db.execute(
            text(
                "UPDATE images SET status = 'completed', completed_at = :now WHERE id = ANY(:ids) "
                "AND status IN ('detecting', 'detected', 'classifying')"
            ),
            {"ids": moving, "now": now},
        )
        db.execute(
            text("UPDATE images SET status = 'failed' WHERE id = ANY(:ids) AND status = 'received'"),
            {"ids": rng.sample(ids, 10)},
        )
        # Moves: another camera, a corrected clock, a lost capture time, another project.
        db.execute(text("UPDATE images SET camera_id = :c WHERE id = ANY(:ids)"), {"c": cams[3], "ids": ids[:6]})
        db.execute(
            text("UPDATE images SET captured_at = captured_at + interval '37 days' WHERE id = ANY(:ids)"),
            {"ids": ids[6:12]},
        )
        db.execute(text("UPDATE images SET captured_at = NULL WHERE id = ANY(:ids)"), {"ids": ids[12:15]})
        db.execute(text("UPDATE images SET project_id = :p WHERE id = ANY(:ids)"), {"p": other.id, "ids": ids[15:22]})
        db.commit()
        with folding_held(api_ctx):  # another session is folding: the reads sum the changes themselves
            assert_same_answers(db, 1, cams, now)
            assert_same_answers(db, other.id, cams, now)
            assert pending_changes(db) > 0
        assert_same_answers(db, 1, cams, now)
        assert_same_answers(db, other.id, cams, now)
        assert pending_changes(db) == 0

        # Species changes through the classifications' triggers (migration 0018): a correction, a re-run.
        detection = db.scalars(select(Detection).join(Image).where(Image.project_id == 1).limit(2)).all()
        db.add(
            Classification(
                detection_id=detection[0].id,
                image_id=detection[0].image_id,
                label="wolf",
                score=1.0,
                rank=1,
                model_name="human",
                source="human",
            )
        )
        db.delete(detection[1])
        # Deletions: an image, and a camera (its images keep their rows, without camera).
        db.execute(text("DELETE FROM images WHERE id = ANY(:ids)"), {"ids": ids[22:26]})
        db.execute(text("DELETE FROM cameras WHERE id = :c"), {"c": cams[2]})
        db.commit()
        assert_same_answers(db, 1, [cams[0], cams[1], cams[3]], now)
        assert "wolf" in {label for labels in db.scalars(select(Image.species)) for label in labels}


def test_changes_not_yet_committed_when_folding_are_folded_later(api_ctx, seed):
    cam = seed.camera("Alpha")
    image_ids = [seed.image(cam, captured_at=midnight(i), status="received", thumbnail=False) for i in range(5)]
    q = ImageQuery(project_id=1)
    with api_ctx.sessions() as writer, api_ctx.sessions() as reader:
        writer.execute(text("UPDATE images SET status = 'completed' WHERE id = ANY(:ids)"), {"ids": image_ids})
        tallies.compact(reader)  # the writer's change is not visible, so not taken
        writer.commit()
        assert pending_changes(reader) > 0
        summary = tallies.summary(reader, q, midnight(10))
        assert (summary["completed_images"], summary["pending"]) == (5, 0)
        assert summary == repository.summary(reader, q, midnight(10))


def test_only_filters_the_tallies_keep_apart_are_answered_from_them():
    q = ImageQuery(project_id=1)
    assert tallies.covers(q) and tallies.covers(q, "month")
    assert not tallies.covers(q, "hour")
    assert not tallies.covers(ImageQuery(project_id=1, species=("red deer",)))
    assert not tallies.covers(ImageQuery(project_id=1, statuses=("completed",)))
    assert not tallies.covers(ImageQuery(project_id=1, review_statuses=("approved",)))
    assert not tallies.covers(ImageQuery(project_id=1, min_confidence=0.5))
    assert not tallies.covers(ImageQuery(project_id=1, date_from=midnight(3) + timedelta(hours=6)))
    assert not tallies.covers(ImageQuery(project_id=1, date_to=midnight(3) + timedelta(microseconds=1)))


@pytest.fixture
def database_at_0018():
    url = create_test_database(revision="0018")
    yield url
    drop_database(url)


def test_the_migration_counts_the_images_already_there(database_at_0018):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    engine = create_engine(database_at_0018)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO cameras (name, is_assigned, project_id) VALUES ('Alpha', true, 1)"))
        for i in range(12):
            image_id = uuid.uuid4()
            conn.execute(
                text(
                    "INSERT INTO images (id, camera_id, project_id, original_filename, sha256, file_size, status, "
                    "captured_at, received_at) VALUES (:id, 1, 1, 'a.jpg', :sha, 1, :status, :captured, :received)"
                ),
                {
                    "id": image_id,
                    "sha": f"{i:064d}",
                    "status": STATUSES[i % len(STATUSES)],
                    "captured": midnight(i * 20) if i % 4 else None,
                    "received": midnight(400),
                },
            )
            # i % 3 detections; two of them share a label, and a person corrected the last one.
            for index in range(i % 3):
                detection = conn.execute(
                    text(
                        "INSERT INTO detections (image_id, index, category, confidence, bbox_x, bbox_y, bbox_w, bbox_h, model_name) "
                        "VALUES (:id, :index, 'animal', 0.9, 0, 0, 0.5, 0.5, 'md') RETURNING id"
                    ),
                    {"id": image_id, "index": index},
                ).scalar()
                conn.execute(
                    text(
                        "INSERT INTO classifications (detection_id, image_id, label, score, rank, source, model_name) "
                        "VALUES (:d, :id, 'red deer', 0.9, 1, 'machine', 'clf')"
                    ),
                    {"d": detection, "id": image_id},
                )
                if index == 1 and i % 2:
                    conn.execute(
                        text(
                            "INSERT INTO classifications (detection_id, image_id, label, score, rank, source, model_name) "
                            "VALUES (:d, :id, 'badger', 1.0, 1, 'human', 'human')"
                        ),
                        {"d": detection, "id": image_id},
                    )
    migrate(database_at_0018)
    with sessionmaker(engine)() as db:
        assert db.scalar(select(func.count()).select_from(ImageTallyChange)) == 0
        assert_same_answers(db, 1, [1, 1], midnight(400))
        assert sorted(tallies.species(db, ImageQuery(project_id=1))) == [
            ("badger", 2, 2),
            ("red deer", 9, 7),
        ]  # image 7 is rejected
    engine.dispose()
