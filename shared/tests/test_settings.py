import pytest
from pydantic import ValidationError

from addax_common.settings import Settings

STRONG = {
    "environment": "production",
    "jwt_secret": "x" * 40,
    "media_url_secret": "y" * 40,
    "alerts_secret_key": "k" * 40,
    "alertmanager_webhook_token": "t" * 40,
    "admin_password": "a-long-admin-password",
    "ftps_accounts": "cam01:a-long-ftps-password:Camera 1",
}


def test_production_accepts_strong_secrets():
    settings = Settings(_env_file=None, **STRONG)
    assert settings.ftps_account_list() == [("cam01", "a-long-ftps-password", "Camera 1")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("jwt_secret", "dev-only-jwt-secret-change-me"),
        ("jwt_secret", "short"),
        ("media_url_secret", "CHANGE_ME_" + "z" * 40),
        ("admin_password", "admin-change-me"),
        ("admin_password", "short"),
        ("ftps_accounts", "camera:camera-change-me"),
        ("ftps_accounts", "cam:short"),
        ("alerts_secret_key", "dev-only-alerts-secret-change-me-before-production"),
        ("alerts_secret_key", "short"),
        ("alertmanager_webhook_token", "dev-only-alertmanager-token-change-me-before-production"),
        ("alertmanager_webhook_token", ""),
    ],
)
def test_production_refuses_default_or_weak_secrets(field, value):
    with pytest.raises(ValidationError) as exc:
        Settings(_env_file=None, **(STRONG | {field: value}))
    assert field.upper() in str(exc.value)


def test_production_s3_needs_a_real_secret_key():
    with pytest.raises(ValidationError, match="S3_SECRET_KEY"):
        Settings(_env_file=None, **STRONG, storage_backend="s3", s3_secret_key="CHANGE_ME_s3_secret_key")


def test_development_allows_defaults():
    assert Settings(_env_file=None).environment == "development"


def test_csv_lists_from_environment(monkeypatch):
    monkeypatch.setenv("ONNX_PROVIDERS", "CUDAExecutionProvider, CPUExecutionProvider")
    monkeypatch.setenv("ALLOWED_SPECIES", "red fox,wolf")
    settings = Settings(_env_file=None)
    assert settings.onnx_providers == ["CUDAExecutionProvider", "CPUExecutionProvider"]
    assert settings.allowed_species == ["red fox", "wolf"]


def test_bad_ftps_account_is_a_clear_error():
    with pytest.raises(ValueError, match="user:password"):
        Settings(_env_file=None, ftps_accounts="onlyuser").ftps_account_list()


def test_ftps_account_options_plain_ftp_and_allowlist():
    from addax_common.ftp_accounts import address_allowed

    settings = Settings(_env_file=None, ftps_accounts=(
        "cam01:pw-1:Camera 01,old:pw-2:Ridge;plain;allow=198.51.100.0/24;allow=2001:db8::1,site:pw-3;plain"))
    cam01, old, site = settings.ftps_account_entries()
    assert (cam01.allow_plain_ftp, cam01.ip_allowlist, cam01.camera) == (False, (), "Camera 01")
    assert old.allow_plain_ftp and old.camera == "Ridge" and [str(n) for n in old.ip_allowlist] == [
        "198.51.100.0/24", "2001:db8::1/128"]
    assert site.allow_plain_ftp and site.camera is None and site.ip_allowlist == ()
    assert settings.ftps_account_list()[1] == ("old", "pw-2", "Ridge")
    assert address_allowed("198.51.100.9", old.ip_allowlist) and address_allowed("::ffff:198.51.100.9", old.ip_allowlist)
    assert not address_allowed("127.0.0.1", old.ip_allowlist) and address_allowed("127.0.0.1", ())
    with pytest.raises(ValueError, match="unknown option 'tls'"):
        Settings(_env_file=None, ftps_accounts="a:b;tls").ftps_account_entries()
    with pytest.raises(ValueError, match="not an IP address"):
        Settings(_env_file=None, ftps_accounts="a:b;allow=10.0.0.0/33").ftps_account_entries()


def test_worker_processes_per_stage_fill_the_cores(monkeypatch):
    """scripts/start.sh runs this many detection/classification processes (issue 15, item 1)."""
    for name in ("DETECTION_WORKERS", "CLASSIFICATION_WORKERS", "ONNX_INTRA_OP_THREADS"):
        monkeypatch.delenv(name, raising=False)
    default = Settings(_env_file=None)
    # Two processes sharing the cores: one's Python work overlaps the other's model call.
    assert default.worker_processes("detection", cores=8) == 2
    assert (default.worker_processes("classification", cores=2), default.intra_op_threads("classification", cores=2)) == (2, 1)
    assert default.worker_processes("detection", cores=1) == 1  # one core: one process
    two_threads = Settings(_env_file=None, onnx_intra_op_threads=2)
    assert two_threads.worker_processes("detection", cores=8) == 4
    assert two_threads.worker_processes("classification", cores=1) == 1  # never zero
    fixed = Settings(_env_file=None, detection_workers=3, onnx_intra_op_threads=2)
    assert (fixed.worker_processes("detection", cores=8), fixed.worker_processes("classification", cores=8)) == (3, 4)


@pytest.mark.parametrize(("name", "value"), [("rate_limit_per_user_per_minute", 0), ("rate_limit_per_minute", -1)])
def test_rate_limits_out_of_range_are_refused(name, value):
    # A per-user limit of 0 would answer 429 to every signed-in request; refuse it at start-up instead.
    with pytest.raises(ValidationError, match=name):
        Settings(_env_file=None, environment="development", **{name: value})
