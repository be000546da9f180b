"""images.species (migration 0018): the labels that count for an image, kept by triggers on classifications
whoever writes them, and what the gallery's species filter reads."""

from __future__ import annotations

from sqlalchemy import delete, select

from addax_common.db import Detection, Image

IMAGES = "/api/projects/default/images"


def species_of(api_ctx, image_id) -> list[str]:
    with api_ctx.sessions() as db:
        return list(db.scalar(select(Image.species).where(Image.id == image_id)))


def filtered(client, headers, label: str) -> list[str]:
    return [item["id"] for item in client.get(IMAGES, params={"species": label}, headers=headers).json()["items"]]


def test_the_label_set_follows_machine_labels_corrections_and_deletions(client, users, seed, api_ctx):
    camera = seed.camera("Quebec")
    image_id = seed.image(camera, detections=[
        ("animal", 0.9, [("red deer", 0.8), ("roe deer", 0.1)], None),  # rank 2 never counts
        ("animal", 0.8, [("wild boar", 0.7)], "red fox"),  # the human correction counts, not the machine's
    ])
    blank = seed.image(camera)
    assert species_of(api_ctx, image_id) == ["red deer", "red fox"]
    assert species_of(api_ctx, blank) == []
    assert filtered(client, users.viewer.headers, "wild boar") == []
    assert filtered(client, users.viewer.headers, "red fox") == [str(image_id)]

    first, second = seed.detection_ids(image_id)
    url = f"{IMAGES}/{image_id}/detections"
    assert client.put(f"{url}/{first}/species", json={"label": "wolf"}, headers=users.analyst.headers).status_code == 200
    assert species_of(api_ctx, image_id) == ["red fox", "wolf"]
    assert client.delete(f"{url}/{second}/species", headers=users.analyst.headers).status_code == 200
    assert species_of(api_ctx, image_id) == ["wild boar", "wolf"]
    assert filtered(client, users.viewer.headers, "wild boar") == [str(image_id)]

    with api_ctx.sessions() as db:  # a re-run replaces detections: their classifications go with them
        db.execute(delete(Detection).where(Detection.id == first))
        db.commit()
    seed.changed()
    assert species_of(api_ctx, image_id) == ["wild boar"]
    assert filtered(client, users.viewer.headers, "wolf") == []
