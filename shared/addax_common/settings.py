"""One settings object for every service, read once from the environment (and `.env`).

Every knob of the platform lives here so `.env.example` can document all of them in one place.
"""

from __future__ import annotations

import ipaddress
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from addax_common.ftp_accounts import AccountEntry, parse_account_entries

# Comma-separated in the environment ("a,b"), a list in code.
CsvList = Annotated[list[str], NoDecode]

DEFAULT_JWT_SECRET = "dev-only-jwt-secret-change-me-before-production"
DEFAULT_MEDIA_SECRET = "dev-only-media-secret-change-me-before-production"
DEFAULT_ADMIN_PASSWORD = "admin-change-me"
DEFAULT_ALERTS_SECRET_KEY = "dev-only-alerts-secret-change-me-before-production"
DEFAULT_ALERTMANAGER_WEBHOOK_TOKEN = "dev-only-alertmanager-token-change-me-before-production"
# Model worker processes per stage on one host when neither DETECTION_WORKERS / CLASSIFICATION_WORKERS
# nor ONNX_INTRA_OP_THREADS says (Settings.worker_processes).
DEFAULT_WORKERS_PER_HOST = 2
# A model file larger than this runs in one process per host by default, with every core's thread in
# its session: a second process would hold a second copy of the weights and activations (a
# MegaDetector-v5-size network: about 1.5 GiB a process) to overlap pre- and post-processing that is
# 1 % of its 8 s per image; one process at 2 threads did 4.1 s an image, two at 1 thread 7.9 s each
# (docs/performance.md, "Memory: the local stack idle and under load, MegaDetector-size detector").
LARGE_MODEL_BYTES = 256 * 1024**2
DEFAULT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_MAP_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

# A tile server's host: DNS labels, optionally with Leaflet's "{s}" sub-domain placeholder first.
_TILE_HOST = re.compile(r"^(\{s\}\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def _file_size(path: Path) -> int:
    """Bytes of a file; 0 when it is missing (a worker then refuses to start, in one line)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def tile_url_origin(url: str) -> str | None:
    """The CSP source of a map tile URL template: `http://tiles.local:8080`, `https://*.tile.example`
    for a `{s}.` sub-domain template, None for no tiles or a same-origin path (`/tiles/{z}/{x}/{y}.png`).

    Raises ValueError for anything else, so nothing but a scheme, a host and a port can reach the
    Content-Security-Policy header."""
    url = url.strip()
    if not url or (url.startswith("/") and not url.startswith("//")):
        if any(ch.isspace() for ch in url):
            raise ValueError("must not contain whitespace")
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise ValueError("must be an http:// or https:// URL template, a path on this site, or empty")
    if any(ch.isspace() for ch in url):
        raise ValueError("must not contain whitespace")
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0].lower()
    if "@" in netloc:
        raise ValueError("must not contain credentials")
    host, port = netloc, ""
    if netloc.startswith("["):  # IPv6 literal
        host, _, after = netloc[1:].partition("]")
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"has an invalid IPv6 address {host!r}") from None
        host = f"[{host}]"
        if after and not after.startswith(":"):
            raise ValueError("has an invalid port")
        port = after[1:]
    else:
        if ":" in netloc:
            host, port = netloc.rsplit(":", 1)
        if not _TILE_HOST.match(host):
            raise ValueError(f"has an invalid host {host!r}")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise ValueError("has an invalid port")
    host = "*." + host[4:] if host.startswith("{s}.") else host
    return f"{scheme.lower()}://{host}" + (f":{port}" if port else "")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    service_name: str = "addax"
    log_level: str = "INFO"

    # --- PostgreSQL + PostGIS and Redis -------------------------------------------------------
    database_url: str = "postgresql+psycopg2://postgres@127.0.0.1:5432/addax"
    # Connections each process keeps (pool) and may open beyond them (overflow) at busy moments. A
    # request that finds them all in use waits this long for one, then the API answers 503 with
    # Retry-After instead of holding the client (and a server thread) for the old default of 30 s.
    database_pool_size: int = Field(default=5, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    database_pool_timeout_seconds: float = Field(default=10.0, gt=0)
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Prefix for every Redis key, queue and channel, so test runs never touch the platform's data.
    redis_prefix: str = ""

    # --- Object storage ------------------------------------------------------------------------
    storage_backend: Literal["directory", "s3"] = "directory"
    storage_dir: Path = Path("data/storage")
    s3_endpoint_url: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_region: str = "us-east-1"
    # Host browsers use for presigned URLs when S3_ENDPOINT_URL is an internal name (http://minio:9000).
    s3_public_endpoint_url: str | None = None
    # Prepended to bucket names (raw-images -> <prefix>raw-images), so deployments can share an S3 account.
    s3_bucket_prefix: str = ""
    # Media URLs handed to browsers expire after this many seconds (S3 presign or HMAC-signed API URL).
    media_url_ttl_seconds: int = 3600
    media_url_secret: str = DEFAULT_MEDIA_SECRET
    # Base URL browsers use for signed media links; empty = same origin as the web app (relative URLs).
    public_api_url: str = ""

    # --- Ingestion -----------------------------------------------------------------------------
    upload_dir: Path = Path("data/uploads")
    ftps_host: str = "127.0.0.1"
    ftps_port: int = 2121
    ftps_passive_ports: str = "30000-30019"
    # Address announced to clients in PASV replies (NAT); defaults to ftps_host.
    ftps_masquerade_address: str | None = None
    ftps_cert_file: Path | None = None
    ftps_key_file: Path | None = None
    # "user:password[:camera name][;plain][;allow=CIDR],user2:password2" — one account per camera or
    # per site; ;plain and ;allow= as in addax_common.ftp_accounts. More accounts: dashboard (ftp_accounts).
    ftps_accounts: str = "camera:camera-change-me"
    ftps_enabled: bool = True
    # Implicit FTPS (TLS from the first byte, usually port 990) on this second port; None = off.
    ftps_implicit_port: int | None = None
    # Seconds the FTP server caches accounts created in the dashboard (a new one works within this).
    ftp_accounts_cache_seconds: float = 5.0
    ingest_min_bytes: int = 1024
    ingest_max_bytes: int = 50 * 1024 * 1024
    ingest_max_pixels: int = 60_000_000
    # Largest Camtrap DP / MegaDetector zip the API accepts for an import (it is spooled to a temporary file).
    import_max_bytes: int = 2 * 1024 * 1024 * 1024
    # Web upload, HTTP upload API and addax-upload (API domain `uploads`): resumable uploads are kept
    # here until complete (several API processes must share it); largest body one request may send;
    # requests a minute per upload key or per signed-in user on the upload routes (instead of the
    # general limit); hours an unfinished resumable upload is kept.
    upload_staging_dir: Path = Path("data/upload-staging")
    upload_max_body_bytes: int = Field(64 * 1024 * 1024, ge=1024)
    upload_rate_limit_per_minute: int = Field(3000, ge=1)
    upload_session_ttl_hours: float = Field(48.0, gt=0)
    # Seconds a file from an external FTPS server must keep the same size before it is picked up.
    ingest_stable_seconds: float = 2.0
    ingest_scan_interval_seconds: float = 30.0
    # Regex with a named group "camera" that identifies the camera from a file name (CAM07_0001.JPG ->
    # CAM07); makers' default prefixes (IMG_0001.JPG) never name a camera (addax_common.ingest.filenames).
    camera_filename_pattern: str = r"^(?P<camera>[A-Za-z0-9-]+)[_-]\d"

    # --- Models and inference ------------------------------------------------------------------
    detector_model_path: Path = Path("models/weights/demo-detector.onnx")
    classifier_model_path: Path = Path("models/weights/demo-classifier.onnx")
    # "auto": CUDA, then OpenVINO, when the installed onnxruntime has them, else the CPU; an explicit
    # list is tried in order, the CPU last, with one warning naming what this build lacks.
    onnx_providers: CsvList = ["auto"]
    # Threads one ONNX Runtime session uses for one inference call; 0 = sized to the machine: the cores
    # divided among this stage's worker processes (intra_op_threads()).
    onnx_intra_op_threads: int = 0
    # Let ONNX Runtime's worker threads spin-wait for the next piece of work instead of sleeping. Off: a
    # spinning thread keeps its core busy after every run, taking it from the crops, thumbnails and the
    # other model stage that share this host (docs/performance.md, "Detector layouts").
    onnx_allow_spinning: bool = False
    # The model catalog: a worker checks its model's sha256 against it at start (a mismatch stops it;
    # a missing file skips the check) and the Models page lists its entries.
    models_catalog_path: Path | None = Path("models/catalog.yaml")
    # Worker processes per stage that scripts/start.sh runs on this host; 0 = sized to the cores:
    # cores / ONNX_INTRA_OP_THREADS when that is set, else two (one on a single core, or for a model file
    # over LARGE_MODEL_BYTES) sharing the cores (worker_processes()). Compose and Kubernetes scale by replicas instead: the worker image sets 1.
    detection_workers: int = 0
    classification_workers: int = 0
    detection_store_threshold: float = 0.1
    detection_classify_threshold: float = 0.2
    # Machine labels scoring below this are not stored (0 = keep the whole top-k).
    classification_min_score: float = Field(0.0, ge=0, le=1)
    # Roll-up (classifiers whose labels carry a taxonomy, e.g. SpeciesNet): a best species below this
    # probability is replaced by the first genus / family / order / class whose summed probability
    # reaches it; the stored row says the rank. 0 = never roll up.
    classification_rollup_threshold: float = Field(0.65, ge=0, le=1)
    # Blur people (person detections) in thumbnails, crops and the images viewers and analysts get;
    # admins can still open the original (audited).
    blur_people: bool = True
    # The four thresholds above and blur_people are defaults: the Models page overrides them at run
    # time (table runtime_settings); workers and the API re-read them at most this often.
    runtime_settings_ttl_seconds: float = Field(30.0, gt=0)
    # The directory holding model files the Models page lists (besides the `models` bucket); the API
    # only hashes files, it never runs a model.
    models_dir: Path = Path("models/weights")
    detection_batch_size: int = 4
    classification_batch_size: int = 4
    classification_top_k: int = 5
    # Optional comma-separated list of species the classifier may answer (a deployment's species).
    allowed_species: CsvList = []
    thumbnail_size: int = 400
    crop_margin: float = 0.1
    # Crops are stored shrunk by whole factors while their shorter side stays at least this (0: full
    # resolution); at least the classifier's input size, which squashes each crop to a square.
    crop_short_side: int = Field(512, ge=0)

    # --- Queue reliability ---------------------------------------------------------------------
    queue_max_attempts: int = 3
    queue_backoff_seconds: float = 2.0
    heartbeat_ttl_seconds: int = 30
    # An image whose state has not moved for this long is enqueued again by the reconciler.
    reconcile_after_seconds: int = 600
    reconcile_interval_seconds: float = 30.0
    # A worker that loses Redis or PostgreSQL waits 0.5 s, 1 s, 2 s, ... up to this, then tries again.
    outage_backoff_max_seconds: float = 10.0

    # Safety bound of the classification-complete queue (oldest messages dropped past it): the alerts
    # reconciler evaluates completed images that never reached it, so a trimmed message loses nothing.
    classification_complete_max_length: int = 100_000

    # --- Alerts --------------------------------------------------------------------------------
    # Encrypts channel secrets (bot tokens, SMTP passwords, API keys) at rest; any long random string
    # (a Fernet key is derived from it). Changing it makes stored channel secrets unreadable.
    alerts_secret_key: str = DEFAULT_ALERTS_SECRET_KEY
    # Which loops this alerts process runs: evaluate (classification-complete -> alert logs),
    # deliver (alert-deliveries -> channels), schedule (digests, health checks, reconciler; one
    # active replica at a time under a Redis lock), webhook (Alertmanager's system-health alerts).
    alerts_loops: CsvList = ["evaluate", "deliver", "schedule", "webhook"]
    # Completed images older than this are never evaluated by the reconciler (no paging about last week).
    alerts_max_age_seconds: int = 6 * 3600
    # Completed-but-unevaluated images and pending deliveries older than this are queued again.
    alerts_reconcile_after_seconds: float = 60.0
    alerts_scheduler_interval_seconds: float = 30.0
    alerts_delivery_max_attempts: int = 6
    alerts_delivery_backoff_seconds: float = 30.0
    alerts_delivery_concurrency: int = 8
    # Seconds one channel call may take (connect + answer) before it counts as a retryable failure.
    alerts_channel_timeout_seconds: float = 15.0
    # The same for the API's "send test", which a person waits for: shorter.
    alerts_test_timeout_seconds: float = 8.0
    # Species groups rules may name; empty = the file shipped in addax_common/data/species_groups.toml.
    species_groups_file: Path | None = None
    # Link to the dashboard in messages (e.g. https://addax.example.org); empty = no link.
    alerts_public_base_url: str = ""
    # The alerts service's Alertmanager webhook (`POST /alertmanager`, the `webhook` loop): its port
    # on the compose network, and the bearer token Alertmanager sends (monitoring/alertmanager.yml).
    alerts_webhook_port: int = 9105
    alertmanager_webhook_token: str = DEFAULT_ALERTMANAGER_WEBHOOK_TOKEN

    # --- Metrics -------------------------------------------------------------------------------
    metrics_port: int = 0  # 0 = per-service default (ingestion 9101, detection 9102, ...)

    # --- API and security ----------------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    # API processes sharing the port: one Python process uses one core at a time. Each has its own
    # database pool (DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW connections).
    api_workers: int = Field(1, ge=1, le=64)
    # Proxies whose X-Forwarded-For the API trusts (nginx in compose), so rate limits and audit rows
    # see the real client address.
    forwarded_allow_ips: str = "127.0.0.1"
    jwt_secret: str = DEFAULT_JWT_SECRET
    jwt_algorithm: str = "HS256"
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    cookie_secure: bool = True
    cors_origins: CsvList = ["http://127.0.0.1:5173", "http://localhost:5173"]
    # Requests a minute: per client IP for anonymous requests (0 switches the limit off), and per user
    # for signed-in ones. 600 a user: a reviewer at one image a second correcting every species sends
    # 300 a minute, plus up to 150 live-update refreshes (docs/api.md, "Security measures").
    rate_limit_per_minute: int = Field(100, ge=0)
    # At least 1: signed-in users are always counted (0 here would refuse every signed-in request).
    rate_limit_per_user_per_minute: int = Field(600, ge=1)
    login_max_attempts: int = 5
    login_lockout_seconds: int = 900
    stats_cache_seconds: int = 300
    # The gallery's answers and the project scopes of reads (who the user is, their role in the project)
    # kept in memory at most this long (addax_api/response_cache.py, scope_cache.py); every change made
    # through the API or reported by the pipeline invalidates them at once, so this only bounds how long
    # a change nobody reported (an edit straight in the database) can go unseen. 0 switches both off.
    response_cache_seconds: float = Field(30.0, ge=0)
    frontend_dist_dir: Path = Path("services/frontend/dist")
    admin_email: str = "admin@example.org"
    admin_password: str = DEFAULT_ADMIN_PASSWORD

    # --- Dashboard map -------------------------------------------------------------------------
    # Leaflet URL template of the map tiles ({z}/{x}/{y}, optional {s}. sub-domain); empty = no tiles.
    map_tile_url: str = DEFAULT_MAP_TILE_URL
    # HTML credit line shown on the map (the tile provider's terms usually require one).
    map_tile_attribution: str = DEFAULT_MAP_TILE_ATTRIBUTION

    @field_validator("onnx_providers", "allowed_species", "cors_origins", "alerts_loops", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip().startswith("["):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("map_tile_url")
    @classmethod
    def _check_tile_url(cls, value: str) -> str:
        tile_url_origin(value)
        return value.strip()

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment != "production":
            return self
        def placeholder(value: str | None) -> bool:
            return value is None or "change" in value.lower().replace("_", "-")

        defaults = {
            "JWT_SECRET": placeholder(self.jwt_secret) or len(self.jwt_secret) < 32,
            "MEDIA_URL_SECRET": placeholder(self.media_url_secret) or len(self.media_url_secret) < 32,
            "ADMIN_PASSWORD": placeholder(self.admin_password) or len(self.admin_password) < 12,
            "FTPS_ACCOUNTS": placeholder(self.ftps_accounts)
            or any(len(password) < 12 for _, password, _ in self.ftps_account_list()),
            "S3_SECRET_KEY": self.storage_backend == "s3" and placeholder(self.s3_secret_key),
            "ALERTS_SECRET_KEY": placeholder(self.alerts_secret_key) or len(self.alerts_secret_key) < 32,
            "ALERTMANAGER_WEBHOOK_TOKEN": placeholder(self.alertmanager_webhook_token)
            or len(self.alertmanager_webhook_token) < 32,
        }
        bad = [name for name, is_default in defaults.items() if is_default]
        if bad:
            raise ValueError(
                "production settings refuse default or short secrets; set strong values for: " + ", ".join(bad)
            )
        return self

    @property
    def map_tile_origin(self) -> str | None:
        """Where the map tiles come from, as a Content-Security-Policy source (None: no other origin)."""
        return tile_url_origin(self.map_tile_url)

    @property
    def passive_port_range(self) -> range:
        low, high = (int(p) for p in self.ftps_passive_ports.split("-"))
        return range(low, high + 1)

    def ftps_account_entries(self) -> list[AccountEntry]:
        """Each FTPS_ACCOUNTS entry with its options (plain FTP, IP allow-list): addax_common.ftp_accounts."""
        return parse_account_entries(self.ftps_accounts)

    def ftps_account_list(self) -> list[tuple[str, str, str | None]]:
        """(username, password, camera name or None) for each configured FTPS account."""
        return [(e.username, e.password, e.camera) for e in self.ftps_account_entries()]

    def model_path(self, stage: Literal["detection", "classification"]) -> Path:
        """The ONNX file a model stage runs (DETECTOR_MODEL_PATH or CLASSIFIER_MODEL_PATH)."""
        return self.detector_model_path if stage == "detection" else self.classifier_model_path

    def batch_size(self, stage: Literal["detection", "classification"]) -> int:
        """Images a model stage takes from its queue for one inference call."""
        return self.detection_batch_size if stage == "detection" else self.classification_batch_size

    def worker_processes(self, stage: Literal["detection", "classification"], cores: int | None = None) -> int:
        """Processes of a model stage scripts/start.sh runs: the configured number, else as many as the
        cores hold at ONNX_INTRA_OP_THREADS threads each, else DEFAULT_WORKERS_PER_HOST.

        Two by default, each with half the cores: while one process decodes, crops, writes objects
        and rows, the other runs its model, and sessions with fewer threads waste less CPU waiting on
        each other when other processes (ingestion, PostgreSQL, the other stage) hold a core. On the
        2-core development machine 2 processes x 1 thread gave more images per second at the same
        CPU cost per image of the model than 1 x 2 (docs/performance.md, "Pipeline efficiency").
        One for a model file over LARGE_MODEL_BYTES: memory, not overlap, is what a second process costs."""
        configured = self.detection_workers if stage == "detection" else self.classification_workers
        if configured > 0:
            return configured
        cores = cores or os.cpu_count() or 1
        if self.onnx_intra_op_threads > 0:
            return max(1, cores // self.onnx_intra_op_threads)
        if _file_size(self.model_path(stage)) > LARGE_MODEL_BYTES:
            return 1
        return min(DEFAULT_WORKERS_PER_HOST, cores)

    def intra_op_threads(self, stage: Literal["detection", "classification"], cores: int | None = None) -> int:
        """Threads per ONNX Runtime session: the configured number, else this stage's share of the cores."""
        if self.onnx_intra_op_threads > 0:
            return self.onnx_intra_op_threads
        cores = cores or os.cpu_count() or 1
        return max(1, cores // self.worker_processes(stage, cores))

    def key(self, name: str) -> str:
        """A Redis key, queue or channel name under this deployment's prefix."""
        return f"{self.redis_prefix}{name}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
