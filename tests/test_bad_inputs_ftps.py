"""The bad-input corpus over real FTPS (issue 13, item 8): 36 kinds of corrupt, hostile and odd uploads
and protocol misuse, sent to the ingestion service as a process. Each is `rejected` with a reason (a
row with it, or an FTP error reply naming it) or processed correctly; no service crashes, nothing is
left in the upload directory, no duplicate rows.

The 10,000-files-in-one-session kind runs with ADDAX_CORPUS_SESSION_FILES=10000 (scripts/bench.sh
--full); the quick variant sends 1,000."""

from __future__ import annotations

import ftplib
import hashlib
import io
import os
import ssl
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from addax_common.db import Detection, Image, ImageStatus
from tests.support.bad_inputs import basic_corpus, image_corpus, rotated_scene
from tests.support.chaos import duplicate_rows
from tests.support.jpegs import make_jpeg
from tests.support.pipeline import Db, iou
from tests.support.stack import Stack, wait_until

pytestmark = pytest.mark.slow

ACCOUNT = ("trailcam", "s3cret-pass-1234")
SESSION_FILES = int(os.environ.get("ADDAX_CORPUS_SESSION_FILES", "1000"))


def connect(settings) -> ftplib.FTP_TLS:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    ftp = ftplib.FTP_TLS(context=context, timeout=30)
    ftp.connect("127.0.0.1", settings.ftps_port)
    ftp.login(*ACCOUNT)
    ftp.prot_p()
    return ftp


def store(ftp: ftplib.FTP_TLS, name: str, data: bytes) -> str:
    """The server's reply to STOR: '226 ...' or the error it refused with."""
    try:
        return ftp.storbinary(f"STOR {name}", io.BytesIO(data))
    except ftplib.Error as exc:
        return str(exc)


def upload_files(settings) -> list[Path]:
    return sorted(p for p in Path(settings.upload_dir).rglob("*") if p.is_file())


def settle(db: Db, settings, rows: int, timeout: float = 180) -> None:
    def done() -> bool:
        counts = db.status_counts()
        unfinished = sum(n for status, n in counts.items() if status not in ("completed", "rejected", "failed"))
        return sum(counts.values()) >= rows and unfinished == 0 and not upload_files(settings)

    wait_until(done, timeout, interval=0.5, what=f"{rows} rows settled and the upload directory empty")


def start_stack(model_settings, tmp_path, *services: str) -> Stack:
    settings = model_settings.model_copy(
        update={"ftps_accounts": ":".join(ACCOUNT), "ingest_scan_interval_seconds": 1.0, "detection_batch_size": 4}
    )
    return Stack(settings, tmp_path / "logs").start(*services)


def assert_alive(stack: Stack) -> None:
    exited = {name: proc.returncode for name, proc in stack.procs.items() if proc.poll() is not None}
    assert exited == {}, {name: stack.logs(name)[-2000:] for name in exited}


def test_image_kinds_over_ftps_are_rejected_with_a_reason_or_processed(model_settings, tmp_path):
    stack = start_stack(model_settings, tmp_path, "ingestion", "detection", "classification")
    settings = stack.settings
    db = Db(settings.database_url)
    files = basic_corpus() | image_corpus()
    # Names the FTP protocol carries but a file system or the dashboard must not take as they are.
    jpeg = make_jpeg(seed=60)
    named = {
        "tab\there.jpg": (make_jpeg(seed=61), "received", "tabhere.jpg"),
        "del\x7fete.jpg": (make_jpeg(seed=62), "received", "delete.jpg"),
        "zero-width\u200b\u202eevil.jpg": (make_jpeg(seed=63), "received", "zero-widthevil.jpg"),
    }
    too_long = ("N" * 300 + ".jpg", "日" * 100 + ".jpg")  # 304 and 304 bytes: over the 255-byte NAME_MAX
    try:
        ftp = connect(settings)
        replies = {name: store(ftp, name, data) for name, (data, _s, _r) in files.items()}
        replies |= {name: store(ftp, name, data) for name, (data, _s, _r) in named.items()}
        long_replies = [store(ftp, name, jpeg) for name in too_long]
        ftp.quit()

        expected_rows = len({hashlib.sha256(d).hexdigest() for d, _s, _r in [*files.values(), *named.values()]})
        settle(db, settings, expected_rows)
        assert all(reply.startswith("226") for reply in replies.values()), replies
        # A name over the file system's limit is refused with the reason; nothing of it is kept.
        assert all(reply.startswith(("426", "550", "553")) and "too long" in reply.lower() for reply in long_replies), long_replies

        with db.session() as s:
            rows = {r.sha256: r for r in s.scalars(select(Image))}
        assert len(rows) == expected_rows  # one row per distinct content: nothing lost, no duplicates
        for name, (data, status, reason) in files.items():
            row = rows[hashlib.sha256(data).hexdigest()]
            if status == "rejected":
                assert row.status == ImageStatus.REJECTED and reason in (row.error or ""), (name, row.status, row.error)
            elif status == "video":  # stored and listed as a video, never sent to the models
                assert row.status == ImageStatus.COMPLETED and row.media_kind == "video", (name, row.status, row.media_kind)
            else:  # accepted: detected and classified like any photo
                assert row.status == ImageStatus.COMPLETED, (name, row.status, row.error)
        for name, (data, _status, shown) in named.items():
            row = rows[hashlib.sha256(data).hexdigest()]
            assert row.status == ImageStatus.COMPLETED and row.original_filename == shown, (name, row.original_filename)

        def row_of(name: str) -> Image:
            return rows[hashlib.sha256(files[name][0]).hexdigest()]

        # Dates: a missing or unusable capture time leaves captured_at empty and says why.
        assert row_of("no-date.jpg").exif_captured_at is None
        assert "implausible year 2099" in " ".join(row_of("future-2099.jpg").exif["_notes"])
        assert row_of("future-2099.jpg").exif_captured_at is None
        assert "not a valid date/time" in " ".join(row_of("garbage-date.jpg").exif["_notes"])
        assert (row_of("cmyk.jpg").width, row_of("cmyk.jpg").height) == (320, 240)

        # EXIF orientation 6 and 8: stored sideways, shown upright; the size is the shown one and the
        # boxes land on the animal where the dashboard draws it (display orientation).
        for name, orientation, seed in (("rotated-6.jpg", 6, 44), ("rotated-8.jpg", 8, 45)):
            scene = rotated_scene(orientation, seed)
            row = row_of(name)
            assert (row.width, row.height) == scene.display_size
            with db.session() as s:
                boxes = [(d.bbox_x, d.bbox_y, d.bbox_w, d.bbox_h)
                         for d in s.scalars(select(Detection).where(Detection.image_id == row.id, Detection.category == "animal"))]
            for truth in scene.boxes:
                best = max((iou(box, truth) for box in boxes), default=0.0)
                assert best >= 0.5, (name, truth, boxes)

        assert duplicate_rows(db) == []
        assert upload_files(settings) == []
        assert_alive(stack)
    finally:
        stack.stop()
        db.close()


def test_protocol_misuse_over_ftps_is_refused_or_handled(model_settings, tmp_path):
    stack = start_stack(model_settings, tmp_path, "ingestion")
    settings = stack.settings
    db = Db(settings.database_url)
    home = Path(settings.upload_dir) / ACCOUNT[0]
    try:
        ftp = connect(settings)
        first = make_jpeg(seed=70, size=(320, 240))
        assert store(ftp, "appe-target.jpg", first).startswith("226")
        wait_until(lambda: db.count() == 1 and not upload_files(settings), 30, what="first file ingested")

        # APPE to an existing (or any) file: accounts may not append; the camera is told why.
        with pytest.raises(ftplib.error_perm, match="550.*(privileges|permission)"):
            ftp.storbinary("APPE appe-target.jpg", io.BytesIO(b"more bytes"))

        # RNFR/RNTO trying to leave the jail: the target resolves inside the account's home.
        assert store(ftp, "staged.jpg.part", make_jpeg(seed=71, size=(320, 240))).startswith("226")
        assert (home / "staged.jpg.part").exists()  # a temporary name: left alone until renamed
        with pytest.raises(ftplib.error_perm, match="550"):  # /tmp inside the jail does not exist
            ftp.rename("staged.jpg.part", "../../../../tmp/escaped.jpg")
        ftp.rename("staged.jpg.part", "../../escaped.jpg")  # resolves to <home>/escaped.jpg
        assert not Path("/tmp/escaped.jpg").exists() and not (Path(settings.upload_dir).parent / "escaped.jpg").exists()
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.rename("/etc/hostname", "stolen.jpg")  # outside the jail: not found, as if absent

        # An upload interrupted mid-transfer and resumed with REST: the partial file was removed, so the
        # resume is refused with the reason, and sending the whole file again works.
        whole = make_jpeg(seed=72, size=(640, 480))
        conn = ftp.transfercmd("STOR resumed.jpg")
        conn.sendall(whole[: len(whole) // 2])
        # ABOR only once the server is writing the bytes (on a busy machine the data channel may not be
        # transferring yet, and an ABOR then is answered 225 with no transfer to abort).
        wait_until(lambda: any(p.stat().st_size > 0 for p in home.glob(".addax-upload-*.part")), 30, what="transfer in progress")
        ftp.sock.sendall(b"ABOR\r\n")  # the server closes the data connection: the transfer is incomplete
        with pytest.raises(ftplib.error_temp, match="426"):
            ftp.getresp()
        assert ftp.getresp().startswith("226")  # ABOR done
        conn.close()
        with pytest.raises(ftplib.error_perm, match="554.*REST.*not supported"):
            ftp.storbinary("STOR resumed.jpg", io.BytesIO(whole[len(whole) // 2 :]), rest=len(whole) // 2)
        assert store(ftp, "resumed.jpg", whole).startswith("226")

        # Two sessions writing the same name at once, different photos: both are kept and processed.
        other = connect(settings)
        other.voidcmd("TYPE I")  # binary, as storbinary sets it (ASCII mode would turn CRLF into LF)
        same = [make_jpeg(seed=73, size=(640, 480)), make_jpeg(seed=74, size=(640, 480))]
        conns = [client.transfercmd("STOR same-name.jpg") for client in (ftp, other)]
        for conn, data in zip(conns, same, strict=True):
            conn.sendall(data[:1000])
        for conn, data in zip(conns, same, strict=True):
            conn.sendall(data[1000:])
            conn.unwrap()  # the TLS close_notify, as ftplib's storbinary sends it
            conn.close()
        replies = [client.voidresp() for client in (ftp, other)]
        assert all(r.startswith("226") for r in replies), replies
        other.quit()
        ftp.quit()

        # A file still being written by another FTPS server on the host (the watcher path): picked up only
        # once its size stays stable, whole.
        slow = make_jpeg(seed=75, size=(640, 480))
        path = home / "external-slow.jpg"
        with open(path, "wb") as out:
            for start in range(0, len(slow), 4096):
                out.write(slow[start : start + 4096])
                out.flush()
                time.sleep(0.1)  # < ingest_stable_seconds (0.3 s) between writes
                with db.session() as s:
                    assert s.scalar(select(Image.id).where(Image.original_filename == "external-slow.jpg")) is None

        expected = {"appe-target.jpg": first, "escaped.jpg": None, "resumed.jpg": whole, "external-slow.jpg": slow}
        wait_until(lambda: db.count() == 6 and not upload_files(settings), 60, interval=0.3,
                   what="6 images ingested, the upload directory empty")
        with db.session() as s:
            rows = list(s.scalars(select(Image)))
        assert {r.status for r in rows} == {ImageStatus.RECEIVED}, [(r.original_filename, r.error) for r in rows]
        by_name = {r.original_filename: r for r in rows}
        assert set(by_name) == set(expected) | {"same-name.jpg", "same-name.2.jpg"}
        for name, data in expected.items():
            if data is not None:
                assert by_name[name].sha256 == hashlib.sha256(data).hexdigest(), name
        assert {by_name["same-name.jpg"].sha256, by_name["same-name.2.jpg"].sha256} == {
            hashlib.sha256(d).hexdigest() for d in same
        }
        assert all(r.ftps_account == ACCOUNT[0] for r in rows)
        assert_alive(stack)
    finally:
        stack.stop()
        db.close()


def test_many_files_in_one_session(model_settings, tmp_path):
    stack = start_stack(model_settings, tmp_path, "ingestion")
    settings = stack.settings
    db = Db(settings.database_url)
    count = SESSION_FILES
    try:
        ftp = connect(settings)
        failures = []
        started = time.monotonic()
        for n in range(count):
            reply = store(ftp, f"MANY_{n:05d}.JPG", make_jpeg(seed=100_000 + n, size=(64, 48), quality=60))
            if not reply.startswith("226"):
                failures.append(reply)
        ftp.quit()
        sent = time.monotonic() - started
        wait_until(lambda: db.count() == count and not upload_files(settings), max(120, count / 10), interval=1,
                   what=f"{count} images ingested")
        print(f"\n{count} files in one FTPS session: sent in {sent:.1f}s ({count / sent:.0f} files/s)")
        assert failures == []
        assert db.status_counts() == {"received": count}
        assert_alive(stack)
    finally:
        stack.stop()
        db.close()

