from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from addax_common.db import RefreshToken, User, UserRole


def list_users(db: Session) -> list[User]:
    return list(db.scalars(select(User).order_by(User.email)).all())


def get(db: Session, user_id: int, for_update: bool = False) -> User | None:
    query = select(User).where(User.id == user_id)
    if for_update:
        query = query.with_for_update()
    return db.scalars(query).first()


def get_by_email(db: Session, email: str) -> User | None:
    return db.scalars(select(User).where(func.lower(User.email) == email.lower())).first()


def count_users(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(User)) or 0


def lock_active_admins(db: Session) -> list[int]:
    """Ids of active admins, locked so two requests cannot each remove 'the other' last admin."""
    query = select(User.id).where(User.role == UserRole.ADMIN, User.is_active.is_(True)).with_for_update()
    return list(db.scalars(query).all())


def revoke_refresh_tokens(db: Session, user_id: int, when: datetime) -> None:
    db.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=when)
    )
