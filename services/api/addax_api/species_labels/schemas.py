from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from addax_api.validation import NonEmptyText200

LabelKind = Literal["special", "species", "group", "custom"]


class SpeciesLabelOut(BaseModel):
    label: str = Field(description="The value a correction stores (lower case)")
    display: str = Field(description="How the dashboard names it ('Blank / false trigger' for blank)")
    kind: LabelKind = Field(
        description="special: blank, person, vehicle; species: the classifier's and the taxonomy's labels; "
        "group: a taxonomy group (e.g. 'carnivores') for an animal seen too badly to name; custom: added by an admin"
    )
    aliases: list[str] = Field(default_factory=list, description="Other words a search finds it by ('human')")


class SpeciesLabelList(BaseModel):
    labels: list[SpeciesLabelOut]


class SpeciesLabelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: NonEmptyText200


class SpeciesLabelCreated(SpeciesLabelOut):
    created_at: datetime
