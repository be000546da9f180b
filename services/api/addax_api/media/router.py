import time
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from addax_api.deps import get_ctx, get_settings
from addax_api.errors import Forbidden, NotFound, ServiceUnavailable, error_responses
from addax_common.context import ServiceContext
from addax_common.settings import Settings
from addax_common.storage import (
    DirectoryStorage,
    InvalidKey,
    ObjectNotFound,
    StorageError,
    check_key,
    verify_media_signature,
)

router = APIRouter(prefix="/api/media", tags=["media"])

CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                 # Videos (media_kind video) are stored under their container's extension.
                 ".mp4": "video/mp4", ".mov": "video/quicktime", ".3gp": "video/3gpp", ".avi": "video/x-msvideo"}


@router.get(
    "/{bucket}/{key:path}",
    name="get",
    summary="A stored object, by signed URL (directory storage backend)",
    description="The URLs come from the `thumbnail_url`, `url` and `crop_url` fields; they carry their own "
    "authorisation (HMAC signature with an expiry), so no access token is needed.",
    response_class=Response,
    responses={
        200: {"content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}}, "description": "The object"},
        **error_responses(403, 404, 503),
    },
)
async def get_media(
    bucket: Annotated[Literal["raw-images", "crops", "thumbnails"], Path()],
    key: Annotated[str, Path(max_length=512)],
    expires: Annotated[int, Query(ge=0, le=2**53)],
    signature: Annotated[str, Query(max_length=128, pattern=r"^[0-9a-f]*$")],
    ctx: Annotated[ServiceContext, Depends(get_ctx)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Response:
    storage = ctx.storage
    if not isinstance(storage, DirectoryStorage):
        raise NotFound("media are served by the object store")
    try:
        # The key is checked against the safe-key pattern before anything else touches it.
        check_key(bucket, key)
    except InvalidKey as exc:
        raise NotFound("not found") from exc
    if not verify_media_signature(storage.secret, bucket, key, expires, signature):
        raise Forbidden("invalid or expired signature")
    try:
        data = await run_in_threadpool(storage.get, bucket, key)
    except ObjectNotFound as exc:
        raise NotFound("not found") from exc
    except StorageError as exc:
        raise ServiceUnavailable("storage unavailable") from exc
    suffix = key[key.rfind(".") :].lower() if "." in key else ""
    max_age = max(0, min(expires - int(time.time()), settings.media_url_ttl_seconds))
    return Response(
        data,
        media_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
        headers={"Cache-Control": f"private, max-age={max_age}"},
    )
