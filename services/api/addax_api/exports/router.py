"""Exports (streamed downloads, filtered like the gallery) and imports of a project's data.

Every export answers with `X-Export-Images` (the images it holds) and, when media files are in the
zip, `X-Export-Media-Bytes` (their total size), before the first byte of the body: the dashboard turns
the bytes received into progress.
"""

from __future__ import annotations

import tempfile
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import ApiError, error_responses
from addax_api.exports import importing, service
from addax_api.exports.schemas import ImportResult
from addax_api.exports.service import Export, MediaMode, Prepared, Table
from addax_api.images.service import Presentation, presentation
from addax_api.queries.filters import ImageQuery, image_query
from addax_api.scope import ProjectAdmin, ProjectViewer, project_scoped_router
from addax_api.uow import UoW

router = project_scoped_router("", "exports")


class PayloadTooLarge(ApiError):
    status_code = 413
    default_detail = "payload too large"


Filters = Annotated[ImageQuery, Depends(image_query)]
PROGRESS = (
    " Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number "
    "of images up front."
)


def _download(*media_types: str) -> dict[str, Any]:
    """The decorator arguments of an export route: a streamed body, documented as a binary attachment."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "response_class": StreamingResponse,
        "responses": {200: {"content": dict.fromkeys(media_types, binary), "description": "The export, as an attachment"}},
    }


def export_job(
    request: Request,
    scope: ProjectViewer,
    filters: Filters,
    view: Annotated[Presentation, Depends(presentation)],
    db: Annotated[Session, Depends(get_db)],
) -> Export:
    """The export of the gallery's selection, for the signed-in viewer (named as its author), with the
    gallery's display threshold and people blurring (the run-time settings of the Models page)."""
    state = request.app.state
    user = scope.user
    job = Export(state.ctx, state.media, filters, view.threshold, user.full_name or user.email, view.blur_people)
    # The export reads in snapshot sessions of its own while it streams: give the request's connection
    # back now, so one export holds one connection (the concurrency gate counts one per request).
    db.close()
    return job


Job = Annotated[Export, Depends(export_job)]


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
    **_download("application/zip"),
)
def export_camtrap_dp(
    slug: str,
    job: Job,
    media: Annotated[MediaMode, Query(description="`include`: photos in the zip; `urls`: signed URLs")] = "urls",
) -> StreamingResponse:
    return _response(service.camtrap_dp(job, slug, media))


@router.get(
    "/exports/megadetector",
    name="export_megadetector",
    summary="MegaDetector batch-output JSON 1.4 (Timelapse), optionally zipped with the photos",
    description="Every detection with its machine classifications; `file` is `<camera>/<id prefix>-<file name>`, "
    "the photo's path in the zip with `media=include`." + PROGRESS,
    **_download("application/json", "application/zip"),
)
def export_megadetector(
    slug: str,
    job: Job,
    media: Annotated[Literal["none", "include"], Query(description="`include`: a zip of the JSON and the photos")] = "none",
) -> StreamingResponse:
    mode: MediaMode = "include" if media == "include" else "urls"
    return _response(service.megadetector_json(job, slug, mode))


@router.get(
    "/exports/csv",
    name="export_csv",
    summary="CSV of the images or of the observations (one row per detection)",
    description="Detections below the display threshold are left out, as in the gallery." + PROGRESS,
    **_download("text/csv"),
)
def export_csv(slug: str, job: Job, table: Annotated[Table, Query(description="Which table")] = "images") -> StreamingResponse:
    return _response(service.table_csv(job, slug, table))


@router.get(
    "/exports/xlsx",
    name="export_xlsx",
    summary="XLSX workbook with an images sheet and an observations sheet",
    description="Written with openpyxl's write-only mode to a temporary file, then streamed." + PROGRESS,
    **_download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)
def export_xlsx(slug: str, job: Job) -> StreamingResponse:
    return _response(service.table_xlsx(job, slug))


@router.post(
    "/imports",
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
