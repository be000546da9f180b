from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from addax_common.db import FtpAccount, Project


def list_accounts(db: Session) -> list[FtpAccount]:
    return list(db.scalars(select(FtpAccount).order_by(FtpAccount.username)).all())


def get(db: Session, account_id: int, for_update: bool = False) -> FtpAccount | None:
    query = select(FtpAccount).where(FtpAccount.id == account_id)
    if for_update:
        query = query.with_for_update()
    return db.scalars(query).first()


def project_by_slug(db: Session, slug: str) -> Project | None:
    return db.scalars(select(Project).where(Project.slug == slug)).first()


def project_slug(db: Session, project_id: int) -> str:
    return db.scalars(select(Project.slug).where(Project.id == project_id)).one()


def get_by_username(db: Session, username: str) -> FtpAccount | None:
    return db.scalars(select(FtpAccount).where(FtpAccount.username == username)).first()
