"""Which camera sent an upload, registering cameras seen for the first time, and camera status rows.

Identification order (ARCHITECTURE §5):
1. the FTPS account, when the account is configured with a camera name (``user:password:Camera 7``,
   or the camera name of an account created in the dashboard);
2. the serial number (EXIF BodySerialNumber or maker note; ``Serial:`` line of a daily report),
   matched against ``cameras.serial_number``;
3. the file name, with ``settings.camera_filename_pattern`` (named group ``camera``), matched against
   ``cameras.name``; a maker's default prefix (``IMG_0001.JPG``: filenames.GENERIC_FILENAME_PREFIXES)
   or a name without letters (a time stamp) never names a camera, so such uploads fall through;
4. the FTPS account name (per-camera accounts without a configured name), matched against ``cameras.name``.

A camera not found is registered on the spot, in the upload account's project (FTPS_ACCOUNTS
``;project=``, or the project of an account created in the dashboard; otherwise the default project), unassigned (``is_assigned=False``: an admin assigns it
to a site later), with the serial, make and model we know. Registration is race-safe: ``INSERT ... ON
CONFLICT DO NOTHING`` and then ``SELECT``, in its own short transaction, so concurrent uploads of a new
camera end with one row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from addax_common.context import ServiceContext
from addax_common.db.cameras import Camera, CameraStatus
from addax_common.db.ftp_accounts import FtpAccount
from addax_common.db.projects import Project
from addax_common.ftp_accounts import DEFAULT_PROJECT
from addax_common.ingest.filenames import is_generic_camera_name
from addax_common.logging import get_logger

log = get_logger(__name__)

NAME_MAX = 120


@dataclass(frozen=True)
class CameraRef:
    id: int
    name: str
    config: dict[str, Any]
    how: str  # account | serial | filename | account-name: how the upload was matched
    project_id: int
    registered: bool = False  # True when this upload registered the camera


class CameraRegistry:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        settings = ctx.settings
        self.account_cameras = {user: camera for user, _pw, camera in settings.ftps_account_list() if camera}
        self.account_projects = {e.username: e.project for e in settings.ftps_account_entries()}
        try:
            self.pattern: re.Pattern[str] | None = re.compile(settings.camera_filename_pattern)
            if "camera" not in self.pattern.groupindex:
                log.warning("camera_filename_pattern_without_group", pattern=settings.camera_filename_pattern)
                self.pattern = None
        except re.error as exc:
            log.warning("camera_filename_pattern_invalid", pattern=settings.camera_filename_pattern, error=str(exc))
            self.pattern = None

    def account_camera(self, account: str | None) -> str | None:
        """The camera name configured for an upload account: FTPS_ACCOUNTS, then the dashboard's accounts."""
        if not account:
            return None
        if account in self.account_cameras:
            return self.account_cameras[account]
        with self.ctx.sessions() as session:
            return session.scalar(select(FtpAccount.camera_name).where(FtpAccount.username == account))

    def account_project(self, session: Session, account: str | None) -> int:
        """The project an upload account delivers to: its FTPS_ACCOUNTS ``;project=`` (default
        ``default``), the project of a dashboard account, else the default project. A slug that names no
        project falls back to the default project (logged): the upload is kept, never lost."""
        slug = self.account_projects.get(account or "")
        if slug is None and account:
            found = session.scalar(select(FtpAccount.project_id).where(FtpAccount.username == account))
            if found is not None:
                return found
        slug = slug or DEFAULT_PROJECT
        project_id = session.scalar(select(Project.id).where(Project.slug == slug))
        if project_id is None:
            log.error("ftps_account_project_unknown", account=account, project=slug)
            project_id = session.scalar(select(Project.id).where(Project.slug == DEFAULT_PROJECT))
        if project_id is None:
            raise RuntimeError("the default project is missing; run the database migrations")
        return project_id

    def name_from_filename(self, filename: str) -> str | None:
        if not self.pattern:
            return None
        match = self.pattern.search(filename)
        name = (match.group("camera") or "").strip() if match else ""
        if not name or is_generic_camera_name(name):
            return None
        return name[:NAME_MAX]

    def identify(
        self,
        *,
        account: str | None,
        serial: str | None,
        filename: str,
        make: str | None = None,
        model: str | None = None,
        camera_name: str | None = None,
        register: bool = True,
        project_id: int | None = None,
    ) -> CameraRef | None:
        """The camera of an upload (see the module doc for the order); None when nothing identifies one.

        `camera_name` is a name the upload itself states (a daily report's ``Camera:`` line); it is
        tried after the serial, like a file-name match. With register=False nothing is created.
        `project_id` (the API's doors) is the project a new camera is registered in, instead of the account's.
        """
        details: dict[str, Any] = {"make": make, "model": model}
        candidates: list[tuple[str, str, dict[str, Any]]] = []
        account_camera = self.account_camera(account)
        if account_camera:
            candidates.append(("account", account_camera, {"ftps_account": account}))
        if serial:
            candidates.append(("serial", serial, {}))
        if camera_name:
            candidates.append(("report", camera_name[:NAME_MAX], {}))
        from_file = self.name_from_filename(filename)
        if from_file:
            candidates.append(("filename", from_file, {}))
        if account:
            candidates.append(("account-name", account[:NAME_MAX], {"ftps_account": account}))
        if not candidates:
            return None

        how, key, extra = candidates[0]
        with self.ctx.sessions() as session, session.begin():
            if register:
                details["project_id"] = project_id if project_id is not None else self.account_project(session, account)
            if how == "serial":
                ref = self._by_serial(session, key, details, register)
            else:
                ref = self._by_name(session, key, how, details | extra, register)
            if ref is None and not register:
                # Lookup only (rejected uploads): any later candidate that already exists will do.
                for how, key, extra in candidates[1:]:
                    ref = self._by_serial(session, key, details, False) if how == "serial" else self._by_name(
                        session, key, how, details | extra, False
                    )
                    if ref:
                        break
            return ref

    def by_id(self, camera_id: int) -> CameraRef | None:
        """A camera chosen by the sender (the browser's camera choice, or a per-camera upload key)."""
        with self.ctx.sessions() as session:
            camera = session.get(Camera, camera_id)
            return _ref(camera, "chosen") if camera is not None else None

    # --- lookups and race-safe registration -----------------------------------------------------
    def _by_serial(self, session: Session, serial: str, details: dict[str, Any], register: bool) -> CameraRef | None:
        serial = serial[:NAME_MAX]
        camera = session.scalar(select(Camera).where(Camera.serial_number == serial))
        if camera is not None:
            self._fill_details(session, camera, details)
            return _ref(camera, "serial")
        if not register:
            return None
        # The name is the serial; if another camera already has that name, add a suffix.
        for attempt in range(10):
            name = serial if attempt == 0 else f"{serial[: NAME_MAX - 4]}-{attempt + 1}"
            created = self._insert(session, name=name, serial_number=serial, **_present(details))
            camera = session.scalar(select(Camera).where(Camera.serial_number == serial))
            if camera is not None:
                return _ref(camera, "serial", registered=created)
        raise RuntimeError(f"cannot register a camera for serial {serial!r}")

    def _by_name(self, session: Session, name: str, how: str, details: dict[str, Any], register: bool) -> CameraRef | None:
        camera = session.scalar(select(Camera).where(Camera.name == name))
        if camera is not None:
            self._fill_details(session, camera, details)
            return _ref(camera, how)
        if not register:
            return None
        created = self._insert(session, name=name, **_present(details))
        camera = session.scalar(select(Camera).where(Camera.name == name))
        if camera is None:  # only if deleted in between
            raise RuntimeError(f"camera {name!r} vanished during registration")
        return _ref(camera, how, registered=created)

    def _insert(self, session: Session, **values: Any) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING: True when this call created the row."""
        values = {"is_assigned": False, **values}
        result = session.execute(
            insert(Camera).values(**values).on_conflict_do_nothing().returning(Camera.id)
        )
        created = result.scalar() is not None
        if created:
            log.info("camera_registered", camera_name=values["name"], serial=values.get("serial_number"),
                     make=values.get("make"), model=values.get("model"))
        return created

    @staticmethod
    def _fill_details(session: Session, camera: Camera, details: dict[str, Any]) -> None:
        """Make and model learnt from EXIF fill empty fields; an admin's values are never overwritten."""
        changes = {k: v for k, v in _present(details).items() if getattr(camera, k) is None and k in ("make", "model")}
        if changes:
            session.execute(update(Camera).where(Camera.id == camera.id).values(**changes))

    def set_location_if_unknown(self, session: Session, camera_id: int, latitude: float, longitude: float) -> None:
        """A camera registered from uploads gets its position from the first GPS fix in its EXIF."""
        session.execute(
            update(Camera)
            .where(Camera.id == camera_id, Camera.location.is_(None))
            .values(location=f"SRID=4326;POINT({longitude} {latitude})")
        )


def _present(details: dict[str, Any]) -> dict[str, Any]:
    return {k: (v[:NAME_MAX] if isinstance(v, str) else v) for k, v in details.items() if v is not None}


def record_status(
    session: Session,
    *,
    camera_id: int,
    reported_at: datetime,
    source: str,
    image_id: Any = None,
    battery_percent: float | None = None,
    temperature_c: float | None = None,
    sd_used_percent: float | None = None,
    signal_quality: float | None = None,
    images_on_sd: int | None = None,
    raw: dict[str, Any] | None = None,
) -> None:
    """One camera_status reading; the same (camera, time, source) again replaces it (idempotent)."""
    values = {
        "image_id": image_id,
        "battery_percent": battery_percent,
        "temperature_c": temperature_c,
        "sd_used_percent": sd_used_percent,
        "signal_quality": signal_quality,
        "images_on_sd": images_on_sd,
        "raw": raw or {},
    }
    statement = insert(CameraStatus).values(camera_id=camera_id, reported_at=reported_at, source=source, **values)
    session.execute(
        statement.on_conflict_do_update(constraint="uq_camera_status_reading", set_=values)
    )


def _ref(camera: Camera, how: str, registered: bool = False) -> CameraRef:
    return CameraRef(camera.id, camera.name, camera.config or {}, how, camera.project_id, registered=registered)
