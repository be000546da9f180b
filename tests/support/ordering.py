"""Longest tests first, so that under pytest-xdist (scripts/test.sh runs three workers) the browser
suite starts at once on one worker while the other works through everything else, instead of
starting last and leaving one worker idle for its whole run."""

from __future__ import annotations

import pytest

# The single longest test (about 8 minutes on a 2-core machine): it goes first of all.
LONGEST = "tests/test_e2e_browser.py"


def _rank(item: pytest.Item) -> int:
    if item.nodeid.startswith(LONGEST):
        return 0
    return 1 if item.get_closest_marker("slow") else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the order within each rank stays the collection order
