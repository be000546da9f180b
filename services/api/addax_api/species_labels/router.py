from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from addax_api.deps import get_db, get_settings
from addax_api.errors import create_route
from addax_api.scope import ProjectAdmin, ProjectViewer, project_scoped_router
from addax_api.species_labels import service
from addax_api.species_labels.schemas import SpeciesLabelCreate, SpeciesLabelCreated, SpeciesLabelList
from addax_api.uow import UoW
from addax_common.settings import Settings

router = project_scoped_router("/species-labels", "species")

DB = Annotated[Session, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]


@router.get(
    "",
    name="labels",
    summary="The labels a species correction may name: specials, the classifier's and taxonomy's labels, groups, admin additions",
)
def list_labels(scope: ProjectViewer, db: DB, settings: AppSettings) -> SpeciesLabelList:
    return SpeciesLabelList(labels=service.species_list(db, settings, scope.project_id))


@create_route(router, "Add a label to the project's species list (project admin)", name="add_label")
def add_label(body: SpeciesLabelCreate, scope: ProjectAdmin, uow: UoW, settings: AppSettings) -> SpeciesLabelCreated:
    return service.add_label(uow, settings, scope, body.label)
