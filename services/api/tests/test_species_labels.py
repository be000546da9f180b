"""The species list corrections pick from: what it holds, who may add to it, and that corrections are
checked against it (a label outside it is a 422 naming the label; nothing is stored)."""

from __future__ import annotations

from sqlalchemy import select, update

from addax_api import security
from addax_common.db import AuditLog, Classification, ProjectMember, SpeciesLabel, UserRole
from addax_common.species_groups import default_taxonomy

from .conftest import add_user

URL = "/api/projects/default/species-labels"


def labels(client, headers) -> dict[str, dict]:
    response = client.get(URL, headers=headers)
    assert response.status_code == 200, response.text
    return {item["label"]: item for item in response.json()["labels"]}


def test_list_holds_specials_classifier_and_taxonomy_labels_and_groups(client, users, gallery, api_settings):
    listed = labels(client, users.viewer.headers)
    ordered = list(listed)
    # The specials come first, with the names reviewers look for.
    assert ordered[:3] == ["blank", "person", "vehicle"]
    assert listed["blank"]["display"] == "Blank / false trigger" and listed["blank"]["kind"] == "special"
    assert listed["person"]["display"] == "Human" and "human" in listed["person"]["aliases"]
    # The classifier's labels in this project (any rank) that the taxonomy does not know ...
    for machine in ("zebra", "wildebeest", "impala", "eland", "kudu"):
        assert listed[machine]["kind"] == "species", machine
    # ... the taxonomy's labels, and its groups for an animal seen too badly to name.
    taxonomy = default_taxonomy(api_settings.species_groups_file)
    assert {label for label in taxonomy.labels if label not in ("animal", "person", "vehicle")} <= {
        k for k, v in listed.items() if v["kind"] == "species"
    }
    assert {k for k, v in listed.items() if v["kind"] == "group"} == set(taxonomy.groups)
    assert "animal" not in listed  # a detector category, not a species
    assert len(ordered) == len(set(ordered))


def test_admins_add_labels_others_cannot(client, users, gallery, api_ctx, api_settings):
    added = client.post(URL, json={"label": "  Sika   Deer "}, headers=users.admin.headers)
    assert added.status_code == 201, added.text
    assert added.json()["label"] == "sika deer" and added.json()["kind"] == "custom"
    assert labels(client, users.viewer.headers)["sika deer"]["kind"] == "custom"
    # Already listed (added, or from the taxonomy): 409 naming where it comes from.
    again = client.post(URL, json={"label": "SIKA DEER"}, headers=users.admin.headers)
    assert again.status_code == 409 and "sika deer" in again.json()["detail"]
    taxonomy_label = client.post(URL, json={"label": "wolf"}, headers=users.admin.headers)
    assert taxonomy_label.status_code == 409 and "(species)" in taxonomy_label.json()["detail"]
    # Analysts and viewers may not add; bad input names the field.
    assert client.post(URL, json={"label": "okapi"}, headers=users.analyst.headers).status_code == 403
    assert client.post(URL, json={"label": "okapi"}, headers=users.viewer.headers).status_code == 403
    empty = client.post(URL, json={"label": "  "}, headers=users.admin.headers)
    assert empty.status_code == 422 and empty.json()["detail"][0]["loc"] == ["body", "label"]
    assert client.post(URL, json={"label": "x" * 201}, headers=users.admin.headers).status_code == 422
    assert client.post(URL, json={"label": "okapi", "extra": 1}, headers=users.admin.headers).status_code == 422
    # A project admin who is an analyst server-wide may add to their project.
    member = add_user(api_ctx, "padmin@example.org", UserRole.ANALYST)
    with api_ctx.sessions() as db:
        db.execute(update(ProjectMember).where(ProjectMember.user_id == member.id).values(role=UserRole.ADMIN))
        db.commit()
    headers = {"Authorization": f"Bearer {security.create_access_token(api_settings, member)}"}
    assert client.post(URL, json={"label": "okapi"}, headers=headers).status_code == 201
    with api_ctx.sessions() as db:
        rows = db.execute(select(SpeciesLabel.label, SpeciesLabel.created_by).order_by(SpeciesLabel.id)).all()
        assert [tuple(r) for r in rows] == [("sika deer", users.admin.id), ("okapi", member.id)]
        audit = db.scalars(select(AuditLog.details).where(AuditLog.action == "species_label.add").order_by(AuditLog.id)).all()
        assert audit == [{"label": "sika deer"}, {"label": "okapi"}]


def test_corrections_must_name_a_listed_label(client, users, gallery, seed, api_ctx):
    cam, img = gallery
    detection_id = seed.detection_ids(img["i1"])[0]
    url = f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species"
    h = users.analyst.headers
    refused = client.put(url, json={"label": "Unicorn"}, headers=h)
    assert refused.status_code == 422
    (problem,) = refused.json()["detail"]
    assert problem["loc"] == ["body", "label"] and "'Unicorn' is not in this project's species list" in problem["msg"]
    with api_ctx.sessions() as db:
        human = select(Classification).where(Classification.source == "human", Classification.detection_id == detection_id)
        assert db.scalars(human).all() == []
    # Each kind of listed label is accepted, matched regardless of case and spacing, stored as listed.
    for sent, stored in (("  Red   Fox ", "red fox"), ("BLANK", "blank"), ("person", "person"), ("carnivores", "carnivores"),
                         ("kudu", "kudu")):
        response = client.put(url, json={"label": sent}, headers=h)
        assert response.status_code == 200, (sent, response.text)
        assert response.json()["human_label"] == stored
    # A label added by an admin becomes usable at once.
    assert client.put(url, json={"label": "okapi"}, headers=h).status_code == 422
    assert client.post(URL, json={"label": "okapi"}, headers=users.admin.headers).status_code == 201
    assert client.put(url, json={"label": "okapi"}, headers=h).json()["human_label"] == "okapi"
    # A human label is not a classifier label: it does not make itself valid in the list.
    assert "okapi" in labels(client, h) and labels(client, h)["okapi"]["kind"] == "custom"


def test_a_classifier_label_listed_in_its_normal_form_is_accepted(client, users, gallery, seed, api_ctx):
    # Classifiers (and imported results) may name species with capitals and stray spaces; the list shows
    # the normal form, and picking that listed entry must be accepted, not refused as unknown.
    cam, img = gallery
    detection_id = seed.detection_ids(img["i1"])[0]
    with api_ctx.sessions() as db:
        db.execute(
            update(Classification)
            .where(Classification.source == "machine", Classification.label == "kudu")
            .values(label="Greater  Kudu ")
        )
        db.commit()
    listed = labels(client, users.analyst.headers)
    assert listed["greater kudu"]["kind"] == "species"
    url = f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species"
    response = client.put(url, json={"label": "greater kudu"}, headers=users.analyst.headers)
    assert response.status_code == 200, response.text
    assert response.json()["human_label"] == "greater kudu"


def test_bulk_species_sets_every_animal_detection_of_the_selection(client, users, gallery, seed, api_ctx):
    cam, img = gallery
    h = users.analyst.headers
    url = "/api/projects/default/images/species"
    missing = "00000000-0000-4000-8000-000000000000"
    # i4: three animals; i5: a vehicle only (skipped); i1: one animal (the same id twice counts once).
    ids = [str(img["i4"]), str(img["i5"]), missing, str(img["i1"]), str(img["i1"])]
    refused = client.post(url, json={"image_ids": ids, "label": "unicorn"}, headers=h)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "label"]
    response = client.post(url, json={"image_ids": ids, "label": "Wild Boar"}, headers=h)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "updated": [str(img["i4"]), str(img["i1"])], "skipped": [str(img["i5"])], "not_found": [missing],
        "detections": 4, "label": "wild boar",
    }
    for image in ("i4", "i1"):
        detail = client.get(f"/api/projects/default/images/{img[image]}", headers=users.viewer.headers).json()
        animals = [d for d in detail["detections"] if d["category"] == "animal"]
        assert animals and {d["human_label"] for d in animals} == {"wild boar"}
    with api_ctx.sessions() as db:
        entries = db.scalars(select(AuditLog).where(AuditLog.action == "image.species_correct")).all()
    assert sorted(e.details["from"] for e in entries) == ["red deer", "wildebeest", "zebra", "zebra"]
    # Viewers may not; an empty or oversized selection is a 422.
    assert client.post(url, json={"image_ids": ids, "label": "wolf"}, headers=users.viewer.headers).status_code == 403
    assert client.post(url, json={"image_ids": [], "label": "wolf"}, headers=h).status_code == 422
    assert client.post(url, json={"image_ids": [missing] * 501, "label": "wolf"}, headers=h).status_code == 422
