"""The upload doors: the web upload and addax-upload (tus), the HTTP upload API for devices, and the
upload keys of a project. Docs: docs/upload.md."""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path as FsPath
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect
from starlette.types import Message

from addax_api.deps import client_ip, get_db, user_agent
from addax_api.errors import BadRequest, Forbidden, NotFound, error_responses
from addax_api.scope import ProjectAdmin, ProjectAnalyst, project_scoped_router
from addax_api.uow import UoW
from addax_api.uploads import repository, service
from addax_api.uploads.schemas import (
    HashCheck,
    HashCheckOut,
    ImageUploadStatus,
    UploadKeyCreate,
    UploadKeyCreated,
    UploadKeyOut,
    UploadResult,
    UploadSessionOut,
)
from addax_api.uploads.service import Sender
from addax_api.uploads.tus import TUS_EXTENSIONS, TUS_VERSION, PayloadTooLarge, TusStore, tus_headers
from addax_api.validation import MAX_INT32
from addax_common.db import UploadSession
from addax_common.ingest.ingest import IngestResult, Outcome

project_router = project_scoped_router("", "uploads")
device_router = APIRouter(prefix="/api/upload", tags=["uploads"], responses=error_responses(401, 429))

KeyId = Annotated[int, Path(ge=1, le=MAX_INT32)]
UploadId = Annotated[uuid.UUID, Path(description="The upload's id (from the Location of its creation)")]
ImageId = Annotated[uuid.UUID, Path(description="Image id")]
Db = Annotated[Session, Depends(get_db)]
TUS_RESPONSES = error_responses(400, 404, 409, 412, 413, 415, 422, 423, 429, 503)


# --- senders ---------------------------------------------------------------------------------------
async def web_sender(scope: ProjectAnalyst, request: Request) -> Sender:
    """An analyst or admin of the project, uploading in the browser (door `web`)."""
    sender = Sender(door="web", project_id=scope.project_id, project_slug=scope.project.slug, user_id=scope.user.id,
                    user_email=scope.user.email, ip=client_ip(request), user_agent=user_agent(request))
    await _charge(request, sender)
    return sender


def _key_sender(request: Request, db: Db) -> Sender:
    return service.key_sender(db, request, service.presented_key(request), door="http-api")


async def key_sender(request: Request, sender: Annotated[Sender, Depends(_key_sender)]) -> Sender:
    """A device or addax-upload with an upload key (doors `http-api`, and `cli` for the resumable protocol)."""
    await _charge(request, sender)
    return sender


async def _charge(request: Request, sender: Sender) -> None:
    settings = request.app.state.settings
    await service.charge(request.app.state.redis_async, settings.key(f"ratelimit:upload:{sender.bucket}"),
                         settings.upload_rate_limit_per_minute)


WebSender = Annotated[Sender, Depends(web_sender)]
KeySender = Annotated[Sender, Depends(key_sender)]


def _store(request: Request) -> TusStore:
    store: TusStore | None = getattr(request.app.state, "tus_store", None)
    if store is None:
        store = request.app.state.tus_store = TusStore(request.app.state.settings)
    return store


# --- upload keys (project admins) --------------------------------------------------------------------
@project_router.get("/upload-keys", name="keys_list",
                    summary="Upload keys of the project (the keys themselves are never shown again)")
def list_keys(scope: ProjectAdmin, db: Db) -> list[UploadKeyOut]:
    return service.list_keys(db, scope.project_id)


@project_router.post("/upload-keys", status_code=201, name="keys_create",
                     summary="Create an upload key for a camera or station (the answer holds the key, once)",
                     responses=error_responses(422))
def create_key(body: UploadKeyCreate, scope: ProjectAdmin, uow: UoW) -> UploadKeyCreated:
    return service.create_key(uow.db, uow.actor, scope.project_id, body)


@project_router.delete("/upload-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, name="keys_revoke",
                       summary="Revoke an upload key (it stops working at once; the row stays for the record)")
def revoke_key(key_id: KeyId, scope: ProjectAdmin, uow: UoW) -> None:
    service.revoke_key(uow.db, uow.actor, scope.project_id, key_id)


# --- hash pre-check ----------------------------------------------------------------------------------
@project_router.post("/uploads/check", name="check",
                     summary="Which of these sha256 hashes are already on the server (analyst)")
def check_web(body: HashCheck, scope: ProjectAnalyst, db: Db) -> HashCheckOut:
    return service.check_hashes(db, scope.project_id, body.sha256)


@device_router.post("/check", name="device_check",
                    summary="Which of these sha256 hashes are already on the server (upload key)")
def check_device(body: HashCheck, sender: KeySender, db: Db) -> HashCheckOut:
    return service.check_hashes(db, sender.project_id, body.sha256)


# --- the resumable protocol (tus 1.0.0) ---------------------------------------------------------------
async def _create(request: Request, sender: Sender, base: str) -> Response:
    store = _store(request)
    ctx = request.app.state.ctx

    def create() -> UploadSession:
        with ctx.sessions() as db:
            return store.create(db, sender, request.headers)

    session = await run_in_threadpool(create)
    headers = tus_headers(Location=f"{base}/{session.id}", **{"Upload-Offset": "0"})
    if session.length == 0:  # an empty file is complete at creation: ingestion rejects it with its reason
        await _finish(request, sender, session)
        headers |= _result_headers(await _session_result(request, sender, session.id))
    return Response(status_code=201, headers=headers)


async def _head(request: Request, sender: Sender, upload_id: uuid.UUID) -> Response:
    store = _store(request)
    session = await _load(request, sender, upload_id)
    offset = session.length if session.completed_at is not None else store.offset(upload_id)
    return Response(status_code=200, headers=tus_headers(**{
        "Upload-Offset": str(offset), "Upload-Length": str(session.length), "Cache-Control": "no-store"}))


async def _patch(request: Request, sender: Sender, upload_id: uuid.UUID) -> Response:
    store = _store(request)
    session = await _load(request, sender, upload_id)

    async def finish() -> None:
        await _finish(request, sender, session)

    offset, disconnected = await store.append(session, request.headers, _body(request), finish)
    headers = tus_headers(**{"Upload-Offset": str(offset)})
    if offset == session.length:
        headers |= _result_headers(await _session_result(request, sender, upload_id))
    return Response(status_code=204, headers=headers)


async def _delete(request: Request, sender: Sender, upload_id: uuid.UUID) -> Response:
    store = _store(request)
    ctx = request.app.state.ctx

    def terminate() -> None:
        with ctx.sessions() as db:
            session = repository.get_session(db, upload_id, sender.project_id)
            if session is None or not _owned(session, sender):
                raise NotFound("upload not found")
            store.terminate(db, session)

    await run_in_threadpool(terminate)
    return Response(status_code=204, headers=tus_headers())


async def _get(request: Request, sender: Sender, upload_id: uuid.UUID) -> UploadSessionOut:
    session = await _load(request, sender, upload_id)
    result = await _session_result(request, sender, upload_id)
    return _store(request).out(session, result)


def _owned(session: UploadSession, sender: Sender) -> bool:
    """An upload belongs to the key, or the user, that created it (same project is checked by the query)."""
    if sender.key_id is not None:
        return session.upload_key_id == sender.key_id
    return session.upload_key_id is None and session.user_id == sender.user_id


async def _load(request: Request, sender: Sender, upload_id: uuid.UUID) -> UploadSession:
    ctx = request.app.state.ctx

    def load() -> UploadSession | None:
        with ctx.sessions() as db:
            session = repository.get_session(db, upload_id, sender.project_id)
            if session is not None:
                db.expunge(session)
            return session

    session = await run_in_threadpool(load)
    if session is None or not _owned(session, sender):
        raise NotFound("upload not found")
    return session


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        yield chunk


async def _finish(request: Request, sender: Sender, session: UploadSession) -> None:
    """Verify a complete upload and hand it to ingestion (under the upload's lock); keep the outcome."""
    store = _store(request)
    ctx = request.app.state.ctx
    if session.completed_at is not None:
        return

    def verify_and_ingest() -> IngestResult:
        with ctx.sessions() as db:
            row = repository.get_session(db, session.id, sender.project_id)
            if row is None:
                raise NotFound("upload not found")
            if row.completed_at is not None:
                return IngestResult(Outcome(row.outcome), store.path(row.id), row.image_id, status=row.image_status)
            store.verify(db, row)
        result = service.ingest(request.app.state, store.path(session.id),
                                sender.origin(session.filename, session.camera_id))
        if result.outcome is not Outcome.RETRY:
            _, body = service.result_of(sender, result)
            with ctx.sessions() as db:
                row = repository.get_session(db, session.id, sender.project_id)
                if row is not None:
                    row.completed_at = row.completed_at or _now()
                    row.outcome, row.image_id = body.outcome, body.image_id
                    row.image_status, row.reason = body.status, body.reason
                    db.commit()
        return result

    result = await run_in_threadpool(verify_and_ingest)
    service.result_of(sender, result)  # 503 when storage or the database is down: the bytes stay, retry


async def _session_result(request: Request, sender: Sender, upload_id: uuid.UUID) -> UploadResult | None:
    ctx = request.app.state.ctx

    def read() -> UploadResult | None:
        with ctx.sessions() as db:
            row = repository.get_session(db, upload_id, sender.project_id)
            if row is None or row.completed_at is None or row.outcome is None:
                return None
            return UploadResult(outcome=row.outcome, status=row.image_status, image_id=row.image_id,
                                reason=row.reason, duplicate=row.outcome == Outcome.DUPLICATE.value,
                                status_url=sender.status_url(row.image_id))

    return await run_in_threadpool(read)


def _result_headers(result: UploadResult | None) -> dict[str, str]:
    if result is None:
        return {}
    headers = {"Upload-Outcome": result.outcome, "Upload-Image-Status": result.status or ""}
    if result.image_id is not None:
        headers["Upload-Image-Id"] = str(result.image_id)
    return headers


def _now() -> datetime:
    return datetime.now(UTC)


def _tus_routes(router: APIRouter, base: str, dependency: Any, prefix: str) -> None:
    """The five tus routes on one router: the web's (signed-in analyst) or the CLI's (upload key)."""

    async def create(request: Request, sender: Sender = dependency) -> Response:
        return await _create(request, sender, request.url.path.rstrip("/"))

    async def head(upload_id: UploadId, request: Request, sender: Sender = dependency) -> Response:
        return await _head(request, sender, upload_id)

    async def patch(upload_id: UploadId, request: Request, sender: Sender = dependency) -> Response:
        return await _patch(request, sender, upload_id)

    async def delete(upload_id: UploadId, request: Request, sender: Sender = dependency) -> Response:
        return await _delete(request, sender, upload_id)

    async def get(upload_id: UploadId, request: Request, sender: Sender = dependency) -> UploadSessionOut:
        return await _get(request, sender, upload_id)

    router.add_api_route(base, create, methods=["POST"], status_code=201, name=f"{prefix}tus_create",
                         summary="tus creation: Upload-Length and Upload-Metadata (filename, sha256, camera)",
                         responses=TUS_RESPONSES)
    router.add_api_route(f"{base}/{{upload_id}}", head, methods=["HEAD"], name=f"{prefix}tus_head",
                         summary="tus: the upload's offset", responses=TUS_RESPONSES)
    router.add_api_route(f"{base}/{{upload_id}}", patch, methods=["PATCH"], status_code=204, name=f"{prefix}tus_patch",
                         summary="tus: append bytes at Upload-Offset; the last byte hands the file to ingestion",
                         responses=TUS_RESPONSES)
    router.add_api_route(f"{base}/{{upload_id}}", delete, methods=["DELETE"], status_code=204,
                         name=f"{prefix}tus_delete", summary="tus termination: cancel the upload",
                         responses=TUS_RESPONSES)
    router.add_api_route(f"{base}/{{upload_id}}", get, methods=["GET"], response_model=UploadSessionOut,
                         name=f"{prefix}tus_get", summary="The upload's offset and, once complete, its result",
                         responses=TUS_RESPONSES)


_tus_routes(project_router, "/uploads", Depends(web_sender), "")
async def cli_sender(sender: KeySender) -> Sender:
    """addax-upload: an upload key on the resumable protocol (door `cli`)."""
    return sender.as_door("cli")


_tus_routes(device_router, "/tus", Depends(cli_sender), "device_")


@project_router.options("/uploads", include_in_schema=False)
@device_router.options("/tus", include_in_schema=False)
async def tus_options(request: Request) -> Response:
    settings = request.app.state.settings
    return Response(status_code=204, headers={
        "Tus-Resumable": TUS_VERSION, "Tus-Version": TUS_VERSION, "Tus-Extension": TUS_EXTENSIONS,
        "Tus-Max-Size": str(settings.upload_max_body_bytes), "Tus-Checksum-Algorithm": "sha256,sha1,md5"})


# --- the HTTP upload API (one request per file) -----------------------------------------------------
@device_router.post(
    "/images", response_model=UploadResult, status_code=201, name="device_upload",
    summary="Upload one file with an upload key: a raw body (X-Filename) or multipart (field `file`)",
    responses={200: {"model": UploadResult, "description": "Already on the server: the first result"},
               422: {"model": UploadResult, "description": "Rejected: quarantined with the reason"},
               **error_responses(400, 403, 411, 413, 503)},
)
async def device_upload(
    request: Request,
    sender: KeySender,
    filename: Annotated[str | None, Query(max_length=512, description="The file's name (raw body)")] = None,
    project: Annotated[str | None, Query(max_length=64, description="If given, must be the key's project")] = None,
) -> Response:
    if project is not None and project != sender.project_slug:
        raise Forbidden("this upload key belongs to another project")
    settings = request.app.state.settings
    limit = settings.upload_max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 65536:
        raise PayloadTooLarge(f"the body ({declared} bytes) is over the limit of {limit} bytes")
    staging = FsPath(settings.upload_staging_dir)
    staging.mkdir(parents=True, exist_ok=True)
    path = staging / f"{uuid.uuid4()}.post"
    try:
        name = await _receive(request, path, limit, filename)
        _check_digests(request, path)
        result = await run_in_threadpool(service.ingest, request.app.state, path, sender.origin(name))
        code, body = service.result_of(sender, result)
    finally:
        path.unlink(missing_ok=True)
    return JSONResponse(body.model_dump(mode="json"), status_code=code)


async def _receive(request: Request, path: FsPath, limit: int, filename: str | None) -> str:
    """Stream the file of a raw or multipart body to `path` (413 past the limit); the client's file name."""
    content_type = (request.headers.get("content-type") or "").lower()
    if content_type.startswith("multipart/form-data"):
        counted = Request(request.scope, _counting(request.receive, limit + 65536))
        try:
            form = await counted.form(max_files=1, max_fields=10)
        except (ClientDisconnect, PayloadTooLarge):
            raise
        except Exception as exc:
            raise BadRequest(f"malformed multipart body: {exc}") from exc
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise BadRequest("the multipart body has no file in the field `file`")
        size = 0
        with open(path, "wb") as fh:
            while chunk := await part.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"the file is over the limit of {limit} bytes")
                fh.write(chunk)
        await form.close()
        return filename or part.filename or "upload.jpg"
    name = filename or unquote(request.headers.get("x-filename", "")) or _default_name(content_type)
    size = 0
    with open(path, "wb") as fh:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"the body is over the limit of {limit} bytes")
            fh.write(chunk)
    return name


def _counting(receive: Callable[[], Awaitable[Message]], limit: int) -> Callable[[], Awaitable[Message]]:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise PayloadTooLarge(f"the body is over the limit of {limit} bytes")
        return message

    return counted


def _default_name(content_type: str) -> str:
    if content_type.startswith("text/plain"):
        return "report.txt"
    return "upload.jpg"


def _check_digests(request: Request, path: FsPath) -> None:
    """Content-MD5 (base64) and X-Content-SHA256 (hex), when sent, against the received file (400 if not)."""
    md5_header = request.headers.get("content-md5")
    sha_header = request.headers.get("x-content-sha256")
    if not md5_header and not sha_header:
        return
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            md5.update(chunk)
            sha.update(chunk)
    if md5_header:
        try:
            expected = base64.b64decode(md5_header.strip(), validate=True)
        except binascii.Error as exc:
            raise BadRequest("Content-MD5 must be the base64 of the 16-byte MD5 digest") from exc
        if expected != md5.digest():
            raise BadRequest("Content-MD5 does not match the received file: it was damaged on the way; nothing was stored")
    if sha_header and sha_header.strip().lower() != sha.hexdigest():
        raise BadRequest("X-Content-SHA256 does not match the received file: it was damaged on the way; nothing was stored")


@device_router.get("/images/{image_id}", name="device_status",
                   summary="Where an uploaded image is in the pipeline (upload key of its project)",
                   responses=error_responses(404))
def device_status(image_id: ImageId, sender: KeySender, db: Db) -> ImageUploadStatus:
    image = repository.image_in_project(db, sender.project_id, image_id)
    if image is None:
        raise NotFound("image not found")
    return ImageUploadStatus(image_id=image.id, status=getattr(image.status, "value", image.status),
                             reason=image.error, filename=image.original_filename, upload_door=image.upload_door,
                             received_at=image.received_at, completed_at=image.completed_at)

