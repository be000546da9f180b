"""Database models (one module per table group) and session helpers."""

from addax_common.db.base import Base
from addax_common.db.cameras import Camera, CameraStatus
from addax_common.db.ftp_accounts import FtpAccount
from addax_common.db.images import (
    Classification,
    Detection,
    DetectionCategory,
    Image,
    ImageStatus,
    ReviewStatus,
)
from addax_common.db.session import make_engine, make_session_factory
from addax_common.db.users import AuditLog, RefreshToken, User, UserRole

__all__ = [
    "AuditLog",
    "Base",
    "Camera",
    "CameraStatus",
    "Classification",
    "Detection",
    "DetectionCategory",
    "FtpAccount",
    "Image",
    "ImageStatus",
    "RefreshToken",
    "ReviewStatus",
    "User",
    "UserRole",
    "make_engine",
    "make_session_factory",
]
