"""Time-limited URLs for stored objects, and reading them back for the directory backend.

S3: presigned URLs straight to the object store. Directory backend: HMAC-signed `/api/media/...`
URLs served by this API (media/router.py), cache-friendly (see DirectoryStorage.url).
"""

from __future__ import annotations

from addax_common.logging import get_logger
from addax_common.settings import Settings
from addax_common.storage import DirectoryStorage, InvalidKey, Storage, StorageError

log = get_logger(__name__)

SERVED_BUCKETS = ("raw-images", "crops", "thumbnails")


class MediaUrls:
    def __init__(self, storage: Storage, settings: Settings) -> None:
        self.storage = storage
        self.settings = settings
        self.ttl = max(1, settings.media_url_ttl_seconds)

    def url(self, bucket: str, key: str | None, now: float | None = None) -> str | None:
        if not key:
            return None
        try:
            if isinstance(self.storage, DirectoryStorage):
                return self.storage.url(bucket, key, self.ttl, now=now)
            return self.storage.url(bucket, key, self.ttl)
        except (InvalidKey, StorageError, ValueError) as exc:
            log.warning("media_url_failed", bucket=bucket, key=key, error=str(exc))
            return None
