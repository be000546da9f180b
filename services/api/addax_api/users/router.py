from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import create_route, error_responses
from addax_api.scope import SIGNED_IN_RESPONSES
from addax_api.security import AdminUser
from addax_api.uow import UoW
from addax_api.users import service
from addax_api.users.schemas import UserCreate, UserOut, UserUpdate
from addax_api.validation import MAX_INT32

router = APIRouter(prefix="/api/users", tags=["users"], responses=SIGNED_IN_RESPONSES)

UserId = Annotated[int, Path(ge=1, le=MAX_INT32)]


@router.get("", name="list", summary="List users (admin)")
def list_users(user: AdminUser, db: Annotated[Session, Depends(get_db)]) -> list[UserOut]:
    return service.list_users(db)


@create_route(router, "Create a user (admin)")
def create_user(body: UserCreate, user: AdminUser, uow: UoW) -> UserOut:
    return service.create_user(uow.db, uow.actor, body)


@router.get(
    "/{user_id}", name="get", summary="One user (admin)", responses=error_responses(404)
)
def get_user(user_id: UserId, user: AdminUser, db: Annotated[Session, Depends(get_db)]) -> UserOut:
    return service.get_user(db, user_id)


@router.patch(
    "/{user_id}",
    name="update",
    summary="Change role, active flag, name or password (admin)",
    responses=error_responses(400, 404, 409),
)
def update_user(user_id: UserId, body: UserUpdate, user: AdminUser, uow: UoW) -> UserOut:
    return service.update_user(uow.db, uow.actor, user_id, body)


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    name="delete",
    summary="Delete a user (admin); confirm with the user's e-mail",
    responses=error_responses(400, 404, 409),
)
def delete_user(
    user_id: UserId,
    user: AdminUser,
    uow: UoW,
    confirm: Annotated[
        str | None, Query(max_length=320, description="The e-mail address of the user to delete")
    ] = None,
) -> None:
    service.delete_user(uow.db, uow.actor, user_id, confirm)
