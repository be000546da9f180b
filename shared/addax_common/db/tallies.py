"""Image counts per (project, camera, capture day, status, label), kept by triggers on images
(migration 0019) for the dashboard's statistics.

Nothing in Python writes these tables: the triggers append each statement's net change to
image_tally_changes, and compact_image_tallies() (SQL) folds the changes into image_tallies and
image_tallies_monthly. A count is the sum of the folded rows and the changes not folded yet."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, Identity, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base

IMAGE_ROW = ""  # label of the rows that count images; other rows count the images showing that label


class _TallyColumns:
    project_id: Mapped[int] = mapped_column(Integer)
    camera_id: Mapped[int] = mapped_column(Integer)  # 0: images without a camera
    day: Mapped[date] = mapped_column(Date)  # UTC date of the capture time, else of the arrival
    dated: Mapped[bool] = mapped_column(Boolean)  # whether the images have a capture time
    status: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Text)
    n: Mapped[int] = mapped_column(BigInteger)  # images
    detections: Mapped[int] = mapped_column(BigInteger)  # their detections with the label (0 on image rows)


class _Folded(_TallyColumns):
    """Folded counts: one row per key."""

    project_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    dated: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    label: Mapped[str] = mapped_column(Text, primary_key=True)


class ImageTally(_Folded, Base):
    __tablename__ = "image_tallies"


class ImageTallyChange(_TallyColumns, Base):
    __tablename__ = "image_tally_changes"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)


class ImageTallyMonthly(_Folded, Base):
    """The same counts by month: `day` is the first day of the month."""

    __tablename__ = "image_tallies_monthly"


# A date range over every camera (the key leads with the camera).
Index("ix_image_tallies_project_day", ImageTally.project_id, ImageTally.day)
Index("ix_image_tallies_monthly_project_day", ImageTallyMonthly.project_id, ImageTallyMonthly.day)
