"""The Ansible playbook: structure, templates rendered with Jinja2, and `ansible-playbook --syntax-check`."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
import yaml

from addax_common.settings import Settings
from tests.deploy.common import (
    ANSIBLE,
    COMPOSE_ONLY,
    SETTING_NAMES,
    require,
    run,
)


def ansible_files() -> list[Path]:
    return sorted(p for p in ANSIBLE.rglob("*") if p.suffix in (".yml", ".example") and p.is_file())


def test_ansible_yaml_parses_and_roles_are_tagged():
    files = ansible_files()
    assert files
    for path in files:
        yaml.safe_load(path.read_text())
    play = yaml.safe_load((ANSIBLE / "playbook.yml").read_text())[0]
    roles = {entry["role"]: entry for entry in play["roles"]}
    assert set(roles) == {"docker", "vsftpd", "firewall", "ssl", "app"}
    for name, entry in roles.items():
        assert name in entry["tags"], f"role {name} has no tag"
        tasks = yaml.safe_load((ANSIBLE / "roles" / name / "tasks/main.yml").read_text())
        for task in tasks:
            assert name in task.get("tags", []), f"{name}: task {task.get('name')!r} is not tagged"


def test_vsftpd_template_forces_ftps_into_the_upload_dir():
    template = (ANSIBLE / "roles/vsftpd/templates/vsftpd.conf.j2").read_text()
    for line in (
        "ssl_enable=YES",
        "force_local_logins_ssl=YES",
        "force_local_data_ssl=YES",
        "anonymous_enable=NO",
        "chroot_local_user=YES",
        "pasv_min_port=",
        "pasv_max_port=",
        "pasv_address=",
        "local_root={{ vsftpd_upload_dir }}/$USER",
    ):
        assert line in template, line
    defaults = yaml.safe_load((ANSIBLE / "roles/vsftpd/defaults/main.yml").read_text())
    assert defaults["vsftpd_upload_dir"] == "{{ app_upload_dir }}"
    shared = yaml.safe_load((ANSIBLE / "group_vars/all.yml").read_text())
    assert shared["app_upload_dir"] == "{{ app_dir }}/data/uploads"
    # The env template hands the same folder to compose (UPLOAD_HOST_DIR -> /data/uploads in ingestion).
    assert "UPLOAD_HOST_DIR={{ app_upload_dir }}" in (ANSIBLE / "roles/app/templates/env.j2").read_text()


def ansible_vars() -> dict:
    import jinja2

    values: dict = {}
    for path in (
        ANSIBLE / "roles/app/defaults/main.yml",
        ANSIBLE / "group_vars/all.yml",
        ANSIBLE / "group_vars/production.yml.example",
    ):
        values.update(yaml.safe_load(path.read_text()) or {})
    values.update(
        ansible_managed="managed by Ansible",
        ansible_host="203.0.113.10",
        ansible_default_ipv4={"address": "203.0.113.10"},
    )
    for _ in range(5):  # resolve {{ ... }} references between variables
        values = {k: jinja2.Template(v).render(values) if isinstance(v, str) else v for k, v in values.items()}
    return values


@pytest.mark.parametrize("ftps_mode", ["builtin", "vsftpd"])
def test_ansible_env_template_renders_known_settings(ftps_mode, monkeypatch, tmp_path):
    import jinja2

    values = ansible_vars()
    values["ftps_mode"] = ftps_mode
    values["addax_secrets"] = {k: uuid.uuid4().hex * 2 for k in values["addax_secrets"]}
    values["ftps_accounts"] = [
        {"name": "camera01", "password": uuid.uuid4().hex, "camera": "Camera 01"},
        {"name": "site2", "password": uuid.uuid4().hex},
    ]
    env = jinja2.Template((ANSIBLE / "roles/app/templates/env.j2").read_text(), keep_trailing_newline=True).render(
        values
    )
    pairs = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", env, flags=re.M))
    unknown = sorted(set(pairs) - SETTING_NAMES - COMPOSE_ONLY)
    assert not unknown, f"env.j2 writes variables nothing reads: {unknown}"
    assert pairs["FTPS_ENABLED"] == ("false" if ftps_mode == "vsftpd" else "true")
    if ftps_mode == "vsftpd":
        assert pairs["FTPS_PUBLISH_ADDRESS"] == "127.0.0.1" and pairs["FTPS_PUBLISH_PORT"] != "21"
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / ".env"
    path.write_text(env)
    settings = Settings(_env_file=path)  # production validation passes with real secrets
    assert [a[0] for a in settings.ftps_account_list()] == ["camera01", "site2"]
    assert settings.ftps_account_list()[0][2] == "Camera 01"


def test_ansible_playbook_syntax(tmp_path):
    tool = require("ansible-playbook", "ansible")
    inventory = tmp_path / "inventory.yml"
    shutil.copy(ANSIBLE / "inventory.yml.example", inventory)
    result = run([tool, "-i", str(inventory), "playbook.yml", "--syntax-check"], cwd=ANSIBLE, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr




def test_ansible_lint(tmp_path):
    tool = require("ansible-lint", "ansible-lint")
    # Offline: no Galaxy lookups; the cache and temporary files go to tmp_path, never into the repository.
    env = {**os.environ, "HOME": str(tmp_path), "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp")}
    # Named explicitly: given ".", ansible-lint looks for files through git and finds only the playbook.
    roles = sorted(str(p.relative_to(ANSIBLE)) for p in (ANSIBLE / "roles").iterdir() if p.is_dir())
    result = run([tool, "--offline", "-p", "playbook.yml", *roles], cwd=ANSIBLE, env=env, timeout=240)
    assert "on 1 files" not in result.stdout + result.stderr, "ansible-lint saw only the playbook"
    assert result.returncode == 0, result.stdout + result.stderr
