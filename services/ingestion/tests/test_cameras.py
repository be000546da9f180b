"""Camera identification (account -> serial -> file name -> account name), auto-registration as
unassigned, and races: concurrent uploads of the same content or of a new camera."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert

from addax_common.db import Camera, Deployment, ImageStatus
from addax_common.ingest.ingest import Outcome
from addax_common.storage import BUCKET_RAW

DATA = Path(__file__).parent / "data"


def ingest(ingestor, put_upload, name, data, account):
    result = ingestor.ingest_file(put_upload(name, data, account=account))
    assert result.outcome is Outcome.RECEIVED, result
    return result


def test_identification_order_and_auto_registration(ctx, ingestor, put_upload, jpeg, db):
    # An admin already registered (and assigned) a camera by serial.
    with ctx.sessions.begin() as session:
        session.execute(insert(Camera).values(name="Ridge", serial_number="SN-KNOWN", is_assigned=True, site="North"))

    # 1. account configured with a camera name wins over serial and file name.
    r1 = ingest(ingestor, put_upload, "TRAP9_20240501_0001.jpg", jpeg(seed=1, serial="SN-A", make="Acme", model="T1"), "cam1")
    # 2. serial: a known one, and an unknown one (registered with make/model).
    r2 = ingest(ingestor, put_upload, "TRAP9_20240501_0002.jpg", jpeg(seed=2, serial="SN-KNOWN"), "site2")
    r3 = ingest(ingestor, put_upload, "TRAP9_20240501_0003.jpg", jpeg(seed=3, serial="SN-NEW", make="Acme", model="T2"), "site2")
    # 3. no serial: the file-name pattern.
    r4 = ingest(ingestor, put_upload, "TRAP9_20240501_0004.jpg", jpeg(seed=4), "site2")
    # 4. nothing else: the account name.
    r5 = ingest(ingestor, put_upload, "IMG0005.jpg", jpeg(seed=5), "site2")
    # No account, no serial, no pattern match: kept and processed, without a camera.
    r6 = ingest(ingestor, put_upload, "IMG0006.jpg", jpeg(seed=6), None)

    cams = {c.name: c for c in db.cameras()}
    assert set(cams) == {"Ridge", "Camera One", "SN-NEW", "TRAP9", "site2"}
    assert r1.camera_id == cams["Camera One"].id and cams["Camera One"].ftps_account == "cam1"
    assert r2.camera_id == cams["Ridge"].id
    assert r3.camera_id == cams["SN-NEW"].id
    assert (cams["SN-NEW"].serial_number, cams["SN-NEW"].make, cams["SN-NEW"].model) == ("SN-NEW", "Acme", "T2")
    assert r4.camera_id == cams["TRAP9"].id and cams["TRAP9"].serial_number is None
    assert r5.camera_id == cams["site2"].id and cams["site2"].ftps_account == "site2"
    assert r6.camera_id is None
    # Auto-registered cameras are unassigned; the admin's camera is left as it was.
    assert [c.is_assigned for n, c in sorted(cams.items()) if n != "Ridge"] == [False] * 4
    assert cams["Ridge"].is_assigned is True and cams["Ridge"].site == "North"
    # Make/model learnt from EXIF fill empty fields of a known camera.
    assert cams["Camera One"].make == "Acme"

    rows = {r.id: r for r in db.images()}
    assert rows[r6.image_id].storage_key.startswith("unassigned/")
    assert rows[r1.image_id].camera_serial == "SN-A"


def test_serial_camera_name_conflict_gets_a_suffix(ctx, ingestor, put_upload, jpeg, db):
    with ctx.sessions.begin() as session:
        session.execute(insert(Camera).values(name="SN-X", serial_number="OTHER"))
    result = ingest(ingestor, put_upload, "a.jpg", jpeg(seed=1, serial="SN-X"), None)
    camera = next(c for c in db.cameras() if c.id == result.camera_id)
    assert camera.serial_number == "SN-X" and camera.name == "SN-X-2"


def test_gps_sets_location_of_a_new_camera(ctx, ingestor, put_upload, jpeg, db):
    gps = {1: b"N", 2: ((52, 1), (4, 1), (4500, 100)), 3: b"E", 4: ((5, 1), (48, 1), (59, 1)),
           5: 0, 6: (4000, 100)}
    result = ingest(ingestor, put_upload, "g.jpg", jpeg(seed=1, serial="SN-GPS", gps=gps), None)
    lat, lon = db.gps(result.image_id)
    assert abs(lat - (52 + 4 / 60 + 45 / 3600)) < 1e-6 and abs(lon - (5 + 48 / 60 + 59 / 3600)) < 1e-6
    with ctx.sessions() as session:
        camera = session.get(Camera, result.camera_id)
        assert camera.location is not None


def test_concurrent_ingestion_of_identical_content_yields_one_image(ctx, ingestor, put_upload, jpeg, db, settings):
    data = jpeg(seed=42, serial="SN-RACE")
    paths = [put_upload(f"copy-{i}.jpg", data, account="site2") for i in range(8)]
    barrier = threading.Barrier(len(paths))
    outcomes: list = []

    def run(path):
        barrier.wait()
        outcomes.append(ingestor.ingest_file(path).outcome)

    threads = [threading.Thread(target=run, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert sorted(o.value for o in outcomes) == ["duplicate"] * 7 + ["received"]
    [row] = db.images()
    assert row.status == ImageStatus.RECEIVED and row.duplicate_uploads == 7
    assert len([c for c in db.cameras() if c.serial_number == "SN-RACE"]) == 1
    # Losers of the race removed the object they had stored: one original in raw-images.
    assert len(list((settings.storage_dir / BUCKET_RAW).rglob("*.jpg"))) == 1
    assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data
    assert not any(p.exists() for p in paths)


def test_concurrent_uploads_of_a_new_camera_register_it_once(ingestor, put_upload, jpeg, db):
    paths = [put_upload(f"new-{i}.jpg", jpeg(seed=100 + i, serial="SN-FRESH"), account=None) for i in range(6)]
    barrier = threading.Barrier(len(paths))
    outcomes: list = []

    def run(path):
        barrier.wait()
        outcomes.append(ingestor.ingest_file(path))

    threads = [threading.Thread(target=run, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [o.outcome.value for o in outcomes] == ["received"] * 6
    [camera] = db.cameras()
    assert camera.serial_number == "SN-FRESH" and camera.is_assigned is False
    assert {o.camera_id for o in outcomes} == {camera.id}


def test_real_reconyx_photos(ctx, ingestor, put_upload, db):
    photos = sorted(DATA.glob("*.JPG"))
    assert len(photos) == 3
    for photo in photos:
        ingest(ingestor, put_upload, photo.name, photo.read_bytes(), None)

    rows = sorted(db.images(), key=lambda r: r.original_filename)
    assert [r.original_filename for r in rows] == [p.name for p in photos]
    # No offset in Reconyx EXIF: the camera clock is taken as UTC (documented assumption).
    assert rows[0].captured_at == datetime(2021, 4, 11, 20, 43, 9, tzinfo=UTC)
    assert rows[1].captured_at == rows[2].captured_at == datetime(2021, 4, 11, 20, 43, 10, tzinfo=UTC)
    for row in rows:
        assert (row.camera_make, row.camera_model) == ("RECONYX", "HYPERFIRE 2 COVERT")
        assert row.gps is None and (row.width, row.height) == (2048, 1440)
        assert row.camera_serial == "H2RXEM06043616"  # from the HyperFire 2 maker note
        assert row.exif["_capture_time"].startswith("no offset in EXIF")
        assert row.exif["_reconyx"]["user_label"] == "MICA 318"
        assert "MakerNote" not in row.exif  # binary blobs are not stored
        assert row.storage_key.startswith(f"{row.camera_id}/2021/04/11/")
    [camera] = db.cameras()
    assert camera.serial_number == "H2RXEM06043616" and camera.make == "RECONYX" and not camera.is_assigned
    # Maker-note temperature -> camera_status (source exif); two photos share a second: one reading each.
    readings = db.statuses()
    assert len(readings) == 2
    assert all(s.source == "exif" and s.temperature_c == 2.0 and s.camera_id == camera.id for s in readings)


def test_arriving_image_joins_the_active_deployment_with_its_clock_offset(ctx, ingestor, put_upload, db):
    with ctx.sessions.begin() as session:
        camera_id = session.execute(
            insert(Camera).values(name="Deployed", serial_number="H2RXEM06043616").returning(Camera.id)
        ).scalar_one()
        # Ended before the photo: not the one.
        session.add(Deployment(camera_id=camera_id, start_at=datetime(2021, 1, 1, tzinfo=UTC),
                               end_at=datetime(2021, 4, 1, tzinfo=UTC), location="SRID=4326;POINT(5 52)"))
        active = Deployment(camera_id=camera_id, start_at=datetime(2021, 4, 11, tzinfo=UTC),
                            location="SRID=4326;POINT(5 52)", clock_offset_seconds=-120)
        session.add(active)
        session.flush()
        active_id = active.id
    photo = sorted(DATA.glob("*.JPG"))[0]
    ingest(ingestor, put_upload, photo.name, photo.read_bytes(), None)
    [row] = db.images()
    assert row.deployment_id == active_id
    assert row.exif_captured_at == datetime(2021, 4, 11, 20, 43, 9, tzinfo=UTC)
    assert row.captured_at == datetime(2021, 4, 11, 20, 41, 9, tzinfo=UTC)


def test_deployment_timezone_reads_the_exif_wall_clock(ctx, ingestor, put_upload, db):
    """EXIF says 20:43:09 with no zone. The camera's own zone (config) sets exif_captured_at; the deployment
    active at the photo's time, in Africa/Nairobi (UTC+3), decides captured_at, and the wall clock is kept
    so a later change of that zone can re-compute it."""
    with ctx.sessions.begin() as session:
        camera_id = session.execute(
            insert(Camera).values(name="Kenya", serial_number="H2RXEM06043616", config={"timezone": "Europe/Brussels"})
            .returning(Camera.id)
        ).scalar_one()
        deployment = Deployment(camera_id=camera_id, start_at=datetime(2021, 4, 11, tzinfo=UTC),
                                location="SRID=4326;POINT(36.8 -1.3)", timezone="Africa/Nairobi")
        session.add(deployment)
        session.flush()
        deployment_id = deployment.id
    photo = sorted(DATA.glob("*.JPG"))[0]
    ingest(ingestor, put_upload, photo.name, photo.read_bytes(), None)
    [row] = db.images()
    assert row.exif_local_time == datetime(2021, 4, 11, 20, 43, 9)
    assert row.exif_captured_at == datetime(2021, 4, 11, 18, 43, 9, tzinfo=UTC)  # Brussels, CEST
    assert row.deployment_id == deployment_id
    assert row.captured_at == datetime(2021, 4, 11, 17, 43, 9, tzinfo=UTC)  # Nairobi


def test_camera_timezone_config_is_applied(ctx, ingestor, put_upload, db):
    with ctx.sessions.begin() as session:
        session.execute(insert(Camera).values(name="Zoned", serial_number="H2RXEM06043616",
                                              config={"timezone": "Europe/Brussels"}))
    photo = sorted(DATA.glob("*.JPG"))[0]
    ingest(ingestor, put_upload, photo.name, photo.read_bytes(), None)
    [row] = db.images()
    # 20:43:09 local on 11 April (CEST, UTC+2) = 18:43:09 UTC
    assert row.captured_at == datetime(2021, 4, 11, 18, 43, 9, tzinfo=UTC)
    assert row.exif["_capture_time"] == "camera time zone Europe/Brussels"


MAKER_NAMES = [
    "IMG_0001.JPG", "IMG0005.JPG", "DSC_0007.JPG", "DSCF0042.JPG", "PICT0001.JPG", "RCNX0031.JPG",
    "20210531082538-RCNX0031.JPG", "STC_0003.JPG", "SYPT0001.JPG", "MFDC0001.JPG", "EK000001.JPG",
    "CDY_0012.JPG", "WSCT0001.JPG", "IMG-20240101-WA0001.jpg", "2024-05-01_0001.jpg",
]


def test_maker_file_names_never_name_a_camera(ctx, ingestor, put_upload, jpeg, db):
    """Every Bushnell/Browning/Reconyx/... photo on a shared account would otherwise land in one
    camera called "IMG" (or "DSC", "20210531082538"); they fall through to the serial, then the account."""
    for i, name in enumerate(MAKER_NAMES):
        result = ingest(ingestor, put_upload, name, jpeg(seed=300 + i), "site2")
        assert db.cameras()[-1].name == "site2", name
        assert result.camera_id == db.cameras()[-1].id, name
    with_serial = ingest(ingestor, put_upload, "IMG_0002.JPG", jpeg(seed=400, serial="BTC-8E4K-0815"), "site2")
    assert {c.name for c in db.cameras()} == {"site2", "BTC-8E4K-0815"}
    assert with_serial.camera_id == next(c.id for c in db.cameras() if c.name == "BTC-8E4K-0815")


def test_camera_names_in_file_names_still_identify_cameras(ingestor, put_upload, jpeg, db):
    first = ingest(ingestor, put_upload, "CAM07_0001.JPG", jpeg(seed=500), "site2")
    second = ingest(ingestor, put_upload, "oostvaardersplassen-03_20250101.jpg", jpeg(seed=501), "site2")
    third = ingest(ingestor, put_upload, "PICTON-2_0001.jpg", jpeg(seed=502), "site2")  # starts like PICT, is not
    cams = {c.id: c.name for c in db.cameras()}
    assert (cams[first.camera_id], cams[second.camera_id], cams[third.camera_id]) == (
        "CAM07", "oostvaardersplassen-03", "PICTON-2")


def test_a_burst_arriving_out_of_order_is_one_sequence(ingestor, put_upload, db):
    """The three Reconyx photos are one trigger (08:25:38, :38, :39): ingested last-first they still chain
    into one sequence named by the earliest frame (ties by id), as addax_common/sequences.py defines."""
    photos = sorted(DATA.glob("*.JPG"), reverse=True)
    ids = [ingest(ingestor, put_upload, photo.name, photo.read_bytes(), None).image_id for photo in photos]
    rows = {r.id: r for r in db.images()}
    first = min(ids, key=lambda i: (rows[i].captured_at, i))
    assert {rows[i].sequence_id for i in ids} == {first}
