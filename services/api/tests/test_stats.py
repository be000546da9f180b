"""Statistics on the seeded gallery, their Redis cache and its invalidation by pipeline events."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from addax_common.db import Classification, ImageTallyChange
from addax_common.events import CLASSIFICATION_COMPLETE


def get(client, users, path, **params):
    response = client.get(path, params=params, headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_species_counts_detections_with_human_labels_winning(client, users, gallery):
    cam, img = gallery
    species = get(client, users, "/api/projects/default/stats/species")
    assert species == [
        {"species": "red deer", "count": 2, "image_count": 2},  # i1, i9 (i3 was corrected)
        {"species": "wild boar", "count": 2, "image_count": 2},  # i2, i6
        {"species": "zebra", "count": 2, "image_count": 1},  # two zebras in i4
        {"species": "roe deer", "count": 1, "image_count": 1},
        {"species": "wildebeest", "count": 1, "image_count": 1},
    ]
    bravo = get(client, users, "/api/projects/default/stats/species", camera_id=cam["Bravo"])
    assert [(s["species"], s["count"]) for s in bravo] == [("zebra", 2), ("wild boar", 1), ("wildebeest", 1)]
    may_first = get(client, users, "/api/projects/default/stats/species", date_from="2024-05-01", date_to="2024-05-01")
    assert [(s["species"], s["count"]) for s in may_first] == [("red deer", 1), ("wild boar", 1)]
    alphabetical = get(client, users, "/api/projects/default/species")
    assert [s["species"] for s in alphabetical] == ["red deer", "roe deer", "wild boar", "wildebeest", "zebra"]


def test_timeline(client, users, gallery):
    cam, img = gallery
    day = get(client, users, "/api/projects/default/stats/timeline")
    assert [(p["timestamp"][:10], p["count"]) for p in day] == [
        ("2024-04-30", 1), ("2024-05-01", 2), ("2024-05-02", 2), ("2024-05-03", 1), ("2024-05-04", 2), ("2024-05-05", 1),
    ]  # i6 has no capture time: not in a time series unless asked for
    with_unknown = get(client, users, "/api/projects/default/stats/timeline", capture_time="any")
    assert [(p["timestamp"][:10], p["count"]) for p in with_unknown][2] == ("2024-05-02", 3)  # at its upload time
    only_unknown = get(client, users, "/api/projects/default/stats/timeline", capture_time="unknown")
    assert [(p["timestamp"][:10], p["count"]) for p in only_unknown] == [("2024-05-02", 1)]
    assert day[0]["timestamp"].startswith("2024-04-30T00:00:00")
    hour = get(client, users, "/api/projects/default/stats/timeline", interval="hour", camera_id=cam["Alpha"])
    assert [(p["timestamp"][:16], p["count"]) for p in hour if p["count"]] == [
        ("2024-05-01T06:00", 1), ("2024-05-01T18:00", 1), ("2024-05-02T12:00", 1), ("2024-05-05T00:00", 1),
    ]
    # A real time axis: every hour from the first image to the last (05-01 06:00 .. 05-05 00:00 is 90 hours
    # later: 91 periods), the empty ones with 0.
    assert len(hour) == 91 and sum(p["count"] for p in hour) == 4
    starts = [datetime.fromisoformat(p["timestamp"]) for p in hour]
    assert all(b - a == timedelta(hours=1) for a, b in zip(starts, starts[1:], strict=False))
    # A date range lists every period in it, also before the first and after the last image.
    ranged = get(client, users, "/api/projects/default/stats/timeline", date_from="2024-04-28", date_to="2024-05-07")
    assert [p["count"] for p in ranged] == [0, 0, 1, 2, 2, 1, 2, 1, 0, 0]
    assert ranged[0]["timestamp"].startswith("2024-04-28") and ranged[-1]["timestamp"].startswith("2024-05-07")
    too_long = {"interval": "hour", "date_from": "1990-01-01", "date_to": "2024-01-01"}
    refused = client.get("/api/projects/default/stats/timeline", params=too_long, headers=users.viewer.headers)
    assert refused.status_code == 422 and "interval" in refused.json()["detail"]
    week = get(client, users, "/api/projects/default/stats/timeline", interval="week")
    assert [(p["timestamp"][:10], p["count"]) for p in week] == [("2024-04-29", 9)]  # ISO weeks start on Monday
    month = get(client, users, "/api/projects/default/stats/timeline", interval="month")
    assert [(p["timestamp"][:10], p["count"]) for p in month] == [("2024-04-01", 1), ("2024-05-01", 8)]
    zebra = get(client, users, "/api/projects/default/stats/timeline", species="zebra")
    assert [(p["timestamp"][:10], p["count"]) for p in zebra] == [("2024-05-02", 1)]
    assert client.get("/api/projects/default/stats/timeline", params={"interval": "year"}, headers=users.viewer.headers).status_code == 422


def test_camera_stats(client, users, gallery):
    cam, img = gallery
    rows = get(client, users, "/api/projects/default/stats/cameras")
    assert [(r["camera_name"], r["image_count"], r["species_count"]) for r in rows] == [
        ("Alpha", 4, 3),  # red deer, wild boar, roe deer
        ("Bravo", 3, 3),  # zebra, wildebeest, wild boar
        ("Charlie", 2, 0),
    ]
    assert rows[0]["last_image_at"].startswith("2024-05-05T00:00:00")
    only = get(client, users, "/api/projects/default/stats/cameras", camera_id=cam["Charlie"])
    assert [(r["camera_id"], r["image_count"]) for r in only] == [(cam["Charlie"], 2)]


def test_camera_stats_by_species_follow_human_corrections(client, users, gallery):
    cam, img = gallery

    def rows(**params):
        return [
            (r["camera_name"], r["image_count"], r["species_count"], r["last_image_at"] and r["last_image_at"][:16])
            for r in get(client, users, "/api/projects/default/stats/cameras", **params)
        ]

    # i1 is red deer; i3's machine said red deer but a person corrected it to roe deer; i9 has no camera.
    assert rows(species="red deer") == [("Alpha", 1, 1, "2024-05-01T06:00"), ("Bravo", 0, 0, None), ("Charlie", 0, 0, None)]
    # Roe deer is i1's second machine guess (does not count) and i3's human label (counts).
    assert rows(species="roe deer") == [("Alpha", 1, 1, "2024-05-02T12:00"), ("Bravo", 0, 0, None), ("Charlie", 0, 0, None)]
    # Several species: images with any of them, and only the requested species are counted
    # (i4's wildebeest is not); i6 has no capture time, so its receive time counts.
    assert rows(species=["wild boar", "zebra"]) == [
        ("Bravo", 2, 2, "2024-05-02T20:00"),  # i4 (zebra), i6 (wild boar)
        ("Alpha", 1, 1, "2024-05-01T18:00"),  # i2 (wild boar)
        ("Charlie", 0, 0, None),
    ]
    # Combined with the date range and the camera filter.
    assert rows(species="wild boar", date_to="2024-05-01") == [
        ("Alpha", 1, 1, "2024-05-01T18:00"), ("Bravo", 0, 0, None), ("Charlie", 0, 0, None),
    ]
    assert rows(species="zebra", camera_id=cam["Alpha"]) == [("Alpha", 0, 0, None)]
    # Unknown species: every camera, nothing counted.
    assert rows(species="okapi") == [("Alpha", 0, 0, None), ("Bravo", 0, 0, None), ("Charlie", 0, 0, None)]


def test_camera_stats_by_species_follow_a_new_correction(client, users, gallery):
    cam, img = gallery
    assert [r["image_count"] for r in get(client, users, "/api/projects/default/stats/cameras", species="okapi")] == [0, 0, 0]
    detection = client.get(f"/api/projects/default/images/{img['i4']}", headers=users.viewer.headers).json()["detections"][2]
    # "okapi" is not in the species list until a project admin adds it.
    assert client.post("/api/projects/default/species-labels", json={"label": "okapi"}, headers=users.admin.headers).status_code == 201
    put = client.put(
        f"/api/projects/default/images/{img['i4']}/detections/{detection['id']}/species", json={"label": "okapi"}, headers=users.analyst.headers
    )
    assert put.status_code == 200, put.text
    # The correction invalidates the cache: the new label counts at once.
    okapi = get(client, users, "/api/projects/default/stats/cameras", species="okapi")
    assert [(r["camera_name"], r["image_count"], r["species_count"]) for r in okapi] == [
        ("Bravo", 1, 1), ("Alpha", 0, 0), ("Charlie", 0, 0),
    ]


def test_summary(client, users, gallery, seed):
    cam, img = gallery
    now = datetime.now(UTC)
    seed.image(cam["Bravo"], now - timedelta(hours=1), received_at=now - timedelta(minutes=30), completed_at=now - timedelta(minutes=29))
    seed.image(None, None, received_at=now, status="rejected", thumbnail=False)
    summary = get(client, users, "/api/projects/default/stats/summary")
    assert summary == {
        "total_images": 11,
        "completed_images": 9,
        "species_count": 5,
        "active_cameras": 1,
        "processed_today": 1 if now.hour > 0 or now.minute >= 29 else 0,
        "pending": 1,
        "failed": 1,
        "rejected": 1,
    }
    alpha = get(client, users, "/api/projects/default/stats/summary", camera_id=cam["Alpha"])
    assert (alpha["total_images"], alpha["species_count"], alpha["active_cameras"]) == (4, 3, 0)


def test_cache_and_invalidation_on_classification_complete(client, users, gallery, api_ctx):
    cam, img = gallery
    first = get(client, users, "/api/projects/default/stats/species")
    # Change the data behind the cache's back: the cached answer stays...
    with api_ctx.sessions() as db:
        db.execute(delete(Classification).where(Classification.label == "zebra"))
        db.commit()
    assert get(client, users, "/api/projects/default/stats/species") == first
    assert unfolded_tally_changes(api_ctx) > 0  # the statistics' tallies saw the change (migration 0019)
    # ...until the pipeline says an image completed; the API's subscriber bumps the cache version.
    wait_for_subscriber(api_ctx)
    version_key = api_ctx.settings.key("stats:version:1")  # the default project's statistics
    before = int(api_ctx.redis.get(version_key) or 0)
    api_ctx.events.publish(CLASSIFICATION_COMPLETE, project_id=1, image_id=img["i4"], camera_id=cam["Bravo"], species=["zebra"])
    deadline = time.monotonic() + 5
    while int(api_ctx.redis.get(version_key) or 0) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert unfolded_tally_changes(api_ctx) == 0  # folded before the bump, not left for a request
    fresh = get(client, users, "/api/projects/default/stats/species")
    assert "zebra" not in {s["species"] for s in fresh}
    assert fresh != first


def unfolded_tally_changes(api_ctx) -> int:
    with api_ctx.sessions() as db:
        return db.scalar(select(func.count()).select_from(ImageTallyChange))


def test_cache_keys_follow_parameters(client, users, gallery, api_ctx):
    cam, img = gallery
    get(client, users, "/api/projects/default/stats/summary")
    get(client, users, "/api/projects/default/stats/summary", camera_id=cam["Alpha"])
    keys = list(api_ctx.redis.scan_iter(match=api_ctx.settings.key("stats:*:summary:*")))
    # One answer per parameter set; no lock is left behind.
    assert len(keys) == 2 and not any(str(k).endswith(":computing") for k in keys)
    assert all(0 < api_ctx.redis.ttl(k) <= 300 for k in keys)


def test_after_the_pipeline_moved_one_request_recomputes_while_the_others_wait_for_its_answer(api_ctx):
    from pydantic import TypeAdapter

    from addax_api.stats.cache import StatsCache

    cache, counts = StatsCache(api_ctx.redis, api_ctx.settings), TypeAdapter(int)
    project = 4242  # a project of its own: nothing else bumps its versions
    computed: list[int] = []
    release = threading.Event()

    def stats(value: int, block: bool = False) -> int:
        def compute() -> int:
            computed.append(value)
            if block:
                assert release.wait(10)
            return value

        return cache.get_or_compute(project, "summary", {"p": 1}, counts, compute)

    assert stats(1) == 1 and stats(2) == 1 and computed == [1]  # cached
    for change in (lambda: api_ctx.redis.incr(cache.version_key(project)), lambda: cache.invalidate(project)):
        change()  # images completed (live/hub.py), then a person's correction
        before = len(computed)
        release.clear()
        with ThreadPoolExecutor(3) as pool:
            leader = pool.submit(stats, 10 * before, True)
            while len(computed) == before:  # the leader is computing
                time.sleep(0.01)
            followers = [pool.submit(stats, -1) for _ in range(2)]
            time.sleep(0.3)
            # Nobody is answered with the previous result, and nobody runs the same query beside it.
            assert not any(f.done() for f in followers) and len(computed) == before + 1
            release.set()
            assert leader.result(10) == 10 * before
            assert [f.result(10) for f in followers] == [10 * before] * 2
        assert stats(-2) == 10 * before and len(computed) == before + 1


def test_a_request_waiting_for_a_failed_computation_computes_at_once(api_ctx):
    from pydantic import TypeAdapter

    from addax_api.stats.cache import StatsCache

    cache, counts = StatsCache(api_ctx.redis, api_ctx.settings), TypeAdapter(int)
    started, release = threading.Event(), threading.Event()

    def failing() -> int:
        started.set()
        release.wait(10)
        raise RuntimeError("database went away")

    with ThreadPoolExecutor(2) as pool:
        leader = pool.submit(cache.get_or_compute, 4343, "summary", {}, counts, failing)
        assert started.wait(10)
        follower = pool.submit(cache.get_or_compute, 4343, "summary", {}, counts, lambda: 7)
        time.sleep(0.2)
        assert not follower.done()
        t0 = time.monotonic()
        release.set()
        with pytest.raises(RuntimeError):
            leader.result(10)
        assert follower.result(10) == 7 and time.monotonic() - t0 < 2  # not after the 30 s wait


def wait_for_subscriber(api_ctx, timeout: float = 5.0) -> None:
    channel = api_ctx.settings.key("events")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if dict(api_ctx.redis.pubsub_numsub(channel)).get(channel, 0) >= 1:
            return
        time.sleep(0.02)
    raise AssertionError("the API did not subscribe to the events channel")
