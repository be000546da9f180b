"""WebSocket /api/updates: authentication, fan-out of pipeline events to every client, slow clients."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from functools import partial

import pytest
from sqlalchemy import update
from starlette.websockets import WebSocketDisconnect

from addax_api.live.hub import LiveClient, LiveHub
from addax_api.security import create_access_token
from addax_common.db import Image
from addax_common.events import CLASSIFICATION_COMPLETE, IMAGE_INGESTED, EventPublisher
from tests.support.stack import wait_until as stack_wait_until

# The live hub answers within milliseconds: poll often, give up after 5 s.
wait_until = partial(stack_wait_until, timeout=5.0, interval=0.02)


def subscribed(api_ctx) -> bool:
    channel = api_ctx.settings.key("events")
    return dict(api_ctx.redis.pubsub_numsub(channel)).get(channel, 0) >= 1


def test_two_clients_receive_a_pipeline_event(client, app, users, api_ctx, seed):
    camera_id = seed.camera("Kilo")
    with client.websocket_connect(f"/api/updates?token={users.viewer.token}") as first, client.websocket_connect(
        "/api/updates"
    ) as second:
        # The second client authenticates with its first message instead of the query string.
        second.send_text(json.dumps({"type": "auth", "token": users.analyst.token}))
        assert first.receive_json()["type"] == "connected"
        assert second.receive_json() == {"type": "connected", "user_id": users.analyst.id}
        wait_until(lambda: app.state.hub.client_count == 2 and subscribed(api_ctx))
        # Published the way the pipeline's workers publish (addax_common.events).
        publisher = EventPublisher(api_ctx.redis, api_ctx.settings.redis_prefix)
        # project_id None: the API finds the project through the camera.
        sent = publisher.publish(
            CLASSIFICATION_COMPLETE, project_id=None, image_id="9d5ed678-fe57-4cca-b3d1-98f3b1f1d2a1", camera_id=camera_id, species=["red deer"]
        )
        for ws in (first, second):
            event = ws.receive_json()
            assert event == {**sent, "camera_name": "Kilo", "project_id": 1}
            assert event["type"] == "classification_complete" and event["species"] == ["red deer"]
    wait_until(lambda: app.state.hub.client_count == 0)


def test_events_without_camera_and_foreign_messages(client, app, users, api_ctx):
    # An event whose project cannot be found goes to server admins only (test_projects_isolation.py).
    with client.websocket_connect(f"/api/updates?token={users.admin.token}") as ws:
        ws.receive_json()
        wait_until(lambda: app.state.hub.client_count == 1 and subscribed(api_ctx))
        channel = api_ctx.settings.key("events")
        api_ctx.redis.publish(channel, "not json")
        api_ctx.redis.publish(channel, json.dumps({"type": "something_else"}))
        EventPublisher(api_ctx.redis, api_ctx.settings.redis_prefix).publish(IMAGE_INGESTED, project_id=None, image_id="abc")
        event = ws.receive_json()
        assert event["type"] == "image_ingested" and event["camera_id"] is None and "camera_name" not in event


@pytest.mark.parametrize("token", ["", "garbage", "expired", "inactive"])
def test_bad_tokens_are_closed_with_4401(client, users, api_settings, make_user, token):
    if token == "expired":
        token = create_access_token(api_settings, users.viewer.user, now=time.time() - 3600, ttl=60)
    elif token == "inactive":
        token = create_access_token(api_settings, make_user("off@example.org", "viewer", active=False))
    url = f"/api/updates?token={token}" if token else "/api/updates"
    with client.websocket_connect(url) as ws:
        if not token:
            ws.send_text(json.dumps({"type": "auth", "token": "nope"}))
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4401


def test_connection_closes_when_the_token_expires(client, users, api_settings):
    token = create_access_token(api_settings, users.viewer.user, ttl=3)  # long enough to connect on a loaded machine, short enough to expire mid-connection
    with client.websocket_connect(f"/api/updates?token={token}") as ws:
        assert ws.receive_json()["type"] == "connected"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4401


def test_slow_client_is_dropped_without_holding_up_others():
    hub = LiveHub.__new__(LiveHub)
    hub.clients, hub.delivered, hub.dropped_clients = set(), 0, 0

    async def scenario():
        slow, fast = LiveClient(1, None, queue_size=2), LiveClient(2, frozenset({1}), queue_size=100)
        other = LiveClient(3, frozenset({2}), queue_size=2)  # another project's member: gets nothing
        for client in (slow, fast, other):
            hub.add(client)
        for n in range(5):
            hub.broadcast(json.dumps({"n": n}), 1)
        assert slow.overflowed.is_set() and slow not in hub.clients
        assert fast.queue.qsize() == 5 and hub.client_count == 2 and hub.dropped_clients == 1
        assert other.queue.qsize() == 0 and not other.overflowed.is_set()

    asyncio.run(scenario())


def test_hub_survives_redis_errors(api_settings, api_ctx):
    """The subscriber reconnects after a failure instead of dying (here: a Redis that refuses)."""
    import redis.asyncio as aioredis

    async def scenario():
        broken = aioredis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
        hub = LiveHub(api_settings, broken, api_ctx.sessions)
        task = asyncio.create_task(hub.run())
        await asyncio.sleep(0.8)
        assert not task.done() and not hub.subscribed.is_set()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await broken.aclose()

    asyncio.run(scenario())


def test_hub_stops_when_cancelled_even_if_closing_the_connection_swallows_the_cancellation(api_settings, api_ctx):
    """Python 3.11's wait_for returns normally when the awaited close has finished by the time the
    cancellation reaches it: the cancellation is lost. The loop must still end instead of subscribing
    again, or the API's shutdown hangs (seen once in CI)."""
    running: list[asyncio.Task] = []
    closes = 0

    class ClosingPubSub:
        async def subscribe(self, _channel):
            raise ConnectionError("Connection closed by server.")

        async def aclose(self):
            nonlocal closes
            closes += 1
            if closes == 1:
                running[0].cancel()  # arrives while wait_for waits for this close, which then finishes

    class FlakyRedis:
        def pubsub(self, **_):
            return ClosingPubSub()

    async def scenario():
        hub = LiveHub(api_settings, FlakyRedis(), api_ctx.sessions)
        running.append(asyncio.create_task(hub.run()))
        done, _ = await asyncio.wait(running, timeout=3)
        assert done, f"the hub kept running after it was cancelled ({closes} connections closed)"
        assert running[0].cancelled()

    asyncio.run(scenario())


def test_statistics_are_renewed_with_the_gallery_once_per_burst_and_only_when_they_changed(monkeypatch, api_settings):
    """A burst of completions renews a project's statistics at once and then once more, not per event,
    in the same renewals as its gallery; a burst of events that change no statistics (ingested images)
    renews the gallery only."""
    import addax_api.live.hub as hub_module

    monkeypatch.setattr(hub_module, "RENEW_INTERVAL", 0.2)
    stats: list[int] = []
    gallery: list[object] = []

    async def stats_bump(project_id):
        stats.append(project_id)

    async def gallery_bump(project_id):
        gallery.append(project_id)

    async def scenario():
        hub = LiveHub(api_settings, None, None, on_stats_stale=stats_bump, on_data_changed=gallery_bump)  # type: ignore[arg-type]  # no Redis, no database: not used
        for n in range(20):
            event = {"type": "classification_complete", "image_id": "x", "camera_id": None, "project_id": 1 + n % 2}
            await hub.handle(json.dumps(event))
        assert stats == gallery == [1, 2]  # each project's first event, at once
        await asyncio.sleep(0.35)
        assert sorted(stats[2:]) == sorted(gallery[2:]) == [1, 2]  # once more each, for the rest
        for _ in range(5):
            await hub.handle(json.dumps({"type": "image_ingested", "image_id": "y", "camera_id": None, "project_id": 3}))
        await asyncio.sleep(0.35)
        assert gallery[4:] == [3, 3] and stats[4:] == []
        # An ingestion then a completion in one burst: the trailing renewal takes the statistics along.
        await hub.handle(json.dumps({"type": "image_ingested", "image_id": "z", "camera_id": None, "project_id": 4}))
        await hub.handle(json.dumps({"type": "classification_complete", "image_id": "z", "camera_id": None, "project_id": 4}))
        assert gallery[6:] == [4] and stats[4:] == []
        await asyncio.sleep(0.35)
        assert gallery[7:] == [4] and stats[4:] == [4]

    asyncio.run(scenario())


def test_a_burst_bumps_its_project_at_once_then_once_more_and_says_so(monkeypatch, api_settings):
    """The gallery's data version of a project is bumped at once for the first event of a burst, then
    once more RENEW_INTERVAL later for the rest, after which the project's clients hear
    `data_changed` (the dashboard refetches on it). Every event goes out at once, in order."""
    import addax_api.live.hub as hub_module

    monkeypatch.setattr(hub_module, "RENEW_INTERVAL", 0.2)
    bumps: list[object] = []

    async def bump(project_id):
        bumps.append(project_id)

    async def scenario():
        hub = LiveHub(api_settings, None, None, on_data_changed=bump)  # type: ignore[arg-type]  # no Redis, no database: not used
        member = LiveClient(user_id=1, projects=frozenset({1}))
        hub.add(member)
        for n in range(12):
            await hub.handle(json.dumps({"type": "classification_complete", "image_id": str(n), "camera_id": None,
                                         "project_id": 1 + n % 2}))
        await hub.renew(None, stats=False)  # an event of no known project: every project's, at once
        assert bumps == [1, 2, None]
        heard = [json.loads(member.queue.get_nowait()) for _ in range(member.queue.qsize())]
        assert [e["image_id"] for e in heard] == [str(n) for n in range(0, 12, 2)]  # at once, in order, its project's
        await asyncio.sleep(0.35)
        assert sorted(bumps[3:], key=str) == [1, 2]  # one more each, for the whole burst
        later = [json.loads(member.queue.get_nowait()) for _ in range(member.queue.qsize())]
        assert [(e["type"], e["project_id"]) for e in later] == [("data_changed", 1)]
        # Quiet again: the next event is bumped at once, and no trailing bump is due.
        await asyncio.sleep(0.25)
        await hub.handle(json.dumps({"type": "image_ingested", "image_id": "x", "camera_id": None, "project_id": 1}))
        assert bumps[5:] == [1]
        await asyncio.sleep(0.3)
        assert bumps[6:] == [] and member.queue.qsize() == 1
        # At shutdown a trailing bump still due is dropped, not left pending.
        for name in ("y", "z"):
            await hub.handle(json.dumps({"type": "image_ingested", "image_id": name, "camera_id": None, "project_id": 1}))
        assert bumps[6:] == [1] and 1 in hub._trailing
        hub.cancel_trailing()
        await asyncio.sleep(0.25)
        assert bumps[7:] == [] and not hub._trailing

    asyncio.run(scenario())


def test_a_busy_project_leaves_the_other_projects_answers_kept(client, app, users, seed, api_ctx):
    """A pipeline event bumps its own project's answers only; this project's kept gallery stays kept
    (and stale, by design, for a change made behind the API's back), until one of its own events."""
    from addax_common.db import Project

    camera = seed.camera("Papa")
    image_id = seed.image(camera)
    with api_ctx.sessions.begin() as db:
        elsewhere = Project(slug="elsewhere", name="Elsewhere")
        db.add(elsewhere)
        db.flush()
        elsewhere_id = elsewhere.id
    images = "/api/projects/default/images"

    def review() -> str:
        return client.get(images, headers=users.viewer.headers).json()["items"][0]["review_status"]

    assert review() == "unreviewed"
    with api_ctx.sessions.begin() as db:
        db.execute(update(Image).where(Image.id == image_id).values(review_status="flagged"))
    cache = app.state.response_cache
    publisher = EventPublisher(api_ctx.redis, api_ctx.settings.redis_prefix)
    with client.websocket_connect(f"/api/updates?token={users.admin.token}") as ws:  # hears every project
        assert ws.receive_json()["type"] == "connected"
        channel = api_ctx.settings.key("events")
        wait_until(lambda: dict(api_ctx.redis.pubsub_numsub(channel)).get(channel, 0) >= 1)
        publisher.publish(CLASSIFICATION_COMPLETE, project_id=elsewhere_id, image_id=str(uuid.uuid4()))
        assert ws.receive_json()["project_id"] == elsewhere_id
        hits = cache.hits
        assert review() == "unreviewed"  # still the kept answer
        assert cache.hits == hits + 1
        publisher.publish(CLASSIFICATION_COMPLETE, project_id=None, image_id=str(image_id), camera_id=camera)
        assert ws.receive_json()["image_id"] == str(image_id)
        assert review() == "flagged"
