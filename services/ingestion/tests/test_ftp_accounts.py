"""Upload accounts with real FTP clients: Python's ftplib (plain FTP, explicit FTPS, implicit FTPS),
curl and lftp against the built-in server. TLS stays required unless an account opted in to plain
FTP; plain accounts are upload-only; IP allow-lists are enforced at login; accounts created in the
dashboard (the ftp_accounts table) work within seconds; sessions are counted by transport."""

from __future__ import annotations

import ftplib
import io
import shutil
import socket
import ssl
import subprocess
import time

import pytest
from prometheus_client import REGISTRY
from structlog.testing import capture_logs

from addax_common.db import FtpAccount
from addax_common.passwords import hash_password
from addax_ingestion.ftps_server import FtpsServer
from tests.support.servers import free_port

# TLS-only accounts from the conftest (cam1, site2), plus: "legacy" opted in to plain FTP, and "fenced"
# opted in but allowed only from 10.9.0.0/16 (so never from 127.0.0.1).
PLAIN_ACCOUNTS = "legacy:pw-legacy:Legacy Cam;plain,fenced:pw-fenced;plain;allow=10.9.0.0/16;allow=192.0.2.7"


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={
        "ftps_accounts": f"{settings.ftps_accounts},{PLAIN_ACCOUNTS}",
        "ftps_implicit_port": free_port(),
        "ftp_accounts_cache_seconds": 0.5,
    })


@pytest.fixture
def ftps(settings, pipeline, tmp_path):
    server = FtpsServer(settings, pipeline, cert_dir=tmp_path / "ftps", auth_failed_delay=0.05).start()
    yield server
    server.stop()


def tls_context(ftps) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ftps.cert_dir / "cert.pem"))


class ImplicitFTP_TLS(ftplib.FTP_TLS):
    """ftplib has no implicit FTPS client: wrap the control socket in TLS as soon as it connects."""

    def connect(self, host="", port=0, timeout=-999, source_address=None):
        self.host, self.port = host, port
        if timeout != -999:
            self.timeout = timeout
        self.sock = socket.create_connection((host, port), self.timeout, source_address=source_address)
        self.af = self.sock.family
        self.sock = self.context.wrap_socket(self.sock, server_hostname=host)
        self.file = self.sock.makefile("r", encoding=self.encoding)
        self.welcome = self.getresp()
        return self.welcome


def sessions(transport: str) -> float:
    return REGISTRY.get_sample_value("addax_ftp_sessions_total", {"transport": transport}) or 0.0


def plain_login(ftps, user, password) -> ftplib.FTP:
    client = ftplib.FTP(timeout=10)
    client.connect("127.0.0.1", ftps.port)
    client.login(user, password)
    return client


def refused_lines(logs, event):
    return [line for line in logs if line["event"] == event]


def test_plain_ftp_only_for_opted_in_accounts(ftps, db, jpeg, wait_for):
    before = sessions("plain")
    with capture_logs() as logs:
        client = ftplib.FTP(timeout=10)
        client.connect("127.0.0.1", ftps.port)
        with pytest.raises(ftplib.error_perm, match="550 SSL/TLS required"):
            client.login("cam1", "pw-one")  # a TLS-only account
        client.close()
    [line] = [entry for entry in logs if "refused" in entry["event"] or "failed" in entry["event"]]
    assert (line["event"], line["account"], line["reason"]) == ("ftp_plain_login_refused", "cam1", "tls_required")

    with capture_logs() as logs:
        client = plain_login(ftps, "legacy", "pw-legacy")
        client.storbinary("STOR plain-ftplib.jpg", io.BytesIO(jpeg(seed=61)))
        client.quit()
    [warning] = [entry for entry in logs if entry["event"] == "ftp_plain_login"]
    assert warning["account"] == "legacy" and "clear text" in warning["warning"] and warning["log_level"] == "warning"
    assert sessions("plain") == before + 1

    [row] = wait_for(lambda: db.images(original_filename="plain-ftplib.jpg"), what="plain upload ingested")
    assert row.ftps_account == "legacy"
    assert next(c.name for c in db.cameras() if c.id == row.camera_id) == "Legacy Cam"


def test_plain_accounts_are_upload_only(ftps, settings, jpeg):
    client = plain_login(ftps, "legacy", "pw-legacy")
    client.storbinary("STOR kept.jpg", io.BytesIO(jpeg(seed=62)))
    for refused in (lambda: client.nlst(), lambda: client.retrlines("LIST"), lambda: client.sendcmd("MLSD"),
                    lambda: client.retrbinary("RETR kept.jpg", lambda _b: None), lambda: client.delete("kept.jpg"),
                    lambda: client.rename("kept.jpg", "other.jpg"), lambda: client.sendcmd("APPE kept.jpg")):
        with pytest.raises(ftplib.error_perm, match="^550|^553"):
            refused()
    client.mkd("2025-01-01")  # folders inside its own home are fine (some cameras upload by date)
    assert client.pwd() == "/"
    with pytest.raises(ftplib.error_perm, match="550"):
        client.cwd("/../cam1")  # jailed: cannot reach another account
    client.quit()
    assert (settings.upload_dir / "legacy" / "2025-01-01").is_dir()


def test_ip_allowlist_is_enforced_at_login(ftps, wait_for):
    with capture_logs() as logs:
        client = ftplib.FTP(timeout=10)
        client.connect("127.0.0.1", ftps.port)
        with pytest.raises(ftplib.error_perm, match="530"):
            client.login("fenced", "pw-fenced")  # right password, wrong network
        client.close()
        # The server logs right after sending the 530 (the reply comes first, from its IO thread).
        wait_for(lambda: any(entry["event"].startswith("ftp") for entry in logs), what="the refusal logged")
        time.sleep(0.2)  # and nothing more
    [line] = [entry for entry in logs if entry["event"].startswith("ftp")]
    assert (line["event"], line["account"], line["reason"]) == ("ftp_plain_login_refused", "fenced", "ip_not_allowed")

    tls = ftplib.FTP_TLS(context=tls_context(ftps), timeout=10)
    tls.connect("127.0.0.1", ftps.port)
    with pytest.raises(ftplib.error_perm, match="530"):
        tls.login("fenced", "pw-fenced")  # the allow-list holds for TLS sessions too
    tls.close()


def test_explicit_and_implicit_ftps_with_ftplib(ftps, db, jpeg, wait_for):
    explicit_before, implicit_before = sessions("explicit_tls"), sessions("implicit_tls")
    client = ftplib.FTP_TLS(context=tls_context(ftps), timeout=10)
    client.connect("127.0.0.1", ftps.port)
    client.login("legacy", "pw-legacy")  # a plain-allowed account may use TLS as well
    client.prot_p()
    client.storbinary("STOR explicit-ftplib.jpg", io.BytesIO(jpeg(seed=63)))
    client.quit()

    implicit = ImplicitFTP_TLS(context=tls_context(ftps), timeout=10)
    assert implicit.connect("127.0.0.1", ftps.implicit_port).startswith("220")
    assert implicit.sock.version() in ("TLSv1.2", "TLSv1.3")
    implicit.login("cam1", "pw-one")
    implicit.prot_p()
    implicit.storbinary("STOR implicit-ftplib.jpg", io.BytesIO(jpeg(seed=64)))
    implicit.quit()

    # A plain client on the implicit port gets no greeting in clear text.
    with socket.create_connection(("127.0.0.1", ftps.implicit_port), timeout=3) as raw:
        raw.settimeout(1.0)
        with pytest.raises(TimeoutError):
            raw.recv(100)

    rows = wait_for(lambda: len(db.images()) == 2 and db.images(), what="both uploads ingested")
    assert {(r.original_filename, r.ftps_account) for r in rows} == {
        ("explicit-ftplib.jpg", "legacy"), ("implicit-ftplib.jpg", "cam1")}
    assert sessions("explicit_tls") == explicit_before + 1 and sessions("implicit_tls") == implicit_before + 1


def test_dashboard_accounts_work_within_seconds(ftps, ctx, db, jpeg, wait_for):
    client = ftplib.FTP(timeout=10)
    client.connect("127.0.0.1", ftps.port)
    with pytest.raises(ftplib.error_perm, match="550"):
        client.login("field07", "dashboard-pw-07")  # not there yet
    client.close()

    with ctx.sessions.begin() as session:
        session.add(FtpAccount(username="field07", password_hash=hash_password("dashboard-pw-07"),
                               camera_name="Field 07", allow_plain_ftp=True, ip_allowlist=["127.0.0.0/8"]))
        session.add(FtpAccount(username="tlsonly", password_hash=hash_password("dashboard-pw-08")))

    def plain_upload():
        try:
            client = plain_login(ftps, "field07", "dashboard-pw-07")
        except ftplib.error_perm:
            return False
        client.storbinary("STOR dash.jpg", io.BytesIO(jpeg(seed=65)))
        client.quit()
        return True

    wait_for(plain_upload, timeout=5, what="the new account to log in")
    with pytest.raises(ftplib.error_perm, match="550 SSL/TLS required"):
        plain_login(ftps, "tlsonly", "dashboard-pw-08")
    tls = ftplib.FTP_TLS(context=tls_context(ftps), timeout=10)
    tls.connect("127.0.0.1", ftps.port)
    with pytest.raises(ftplib.error_perm, match="530"):
        tls.login("tlsonly", "wrong-password")
    tls.login("tlsonly", "dashboard-pw-08")
    tls.quit()

    [row] = wait_for(lambda: db.images(original_filename="dash.jpg"), what="dashboard-account upload")
    assert next(c.name for c in db.cameras() if c.id == row.camera_id) == "Field 07"

    with ctx.sessions.begin() as session:
        session.get(FtpAccount, session.query(FtpAccount.id).filter_by(username="field07").scalar()).enabled = False
    wait_for(lambda: not plain_upload(), timeout=5, what="the disabled account to be refused")


# --- curl and lftp ----------------------------------------------------------------------------------
def curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "--silent", "--show-error", "--max-time", "20", *args],
                          capture_output=True, text=True, timeout=30)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed (scripts/install.sh --for-tests)")
def test_curl_plain_explicit_and_implicit(ftps, db, jpeg, wait_for, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg(seed=66))
    cacert = str(ftps.cert_dir / "cert.pem")
    base = f"127.0.0.1:{ftps.port}"

    refused = curl("-T", str(photo), "--user", "cam1:pw-one", f"ftp://{base}/curl-refused.jpg")
    # curl: 67 "login denied" (the server answered 550 to PASS).
    assert refused.returncode == 67, refused
    plain = curl("-T", str(photo), "--user", "legacy:pw-legacy", f"ftp://{base}/curl-plain.jpg")
    assert plain.returncode == 0, plain.stderr
    photo.write_bytes(jpeg(seed=67))
    explicit = curl("--ftp-ssl-reqd", "--cacert", cacert, "-T", str(photo), "--user", "cam1:pw-one",
                    f"ftp://{base}/curl-explicit.jpg")
    assert explicit.returncode == 0, explicit.stderr
    photo.write_bytes(jpeg(seed=68))
    implicit = curl("--cacert", cacert, "-T", str(photo), "--user", "site2:pw-two",
                    f"ftps://127.0.0.1:{ftps.implicit_port}/curl-implicit.jpg")
    assert implicit.returncode == 0, implicit.stderr
    fenced = curl("-T", str(photo), "--user", "fenced:pw-fenced", f"ftp://{base}/curl-fenced.jpg")
    assert fenced.returncode == 67 and "530" in fenced.stderr, fenced  # the IP allow-list

    rows = wait_for(lambda: len(db.images()) == 3 and db.images(), what="three curl uploads")
    assert {(r.original_filename, r.ftps_account) for r in rows} == {
        ("curl-plain.jpg", "legacy"), ("curl-explicit.jpg", "cam1"), ("curl-implicit.jpg", "site2")}


@pytest.mark.skipif(shutil.which("lftp") is None, reason="lftp not installed (scripts/install.sh --for-tests)")
def test_lftp_plain_and_explicit(ftps, db, jpeg, wait_for, tmp_path):
    photo = tmp_path / "lftp.jpg"

    def lftp(user: str, password: str, tls: bool, name: str) -> subprocess.CompletedProcess:
        photo.write_bytes(jpeg(seed=hash(name) % 1000))
        tls_settings = (f"set ftp:ssl-force true; set ftp:ssl-protect-data true; "
                        f"set ssl:ca-file {ftps.cert_dir / 'cert.pem'}; set ssl:check-hostname no;"
                        if tls else "set ftp:ssl-allow no;")
        script = (f"set net:max-retries 1; set net:timeout 5; set cmd:fail-exit yes; {tls_settings} "
                  f"open -u {user},{password} -p {ftps.port} 127.0.0.1; put {photo} -o {name}; bye")
        return subprocess.run(["lftp", "-c", script], capture_output=True, text=True, timeout=60)

    assert lftp("legacy", "pw-legacy", False, "lftp-plain.jpg").returncode == 0
    assert lftp("site2", "pw-two", True, "lftp-explicit.jpg").returncode == 0
    refused = lftp("site2", "pw-two", False, "lftp-refused.jpg")
    assert refused.returncode != 0 and "550" in refused.stderr + refused.stdout, refused

    rows = wait_for(lambda: len(db.images()) == 2 and db.images(), what="two lftp uploads")
    assert {(r.original_filename, r.ftps_account) for r in rows} == {
        ("lftp-plain.jpg", "legacy"), ("lftp-explicit.jpg", "site2")}
