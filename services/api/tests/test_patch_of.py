"""validation.patch_of: an update body made from a create body keeps each field's type, limits and
description, makes it optional (not sent = not set), adds the update's own fields and drops `exclude`."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from addax_api.alerts.schemas import AlertRuleCreate, AlertRuleUpdate
from addax_api.cameras.schemas import CameraCreate, CameraUpdate
from addax_api.deployments.schemas import DeploymentCreate, DeploymentUpdate
from addax_api.validation import NonEmptyText120, patch_of

Count = Annotated[int, Field(ge=0, le=10, description="How many (on the type)")]


class ThingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    owner_id: int
    name: NonEmptyText120
    count: Count = 0
    note: str | None = Field(default=None, description="A note (on the field)")

    @model_validator(mode="after")
    def _whole_thing(self) -> ThingCreate:
        if self.name == "forbidden-as-a-new-thing":
            raise ValueError("create-only rule")
        return self


@patch_of(ThingCreate, exclude={"owner_id"})
class ThingUpdate(BaseModel):
    """A change to a thing."""

    model_config = ConfigDict(extra="forbid")

    archived: bool | None = None


def test_fields_become_optional_and_only_what_is_sent_is_set():
    assert set(ThingUpdate.model_fields) == {"archived", "name", "count", "note"}
    assert not any(field.is_required() for field in ThingUpdate.model_fields.values())
    change = ThingUpdate(count=3)
    assert change.model_fields_set == {"count"} and change.model_dump(exclude_unset=True) == {"count": 3}
    assert ThingUpdate(note=None).model_dump(exclude_unset=True) == {"note": None}
    assert ThingUpdate(name="forbidden-as-a-new-thing").name == "forbidden-as-a-new-thing"  # no create validator
    assert ThingUpdate.__name__ == "ThingUpdate" and ThingUpdate.__doc__ == "A change to a thing."


@pytest.mark.parametrize(
    "body", [{"name": "   "}, {"count": 11}, {"owner_id": 2}, {"colour": "red"}], ids=["blank", "limit", "excluded", "unknown"]
)
def test_limits_and_extra_forbid_still_apply(body):
    with pytest.raises(ValidationError):
        ThingUpdate(**body)


def test_descriptions_come_once_from_where_the_create_body_has_them():
    properties = ThingUpdate.model_json_schema()["properties"]
    assert properties["note"]["description"] == "A note (on the field)"
    assert "description" not in properties["count"]  # it stays on the type, inside the anyOf
    assert {"type": "null"} in properties["count"]["anyOf"]
    assert any(part.get("description") == "How many (on the type)" for part in properties["count"]["anyOf"])


@pytest.mark.parametrize(
    ("create", "update", "update_only", "create_only"),
    [
        (CameraCreate, CameraUpdate, {"project"}, set()),
        (DeploymentCreate, DeploymentUpdate, set(), {"camera_id"}),
        (AlertRuleCreate, AlertRuleUpdate, set(), set()),
    ],
)
def test_update_bodies_of_the_api_follow_their_create_bodies(create, update, update_only, create_only):
    assert set(update.model_fields) == (set(create.model_fields) - create_only) | update_only
    assert not any(field.is_required() for field in update.model_fields.values())
