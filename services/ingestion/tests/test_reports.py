"""Camera status: daily report files and the BATTERY=..;TEMP=..;SD=.. EXIF convention."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.dialects.postgresql import insert

from addax_common.db import Camera
from addax_common.ingest.exif import parse_status_string, read_exif
from addax_common.ingest.ingest import Outcome
from addax_common.ingest.reports import parse_report
from addax_common.storage import BUCKET_QUARANTINE

REPORT = b"""\xef\xbb\xbfDAILY REPORT
Camera Name: Trap North
Serial Number: SN-REPORT-1
Date: 2024-05-01
Time: 06:00:00
Battery: 85%
Temperature: 54 F
SD Card: 12.5GB/32GB
Images: 1234
Signal: 4/5
Firmware: V2.1.0
"""


def test_daily_report_becomes_camera_status(ctx, ingestor, put_upload, db, events):
    with ctx.sessions.begin() as session:
        session.execute(insert(Camera).values(name="Trap North (admin)", serial_number="SN-REPORT-1", is_assigned=True))
    path = put_upload("DailyReport_20240501.txt", REPORT, account="site2")

    result = ingestor.ingest_file(path)

    assert result.outcome is Outcome.REPORT
    assert not path.exists()
    assert db.images() == []  # a report is not an image, and not a rejected one either
    [status] = db.statuses()
    [camera] = db.cameras()  # matched by the serial in the report: nothing registered
    assert status.camera_id == camera.id and status.source == "report" and status.image_id is None
    assert status.reported_at == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    assert status.battery_percent == 85
    assert status.temperature_c == pytest.approx(12.22, abs=0.01)
    assert status.sd_used_percent == pytest.approx(39.06, abs=0.01)
    assert status.images_on_sd == 1234
    assert status.signal_quality == 80
    assert status.raw["fields"]["Firmware"] == "V2.1.0"
    [event] = events(1, event_type="camera_status")
    assert event["camera_id"] == camera.id and event["battery_percent"] == 85 and event["source"] == "report"

    # The same report again replaces the reading (idempotent), it does not add one.
    ingestor.ingest_file(put_upload("DailyReport_20240501.txt", REPORT, account="site2"))
    assert len(db.statuses()) == 1


def test_report_of_an_unknown_camera_registers_it(ingestor, put_upload, db):
    text = b"Battery=70%\nTemp=-3C\nSD=12%\n"
    result = ingestor.ingest_file(put_upload("DailyReport.TXT", text, account="cam1"))
    assert result.outcome is Outcome.REPORT
    [camera] = db.cameras()
    assert camera.name == "Camera One" and camera.is_assigned is False  # the account's configured camera
    [status] = db.statuses()
    assert (status.battery_percent, status.temperature_c, status.sd_used_percent) == (70, -3, 12)


def test_text_file_that_is_not_a_report_is_quarantined(ctx, ingestor, put_upload, db, settings):
    path = put_upload("readme.txt", b"hello camera people\nnothing to see here\n", account="site2")
    result = ingestor.ingest_file(path)
    assert result.outcome is Outcome.REPORT_REJECTED and "no camera status fields" in result.reason
    assert not path.exists() and db.statuses() == [] and db.images() == []
    [kept] = list((settings.storage_dir / BUCKET_QUARANTINE).rglob("*.bin"))
    assert kept.read_bytes() == b"hello camera people\nnothing to see here\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        (b"Battery: 6.2V\nTemp: 20C", {"battery_percent": None, "temperature_c": 20}),
        (b"BATTERY=85;TEMP=12C;SD=40", {"battery_percent": 85, "temperature_c": 12, "sd_used_percent": 40}),
        (b"SD Free: 25%\nCSQ: 31", {"sd_used_percent": 75, "signal_quality": 100}),
        (b"Battery Level = 101\ntemperature: 300 C", {"battery_percent": None, "temperature_c": None}),
        (b"Storage: 3 of 4 GB\nTimestamp: 2024-05-01T06:00:00+02:00",
         {"sd_used_percent": 75, "reported_local": datetime.fromisoformat("2024-05-01T06:00:00+02:00")}),
        (b"Date/Time: 01.05.2024 06:30\nPhotos: 12", {"images_on_sd": 12, "reported_local": datetime(2024, 5, 1, 6, 30)}),
        (b"\x00\xff\xfe garbage \x01\x02", {"battery_percent": None}),
    ],
)
def test_report_parser_is_tolerant(text, expected):
    report = parse_report(text)
    for name, value in expected.items():
        assert getattr(report, name) == value, (name, report)


def test_exif_status_convention_becomes_camera_status(ingestor, put_upload, jpeg, db):
    captured = datetime(2024, 5, 2, 10, 11, 12)
    data = jpeg(seed=1, serial="SN-STAT", captured_at=captured, description="BATTERY=85;TEMP=12C;SD=40")
    result = ingestor.ingest_file(put_upload("s.jpg", data, account=None))
    assert result.outcome is Outcome.RECEIVED
    [status] = db.statuses()
    assert status.source == "exif" and status.image_id == result.image_id
    assert (status.battery_percent, status.temperature_c, status.sd_used_percent) == (85, 12, 40)
    assert status.reported_at == captured.replace(tzinfo=UTC)


def test_status_convention_matches_the_synthetic_generator():
    """Read what addax_models.camera_exif writes (the models engineer's generator) exactly."""
    camera_exif = pytest.importorskip("addax_models.camera_exif")
    exif = camera_exif.CameraExif(
        captured_at=datetime(2024, 6, 1, 4, 5, 6), serial="SIM-0042", latitude=-12.5, longitude=130.25,
        altitude_m=35.0, battery_pct=63, temperature_c=-2.5, sd_fill_pct=71,
    )
    from io import BytesIO

    from PIL import Image as PILImage

    buf = BytesIO()
    PILImage.new("RGB", (64, 48), "grey").save(buf, "JPEG", exif=camera_exif.exif_bytes(exif))
    info = read_exif(buf.getvalue())
    assert info.serial == "SIM-0042" and (info.make, info.model) == ("AddaxSim", "TrailCam S1")
    assert info.captured_at() == datetime(2024, 6, 1, 4, 5, 6, tzinfo=UTC)
    assert (info.battery_percent, info.temperature_c, info.sd_used_percent) == (63, -2.5, 71)
    assert info.latitude == pytest.approx(-12.5, abs=1e-5) and info.longitude == pytest.approx(130.25, abs=1e-5)
    assert info.altitude_m == pytest.approx(35.0)
    status = camera_exif.status_string(exif)
    reference = camera_exif.parse_status(status)
    ours = parse_status_string(status)
    assert (ours["battery_percent"], ours["temperature_c"], ours["sd_used_percent"]) == (
        reference["battery_pct"], reference["temperature_c"], reference["sd_fill_pct"])
    assert parse_status_string("TEMP=54F;FOO=bar;BATTERY=x") == {"temperature_c": pytest.approx(12.22, abs=0.01)}
