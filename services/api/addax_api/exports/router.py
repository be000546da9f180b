"""Exports (streamed downloads, filtered like the gallery) and imports of a project's data.

Every export answers with `X-Export-Images` (the images it holds) and, when media files are in the
zip, `X-Export-Media-Bytes` (their total size), before the first byte of the body: the dashboard turns
the bytes received into progress.
"""

from __future__ import annotations

import tempfile
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from addax_api.errors import ApiError, error_responses
from addax_api.exports import importing, service
from addax_api.exports.schemas import ImportResult
from addax_api.exports.service import Export, MediaMode, Prepared, Table
from addax_api.queries.filters import ImageQuery, image_query
from addax_api.scope import ProjectAdmin, ProjectViewer
from addax_api.uow import UoW

router = APIRouter(prefix="/api/projects/{slug}", tags=["exports"], responses=error_responses(401, 403, 404))


class PayloadTooLarge(ApiError):
    status_code = 413
    default_detail = "payload too large"


Filters = Annotated[ImageQuery, Depends(image_query)]
PROGRESS = (
    " Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number "
    "of images up front."
)


def _binary(*media_types: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in media_types},
            "description": "The export, as an attachment",
        }
    }


def _job(request: Request, filters: ImageQuery, scope: Any) -> Export:
    state = request.app.state
    user = scope.user
    return Export(
        state.ctx, state.media, filters, state.settings.detection_classify_threshold, user.full_name or user.email
    )


def _response(prepared: Prepared) -> StreamingResponse:
    headers = {
        "Content-Disposition": f'attachment; filename="{prepared.filename}"',
        "X-Export-Images": str(prepared.images),
        "Cache-Control": "no-store",
    }
    if prepared.media_bytes is not None:
        headers["X-Export-Media-Bytes"] = str(prepared.media_bytes)
    return StreamingResponse(prepared.body, media_type=prepared.media_type, headers=headers)


@router.get(
    "/exports/camtrap-dp",
    name="export_camtrap_dp",
    summary="Camtrap DP 1.0.2 package (zip): deployments, media, observations",
    description="Images in a deployment and with a capture time (Camtrap DP requires both). `media=include` puts "
    "the photos in the zip (`media/...`, relative filePath) and sends `X-Export-Media-Bytes`; `media=urls` links "
    "them by signed URLs valid for the media URL lifetime." + PROGRESS,
    response_class=StreamingResponse,
    responses=_binary("application/zip"),
)
def export_camtrap_dp(
    request: Request, slug: str, scope: ProjectViewer, filters: Filters,
    media: Annotated[MediaMode, Query(description="`include`: photos in the zip; `urls`: signed URLs")] = "urls",
) -> StreamingResponse:  # fmt: skip
    return _response(service.camtrap_dp(_job(request, filters, scope), slug, media))


@router.get(
    "/exports/megadetector",
    name="export_megadetector",
    summary="MegaDetector batch-output JSON 1.4 (Timelapse), optionally zipped with the photos",
    description="Every detection with its machine classifications; `file` is `<camera>/<id prefix>-<file name>`, "
    "the photo's path in the zip with `media=include`." + PROGRESS,
    response_class=StreamingResponse,
    responses=_binary("application/json", "application/zip"),
)
def export_megadetector(
    request: Request, slug: str, scope: ProjectViewer, filters: Filters,
    media: Annotated[Literal["none", "include"], Query(description="`include`: a zip of the JSON and the photos")] = "none",
) -> StreamingResponse:  # fmt: skip
    mode: MediaMode = "include" if media == "include" else "urls"
    return _response(service.megadetector_json(_job(request, filters, scope), slug, mode))


@router.get(
    "/exports/csv",
    name="export_csv",
    summary="CSV of the images or of the observations (one row per detection)",
    description="Detections below the display threshold are left out, as in the gallery." + PROGRESS,
    response_class=StreamingResponse,
    responses=_binary("text/csv"),
)
def export_csv(
    request: Request, slug: str, scope: ProjectViewer, filters: Filters,
    table: Annotated[Table, Query(description="Which table")] = "images",
) -> StreamingResponse:  # fmt: skip
    return _response(service.table_csv(_job(request, filters, scope), slug, table))


@router.get(
    "/exports/xlsx",
    name="export_xlsx",
    summary="XLSX workbook with an images sheet and an observations sheet",
    description="Written with openpyxl's write-only mode to a temporary file, then streamed." + PROGRESS,
    response_class=StreamingResponse,
    responses=_binary("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)
def export_xlsx(request: Request, slug: str, scope: ProjectViewer, filters: Filters) -> StreamingResponse:
    return _response(service.table_xlsx(_job(request, filters, scope), slug))


@router.post(
    "/imports",
    response_model=ImportResult,
    name="import",
    summary="Import a Camtrap DP package or a MegaDetector JSON, zipped with its photos (project admin)",
    description="The request body is the zip itself (`Content-Type: application/zip` or `application/octet-stream`). One transaction: any "
    "invalid file, row or field is a 422 whose `loc` names the file, the line and the field, and nothing is "
    "stored (photos written to storage before the failure are removed).",
    responses=error_responses(413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in ("application/zip", "application/octet-stream")
            },
        }
    },
)
async def import_package(request: Request, slug: str, scope: ProjectAdmin, uow: UoW) -> ImportResult:
    limit = request.app.state.settings.import_max_bytes
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as upload:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"an import may be at most {limit} bytes")
            await run_in_threadpool(upload.write, chunk)
        upload.seek(0)
        return await run_in_threadpool(importing.run, uow, scope, upload)
