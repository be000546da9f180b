from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from addax_api.validation import text
from addax_common.ftp_accounts import ACCOUNT_NAME_PATTERN, DEFAULT_PROJECT, PROJECT_SLUG_PATTERN, parse_networks

# FTP passwords: camera firmware often limits length and characters; still at least 12.
FtpPassword = Annotated[str, StringConstraints(min_length=12, max_length=128, pattern=r"^[\x21-\x7e]+$")]


def _networks(values: list[str]) -> list[str]:
    """Normalised CIDRs (a single address becomes /32 or /128); a bad entry is a 422 naming it."""
    return [str(network) for network in parse_networks(values)]


ProjectSlug = Annotated[
    str,
    StringConstraints(max_length=64, pattern=PROJECT_SLUG_PATTERN),
    Field(description="The project new cameras seen through this account are registered in (not archived)"),
]

AllowList = Annotated[list[Annotated[str, StringConstraints(max_length=64)]], Field(max_length=50),
                      AfterValidator(_networks)]


class FtpAccountOut(BaseModel):
    """An upload account. The password is write-only and never returned."""

    id: int
    username: str
    project: str = Field(description="Slug of the project the account uploads for")
    camera_name: str | None
    allow_plain_ftp: bool
    ip_allowlist: list[str]
    enabled: bool
    created_at: datetime
    updated_at: datetime | None
    cleartext_warning: str | None = Field(
        description="Set when plain FTP is allowed: the password and photos travel unencrypted")


class FtpAccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, StringConstraints(pattern=ACCOUNT_NAME_PATTERN)]
    password: FtpPassword
    project: ProjectSlug = DEFAULT_PROJECT
    camera_name: text(120, 1) | None = None
    allow_plain_ftp: bool = False
    ip_allowlist: AllowList = []
    enabled: bool = True


class FtpAccountUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    password: FtpPassword | None = None
    project: ProjectSlug | None = None
    camera_name: text(120, 1) | None = None
    allow_plain_ftp: bool | None = None
    ip_allowlist: AllowList | None = None
    enabled: bool | None = None
