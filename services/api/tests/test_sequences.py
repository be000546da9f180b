"""Sequences: chaining by the project's gap, out-of-order arrival, clock corrections and gap changes,
the gallery's one-card-per-sequence list, the detail's frames and reviewing a sequence in one action."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from addax_common import sequences
from addax_common.db import AuditLog, Image

T = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
IMAGES = "/api/projects/default/images"
SEQUENCES = "/api/projects/default/sequences"


def s(seconds: float) -> datetime:
    return T + timedelta(seconds=seconds)


def sequence_of(api_ctx, ids) -> dict:
    with api_ctx.sessions() as db:
        return dict(db.execute(select(Image.id, Image.sequence_id).where(Image.id.in_(ids))).all())


def recompute(api_ctx, camera_id) -> None:
    with api_ctx.sessions() as db:
        sequences.recompute_camera(db, camera_id)
        db.commit()


@pytest.fixture
def burst(seed, api_ctx):
    """Camera A: 0 s, 30 s, 80 s (each within 60 s of the previous: one sequence, although 80 s after the
    first), 200 s (alone), an undated image (alone); camera B: 10 s (another camera: alone)."""
    a, b = seed.camera("Seq-A"), seed.camera("Seq-B")
    ids = {
        "a0": seed.image(a, s(0)),
        "a30": seed.image(a, s(30)),
        "a80": seed.image(a, s(80)),
        "a200": seed.image(a, s(200)),
        "undated": seed.image(a, None, received_at=s(40)),
        "b10": seed.image(b, s(10)),
    }
    recompute(api_ctx, a)
    recompute(api_ctx, b)
    return a, b, ids


def test_chaining_by_gap(api_ctx, burst):
    _, _, ids = burst
    seq = sequence_of(api_ctx, ids.values())
    assert seq[ids["a0"]] == seq[ids["a30"]] == seq[ids["a80"]] == ids["a0"]  # the first frame's id
    for alone in ("a200", "undated", "b10"):
        assert seq[ids[alone]] == ids[alone]


@pytest.mark.parametrize("order", list(itertools.permutations(["a0", "a30", "a80", "a200"]))[::5])
def test_out_of_order_arrival_gives_the_same_sequences(seed, api_ctx, order):
    """Each image is chained as it arrives (as ingestion does): whatever the order, the result is the
    whole-camera computation's."""
    camera = seed.camera("Seq-order")
    at = {"a0": 0, "a30": 30, "a80": 80, "a200": 200}
    ids = {}
    for name in order:
        ids[name] = seed.image(camera, s(at[name]))
        with api_ctx.sessions() as db:
            sequences.recompute_after_insert(db, ids[name])
            db.commit()
    seq = sequence_of(api_ctx, ids.values())
    assert seq[ids["a0"]] == seq[ids["a30"]] == seq[ids["a80"]] == ids["a0"]
    assert seq[ids["a200"]] == ids["a200"]


def test_an_arrival_in_the_middle_merges_two_sequences(seed, api_ctx):
    camera = seed.camera("Seq-merge")
    first, last = seed.image(camera, s(0)), seed.image(camera, s(100))
    recompute(api_ctx, camera)
    assert sequence_of(api_ctx, [last])[last] == last  # 100 s apart: two sequences
    middle = seed.image(camera, s(50))
    with api_ctx.sessions() as db:
        assert sequences.recompute_after_insert(db, middle) == 2  # the middle frame and the last one
        db.commit()
    assert set(sequence_of(api_ctx, [first, middle, last]).values()) == {first}


def test_clock_offset_and_gap_change_recompute(client, users, api_ctx, burst):
    a, _, ids = burst
    h = users.admin.headers
    dep = client.post(
        "/api/projects/default/deployments",
        json={"camera_id": a, "start_at": (T - timedelta(days=1)).isoformat(), "location": {"lat": 1, "lon": 2}},
        headers=h,
    ).json()
    # A gap of 20 s splits the burst into three single frames.
    assert client.patch("/api/projects/default", json={"sequence_gap_seconds": 20}, headers=h).status_code == 200
    seq = sequence_of(api_ctx, [ids["a0"], ids["a30"], ids["a80"]])
    assert seq == {ids["a0"]: ids["a0"], ids["a30"]: ids["a30"], ids["a80"]: ids["a80"]}
    # Back to 120 s: everything dated on camera A chains, 200 s included (120 s after 80 s).
    assert client.patch("/api/projects/default", json={"sequence_gap_seconds": 120}, headers=h).status_code == 200
    seq = sequence_of(api_ctx, [ids["a0"], ids["a30"], ids["a80"], ids["a200"]])
    assert set(seq.values()) == {ids["a0"]}
    # A clock offset moves every frame alike: the chain holds, and the undated image stays alone.
    put = client.put(f"/api/projects/default/deployments/{dep['id']}", json={"clock_offset_seconds": 3600}, headers=h)
    assert put.status_code == 200, put.text
    assert set(sequence_of(api_ctx, [ids["a0"], ids["a200"]]).values()) == {ids["a0"]}
    assert sequence_of(api_ctx, [ids["undated"]])[ids["undated"]] == ids["undated"]


def test_list_one_item_per_sequence(client, users, burst):
    _, _, ids = burst
    h = users.viewer.headers
    flat = client.get(IMAGES, headers=h).json()
    assert flat["total"] == 6
    by_id = {item["id"]: item for item in flat["items"]}
    assert by_id[str(ids["a30"])]["sequence_id"] == str(ids["a0"]) and by_id[str(ids["a30"])]["frame_count"] == 3
    assert by_id[str(ids["b10"])]["frame_count"] == 1

    grouped = client.get(IMAGES, params={"group": "sequence"}, headers=h).json()
    assert grouped["total"] == 4  # the burst, 200 s, camera B, the undated image
    # Newest first: each sequence is represented by its newest frame; undated images come last.
    assert [i["id"] for i in grouped["items"]] == [str(ids[k]) for k in ("a200", "a80", "b10", "undated")]
    assert [i["frame_count"] for i in grouped["items"]] == [1, 3, 1, 1]
    oldest = client.get(IMAGES, params={"group": "sequence", "order": "asc"}, headers=h).json()
    assert [i["id"] for i in oldest["items"]] == [str(ids[k]) for k in ("a0", "b10", "a200", "undated")]

    # Filters pick the frames; the representative is the first matching frame, frame_count the whole burst.
    windowed = client.get(
        IMAGES, params={"group": "sequence", "date_from": s(25).isoformat(), "date_to": s(60).isoformat()}, headers=h
    ).json()
    assert [(i["id"], i["frame_count"]) for i in windowed["items"]] == [(str(ids["a30"]), 3)]
    # Pages over sequences.
    page2 = client.get(IMAGES, params={"group": "sequence", "limit": 3, "page": 2}, headers=h).json()
    assert page2["total"] == 4 and page2["pages"] == 2 and [i["id"] for i in page2["items"]] == [str(ids["undated"])]
    assert client.get(IMAGES, params={"group": "frames"}, headers=h).status_code == 422


def test_detail_lists_the_frames(client, users, burst):
    _, _, ids = burst
    h = users.viewer.headers
    detail = client.get(f"{IMAGES}/{ids['a30']}", headers=h).json()
    assert detail["sequence"] == {
        "id": str(ids["a0"]),
        "frame_count": 3,
        "position": 1,
        "offset": 0,
        "frame_ids": [str(ids["a0"]), str(ids["a30"]), str(ids["a80"])],
    }
    alone = client.get(f"{IMAGES}/{ids['undated']}", headers=h).json()["sequence"]
    assert alone["frame_ids"] == [str(ids["undated"])] and alone["position"] == 0 and alone["frame_count"] == 1

    seq = client.get(f"{SEQUENCES}/{ids['a0']}", headers=h).json()
    assert [f["id"] for f in seq["frames"]] == [str(ids["a0"]), str(ids["a30"]), str(ids["a80"])]
    assert seq["frame_count"] == 3 and seq["camera_id"] == burst[0]
    assert datetime.fromisoformat(seq["start"]) == s(0) and datetime.fromisoformat(seq["end"]) == s(80)
    # A frame that is not the first is no sequence id.
    assert client.get(f"{SEQUENCES}/{ids['a30']}", headers=h).status_code == 404


def test_review_a_sequence_in_one_action(client, users, api_ctx, burst):
    _, _, ids = burst
    url = f"{SEQUENCES}/{ids['a0']}/review"
    assert client.post(url, json={"status": "approved"}, headers=users.viewer.headers).status_code == 403
    done = client.post(url, json={"status": "approved", "note": "deer x3"}, headers=users.analyst.headers)
    assert done.status_code == 200, done.text
    assert set(done.json()["updated"]) == {str(ids["a0"]), str(ids["a30"]), str(ids["a80"])}
    with api_ctx.sessions() as db:
        statuses = dict(db.execute(select(Image.id, Image.review_status).where(Image.id.in_(ids.values()))).all())
        audits = db.scalars(select(AuditLog).where(AuditLog.action == "image.review")).all()
    assert {k for k, v in ids.items() if statuses[v].value == "approved"} == {"a0", "a30", "a80"}
    assert len(audits) == 3 and all(a.details.get("note") == "deer x3" for a in audits)
    assert (
        client.post(
            f"{SEQUENCES}/{ids['a30']}/review", json={"status": "approved"}, headers=users.analyst.headers
        ).status_code
        == 404
    )
    assert client.post(url, json={"status": "nope"}, headers=users.analyst.headers).status_code == 422
