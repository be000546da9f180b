"""Exports and imports (issue 10, items 6 and 7), on real PostgreSQL and the moto S3 server:

* a Camtrap DP export validates with frictionless against the vendored 1.0.2 profile and table
  schemas, offline (tests/support/camtrap_offline.py), and says what the data says (machine and human
  classifications, bboxes, independent events, local times);
* export -> import into a fresh project -> export gives the same rows: mediaID, observationID and
  eventID survive (the image ids are kept); only deploymentID is new, so rows are compared with the
  deployment ids mapped;
* the MegaDetector JSON validates against the vendored 1.4 schema and re-imports;
* bad imports are 422s naming file, line and field, and leave no row and no stored object behind.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime

import jsonschema
import pytest
from openpyxl import load_workbook
from PIL import Image as PILImage
from sqlalchemy import delete, func, select, update

from addax_api.exports import megadetector
from addax_common.context import make_context
from addax_common.db import Camera, Classification, Deployment, Image, Project
from addax_common.deployments import assign_camera_images
from addax_common.privacy import blurred_image_key
from addax_common.storage import BUCKET_RAW, BUCKET_THUMBNAILS, BUCKETS
from tests.support.camtrap_offline import validate_package

URL = "/api/projects/default/exports"


@pytest.fixture
def api_ctx(api_settings, s3_storage):
    """The API on the moto S3 server (signed media URLs are S3 presigned URLs)."""
    context = make_context(api_settings, storage=s3_storage)
    yield context
    context.close()


def photo(n: int) -> bytes:
    """A real, decodable JPEG, different for every n (ingestion's validation accepts it)."""
    rng = random.Random(n)
    image = PILImage.new("RGB", (64, 48))
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(64 * 48)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def study(seed, api_ctx, users):
    """Two cameras with a deployment each (one closed, in Europe/Amsterdam; one running, in UTC), and:
    a1, a2 red deer 10 min apart (one event), a3 red deer corrected to roe deer by the analyst, a4 a
    person, a5 nothing (blank), b1 two wild boar, b2 only a detection below the display threshold;
    x1 without capture time and x2 on a camera without deployment (both outside Camtrap DP)."""
    north = seed.camera("Trail-North", lat=52.1, lon=5.2)
    east = seed.camera("Pond-East", lat=52.3, lon=5.4)
    nowhere = seed.camera("Nowhere", lat=1.0, lon=1.0)
    deer = [("red deer", 0.9), ("roe deer", 0.05)]
    img = {
        "a1": seed.image(north, at(2, 6), detections=[("animal", 0.95, deer)]),
        "a2": seed.image(north, at(2, 6, 10), detections=[("animal", 0.9, [("red deer", 0.8)])]),
        "a3": seed.image(north, at(2, 8), detections=[("animal", 0.6, [("red deer", 0.6)], "roe deer")]),
        "a4": seed.image(north, at(3, 12), detections=[("person", 0.85, [])]),
        "a5": seed.image(north, at(3, 13)),
        "b1": seed.image(
            east, at(4, 9), detections=[("animal", 0.8, [("wild boar", 0.7)]), ("animal", 0.7, [("wild boar", 0.6)])]
        ),
        "b2": seed.image(east, at(4, 9, 20), detections=[("animal", 0.1, [("red fox", 0.3)])]),
        "x1": seed.image(east, None, received_at=at(5, 1), detections=[("animal", 0.9, [("badger", 0.9)])]),
        "x2": seed.image(nowhere, at(6, 1), detections=[("animal", 0.9, [("badger", 0.8)])]),
    }
    with api_ctx.sessions() as db:
        for n, image_id in enumerate(img.values()):
            data = photo(n)
            image = db.get(Image, image_id)
            api_ctx.storage.put(BUCKET_RAW, image.storage_key, data)
            image.sha256, image.file_size, image.width, image.height = (
                hashlib.sha256(data).hexdigest(),
                len(data),
                64,
                48,
            )
        db.execute(update(Classification).where(Classification.source == "human").values(created_by=users.analyst.id))
        db.add_all([
            Deployment(
                camera_id=north, start_at=at(1, 0), end_at=at(10, 0), location="SRID=4326;POINT(5.2 52.1)",
                location_name="North trail", camera_height_m=0.8, bait="fish oil", habitat="heath",
                feature_type="trailGame", notes="below the oak", timezone="Europe/Amsterdam",
            ),
            Deployment(camera_id=east, start_at=at(1, 0), location="SRID=4326;POINT(5.4 52.3)", timezone="UTC"),
        ])  # fmt: skip
        db.flush()
        assign_camera_images(db, north)
        assign_camera_images(db, east)
        db.commit()
    return img


def unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def table(z: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(z.read(name).decode())))


def export_camtrap(client, headers, slug: str = "default", **params) -> zipfile.ZipFile:
    response = client.get(f"/api/projects/{slug}/exports/camtrap-dp", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert "attachment" in response.headers["content-disposition"]
    return unzip(response.content)


def test_camtrap_dp_export_validates_offline_and_holds_the_observations(client, users, study, tmp_path):
    response = client.get(f"{URL}/camtrap-dp", params={"media": "include"}, headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    assert response.headers["x-export-images"] == "7"  # x1 (no capture time) and x2 (no deployment) are left out
    assert int(response.headers["x-export-media-bytes"]) > 7 * 1000
    z = unzip(response.content)
    z.extractall(tmp_path)
    report, served = validate_package(tmp_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert any(url.endswith("camtrap-dp-profile.json") for url in served)
    assert sum(url.endswith("-table-schema.json") for url in served) >= 3
    # The same validation rejects a package that breaks the vendored table schema or profile: not vacuous.
    for name, old, new, problem in (
        ("observations.csv", ",animal,", ",dragon,", "observationType"),
        ("datapackage.json", '"contributors"', '"x"', "contributors"),
    ):
        broken = tmp_path / f"broken-{name}"
        z.extractall(broken)
        (broken / name).write_text((tmp_path / name).read_text().replace(old, new, 1))
        bad, _ = validate_package(broken)
        problems = " ".join(str(e) for e in bad.flatten(["fieldName", "note"]))
        assert not bad.valid and problem in problems, problems

    package = json.loads(z.read("datapackage.json"))
    assert package["profile"] == "https://raw.githubusercontent.com/tdwg/camtrap-dp/1.0.2/camtrap-dp-profile.json"
    assert {t["scientificName"] for t in package["taxonomic"]} == {"red deer", "roe deer", "wild boar"}
    assert package["temporal"] == {"start": "2024-05-01", "end": "2024-05-10"}

    deployments = {d["cameraID"]: d for d in table(z, "deployments.csv")}
    north = deployments["Trail-North"]
    assert north["deploymentStart"] == "2024-05-01T02:00:00+02:00" and north["featureType"] == "trailGame"
    assert "timezone:Europe/Amsterdam" in north["deploymentTags"] and "bait:fish oil" in north["deploymentTags"]
    assert north["baitUse"] == "true" and north["latitude"] == "52.1"
    assert deployments["Pond-East"]["deploymentEnd"] == "2024-05-04T09:20:01+00:00"  # running: last image + 1 s

    media = {m["mediaID"]: m for m in table(z, "media.csv")}
    assert set(media) == {str(study[k]) for k in ("a1", "a2", "a3", "a4", "a5", "b1", "b2")}
    a1 = media[str(study["a1"])]
    assert a1["timestamp"] == "2024-05-02T08:00:00+02:00" and a1["filePublic"] == "false"
    assert z.read(a1["filePath"]) == photo(0)  # the file is in the zip at its relative path

    obs = {o["observationID"]: o for o in table(z, "observations.csv")}
    machine = obs[f"{study['a1']}_0"]
    assert (machine["classificationMethod"], machine["classifiedBy"], machine["scientificName"]) == (
        "machine",
        "test-classifier",
        "red deer",
    )
    assert machine["classificationProbability"] == "0.9" and machine["observationType"] == "animal"
    assert [machine[k] for k in ("bboxX", "bboxY", "bboxWidth", "bboxHeight")] == ["0.1", "0.2", "0.3", "0.4"]
    human = obs[f"{study['a3']}_0"]
    assert (human["classificationMethod"], human["classifiedBy"], human["scientificName"]) == (
        "human",
        "analyst",
        "roe deer",
    )
    assert human["classificationProbability"] == "" and "machineLabel:red deer" in human["observationTags"]
    person = obs[f"{study['a4']}_0"]
    assert (person["observationType"], person["classifiedBy"], person["classificationProbability"]) == (
        "human",
        "test-detector",
        "0.85",
    )
    assert obs[f"{study['a5']}_blank"]["observationType"] == "blank"
    assert obs[f"{study['b2']}_blank"]["observationType"] == "blank"  # its only detection is below the threshold

    events = [o for o in obs.values() if o["observationLevel"] == "event"]
    by_name = {(e["scientificName"], e["observationType"]): e for e in events}
    assert len(events) == 4
    deer_event = by_name[("red deer", "animal")]
    assert (deer_event["eventStart"], deer_event["eventEnd"]) == (
        "2024-05-02T08:00:00+02:00",
        "2024-05-02T08:10:00+02:00",
    )
    assert obs[f"{study['a1']}_0"]["eventID"] == obs[f"{study['a2']}_0"]["eventID"] == deer_event["eventID"]
    assert by_name[("roe deer", "animal")]["classificationMethod"] == "human"
    assert by_name[("wild boar", "animal")]["count"] == "2"


def test_camtrap_dp_export_honours_the_gallery_filters_and_links_media_by_url(client, users, study):
    z = export_camtrap(client, users.viewer.headers, species=["wild boar"])
    media = table(z, "media.csv")
    assert [m["mediaID"] for m in media] == [str(study["b1"])]
    assert media[0]["filePath"].startswith("http") and "Signature" in media[0]["filePath"]
    assert {d["cameraID"] for d in table(z, "deployments.csv")} == {"Pond-East"}
    assert not [n for n in z.namelist() if n.startswith("media/")]


def rows_without(z: zipfile.ZipFile, name: str, mapping: dict[str, str]) -> list[dict[str, str]]:
    result = []
    for row in table(z, name):
        row["deploymentID"] = mapping.get(row["deploymentID"], row["deploymentID"])
        result.append(row)
    return sorted(result, key=lambda r: json.dumps(r, sort_keys=True))


def remove_default_data(api_ctx) -> None:
    """Image content is unique on a server (sha256): an import elsewhere means the originals are gone
    (rows and photos; crops stay, as they would on another server)."""
    with api_ctx.sessions() as db:
        for image in db.scalars(select(Image)):
            for bucket, key in ((BUCKET_RAW, image.storage_key), (BUCKET_THUMBNAILS, image.thumbnail_key)):
                if key:
                    api_ctx.storage.delete(bucket, key)
        db.execute(delete(Image))
        db.execute(delete(Deployment))
        db.execute(delete(Camera))
        db.commit()


@pytest.fixture
def fresh(client, users):
    created = client.post("/api/projects", json={"slug": "fresh", "name": "Fresh"}, headers=users.admin.headers)
    assert created.status_code == 201, created.text
    return "fresh"


def post_import(client, headers, data: bytes, slug: str = "fresh"):
    return client.post(
        f"/api/projects/{slug}/imports", content=data, headers={**headers, "Content-Type": "application/zip"}
    )


def test_camtrap_dp_round_trip_gives_the_same_rows(client, users, study, api_ctx, fresh):
    first_bytes = client.get(f"{URL}/camtrap-dp", params={"media": "include"}, headers=users.admin.headers).content
    first = unzip(first_bytes)
    remove_default_data(api_ctx)
    result = post_import(client, users.admin.headers, first_bytes)
    assert result.status_code == 200, result.text
    assert result.json() == {
        "format": "camtrap-dp", "cameras": 2, "deployments": 2, "images": 7, "detections": 6, "machine_labels": 5,
        "human_labels": 1,
    }  # fmt: skip
    second = export_camtrap(client, users.admin.headers, slug=fresh, media="include")
    old_ids = [d["deploymentID"] for d in table(first, "deployments.csv")]
    new_ids = [d["deploymentID"] for d in table(second, "deployments.csv")]
    assert old_ids != new_ids  # new rows, new ids: the one documented difference
    mapping = dict(zip(new_ids, old_ids, strict=True))
    for name in ("deployments.csv", "media.csv", "observations.csv"):
        assert rows_without(second, name, mapping) == rows_without(first, name, {}), name
    for name in first.namelist():
        if name.startswith("media/"):
            assert second.read(name) == first.read(name)
    one, two = (json.loads(z.read("datapackage.json")) for z in (first, second))
    for key in ("created", "name", "title", "project"):
        one.pop(key), two.pop(key)
    assert one == two
    with api_ctx.sessions() as db:
        human = db.scalars(select(Classification).where(Classification.source == "human")).one()
        assert human.created_by == users.analyst.id and human.label == "roe deer"


def md_normalised(results: dict) -> list:
    """Images by camera folder and original file name (the id prefix of `file` is new after an import)."""
    labels = results["classification_categories"]
    out = []
    for entry in results["images"]:
        folder, name = entry["file"].split("/")
        detections = [
            (d["category"], d["conf"], d["bbox"], [(labels[c], s) for c, s in d.get("classifications", [])])
            for d in entry["detections"]
        ]
        out.append((folder, name[13:], detections))
    return sorted(out, key=json.dumps)


def test_megadetector_json_validates_and_reimports(client, users, study, api_ctx, fresh):
    response = client.get(f"{URL}/megadetector", headers=users.viewer.headers)
    assert response.status_code == 200 and response.headers["x-export-images"] == "9"
    results = response.json()
    jsonschema.Draft202012Validator(megadetector.schema()).validate(results)
    assert results["info"]["format_version"] == "1.4" and results["info"]["detector"] == "test-detector"
    assert results["detection_categories"] == {"1": "animal", "2": "person", "3": "vehicle"}
    labels = {v: k for k, v in results["classification_categories"].items()}
    by_name = {e["file"].split("/", 1)[1][13:]: e for e in results["images"]}
    assert len(by_name) == 9
    a1 = next(e for e in results["images"] if e["file"].startswith(f"Trail-North/{study['a1'].hex[:12]}-"))
    assert a1["detections"] == [
        {"category": "1", "conf": 0.95, "bbox": [0.1, 0.2, 0.3, 0.4],
         "classifications": [[labels["red deer"], 0.9], [labels["roe deer"], 0.05]]}
    ]  # fmt: skip
    b2 = next(e for e in results["images"] if e["file"].startswith(f"Pond-East/{study['b2'].hex[:12]}-"))
    assert b2["detections"][0]["conf"] == 0.1  # every detection: the MegaDetector tools apply their own threshold
    broken = json.loads(json.dumps(results))
    broken["images"][0]["detections"] = [{"category": "1", "conf": 1.5, "bbox": [0, 0, 1]}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(megadetector.schema()).validate(broken)

    zipped = client.get(f"{URL}/megadetector", params={"media": "include"}, headers=users.viewer.headers)
    assert zipped.status_code == 200 and zipped.headers["content-type"] == "application/zip"
    z = unzip(zipped.content)
    assert json.loads(z.read(megadetector.RESULTS_NAME)) == results
    assert z.read(a1["file"]) == photo(0)
    remove_default_data(api_ctx)
    imported = post_import(client, users.admin.headers, zipped.content)
    assert imported.status_code == 200, imported.text
    assert imported.json()["format"] == "megadetector" and imported.json()["images"] == 9
    again = client.get("/api/projects/fresh/exports/megadetector", headers=users.admin.headers).json()
    jsonschema.Draft202012Validator(megadetector.schema()).validate(again)
    assert md_normalised(again) == md_normalised(results)
    with api_ctx.sessions() as db:
        fresh_id = db.scalar(select(Project.id).where(Project.slug == "fresh"))
        assert db.scalar(select(func.count()).select_from(Image).where(Image.project_id == fresh_id)) == 9


def test_csv_and_xlsx_exports(client, users, study):
    images = client.get(f"{URL}/csv", params={"table": "images", "camera_id": []}, headers=users.viewer.headers)
    assert images.status_code == 200 and images.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(images.text)))
    assert len(rows) == 9 and images.headers["x-export-images"] == "9"
    assert rows[-1]["image_id"] == str(study["x1"]) and rows[-1]["capture_time_known"] == "False"  # undated last
    observations = client.get(
        f"{URL}/csv", params={"table": "observations", "species": "roe deer"}, headers=users.viewer.headers
    )
    obs = list(csv.DictReader(io.StringIO(observations.text)))
    assert [(o["image_id"], o["label"], o["label_source"], o["reviewer"]) for o in obs] == [
        (str(study["a3"]), "roe deer", "human", "analyst")
    ]
    workbook = client.get(f"{URL}/xlsx", params={"review_status": "unreviewed"}, headers=users.viewer.headers)
    assert workbook.status_code == 200
    book = load_workbook(io.BytesIO(workbook.content), read_only=True)
    assert book.sheetnames == ["images", "observations"]
    image_rows = list(book["images"].iter_rows(values_only=True))
    assert image_rows[0][0] == "image_id" and len(image_rows) == 10
    observation_rows = list(book["observations"].iter_rows(values_only=True))
    assert len(observation_rows) == 1 + 8  # header + the shown detections (b2's 0.1 is below the threshold)


def test_exports_follow_the_run_time_display_threshold(client, users, study):
    """The display threshold an admin sets on the Models page applies to exports as to the gallery."""

    def observation_images() -> list[str]:
        answer = client.get(f"{URL}/csv", params={"table": "observations"}, headers=users.viewer.headers)
        assert answer.status_code == 200, answer.text
        return [row["image_id"] for row in csv.DictReader(io.StringIO(answer.text))]

    before = observation_images()
    assert str(study["b2"]) not in before  # its only detection (0.1) is below the default threshold
    lower = {"detection_store_threshold": 0.05, "detection_classify_threshold": 0.05}
    saved = client.put("/api/models/settings", json=lower, headers=users.admin.headers)
    assert saved.status_code == 200, saved.text
    after = observation_images()
    assert len(after) == len(before) + 1 and after.count(str(study["b2"])) == 1


def test_exported_photos_show_people_blurred_while_blurring_is_on(client, users, study, api_ctx):
    """An export is a copy outside the platform's access control: while people blurring is on (the
    default), the photos in the zip and their signed URLs are the blurred copies the gallery shows."""
    person = study["a4"]
    blurred = photo(1000)
    with api_ctx.sessions() as db:
        db.execute(update(Image).where(Image.id == person).values(people_blurred=True))
        db.commit()
        raw = api_ctx.storage.get(BUCKET_RAW, db.get(Image, person).storage_key)
    api_ctx.storage.put(BUCKET_THUMBNAILS, blurred_image_key(person), blurred)

    def exported_photo() -> bytes:
        z = export_camtrap(client, users.viewer.headers, media="include")
        (row,) = [r for r in table(z, "media.csv") if r["mediaID"] == str(person)]
        return z.read(row["filePath"])

    assert exported_photo() == blurred
    md = client.get(f"{URL}/megadetector", params={"media": "include"}, headers=users.viewer.headers)
    assert md.status_code == 200, md.text
    (member,) = [n for n in unzip(md.content).namelist() if person.hex[:12] in n]
    assert unzip(md.content).read(member) == blurred
    linked = export_camtrap(client, users.viewer.headers, media="urls")
    (row,) = [r for r in table(linked, "media.csv") if r["mediaID"] == str(person)]
    assert "thumbnails" in row["filePath"] and blurred_image_key(person) in row["filePath"]

    saved = client.put("/api/models/settings", json={"blur_people": False}, headers=users.admin.headers)
    assert saved.status_code == 200, saved.text
    assert exported_photo() == raw


# --- bad imports -------------------------------------------------------------------------------------
def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """A copy of a zip with each member passed through change (None drops it)."""
    source, out = unzip(data), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def edit_csv(name: str, line: int, field: str, value: str) -> Callable[[str, bytes], bytes | None]:
    def change(member: str, content: bytes) -> bytes:
        if member != name:
            return content
        rows = list(csv.reader(io.StringIO(content.decode())))
        rows[line - 1][rows[0].index(field)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode()

    return change


def stored_objects(s3_storage) -> int:
    return sum(
        s3_storage.client.list_objects_v2(Bucket=s3_storage._bucket(bucket)).get("KeyCount", 0) for bucket in BUCKETS
    )


def project_rows(api_ctx, slug: str) -> tuple[int, int, int]:
    with api_ctx.sessions() as db:
        pid = db.scalar(select(Project.id).where(Project.slug == slug))
        cameras = db.scalar(select(func.count()).select_from(Camera).where(Camera.project_id == pid))
        deployments = db.scalar(
            select(func.count()).select_from(Deployment).join(Camera).where(Camera.project_id == pid)
        )
        images = db.scalar(select(func.count()).select_from(Image).where(Image.project_id == pid))
        return cameras, deployments, images


def broken_photo(name: str, content: bytes) -> bytes:
    """The last photo in media.csv order is cut short: every photo before it is already stored."""
    return content[: len(content) // 2] if name == LAST_MEDIA[0] else content


LAST_MEDIA: list[str] = []


@pytest.mark.parametrize(
    "case, expected_loc, message",
    [
        ("not-zip", ["body", "file", "upload"], "not a zip archive"),
        ("no-package", ["body", "file", "upload"], "neither a datapackage.json"),
        ("bad-timestamp", ["body", "file", "media.csv", 3, "timestamp"], "not a valid datetime"),
        ("bad-enum", ["body", "file", "observations.csv", 2, "observationType"], "is not one of"),
        ("bad-latitude", ["body", "file", "deployments.csv", 2, "latitude"], "above the maximum 90"),
        ("unknown-deployment", ["body", "file", "media.csv", 2, "deploymentID"], "unknown deployment 'nowhere'"),
        ("missing-file", ["body", "file", "media.csv", 2, "filePath"], "is not in the zip"),
        ("corrupt-photo", ["body", "file", "media.csv", 8, "filePath"], "JPEG"),
        ("overlap", ["body", "file", "deployments.csv", 3, "deploymentStart"], "overlaps another deployment"),
    ],
)
def test_bad_imports_are_422_naming_the_row_and_store_nothing(
    client, users, study, api_ctx, s3_storage, fresh, case, expected_loc, message
):
    good = client.get(f"{URL}/camtrap-dp", params={"media": "include"}, headers=users.admin.headers).content
    remove_default_data(api_ctx)
    media = table(unzip(good), "media.csv")
    LAST_MEDIA[:] = [media[-1]["filePath"]]
    bad = {
        "not-zip": lambda: b"this is not a zip",
        "no-package": lambda: rezip(good, lambda n, c: None if n == "datapackage.json" else c),
        "bad-timestamp": lambda: rezip(good, edit_csv("media.csv", 3, "timestamp", "yesterday")),
        "bad-enum": lambda: rezip(good, edit_csv("observations.csv", 2, "observationType", "dragon")),
        "bad-latitude": lambda: rezip(good, edit_csv("deployments.csv", 2, "latitude", "95")),
        "unknown-deployment": lambda: rezip(good, edit_csv("media.csv", 2, "deploymentID", "nowhere")),
        "missing-file": lambda: rezip(good, lambda n, c: None if n == media[0]["filePath"] else c),
        "corrupt-photo": lambda: rezip(good, broken_photo),
        "overlap": lambda: rezip(good, edit_csv("deployments.csv", 3, "cameraID", "Trail-North")),
    }[case]()
    objects_before = stored_objects(s3_storage)
    response = post_import(client, users.admin.headers, bad)
    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["loc"] == expected_loc and message in problem["msg"], problem
    assert project_rows(api_ctx, "fresh") == (0, 0, 0)
    assert stored_objects(s3_storage) == objects_before  # photos stored before the failure are gone again


def test_import_needs_a_project_admin(client, users, study):
    response = post_import(client, users.analyst.headers, b"PK", slug="default")
    assert response.status_code == 403


def test_an_export_holds_one_database_connection_while_it_streams(api_settings, users, study):
    """An export reads in a snapshot session of its own: the request's session must give its connection
    back first, or each export takes two and a burst of them starves the pool the gate counts on (with
    a one-connection pool the export waited for itself and answered 503)."""
    from fastapi.testclient import TestClient

    from addax_api.main import create_app
    from addax_common.context import make_context

    tight = api_settings.model_copy(
        update={"database_pool_size": 1, "database_max_overflow": 0, "database_pool_timeout_seconds": 1.0}
    )
    ctx = make_context(tight)
    try:
        with TestClient(create_app(tight, ctx=ctx)) as test_client:
            response = test_client.get(f"{URL}/csv", params={"table": "observations"}, headers=users.viewer.headers)
    finally:
        ctx.close()
    assert response.status_code == 200, response.text
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == 8


def test_a_small_export_is_planned_for_all_its_rows_and_a_large_one_for_its_first(api_ctx):
    """A cursor is planned for its first tenth unless told otherwise: one camera-month at a million images
    then walked every camera's capture-time index (docs/performance.md, "API under load")."""
    from sqlalchemy import text

    from addax_api.exports import repository

    for images, expected in ((770, "1"), (repository.WHOLE_PLAN_UP_TO, "1"), (repository.WHOLE_PLAN_UP_TO + 1, "0.1")):
        with api_ctx.sessions() as db:
            repository.begin_snapshot(db, images)
            assert db.scalar(text("SHOW cursor_tuple_fraction")) == expected, images
            assert db.scalar(text("SHOW transaction_read_only")) == "on"
