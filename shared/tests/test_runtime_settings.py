"""RuntimeSettings: re-read at most once per TTL, through the caller's session when it has one."""

from __future__ import annotations

from addax_common import runtime_settings
from addax_common.runtime_settings import RuntimeSettings


def test_a_due_reread_goes_through_the_callers_session(ctx, settings):
    """A request that already holds a pooled connection must not wait for a second one (the API deadlocked
    that way under load): the re-read uses the session it is given and opens none of its own."""
    opened = []

    def sessions():
        opened.append(1)
        return ctx.sessions()

    runtime = RuntimeSettings(sessions, settings, ttl=60)
    assert runtime.cached() is None  # nothing read yet: a read is due
    with ctx.sessions() as db:
        runtime_settings.store(db, {"detection_classify_threshold": 0.42}, None)
        db.commit()
        values = runtime.current(db)
    assert values.detection_classify_threshold == 0.42
    assert opened == []
    assert runtime.cached() == values  # fresh now: served without I/O
    runtime.invalidate()
    assert runtime.cached() is None
    assert runtime.current().detection_classify_threshold == 0.42  # no session given: opens its own
    assert opened == [1]
