"""The built-in FTPS server end to end, with Python's real ftplib.FTP_TLS client."""

from __future__ import annotations

import ftplib
import hashlib
import io
import shutil
import socket
import ssl
import struct
import tempfile
import time
from pathlib import Path

import pytest

from addax_common.db import ImageStatus
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.storage import BUCKET_RAW
from addax_ingestion.ftps_server import FtpsServer
from tests.support.chaos import fill_disk, tmpfs


@pytest.fixture
def ftps(settings, pipeline, tmp_path):
    server = FtpsServer(settings, pipeline, cert_dir=tmp_path / "ftps", auth_failed_delay=0.05, data_timeout=1.0).start()
    yield server
    server.stop()


def tls_client(ftps: FtpsServer, user: str = "cam1", password: str = "pw-one") -> ftplib.FTP_TLS:
    # Verify the generated self-signed certificate properly (SAN 127.0.0.1), as a pinned client would.
    context = ssl.create_default_context(cafile=str(ftps.cert_dir / "cert.pem"))
    client = ftplib.FTP_TLS(context=context, timeout=10)
    client.connect("127.0.0.1", ftps.port)
    client.login(user, password)
    client.prot_p()
    return client


def test_ftps_upload_end_to_end(ftps, ctx, db, jpeg, events, upload_files, wait_for):
    files = {f"TRAP7_2024050{i}_0001.JPG": jpeg(seed=i, serial=None) for i in range(1, 4)}

    client = tls_client(ftps)
    assert client.sock.version() in ("TLSv1.2", "TLSv1.3")
    for name, data in files.items():
        client.storbinary(f"STOR {name}", io.BytesIO(data))
    client.quit()

    rows = wait_for(lambda: len(db.images()) == 3 and db.images(), what="3 image rows")
    assert {r.status for r in rows} == {ImageStatus.RECEIVED}
    assert {r.original_filename for r in rows} == set(files)
    by_name = {r.original_filename: r for r in rows}
    for name, data in files.items():
        row = by_name[name]
        assert row.sha256 == hashlib.sha256(data).hexdigest()
        assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data  # identical bytes
        assert row.storage_key.startswith(f"{row.camera_id}/")  # key from ids, never from the file name
        assert row.ftps_account == "cam1"
        assert row.received_at is not None and row.uploaded_at is not None
        assert (row.width, row.height) == (160, 120)

    # cam1 is configured with the camera name "Camera One": that wins over the file-name pattern.
    [camera] = db.cameras()
    assert camera.name == "Camera One" and camera.ftps_account == "cam1" and camera.is_assigned is False

    queue = ctx.queue(QUEUE_IMAGE_INGESTED)
    assert queue.depth() == 3
    queued = {m.image_id for m in queue.take("test", max_items=10, timeout=1)}
    assert queued == {str(r.id) for r in rows}

    ingested = events(3, event_type="image_ingested")
    assert {e["image_id"] for e in ingested} == {str(r.id) for r in rows}
    assert all(e["camera_id"] == camera.id and e["camera_name"] == "Camera One" for e in ingested)
    assert {e["filename"] for e in ingested} == set(files)

    wait_for(lambda: upload_files() == [], what="upload dir to be empty")


def test_tls_is_required_and_passwords_are_checked(ftps):
    # Plain FTP: the server refuses USER before AUTH TLS.
    plain = ftplib.FTP(timeout=10)
    plain.connect("127.0.0.1", ftps.port)
    with pytest.raises(ftplib.error_perm, match="550.*TLS"):
        plain.login("cam1", "pw-one")
    plain.close()

    context = ssl.create_default_context(cafile=str(ftps.cert_dir / "cert.pem"))
    wrong = ftplib.FTP_TLS(context=context, timeout=10)
    wrong.connect("127.0.0.1", ftps.port)
    with pytest.raises(ftplib.error_perm, match="530"):
        wrong.login("cam1", "not-the-password")
    with pytest.raises(ftplib.error_perm, match="530"):
        wrong.login("nobody", "pw-one")
    wrong.close()

    # Logged in over TLS, but the data channel must be protected too (PROT P).
    client = ftplib.FTP_TLS(context=context, timeout=10)
    client.connect("127.0.0.1", ftps.port)
    client.login("cam1", "pw-one")
    with pytest.raises(ftplib.error_perm, match="550.*TLS"):
        client.storbinary("STOR clear.jpg", io.BytesIO(b"x" * 2000))
    client.quit()


def test_accounts_are_jailed_and_cannot_delete(ftps, settings, jpeg, db, upload_files, wait_for, pipeline):
    client = tls_client(ftps, "site2", "pw-two")
    # A path-like name cannot leave the account's home: it is resolved inside it.
    client.storbinary("STOR ../../escape.jpg", io.BytesIO(jpeg(seed=11)))
    with pytest.raises(ftplib.error_perm, match="550"):
        client.delete("escape.jpg")
    with pytest.raises(ftplib.error_perm, match="550"):
        client.retrbinary("RETR escape.jpg", lambda _b: None)
    assert client.nlst("/") in ([], ["/escape.jpg"], ["escape.jpg"])  # only its own home is visible
    client.quit()

    [row] = wait_for(lambda: db.images(), what="image row")
    assert row.original_filename == "escape.jpg" and row.ftps_account == "site2"
    assert not (settings.upload_dir.parent / "escape.jpg").exists()
    wait_for(lambda: upload_files() == [], what="upload removed")


@pytest.mark.parametrize("how", ["abort", "link-lost"])
def test_incomplete_upload_is_deleted_not_ingested(how, ftps, settings, jpeg, db, results, pipeline, wait_for):
    data = jpeg(seed=21, size=(640, 480))
    client = tls_client(ftps)
    conn = client.transfercmd("STOR partial.jpg")
    conn.sendall(data[: len(data) // 2])
    target = settings.upload_dir / "cam1" / "partial.jpg"

    def partials() -> list:
        return [p for p in target.parent.glob(".addax-upload-*.part") if p.exists() and p.stat().st_size > 0]

    wait_for(partials, what="partial file on disk")
    # It arrives under a hidden name (the watcher ignores it), and its real name is marked busy too.
    assert not target.exists()
    assert pipeline.is_busy(target)
    if how == "abort":
        client.sock.sendall(b"ABOR\r\n")
        wait_for(lambda: not partials(), what="aborted upload deleted")
        conn.close()
        client.close()
    else:
        # The camera's link drops: nothing more arrives and the data channel times out.
        wait_for(lambda: not partials(), what="timed-out upload deleted")
        for sock in (conn, client.sock):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()

    assert not pipeline.is_busy(target)
    time.sleep(0.3)
    assert db.images() == [] and results == []


def test_disk_full_mid_upload_is_refused_and_leaves_no_partial_file(settings, pipeline, db, jpeg, tmp_path, wait_for):
    # The camera sends small blocks (2 KB TLS records): the first ones sit in the file's write buffer,
    # the write that fills it fails with ENOSPC, and closing the file fails again flushing them. The
    # transfer must still end as incomplete (426, the partial file removed), not leave it behind.
    volume = Path(tempfile.mkdtemp(prefix="fx", dir="/tmp"))
    with tmpfs(volume, 2) as mounted:
        if not mounted:
            pytest.skip("mounting a tmpfs needs root")
        small = settings.model_copy(update={"upload_dir": volume / "uploads"})
        server = FtpsServer(small, pipeline, cert_dir=tmp_path / "ftps", auth_failed_delay=0.05, data_timeout=1.0).start()
        try:
            filler = fill_disk(volume)
            data = jpeg(seed=31, size=(320, 240))
            client = tls_client(server)
            # The server stops reading: the camera sees its data connection cut (or the 426 reply).
            with pytest.raises((ftplib.error_temp, OSError)):
                client.storbinary("STOR full.jpg", io.BytesIO(data), blocksize=2048)
            client.close()
            left = lambda: [p.name for p in (volume / "uploads").rglob("*") if p.is_file()]  # noqa: E731
            wait_for(lambda: not left(), what=f"nothing left behind: {left()}")
            filler.unlink()
            again = tls_client(server)
            again.storbinary("STOR full.jpg", io.BytesIO(data), blocksize=2048)  # space again: it goes through
            again.quit()
            [row] = wait_for(lambda: db.images(), what="the upload ingested")
            assert row.sha256 == hashlib.sha256(data).hexdigest()
        finally:
            server.stop()
    shutil.rmtree(volume, ignore_errors=True)


def test_certificate_is_generated_once_and_reused(settings, pipeline, tmp_path):
    first = FtpsServer(settings, pipeline, cert_dir=tmp_path / "certs")
    cert, key = first.certificate()
    assert cert.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert key.stat().st_mode & 0o777 == 0o600
    again = FtpsServer(settings, pipeline, cert_dir=tmp_path / "certs").certificate()
    assert again == (cert, key) and cert.read_bytes() == again[0].read_bytes()
