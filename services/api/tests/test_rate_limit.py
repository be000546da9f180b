"""Rate limit: signed-in requests count per user, anonymous ones per client IP (issue 13, item 6), and
the default lets a fast reviewer work without ever meeting it."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from addax_api import security
from addax_api.main import create_app
from addax_common.settings import Settings
from tests.support.rate_windows import in_a_fresh_window

# What the dashboard sends for one image reviewed on the detail page (services/frontend/src/features/
# image-detail/api/image.ts), in the worst case of a species correction on every image:
#   POST review; PUT species; the correction invalidates the image and the species list, both on
#   screen, so GET image + GET species; moving on shows the prefetched neighbour (fresh in the cache,
#   no request) and prefetches the one after it: GET image.
# Plain approve-and-next is POST review + GET image (2 per image).
REQUESTS_PER_CORRECTED_IMAGE = 5
# Live updates: a pipeline busy all minute flushes its events every 400 ms (features/live), and each
# flush refetches the species list on screen: at most 60 / 0.4 = 150 requests a minute.
LIVE_REFRESHES_PER_MINUTE = 150


def test_signed_in_requests_count_per_user_anonymous_per_ip(api_settings, api_ctx, users):
    limited = api_settings.model_copy(update={"rate_limit_per_minute": 3, "rate_limit_per_user_per_minute": 5})
    # A field station: everyone behind one address.
    with TestClient(create_app(limited, ctx=api_ctx), client=("198.51.100.9", 1)) as station:
        me = lambda who=None: station.get("/api/auth/me", headers=who.headers if who else {})  # noqa: E731
        in_a_fresh_window()
        assert [me(users.analyst).status_code for _ in range(6)] == [200] * 5 + [429]
        limited_response = me(users.analyst)
        assert limited_response.headers["x-ratelimit-limit"] == "5"
        assert 0 < int(limited_response.headers["retry-after"]) <= 61
        # The analyst's budget is theirs alone: a colleague and anonymous visitors at the same address
        # still have their own.
        colleague = me(users.viewer)
        assert colleague.status_code == 200 and colleague.headers["x-ratelimit-remaining"] == "4"
        assert [me().status_code for _ in range(4)] == [401] * 3 + [429]
        assert me().headers["x-ratelimit-limit"] == "3"
        # A token that does not verify counts against the address, not against the user it names.
        expired = security.create_access_token(limited, users.admin.user, now=time.time() - 3600)
        forged = security.create_access_token(limited.model_copy(update={"jwt_secret": "x" * 40}), users.admin.user)
        for token in (expired, forged):
            assert station.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 429
        assert me(users.admin).status_code == 200


def test_a_reviewer_at_one_image_a_second_never_meets_the_default_limit(api_settings, api_ctx, users, gallery, seed):
    # The shipped defaults (the API tests' own settings switch the limit off).
    limits = {name: field.default for name, field in Settings.model_fields.items() if name.startswith("rate_limit")}
    settings = api_settings.model_copy(update=limits)
    _cams, img = gallery
    ids = list(img.values())
    headers = users.analyst.headers
    statuses: list[int] = []
    with TestClient(create_app(settings, ctx=api_ctx), client=("198.51.100.10", 1)) as browser:
        def get(path: str) -> None:
            statuses.append(browser.get(path, headers=headers).status_code)

        # One minute at one image a second (the counters' window is a minute). The first ten images go
        # through the real review routes; the limiter counts every request alike, so the rest of the
        # minute is the same number of cheap requests, which keeps the test fast.
        for second in range(10):
            image_id = ids[second % len(ids)]
            base = f"/api/projects/default/images/{image_id}"
            status = "approved" if second % 2 else "flagged"
            statuses.append(browser.post(f"{base}/review", json={"status": status}, headers=headers).status_code)
            detection = seed.detection_ids(image_id)
            if detection:
                statuses.append(browser.put(f"{base}/detections/{detection[0]}/species", json={"label": "red deer"},
                                            headers=headers).status_code)
            else:
                get("/api/auth/me")  # the same count for an image without a detection
            get(base)
            get("/api/projects/default/species")
            get(f"/api/projects/default/images/{ids[(second + 2) % len(ids)]}")
        for _ in range(50 * REQUESTS_PER_CORRECTED_IMAGE + LIVE_REFRESHES_PER_MINUTE):
            get("/api/auth/me")
    assert len(statuses) == 60 * REQUESTS_PER_CORRECTED_IMAGE + LIVE_REFRESHES_PER_MINUTE
    assert 429 not in statuses
    assert set(statuses) == {200}


def test_a_redis_that_does_not_answer_lets_requests_through_uncounted(api_settings, api_ctx, users, monkeypatch):
    """Fail open covers a frozen Redis too (SIGSTOP raises no error: the request would wait for ever)."""
    import asyncio

    from addax_api.deps import REDIS_ANSWER_SECONDS

    limited = api_settings.model_copy(update={"rate_limit_per_minute": 3, "rate_limit_per_user_per_minute": 5})
    app = create_app(limited, ctx=api_ctx)
    with TestClient(app) as client:
        class Frozen:
            async def __aenter__(self):
                await asyncio.sleep(30)

            async def __aexit__(self, *_exc):
                return False

        monkeypatch.setattr(app.state.redis_async, "pipeline", lambda **_kw: Frozen())
        started = time.monotonic()
        answered = client.get("/api/auth/me", headers=users.analyst.headers)
        assert answered.status_code == 200 and "x-ratelimit-limit" not in answered.headers
        assert time.monotonic() - started < REDIS_ANSWER_SECONDS + 2
