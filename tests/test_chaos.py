"""Chaos, quick variant (issue 13, item 7): a 200-image FTPS burst while ingestion, detection and
classification are SIGKILLed in turn, Redis is killed and comes back empty, PostgreSQL restarts,
storage is unreachable, the upload volume is full and Redis is frozen. The full variant (1,000 images,
a 30 s storage outage) is bench/bench_chaos.py, run by `scripts/bench.sh --full`."""

from __future__ import annotations

import pytest

from bench.report import percentile
from tests.support.chaos import ChaosPlan, run_chaos

pytestmark = pytest.mark.slow


@pytest.mark.timeout(600)  # about 3 minutes alone; more beside the rest of the suite on a small machine
def test_chaos_burst_loses_nothing_and_duplicates_nothing(model_settings):
    result = run_chaos(model_settings, ChaosPlan(images=200, upload_seconds=50, storage_outage_seconds=6,
                                                disk_full_seconds=4, redis_freeze_seconds=10))
    lat = result.latencies
    print(f"\nchaos quick: {result.images} images in {result.seconds:.0f}s; end-to-end p50 {percentile(lat, .5):.1f}s "
          f"p95 {percentile(lat, .95):.1f}s p99 {percentile(lat, .99):.1f}s; {len(result.failed_before_retry)} failed "
          f"then retried; {result.upload_failures} upload attempts failed ({result.interrupted_uploads} interrupted)")
    for name, at, note in result.faults:
        print(f"  {at:6.1f}s {name} {note}")

    assert len(result.faults) == 8
    assert result.uploaded == result.images  # every camera got its 226 in the end
    assert result.missing == []  # 0 lost: every uploaded name has a row
    assert result.statuses == {"completed": result.images}  # failed ones were resolved by POST .../retry
    assert result.duplicate_rows == []
    assert result.leftover_uploads == []
    assert result.crashed == []
    assert len(result.latencies) == result.images
    # The faults really hit: uploads were cut off and retried.
    assert result.interrupted_uploads > 0
    # Every failure carries its reason (the stage and the error), which the retry then resolved.
    assert all(reason.startswith(("detection:", "classification:")) for reason in result.failed_before_retry.values()), \
        result.failed_before_retry
