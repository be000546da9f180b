"""Database models (one module per table group) and session helpers."""

from addax_common.db.alerts import (
    AlertChannel,
    AlertDelivery,
    AlertEvaluation,
    AlertLog,
    AlertRule,
    ChannelKind,
    DeliveryStatus,
    LogKind,
    RuleKind,
    TriggerMode,
    alert_rule_channels,
)
from addax_common.db.base import Base
from addax_common.db.cameras import Camera, CameraStatus
from addax_common.db.deployments import Deployment
from addax_common.db.ftp_accounts import FtpAccount
from addax_common.db.images import (
    Classification,
    Detection,
    DetectionCategory,
    Image,
    ImageStatus,
    ReviewStatus,
)
from addax_common.db.models_admin import ReprocessItem, ReprocessJob, RuntimeSetting
from addax_common.db.projects import DEFAULT_PROJECT_SLUG, Project, ProjectMember
from addax_common.db.session import make_engine, make_session_factory
from addax_common.db.species_labels import SpeciesLabel
from addax_common.db.tallies import ImageTally, ImageTallyChange, ImageTallyMonthly
from addax_common.db.uploads import UploadKey, UploadSession
from addax_common.db.users import AuditLog, RefreshToken, User, UserRole

__all__ = [
    "AlertChannel",
    "AlertDelivery",
    "AlertEvaluation",
    "AlertLog",
    "AlertRule",
    "AuditLog",
    "Base",
    "Camera",
    "CameraStatus",
    "ChannelKind",
    "Classification",
    "DEFAULT_PROJECT_SLUG",
    "Deployment",
    "Detection",
    "DeliveryStatus",
    "DetectionCategory",
    "FtpAccount",
    "Image",
    "ImageStatus",
    "LogKind",
    "Project",
    "ProjectMember",
    "RefreshToken",
    "ReprocessItem",
    "ReprocessJob",
    "ReviewStatus",
    "RuleKind",
    "SpeciesLabel",
    "ImageTally",
    "ImageTallyChange",
    "ImageTallyMonthly",
    "RuntimeSetting",
    "TriggerMode",
    "UploadKey",
    "UploadSession",
    "User",
    "UserRole",
    "alert_rule_channels",
    "make_engine",
    "make_session_factory",
]
