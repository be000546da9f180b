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
from addax_common.db.projects import DEFAULT_PROJECT_SLUG, Project, ProjectMember
from addax_common.db.session import make_engine, make_session_factory
from addax_common.db.users import AuditLog, RefreshToken, User, UserRole

__all__ = [
    "AuditLog",
    "Base",
    "Camera",
    "CameraStatus",
    "Classification",
    "DEFAULT_PROJECT_SLUG",
    "Detection",
    "DetectionCategory",
    "FtpAccount",
    "Image",
    "ImageStatus",
    "Project",
    "ProjectMember",
    "RefreshToken",
    "ReviewStatus",
    "User",
    "UserRole",
    "make_engine",
    "make_session_factory",
]
