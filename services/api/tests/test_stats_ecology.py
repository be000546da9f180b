"""Ecology statistics on a data set built here, against numbers computed by hand (the derivations are
in the comments): trap-days, RAI, activity by local hour, species accumulation and naive occupancy.

The survey (all times UTC):

  D1  camera C1, 2024-06-01 00:00 .. 06-11 00:00 (10 days), site A (lat 1, lon 2), Africa/Nairobi (UTC+3)
  D2  camera C2, 2024-06-01 12:00 .. 06-06 00:00 (4.5 days), site B (lat 1.5, lon 2.5), UTC
  D3  camera C1, 2024-06-11 00:00 .. 06-16 00:00 (5 days), site A again, Africa/Nairobi
  -> trap-days 10 + 4.5 + 5 = 19.5; two sites.

  D1 deer 06-02 18:00, 18:10 (two deer in one image), 18:35    -> one event (10 and 25 min apart, <= 30)
     deer 06-02 19:10                                          -> a second event (35 min after 18:35)
     fox  06-03 02:00                                          -> one event
     fox  06-05 10:00 (machine said deer; a person said fox)   -> one event, counted as fox
     deer 06-02 18:20, rejected upload                         -> never counted
  D2 deer 06-02 06:00                                          -> one event
     boar 06-04 23:50, 06-05 00:10                             -> one event (20 min apart)
  D3 fox  06-12 21:00                                          -> one event
  C2 deer 06-07 08:00, after D2 ended (no deployment)          -> no ecology number counts it
  C1 an image without a capture time                           -> not counted
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from addax_common.ecology import Observation, independent_events

URL = "/api/projects/default/stats"


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=UTC)


def animal(label: str, human: str | None = None) -> tuple:
    return ("animal", 0.9, [(label, 0.9)], human) if human else ("animal", 0.9, [(label, 0.9)])


@pytest.fixture
def survey(client, users, seed):
    c1, c2 = seed.camera("Eco-C1"), seed.camera("Eco-C2")
    img = {
        "deer1": seed.image(c1, utc(2, 18), detections=[animal("deer")]),
        "deer2": seed.image(c1, utc(2, 18, 10), detections=[animal("deer"), animal("deer")]),
        "deer3": seed.image(c1, utc(2, 18, 35), detections=[animal("deer")]),
        "deer4": seed.image(c1, utc(2, 19, 10), detections=[animal("deer")]),
        "fox1": seed.image(c1, utc(3, 2), detections=[animal("fox")]),
        "fox2": seed.image(c1, utc(5, 10), detections=[animal("deer", "fox")]),
        "rejected": seed.image(c1, utc(2, 18, 20), status="rejected", detections=[animal("deer")]),
        "deer5": seed.image(c2, utc(2, 6), detections=[animal("deer")]),
        "boar1": seed.image(c2, utc(4, 23, 50), detections=[animal("boar")]),
        "boar2": seed.image(c2, utc(5, 0, 10), detections=[animal("boar")]),
        "fox3": seed.image(c1, utc(12, 21), detections=[animal("fox")]),
        "late": seed.image(c2, utc(7, 8), detections=[animal("deer")]),
        "undated": seed.image(c1, None, received_at=utc(3, 12), detections=[animal("deer")]),
    }
    h = users.admin.headers
    deployments = {}
    for name, camera, start, end, (lat, lon), zone in (
        ("D1", c1, utc(1, 0), utc(11, 0), (1.0, 2.0), "Africa/Nairobi"),
        ("D2", c2, utc(1, 12), utc(6, 0), (1.5, 2.5), "UTC"),
        ("D3", c1, utc(11, 0), utc(16, 0), (1.0, 2.0), "Africa/Nairobi"),
    ):
        body = {
            "camera_id": camera,
            "start_at": start.isoformat(),
            "end_at": end.isoformat(),
            "location": {"lat": lat, "lon": lon},
            "timezone": zone,
        }
        created = client.post("/api/projects/default/deployments", json=body, headers=h)
        assert created.status_code == 201, created.text
        deployments[name] = created.json()["id"]
    return deployments, img


def get(client, users, path, **params):
    response = client.get(f"{URL}/{path}", params=params, headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_trap_days(client, users, survey):
    dep, _ = survey
    body = get(client, users, "trap-days")
    assert {d["deployment_id"]: d["trap_days"] for d in body["deployments"]} == {
        dep["D1"]: 10.0,
        dep["D2"]: 4.5,
        dep["D3"]: 5.0,
    }
    assert body["total"] == 19.5
    # Clipped to 06-03 .. 06-05 inclusive = [06-03 00:00, 06-06 00:00): D1 3 days, D2 3 days (it ends 06-06
    # 00:00), D3 none.
    clipped = get(client, users, "trap-days", date_from="2024-06-03", date_to="2024-06-05")
    assert {d["deployment_id"]: d["trap_days"] for d in clipped["deployments"]} == {
        dep["D1"]: 3.0,
        dep["D2"]: 3.0,
        dep["D3"]: 0.0,
    }
    assert clipped["total"] == 6.0
    # Deployments in camera-name order, then by start.
    assert [d["deployment_id"] for d in clipped["deployments"]] == [dep["D1"], dep["D3"], dep["D2"]]
    c2 = get(client, users, "trap-days", camera_id=clipped["deployments"][2]["camera_id"])
    assert [d["deployment_id"] for d in c2["deployments"]] == [dep["D2"]]


def test_rai(client, users, survey):
    dep, _ = survey
    body = get(client, users, "rai")
    assert body["independence_interval_minutes"] == 30 and body["trap_days"] == 19.5
    # deer: events D1 2 + D2 1 = 3, images 4 + 1 = 5 -> 3 / 19.5 * 100 = 15.3846
    # fox:  events D1 2 + D3 1 = 3, images 3          -> 15.3846
    # boar: events D2 1, images 2                     -> 1 / 19.5 * 100 = 5.1282
    assert body["species"] == [
        {"species": "deer", "events": 3, "detections": 5, "rai": 15.3846},
        {"species": "fox", "events": 3, "detections": 3, "rai": 15.3846},
        {"species": "boar", "events": 1, "detections": 2, "rai": 5.1282},
    ]
    per = {
        d["deployment_id"]: {s["species"]: (s["events"], s["rai"]) for s in d["species"]} for d in body["deployments"]
    }
    # D1: deer 2 / 10 * 100 = 20, fox 2 / 10 * 100 = 20; D2: 1 / 4.5 * 100 = 22.2222 each; D3: fox 1 / 5 * 100 = 20.
    assert per == {
        dep["D1"]: {"deer": (2, 20.0), "fox": (2, 20.0)},
        dep["D2"]: {"deer": (1, 22.2222), "boar": (1, 22.2222)},
        dep["D3"]: {"fox": (1, 20.0)},
    }
    # 06-03 .. 06-05: 6 trap-days; fox 06-03 02:00 and 06-05 10:00 (two events), boar one event.
    ranged = get(client, users, "rai", date_from="2024-06-03", date_to="2024-06-05")
    assert [(s["species"], s["events"], s["rai"]) for s in ranged["species"]] == [
        ("fox", 2, 33.3333),
        ("boar", 1, 16.6667),
    ]
    only_fox = get(client, users, "rai", species="fox")
    assert [s["species"] for s in only_fox["species"]] == ["fox"]


def test_independence_interval_is_the_project_setting(client, users, survey):
    # With 60 minutes, deer 19:10 (35 min after 18:35) joins the first D1 event: deer 2 events.
    patched = client.patch(
        "/api/projects/default", json={"independence_interval_minutes": 60}, headers=users.admin.headers
    )
    assert patched.status_code == 200
    body = get(client, users, "rai")
    assert body["independence_interval_minutes"] == 60
    assert [(s["species"], s["events"]) for s in body["species"]] == [("fox", 3), ("deer", 2), ("boar", 1)]


def test_activity_by_local_hour(client, users, survey):
    # The RAI computes and caches the event tally; the activity is then built from the cached copy.
    get(client, users, "rai")
    body = get(client, users, "activity")
    # Local hours: D1 and D3 are UTC+3, D2 is UTC.
    # deer D1 18:00, 18:10, 18:35 -> 21 h (x3), 19:10 -> 22 h; deer D2 06:00 -> 6 h
    # fox D1 02:00 -> 5 h, 10:00 -> 13 h; fox D3 21:00 -> 0 h (next day); boar D2 23:50 -> 23 h, 00:10 -> 0 h
    detections = [0] * 24
    for hour, n in {0: 2, 5: 1, 6: 1, 13: 1, 21: 3, 22: 1, 23: 1}.items():
        detections[hour] = n
    # Events at the hour of their first image: deer 21, 22, 6; fox 5, 13, 0; boar 23.
    events = [0] * 24
    for hour in (21, 22, 6, 5, 13, 0, 23):
        events[hour] = 1
    assert body["total"] == {"species": None, "detections": detections, "events": events}
    deer = next(s for s in body["species"] if s["species"] == "deer")
    assert {h: n for h, n in enumerate(deer["detections"]) if n} == {21: 3, 22: 1, 6: 1}
    assert {h: n for h, n in enumerate(deer["events"]) if n} == {21: 1, 22: 1, 6: 1}
    assert [s["species"] for s in body["species"]] == ["deer", "fox", "boar"]


def test_accumulation(client, users, survey):
    body = get(client, users, "accumulation")
    points = body["points"]
    assert body["timezone"] == "UTC"
    # Every day from 06-01 to 06-15 (D3 ends 06-16 00:00, exclusive).
    assert [p["date"] for p in points] == [f"2024-06-{d:02d}" for d in range(1, 16)]
    # Trap-days at each day's end: 06-01 D1 1 + D2 0.5; then +2 a day while D1 and D2 run (to 06-05: 9.5),
    # +1 a day on D1 alone (06-06 .. 06-10: 10.5 .. 14.5), +1 a day on D3 (06-11 .. 06-15: 15.5 .. 19.5).
    assert [p["trap_days"] for p in points] == [1.5, 3.5, 5.5, 7.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5]  # fmt: skip
    # deer first on 06-02 (06:00 at D2), fox on 06-03, boar on 06-04.
    assert [p["species_count"] for p in points] == [0, 1, 2, 3] + [3] * 11
    assert [p["new_species"] for p in points[:5]] == [[], ["deer"], ["fox"], ["boar"], []]


def test_naive_occupancy(client, users, survey):
    body = get(client, users, "occupancy")
    # Sites: A (D1 and D3, one place) and B (D2). deer at A and B: 2/2; boar at B: 1/2; fox at A only: 1/2.
    assert body == {
        "sites_surveyed": 2,
        "species": [
            {"species": "deer", "sites_detected": 2, "naive_occupancy": 1.0},
            {"species": "boar", "sites_detected": 1, "naive_occupancy": 0.5},
            {"species": "fox", "sites_detected": 1, "naive_occupancy": 0.5},
        ],
    }
    # From 06-11 only D3 (site A) surveys: fox 1/1.
    late = get(client, users, "occupancy", date_from="2024-06-11")
    assert late == {"sites_surveyed": 1, "species": [{"species": "fox", "sites_detected": 1, "naive_occupancy": 1.0}]}


@pytest.mark.parametrize("interval", [0, 10, 30, 60, 24 * 60])
def test_sql_events_equal_the_shared_definition(client, users, survey, interval):
    """The statistics count events in SQL (stats/repository.py event_tally); the export groups them with
    addax_common.ecology. On the survey's observations both give the same events per deployment and
    species, for several intervals."""
    dep, img = survey
    observations = [
        Observation(dep["D1"], "deer", utc(2, 18), img["deer1"]),
        Observation(dep["D1"], "deer", utc(2, 18, 10), img["deer2"], 2),
        Observation(dep["D1"], "deer", utc(2, 18, 35), img["deer3"]),
        Observation(dep["D1"], "deer", utc(2, 19, 10), img["deer4"]),
        Observation(dep["D1"], "fox", utc(3, 2), img["fox1"]),
        Observation(dep["D1"], "fox", utc(5, 10), img["fox2"]),
        Observation(dep["D2"], "deer", utc(2, 6), img["deer5"]),
        Observation(dep["D2"], "boar", utc(4, 23, 50), img["boar1"]),
        Observation(dep["D2"], "boar", utc(5, 0, 10), img["boar2"]),
        Observation(dep["D3"], "fox", utc(12, 21), img["fox3"]),
    ]
    expected: dict[tuple[int, str], int] = {}
    for event in independent_events(observations, interval):
        key = (event.deployment_id, event.species)
        expected[key] = expected.get(key, 0) + 1
    if interval == 30:
        assert [(e.count, e.max_count) for e in independent_events(observations[:4], 30)] == [(3, 2), (1, 1)]
    patched = client.patch(
        "/api/projects/default", json={"independence_interval_minutes": interval}, headers=users.admin.headers
    )
    assert patched.status_code == 200
    body = get(client, users, "rai")
    counted = {(d["deployment_id"], s["species"]): s["events"] for d in body["deployments"] for s in d["species"]}
    assert counted == expected


def test_bad_input(client, users, survey):
    h = users.viewer.headers
    assert client.get(f"{URL}/rai", params={"date_from": "June"}, headers=h).status_code == 422
    assert client.get(f"{URL}/activity", params={"camera_id": 0}, headers=h).status_code == 422
