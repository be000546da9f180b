from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from addax_api.validation import NonEmptyText120

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class UploadKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: NonEmptyText120 = Field(description="What the key is for: a camera, a station's gateway")
    camera_id: int | None = Field(None, ge=1, description="A per-camera key files every upload under this camera; "
                                  "none: a station key, ingestion identifies the camera as for FTPS")


class UploadKeyOut(BaseModel):
    """An upload key. The key itself is shown once, when it is created; only its hash is stored."""

    id: int
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart")
    camera_id: int | None
    camera_name: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class UploadKeyCreated(UploadKeyOut):
    key: str = Field(description="The key: shown this once, store it on the device now")


class UploadResult(BaseModel):
    """What ingestion made of one file (the same outcome and reason an FTPS upload gets)."""

    outcome: str = Field(description="received, duplicate, rejected, report or report_rejected")
    status: str | None = Field(description="The image's status (received ... completed, rejected); "
                               "for a duplicate the status of the image that already holds the content")
    image_id: uuid.UUID | None
    camera_id: int | None = None
    reason: str | None = Field(None, description="Why the file was rejected")
    duplicate: bool = False
    status_url: str | None = Field(None, description="Where the image's progress through the pipeline can be read")


class HashCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sha256: list[Sha256Hex] = Field(max_length=5000, description="sha256 of each file, lowercase hex")


class KnownFile(BaseModel):
    sha256: str
    image_id: uuid.UUID | None = Field(description="Null when the content is held by another project")
    status: str | None


class HashCheckOut(BaseModel):
    known: list[KnownFile] = Field(description="The hashes already on the server; the rest are new")


class UploadSessionOut(BaseModel):
    """A resumable upload: how far it got, and once complete, what ingestion made of it."""

    id: uuid.UUID
    filename: str
    length: int
    offset: int
    complete: bool
    result: UploadResult | None


class ImageUploadStatus(BaseModel):
    image_id: uuid.UUID
    status: str
    reason: str | None
    filename: str
    upload_door: str
    received_at: datetime
    completed_at: datetime | None
