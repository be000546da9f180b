"""The rate limits count in fixed one-minute windows (addax_api.middleware.count_in_window): a test that
expects the Nth request of a burst to be refused must not straddle the start of a new minute, where the
count starts again (it failed that way in CI, its burst started at hh:mm:59)."""

from __future__ import annotations

import time

WINDOW_SECONDS = 60


def in_a_fresh_window(margin: float = 10.0) -> None:
    """Returns at once, or waits for the next minute when fewer than `margin` seconds are left in this one."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < margin:
        time.sleep(left + 0.05)
