"""FTPS uploads land in their account's project: a camera first seen through project B's account is
registered in B, and its images are B's; an upload that names no camera still lands in B; a camera
that already exists keeps its own project. Real FTPS server, real client (ftplib over TLS)."""

from __future__ import annotations

import ftplib
import io
import ssl

import pytest
from sqlalchemy import select

from addax_common.db import Camera, FtpAccount, Image, Project
from addax_common.passwords import hash_password
from addax_ingestion.ftps_server import FtpsServer

# "bravo-site" is a settings account of project bravo (no camera name: cameras come from file names).
ACCOUNTS = "cam1:pw-one:Camera One,bravo-site:pw-bravo;project=bravo"


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"ftps_accounts": ACCOUNTS, "ftp_accounts_cache_seconds": 0.2})


@pytest.fixture
def bravo(ctx) -> int:
    with ctx.sessions.begin() as session:
        project = Project(slug="bravo", name="Bravo")
        session.add(project)
        session.flush()
        return project.id


@pytest.fixture
def ftps(settings, pipeline, tmp_path):
    server = FtpsServer(settings, pipeline, cert_dir=tmp_path / "ftps", auth_failed_delay=0.05).start()
    yield server
    server.stop()


def upload(ftps, user: str, password: str, name: str, data: bytes) -> None:
    client = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=str(ftps.cert_dir / "cert.pem")), timeout=10)
    client.connect("127.0.0.1", ftps.port)
    client.login(user, password)
    client.prot_p()
    client.storbinary(f"STOR {name}", io.BytesIO(data))
    client.quit()


def project_of(ctx, filename: str) -> tuple[int, int | None]:
    with ctx.sessions() as session:
        row = session.execute(
            select(Image.project_id, Image.camera_id).where(Image.original_filename == filename)
        ).one()
        return row.project_id, row.camera_id


def test_uploads_land_in_the_accounts_project(ftps, ctx, db, bravo, jpeg, wait_for):
    default_id = 1
    upload(ftps, "bravo-site", "pw-bravo", "RIDGE7_0001.JPG", jpeg(seed=71))
    upload(ftps, "bravo-site", "pw-bravo", "IMG_0002.JPG", jpeg(seed=72))  # camera: the account name
    upload(ftps, "cam1", "pw-one", "CAM_0003.JPG", jpeg(seed=73))  # the default project's account
    wait_for(lambda: db.image_count() == 3, what="three uploads")

    project, camera_id = project_of(ctx, "RIDGE7_0001.JPG")
    assert project == bravo
    with ctx.sessions() as session:
        camera = session.get(Camera, camera_id)
        assert (camera.name, camera.project_id, camera.is_assigned) == ("RIDGE7", bravo, False)
    # A generic file name: the camera is named after the account, registered in its project too.
    assert project_of(ctx, "IMG_0002.JPG")[0] == bravo
    project, camera_id = project_of(ctx, "CAM_0003.JPG")
    assert project == default_id
    with ctx.sessions() as session:
        assert session.get(Camera, camera_id).project_id == default_id


def test_dashboard_account_of_a_project_and_an_existing_camera(ftps, ctx, db, bravo, jpeg, wait_for):
    with ctx.sessions.begin() as session:
        session.add(FtpAccount(username="field09", password_hash=hash_password("dashboard-pw-09"), project_id=bravo))
        session.add(Camera(name="Shared", project_id=1))  # already known, in the default project

    def try_upload() -> bool:
        try:
            upload(ftps, "field09", "dashboard-pw-09", "NEWCAM_0001.JPG", jpeg(seed=81))
        except ftplib.error_perm:
            return False
        return True

    wait_for(try_upload, timeout=5, what="the dashboard account to log in")
    upload(ftps, "field09", "dashboard-pw-09", "Shared_0002.JPG", jpeg(seed=82))
    wait_for(lambda: db.image_count() == 2, what="two uploads")
    assert project_of(ctx, "NEWCAM_0001.JPG")[0] == bravo
    # A camera that exists keeps its project; its images follow the camera, not the account.
    assert project_of(ctx, "Shared_0002.JPG")[0] == 1
