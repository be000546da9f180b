from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from addax_api.validation import Email, Password, Text200
from addax_common.db import UserRole


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str | None
    role: UserRole
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Password
    full_name: Text200 | None = None
    role: UserRole = UserRole.VIEWER


class UserUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    full_name: Text200 | None = None
    role: UserRole | None = None
    is_active: bool | None = None
    password: Password | None = None
