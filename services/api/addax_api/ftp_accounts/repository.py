from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from addax_common.db import FtpAccount


def list_accounts(db: Session) -> list[FtpAccount]:
    return list(db.scalars(select(FtpAccount).order_by(FtpAccount.username)).all())


def get(db: Session, account_id: int, for_update: bool = False) -> FtpAccount | None:
    query = select(FtpAccount).where(FtpAccount.id == account_id)
    if for_update:
        query = query.with_for_update()
    return db.scalars(query).first()


def get_by_username(db: Session, username: str) -> FtpAccount | None:
    return db.scalars(select(FtpAccount).where(FtpAccount.username == username)).first()
