"""The built-in FTPS server (pyftpdlib + pyOpenSSL) cameras upload to.

* TLS is required by default on the control channel (PASS before AUTH TLS is refused with 550) and on
  the data channel of a TLS session (PASV/PORT before PBSZ 0 + PROT P are refused).
* Plain FTP only for accounts an admin opted in (``;plain`` in FTPS_ACCOUNTS, or "allow plain FTP" in
  the dashboard), for camera firmware without TLS. Such accounts are upload-only (see
  ftp_accounts.PLAIN_FTP_PERMISSIONS), every plain login logs a warning that the password travelled in
  clear text, and a refused plain login logs one ``ftp_plain_login_refused`` line with the reason.
* Per-account IP allow-list, checked at login (``ip_not_allowed``).
* Implicit FTPS (TLS from the first byte) on settings.ftps_implicit_port when set.
* Sessions are counted by transport (plain / explicit_tls / implicit_tls): addax_ftp_sessions_total.
* Certificate: settings.ftps_cert_file / ftps_key_file when configured; otherwise a self-signed one
  (RSA 2048 for old camera firmware, 10 years, SAN = host, masquerade address, localhost) is generated
  on first start into ``<cert_dir>/cert.pem`` + ``key.pem`` (default ``<upload_dir>/../ftps``, i.e.
  ``data/ftps``) and reused afterwards, so clients that pin it keep working.
* Accounts come from settings.ftps_accounts and the ``ftp_accounts`` table (ftp_accounts.py). Each
  account is jailed in its own home, ``<upload_dir>/<account>``, with permissions ``elmwf``: change
  dir, list, make dir, store, rename (some cameras upload under a temporary name and rename); ``emw``
  for accounts allowed plain FTP. No retrieve, no delete, no append: an account cannot read or remove
  anything, and cannot see other accounts' files at all.
* TLS 1.2 or newer only, no TLS compression.
* Passive ports from settings.passive_port_range; PASV announces settings.ftps_masquerade_address
  when set (NAT).
* `on_file_received` hands the completed file to the IngestPipeline (a thread pool): the FTP IO loop
  never waits for the database or storage.
* An *incomplete* upload is **deleted**: the partial file is not a photo, the camera got an error
  reply (426) and still holds the file, and it re-sends the whole file (trail cameras do not resume;
  APPE is not permitted). Leaving it would only make the watcher quarantine a truncated JPEG as a
  `rejected` image. pyftpdlib calls a transfer incomplete on ABOR, on a data-channel timeout (a
  camera whose link drops goes silent: ``data_timeout``), and when the control connection closes
  first. A data connection that the client itself closes is, in FTP stream mode, the end-of-file
  signal, even when it is a reset or lacks the TLS close_notify; such a file is handed over, and if it
  is cut short the validator rejects it as a truncated JPEG (quarantined, with the reason), so it is
  never processed as an image either.

The server runs its own IOLoop in a thread: `start()` / `stop()` are safe to call from tests.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import sys
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from OpenSSL import SSL
from pyftpdlib.authorizers import AuthenticationFailed, DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.log import logger as ftp_logger
from pyftpdlib.servers import FTPServer
from typing_extensions import override

from addax_common.ftp_accounts import address_allowed
from addax_common.ingest.filenames import is_ignored_name
from addax_common.logging import get_logger
from addax_common.metrics import FTP_SESSIONS
from addax_common.settings import Settings
from addax_ingestion.ftp_accounts import Account, AccountDirectory
from addax_ingestion.pipeline import IngestPipeline

log = get_logger(__name__)

# A file being received is written under a hidden name of its own and given its real name only once it
# is complete (before the 226 reply): a server killed mid-transfer leaves no truncated file under a real
# name for the watcher to quarantine as a `rejected` image, and `FtpsServer.start()` removes what such
# a crash left behind. Hidden names are ignored by the watcher (filenames.is_ignored_name).
PARTIAL_PREFIX = ".addax-upload-"
PARTIAL_SUFFIX = ".part"


def publish(partial: str, final: str) -> str:
    """Give a completed upload its real name without replacing a file of that name that is still
    there (two sessions sending the same name at once): the later one becomes ``name.2.ext``, and so
    on. Returns the name it got."""
    stem, dot, suffix = final.rpartition(".")
    if not dot or "/" in suffix:
        stem, dot, suffix = final, "", ""
    for n in range(1, 1000):
        candidate = final if n == 1 else f"{stem}.{n}{dot}{suffix}"
        try:
            os.link(partial, candidate)  # atomic, and never replaces an existing file
        except FileExistsError:
            continue
        os.remove(partial)
        return candidate
    raise FileExistsError(final)


def remove_stale_partials(upload_dir: Path) -> int:
    """Partial uploads left by a server that died mid-transfer (the camera got no 226 and sends
    them again). One FTPS server serves an upload directory, so at its start every one is stale."""
    removed = 0
    for path in upload_dir.rglob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
        try:
            path.unlink()
            removed += 1
        except OSError as exc:
            log.warning("ftps_stale_partial_remove_failed", filename=path.name, error=str(exc))
    if removed:
        log.warning("ftps_stale_partials_removed", count=removed)
    return removed


class _UploadDataHandler(TLS_DTPHandler):
    """The data channel: a completed upload is flushed and given its real name before the 226 reply,
    so a camera only hears "complete" for a file that is on disk under its name. A flush that fails
    (disk full) turns the transfer into an incomplete one (426, the partial file removed)."""

    @override
    def close(self) -> None:
        file_obj = self.file_obj
        finished = bool(getattr(self, "transfer_finished", False))
        if not self._closed and self.receive and file_obj is not None:
            try:
                if not file_obj.closed:
                    file_obj.close()  # flushes the last buffered bytes: a full disk fails here
                if finished:
                    self.cmd_channel.publish_upload(file_obj.name)
            except OSError as exc:
                # The descriptor is closed all the same; the transfer is incomplete, so the partial
                # file is removed (on_incomplete_file_received) and the camera hears why.
                self.transfer_finished = False
                self._resp = (f"426 {exc.strerror or exc}; transfer aborted.", ftp_logger.warning)
        super().close()


    @override
    def handle_error(self) -> None:
        # pyftpdlib's TLS error path closes through DTPHandler.close() directly (not self.close()), and a
        # full disk fails that close again flushing the file's buffer, so the partial file would never be
        # removed. Close the file first (the descriptor is freed even when the flush fails) and say why.
        error = sys.exc_info()[1]
        file_obj = self.file_obj
        if file_obj is not None and not file_obj.closed:
            with contextlib.suppress(OSError):
                file_obj.close()
        if self.receive and isinstance(error, OSError):
            self._resp = (f"426 {error.strerror or error}; transfer aborted.", ftp_logger.warning)
        super().handle_error()


class _Authorizer(DummyAuthorizer):
    """Accounts from the AccountDirectory; a successful login (re)installs the account's home and
    permissions in pyftpdlib's user table, which the handler consults for every command."""

    def __init__(self, accounts: AccountDirectory, upload_dir: Path) -> None:
        super().__init__()
        self.accounts = accounts
        self.upload_dir = upload_dir

    @override
    def validate_authentication(self, username: str, password: str, handler: Any) -> None:
        account = self.accounts.get(username)
        if account is None:
            reason = "unknown_account"
        elif not account.password_matches(str(password)):
            reason = "wrong_password"
        elif not address_allowed(handler.remote_ip, account.ip_allowlist):
            reason = "ip_not_allowed"
        else:
            reason = None
        if reason or account is None:
            handler.refusal_reason = reason
            raise AuthenticationFailed("Authentication failed.")
        home = self.upload_dir / username
        home.mkdir(parents=True, exist_ok=True)
        if self.has_user(username):
            self.remove_user(username)
        self.add_user(username, "", str(home), perm=account.permissions,
                      msg_login=f"Welcome {account.camera or username}.")
        handler.account = account


class _UploadHandler(TLS_FTPHandler):
    """One control connection. Class attributes are set per server (see FtpsServer._handler_class)."""

    pipeline: IngestPipeline
    authorizer: _Authorizer
    # Enforced per account in process_command (plain FTP is an opt-in per account).
    tls_control_required = False
    tls_data_required = False
    implicit_tls = False
    banner = "AddaxAI Connect FTPS ready (explicit TLS required)."

    def __init__(self, conn: Any, server: Any, ioloop: Any = None) -> None:
        # Set before the base __init__, which may already close the connection (too many clients).
        self._receiving: set[str] = set()
        self._partials: dict[str, str] = {}  # partial path -> the name the client asked for
        self._published: dict[str, str] = {}  # partial path -> the name it got (see publish)
        self.refusal_reason: str | None = None
        self.account: Account | None = None
        super().__init__(conn, server, ioloop)

    @property
    def transport(self) -> str:
        if not self._ssl_established:
            return "plain"
        return "implicit_tls" if self.implicit_tls else "explicit_tls"

    @override
    def process_command(self, cmd: str, *args: Any, **kwargs: Any) -> None:
        username = str(getattr(self, "username", "") or "")
        if cmd == "PASS" and not self._ssl_established and username and not self.authenticated:
            account = self.authorizer.accounts.get(username)
            if account is None or not account.allow_plain_ftp:
                reason = "unknown_account" if account is None else "tls_required"
                log.warning("ftp_plain_login_refused", account=username[:120], reason=reason,
                            remote_ip=self.remote_ip)
                self.respond("550 SSL/TLS required on the control channel.")
                self.username = ""
                return
        elif cmd in ("PASV", "EPSV", "PORT", "EPRT") and self._ssl_established and not self._prot:
            # A TLS session protects its data channel too (PBSZ 0 + PROT P).
            self.respond("550 SSL/TLS required on the data channel.")
            return
        super().process_command(cmd, *args, **kwargs)

    def ftp_STOR(self, file: str, mode: str = "w") -> Any:
        if getattr(self, "_restart_position", 0):
            # An interrupted transfer was removed (see the module doc), so there is nothing to resume.
            self._restart_position = 0
            self.respond("554 Resuming an upload (REST) is not supported; send the whole file again.")
            return None
        partial = os.path.join(os.path.dirname(file), f"{PARTIAL_PREFIX}{uuid.uuid4().hex}{PARTIAL_SUFFIX}")
        path = super().ftp_STOR(partial, mode)
        if path:
            self._partials[partial] = file
            self._receiving.add(file)
            self.pipeline.mark_receiving(file)
        return file if path else None

    def publish_upload(self, partial: str) -> None:
        """Called by the data channel when a transfer completed: the partial file gets its real name."""
        wanted = self._partials.get(partial)
        if wanted is not None:
            self._published[partial] = publish(partial, wanted)

    def ftp_STOU(self, line: str) -> Any:
        name = super().ftp_STOU(line)
        fd = self._in_dtp_queue[0] if self._in_dtp_queue else getattr(self.data_channel, "file_obj", None)
        if name and fd is not None:
            self._receiving.add(fd.name)
            self.pipeline.mark_receiving(fd.name)
        return name

    def _finished(self, file: str) -> None:
        if file in self._receiving:
            self._receiving.discard(file)
            self.pipeline.done_receiving(file)

    def on_file_received(self, file: str) -> None:
        wanted = self._partials.pop(file, None)
        if wanted is not None:  # a STOR: `file` is the partial, published under its real name by now
            self._finished(wanted)
            file = self._published.pop(file, wanted)
        else:
            self._finished(file)
        name = os.path.basename(file)
        if is_ignored_name(name):
            return  # a temporary name; the rename that follows is seen by the watcher
        log.info("ftps_file_received", account=self.username, filename=name, remote_ip=self.remote_ip)
        self.pipeline.submit(file, account=self.username)

    def on_incomplete_file_received(self, file: str) -> None:
        wanted = self._partials.pop(file, None)
        self._published.pop(file, None)
        self._finished(wanted if wanted is not None else file)
        log.warning("ftps_upload_incomplete_deleted", account=self.username,
                    filename=os.path.basename(wanted or file), remote_ip=self.remote_ip)
        try:
            os.remove(file)
        except OSError as exc:
            log.warning("ftps_incomplete_remove_failed", filename=os.path.basename(file), error=str(exc))

    def on_login(self, username: str) -> None:
        FTP_SESSIONS.labels(self.transport).inc()
        if self.transport == "plain":
            log.warning("ftp_plain_login", account=username, remote_ip=self.remote_ip, transport="plain",
                        warning="the password of this account travelled in clear text")
        else:
            log.info("ftps_login", account=username, remote_ip=self.remote_ip, transport=self.transport)

    @override
    def on_login_failed(self, username: str, password: str) -> None:
        event = "ftp_plain_login_refused" if self.transport == "plain" else "ftps_login_failed"
        log.warning(event, account=str(username)[:120], reason=self.refusal_reason or "refused",
                    remote_ip=self.remote_ip, transport=self.transport)
        self.refusal_reason = None

    def on_disconnect(self) -> None:
        for file in list(self._receiving):
            self._finished(file)


class _ImplicitTlsHandler(_UploadHandler):
    """Implicit FTPS: the TLS handshake comes first, then the 220 greeting, all over TLS."""

    implicit_tls = True
    banner = "AddaxAI Connect FTPS ready (implicit TLS)."
    _greeted = False

    @override
    def handle(self) -> None:
        self.secure_connection(self.ssl_context)

    @override
    def handle_ssl_established(self) -> None:
        if not self._greeted:
            self._greeted = True
            super().handle()


class FtpsServer:
    def __init__(
        self,
        settings: Settings,
        pipeline: IngestPipeline,
        cert_dir: Path | None = None,
        auth_failed_delay: float = 3.0,
        idle_timeout: float = 300.0,
        data_timeout: float = 300.0,
        accounts: AccountDirectory | None = None,
    ) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.upload_dir = Path(settings.upload_dir).resolve()
        self.cert_dir = Path(cert_dir) if cert_dir else self.upload_dir.parent / "ftps"
        self.auth_failed_delay = auth_failed_delay
        self.idle_timeout = idle_timeout
        self.data_timeout = data_timeout
        # Setting accounts plus those created in the dashboard (read through the ingest pipeline's database).
        self.accounts = accounts or AccountDirectory(settings, pipeline.ingestor.ctx.sessions)
        self._server: FTPServer | None = None
        self._implicit: FTPServer | None = None
        self.implicit_port: int | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.port: int | None = None

    def certificate(self) -> tuple[Path, Path]:
        """(cert, key): the configured pair, or the generated self-signed one."""
        if self.settings.ftps_cert_file:
            cert = Path(self.settings.ftps_cert_file)
            key = Path(self.settings.ftps_key_file) if self.settings.ftps_key_file else cert
            return cert, key
        cert, key = self.cert_dir / "cert.pem", self.cert_dir / "key.pem"
        if not (cert.is_file() and key.is_file()):
            hosts = {self.settings.ftps_host, self.settings.ftps_masquerade_address, "localhost", "127.0.0.1"}
            generate_self_signed(cert, key, sorted(h for h in hosts if h and h not in ("0.0.0.0", "::")))  # noqa: S104 - excluded, not bound
            log.info("ftps_certificate_generated", cert=str(cert))
        return cert, key

    def _handler_class(self, base: type[_UploadHandler] = _UploadHandler) -> type[_UploadHandler]:
        authorizer = _Authorizer(self.accounts, self.upload_dir)
        for user in self.accounts.static:
            (self.upload_dir / user).mkdir(parents=True, exist_ok=True)
        cert, key = self.certificate()
        passive = self.settings.passive_port_range
        attributes = {
            "pipeline": self.pipeline,
            "authorizer": authorizer,
            "certfile": str(cert),
            "keyfile": str(key),
            "ssl_context": _ssl_context(cert, key),
            "passive_ports": list(passive),
            "masquerade_address": self.settings.ftps_masquerade_address or None,
            "auth_failed_timeout": self.auth_failed_delay,
            "timeout": self.idle_timeout,
            # A camera whose link drops mid-transfer sends nothing more: the data channel times out,
            # and the transfer counts as incomplete (deleted, see the module doc).
            "dtp_handler": type("AddaxDataHandler", (_UploadDataHandler,), {"timeout": self.data_timeout}),
            "use_sendfile": False,
        }
        return type(f"Addax{base.__name__.strip('_')}", (base,), attributes)

    def start(self) -> FtpsServer:
        remove_stale_partials(self.upload_dir)
        try:
            handler = self._handler_class()
        except SSL.Error as exc:
            cert, key = self.certificate()
            raise RuntimeError(f"FTPS certificate/key unusable ({cert}, {key}): {exc}") from exc
        ioloop = IOLoop()
        server = self._listen(self.settings.ftps_port, handler, ioloop)
        self._server = server
        self.port = server.address[1]
        if self.settings.ftps_implicit_port is not None:
            # Same IO loop: serving one server's loop serves both.
            self._implicit = self._listen(self.settings.ftps_implicit_port,
                                          self._handler_class(_ImplicitTlsHandler), ioloop)
            self.implicit_port = self._implicit.address[1]
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="ftps-server", daemon=True)
        self._thread.start()
        log.info("ftps_started", host=self.settings.ftps_host, port=self.port, implicit_tls_port=self.implicit_port,
                 passive_ports=self.settings.ftps_passive_ports, setting_accounts=len(self.accounts.static),
                 plain_ftp_accounts=sorted(a.username for a in self.accounts.static.values() if a.allow_plain_ftp))
        return self

    def _listen(self, port: int, handler: type[_UploadHandler], ioloop: IOLoop) -> FTPServer:
        server = FTPServer((self.settings.ftps_host, port), handler, ioloop=ioloop)
        server.max_cons = 256
        server.max_cons_per_ip = 32
        return server

    def _serve(self) -> None:
        server = self._server
        if server is None:
            raise RuntimeError("the FTPS server is not set up; call start()")
        try:
            # Short non-blocking rounds so stop() from another thread takes effect within ~0.1 s;
            # the IO loop itself is not thread-safe, so it is closed from this thread. The rounds run
            # the IO loop directly: FTPServer.serve_forever() logs its ">>> starting ... <<<" banner on
            # every call, which at ten calls a second flooded the log (ftps_started, logged once in
            # start(), says the same).
            while not self._stop.is_set():
                server.ioloop.loop(timeout=0.1, blocking=False)
        except Exception:
            log.exception("ftps_server_crashed")
        finally:
            server.close_all()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._server = self._implicit = None


def _ssl_context(cert: Path, key: Path) -> SSL.Context:
    """TLS 1.2+ only (pyftpdlib's default context would still accept TLS 1.0/1.1)."""
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.set_min_proto_version(SSL.TLS1_2_VERSION)
    context.set_options(SSL.OP_NO_COMPRESSION | SSL.OP_CIPHER_SERVER_PREFERENCE)
    context.use_certificate_chain_file(str(cert))
    context.use_privatekey_file(str(key))
    context.check_privatekey()
    return context


def generate_self_signed(cert_path: Path, key_path: Path, hosts: list[str]) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0] if hosts else "addax-ftps"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "AddaxAI Connect")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    # The key is written 0600 before any content lands in it.
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
