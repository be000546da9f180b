"""Locust scenarios of the plan (issue 13, item 11), run headless by bench/bench_api_load.py:
100 users browsing the gallery, 50 viewing image details, 20 filtering, 5 exporting. An exporting user
looks at the statistics of the project, then downloads what an ecologist takes away for analysis: the
observation table (CSV) of one camera over one month, streamed to the end.

Environment: LOCUST_TOKEN (a bearer token of a project member), LOCUST_IDS_FILE (image ids, one a line),
LOCUST_PROJECT (slug, default `default`), LOCUST_WARMUP_SECONDS (statistics are reset after this long:
the users all starting at once and the caches filling are not the steady state).
"""

from __future__ import annotations

import os
import random

import gevent
from locust import FastHttpUser, between, events, task

TOKEN = os.environ.get("LOCUST_TOKEN", "")
PROJECT = os.environ.get("LOCUST_PROJECT", "default")
SCOPE = f"/api/projects/{PROJECT}"
IDS = open(os.environ["LOCUST_IDS_FILE"]).read().split() if os.environ.get("LOCUST_IDS_FILE") else []  # noqa: SIM115
WARMUP_SECONDS = float(os.environ.get("LOCUST_WARMUP_SECONDS", "0"))
SPECIES = ["red deer", "roe deer", "wild boar", "red fox", "european badger", "european hare", "wolf", "horse"]


class _Member(FastHttpUser):  # geventhttpclient: a fifth of HttpUser's CPU, which shares the cores
    abstract = True
    wait_time = between(0.5, 2.0)  # a person looking at what came back
    default_headers = {"Authorization": f"Bearer {TOKEN}"}


class Browsing(_Member):
    weight = 100

    @task
    def gallery(self) -> None:
        page = random.choice([1, 1, 1, 2, 3, 4, 5, 10])
        self.client.get(f"{SCOPE}/images", params={"page": page, "limit": 50}, name="GET /api/images (gallery)")


class Viewing(_Member):
    weight = 50

    @task
    def detail(self) -> None:
        self.client.get(f"{SCOPE}/images/{random.choice(IDS)}", name="GET /api/images/{id}")


class Filtering(_Member):
    weight = 20

    @task
    def filtered(self) -> None:
        rng = random.random()
        if rng < 0.3:
            params = {"species": random.choice(SPECIES)}
        elif rng < 0.5:
            params = {"camera_id": random.randint(1, 50)}
        elif rng < 0.7:
            month = random.randint(1, 12)
            params = {"date_from": f"2024-{month:02d}-01", "date_to": f"2024-{month:02d}-28"}
        elif rng < 0.85:
            params = {"min_confidence": 0.8, "review_status": "unreviewed"}
        else:
            params = {"sort": "confidence"}
        self.client.get(f"{SCOPE}/images", params={**params, "limit": 50}, name="GET /api/images (filtered)")


class Exporting(_Member):
    weight = 5
    wait_time = between(2.0, 5.0)

    @task
    def export(self) -> None:
        for path in ("stats/summary", "stats/species"):
            self.client.get(f"{SCOPE}/{path}", name=f"GET /api/{path}")
        month = random.randint(1, 12)
        params = {"table": "observations", "camera_id": random.randint(1, 50),
                  "date_from": f"2024-{month:02d}-01", "date_to": f"2024-{month:02d}-28"}
        self.client.get(f"{SCOPE}/exports/csv", params=params, name="GET /api/exports/csv (one camera, one month)")


@events.test_start.add_listener
def _reset_after_warmup(environment, **_kwargs) -> None:
    if WARMUP_SECONDS > 0:
        gevent.spawn_later(WARMUP_SECONDS, environment.stats.reset_all)
