"""Alert messages leave the platform (chat, e-mail): a photo with people goes out people-blurred."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from addax_alerts.handler import CameraInfo, EvaluateHandler
from addax_common.alerts.matching import Match
from addax_common.db import Image
from addax_common.privacy import blurred_thumbnail_key


def test_the_thumbnail_of_an_alert_is_the_people_blurred_one_when_people_were_found():
    camera = CameraInfo(id=1, name="Gate", config={}, lat=None, lon=None, project_id=1)
    found = Match(labels={"person": 1}, best_confidence=0.9)
    when = datetime(2026, 6, 1, 12, tzinfo=UTC)
    image = Image(id=uuid.uuid4(), thumbnail_key="plain.jpg", captured_at=when, people_blurred=True)
    assert EvaluateHandler.payload(image, camera, found, when, "UTC")["thumbnail_key"] == blurred_thumbnail_key(image.id)
    image.people_blurred = False
    assert EvaluateHandler.payload(image, camera, found, when, "UTC")["thumbnail_key"] == "plain.jpg"
