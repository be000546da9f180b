"""The gallery's cached answers (addax_api/response_cache.py): served from memory while nothing changes,
never older than the viewer's own change or the pipeline's last event."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import update

from addax_api.main import create_app
from addax_api.response_cache import ResponseCache, data_version_key
from addax_common.context import make_context
from addax_common.db import Image
from addax_common.events import CLASSIFICATION_COMPLETE, EventPublisher
from tests.support.stack import wait_until as stack_wait_until

wait_until = partial(stack_wait_until, timeout=5.0, interval=0.02)
IMAGES = "/api/projects/default/images"


def review_of(client, headers, image_id) -> str:
    items = client.get(IMAGES, headers=headers).json()["items"]
    return next(item["review_status"] for item in items if item["id"] == str(image_id))


def flag_behind_the_apis_back(api_ctx, image_id) -> None:
    with api_ctx.sessions() as db:
        db.execute(update(Image).where(Image.id == image_id).values(review_status="flagged"))
        db.commit()


def test_an_unchanged_gallery_is_answered_from_memory(client, app, users, seed, api_ctx):
    camera = seed.camera("Lima")
    image_id = seed.image(camera)
    cache = app.state.response_cache
    first = client.get(IMAGES, headers=users.viewer.headers)
    hits = cache.hits
    flag_behind_the_apis_back(api_ctx, image_id)  # no event, no request: invisible to the cache
    second = client.get(IMAGES, headers=users.analyst.headers)  # another user: same answer, not per user
    assert cache.hits == hits + 1
    assert second.content == first.content and second.headers["content-type"] == "application/json"
    assert json.loads(second.content)["items"][0]["review_status"] == "unreviewed"
    # Another filter, page or size is another answer.
    assert client.get(IMAGES, params={"review_status": "flagged"}, headers=users.viewer.headers).json()["total"] == 1


def test_a_change_through_the_api_shows_in_the_very_next_answer(client, users, seed):
    camera = seed.camera("Mike")
    image_id = seed.image(camera)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"
    counts = client.get(f"{IMAGES}/status-counts", headers=users.viewer.headers).json()
    assert counts["completed"] == 1
    approved = client.post(f"{IMAGES}/{image_id}/approve", headers=users.analyst.headers)
    assert approved.status_code == 200, approved.text
    assert review_of(client, users.viewer.headers, image_id) == "approved"
    # A refused change invalidates nothing, and changes nothing.
    assert client.post(f"{IMAGES}/{image_id}/approve", headers=users.viewer.headers).status_code == 403


def test_a_pipeline_event_invalidates_before_dashboards_hear_of_it(client, app, users, seed, api_ctx):
    camera = seed.camera("November")
    image_id = seed.image(camera)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"
    flag_behind_the_apis_back(api_ctx, image_id)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"  # cached
    with client.websocket_connect(f"/api/updates?token={users.viewer.token}") as ws:
        assert ws.receive_json()["type"] == "connected"
        channel = api_ctx.settings.key("events")
        wait_until(lambda: dict(api_ctx.redis.pubsub_numsub(channel)).get(channel, 0) >= 1)
        EventPublisher(api_ctx.redis, api_ctx.settings.redis_prefix).publish(
            CLASSIFICATION_COMPLETE, project_id=None, image_id=str(image_id), camera_id=camera
        )
        assert ws.receive_json()["type"] == "classification_complete"
        # The dashboard refetches on the event: the answer it gets is fresh.
        assert review_of(client, users.viewer.headers, image_id) == "flagged"


def test_without_redis_nothing_is_cached(client, app, users, seed, api_ctx, monkeypatch):
    camera = seed.camera("Oscar")
    image_id = seed.image(camera)
    cache = app.state.response_cache

    async def unreachable(_key):
        import redis

        raise redis.ConnectionError("Redis is down")

    monkeypatch.setattr(app.state.redis_async, "get", unreachable)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"
    flag_behind_the_apis_back(api_ctx, image_id)
    assert review_of(client, users.viewer.headers, image_id) == "flagged"
    assert cache.hits == 0


def test_a_redis_that_does_not_answer_holds_no_read_up(client, app, users, seed, api_ctx, monkeypatch):
    """Frozen (SIGSTOP, a full network buffer): after REDIS_ANSWER_SECONDS the read goes to the database."""
    import asyncio

    from addax_api.deps import REDIS_ANSWER_SECONDS

    camera = seed.camera("Victor")
    image_id = seed.image(camera)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"
    flag_behind_the_apis_back(api_ctx, image_id)

    async def frozen(_key):
        await asyncio.sleep(30)

    monkeypatch.setattr(app.state.redis_async, "get", frozen)
    started = time.monotonic()
    assert review_of(client, users.viewer.headers, image_id) == "flagged"  # from the database, not kept
    assert time.monotonic() - started < REDIS_ANSWER_SECONDS + 2


class Answer(BaseModel):
    n: int


def test_one_request_computes_a_missing_answer_while_the_others_wait_for_it(api_ctx, api_settings):
    cache = ResponseCache(api_settings)
    calls = []

    def compute() -> Answer:
        calls.append(1)
        time.sleep(0.3)
        return Answer(n=len(calls))

    with ThreadPoolExecutor(max_workers=12) as pool:
        bodies = list(pool.map(lambda _: cache.answer("v1", "same-key", compute), range(12)))
    assert calls == [1]  # not twelve identical queries
    assert bodies == [b'{"n":1}'] * 12


def test_an_expired_answer_is_served_while_one_request_refreshes_it(api_ctx, api_settings):
    cache = ResponseCache(api_settings.model_copy(update={"response_cache_seconds": 1.0}))
    counter = iter(range(1, 100))
    slow = threading.Event()

    def compute() -> Answer:
        value = next(counter)
        if value == 2:
            slow.set()
            time.sleep(0.5)
        return Answer(n=value)

    assert cache.answer("v1", "k", compute) == b'{"n":1}'
    time.sleep(1.05)  # expired, same data version
    with ThreadPoolExecutor(max_workers=2) as pool:
        refreshing = pool.submit(cache.answer, "v1", "k", compute)
        slow.wait(5)
        started = time.monotonic()
        assert cache.kept("v1", "k") == (b'{"n":1}', False)  # the old answer, at once, from the event loop too
        assert cache.answer("v1", "k", compute) == b'{"n":1}'
        assert time.monotonic() - started < 0.2
        assert refreshing.result() == b'{"n":2}'
    assert cache.answer("v1", "k", compute) == b'{"n":2}'
    assert cache.kept("v2", "k") == (None, False)  # another data version: nothing kept


def test_answers_from_before_redis_lost_its_data_are_not_served(client, app, users, seed, api_ctx):
    """A restarted counter would count 1, 2, ... again and meet answers cached under those numbers."""
    camera = seed.camera("Papa")
    image_id = seed.image(camera)
    versions = [data_version_key(api_ctx.settings), data_version_key(api_ctx.settings, project_id=1)]  # the default project
    api_ctx.redis.delete(*versions)
    assert review_of(client, users.viewer.headers, image_id) == "unreviewed"
    flag_behind_the_apis_back(api_ctx, image_id)
    api_ctx.redis.delete(*versions)  # Redis restarted empty
    assert review_of(client, users.viewer.headers, image_id) == "flagged"


def test_signing_in_keeps_the_cache(client, app, users, seed, api_ctx):
    key = data_version_key(api_ctx.settings)
    version = api_ctx.redis.get(key)
    login = client.post("/api/auth/login", json={"email": "admin@example.org", "password": "admin-password-1"})
    assert login.status_code == 200, login.text
    assert api_ctx.redis.get(key) == version


def test_an_aged_answer_is_served_at_once_and_refreshed_off_the_request(api_settings, users, seed, api_ctx):
    """Older than RESPONSE_CACHE_SECONDS under the same data version: the next request still gets it (the
    version says nothing reported changed) while a thread recomputes it; the one after gets the new one."""
    short = api_settings.model_copy(update={"response_cache_seconds": 1.0})
    image_id = seed.image(seed.camera("Uniform"))
    ctx = make_context(short)
    try:
        with TestClient(create_app(short, ctx=ctx)) as own:
            cache = own.app.state.response_cache
            assert review_of(own, users.viewer.headers, image_id) == "unreviewed"
            flag_behind_the_apis_back(api_ctx, image_id)
            assert review_of(own, users.viewer.headers, image_id) == "unreviewed"  # kept
            time.sleep(1.05)
            misses = cache.misses
            assert review_of(own, users.viewer.headers, image_id) == "unreviewed"  # aged: served, refresh started
            wait_until(lambda: cache.misses == misses + 1)  # recomputed by the background thread
            assert review_of(own, users.viewer.headers, image_id) == "flagged"
    finally:
        ctx.close()
