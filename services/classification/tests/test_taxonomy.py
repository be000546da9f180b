"""SpeciesNet- and DeepFaune-style labels: taxonomy per label, roll-up to genus/family/order/class when
the species is uncertain, and the geofence (allowed taxa, countries) applied before the top-k
(issue 11, item 3). Real ONNX classifiers built by addax_models.taxon_classifier."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import onnx
import pytest
from PIL import Image
from sqlalchemy import select, update

from addax_classification.handler import ClassificationHandler
from addax_classification.model import Classifier
from addax_classification.taxonomy import Geofence, parse_label
from addax_common.db import Classification, Detection, DetectionCategory, ImageStatus, Project
from addax_common.db import Image as ImageRow
from addax_common.reliable_queue import Message
from addax_common.storage import BUCKET_CROPS
from addax_models import taxon_classifier

SPECIESNET = [
    "a1;mammalia;carnivora;canidae;vulpes;vulpes;red fox",
    "a2;mammalia;carnivora;canidae;vulpes;lagopus;arctic fox",
    "a3;mammalia;carnivora;canidae;canis;lupus;gray wolf",
    "a4;mammalia;carnivora;felidae;lynx;lynx;eurasian lynx",
    "a5;mammalia;cetartiodactyla;cervidae;capreolus;capreolus;roe deer",
    "a6;;;;;;blank",
]
PROBS = [0.40, 0.30, 0.10, 0.15, 0.04, 0.01]
RANGES = {"vulpes lagopus": ["CAN", "GRL", "NOR"], "lynx": ["NOR", "SWE", "FRA"]}
DEEPFAUNE = ["red deer", "roe deer", "wild boar", "fox"]


def save(model: onnx.ModelProto, path: Path) -> Path:
    onnx.save(model, str(path))
    return path


@pytest.fixture(scope="module")
def speciesnet(tmp_path_factory) -> Classifier:
    path = save(taxon_classifier.build(SPECIESNET, PROBS, geofence=RANGES), tmp_path_factory.mktemp("sn") / "sn.onnx")
    classifier = Classifier(path)
    classifier.warmup()
    return classifier


def crop() -> Image.Image:
    return Image.new("RGB", (40, 30), (120, 90, 60))


def test_labels_carry_their_taxonomy(speciesnet):
    fox = speciesnet.taxa[0]
    assert (fox.name, fox.rank, fox.uuid) == ("red fox", "species", "a1")
    assert fox.taxonomy() == {"class": "mammalia", "order": "carnivora", "family": "canidae", "genus": "vulpes",
                              "species": "vulpes vulpes"}
    assert speciesnet.taxa[5].rank == "label" and speciesnet.taxa[5].name == "blank"
    family_level = parse_label("a7;mammalia;carnivora;canidae;;;canine family")
    assert family_level.rank == "family" and family_level.name == "canine family"
    plain = parse_label("red deer")  # DeepFaune
    assert (plain.name, plain.rank, plain.taxonomy()) == ("red deer", "label", {})


@pytest.mark.parametrize(
    ("threshold", "label", "score", "rank"),
    [
        (0.30, "red fox", 0.40, "species"),  # confident enough: no roll-up
        (0.65, "vulpes", 0.70, "genus"),  # 0.40 + 0.30
        (0.75, "canidae", 0.80, "family"),  # + gray wolf 0.10
        (0.90, "carnivora", 0.95, "order"),  # + lynx 0.15
        (0.97, "mammalia", 0.99, "class"),  # + roe deer 0.04
        (0.999, "red fox", 0.40, "species"),  # nothing reaches it: the species stays, with its rank
    ],
)
def test_rollup_to_the_first_rank_that_passes(speciesnet, threshold, label, score, rank):
    (top,) = speciesnet.predict([crop()], top_k=5, rollup_threshold=threshold)
    assert (top[0].label, top[0].rank) == (label, rank)
    assert top[0].score == pytest.approx(score, abs=1e-5)
    assert len(top) == 5
    if rank != "species":
        assert [p.label for p in top[1:]] == ["red fox", "arctic fox", "eurasian lynx", "gray wolf"]
        assert "species" not in top[0].taxonomy and top[0].taxonomy.get(rank) == label


def test_geofence_by_allowed_taxa_before_the_top_k(speciesnet):
    (top,) = speciesnet.predict([crop()], top_k=5, geofence=Geofence.of(["Canidae"]), rollup_threshold=0.65)
    # Only the three canids remain, renormalised (0.8 in all): vulpes = 0.7 / 0.8.
    assert (top[0].label, top[0].rank) == ("vulpes", "genus")
    assert top[0].score == pytest.approx(0.875, abs=1e-5)
    assert [p.label for p in top[1:]] == ["red fox", "arctic fox"]  # k - 1 of the three left
    (plain,) = speciesnet.predict([crop()], top_k=5, geofence=Geofence.of(["eurasian lynx", "roe deer"]))
    assert [(p.label, round(p.score, 4)) for p in plain] == [("eurasian lynx", 0.7895), ("roe deer", 0.2105)]


def test_geofence_by_country_uses_the_model_range_map(speciesnet):
    # France: no arctic fox there (range map), the lynx is; unlisted species stay.
    (top,) = speciesnet.predict([crop()], top_k=5, geofence=Geofence.of(countries=["fra"]), rollup_threshold=0.65)
    assert "arctic fox" not in [p.label for p in top]
    # red fox 0.4 / 0.7 = 0.571 < 0.65, vulpes the same, canidae (0.4 + 0.1) / 0.7 = 0.714.
    assert (top[0].label, top[0].rank) == ("canidae", "family")
    assert top[0].score == pytest.approx(0.5 / 0.7, abs=1e-5)
    (greenland,) = speciesnet.predict([crop()], top_k=5, geofence=Geofence.of(countries=["GRL"]))
    assert "eurasian lynx" not in [p.label for p in greenland] and "arctic fox" in [p.label for p in greenland]


def test_deepfaune_labels_never_roll_up(tmp_path):
    classifier = Classifier(save(taxon_classifier.build(DEEPFAUNE, [0.4, 0.3, 0.2, 0.1]), tmp_path / "df.onnx"))
    (top,) = classifier.predict([crop()], top_k=3, rollup_threshold=0.9)
    assert [(p.label, p.rank) for p in top] == [("red deer", "label"), ("roe deer", "label"), ("wild boar", "label")]
    (fenced,) = classifier.predict([crop()], top_k=3, geofence=Geofence.of(["Wild Boar", "FOX"]))
    assert [p.label for p in fenced] == ["wild boar", "fox"]
    assert fenced[0].score == pytest.approx(2 / 3, abs=1e-5)


def test_handler_stores_rank_and_taxonomy_with_the_project_geofence(ctx, tmp_path):
    model = save(taxon_classifier.build(SPECIESNET, PROBS, geofence=RANGES), tmp_path / "sn.onnx")
    handler = ClassificationHandler(ctx, Classifier(model), model_name="taxon-test-classifier@1")
    image_id = uuid.uuid4()
    buffer = io.BytesIO()
    crop().save(buffer, "JPEG")
    ctx.storage.put(BUCKET_CROPS, f"{image_id}_0.jpg", buffer.getvalue(), "image/jpeg")
    with ctx.sessions.begin() as s:
        project_id = s.scalar(select(Project.id).order_by(Project.id).limit(1))
        s.execute(update(Project).where(Project.id == project_id).values(geofence_countries=["FRA"]))
        s.add(ImageRow(id=image_id, project_id=project_id, original_filename="x.jpg", file_size=1,
                       sha256=hashlib.sha256(image_id.bytes).hexdigest(), storage_key="k", status=ImageStatus.DETECTED))
        s.flush()
        s.add(Detection(image_id=image_id, index=0, category=DetectionCategory.ANIMAL, confidence=0.9, bbox_x=0.1,
                        bbox_y=0.1, bbox_w=0.2, bbox_h=0.2, crop_key=f"{image_id}_0.jpg", model_name="d@1"))
    assert handler([Message(str(image_id))]) == {str(image_id): None}
    with ctx.sessions() as s:
        rows = s.execute(select(Classification.rank, Classification.label, Classification.taxon_rank,
                                Classification.taxonomy).where(Classification.image_id == image_id)
                         .order_by(Classification.rank)).all()
    assert rows[0][:3] == (1, "canidae", "family")  # rolled up (default threshold 0.65), FRA geofence applied
    assert rows[0][3] == {"class": "mammalia", "order": "carnivora", "family": "canidae"}
    assert rows[1][1:3] == ("red fox", "species")
    assert "arctic fox" not in [r[1] for r in rows]
    assert rows[1][3]["genus"] == "vulpes"
