import time
import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest

from addax_common.storage import (
    BUCKET_CROPS,
    BUCKET_RAW,
    BUCKETS,
    DirectoryStorage,
    InvalidKey,
    ObjectNotFound,
    StorageError,
    crop_key,
    raw_image_key,
    verify_media_signature,
)


def test_put_get_roundtrip_and_overwrite(any_storage):
    key = raw_image_key(7, uuid.uuid4(), datetime(2026, 5, 1, tzinfo=UTC))
    any_storage.put(BUCKET_RAW, key, b"first", "image/jpeg")
    assert any_storage.get(BUCKET_RAW, key) == b"first"
    any_storage.put(BUCKET_RAW, key, b"second")  # idempotent handlers replace objects
    assert any_storage.get(BUCKET_RAW, key) == b"second"
    assert any_storage.exists(BUCKET_RAW, key)


def test_missing_object_raises_not_found(any_storage):
    with pytest.raises(ObjectNotFound):
        any_storage.get(BUCKET_CROPS, crop_key(uuid.uuid4(), 0))
    assert not any_storage.exists(BUCKET_CROPS, crop_key(uuid.uuid4(), 0))


def test_delete_is_idempotent(any_storage):
    key = crop_key(uuid.uuid4(), 3)
    any_storage.put(BUCKET_CROPS, key, b"x")
    any_storage.delete(BUCKET_CROPS, key)
    any_storage.delete(BUCKET_CROPS, key)
    assert not any_storage.exists(BUCKET_CROPS, key)


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "a/../b", "a//b", "", "naïve.jpg", "a b.jpg"])
def test_unsafe_keys_are_refused(any_storage, key):
    with pytest.raises(InvalidKey):
        any_storage.put(BUCKET_RAW, key, b"x")


def test_unknown_bucket_refused(any_storage):
    with pytest.raises(InvalidKey):
        any_storage.put("not-a-bucket", "a.jpg", b"x")


def test_url_is_time_limited(any_storage):
    key = crop_key(uuid.uuid4(), 0)
    any_storage.put(BUCKET_CROPS, key, b"x")
    url = any_storage.url(BUCKET_CROPS, key, ttl_seconds=60)
    query = parse_qs(urlparse(url).query)
    # S3 presigned (X-Amz-Expires) or HMAC-signed (expires + signature): both carry an expiry.
    assert "X-Amz-Expires" in query or ("expires" in query and "signature" in query)


def test_raw_key_layout():
    image_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert raw_image_key(3, image_id, datetime(2026, 1, 2, tzinfo=UTC)) == f"3/2026/01/02/{image_id}.jpg"
    assert raw_image_key(None, image_id, datetime(2026, 1, 2, tzinfo=UTC)).startswith("unassigned/")


def test_directory_hmac_url_verifies_and_expires(tmp_path):
    storage = DirectoryStorage(tmp_path, "", "s3cret")
    storage.ensure_buckets()
    url = storage.url(BUCKET_CROPS, "abc_0.jpg", ttl_seconds=30)
    parsed = urlparse(url)
    assert parsed.path == "/api/media/crops/abc_0.jpg"
    q = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    expires = int(q["expires"])
    assert verify_media_signature("s3cret", BUCKET_CROPS, "abc_0.jpg", expires, q["signature"])
    assert not verify_media_signature("other", BUCKET_CROPS, "abc_0.jpg", expires, q["signature"])
    assert not verify_media_signature("s3cret", BUCKET_CROPS, "abd_0.jpg", expires, q["signature"])
    assert not verify_media_signature("s3cret", BUCKET_CROPS, "abc_0.jpg", expires, q["signature"], now=time.time() + 31)


def test_directory_unavailable_raises_storage_error(tmp_path):
    storage = DirectoryStorage(tmp_path / "gone", "", "s")
    with pytest.raises(StorageError):
        storage.get(BUCKET_RAW, "a.jpg")
    with pytest.raises(StorageError):
        storage.ping()


def test_s3_unreachable_raises_storage_error():
    import boto3
    from botocore.config import Config

    from addax_common.storage import S3Storage

    client = boto3.client("s3", endpoint_url="http://127.0.0.1:9", aws_access_key_id="a", aws_secret_access_key="b",
                          region_name="us-east-1", config=Config(retries={"max_attempts": 1}, connect_timeout=1))
    storage = S3Storage(client)
    with pytest.raises(StorageError):
        storage.put(BUCKET_RAW, "a.jpg", b"x")


def test_all_buckets_created(any_storage):
    for bucket in BUCKETS:
        any_storage.put(bucket, "probe.bin", b"1")
        assert any_storage.get(bucket, "probe.bin") == b"1"


def test_s3_urls_are_signed_for_the_public_endpoint(s3_server):
    from addax_common.settings import Settings
    from addax_common.storage import S3Storage

    settings = Settings(
        _env_file=None, storage_backend="s3", s3_endpoint_url=s3_server.endpoint, s3_access_key="a",
        s3_secret_key="b", s3_public_endpoint_url="https://s3.cameratrap.example.org",
    )
    storage = S3Storage.from_settings(settings)
    url = storage.url(BUCKET_CROPS, "abc_0.jpg")
    assert url.startswith("https://s3.cameratrap.example.org/crops/abc_0.jpg?")
    assert "X-Amz-Signature" in url


def test_s3_client_computes_no_checksum_per_object(s3_server):
    """Settings' S3 client sends no CRC32 of each body (botocore's default since 1.36 costs CPU per PUT and
    GET): objects still round-trip byte for byte."""
    from addax_common.settings import Settings
    from addax_common.storage import S3Storage

    settings = Settings(
        _env_file=None, storage_backend="s3", s3_endpoint_url=s3_server.endpoint, s3_access_key="a",
        s3_secret_key="b", s3_bucket_prefix=f"c{uuid.uuid4().hex[:8]}-",
    )
    storage = S3Storage.from_settings(settings)
    storage.ensure_buckets()
    sent: list[dict[str, str]] = []
    storage.client.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(dict(request.headers)))
    data = bytes(range(256)) * 1000
    storage.put(BUCKET_RAW, "a/b.jpg", data, "image/jpeg")
    assert storage.get(BUCKET_RAW, "a/b.jpg") == data
    assert sent and not any(k.lower().startswith("x-amz-checksum") or k.lower() == "x-amz-trailer" for k in sent[0])


def test_directory_urls_are_stable_within_a_window(tmp_path):
    storage = DirectoryStorage(tmp_path, "", "s")
    first = storage.url(BUCKET_CROPS, "a_0.jpg", ttl_seconds=400, now=1000)
    assert storage.url(BUCKET_CROPS, "a_0.jpg", ttl_seconds=400, now=1099) == first  # cacheable by browsers
    later = storage.url(BUCKET_CROPS, "a_0.jpg", ttl_seconds=400, now=1100)
    assert later != first
    expires = int(parse_qs(urlparse(first).query)["expires"][0])
    assert 1000 + 300 <= expires <= 1000 + 400  # valid for at least three quarters of the TTL
