"""User management (admin): create, change role, deactivate, delete with confirmation.

Guards: an admin cannot demote, deactivate or delete themself, and the last active admin cannot be
removed by anyone, so the platform always keeps someone who can manage it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.errors import BadRequest, Conflict, NotFound
from addax_api.users import repository
from addax_api.users.schemas import UserCreate, UserOut, UserUpdate
from addax_common.db import User, UserRole
from addax_common.passwords import hash_password


def list_users(db: Session) -> list[UserOut]:
    return [UserOut.model_validate(u) for u in repository.list_users(db)]


def get_user(db: Session, user_id: int) -> UserOut:
    user = repository.get(db, user_id)
    if user is None:
        raise NotFound("user not found")
    return UserOut.model_validate(user)


def create_user(db: Session, actor: Actor, data: UserCreate) -> UserOut:
    if repository.get_by_email(db, data.email) is not None:
        raise Conflict("a user with this e-mail already exists")
    user = User(email=data.email, full_name=data.full_name, role=data.role, password_hash=hash_password(data.password))
    db.add(user)
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        raise Conflict("a user with this e-mail already exists") from exc
    record(db, actor, "user.create", "user", user.id, {"email": user.email, "role": user.role.value})
    return UserOut.model_validate(user)


def _removes_admin(user: User, new_role: UserRole | None, new_active: bool | None) -> bool:
    if user.role != UserRole.ADMIN or not user.is_active:
        return False
    return (new_role is not None and new_role != UserRole.ADMIN) or new_active is False


def update_user(db: Session, actor: Actor, user_id: int, data: UserUpdate) -> UserOut:
    user = repository.get(db, user_id, for_update=True)
    if user is None:
        raise NotFound("user not found")
    fields = data.model_fields_set
    new_role = data.role if "role" in fields else None
    new_active = data.is_active if "is_active" in fields else None
    if "role" in fields and data.role is None or "is_active" in fields and data.is_active is None:
        raise BadRequest("role and is_active cannot be null")
    if user.id == actor.user_id and (
        (new_role is not None and new_role != user.role) or new_active is False
    ):
        raise Conflict("you cannot change your own role or deactivate yourself")
    if _removes_admin(user, new_role, new_active):
        admins = repository.lock_active_admins(db)
        if admins == [user.id]:
            raise Conflict("the last active admin cannot be demoted or deactivated")

    changes: dict[str, object] = {}
    now = datetime.now(UTC)
    if "full_name" in fields and data.full_name != user.full_name:
        changes["full_name"] = [user.full_name, data.full_name]
        user.full_name = data.full_name
    if new_role is not None and new_role != user.role:
        changes["role"] = [user.role.value, new_role.value]
        user.role = new_role
    if new_active is not None and new_active != user.is_active:
        changes["is_active"] = [user.is_active, new_active]
        user.is_active = new_active
        if not new_active:
            repository.revoke_refresh_tokens(db, user.id, now)
    if "password" in fields and data.password is not None:
        changes["password"] = "changed"  # noqa: S105 - the audit log records that it changed, never the value
        user.password_hash = hash_password(data.password)
        # A password reset ends every session of that user.
        repository.revoke_refresh_tokens(db, user.id, now)
    if changes:
        record(db, actor, "user.update", "user", user.id, {"email": user.email, "changes": changes})
    db.flush()
    return UserOut.model_validate(user)


def delete_user(db: Session, actor: Actor, user_id: int, confirm: str | None) -> None:
    user = repository.get(db, user_id, for_update=True)
    if user is None:
        raise NotFound("user not found")
    if confirm is None or confirm.strip().lower() != user.email.lower():
        raise BadRequest("to delete a user, pass confirm=<the user's e-mail address>")
    if user.id == actor.user_id:
        raise Conflict("you cannot delete yourself")
    if _removes_admin(user, UserRole.VIEWER, None):
        admins = repository.lock_active_admins(db)
        if admins == [user.id]:
            raise Conflict("the last active admin cannot be deleted")
    record(db, actor, "user.delete", "user", user.id, {"email": user.email, "role": user.role.value})
    db.delete(user)
    db.flush()


def ensure_admin(db: Session, email: str, password: str) -> User | None:
    """Create the first admin from settings when the platform has no user at all."""
    if repository.count_users(db) > 0:
        return None
    user = User(email=email.strip().lower(), role=UserRole.ADMIN, password_hash=hash_password(password), full_name="Administrator")
    db.add(user)
    db.flush()
    record(db, Actor(user_id=None, email="system"), "user.create", "user", user.id, {"email": user.email, "role": "admin", "via": "bootstrap"})
    return user
