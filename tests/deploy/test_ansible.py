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
    REPO,
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


def ansible_vars(inventory: str = "inventory.yml.example", host: str = "addax-vm-1") -> dict:
    """The variables a host of the example inventory sees: role defaults, group_vars, its host vars."""
    import jinja2

    hosts, groups = inventory_of(ANSIBLE / inventory)
    values: dict = {}
    for path in (
        ANSIBLE / "roles/app/defaults/main.yml",
        ANSIBLE / "group_vars/all.yml",
        ANSIBLE / "group_vars/production.yml.example",
    ):
        values.update(yaml.safe_load(path.read_text()) or {})
    for group, members in groups.items():
        if host in members and (ANSIBLE / f"group_vars/{group}.yml").exists() and group not in ("all", "production"):
            values.update(yaml.safe_load((ANSIBLE / f"group_vars/{group}.yml").read_text()))
    values.update(hosts[host])
    values.update(
        ansible_managed="managed by Ansible",
        ansible_default_ipv4={"address": hosts[host]["ansible_host"]},
        inventory_hostname=host,
        groups=groups,
        hostvars=hosts,
    )
    environment = jinja2.Environment()  # noqa: S701 - renders YAML and .env values, never HTML
    # Ansible's `extract` filter (group_vars/core.yml): container[item], then one key deeper.
    environment.filters["extract"] = lambda item, container, key=None: (
        container[item] if key is None else container[item][key]
    )
    for _ in range(5):  # resolve {{ ... }} references between variables
        values = {k: environment.from_string(v).render(values) if isinstance(v, str) else v for k, v in values.items()}
    return values


def inventory_of(path: Path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """(host -> its variables, group -> its hosts, children included) of a YAML inventory."""
    hosts: dict[str, dict] = {}
    groups: dict[str, list[str]] = {}

    def walk(name: str, group: dict) -> list[str]:
        members = []
        for host, host_vars in (group.get("hosts") or {}).items():
            hosts[host] = host_vars or {}
            members.append(host)
        for child, child_group in (group.get("children") or {}).items():
            members += walk(child, child_group or {})
        groups[name] = members
        return members

    walk("all", yaml.safe_load(path.read_text())["all"])
    return hosts, groups


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
    result = run([tool, "--offline", "-p", "playbook.yml", "multihost.yml", *roles], cwd=ANSIBLE, env=env, timeout=240)
    assert "on 1 files" not in result.stdout + result.stderr, "ansible-lint saw only the playbook"
    assert result.returncode == 0, result.stdout + result.stderr


def test_multihost_playbook_syntax_and_host_split(tmp_path):
    """multihost.yml: the single-host play on `core` only, then the worker play on `workers`."""
    tool = require("ansible-playbook", "ansible")
    inventory = tmp_path / "inventory.yml"
    shutil.copy(ANSIBLE / "inventory.multihost.yml.example", inventory)
    result = run([tool, "-i", str(inventory), "multihost.yml", "--syntax-check"], cwd=ANSIBLE, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = run([tool, "-i", str(inventory), "multihost.yml", "--list-hosts"], cwd=ANSIBLE, timeout=120)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    plays = [chunk.split("hosts (")[1].split("):", 1)[1].split() for chunk in listed.stdout.split("play #")[1:]]
    assert plays == [["addax-core"], ["addax-worker-1"]]
    single = tmp_path / "single.yml"
    shutil.copy(ANSIBLE / "inventory.yml.example", single)
    listed = run([tool, "-i", str(single), "playbook.yml", "--list-hosts"], cwd=ANSIBLE, timeout=120)
    assert "addax-vm-1" in listed.stdout, "one host without a workers group still gets the whole stack"


@pytest.mark.parametrize(
    ("host", "compose_file"),
    [("addax-core", "docker-compose.yml:docker-compose.core.yml"), ("addax-worker-1", "docker-compose.workers.yml")],
)
def test_multihost_env_points_each_host_at_its_compose_files(host, compose_file, monkeypatch, tmp_path):
    import jinja2

    values = ansible_vars("inventory.multihost.yml.example", host)
    values["addax_secrets"] = {k: uuid.uuid4().hex * 2 for k in values["addax_secrets"]}
    values["ftps_accounts"] = [{"name": "camera01", "password": uuid.uuid4().hex}]
    env = jinja2.Template((ANSIBLE / "roles/app/templates/env.j2").read_text(), keep_trailing_newline=True).render(
        values
    )
    pairs = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", env, flags=re.M))
    assert pairs["COMPOSE_FILE"] == compose_file
    assert pairs["CORE_PRIVATE_ADDRESS"] == "10.0.0.10"  # the core's private_address, on every host
    assert set(pairs) - SETTING_NAMES - COMPOSE_ONLY == set()
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(env)
    assert Settings(_env_file=tmp_path / ".env").environment == "production"  # workers start with it too
    if host == "addax-worker-1":
        assert values["firewall_public_services"] is False and values["detection_replicas"] >= 1
    else:
        assert values["firewall_cluster_peers"].strip() == "['10.0.0.11']"  # the workers' private addresses
    single = ansible_vars()
    assert single["core_private_address"] == "", "one host: no multi-host settings"


def test_core_firewall_admits_only_the_workers_to_the_published_data_stores():
    tasks = yaml.safe_load((ANSIBLE / "roles/firewall/tasks/main.yml").read_text())
    (cluster,) = [t for t in tasks if "ansible.builtin.blockinfile" in t]
    block = cluster["ansible.builtin.blockinfile"]
    assert block["path"] == "/etc/ufw/after.rules" and ":DOCKER-USER" in block["block"]
    assert "-s {{ peer }}" in block["block"] and "-j RETURN" in block["block"] and "-j DROP" in block["block"]
    defaults = yaml.safe_load((ANSIBLE / "roles/firewall/defaults/main.yml").read_text())
    core = yaml.safe_load((REPO / "docker-compose.core.yml").read_text())["services"]
    published = set()
    for service in core.values():
        for port in service["ports"]:
            address, host_port, _ = port.rsplit(":", 2)
            assert address.startswith("${CORE_PRIVATE_ADDRESS"), f"{port}: publish on the private address only"
            published.add(int(host_port))
    assert published == set(defaults["firewall_cluster_ports"])
    # Public services stay closed on workers: every rule for 80/443/21 depends on the switch.
    for task in tasks:
        text = yaml.safe_dump(task)
        if "'443'" in text or "'21'" in text:
            assert "firewall_public_services" in str(task.get("when")), task["name"]

