from typing import Annotated

from fastapi import APIRouter, Depends, Path, status
from sqlalchemy.orm import Session

from addax_api.deps import get_db, get_settings
from addax_api.errors import create_route, error_responses
from addax_api.ftp_accounts import service
from addax_api.ftp_accounts.schemas import FtpAccountCreate, FtpAccountOut, FtpAccountUpdate
from addax_api.scope import SIGNED_IN_RESPONSES
from addax_api.security import AdminUser
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32
from addax_common.settings import Settings

router = APIRouter(prefix="/api/ftp-accounts", tags=["ftp"], responses=SIGNED_IN_RESPONSES)

AccountId = Annotated[int, Path(ge=1, le=MAX_INT32)]
Db = Annotated[Session, Depends(get_db)]


@router.get("", name="list", summary="List FTP upload accounts (admin)")
def list_accounts(user: AdminUser, db: Db) -> list[FtpAccountOut]:
    return service.list_accounts(db)


@create_route(router, "Create an FTP upload account (admin)")
def create_account(body: FtpAccountCreate, user: AdminUser, uow: UoW,
                   settings: Annotated[Settings, Depends(get_settings)]) -> FtpAccountOut:
    return service.create_account(uow.db, settings, uow.actor, body)


@router.get("/{account_id}", name="get", summary="One FTP account (admin)", responses=error_responses(404))
def get_account(account_id: AccountId, user: AdminUser, db: Db) -> FtpAccountOut:
    return service.get_account(db, account_id)


@router.patch("/{account_id}", name="update",
              summary="Change password, project, camera, plain FTP, IP allow-list or enabled (admin)",
              responses=error_responses(400, 404))
def update_account(account_id: AccountId, body: FtpAccountUpdate, user: AdminUser, uow: UoW) -> FtpAccountOut:
    return service.update_account(uow.db, uow.actor, account_id, body)


@router.delete("/{account_id}", status_code=status.HTTP_204_NO_CONTENT, name="delete",
               summary="Delete an FTP account (admin)", responses=error_responses(404))
def delete_account(account_id: AccountId, user: AdminUser, uow: UoW) -> None:
    service.delete_account(uow.db, uow.actor, account_id)
