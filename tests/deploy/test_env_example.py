""".env.example documents every setting, and its placeholders are refused."""

from __future__ import annotations

import re

import pytest

from addax_common.settings import Settings
from tests.deploy.common import (
    COMPOSE_ONLY,
    REPO,
    SETTING_NAMES,
    env_example,
    env_with_real_secrets,
)


def test_env_example_documents_every_setting():
    text = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]*)=", text, flags=re.M))
    missing = sorted(SETTING_NAMES - documented)
    assert not missing, f".env.example does not document: {missing}"


def test_env_example_has_no_unknown_variables():
    unknown = sorted(set(env_example()) - SETTING_NAMES - COMPOSE_ONLY)
    assert not unknown, f".env.example sets variables nothing reads: {unknown}"


def test_env_example_placeholders_are_refused_and_real_values_load(monkeypatch, tmp_path):
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    placeholder = tmp_path / "placeholder.env"
    placeholder.write_text((REPO / ".env.example").read_text())
    with pytest.raises(ValueError, match="JWT_SECRET"):
        Settings(_env_file=placeholder)

    real = tmp_path / "real.env"
    real.write_text("".join(f"{k}={v}\n" for k, v in env_with_real_secrets().items()))
    settings = Settings(_env_file=real)
    assert settings.environment == "production"
    assert settings.storage_backend == "s3"
    assert settings.cookie_secure is True
    assert settings.cors_origins == ["https://cameratrap.example.org"]
    assert settings.ftps_account_list()[0][0] == "camera01"
    assert len(settings.passive_port_range) == 20


