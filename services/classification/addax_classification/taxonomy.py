"""Taxonomy of classifier labels, roll-up of uncertain species to a higher rank, and the geofence.

Label styles (the ``labels`` metadata of the ONNX model, one string per output class):

- SpeciesNet: ``uuid;class;order;family;genus;species;common name``, e.g.
  ``b1352069-...;mammalia;carnivora;canidae;vulpes;vulpes;red fox``; higher-rank classes leave the
  lower fields empty (``...;mammalia;carnivora;canidae;;;canine family``), blanks and non-animals have
  empty ranks (``f1856211-...;;;;;;blank``).
- DeepFaune and other plain lists: the name only (``red deer``), no ranks; no roll-up is possible
  and the geofence matches the name.

Roll-up (as SpeciesNet's ensemble does): when the best label's probability is below the threshold,
the probabilities are summed per genus, then per family, order and class; the first rank whose best
group reaches the threshold is the answer, with that summed score and the rank it was made at.

Geofence: an allow-list of taxa (names at any rank, or common names; case-insensitive) and/or a
list of ISO 3166-1 alpha-3 countries checked against the model's ``geofence`` metadata (JSON:
taxon name at any rank -> the countries it lives in). Labels outside it get probability 0 before
the roll-up and the top-k, the rest are renormalised.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

RANKS = ("class", "order", "family", "genus", "species")
ROLLUP_RANKS = ("genus", "family", "order", "class")


@dataclass(frozen=True)
class Taxon:
    raw: str
    common_name: str
    class_: str = ""
    order: str = ""
    family: str = ""
    genus: str = ""
    species: str = ""  # the epithet, as SpeciesNet writes it ("vulpes")
    uuid: str = ""

    @property
    def name(self) -> str:
        """What rows store as the label: the common name, else the deepest rank's name."""
        return self.common_name or self.binomial or self.deepest()[1] or self.raw

    @property
    def binomial(self) -> str:
        return f"{self.genus} {self.species}" if self.genus and self.species else ""

    @property
    def rank(self) -> str:
        """The rank this label is at: species, genus, ... or "label" when it has no taxonomy."""
        return self.deepest()[0]

    def deepest(self) -> tuple[str, str]:
        for rank in reversed(RANKS):
            value = self.at(rank)
            if value:
                return rank, value
        return "label", ""

    def at(self, rank: str) -> str:
        if rank == "species":
            return self.binomial
        return {"class": self.class_, "order": self.order, "family": self.family, "genus": self.genus}[rank]

    def names(self) -> set[str]:
        """Every name this label answers to (lower case): common name, raw label and each rank."""
        values = {self.common_name, self.raw, *(self.at(r) for r in RANKS)}
        return {v.lower() for v in values if v}

    def taxonomy(self) -> dict[str, str]:
        return {r: self.at(r) for r in RANKS if self.at(r)}


def parse_label(raw: str) -> Taxon:
    parts = raw.split(";")
    if len(parts) == 7:  # SpeciesNet
        uid, class_, order, family, genus, species, common = (p.strip() for p in parts)
        return Taxon(raw, common, class_, order, family, genus, species, uid)
    return Taxon(raw, raw.strip())


def parse_labels(raw: Sequence[str]) -> tuple[Taxon, ...]:
    return tuple(parse_label(label) for label in raw)


def has_taxonomy(taxa: Sequence[Taxon]) -> bool:
    return any(t.rank != "label" for t in taxa)


@dataclass(frozen=True)
class Geofence:
    """What may be answered: ``allowed`` taxa (any rank or common name) and/or ``countries``."""

    allowed: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    @classmethod
    def of(cls, allowed: Collection[str] | None = None, countries: Collection[str] | None = None) -> Geofence:
        return cls(frozenset(a.strip().lower() for a in allowed or () if a.strip()),
                   frozenset(c.strip().upper() for c in countries or () if c.strip()))

    def __bool__(self) -> bool:
        return bool(self.allowed or self.countries)

    def mask(self, taxa: Sequence[Taxon], ranges: Mapping[str, Collection[str]]) -> np.ndarray:
        """True for each label the geofence keeps. A label is in a country unless the ``ranges`` map
        (taxon name -> countries) lists its species, genus, ... and that list lacks every country."""
        keep = np.ones(len(taxa), bool)
        for i, taxon in enumerate(taxa):
            if self.allowed and not taxon.names() & self.allowed:
                keep[i] = False
            elif self.countries:
                listed = _range_of(taxon, ranges)
                keep[i] = listed is None or bool(listed & self.countries)
        return keep


def parse_ranges(metadata_value: str | None) -> dict[str, frozenset[str]]:
    """The ``geofence`` metadata: JSON {taxon name: [ISO3, ...]}, keys matched case-insensitively."""
    if not metadata_value:
        return {}
    raw = json.loads(metadata_value)
    return {str(k).lower(): frozenset(str(c).upper() for c in v) for k, v in raw.items()}


def _range_of(taxon: Taxon, ranges: Mapping[str, Collection[str]]) -> frozenset[str] | None:
    """The countries of the most specific entry for this taxon (species first), None when unlisted."""
    for key in (taxon.binomial, taxon.genus, taxon.family, taxon.order, taxon.class_, taxon.common_name, taxon.raw):
        if key and key.lower() in ranges:
            return frozenset(ranges[key.lower()])
    return None


@dataclass(frozen=True)
class Prediction:
    label: str
    score: float
    rank: str  # species | genus | family | order | class | label
    taxonomy: dict[str, str]


def rollup(probs: np.ndarray, taxa: Sequence[Taxon], threshold: float) -> Prediction | None:
    """The rolled-up answer for one crop, or None when the best label already reaches ``threshold``
    (or no rank's summed probability does). ``probs`` are over ``taxa``, after the geofence."""
    best = int(np.argmax(probs))
    if probs[best] >= threshold or not has_taxonomy(taxa):
        return None
    for rank in ROLLUP_RANKS:
        sums: dict[str, float] = {}
        members: dict[str, Taxon] = {}
        for taxon, p in zip(taxa, probs, strict=True):
            key = taxon.at(rank)
            if key and p > 0:
                sums[key] = sums.get(key, 0.0) + float(p)
                members.setdefault(key, taxon)
        if not sums:
            continue
        key = max(sums, key=lambda k: sums[k])
        if sums[key] >= threshold:
            member = members[key]
            upto = RANKS[: RANKS.index(rank) + 1]
            taxonomy = {r: member.at(r) for r in upto if member.at(r)}
            return Prediction(key, min(1.0, sums[key]), rank, taxonomy)
    return None
