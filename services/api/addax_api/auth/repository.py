from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from addax_common.db import RefreshToken


def add_refresh_token(db: Session, **values: Any) -> RefreshToken:
    row = RefreshToken(**values)
    db.add(row)
    return row


def find_refresh_token(db: Session, token_hash: str) -> RefreshToken | None:
    # Locked: two concurrent refreshes with the same token cannot both succeed.
    return db.scalars(select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()).first()


def revoke_family(db: Session, family_id: uuid.UUID, when: datetime) -> int:
    result = db.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=when)
    )
    # An UPDATE runs through a cursor; Session.execute is typed as the general Result.
    return typing.cast("CursorResult[Any]", result).rowcount or 0
