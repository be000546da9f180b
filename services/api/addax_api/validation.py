"""Input types shared by the domains: strings PostgreSQL can store, e-mail addresses, date bounds, and
the update bodies derived from create bodies (`patch_of`).

PostgreSQL rejects NUL characters in text and JSONB, and psycopg2 raises on them before a query is
sent; refusing them in validation keeps such input a 422 instead of a server error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, TypeVar, get_args, get_type_hints

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, create_model
from pydantic.fields import FieldInfo

from addax_api.errors import ValidationFailed

MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1

Body = TypeVar("Body", bound=BaseModel)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _no_nul_deep(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        _no_nul(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(str(key))
            _no_nul_deep(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _no_nul_deep(item, depth + 1)
    elif isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise ValueError("must be a finite number")
    return value


# Stripped strings of bounded length without NUL characters, written out as aliases (not built by a
# function) so that type checkers read them as types; the number is the maximum length.
_NO_NUL = AfterValidator(_no_nul)
Text64 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=64), _NO_NUL]
Text120 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=120), _NO_NUL]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=200), _NO_NUL]
Text1000 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=1000), _NO_NUL]
Text5000 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=5000), _NO_NUL]
# The same, at least one character long after stripping.
NonEmptyText64 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64), _NO_NUL]
NonEmptyText120 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120), _NO_NUL]
NonEmptyText200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _NO_NUL]
# An e-mail address to look up an existing user by: checked only as text, the lookup decides.
EmailLookup = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=320), _NO_NUL]


JsonObject = Annotated[dict[str, Any], AfterValidator(_no_nul_deep)]

_EMAIL = re.compile(r"^[^@\s\x00]{1,64}@[^@\s\x00]{1,255}$")


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value) or "." not in value.rsplit("@", 1)[1]:
        raise ValueError("must be an e-mail address")
    return value


Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(_email)]
Password = Annotated[str, StringConstraints(min_length=8, max_length=256), AfterValidator(_no_nul)]

# ISO 8601 date or date-time, as accepted by the date_from / date_to query parameters.
DATE_OR_DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$"
)
DATE_PARAM_DESCRIPTION = (
    "ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given)."
)


def parse_date_bound(value: str | None, name: str, *, upper: bool) -> datetime | None:
    """A query bound as an aware datetime. Upper bounds are exclusive: a date means up to the next midnight,
    a date-time includes that instant. None when there is no bound (also when it overflows the calendar)."""
    if value is None or value == "":
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime.combine(day, time.min, tzinfo=UTC)
            return start + timedelta(days=1) if upper else start
        moment = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError as exc:
        raise ValidationFailed(f"{name} must be an ISO date or date-time") from exc
    except OverflowError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment + timedelta(microseconds=1) if upper else moment
    except OverflowError:
        return None


def patch_of(create: type[BaseModel], *, exclude: Collection[str] = ()) -> Callable[[type[Body]], type[Body]]:
    """Class decorator for the body that changes a resource: the decorated class gets every field of
    ``create`` (but ``exclude``) that it does not declare itself, with the same type, limits and
    description, made optional: default None, so a field not sent is not in ``model_fields_set`` /
    ``model_dump(exclude_unset=True)`` and leaves the value alone. The class declares what differs
    (fields only an update has, or a field the service reads by name); the create body's validators
    are not copied, since they check a whole new resource, not a change."""

    def derive(cls: type[Body]) -> type[Body]:
        hints = get_type_hints(create, include_extras=True)
        fields: dict[str, Any] = {}
        for name, info in create.model_fields.items():
            if name in exclude or name in cls.model_fields:
                continue
            # A description on the type (an Annotated alias) comes with it; one on the field is copied.
            description = None if _described(hints[name]) else info.description
            fields[name] = (hints[name] | None, Field(default=None, description=description))
        return create_model(cls.__name__, __base__=cls, __module__=cls.__module__, __doc__=cls.__doc__, **fields)

    return derive


def _described(hint: Any) -> bool:
    """Whether a type carries a description itself (``Annotated[..., Field(description=...)]``, also inside
    a union or another Annotated)."""
    return any(
        (isinstance(arg, FieldInfo) and arg.description is not None) or _described(arg) for arg in get_args(hint)
    )
