"""No silent skips in CI: under CI=true a skipped test fails the run unless it is allow-listed here.

A skip on a developer's machine is fine (a tool may be missing there); in CI, scripts/install.sh
--for-tests installs every tool, so a skip means a check that did not run while the run looked green.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

# Node ids allowed to skip in CI, each with the reason it cannot run there. Keep this list short.
ALLOWED_SKIPS: dict[str, str] = {}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Rewritten where the report is made, so every reporter (terminal, -ra summary, exit code) sees a failure.
    report = yield
    # An xfail is reported as skipped with `wasxfail`; it is an expected failure, not a skip.
    if not _in_ci() or not report.skipped or hasattr(report, "wasxfail") or item.nodeid in ALLOWED_SKIPS:
        return report
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"skipped under CI=true, and not on the allow-list in tests/support/skips.py: {reason}\n"
        "Install what the test needs (scripts/install.sh --for-tests) or allow-list it with a reason."
    )
    return report
