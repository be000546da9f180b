"""Image validation now lives in addax_common.image_validation, so the API's imports (exports domain)
check an imported photo exactly as ingestion checks an upload; this module keeps the old import path."""

from addax_common.image_validation import MIN_DIMENSION, ContentKind, ValidationResult, sniff, validate_image

__all__ = ["MIN_DIMENSION", "ContentKind", "ValidationResult", "sniff", "validate_image"]
