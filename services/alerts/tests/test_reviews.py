"""A review later (approval or species correction): the "only human-verified" rules are evaluated
again through `alert-reviews`, once however often the message arrives; other rules are left alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from addax_alerts.handler import EvaluateHandler
from addax_common.context import ServiceContext
from addax_common.db import AlertLog, Classification, Detection, Image, ReviewStatus
from addax_common.errors import SkipMessage
from addax_common.reliable_queue import QUEUE_ALERT_REVIEWS, QUEUE_CLASSIFICATION_COMPLETE
from tests.support import alert_seed as seed
from tests.support.alert_seed import drain, webhook
from tests.support.receivers import HttpReceiver


def fired(ctx: ServiceContext) -> list[tuple[str, str]]:
    with ctx.sessions() as session:
        return [(rule, str(image)) for rule, image in session.execute(
            select(AlertLog.payload["rule_name"].astext, AlertLog.image_id).order_by(AlertLog.id))]


def test_approval_fires_the_verified_only_rule_once(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "fold")
        hook = webhook(actx, session, http_receiver)
        seed.rule(session, [hook], {"species": ["wolf"], "verified_only": True}, name="verified wolves")
        seed.rule(session, [hook], {"species": ["wolf"]}, name="any wolf")
        image = seed.completed_image(actx, session, cam.id, [("wolf", 0.9)])
    actx.queue(QUEUE_CLASSIFICATION_COMPLETE).push(image.id)
    drain(actx)
    assert fired(actx) == [("any wolf", str(image.id))]  # not verified yet

    with actx.sessions.begin() as session:
        session.execute(update(Image).where(Image.id == image.id).values(review_status=ReviewStatus.APPROVED))
    for _ in range(2):  # approved twice (or the message delivered twice): one alert
        actx.queue(QUEUE_ALERT_REVIEWS).push(image.id)
    drain(actx)
    assert fired(actx) == [("any wolf", str(image.id)), ("verified wolves", str(image.id))]
    assert [r.json()["alert"]["rule_name"] for r in http_receiver.requests] == ["any wolf", "verified wolves"]


def test_a_correction_to_the_species_fires_and_old_reviews_do_not(actx: ServiceContext,
                                                                  http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "fold")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["wolf"], "verified_only": True},
                  name="verified wolves")
        fox = seed.completed_image(actx, session, cam.id, [("red fox", 0.8)])
        detection_id = session.scalar(select(Detection.id).where(Detection.image_id == fox.id))
    handler = EvaluateHandler(actx)
    assert handler.evaluate(fox.id) == []
    with actx.sessions.begin() as session:  # an analyst says: that fox is a wolf
        session.add(Classification(detection_id=detection_id, image_id=fox.id, label="wolf", score=1.0, rank=1,
                                   model_name="human", source="human"))
    now = datetime.now(UTC)
    stale = now - timedelta(seconds=actx.settings.alerts_max_age_seconds + 60)
    with pytest.raises(SkipMessage, match="too old"):  # a backlog after an outage pages nobody
        handler.reevaluate_reviewed(fox.id, reviewed_at=stale, now=now)
    assert fired(actx) == []
    [alert] = handler.reevaluate_reviewed(fox.id, reviewed_at=now, now=now)
    assert "1 x wolf" in alert.reason and handler.reevaluate_reviewed(fox.id, reviewed_at=now, now=now) == []
    drain(actx)
    assert [r.json()["alert"]["species"] for r in http_receiver.requests] == [[{"label": "wolf", "count": 1}]]
